/**
 * One terminal tab: what the learner types (xterm `onData`), what the worker reports
 * (TerminalEvent, sandbox/worker/api.ts), and the line editor between them.
 *
 * Who prints what (so nothing is doubled):
 * - the page echoes the line being edited, and the newline when Enter is pressed;
 * - the worker prints everything else: command output, '^C' plus the program's own Ctrl-C
 *   output while a command runs, the mode's '^C\n' (bash) or '^C\nInterrupt\n' (mininet>)
 *   at a prompt (Session.interrupt), 'exit' for Ctrl-D at the shell, and the typed-ahead lines
 *   it replays itself. The page never prints '^C'.
 * - a 'ready' event means "draw this prompt"; '' means a program is reading a line;
 * - an 'input' event is a line replayed from a share link, drawn as if typed.
 *
 * Everything that happens to a terminal (a key, an event, a Run button) is a task run in order,
 * one at a time, because a few steps wait (for xterm to finish writing, for a completion).
 * Keys typed while a command runs are kept and replayed when its prompt comes back, as a tty
 * keeps them for the shell; Ctrl-C interrupts at once and drops them, as a tty flushes its input.
 */
import type { CompletionResult, TerminalEvent } from '@site/sandbox/worker/api';
import {
  COMPLETION_QUERY_ITEMS,
  LineEditor,
  commandFor,
  formatColumns,
  isPrintable,
  planCompletion,
  splitKeys,
} from './lineEditor';

export type TerminalState = 'starting' | 'prompt' | 'running' | 'closed' | 'dead';

/** The part of an xterm Terminal the controller uses (a screen model in tests). */
export interface TermLike {
  readonly cols: number;
  readonly rows: number;
  write(data: string, callback?: () => void): void;
  resize(cols: number, rows: number): void;
  /** cursorY counts from baseY, the first row of the screen in the buffer. */
  readonly buffer: { readonly active: { readonly cursorX: number; readonly cursorY: number; readonly baseY: number } };
}

/** The worker, for one terminal. Calls do not throw; `complete` resolves undefined on failure. */
export interface TerminalBackend {
  submit(line: string): void;
  interrupt(): void;
  eof(): void;
  complete(line: string): Promise<CompletionResult | undefined>;
}

export interface ControllerOptions {
  term: TermLike;
  backend: TerminalBackend;
  /** History for a mode ('bash', 'mininet', ...), and where to add a line to it. */
  history?: {
    load(mode: string): readonly string[];
    add(mode: string, line: string): void;
  };
  /** Shown when the shell exits; Enter then calls onEnded. */
  endedMessage: string;
  /** Enter after the session ended (or a Run button: the command to run in the new one). */
  onEnded: (command?: string) => void;
  onStateChange?: (state: TerminalState) => void;
  /** Lines to run, one after another, as soon as the first prompt is drawn. */
  initialLines?: readonly string[];
}

type Queued =
  | { readonly kind: 'keys'; readonly data: string }
  /** A line to type and run; `remember` puts it in the history (not for a page's start command). */
  | { readonly kind: 'line'; readonly text: string; readonly remember: boolean };

export class TerminalController {
  state: TerminalState = 'starting';
  /** The program reads a line with echo off (a password). */
  private secret = false;
  /** Set while keys are handled in secret mode: writes are swallowed (write()). */
  private muted = false;
  private readonly editor = new LineEditor();
  private readonly term: TermLike;
  private readonly backend: TerminalBackend;
  private readonly opts: ControllerOptions;
  /** Keys and Run-button lines waiting for a prompt. */
  private queue: Queued[] = [];
  private tasks: (() => void | Promise<void>)[] = [];
  private draining = false;
  private prompt = '';
  private mode = '';
  /** The previous key was a Tab that found several candidates (so this Tab lists them). */
  private lastTabAmbiguous = false;
  /** "Display all N possibilities? (y or n)" is waiting for its answer. */
  private pendingList: string[] | undefined;
  private idleWaiters: (() => void)[] = [];

  constructor(opts: ControllerOptions) {
    this.opts = opts;
    this.term = opts.term;
    this.backend = opts.backend;
    for (const line of opts.initialLines ?? []) this.queue.push({ kind: 'line', text: line, remember: false });
  }

  // -------------------------------------------------------------------------------------------
  // Inputs

