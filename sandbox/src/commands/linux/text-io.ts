/**
 * How the text tools (grep, head, tail, wc, sort, uniq) read and write.
 *
 * Input is a file operand from the lab machine's filesystem (relative to the shell's working
 * directory; /proc files as cat sees them), or standard input (no operand, or `-`): the text piped
 * or redirected into the command, or, when nothing feeds it, the terminal itself: the lines the
 * learner types, until Ctrl-D ends the input or Ctrl-C ends the command. Standard input is read
 * once: a second `-` finds it at its end.
 *
 * Output goes through a buffer flushed in large chunks, line by line while the input is the
 * terminal (as stdio does for a terminal), and before every error message so the two stay in order.
 */
import type { ExecContext } from '../../shell/context';
import type { Wait, Wake } from '../../shell/process';
import { readLine } from '../../shell/process';
import type { FsError } from '../../fs/vfs';
import { fsErrorText, resolvePath, utf8Length } from '../../fs/vfs';
import { readProc } from '../../fs/procfs';

export type Input =
  /** A file's text or the piped input. `regular`: a regular file, whose size is `size` bytes (for wc). */
  | { readonly kind: 'text'; readonly text: string; readonly regular: boolean; readonly size: number }
  /** Nothing feeds standard input: read what is typed. */
  | { readonly kind: 'terminal' }
  /** The operand is a directory: opening works, reading fails with EISDIR. */
  | { readonly kind: 'dir' }
  /** The operand cannot be opened. */
  | { readonly kind: 'missing'; readonly error: FsError };

/** The inputs of one command run. */
export class Inputs {
  private stdinTaken = false;

  constructor(private readonly ctx: ExecContext) {}

  /** Whether standard input is the terminal (nothing piped or redirected into the command). */
  get stdinIsTerminal(): boolean {
    return this.ctx.stdin === undefined;
  }

  open(operand: string): Input {
    const ctx = this.ctx;
    if (operand === '-') {
      if (ctx.stdin === undefined) return { kind: 'terminal' };
      const text = this.stdinTaken ? '' : ctx.stdin;
      this.stdinTaken = true;
      return { kind: 'text', text, regular: false, size: 0 };
    }
    const path = resolvePath(operand, ctx.shell.cwd, ctx.shell.home);
    const proc = readProc(ctx.node.stack, path);
    // /proc files are regular files that report a size of 0.
    if (proc !== undefined) return { kind: 'text', text: proc, regular: true, size: 0 };
    const st = ctx.fs.stat(path);
    if (typeof st === 'string') return { kind: 'missing', error: st };
    if (st.kind === 'dir') return { kind: 'dir' };
    // stat said it is a file, so this is its content (even one that reads like an errno name).
    const text: string = ctx.fs.readFile(path);
    return { kind: 'text', text, regular: true, size: utf8Length(text) };
  }
}

export type TerminalRead = { readonly line: string } | 'eof' | 'interrupt';

/** Wait for the next line typed at the terminal (Ctrl-D: 'eof'; Ctrl-C: 'interrupt'). */
export function* readTerminalLine(ctx: ExecContext): Generator<Wait, TerminalRead, Wake> {
  const session = ctx.session;
  // The terminal is told a program now reads a line, so it lets the learner type one.
  ctx.net.sched.after(0, () => session.inputRequested());
  const w = yield readLine(true);
  if (w.reason === 'input') return { line: w.line ?? '' };
  return w.reason === 'interrupt' ? 'interrupt' : 'eof';
}

/** Everything typed until Ctrl-D, each line with its newline; 'interrupt' on Ctrl-C. */
export function* readTerminalText(ctx: ExecContext): Generator<Wait, string | { interrupted: true }, Wake> {
  const lines: string[] = [];
  for (;;) {
    const r = yield* readTerminalLine(ctx);
    if (r === 'eof') return lines.join('');
    if (r === 'interrupt') return { interrupted: true };
    lines.push(r.line + '\n');
  }
}

export type LinesEnd = 'end' | 'stopped' | 'interrupted';

/**
 * Feed the lines of a text or of the terminal to `each` (without their newline; `newline` is false
 * only for a last line that lacks one) until it returns false ('stopped'), the input ends ('end')
 * or Ctrl-C ends the command ('interrupted').
 */
