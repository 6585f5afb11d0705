/**
 * sysctl (procps-ng 3.3.17, Ubuntu 22.04): read and write the kernel parameters of the current
 * network namespace (net/kernel-params.ts: net.ipv4.ip_forward is live, a few others read
 * Linux's defaults). `sysctl -w key=value` and plain `sysctl key=value` write, as procps-ng does;
 * `-p [FILE]` loads settings from a file (default /etc/sysctl.conf).
 *
 * Messages are procps-ng's (sysctl.c ReadSetting/WriteSetting/Preload): `key = value` after a
 * write (the value as given, unless -q), `sysctl: cannot stat /proc/sys/...: No such file or
 * directory` for an unknown key, `sysctl: setting key "K": Invalid argument` when the kernel
 * refuses the value, `sysctl: "K" must be of the form name=value` for -w without '='.
 */
import type { CommandSpec } from '../../shell/registry';
import type { ExecContext } from '../../shell/context';
import type { Proc } from '../../shell/process';
import { getopt } from '../../shell/args';
import { resolvePath } from '../../fs/vfs';
import { kernelParamNames, readKernelParam, writeKernelParam } from '../../net/kernel-params';

const DEFAULT_PRELOAD = '/etc/sysctl.conf';

/** Usage (in our words; procps-ng's layout): printed for no arguments, -h and bad options. */
const USAGE =
  '\nUsage:\n sysctl [options] [variable[=value] ...]\n\n' +
  'Options:\n' +
  '  -a, --all            show every variable the sandbox models\n' +
  '  -b, --binary         print the value without a newline\n' +
  '  -e, --ignore         say nothing about unknown variables\n' +
  '  -N, --names          print names only\n' +
  '  -n, --values         print values only\n' +
  '  -p, --load[=<file>]  set the variables a file lists (default /etc/sysctl.conf)\n' +
  '  -q, --quiet          do not echo the variables that are set\n' +
  '  -w, --write          set variables given as name=value\n\n' +
  ' -h, --help     show this help\n' +
  ' -V, --version  show the version\n\n' +
  'For more details see sysctl(8).\n';

interface Flags {
  readonly quiet: boolean;
  /** -n / -b: the value without the name; -b also without the newline. */
  readonly printName: boolean;
  readonly printNewline: boolean;
  readonly namesOnly: boolean;
  readonly ignore: boolean;
}

/** sysctl accepts net/ipv4/ip_forward too, and always prints the dotted name. */
function dotted(key: string): string {
  return key.replace(/\//g, '.');
}

function statError(ctx: ExecContext, name: string): void {
  ctx.err(`sysctl: cannot stat /proc/sys/${name.replace(/\./g, '/')}: No such file or directory\n`);
}

/** ReadSetting(): print one variable (or every one below a directory); 0, or -1 when unknown. */
function readSetting(ctx: ExecContext, key: string, f: Flags): number {
  const name = dotted(key);
  const value = readKernelParam(ctx.node.stack, name);
  if (value === undefined) {
    const below = kernelParamNames().filter((n) => n.startsWith(`${name}.`));
    if (below.length && name !== '') return below.reduce((rc, n) => rc | readSetting(ctx, n, f), 0);
    if (f.ignore) return 0;
    statError(ctx, name);
    return -1;
  }
  if (f.namesOnly) ctx.out(`${name}\n`);
  else if (f.printName) ctx.out(`${name} = ${value}\n`);
  else ctx.out(f.printNewline ? `${value}\n` : value);
  return 0;
}

/** WriteSetting(): `name=value`; 0 on success, -1 or -2 when it fails. */
function writeSetting(ctx: ExecContext, setting: string, f: Flags): number {
  const eq = setting.indexOf('=');
  if (eq < 0) {
    ctx.err(`sysctl: "${setting}" must be of the form name=value\n`);
    return -1;
  }
  if (eq === 0) {
    ctx.err(`sysctl: malformed setting "${setting}"\n`);
    return -2;
  }
  // A leading '-' (as in sysctl.conf) means: ignore this setting's failure.
  const ignoreFailure = setting.startsWith('-');
  const name = dotted(setting.slice(ignoreFailure ? 1 : 0, eq));
  const value = setting.slice(eq + 1);
  const r = writeKernelParam(ctx.node.stack, name, `${value}\n`);
  if (r === 'ENOENT') {
    if (f.ignore) return 0;
    statError(ctx, name);
    return -1;
  }
  if (r === 'EINVAL') {
    // The kernel refuses the value at close(); procps-ng 3.3.17 warns but still exits 0.
    ctx.err(`sysctl: setting key "${name}": Invalid argument\n`);
    return 0;
  }
  if (r === 'not-emulated') {
    ctx.err(`sysctl: setting key "${name}": not supported in this sandbox (net.ipv4.ip_forward can be set)\n`);
    return ignoreFailure ? 0 : -1;
  }
  if (!f.quiet) {
    if (f.namesOnly) ctx.out(`${name}\n`);
    else if (f.printName) ctx.out(`${name} = ${value}\n`);
    else ctx.out(f.printNewline ? `${value}\n` : value);
  }
  return 0;
}

/** Preload(): each `name = value` line of a file; '#' and ';' start comments. */
function preload(ctx: ExecContext, file: string, f: Flags): number {
  const path = resolvePath(file, ctx.shell.cwd, ctx.shell.home);
  const text = ctx.sandbox.fs.isFile(path) ? ctx.sandbox.fs.readFile(path) : undefined;
  if (typeof text !== 'string') {
    ctx.err(`sysctl: cannot open "${file}": ${ctx.sandbox.fs.exists(path) ? 'Is a directory' : 'No such file or directory'}\n`);
    return -1;
  }
  let rc = 0;
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line.length < 2 || line.startsWith('#') || line.startsWith(';')) return;
    // strtok(t, "=") then strtok(NULL, "\n\r"): leading '='s are skipped.
    const t = line.replace(/^=+/, '');
    const eq = t.indexOf('=');
    const name = (eq < 0 ? t : t.slice(0, eq)).trim();
    const value = eq < 0 ? '' : t.slice(eq + 1).replace(/^[ \t]+/, '');
    if (name === '' || value === '') {
      ctx.err(`sysctl: ${file}(${i + 1}): invalid syntax, continuing...\n`);
      return;
    }
    rc |= writeSetting(ctx, `${name}=${value}`, f);
  });
  return rc;
}

