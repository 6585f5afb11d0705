/**
 * The Node pacer: maps virtual time to wall time, so `ping` prints a reply a second, and lets
 * background activity (flow timeouts, ARP ageing) go on while the terminal sits at a prompt.
 * `speed` scales virtual time (2 = twice as fast as real time).
 */
import type { Sandbox } from '../src/sandbox';

export class NodePacer {
  private wallBase = performance.now();
  private virtBase: number;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly sandbox: Sandbox,
    private readonly speed = 1,
  ) {
    this.virtBase = sandbox.now;
  }

  /** Virtual time that corresponds to now on the wall clock. */
  private target(): number {
    return this.virtBase + (performance.now() - this.wallBase) * 1000 * this.speed;
  }

  start(): void {
    const tick = (): void => {
      if (this.stopped) return;
      this.sandbox.advanceTo(Math.floor(this.target()));
      const next = this.sandbox.nextEventTime();
      const waitMs = next === undefined ? 50 : Math.min(50, Math.max(0, (next - this.target()) / 1000 / this.speed));
      this.timer = setTimeout(tick, waitMs);
    };
    tick();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
