/**
 * The pacer maps virtual time to wall time (DESIGN.md, engine principle 2): `ping` prints a reply
 * a second, flows idle out while the learner reads. Used by the browser worker and by the
 * headless CLI; it needs only setTimeout and performance.now, which both have.
 */
export interface Steppable {
  readonly now: number;
  advanceTo(t: number): boolean;
  nextEventTime(): number | undefined;
  /** True while outside work (Python) runs: virtual time must not advance (Scheduler.frozen). */
  readonly frozen?: boolean;
}

export class Pacer {
  private wallBase = performance.now();
  private virtBase: number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = true;

  constructor(
    private readonly target: Steppable,
    private speed = 1,
  ) {
    this.virtBase = target.now;
  }

  private virtualNow(): number {
    return this.virtBase + (performance.now() - this.wallBase) * 1000 * this.speed;
  }

  /** Change speed (0 pauses) without a jump in virtual time. */
  setSpeed(speed: number): void {
    this.virtBase = Math.max(this.target.now, this.stopped ? this.target.now : this.virtualNow());
    this.wallBase = performance.now();
    this.speed = Math.max(0, speed);
    this.kick();
  }

  start(): void {
    this.stopped = false;
    this.virtBase = this.target.now;
    this.wallBase = performance.now();
    this.tick();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Run due events now (after input), instead of waiting for the next tick. */
  kick(): void {
    if (this.stopped) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.tick();
  }

  private tick = (): void => {
    if (this.stopped) return;
    if (this.target.frozen) {
      // Time stands still while Python computes; resume from here without a jump.
      this.virtBase = this.target.now;
      this.wallBase = performance.now();
      this.timer = setTimeout(this.tick, 50);
      return;
    }
    if (this.speed > 0) this.target.advanceTo(Math.floor(this.virtualNow()));
    const next = this.target.nextEventTime();
    let waitMs = 50;
    if (this.speed > 0 && next !== undefined) waitMs = Math.min(50, Math.max(0, (next - this.virtualNow()) / 1000 / this.speed));
    this.timer = setTimeout(this.tick, waitMs);
  };
}
