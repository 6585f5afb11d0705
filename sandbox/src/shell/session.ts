/**
 * A terminal session: a stack of modes (the lab machine's bash, `mininet> `, later `onos> `),
 * one foreground process at a time, and the terminal's keys: a line, Ctrl-C, Ctrl-D.
 * The UI (xterm in the browser, the headless CLI) draws what this reports: output text, and
 * a prompt whenever the session is ready for a line.
 */
import type { Sandbox } from '../sandbox';
import type { Proc } from './process';
import { Job, Signal } from './process';
import type { CommandRecord } from '../lessons/lesson-log';

export interface Completion {
  /** Text that replaces the word being completed (or the whole line's tail). */
  readonly candidates: string[];
  /** Start index in the line of the word being completed. */
  readonly from: number;
}

export interface Mode {
  /** 'bash', 'mininet', ... (for snapshots and tests). */
  readonly id: string;
  prompt(): string;
  /** Run one line; undefined when the line does nothing (empty). */
  run(line: string, session: Session): Proc | undefined;
  /** Ctrl-D at the prompt. */
  eof(session: Session): Proc | undefined;
  /** What the terminal shows when Ctrl-C is pressed at this prompt, before the next prompt. */
  readonly interruptText: string;
  complete(line: string, session: Session): Completion;
  /** Text shown just before the next prompt (bash's "[1]+  Done ..." job notices). */
  beforePrompt?(session: Session): string;
}

interface ModeFrame {
  readonly mode: Mode;
  /** The process that pushed this mode and resumes when it pops. */
  readonly owner: Job | undefined;
  readonly popped: Signal;
}

export type OutputListener = (text: string) => void;

export class Session {
  private frames: ModeFrame[] = [];
  foreground: Job | undefined;
  private outputListeners = new Set<OutputListener>();
  private readyListeners = new Set<() => void>();
  private typeAhead: string[] = [];
  closed = false;
  readonly history: string[] = [];
  /** Lines of output since the session started (for tests and checks). */
  private transcript = '';
  private readonly transcriptLimit = 1 << 20;
  /** The lesson log's record of the line being run; output is appended to it. */
  private lastCommand: CommandRecord | undefined;

  constructor(
    readonly sandbox: Sandbox,
    root: Mode,
    readonly id: number,
  ) {
    this.frames.push({ mode: root, owner: undefined, popped: new Signal(sandbox.net.sched) });
  }

  get mode(): Mode {
    return this.frames[this.frames.length - 1]!.mode;
  }

  get depth(): number {
    return this.frames.length;
  }

  modes(): Mode[] {
    return this.frames.map((f) => f.mode);
  }

  /** True while a process holds the terminal (and is not just waiting for a typed line). */
  get busy(): boolean {
    const f = this.foreground;
    return f !== undefined && !f.done && f.wantsInput === undefined;
  }

  /** False while a process reads a line with echo off (a password): the terminal must not show the keys. */
  get echoesInput(): boolean {
    return this.foreground?.wantsInput?.echo !== false;
  }

  /** A process is reading a line (password, interactive program). */
  get readingInput(): boolean {
    return this.foreground?.wantsInput !== undefined;
  }

  /** The prompt to show, or undefined while busy. A reading process prints its own prompt. */
  get prompt(): string | undefined {
    if (this.closed) return undefined;
    if (this.foreground && !this.foreground.done) return this.foreground.wantsInput ? '' : undefined;
    return this.mode.prompt();
  }

  onOutput(l: OutputListener): () => void {
    this.outputListeners.add(l);
    return () => this.outputListeners.delete(l);
  }

  /** Called whenever the session becomes ready for a line (a prompt should be drawn). */
  onReady(l: () => void): () => void {
    this.readyListeners.add(l);
    return () => this.readyListeners.delete(l);
  }

  write(text: string): void {
    if (!text) return;
    if (this.transcript.length < this.transcriptLimit) this.transcript += text;
    if (this.lastCommand) this.sandbox.lessonLog.appendOutput(this.lastCommand, text);
    for (const l of this.outputListeners) l(text);
  }

  output(): string {
    return this.transcript;
  }