  /** An event from the worker. */
  handleEvent(e: TerminalEvent): void {
    this.enqueue(() => {
      if (e.type === 'output') return this.onOutput(e.text);
      if (e.type === 'ready') {
        this.secret = e.echo === false;
        return this.onReady(e.prompt, e.mode);
      }
      if (e.type === 'input') return this.onReplayedLine(e.text);
      return this.onClosed();
    });
  }

  /** What the learner typed or pasted (xterm onData). */
  handleData(data: string): void {
    // Ctrl-C must not wait behind anything: it interrupts a running command at once.
    if (this.state === 'running' && data.includes('\x03')) {
      this.interruptRunning(data);
      return;
    }
    this.enqueue(() => this.onKeys(data));
  }

  /** Run a line as if typed: after the prompt if there is one, else when the prompt returns. */
  runLine(text: string): void {
    this.enqueue(async () => {
      if (this.state === 'prompt') await this.typeLine(text, true);
      else if (this.state === 'starting' || this.state === 'running') this.queue.push({ kind: 'line', text, remember: true });
      else if (this.state === 'closed') this.opts.onEnded(text);
    });
  }

  /**
   * Resize the terminal (the view measured its container). xterm reflows the output above but
   * not the rows of the line being edited (reflowCursorLine is off), so, as readline does on
   * SIGWINCH, the prompt and the line are erased and drawn again at the new width.
   */
  resize(cols: number, rows: number): void {
    this.enqueue(async () => {
      if (cols === this.term.cols && rows === this.term.rows) return;
      await this.flush();
      const editing = this.state === 'prompt' && this.pendingList === undefined;
      const rowsAbove = editing ? this.editor.cursorRow : 0;
      this.term.resize(cols, rows);
      if (!editing) return;
      await this.flush();
      if (this.gone()) return;
      const b = this.term.buffer.active;
      // The cursor row moved with the reflow of the output above; the prompt is rowsAbove higher.
      const promptRow = Math.max(0, b.cursorY - rowsAbove);
      const startCol = this.editor.promptColumn < cols ? this.editor.promptColumn : 0;
      this.write(`\x1b[${promptRow + 1};${startCol + 1}H\x1b[J` + this.editor.begin(this.prompt, startCol, cols));
    });
  }

  /** The worker is gone: say so, and take no more input. */
  markDead(message: string): void {
    if (this.state === 'dead') return;
    const wasPrompt = this.state === 'prompt';
    this.setState('dead');
    this.queue = [];
    this.tasks = [];
    let out = wasPrompt ? this.editor.finish() : '\r\n';
    out += `\x1b[1m${message}\x1b[0m\r\n`;
    this.term.write(out);
  }

