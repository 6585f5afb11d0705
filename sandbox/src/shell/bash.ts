/**
 * Running bash lines: lists (`;`, `&&`, `||`, `&`), pipelines (each stage's output becomes the
 * next stage's input once it finishes), redirections, builtins and commands from the registry.
 * Unknown commands get bash's `bash: X: command not found` (status 127).
 * BashMode is the prompt of an interactive shell (root@master1:~# ); Mininet's node shells use
 * runBashLine without a prompt of their own.
 */
import type { Sandbox } from '../sandbox';
import { fsErrorText, resolvePath } from '../fs/vfs';
import { PROC_ERROR_TEXT, isProcSysPath, openProcForWrite, readProc, writeProc } from '../fs/procfs';
import type { ExecContext } from './context';
import type { Completion, Mode, Session } from './session';
import { Job } from './process';
import type { Proc } from './process';
import type { ShellState } from './shell-state';
import { jobStateText } from './shell-state';
import type { ListItem, SimpleCommand } from './tokenize';
import { parseLine } from './tokenize';
import { completeWord } from './complete';

export interface BashOptions {
  /** Interactive shells print job lines ([1] 1234) and "Done" notices; Mininet's do not. */
  readonly interactive: boolean;
  /** Where background jobs write (Mininet buffers them until the node's next command). */
  readonly backgroundOut?: (text: string) => void;
}

type Sink = (text: string) => void;

export function makeContext(
  sandbox: Sandbox, session: Session, shell: ShellState, out: Sink, err: Sink, stdin: string | undefined, isTty: boolean,
): ExecContext {
  return { sandbox, net: sandbox.net, session, shell, node: shell.node, fs: sandbox.fsOf(shell.node), out, err, stdin, isTty };
}

/** Run one line of bash in `shell`, writing to `out`. Returns the exit status. */
export function* runBashLine(
  sandbox: Sandbox, session: Session, shell: ShellState, line: string, out: Sink, opts: BashOptions,
): Proc {
  const parsed = parseLine(line, {
    get: (n) => (n === '?' ? String(shell.lastStatus) : n === '$' ? String(sandbox.allocPid(0)) : shell.vars.get(n)),
    home: shell.home,
  });
  if (!parsed.ok) {
    out(parsed.error + '\n');
    shell.lastStatus = 2;
    return 2;
  }
  return yield* runList(sandbox, session, shell, parsed.list, out, opts, line);
}

function* runList(
  sandbox: Sandbox, session: Session, shell: ShellState, list: ListItem[], out: Sink, opts: BashOptions, line: string,
): Proc {
  let status = shell.lastStatus;
  for (let i = 0; i < list.length; i++) {
    const item = list[i]!;
    const prevOp = i > 0 ? list[i - 1]!.op : ';';
    if ((prevOp === '&&' && status !== 0) || (prevOp === '||' && status === 0)) continue;
    if (item.op === '&') {
      const bgOut = opts.backgroundOut ?? out;
      const text = describePipeline(item);
      const job = new Job(sandbox.net.sched, runPipeline(sandbox, session, shell, item, bgOut, false), (m) => bgOut(`bash: ${m}\n`));
      const pid = sandbox.allocPid(2);
      const bj = shell.addJob(text, job, pid);
      if (opts.interactive) out(`[${bj.id}] ${pid}\n`);
      job.start();
      status = 0;
    } else {
      status = yield* runPipeline(sandbox, session, shell, item, out, true);
    }
    shell.lastStatus = status;
  }
  void line;
  return status;
}

function describePipeline(item: ListItem): string {
  return item.pipeline.commands.map((c) => c.argv.join(' ')).join(' | ');
}

function* runPipeline(
  sandbox: Sandbox, session: Session, shell: ShellState, item: ListItem, out: Sink, isTty: boolean,
): Proc {
  const cmds = item.pipeline.commands;
  let stdin: string | undefined;
  let status = 0;
  for (let k = 0; k < cmds.length; k++) {
    const last = k === cmds.length - 1;
    let captured = '';
    const sink: Sink = last ? out : (t) => (captured += t);
    status = yield* runSimple(sandbox, session, shell, cmds[k]!, sink, out, stdin, isTty && last);
    stdin = captured;
  }
  return status;
}