export function* eachLine(
  ctx: ExecContext, input: Extract<Input, { kind: 'text' | 'terminal' }>, each: (line: string, newline: boolean) => boolean,
): Generator<Wait, LinesEnd, Wake> {
  if (input.kind === 'text') {
    const t = input.text;
    let pos = 0;
    while (pos < t.length) {
      const nl = t.indexOf('\n', pos);
      const end = nl < 0 ? t.length : nl;
      if (!each(t.slice(pos, end), nl >= 0)) return 'stopped';
      pos = end + 1;
    }
    return 'end';
  }
  for (;;) {
    const r = yield* readTerminalLine(ctx);
    if (r === 'eof') return 'end';
    if (r === 'interrupt') return 'interrupted';
    if (!each(r.line, true)) return 'stopped';
  }
}

/**
 * Ctrl-C while a tool waits for the terminal: the terminal already shows ^C; bash ends the line
 * when the program dies of SIGINT. Exit status 128 + SIGINT.
 */
export function interrupted(ctx: ExecContext): number {
  ctx.session.write('\n');
  return 130;
}

/** Buffered standard output with stderr kept in order. */
export class Output {
  private buf = '';
  /** Flush at every newline (the input is the terminal, so output shows as lines are typed). */
  lineBuffered = false;
  private static readonly CHUNK = 1 << 16;

  constructor(private readonly ctx: ExecContext) {}

  write(s: string): void {
    this.buf += s;
    if (this.buf.length >= Output.CHUNK || (this.lineBuffered && this.buf.endsWith('\n'))) this.flush();
  }

  flush(): void {
    if (!this.buf) return;
    const b = this.buf;
    this.buf = '';
    this.ctx.out(b);
  }

  /** An error message: what was written before it shows first. */
  err(s: string): void {
    this.flush();
    this.ctx.err(s);
  }
}

/** The longest prefix of `s` that fits in `bytes` UTF-8 bytes (a character is never split). */
export function headBytes(s: string, bytes: number): string {
  if (bytes >= s.length * 3) return s;
  let n = 0;
  let i = 0;
  for (const ch of s) {
    const len = utf8Length(ch);
    if (n + len > bytes) break;
    n += len;
    i += ch.length;
  }
  return s.slice(0, i);
}

/** The longest suffix of `s` that fits in `bytes` UTF-8 bytes (a character is never split). */
export function tailBytes(s: string, bytes: number): string {
  if (bytes <= 0) return '';
  const total = utf8Length(s);
  if (bytes >= total) return s;
  // Drop total - bytes from the front, rounding up to whole characters.
  const drop = total - bytes;
  let n = 0;
  let i = 0;
  for (const ch of s) {
    if (n >= drop) break;
    n += utf8Length(ch);
    i += ch.length;
  }
  return s.slice(i);
}

/** The text split into lines, each with its newline (a last line may lack one). */
export function linesWithEnds(text: string): string[] {
  const out: string[] = [];
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl + 1;
    out.push(text.slice(pos, end));
    pos = end;
  }
  return out;
}

/**
 * head and tail's walk over their operands: each one opened in turn, `==> name <==` headers
 * when asked for, and coreutils' open and directory errors (which make the status 1, recorded
 * in `failed`). Yields the inputs that can be read: text, or the terminal.
 */
export function* readableInputs(
  prog: string, files: readonly string[], headers: boolean, out: Output, inputs: Inputs, quote: (s: string) => string, failed: { value: boolean },
): Generator<Extract<Input, { kind: 'text' | 'terminal' }>, void, undefined> {
  let first = true;
  for (const file of files) {
    const input = inputs.open(file);
    if (input.kind === 'missing') {
      out.err(`${prog}: cannot open ${quote(file)} for reading: ${fsErrorText(input.error)}\n`);
      failed.value = true;
      continue;
    }
    if (headers) {
      out.write(`${first ? '' : '\n'}==> ${file === '-' ? 'standard input' : file} <==\n`);
      first = false;
    }
    if (input.kind === 'dir') {
      out.err(`${prog}: error reading ${quote(file)}: Is a directory\n`);
      failed.value = true;
      continue;
    }
    yield input;
  }
}
