/**
 * The frames put on links, for the network view and the packet inspector: a ring of the last
 * PACKET_LOG_SIZE (to decode on request) and the page's feed, batched so that a storm of frames
 * costs the page at most one message every PACKET_BATCH_MS with at most PACKET_BATCH_LIMIT frames
 * (the newest; the rest are counted as skipped). Texts come from capture/ (tcpdump -n's summary,
 * the per-layer decode), made only for the frames the page is sent.
 */
import type { Network, PacketEvent } from '../src/net/network';
import { frameSize } from '../src/wire/ethernet';
import { summarizeFrame } from '../src/capture/summary';
import { decodeFrame, protocolOf } from '../src/capture/decode';
import { PACKET_BATCH_LIMIT, PACKET_BATCH_MS, PACKET_LOG_SIZE } from './api';
import type { PacketBatch, PacketInfo, PacketLayer } from './api';

interface Logged {
  readonly id: number;
  readonly event: PacketEvent;
}

export interface PacketLogTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: PacketLogTimers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** The page's view of one logged frame. */
export function packetInfo(id: number, e: PacketEvent): PacketInfo {
  let summary: string;
  try {
    summary = summarizeFrame(e.frame, { numeric: true, link: false, verbose: 0 });
  } catch (err) {
    summary = `(cannot summarize: ${err instanceof Error ? err.message : String(err)})`;
  }
  return {
    id,
    at: e.at,
    from: { node: e.fromNode, intf: e.from },
    to: { node: e.toNode, intf: e.to },
    protocol: protocolOf(e.frame),
    summary,
    size: frameSize(e.frame),
  };
}

export class PacketLog {
  private ring: (Logged | undefined)[] = new Array(PACKET_LOG_SIZE);
  private nextId = 1;
  /** Frames not yet sent to the page (the newest; a batch takes at most PACKET_BATCH_LIMIT). */
  private pending: Logged[] = [];
  private skipped = 0;
  private timer: unknown;
  private listener: ((b: PacketBatch) => void) | undefined;
  private off: (() => void) | undefined;

  constructor(private readonly timers: PacketLogTimers = realTimers) {}

  /** Log the frames of this network (a new sandbox: the ids start again). */
  attach(net: Network): void {
    this.detach();
    this.ring = new Array(PACKET_LOG_SIZE);
    this.nextId = 1;
    this.pending = [];
    this.skipped = 0;
    this.off = net.onPacket((e) => this.add(e));
  }

  detach(): void {
    this.off?.();
    this.off = undefined;
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
  }

  /** The page's feed (undefined: stop sending; nothing is kept for it meanwhile). */
  watch(listener: ((b: PacketBatch) => void) | undefined): void {
    this.listener = listener;
    this.pending = [];
    this.skipped = 0;
  }

  private add(event: PacketEvent): void {
    const logged: Logged = { id: this.nextId++, event };
    this.ring[logged.id % PACKET_LOG_SIZE] = logged;
    if (!this.listener) return;
    this.pending.push(logged);
    if (this.pending.length >= 2 * PACKET_BATCH_LIMIT) {
      // Keep the newest (cut in chunks, so a storm costs O(1) a frame).
      const cut = this.pending.length - PACKET_BATCH_LIMIT;
      this.pending.splice(0, cut);
      this.skipped += cut;
    }
    if (this.timer === undefined) this.timer = this.timers.set(() => this.flush(), PACKET_BATCH_MS);
  }

  /** Send what is pending now. */
  flush(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
    if (!this.listener || (this.pending.length === 0 && this.skipped === 0)) return;
    const over = Math.max(0, this.pending.length - PACKET_BATCH_LIMIT);
    const batch: PacketBatch = { packets: this.pending.slice(over).map((l) => packetInfo(l.id, l.event)), skipped: this.skipped + over };
    this.pending = [];
    this.skipped = 0;
    this.listener(batch);
  }

  /** The id the next frame will get: frames sent from now on have ids from here (see takeSince). */
  mark(): number {
    return this.nextId;
  }

  /**
   * The frames sent since `mark` (the newest PACKET_BATCH_LIMIT of them), taken out of the feed: a
   * simulation step answers with them instead of a batch.
   */
  takeSince(mark: number): PacketInfo[] {
    const from = Math.max(mark, this.nextId - PACKET_BATCH_LIMIT);
    const out: PacketInfo[] = [];
    for (let id = from; id < this.nextId; id++) {
      const e = this.get(id);
      if (e) out.push(packetInfo(id, e));
    }
    this.pending = this.pending.filter((l) => l.id < mark);
    return out;
  }

  /** A frame still in the ring. */
  get(id: number): PacketEvent | undefined {
    const l = this.ring[id % PACKET_LOG_SIZE];
    return l && l.id === id ? l.event : undefined;
  }

  decode(id: number): PacketLayer[] | undefined {
    const e = this.get(id);
    if (!e) return undefined;
    try {
      return decodeFrame(e.frame).map((l) => ({ name: l.name, fields: l.fields.map((f) => ({ name: f.name, value: f.value })) }));
    } catch (err) {
      return [{ name: 'Frame', fields: [{ name: 'Error', value: `cannot decode: ${err instanceof Error ? err.message : String(err)}` }] }];
    }
  }
}
