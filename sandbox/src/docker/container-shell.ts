/**
 * Shells and programs inside a container: only what the image has. busybox/alpine `sh` (ash)
 * prompts `/ # ` and says `sh: ping: not found`; ubuntu's bash prompts `root@<12hex>:/# ` and says
 * `bash: ping: command not found` (reference/docker.md §4.3–4.4). Shell builtins are always there.
 */
import type { Sandbox } from '../sandbox';
import { ShellState } from '../shell/shell-state';
import type { CommandSpec } from '../shell/registry';
import type { Completion, Mode, Session } from '../shell/session';
import type { Proc } from '../shell/process';
import { runBashLine } from '../shell/bash';
import type { Container } from './container';

const BUILTINS = new Set(['cd', 'pwd', 'echo', 'exit', 'export', 'true', 'false', 'clear', 'history', 'help', 'kill', 'jobs']);

/** The program `name` in the container's image, or undefined when the image lacks it. */
export function containerProgram(sandbox: Sandbox, c: Container, name: string): CommandSpec | undefined {
  const base = name.replace(/^(\/usr)?\/s?bin\//, '');
  const own = c.image.commands?.find((s) => s.name === base || s.aliases?.includes(base));
  if (own) return own;
  // Installed later by the image's package manager (images/ubuntu-apt.ts): an executable
  // /usr/bin/NAME in the container's own filesystem runs the sandbox's command of that name.
  const installed = c.fs.stat('/usr/bin/' + base);
  const isInstalled = typeof installed !== 'string' && installed.kind === 'file' && (installed.mode & 0o111) !== 0;
  if (BUILTINS.has(base) || c.image.programs.includes(base) || isInstalled) {
    const spec = sandbox.registry.get(base);
    if (spec && spec.where === 'any') return spec;
  }
  return undefined;
}

/** A shell process state in the container (for `exec`, the main process, and `run -it`). */
export function containerShell(sandbox: Sandbox, c: Container): ShellState {
  const sh = new ShellState(c.host);
  sh.cwd = c.image.workingDir || '/';
  sh.vars.set('HOSTNAME', c.config.hostname);
  for (const [k, v] of c.envMap()) sh.vars.set(k, v);
  sh.commandLookup = (n) => containerProgram(sandbox, c, n);
  const kind = c.image.shell ?? 'ash';
  sh.notFoundText = (n) => (kind === 'bash' ? `bash: ${n}: command not found\n` : `sh: ${n}: not found\n`);
  return sh;
}

/** Is argv a shell the image has (sh, /bin/sh, ash, bash)? */
export function isShellCommand(c: Container, argv: readonly string[]): boolean {
  if (argv.length !== 1) return false;
  const b = argv[0]!.replace(/^(\/usr)?\/bin\//, '');
  if (c.image.shell === 'bash') return b === 'bash' || b === 'sh';
  return b === 'sh' || b === 'ash';
}

/** An interactive shell inside a container on the user's terminal, until `exit`. */
export class ContainerShellMode implements Mode {
  readonly id = 'container-shell';
  readonly interruptText = '^C\n';
  exitStatus = 0;

  constructor(
    readonly sandbox: Sandbox,
    readonly container: Container,
    readonly shell: ShellState,
  ) {}

  prompt(): string {
    const cwd = this.shell.cwd;
    const home = this.shell.vars.get('HOME') ?? '/root';
    const shown = cwd === home ? '~' : cwd.startsWith(home + '/') ? '~' + cwd.slice(home.length) : cwd;
    if (this.container.image.shell === 'bash') return `root@${this.container.config.hostname}:${shown}# `;
    return `${shown} # `;
  }

  run(line: string, session: Session): Proc | undefined {
    if (line.trim() === '') return undefined;
    const m = /^\s*exit(?:\s+(\d+))?\s*$/.exec(line);
    if (m) {
      const status = m[1] === undefined ? this.shell.lastStatus : Number(m[1]) & 255;
      const bash = this.container.image.shell === 'bash';
      return (function* (self: ContainerShellMode): Proc {
        if (bash) session.write('exit\n');
        self.exitStatus = status;
        session.popMode();
        return status;
      })(this);
    }
    if (!this.container.running) {
      this.exitStatus = 137;
      session.popMode();
      return undefined;
    }
    return runBashLine(this.sandbox, session, this.shell, line, (t) => session.write(t), { interactive: true });
  }

  eof(session: Session): Proc | undefined {
    const bash = this.container.image.shell === 'bash';
    return (function* (self: ContainerShellMode): Proc {
      if (bash) session.write('exit\n');
      self.exitStatus = self.shell.lastStatus;
      session.popMode();
      return 0;
    })(this);
  }

  complete(line: string): Completion {
    void line;
    return { candidates: [], from: line.length };
  }
}