/** The exit status: main() returns the int it summed; the shell sees its low byte. */
const status = (rc: number): number => rc & 0xff;

function* run(ctx: ExecContext, argv: string[]): Proc {
  if (argv.length === 0) {
    ctx.err(USAGE);
    return 1;
  }
  // -p takes its file attached (-pFILE, --load=FILE); more files may follow as operands.
  const words = argv.flatMap((a) => {
    const m = /^(?:-p|-f|--load=)(.+)$/.exec(a);
    return m ? ['-p', m[1]!] : a === '--load' || a === '-f' ? ['-p'] : [a];
  });
  const p = getopt('sysctl', words, {
    short: 'bneNwpqoxaAXr:Vdh',
    long: [
      { name: 'all', arg: 'none', key: 'a' }, { name: 'binary', arg: 'none', key: 'b' },
      { name: 'ignore', arg: 'none', key: 'e' }, { name: 'names', arg: 'none', key: 'N' },
      { name: 'values', arg: 'none', key: 'n' }, { name: 'quiet', arg: 'none', key: 'q' },
      { name: 'write', arg: 'none', key: 'w' }, { name: 'help', arg: 'none', key: 'h' },
      { name: 'version', arg: 'none', key: 'V' }, { name: 'system', arg: 'none', key: 'system' },
      { name: 'deprecated', arg: 'none', key: 'deprecated' }, { name: 'pattern', arg: 'required', key: 'r' },
    ],
  });
  if (!p.ok) {
    // getopt's message, then Usage(stdout): procps-ng exits 0 here.
    ctx.err(`${p.error}\n`);
    ctx.out(USAGE);
    return 0;
  }
  const o = p.opts;
  if (o.has('h') || o.has('d')) {
    ctx.out(USAGE);
    return 0;
  }
  if (o.has('V')) {
    ctx.out('sysctl from procps-ng 3.3.17\n');
    return 0;
  }
  if (o.has('system') || o.has('r')) {
    ctx.err(`sysctl: ${o.has('r') ? '--pattern' : '--system'} is not supported in this sandbox\n`);
    return 1;
  }
  const f: Flags = {
    quiet: o.has('q'), printName: !(o.has('n') || o.has('b')), printNewline: !o.has('b'), namesOnly: o.has('N'), ignore: o.has('e'),
  };
  if (o.has('a') || o.has('A') || o.has('X')) {
    return status(kernelParamNames().reduce((rc, name) => rc | readSetting(ctx, name, f), 0));
  }
  if (o.has('p')) {
    const files = o.operands.length ? o.operands : [DEFAULT_PRELOAD];
    return status(files.reduce((rc, file) => rc | preload(ctx, file, f), 0));
  }
  if (o.operands.length === 0) {
    ctx.err("sysctl: no variables specified\nTry `sysctl --help' for more information.\n");
    return 1;
  }
  if (f.namesOnly && f.quiet) {
    ctx.err("sysctl: options -N and -q cannot coexist\nTry `sysctl --help' for more information.\n");
    return 1;
  }
  let rc = 0;
  for (const item of o.operands) rc += o.has('w') || item.includes('=') ? writeSetting(ctx, item, f) : readSetting(ctx, item, f);
  return status(rc);
}
export const sysctlCommand: CommandSpec = {
  name: 'sysctl',
  family: 'linux',
  where: 'any',
  summary: 'read or set kernel parameters (ip_forward)',
  usage: 'sysctl [-n] [-q] [-w] name[=value] ... | sysctl -p [file] | sysctl -a',
  options: ['-w', '-n', '-N', '-q', '-e', '-p', '-a'],
  run: (ctx, argv) => run(ctx, argv),
};
