/**
 * Replaying a terminal session headlessly, exactly as the CLI does with a pipe in --fast mode:
 * each prompt is printed followed by the input line, the command runs to completion (or is
 * interrupted after maxRun virtual seconds), and end of input acts as Ctrl-D until the shell exits.
 */
import { Sandbox } from '../src/sandbox';
import type { Session } from '../src/shell/session';

export interface ReplayOptions {
  readonly seed?: number;
  /** Virtual seconds a command may run before it is interrupted (the CLI's --max-run). */
  readonly maxRun?: number;
  /** Send Ctrl-D at the end until the session closes (as the CLI does at end of input). */
  readonly eofAtEnd?: boolean;
  /** Prepare the sandbox (files, state) before the first prompt. */
  readonly setup?: (sb: Sandbox) => void;
  /** Run something in the open session before the first line, its output included (fixtures/). */
  readonly start?: (sb: Sandbox, session: Session) => void;
}

export interface Replay {
  readonly output: string;
  readonly sandbox: Sandbox;
}

/**
 * The replay loop, driver-neutral: it yields after every line (and every Ctrl-D at the end)
 * for the caller to run the sandbox until the session is ready again.
 */
function* replaySteps(lines: readonly string[], opts: ReplayOptions, sandbox: Sandbox, session: Session, write: (t: string) => void): Generator<void> {
  for (const line of lines) {
    if (session.closed) break;
    // A program reading with echo off (a password): the terminal shows only the newline.
    const hidden = session.foreground?.wantsInput?.echo === false;
    write((session.prompt ?? '') + (hidden ? '' : line) + '\n');
    session.submit(line);
    yield;
  }
  if (opts.eofAtEnd ?? true) {
    for (let i = 0; i < 10 && !session.closed; i++) {
      write(session.prompt ?? '');
      session.eof();
      yield;
    }
  }
}

function open(opts: ReplayOptions): { sandbox: Sandbox; session: Session; out: { text: string } } {
  const sandbox = new Sandbox({ seed: opts.seed ?? 1 });
  opts.setup?.(sandbox);
  const session = sandbox.openSession();
  const out = { text: '' };
  session.onOutput((t) => (out.text += t));
  opts.start?.(sandbox, session);
  return { sandbox, session, out };
}

export function replay(lines: readonly string[], opts: ReplayOptions = {}): Replay {
  const { sandbox, session, out } = open(opts);
  const maxRun = Math.round((opts.maxRun ?? 10) * 1e6);
  for (const _ of replaySteps(lines, opts, sandbox, session, (t) => (out.text += t))) sandbox.settle(session, maxRun);
  return { output: out.text, sandbox };
}

/** replay, waiting for Python whenever a program runs (Sandbox.settleAsync). */
export async function replayAsync(lines: readonly string[], opts: ReplayOptions = {}): Promise<Replay> {
  const { sandbox, session, out } = open(opts);
  const maxRun = Math.round((opts.maxRun ?? 10) * 1e6);
  for (const _ of replaySteps(lines, opts, sandbox, session, (t) => (out.text += t))) await sandbox.settleAsync(session, maxRun);
  return { output: out.text, sandbox };
}

/**
 * A line that starts with a prompt the sandbox prints: the input of a transcript. Besides the
 * shells (bash, mininet>, the ONOS CLI's green `onos@root > `) this covers the questions
 * programs ask on the terminal (ssh's host key question, Karaf's shutdown confirmation),
 * Python's and mysql's interactive prompts, and container shells (`/ # `, `root@<12hex>:/# `).
 */
export const PROMPT_RE =
  // eslint-disable-next-line no-control-regex
  /^(root@master1:[^#\n]*# |root@[0-9a-f]{12}:[^#\n]*# |mininet> |mysql> | {4}-> |>>> |\.\.\. |\x1b\[32m\w+@root > \x1b\[0m|.*Are you sure you want to continue connecting \(yes\/no\/\[fingerprint\]\)\? |Please type 'yes', 'no' or the fingerprint: |Confirm: halt instance root \(yes\/no\): |(?:~|\/[^ #\n]*) # |Are you sure you want to continue\? \[y\/N\] |Do you want to continue\? \[Y\/n\] )/;

/** A password prompt (ssh's, mysql's): what is typed there is not shown; the transcript's `# hidden:` header lists it. */
const HIDDEN_RE = /(\) Password|^Enter password): $/;

export interface Transcript {
  readonly seed: number;
  readonly maxRun: number;
  /** `# fixture: NAME`: the session starts inside a prepared network (fixtures/index.ts). */
  readonly fixture?: string;
  /** `# file: NAME`: a file beside the transcript, put in /root/NAME before the first prompt (--file). */
  readonly files: string[];
  readonly inputs: string[];
  /** The expected output: every line after the header, as the CLI prints it. */
  readonly expected: string;
}

/**
 * Parse a golden transcript: `# key: value` header lines, then the session as printed.
 * Inputs are the text after a prompt at the start of a line.
 */
export function parseTranscript(text: string): Transcript {
  const lines = text.split('\n');
  let seed = 1;
  let maxRun = 10;
  let fixture: string | undefined;
  const hidden: string[] = [];
  const files: string[] = [];
  let i = 0;
  for (; i < lines.length && lines[i]!.startsWith('#'); i++) {
    const m = /^#\s*(\w[\w-]*):\s*(.*)$/.exec(lines[i]!);
    if (m?.[1] === 'seed') seed = Number(m[2]);
    if (m?.[1] === 'max-run') maxRun = Number(m[2]);
    if (m?.[1] === 'hidden') hidden.push(m[2]!);
    if (m?.[1] === 'fixture') fixture = m[2]!.trim();
    if (m?.[1] === 'file') files.push(m[2]!.trim());
  }
  const body = lines.slice(i).join('\n');
  const inputs: string[] = [];
  const bodyLines = body.split('\n');
  // The last line is where end of input (Ctrl-D) was shown, e.g. "root@master1:~# exit": not typed.
  let last = bodyLines.length - 1;
  while (last >= 0 && bodyLines[last] === '') last--;
  bodyLines.forEach((l, k) => {
    const m = PROMPT_RE.exec(l);
    if (m && l.length > m[0].length && k !== last) inputs.push(l.slice(m[0].length));
    else if (HIDDEN_RE.test(l) && hidden.length && k !== last) inputs.push(hidden.shift()!);
  });
  return { seed, maxRun, fixture, files, inputs, expected: body };
}

export function headerOf(text: string): string {
  const lines = text.split('\n');
  let i = 0;
  while (i < lines.length && lines[i]!.startsWith('#')) i++;
  return lines.slice(0, i).join('\n') + (i ? '\n' : '');
}
