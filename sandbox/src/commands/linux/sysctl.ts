/**
 * sysctl (procps): read and write kernel parameters of the current network namespace.
 * Emulated: net.ipv4.ip_forward (and its alias net.ipv4.conf.all.forwarding). Other keys are
 * readable with Linux's defaults where lessons need them; writing them says it is not emulated.
 */
import type { CommandSpec } from '../../shell/registry';
import type { Proc } from '../../shell/process';

function* sync(fn: () => number): Proc {
  return fn();
}

const FORWARD_KEYS = new Set(['net.ipv4.ip_forward', 'net.ipv4.conf.all.forwarding']);
const READ_ONLY_DEFAULTS: Record<string, string> = {
  'net.ipv4.ip_default_ttl': '64',
  'net.ipv4.icmp_echo_ignore_all': '0',
  'net.ipv4.icmp_echo_ignore_broadcasts': '1',
  'net.ipv6.conf.all.disable_ipv6': '0',
};

function norm(key: string): string {
  return key.replace(/\//g, '.');
}

export const sysctlCommand: CommandSpec = {
  name: 'sysctl', family: 'linux', where: 'any', summary: 'read or set kernel parameters (ip_forward)', usage: 'sysctl [-w] [-n] key[=value] ...',
  options: ['-w', '-n', '-a'],
  run: (ctx, argv) =>
    sync(() => {
      let nameOnly = false;
      let write = false;
      const items: string[] = [];
      for (const a of argv) {
        if (a === '-w') write = true;
        if (a === '-w' || a === '-q') continue;
        if (a === '-n') nameOnly = true;
        else if (a === '-a') items.push(...[...FORWARD_KEYS].slice(0, 1), ...Object.keys(READ_ONLY_DEFAULTS));
        else if (a.startsWith('-')) {
          ctx.err(`sysctl: invalid option -- '${a.slice(1, 2)}'\n`);
          return 1;
        } else items.push(a);
      }
      if (items.length === 0) {
        // procps-ng sysctl.c main(): xerrx(EXIT_FAILURE, "no variables specified ...").
        ctx.err("sysctl: no variables specified\nTry `sysctl --help' for more information.\n");
        return 1;
      }
      let status = 0;
      for (const item of items) {
        const eq = item.indexOf('=');
        if (write && eq < 0) {
          // WriteSetting() without "=": a warning, and the next item is still processed.
          ctx.err(`sysctl: "${item}" must be of the form name=value\n`);
          status = 1;
          continue;
        }
        const key = norm(eq < 0 ? item : item.slice(0, eq));
        if (eq >= 0) {
          const value = item.slice(eq + 1).trim();
          if (FORWARD_KEYS.has(key)) {
            if (value !== '0' && value !== '1') {
              ctx.err(`sysctl: setting key "${key}": Invalid argument\n`);
              status = 1;
              continue;
            }
            ctx.node.stack.forwarding = value === '1';
            ctx.out(`${key} = ${value}\n`);
          } else if (key in READ_ONLY_DEFAULTS) {
            ctx.err(`sysctl: setting ${key} is not supported in this sandbox\n`);
            status = 1;
          } else {
            ctx.err(`sysctl: cannot stat /proc/sys/${key.replace(/\./g, '/')}: No such file or directory\n`);
            status = 1;
          }
          continue;
        }
        let value: string | undefined;
        if (FORWARD_KEYS.has(key)) value = ctx.node.stack.forwarding ? '1' : '0';
        else value = READ_ONLY_DEFAULTS[key];
        if (value === undefined) {
          ctx.err(`sysctl: cannot stat /proc/sys/${key.replace(/\./g, '/')}: No such file or directory\n`);
          status = 1;
          continue;
        }
        ctx.out(nameOnly ? `${value}\n` : `${key} = ${value}\n`);
      }
      return status;
    }),
};
