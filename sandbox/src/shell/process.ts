/**
 * Processes are generators. A command's `run` is a generator that writes output and yields
 * a Wait whenever it must let virtual time pass (sleep), wait for something to happen (a
 * Signal, with an optional timeout) or read a line from the terminal. The value sent back
 * says why it woke: Ctrl-C arrives as { reason: 'interrupt' }, so a command prints its own
 * ^C output (ping's statistics) instead of being killed. Composition is `yield*`.
 * The generator's return value is the exit status.
 */
import type { Scheduler, EventHandle } from '../sim/scheduler';
import type { Micros } from '../sim/time';

export type Wait =
  | { readonly kind: 'sleep'; readonly us: Micros }
  | { readonly kind: 'signal'; readonly signal: Signal; readonly timeoutUs?: Micros }
  | { readonly kind: 'input'; readonly echo: boolean }
  | { readonly kind: 'external'; readonly promise: Promise<unknown> };

export type WakeReason = 'start' | 'timeout' | 'signal' | 'interrupt' | 'input' | 'eof' | 'external';

export interface Wake {
  readonly reason: WakeReason;
  /** The line read, for reason 'input'. */
  readonly line?: string;
}

export type Proc = Generator<Wait, number, Wake>;

export function sleep(us: Micros): Wait {
  return { kind: 'sleep', us };
}

export function waitFor(signal: Signal, timeoutUs?: Micros): Wait {
  return { kind: 'signal', signal, timeoutUs };
}

export function readLine(echo = true): Wait {
  return { kind: 'input', echo };
}

/**
 * Wait for work outside the simulation (a promise: Python in Pyodide, Pyodide loading).
 * Virtual time is frozen until it settles (Scheduler.frozen). Ctrl-C still wakes the process.
 */
export function waitExternal(promise: Promise<unknown>): Wait {
  return { kind: 'external', promise };
}

/** A process that does nothing but return a status (for handlers with no output). */
export function* done(status = 0): Proc {
  return status;
}

/**
 * Something a process can wait for. Firing wakes every waiter on the next scheduler turn
 * (never re-entrantly inside the code that fired it).
 */
export class Signal {
  private waiters = new Set<() => void>();

  constructor(private readonly sched: Scheduler) {}

  subscribe(fn: () => void): () => void {
    this.waiters.add(fn);
    return () => this.waiters.delete(fn);
  }

  fire(): void {
    if (this.waiters.size === 0) return;
    const ws = [...this.waiters];
    this.waiters.clear();
    this.sched.after(0, () => {
      for (const w of ws) w();
    });
  }
}

export type JobState = 'running' | 'waiting' | 'done';

/** A running process: drives the generator from scheduler events. */
export class Job {
  state: JobState = 'running';
  status = 0;
  private timer: EventHandle | undefined;
  private unsubscribe: (() => void) | undefined;
  /** Ends the scheduler's frozen state for an external wait in progress. */
  private endExternal: (() => void) | undefined;
  /** Set while the process waits for a line of input. */
  wantsInput: { echo: boolean } | undefined;
  private exitListeners: Array<(status: number) => void> = [];
  /** An interrupt that arrived while the generator was executing. */
  private pendingInterrupt = false;
  private executing = false;

  constructor(
    private readonly sched: Scheduler,
    private readonly gen: Proc,
    /** Where an unexpected internal error is reported (never thrown to the page). */
    private readonly reportCrash: (message: string) => void,
  ) {}

  onExit(fn: (status: number) => void): void {
    if (this.state === 'done') fn(this.status);
    else this.exitListeners.push(fn);
  }

  get done(): boolean {
    return this.state === 'done';
  }

  start(): void {
    this.resume({ reason: 'start' });
  }

  /** Ctrl-C: wake the process with reason 'interrupt'. */
  interrupt(): void {
    if (this.state === 'done') return;
    if (this.executing) {
      this.pendingInterrupt = true;
      return;
    }
    this.disarm();
    this.resume({ reason: 'interrupt' });
  }

  /** Deliver a line (or end of input) to a process waiting in readLine. */
  provideInput(line: string | null): void {
    if (!this.wantsInput) return;
    this.wantsInput = undefined;
    this.resume(line === null ? { reason: 'eof' } : { reason: 'input', line });
  }

  /** Stop without running any more of the process (kill -9). */
  kill(status = 137): void {
    if (this.state === 'done') return;
    this.disarm();
    try {
      this.gen.return(status);
    } catch {
      // a generator's finally block failing is not the killer's problem
    }
    this.finish(status);
  }

  private disarm(): void {
    this.sched.cancel(this.timer);
    this.timer = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.wantsInput = undefined;
    this.endExternal?.();
    this.endExternal = undefined;
  }

  private resume(w: Wake): void {
    if (this.state === 'done') return;
    this.state = 'running';
    let r: IteratorResult<Wait, number>;
    this.executing = true;
    try {
      r = this.gen.next(w);
    } catch (e) {
      this.executing = false;
      this.reportCrash(e instanceof Error ? e.message : String(e));
      this.finish(1);
      return;
    } finally {
      this.executing = false;
    }
    if (r.done) {
      this.finish(r.value ?? 0);
      return;
    }
    this.arm(r.value);
    if (this.pendingInterrupt) {
      this.pendingInterrupt = false;
      this.interrupt();
    }
  }

  private arm(w: Wait): void {
    this.state = 'waiting';
    switch (w.kind) {
      case 'sleep':
        this.timer = this.sched.after(w.us, () => {
          this.timer = undefined;
          this.resume({ reason: 'timeout' });
        });
        break;
      case 'signal':
        this.unsubscribe = w.signal.subscribe(() => {
          this.disarm();
          this.resume({ reason: 'signal' });
        });
        if (w.timeoutUs !== undefined) {
          this.timer = this.sched.after(w.timeoutUs, () => {
            this.timer = undefined;
            this.disarm();
            this.resume({ reason: 'timeout' });
          });
        }
        break;
      case 'input':
        this.wantsInput = { echo: w.echo };
        break;
      case 'external': {
        const end = this.sched.beginExternal();
        this.endExternal = end;
        const settled = (): void => {
          if (this.endExternal !== end) return; // woken otherwise meanwhile (Ctrl-C, kill)
          this.endExternal = undefined;
          this.resume({ reason: 'external' });
          end();
        };
        w.promise.then(settled, settled);
        break;
      }
    }
  }

  private finish(status: number): void {
    this.disarm();
    this.state = 'done';
    this.status = status;
    const ls = this.exitListeners;
    this.exitListeners = [];
    for (const l of ls) l(status);
  }
}
