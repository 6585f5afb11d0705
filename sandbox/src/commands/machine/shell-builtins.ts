/**
 * bash builtins and the small coreutils every lesson touches: cd, pwd, echo, exit, clear,
 * history, help, sudo, true, false, export, jobs, kill, sleep, hostname.
 * Messages are bash's and coreutils' own.
 */
import type { CommandSpec } from '../../shell/registry';
import type { ExecContext } from '../../shell/context';
import type { Proc } from '../../shell/process';
import { sleep } from '../../shell/process';
import { fsErrorText, resolvePath } from '../../fs/vfs';
import { LAB_HOSTNAME } from '../../devices/lab-machine';
import { jobStateText } from '../../shell/shell-state';

export { jobStateText };

function* sync(fn: () => number): Proc {
  return fn();
}

export const cdCommand: CommandSpec = {
  name: 'cd', family: 'shell', where: 'any', summary: 'change the working directory', usage: 'cd [dir]',
  run: (ctx, argv) =>
    sync(() => {
      if (argv.length > 1) {
        ctx.err('bash: cd: too many arguments\n');
        return 1;
      }
      const target = argv[0] === undefined ? ctx.shell.home : argv[0] === '-' ? ctx.shell.vars.get('OLDPWD') ?? ctx.shell.cwd : argv[0];
      const path = resolvePath(target, ctx.shell.cwd, ctx.shell.home);
      if (!ctx.sandbox.fs.exists(path)) {
        ctx.err(`bash: cd: ${argv[0]}: No such file or directory\n`);
        return 1;
      }
      if (!ctx.sandbox.fs.isDir(path)) {
        ctx.err(`bash: cd: ${argv[0]}: Not a directory\n`);
        return 1;
      }
      ctx.shell.vars.set('OLDPWD', ctx.shell.cwd);
      ctx.shell.cwd = path;
      if (argv[0] === '-') ctx.out(path + '\n');
      return 0;
    }),
};

export const pwdCommand: CommandSpec = {
  name: 'pwd', family: 'shell', where: 'any', summary: 'print the working directory', usage: 'pwd',
  run: (ctx) => sync(() => (ctx.out(ctx.shell.cwd + '\n'), 0)),
};

/** echo with -n and -e as bash's builtin. */
export const echoCommand: CommandSpec = {
  name: 'echo', family: 'shell', where: 'any', summary: 'print its arguments', usage: 'echo [-neE] [arg ...]',
  run: (ctx, argv) =>
    sync(() => {
      let newline = true;
      let escapes = false;
      let i = 0;
      while (i < argv.length && /^-[neE]+$/.test(argv[i]!)) {
        for (const c of argv[i]!.slice(1)) {
          if (c === 'n') newline = false;
          else if (c === 'e') escapes = true;
          else escapes = false;
        }
        i++;
      }
      let text = argv.slice(i).join(' ');
      if (escapes) text = text.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\\\/g, '\\');
      ctx.out(text + (newline ? '\n' : ''));
      return 0;
    }),
};

export const exitCommand: CommandSpec = {
  name: 'exit', aliases: ['logout'], family: 'shell', where: 'any', summary: 'leave the shell', usage: 'exit [n]',
  run: (ctx, argv) =>
    sync(() => {
      const n = argv[0] === undefined ? ctx.shell.lastStatus : Number(argv[0]);
      if (ctx.session.mode.id === 'bash' && (ctx.session.mode as { shell?: unknown }).shell === ctx.shell) {
        ctx.out('exit\n');
        ctx.session.popMode();
      }
      return Number.isFinite(n) ? n & 255 : 2;
    }),
};

export const clearCommand: CommandSpec = {
  name: 'clear', family: 'shell', where: 'any', summary: 'clear the terminal screen', usage: 'clear',
  run: (ctx) => sync(() => (ctx.session.clearScreen(), 0)),
};

export const historyCommand: CommandSpec = {
  name: 'history', family: 'shell', where: 'any', summary: 'list the commands typed in this terminal', usage: 'history [-c]',
  run: (ctx, argv) =>
    sync(() => {
      if (argv[0] === '-c') {
        ctx.session.history.length = 0;
        return 0;
      }
      ctx.session.history.forEach((h, i) => ctx.out(`${String(i + 1).padStart(5)}  ${h}\n`));
      return 0;
    }),
};

