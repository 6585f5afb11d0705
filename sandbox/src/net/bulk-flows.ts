/**
 * Bulk transfers in progress (iperf's data), and how they share the links they cross.
 *
 * Each transfer has a demand: the goodput it would reach alone (net/flow-model.ts: the shaped
 * bottleneck, the window over the round trip, loss, the CPU, a -b cap). Transfers that cross the
 * same shaped interface (a TCLink's `bw`, an HTB class) share its rate max-min fairly, as
 * long-lived TCP flows with equal round trips do: progressive filling raises every unsatisfied
 * transfer's rate together until a link is full or a transfer has what it asks for (Bertsekas
 * and Gallager, Data Networks, §6.5.2). Rates are compared in bits on the wire, so a transfer's
 * headers count against the link (goodput = wire rate × its efficiency, 1448/1514 for TCP).
 *
 * Rates change only when a transfer starts or leaves; each transfer keeps the history of its
 * rate, so the bytes it has moved by any time are exact. A sender that stops names the bytes it
 * wrote (with what still sits in the bottleneck queue): the transfer keeps its share until they
 * are delivered, then leaves and the others speed up.
 */
import type { Scheduler, EventHandle } from '../sim/scheduler';
import type { Micros } from '../sim/time';
import type { Intf } from './interface';
import type { Network } from './network';

interface RateStep {
  /** From this time on (µs)... */
  readonly at: Micros;
  /** ...the goodput is this (bit/s). */
  readonly bps: number;
}

export class BulkFlow {
  private steps: RateStep[] = [];
  /** Bytes to deliver before leaving (set when the sender stops). */
  target: number | undefined;
  done = false;
  timer: EventHandle | undefined;

  constructor(
    readonly id: number,
    /** The shaped interfaces crossed, in path order (each an egress with tc.bw). */
    readonly links: readonly Intf[],
    /** Goodput it would get alone (bit/s). */
    readonly demandBps: number,
    /** Goodput bits per bit on the wire. */
    readonly efficiency: number,
    readonly startAt: Micros,
  ) {}

  /** Current goodput (bit/s). */
  get rateBps(): number {
    return this.steps.length ? this.steps[this.steps.length - 1]!.bps : 0;
  }

  setRate(at: Micros, bps: number): void {
    const last = this.steps[this.steps.length - 1];
    if (last && last.bps === bps) return;
    if (last && last.at === at) this.steps[this.steps.length - 1] = { at, bps };
    else this.steps.push({ at, bps });
  }

  /** Goodput bytes delivered from the start up to time `t`. */
  bytesAt(t: Micros): number {
    let total = 0;
    for (let i = 0; i < this.steps.length; i++) {
      const s = this.steps[i]!;
      if (t <= s.at) break;
      const end = Math.min(t, this.steps[i + 1]?.at ?? Infinity);
      total += (s.bps / 8) * ((end - s.at) / 1e6);
    }
    return total;
  }

  /** When `bytes` will have been delivered at the current rates (Infinity if never). */
  timeOf(bytes: number): Micros {
    let total = 0;
    for (let i = 0; i < this.steps.length; i++) {
      const s = this.steps[i]!;
      const next = this.steps[i + 1]?.at;
      const perUs = s.bps / 8 / 1e6;
      const span = next === undefined ? Infinity : (s.bps / 8) * ((next - s.at) / 1e6);
      if (total + span >= bytes) return perUs > 0 ? s.at + (bytes - total) / perUs : Infinity;
      total += span;
    }
    return Infinity;
  }
}

export type BulkListener = () => void;

export class BulkFlows {
  private flows: BulkFlow[] = [];
  private byId = new Map<number, BulkFlow>();
  private nextId = 1;
  private listeners = new Set<BulkListener>();

  constructor(private readonly sched: Scheduler) {}

  /** A transfer starts now: it gets its share and the others are rebalanced. */
  start(links: readonly Intf[], demandBps: number, efficiency: number): BulkFlow {
    const f = new BulkFlow(this.nextId++, links.filter((l) => (l.tc?.bw ?? 0) > 0), demandBps, efficiency, this.sched.now);
    this.flows.push(f);
    this.byId.set(f.id, f);
    this.rebalance();
    return f;
  }

  get(id: number): BulkFlow | undefined {
    return this.byId.get(id);
  }

  /** Transfers still sharing links (for tests). */
  active(): readonly BulkFlow[] {
    return this.flows;
  }

  /** The sender stopped having written `bytes`: the transfer leaves once they are delivered. */
  finish(f: BulkFlow, bytes: number): void {
    if (f.done) return;
    f.target = bytes;
    this.schedule(f);
  }

  /** The transfer ends at once (a UDP sender stops; nothing of it is queued for later). */
  remove(f: BulkFlow): void {
    if (f.done) return;
    f.done = true;
    this.sched.cancel(f.timer);
    this.flows = this.flows.filter((x) => x !== f);
    this.byId.delete(f.id);
    this.rebalance();
  }

  /** Be told whenever rates change (a server recomputes when its transfer completes). */
  onChange(l: BulkListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private schedule(f: BulkFlow): void {
    this.sched.cancel(f.timer);
    f.timer = undefined;
    if (f.target === undefined || f.done) return;
    const at = f.timeOf(f.target);
    if (at <= this.sched.now) {
      this.remove(f);
      return;
    }
    if (Number.isFinite(at)) f.timer = this.sched.at(at, () => this.remove(f));
  }

  /** Max-min fair rates by progressive filling, in wire bits per second. */
  private rebalance(): void {
    const now = this.sched.now;
    const wire = new Map<BulkFlow, number>(this.flows.map((f) => [f, 0]));
    const left = new Map<Intf, number>();
    for (const f of this.flows) for (const l of f.links) left.set(l, l.tc!.bw! * 1e6);
    const satisfied = new Set<BulkFlow>();
    let open = this.flows.filter((f) => f.demandBps > 0);
    while (open.length > 0) {
      // The largest equal raise every open transfer can take.
      let raise = Infinity;
      const users = new Map<Intf, number>();
      for (const f of open) {
        raise = Math.min(raise, f.demandBps / f.efficiency - wire.get(f)!);
        for (const l of f.links) users.set(l, (users.get(l) ?? 0) + 1);
      }
      for (const [l, n] of users) raise = Math.min(raise, left.get(l)! / n);
      raise = Math.max(0, raise);
      for (const f of open) wire.set(f, wire.get(f)! + raise);
      for (const [l, n] of users) left.set(l, left.get(l)! - raise * n);
      const full = (l: Intf) => left.get(l)! <= 1e-9 * l.tc!.bw! * 1e6;
      const next: BulkFlow[] = [];
      for (const f of open) {
        if (wire.get(f)! >= (f.demandBps / f.efficiency) * (1 - 1e-12)) satisfied.add(f);
        else if (!f.links.some(full)) next.push(f);
      }
      open = next;
    }
    for (const f of this.flows) f.setRate(now, satisfied.has(f) ? f.demandBps : wire.get(f)! * f.efficiency);
    for (const f of this.flows) this.schedule(f);
    for (const l of [...this.listeners]) l();
  }
}

const registries = new WeakMap<Network, BulkFlows>();

/** The transfers of one emulated network. */
export function bulkFlows(net: Network): BulkFlows {
  let r = registries.get(net);
  if (!r) {
    r = new BulkFlows(net.sched);
    registries.set(net, r);
  }
  return r;
}
