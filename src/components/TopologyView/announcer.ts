/**
 * The spoken feed of frames (an aria-live="polite" region): at most one line a second, so a screen
 * reader is never flooded. The first frame after a quiet second is told at once; frames that come
 * meanwhile wait for the next second, which tells the latest of them "and N more frames".
 * Plain TypeScript with injected timers (tests drive it by hand).
 */
import type { PacketInfo } from '@site/sandbox/worker/api';

export const ANNOUNCE_MS = 1000;

export interface AnnouncerTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** "h1 to s1: ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28". */
export function describeFrame(p: PacketInfo): string {
  return `${p.from.node} to ${p.to.node}: ${p.summary}`;
}

export class Announcer {
  private waiting: PacketInfo | undefined;
  private more = 0;
  private timer: unknown;

  constructor(
    private readonly say: (text: string) => void,
    private readonly timers: AnnouncerTimers = { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) },
  ) {}

  push(packets: readonly PacketInfo[]): void {
    let rest = packets;
    if (this.timer === undefined && rest.length > 0) {
      // Quiet until now: tell the first at once, and start a second.
      this.say(describeFrame(rest[0]!));
      rest = rest.slice(1);
      this.timer = this.timers.set(this.tick, ANNOUNCE_MS);
    }
    for (const p of rest) {
      if (this.waiting !== undefined) this.more++;
      this.waiting = p;
    }
  }

  private tick = (): void => {
    this.timer = undefined;
    const p = this.waiting;
    if (p === undefined) return;
    const more = this.more;
    this.waiting = undefined;
    this.more = 0;
    this.say(more > 0 ? `${describeFrame(p)}, and ${more} more frame${more === 1 ? '' : 's'}` : describeFrame(p));
    this.timer = this.timers.set(this.tick, ANNOUNCE_MS);
  };

  dispose(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
    this.waiting = undefined;
  }
}