export const helpCommand: CommandSpec = {
  name: 'help', family: 'shell', where: 'any', summary: 'list the commands this sandbox knows', usage: 'help [command]',
  run: (ctx, argv) =>
    sync(() => {
      const reg = ctx.sandbox.registry;
      if (argv[0]) {
        const s = reg.get(argv[0]);
        if (!s) {
          ctx.err(`bash: help: no help topics match \`${argv[0]}'.  Try \`help help' or \`man -k ${argv[0]}' or \`info ${argv[0]}'.\n`);
          return 1;
        }
        ctx.out(`${s.name}: ${s.usage}\n    ${s.summary}\n`);
        return 0;
      }
      ctx.out('Patchbay lab machine: commands you can run here (type help NAME for one):\n\n');
      const families: Array<[string, string]> = [['shell', 'shell'], ['mininet', 'Mininet'], ['linux', 'networking tools'], ['machine', 'lab machine']];
      for (const [fam, label] of families) {
        const specs = reg.all().filter((s) => s.family === fam && (s.where === 'any' || ctx.node === ctx.sandbox.lab));
        if (!specs.length) continue;
        ctx.out(`${label}:\n`);
        for (const s of specs) ctx.out(`  ${s.name.padEnd(12)} ${s.summary}\n`);
        ctx.out('\n');
      }
      return 0;
    }),
};

export const trueCommand: CommandSpec = {
  name: 'true', family: 'shell', where: 'any', summary: 'do nothing, successfully', usage: 'true', run: () => sync(() => 0),
};

export const falseCommand: CommandSpec = {
  name: 'false', family: 'shell', where: 'any', summary: 'do nothing, unsuccessfully', usage: 'false', run: () => sync(() => 1),
};

export const exportCommand: CommandSpec = {
  name: 'export', family: 'shell', where: 'any', summary: 'set shell variables', usage: 'export NAME=value ...',
  run: (ctx, argv) =>
    sync(() => {
      for (const a of argv) {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)(=(.*))?$/.exec(a);
        if (!m) {
          ctx.err(`bash: export: \`${a}': not a valid identifier\n`);
          return 1;
        }
        if (m[2]) ctx.shell.vars.set(m[1]!, m[3]!);
      }
      if (argv.length === 0) for (const [k, v] of ctx.shell.vars) ctx.out(`declare -x ${k}="${v}"\n`);
      return 0;
    }),
};

export const jobsCommand: CommandSpec = {
  name: 'jobs', family: 'shell', where: 'any', summary: 'list background jobs', usage: 'jobs [-l]',
  run: (ctx, argv) =>
    sync(() => {
      const live = ctx.shell.jobs;
      live.forEach((j, i) => {
        const mark = i === live.length - 1 ? '+' : i === live.length - 2 ? '-' : ' ';
        const pid = argv[0] === '-l' ? ` ${j.pid}` : '';
        // " &" follows the command only while the job is still running.
        ctx.out(`[${j.id}]${mark}${pid}  ${jobStateText(j).padEnd(24)}${j.command}${j.job.done ? '' : ' &'}\n`);
      });
      return 0;
    }),
};

type Signal = 'TERM' | 'INT' | 'KILL';

/** The signal a kill/killall option names (-9, -KILL, -SIGKILL, -s KILL ...); TERM by default. */
function signalOf(spec: string | undefined): Signal | undefined {
  if (spec === undefined) return 'TERM';
  const name = spec.replace(/^SIG/i, '').toUpperCase();
  if (name === '9' || name === 'KILL') return 'KILL';
  if (name === '2' || name === 'INT') return 'INT';
  if (name === '15' || name === 'TERM') return 'TERM';
  return undefined;
}

/**
 * Deliver a signal to a background job: SIGINT is Ctrl-C (the program prints what it prints on
 * ^C); SIGTERM and SIGKILL end it at once and silently (bash then reports it as Terminated or
 * Killed). Programs that trap SIGTERM (an iperf server with transfers in progress) are not modelled.
 */
function signalJob(j: { job: { done: boolean; interrupt(): void; kill(status?: number): void } }, sig: Signal): void {
  if (sig === 'INT') {
    j.job.interrupt();
    if (!j.job.done) j.job.kill(130);
    return;
  }
  j.job.kill(sig === 'KILL' ? 137 : 143);
}

/** Split kill/killall arguments into the signal and the targets. */
function signalArgs(argv: string[]): { sig: Signal | undefined; bad?: string; targets: string[] } {
  let spec: string | undefined;
  const targets: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-s' || a === '-n') spec = argv[++i];
    else if (/^-[A-Za-z0-9]+$/.test(a) && targets.length === 0) spec = a.slice(1);
    else targets.push(a);
  }
  const sig = signalOf(spec);
  return sig ? { sig, targets } : { sig, bad: spec, targets };
}

export const killCommand: CommandSpec = {
  name: 'kill', family: 'shell', where: 'any', summary: 'stop a background job', usage: 'kill [-9] %job|pid',
  run: (ctx, argv) =>
    sync(() => {
      const { sig, bad, targets } = signalArgs(argv);
      if (!sig) {
        ctx.err(`bash: kill: ${bad}: invalid signal specification\n`);
        return 1;
      }
      if (targets.length === 0) {
        ctx.err('kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n');
        return 2;
      }
      let status = 0;
      for (const t of targets) {
        const job = t.startsWith('%') ? ctx.shell.findJob(t) : ctx.shell.jobs.find((j) => String(j.pid) === t && !j.job.done);
        if (!job) {
          ctx.err(t.startsWith('%') ? `bash: kill: ${t}: no such job\n` : `bash: kill: (${t}) - No such process\n`);
          status = 1;
          continue;
        }
        signalJob(job, sig);
      }
      return status;
    }),
};

