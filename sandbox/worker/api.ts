/**
 * The one contract between the site and the sandbox worker (DESIGN.md, engine principle 7).
 * Everything that crosses it is structured-cloneable data; callbacks are comlink proxies.
 * The site imports only this file from sandbox/.
 */

/** What a terminal reports to the page. */
export type TerminalEvent =
  | { readonly type: 'output'; readonly text: string }
  /** Ready for a line: draw this prompt ('' when a program reads input after printing its own). */
  | { readonly type: 'ready'; readonly prompt: string; readonly mode: string }
  /** The shell exited (exit / Ctrl-D at the last prompt). */
  | { readonly type: 'closed' };

export type TerminalListener = (e: TerminalEvent) => void;

export interface TerminalInfo {
  readonly id: number;
  /** Tab title: "master1", or the node's name for `xterm h1`. */
  readonly title: string;
}

export interface CompletionResult {
  /** Where the completed word starts in the line. */
  readonly from: number;
  readonly candidates: string[];
}

export interface CommandInfo {
  readonly name: string;
  readonly aliases: string[];
  readonly family: string;
  readonly summary: string;
  readonly usage: string;
  readonly where: 'any' | 'lab';
}

/** A lesson step as the page sends it: `check` is the author's data, validated by the worker. */
export interface StepInput {
  readonly id: string;
  readonly check: unknown;
}

/** setSteps' answer for one step: `error` when its check is not valid (then it never passes). */
export interface StepValidation {
  readonly id: string;
  readonly error?: string;
}

/** One step's check evaluated against the sandbox now (not latched: the page remembers "done"). */
export interface StepResult {
  readonly id: string;
  readonly passed: boolean;
  readonly detail?: string;
}

export type StepsListener = (results: StepResult[]) => void;

export interface SandboxInitOptions {
  readonly seed?: number;
  /** Virtual seconds per wall second (1 = real time). */
  readonly speed?: number;
}

export interface SandboxWorkerApi {
  /** Create (or re-create) the sandbox. Returns the first terminal, on the lab machine. */
  init(opts: SandboxInitOptions): TerminalInfo;
  /** Attach a listener to a terminal; it immediately receives the current 'ready' state. */
  listen(terminal: number, listener: TerminalListener): void;
  /** Called when `xterm h1` (or x/gterm) asks for a terminal on a node. */
  onTerminalRequest(listener: (t: TerminalInfo) => void): void;
  submit(terminal: number, line: string): void;
  interrupt(terminal: number): void;
  eof(terminal: number): void;
  complete(terminal: number, line: string): CompletionResult;
  closeTerminal(terminal: number): void;
  /** Pause or resume virtual time; change its speed. */
  setSpeed(speed: number): void;
  commands(): CommandInfo[];
  /**
   * The page's lesson steps (replaces any set before). Each check is validated with the lesson
   * vocabulary (sandbox/src/lessons/checks.ts); the answer lists every step with its error, if any.
   * The steps are evaluated at once and after every completed command (a terminal becomes ready).
   */
  setSteps(steps: StepInput[]): StepValidation[];
  /** Receive every evaluation of the steps (the latest listener replaces the one before). */
  onSteps(listener: StepsListener): void;
}
