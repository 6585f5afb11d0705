/**
 * A container's main process (PID 1): the image's service (service.ts), a shell, or a command.
 * A shell with no terminal attached and no open stdin exits at once (`docker run -d alpine`:
 * Exited (0), reference/docker.md §3.3); with -i it waits for input, so the container stays Up.
 * A command runs in the container's shell and writes to the container's log.
 */
import type { Proc } from '../shell/process';
import { runBashLine } from '../shell/bash';
import type { Container } from './container';
import type { DockerEngine } from './engine';
import { containerShell, isShellCommand } from './container-shell';

export function startMainProcess(engine: DockerEngine, c: Container, attached: boolean): void {
  const sched = engine.sandbox.net.sched;
  const svc = c.image.service?.(c.config.cmd);
  if (svc) {
    c.service = svc;
    const proc = svc.start(engine.serviceContext(c));
    if (proc) engine.runMain(c, proc);
    return;
  }
  let argv = c.commandLine;
  // The official images' docker-entrypoint.sh sets things up, then execs its arguments.
  if (/(^|\/)docker-entrypoint\.sh$/.test(argv[0] ?? '') && argv.length > 1) argv = argv.slice(1);
  if (isShellCommand(c, argv)) {
    // Attached: `docker run -it` drives the shell on the terminal. Detached with -i: waits on stdin.
    if (!attached && !c.config.interactive) sched.after(0, () => engine.exited(c, 0));
    // Detached with a terminal (-dit): the shell's prompt goes to the tty, so `docker logs` shows it.
    else if (!attached && c.config.tty) c.log('stdout', c.image.shell === 'bash' ? `root@${c.config.hostname}:/# ` : '/ # ');
    return;
  }
  const session = [...engine.sandbox.sessions][0];
  if (!session) {
    sched.after(0, () => engine.exited(c, 0));
    return;
  }
  const shell = containerShell(engine.sandbox, c);
  // `sh -c 'script'` (the usual way to give a container a small loop): the image's shell runs the script.
  const line = argv.length >= 3 && argv[1] === '-c' && isShellCommand(c, [argv[0]!]) ? argv[2]! : argv.map(quote).join(' ');
  const proc = (function* (): Proc {
    return yield* runBashLine(engine.sandbox, session, shell, line, (t) => c.log('stdout', t), { interactive: false });
  })();
  engine.runMain(c, proc);
}

function quote(a: string): string {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}