  /** Resolves when every task so far has run (tests). */
  idle(): Promise<void> {
    if (!this.draining && this.tasks.length === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  // -------------------------------------------------------------------------------------------
  // The task queue

  private enqueue(task: () => void | Promise<void>): void {
    this.tasks.push(task);
    if (!this.draining) void this.drain();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      for (let task = this.tasks.shift(); task; task = this.tasks.shift()) {
        try {
          await task();
        } catch (e) {
          // A bug here must not wedge the terminal; show it rather than swallow it.
          this.term.write(`\r\n[terminal error: ${e instanceof Error ? e.message : String(e)}]\r\n`);
        }
      }
    } finally {
      this.draining = false;
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      waiters.forEach((w) => w());
    }
  }

  /** The worker died while a task waited (a method, so TypeScript does not narrow it away). */
  private gone(): boolean {
    return this.state === 'dead';
  }

  private setState(s: TerminalState): void {
    if (this.state === s) return;
    this.state = s;
    this.opts.onStateChange?.(s);
  }

  private write(s: string): void {
    if (!s) return;
    // A password being typed: the keys edit the line but nothing is shown, except the newline.
    if (this.muted) {
      if (s.includes('\n')) this.term.write('\r\n');
      return;
    }
    this.term.write(s);
  }

  /** Resolves once xterm has processed everything written so far (its cursor is then current). */
  private flush(): Promise<void> {
    return new Promise((resolve) => this.term.write('', resolve));
  }

  // -------------------------------------------------------------------------------------------
  // Worker events

  private async onOutput(text: string): Promise<void> {
    const out = text.replace(/\r?\n/g, '\r\n');
    if (this.state === 'prompt') {
      // Output while the learner edits (a background job, a warning): move the prompt and the
      // line below it, as readline does.
      this.write(this.editor.hide() + out);
      await this.flush();
      if (this.gone()) return;
      this.write(this.editor.begin(this.prompt, this.term.buffer.active.cursorX, this.term.cols));
      return;
    }
    if (this.state === 'dead') return;
    this.write(out);
  }

  private async onReady(prompt: string, mode: string): Promise<void> {
    if (this.state === 'closed' || this.state === 'dead') return;
    if (this.state === 'prompt') {
      if (prompt === this.prompt && mode === this.mode) return;
      this.write(this.editor.hide());
    } else {
      this.editor.reset(prompt === '' ? [] : (this.opts.history?.load(mode) ?? []));
    }
    this.prompt = prompt;
    this.mode = mode;
    this.lastTabAmbiguous = false;
    this.pendingList = undefined;
    await this.flush();
    if (this.gone()) return;
    this.write(this.editor.begin(prompt, this.term.buffer.active.cursorX, this.term.cols));
    this.setState('prompt');
    await this.replayQueue();
  }

  /** A line from a share link's replay: shown after the prompt as if typed, and kept in history. */
  private onReplayedLine(text: string): void {
    if (this.state !== 'prompt') return;
    const ed = this.editor;
    this.write(ed.replace(text));
    this.write(ed.finish());
    if (this.prompt !== '' && text.trim() !== '') this.opts.history?.add(this.mode, text);
    ed.reset();
    this.setState('running');
  }

  private async onClosed(): Promise<void> {
    if (this.state === 'dead') return;
    this.setState('closed');
    this.queue = [];
    await this.flush();
    if (this.gone()) return;
    const atLineStart = this.term.buffer.active.cursorX === 0;
    this.write(`${atLineStart ? '' : '\r\n'}\x1b[1m${this.opts.endedMessage}\x1b[0m\r\n`);
  }

  // -------------------------------------------------------------------------------------------
  // Keys

  /** Replay what was typed (or queued by Run buttons) while the prompt was away. */
  private async replayQueue(): Promise<void> {
    while (this.state === 'prompt' && this.queue.length > 0) {
      const item = this.queue.shift()!;
      if (item.kind === 'line') await this.typeLine(item.text, item.remember);
      else await this.onKeys(item.data);
    }
  }

  private async onKeys(data: string): Promise<void> {
    if (this.secret && this.state === 'prompt') {
      this.muted = true;
      try {
        await this.editKeys(data);
      } finally {
        this.muted = false;
      }
      return;
    }
    return this.editKeys(data);
  }

  private async editKeys(data: string): Promise<void> {
    if (this.state === 'starting' || this.state === 'running') {
      this.queue.push({ kind: 'keys', data });
      return;
    }
    if (this.state === 'closed') {
      if (/[\r\n]/.test(data)) this.opts.onEnded();
      return;
    }
    if (this.state !== 'prompt') return;
    const keys = splitKeys(data);
    // A paste (several keys at once) inserts tabs as spaces instead of completing.
    const paste = keys.length > 1;
    for (let i = 0; i < keys.length; i++) {
      if (this.state !== 'prompt') {
        // Enter started a command: the rest waits for the next prompt, ahead of anything queued.
        const rest = keys.slice(i).join('');
        if (this.state === 'running' && rest.includes('\x03')) this.interruptRunning(rest);
        else if (this.state === 'running' || this.state === 'starting') this.queue.unshift({ kind: 'keys', data: rest });
        return;
      }
      await this.onKey(keys[i]!, paste);
    }
  }

  /** Ctrl-C while a command runs: interrupt it, forget what was typed ahead, keep what follows. */
  private interruptRunning(data: string): void {
    this.queue = [];
    this.backend.interrupt();
    const after = data.slice(data.lastIndexOf('\x03') + 1);
    if (after) this.enqueue(() => this.onKeys(after));
  }

  private async onKey(key: string, paste: boolean): Promise<void> {
    const ed = this.editor;
    if (this.pendingList) return this.answerListQuery(key);
    const secondTab = this.lastTabAmbiguous;
    this.lastTabAmbiguous = false;
    const inputMode = this.prompt === '';
    if (isPrintable(key)) {
      this.write(ed.insert(key));
      return;
    }
    const cmd = commandFor(key);
    switch (cmd) {
      case 'accept-line':
        return this.submit();
      case 'interrupt':
        // At a prompt the worker prints the mode's '^C' text and a new 'ready'.
        this.write(ed.moveToEnd());
        ed.reset();
        this.setState('running');
        this.backend.interrupt();
        return;
      case 'delete-char-or-eof':
        if (ed.text === '') {
          this.setState('running');
          this.backend.eof();
        } else {
          this.write(ed.deleteChar());
        }
        return;
      case 'complete':
        if (paste) this.write(ed.insert(' '));
        else if (!inputMode) await this.complete(secondTab);
        return;
      case 'clear-screen':
        this.write(ed.clearScreen());
        return;
      case 'backward-char':
        return this.write(ed.left());
      case 'forward-char':
        return this.write(ed.right());
      case 'beginning-of-line':
        return this.write(ed.home());
      case 'end-of-line':
        return this.write(ed.end());
      case 'backward-word':
        return this.write(ed.wordLeft());
      case 'forward-word':
        return this.write(ed.wordRight());
      case 'backward-delete-char':
        return this.write(ed.backspace());
      case 'delete-char':
        return this.write(ed.deleteChar());
      case 'unix-line-discard':
        return this.write(ed.killToStart());
      case 'kill-line':
        return this.write(ed.killToEnd());
      case 'unix-word-rubout':
        return this.write(ed.killWordBack());
      case 'backward-kill-word':
        return this.write(ed.killAlnumWordBack());
      case 'kill-word':
        return this.write(ed.killWordForward());
      case 'yank':
        return this.write(ed.yank());
      case 'transpose-chars':
        return this.write(ed.transpose());
      case 'previous-history':
        if (!inputMode) this.write(ed.historyPrev());
        return;
      case 'next-history':
        if (!inputMode) this.write(ed.historyNext());
        return;
      case 'beginning-of-history':
        if (!inputMode) this.write(ed.historyFirst());
        return;
      case 'end-of-history':
        if (!inputMode) this.write(ed.historyLast());
        return;
      default:
        // Unbound keys (function keys, a lone Esc, Shift-Tab) do nothing, as in bash.
        return;
    }
  }

  /** Enter: the line goes to the worker; the newline is ours, the output is the worker's. */
  private submit(remember = true): void {
    const ed = this.editor;
    const line = ed.text;
    this.write(ed.finish());
    if (remember && this.prompt !== '' && !this.secret) this.opts.history?.add(this.mode, line);
    ed.reset();
    this.setState('running');
    this.backend.submit(line);
  }

  /** Show a line after the prompt as if typed, and press Enter. */
  private async typeLine(text: string, remember: boolean): Promise<void> {
    const line = text.replace(/[\r\n]+$/, '');
    const lines = line.split(/\r?\n/);
    this.write(this.editor.replace(lines[0]!));
    this.submit(remember);
    // A multi-line command runs line by line, each after the previous one's prompt.
    for (let i = lines.length - 1; i >= 1; i--) this.queue.unshift({ kind: 'line', text: lines[i]!, remember });
  }

  private async complete(secondTab: boolean): Promise<void> {
    const ed = this.editor;
    const line = ed.text;
    const cursor = ed.cursor;
    const result = await this.backend.complete(line.slice(0, cursor));
    if (!result || this.gone() || this.state !== 'prompt' || ed.text !== line || ed.cursor !== cursor) return;
    const plan = planCompletion(line, cursor, result, secondTab);
    if (plan.kind === 'insert') {
      this.write(ed.replace(plan.text, plan.cursor));
      this.lastTabAmbiguous = plan.ambiguous;
    } else if (plan.kind === 'none') {
      this.lastTabAmbiguous = plan.ambiguous;
    } else {
      this.lastTabAmbiguous = true;
      if (plan.items.length > COMPLETION_QUERY_ITEMS) {
        this.pendingList = plan.items;
        this.write(ed.finish() + `Display all ${plan.items.length} possibilities? (y or n)`);
      } else {
        this.write(ed.printBelow(formatColumns(plan.items, ed.columns)));
      }
    }
  }

  /** readline's question before a long list: y or space shows it, n or Ctrl-C does not. */
  private answerListQuery(key: string): void {
    const items = this.pendingList!;
    if (key === 'y' || key === 'Y' || key === ' ') {
      this.pendingList = undefined;
      this.write('\r\n' + formatColumns(items, this.editor.columns).map((l) => l + '\r\n').join(''));
      this.write(this.editor.begin(this.prompt, 0, this.term.cols));
    } else if (key === 'n' || key === 'N' || key === '\x7f' || key === '\x03' || key === '\x07') {
      this.pendingList = undefined;
      this.write('\r\n' + this.editor.begin(this.prompt, 0, this.term.cols));
    }
  }
}