function* runSimple(
  sandbox: Sandbox, session: Session, shell: ShellState, cmd: SimpleCommand, out: Sink, errOut: Sink, stdin: string | undefined, isTty: boolean,
): Proc {
  if (cmd.argv.length === 0) {
    for (const [k, v] of cmd.assigns) shell.vars.set(k, v);
    return 0;
  }
  const fsys = sandbox.fsOf(shell.node);
  // Redirections.
  let stdout: Sink = out;
  let stderr: Sink = errOut === out ? out : errOut;
  let outFile: { path: string; append: boolean; text: string } | undefined;
  let errFile: { path: string; append: boolean; text: string } | undefined;
  let input = stdin;
  for (const r of cmd.redirects) {
    const path = r.target === '/dev/null' ? '/dev/null' : resolvePath(r.target, shell.cwd, shell.home);
    switch (r.op) {
      case '>': case '>>':
        outFile = { path, append: r.op === '>>', text: '' };
        stdout = (t) => (outFile!.text += t);
        break;
      case '2>': case '2>>':
        errFile = { path, append: r.op === '2>>', text: '' };
        stderr = (t) => (errFile!.text += t);
        break;
      case '&>':
        outFile = { path, append: false, text: '' };
        stdout = (t) => (outFile!.text += t);
        stderr = stdout;
        break;
      case '2>&1':
        stderr = stdout;
        break;
      case '<': {
        const c = readProc(shell.node.stack, path) ?? fsys.readFile(path);
        if (typeof c !== 'string' || c === 'ENOENT') {
          errOut(`bash: ${r.target}: ${fsErrorText(fsys.exists(path) ? 'EISDIR' : 'ENOENT')}\n`);
          return 1;
        }
        input = c;
        break;
      }
    }
  }
  // A command that is redirected to a file still writes it even if interrupted.
  const flush = (): number => {
    for (const f of [outFile, errFile]) {
      if (!f || f.path === '/dev/null') continue;
      if (isProcSysPath(f.path)) {
        // /proc/sys files belong to the namespace (fs/procfs.ts); a bad value fails at write().
        const pe = writeProc(shell.node.stack, f.path, f.text);
        if (pe) {
          const builtin = sandbox.registry.get(cmd.argv[0] ?? '')?.family === 'shell';
          errOut(`${builtin ? 'bash: ' : ''}${cmd.argv[0]}: write error: ${PROC_ERROR_TEXT[pe]}\n`);
          return 1;
        }
        continue;
      }
      const e = fsys.writeFile(f.path, f.text, f.append);
      if (e) {
        errOut(`bash: ${f.path}: ${fsErrorText(e)}\n`);
        return 1;
      }
    }
    return 0;
  };
  // Create the target files first, as bash does, so errors show before the command runs.
  for (const f of [outFile, errFile]) {
    if (!f || f.path === '/dev/null') continue;
    if (isProcSysPath(f.path)) {
      const pe = openProcForWrite(f.path);
      if (pe) {
        errOut(`bash: ${f.path}: ${PROC_ERROR_TEXT[pe]}\n`);
        return 1;
      }
      continue;
    }
    const e = fsys.writeFile(f.path, '', true);
    if (e) {
      errOut(`bash: ${f.path}: ${fsErrorText(e)}\n`);
      return 1;
    }
    if (!f.append) fsys.writeFile(f.path, '', false);
  }
  for (const [k, v] of cmd.assigns) shell.vars.set(k, v);
  const [name, ...args] = cmd.argv as [string, ...string[]];
  const ctx = makeContext(sandbox, session, shell, stdout, stderr, input, isTty && !outFile);
  const spec = shell.commandLookup ? shell.commandLookup(name) : sandbox.registry.get(name);
  let status: number;
  if (!spec) {
    stderr(shell.notFoundText ? shell.notFoundText(name) : `bash: ${name}: command not found\n`);
    status = 127;
  } else if (spec.where === 'lab' && shell.node !== sandbox.lab) {
    stderr(`${name}: not supported in this sandbox inside a Mininet node; run it from the lab machine's shell\n`);
    status = 1;
  } else {
    status = yield* spec.run(ctx, args);
  }
  const fs = flush();
  return fs || status;
}

/** The prompt of an interactive bash on the lab machine (or in a node's xterm). */
export class BashMode implements Mode {
  readonly id = 'bash';
  readonly interruptText = '^C\n';

  constructor(
    readonly sandbox: Sandbox,
    readonly shell: ShellState,
  ) {}

  prompt(): string {
    const cwd = this.shell.cwd;
    const home = this.shell.home;
    const shown = cwd === home ? '~' : cwd.startsWith(home + '/') ? '~' + cwd.slice(home.length) : cwd;
    return `${this.shell.user}@master1:${shown}# `;
  }

  run(line: string, session: Session): Proc | undefined {
    if (line.trim() === '') return undefined;
    return runBashLine(this.sandbox, session, this.shell, line, (t) => session.write(t), { interactive: true });
  }

  /** "[1]+  Done                    cmd" for background jobs that finished since the last prompt. */
  beforePrompt(): string {
    return this.shell
      .reapJobs()
      .map((j) => `[${j.id}]+  ${jobStateText(j).padEnd(24)}${j.command}\n`)
      .join('');
  }

  eof(session: Session): Proc | undefined {
    return (function* (): Proc {
      session.write('exit\n');
      session.popMode();
      return 0;
    })();
  }

  complete(line: string, session: Session): Completion {
    return completeWord(this.sandbox, this.shell, line, session);
  }
}
