/**
 * Discrete-event scheduler. Events run in (time, sequence) order, so two events at the same
 * virtual time always run in the order they were scheduled: runs are reproducible.
 * A binary heap holds the events; cancelled events are skipped lazily.
 */
import type { Micros } from './time';

export interface EventHandle {
  readonly at: Micros;
  readonly seq: number;
  cancelled: boolean;
  readonly fn: () => void;
}

export class Scheduler {
  private heap: EventHandle[] = [];
  private seqCounter = 0;
  private _now: Micros = 0;
  /** Events run since creation (for the benchmark and the event budget). */
  eventsRun = 0;
  /**
   * Processes waiting on work outside the simulation (Python running in Pyodide, Pyodide
   * loading). While any is pending, virtual time is frozen: drivers must not run events, so
   * that nothing in the network moves while the program computes (runs stay reproducible
   * whatever the wall-clock cost of the outside work).
   */
  private externalCount = 0;
  private externalListeners = new Set<() => void>();

  get frozen(): boolean {
    return this.externalCount > 0;
  }

  /** Mark outside work as started; the returned function ends it (idempotent). */
  beginExternal(): () => void {
    this.externalCount++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.externalCount--;
      for (const l of [...this.externalListeners]) l();
    };
  }

  /** Called whenever some outside work ends (the pacer kicks, async drivers resume). */
  onExternalEnd(l: () => void): () => void {
    this.externalListeners.add(l);
    return () => this.externalListeners.delete(l);
  }

  get now(): Micros {
    return this._now;
  }

  /** Run fn after delay microseconds of virtual time (delay is rounded and clamped at 0). */
  after(delay: Micros, fn: () => void): EventHandle {
    return this.at(this._now + Math.max(0, Math.round(delay)), fn);
  }

  /** Run fn at virtual time `time` (rounded up to a whole microsecond; never in the past). */
  at(time: Micros, fn: () => void): EventHandle {
    const ev: EventHandle = { at: Math.max(Math.ceil(time), this._now), seq: this.seqCounter++, cancelled: false, fn };
    this.push(ev);
    return ev;
  }

  cancel(ev: EventHandle | undefined): void {
    if (ev) ev.cancelled = true;
  }

  /** Time of the next live event, or undefined when nothing is scheduled. */
  nextTime(): Micros | undefined {
    this.dropCancelled();
    return this.heap.length > 0 ? this.heap[0]!.at : undefined;
  }

  get pending(): number {
    return this.heap.length;
  }

  /** Run the next event; false when there is none. */
  step(): boolean {
    this.dropCancelled();
    const ev = this.pop();
    if (!ev) return false;
    this._now = ev.at;
    this.eventsRun++;
    ev.fn();
    return true;
  }

  /**
   * Run every event due at or before `time`, then set the clock to `time`.
   * Stops early (returning false) when `budget` events have run or `stop()` says so.
   */
  runUntil(time: Micros, budget = Infinity, stop?: () => boolean): boolean {
    let n = 0;
    for (;;) {
      if (stop?.()) return false;
      const next = this.nextTime();
      if (next === undefined || next > time) break;
      if (n >= budget) return false;
      this.step();
      n++;
    }
    if (time > this._now) this._now = time;
    return true;
  }

  /** Drop every pending event (used when a sandbox is reset). */
  clear(): void {
    this.heap = [];
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.pop();
  }

  private less(a: EventHandle, b: EventHandle): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(ev: EventHandle): void {
    const h = this.heap;
    h.push(ev);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  private pop(): EventHandle | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}