export const killallCommand: CommandSpec = {
  name: 'killall', family: 'shell', where: 'any', summary: 'stop background jobs by command name', usage: 'killall [-9] name',
  run: (ctx, argv) =>
    sync(() => {
      const { sig, bad, targets: names } = signalArgs(argv);
      if (!sig) {
        ctx.err(`killall: unknown signal; killall -l lists signals.\n`);
        void bad;
        return 1;
      }
      let found = false;
      for (const n of names) {
        for (const j of ctx.shell.jobs) {
          if (!j.job.done && j.command.split(' ')[0] === n) {
            signalJob(j, sig);
            found = true;
          }
        }
      }
      if (!found) {
        for (const n of names) ctx.err(`${n}: no process found\n`);
        return 1;
      }
      return 0;
    }),
};

export const sleepCommand: CommandSpec = {
  name: 'sleep', family: 'shell', where: 'any', summary: 'wait for a number of seconds', usage: 'sleep NUMBER[smhd]',
  *run(ctx: ExecContext, argv: string[]): Proc {
    if (argv.length === 0) {
      ctx.err("sleep: missing operand\nTry 'sleep --help' for more information.\n");
      return 1;
    }
    let total = 0;
    for (const a of argv) {
      const m = /^(\d+\.?\d*|\.\d+)([smhd]?)$/.exec(a);
      if (!m) {
        ctx.err(`sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.\n`);
        return 1;
      }
      const mult = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
      total += Number(m[1]) * mult;
    }
    const w = yield sleep(total * 1e6);
    if (w.reason === 'interrupt') {
      ctx.out('\n');
      return 130;
    }
    return 0;
  },
};

export const hostnameCommand: CommandSpec = {
  name: 'hostname', family: 'linux', where: 'any', summary: "print the machine's name", usage: 'hostname [-I]',
  run: (ctx, argv) =>
    sync(() => {
      if (argv.includes('-I') || argv.includes('-i')) {
        const ips = ctx.node.intfs.filter((i) => i.kind !== 'loopback').flatMap((i) => i.addrs.map((a) => a.addr));
        const text = ips.map((ip) => `${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`).join(' ');
        ctx.out(argv.includes('-I') ? text + ' \n' : text + '\n');
        return 0;
      }
      if (argv.length > 0 && !argv[0]!.startsWith('-')) {
        ctx.err('hostname: changing the host name is not supported in this sandbox\n');
        return 1;
      }
      ctx.out(LAB_HOSTNAME + '\n');
      return 0;
    }),
};

/** sudo runs the rest as root (we already are); `sudo -i`/`sudo -s`/`sudo su` open a nested shell. */
export const sudoCommand: CommandSpec = {
  name: 'sudo', family: 'shell', where: 'any', summary: 'run a command as root', usage: 'sudo [-E] [-H] command [args]',
  *run(ctx: ExecContext, argv: string[]): Proc {
    let i = 0;
    while (i < argv.length && /^-[EHnkS]+$/.test(argv[i]!)) i++;
    const rest = argv.slice(i);
    if (rest.length === 0 && (argv.includes('-i') || argv.includes('-s'))) return 0;
    if (rest.length === 0) {
      ctx.err('usage: sudo -h | -K | -k | -V\nusage: sudo -v [-AknS] [-g group] [-h host] [-p prompt] [-u user]\nusage: sudo -l [-AknS] [-g group] [-h host] [-p prompt] [-U user] [-u user] [command]\nusage: sudo [-AbEHknPS] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] [VAR=value] [-i|-s] [<command>]\nusage: sudo -e [-AknS] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] file ...\n');
      return 1;
    }
    if (rest[0] === '-i' || rest[0] === '-s' || rest[0] === 'su' || rest[0] === 'bash') return 0;
    const spec = ctx.sandbox.registry.get(rest[0]!);
    if (!spec || spec.family === 'shell' && ['cd', 'export', 'jobs', 'history', 'exit'].includes(spec.name)) {
      ctx.err(`sudo: ${rest[0]}: command not found\n`);
      return 1;
    }
    if (spec.where === 'lab' && ctx.node !== ctx.sandbox.lab) {
      ctx.err(`${rest[0]}: not supported in this sandbox inside a Mininet node; run it from the lab machine's shell\n`);
      return 1;
    }
    return yield* spec.run(ctx, rest.slice(1));
  },
};

export { fsErrorText };