  /** Clear the screen (the UI clears; headless prints nothing). */
  clearScreen(): void {
    this.write('\x1b[H\x1b[2J');
  }

  /** A line typed at the terminal (without its newline). */
  submit(line: string): void {
    if (this.closed) return;
    const f = this.foreground;
    if (f && !f.done) {
      if (f.wantsInput) {
        f.provideInput(line);
        return;
      }
      this.typeAhead.push(line);
      return;
    }
    this.runLine(line);
  }

  private runLine(line: string): void {
    if (line.trim() !== '' && this.history[this.history.length - 1] !== line) this.history.push(line);
    if (line.trim() !== '') this.lastCommand = this.sandbox.lessonLog.beginCommand(this.id, this.mode.id, line, this.sandbox.now);
    let proc: Proc | undefined;
    try {
      proc = this.mode.run(line, this);
    } catch (e) {
      this.write(`*** sandbox: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    }
    if (proc) this.startForeground(proc);
    else this.becameReady();
  }

  /** Ctrl-C. */
  interrupt(): void {
    if (this.closed) return;
    this.typeAhead = [];
    const f = this.foreground;
    if (f && !f.done) {
      this.write('^C');
      f.interrupt();
      return;
    }
    this.write(this.mode.interruptText);
    this.becameReady();
  }

  /** Ctrl-D. */
  eof(): void {
    if (this.closed) return;
    const f = this.foreground;
    if (f && !f.done) {
      if (f.wantsInput) f.provideInput(null);
      return;
    }
    const proc = this.mode.eof(this);
    if (proc) this.startForeground(proc);
    else this.becameReady();
  }

  /** Run a process in the foreground of the current mode. */
  startForeground(proc: Proc): Job {
    const job = new Job(this.sandbox.net.sched, proc, (msg) => this.write(`*** sandbox: internal error: ${msg}\n`));
    this.foreground = job;
    job.onExit(() => {
      if (this.foreground === job) {
        this.foreground = undefined;
        this.afterForeground();
      }
    });
    job.start();
    return job;
  }

  private afterForeground(): void {
    if (this.closed) return;
    const next = this.typeAhead.shift();
    if (next !== undefined) {
      // The typed-ahead line appears after the prompt, as a terminal shows it.
      this.write(this.mode.prompt() + next + '\n');
      this.runLine(next);
      return;
    }
    this.becameReady();
  }

  private becameReady(): void {
    if (this.foreground && !this.foreground.done && !this.foreground.wantsInput) return;
    if (!this.foreground && !this.closed) this.write(this.mode.beforePrompt?.(this) ?? '');
    for (const l of this.readyListeners) l();
  }

  /** Notify the UI that a process now waits for a line (it printed its own prompt). */
  inputRequested(): void {
    for (const l of this.readyListeners) l();
  }

  /**
   * Push a mode owned by the current foreground process. Returns a signal that fires when the
   * mode is popped; the owner waits on it and becomes the foreground again then.
   */
  pushMode(mode: Mode): Signal {
    const frame: ModeFrame = { mode, owner: this.foreground, popped: new Signal(this.sandbox.net.sched) };
    this.frames.push(frame);
    this.foreground = undefined;
    this.becameReady();
    return frame.popped;
  }

  /** Pop the top mode. Its owner becomes the foreground; popping the root closes the session. */
  popMode(): void {
    const frame = this.frames.pop();
    if (!frame) return;
    if (this.frames.length === 0) {
      this.closed = true;
      for (const l of this.readyListeners) l();
      return;
    }
    // The popping process (e.g. `exit`) finishes first; then the owner holds the terminal again.
    if (frame.owner && !frame.owner.done) this.foreground = frame.owner;
    frame.popped.fire();
  }

  /** Kill every process of this terminal: the foreground one and those waiting under pushed modes. */
  killAll(): void {
    this.typeAhead = [];
    const jobs = [this.foreground, ...this.frames.map((f) => f.owner)];
    for (const j of jobs.reverse()) j?.kill();
    this.closed = true;
  }

  complete(line: string): Completion {
    try {
      return this.mode.complete(line, this);
    } catch {
      return { candidates: [], from: line.length };
    }
  }
}
