/**
 * ARP resolution for one IP stack: the protocol steps over the table in arp-cache.ts.
 * Timers follow Linux defaults: retrans_time 1 s, mcast_solicit 3 and ucast_solicit 3,
 * delay_first_probe_time 5 s, base_reachable_time 30 s (an entry stays REACHABLE for a
 * random 15–45 s).
 */
import type { Ipv4, Mac } from '../wire/addr';
import { BROADCAST_MAC, ZERO_MAC } from '../wire/addr';
import type { ArpPacket } from '../wire/arp';
import { ARP_REPLY, ARP_REQUEST } from '../wire/arp';
import type { Ipv4Packet } from '../wire/ipv4';
import type { NeighEntry, PendingPacket } from './arp-cache';
import { ArpCache } from './arp-cache';
import type { Intf } from './interface';
import type { IpStack } from './ip-stack';

const RETRANS = 1_000_000;
const SOLICIT = 3;
const DELAY_FIRST_PROBE = 5_000_000;
const UNRES_QLEN = 101;

export class Neighbors {
  readonly cache = new ArpCache();

  constructor(private readonly stack: IpStack) {}

  private get sched() {
    return this.stack.net.sched;
  }

  /** Send `packet` to `nextHop` on `intf`, resolving its MAC first if needed. */
  output(nextHop: Ipv4, intf: Intf, p: PendingPacket): void {
    let e = this.cache.get(nextHop);
    if (e && e.intf !== intf && e.state !== 'PERMANENT') {
      this.cache.delete(nextHop);
      e = undefined;
    }
    if (e && e.mac && (e.state === 'REACHABLE' || e.state === 'PERMANENT' || e.state === 'DELAY' || e.state === 'PROBE')) {
      this.stack.sendFrame(intf, e.mac, p.packet);
      return;
    }
    if (e && e.mac && e.state === 'STALE') {
      e.state = 'DELAY';
      this.setTimer(e, DELAY_FIRST_PROBE, () => this.startProbe(e!));
      this.stack.sendFrame(intf, e.mac, p.packet);
      return;
    }
    if (e && e.state === 'INCOMPLETE') {
      if (e.pending.length < UNRES_QLEN) e.pending.push(p);
      return;
    }
    // No entry, or a FAILED one: start resolving.
    const fresh: NeighEntry = e ?? {
      ip: nextHop,
      intf,
      mac: undefined,
      state: 'INCOMPLETE',
      probes: 0,
      pending: [],
      timer: undefined,
      confirmedAt: 0,
    };
    fresh.state = 'INCOMPLETE';
    fresh.mac = undefined;
    fresh.probes = 0;
    fresh.pending = [p];
    this.cache.set(fresh);
    this.solicit(fresh);
  }

  private solicit(e: NeighEntry): void {
    if (e.probes >= SOLICIT) {
      this.fail(e);
      return;
    }
    e.probes++;
    this.sendRequest(e.intf, e.ip, BROADCAST_MAC);
    this.setTimer(e, RETRANS, () => this.solicit(e));
  }

  private startProbe(e: NeighEntry): void {
    if (e.state !== 'DELAY') return;
    e.state = 'PROBE';
    e.probes = 0;
    this.probe(e);
  }

  private probe(e: NeighEntry): void {
    if (e.state !== 'PROBE') return;
    if (e.probes >= SOLICIT) {
      this.fail(e);
      return;
    }
    e.probes++;
    this.sendRequest(e.intf, e.ip, e.mac ?? BROADCAST_MAC);
    this.setTimer(e, RETRANS, () => this.probe(e));
  }

  private fail(e: NeighEntry): void {
    e.state = 'FAILED';
    e.mac = undefined;
    e.timer = undefined;
    const pending = e.pending;
    e.pending = [];
    for (const p of pending) {
      p.onUnreachable?.();
      this.stack.neighborUnreachable(p.packet);
    }
  }

  private setTimer(e: NeighEntry, delay: number, fn: () => void): void {
    this.sched.cancel(e.timer);
    e.timer = this.sched.after(delay, fn);
  }

  private sendRequest(intf: Intf, target: Ipv4, dstMac: Mac): void {
    const spa = this.stack.sourceFor(intf, target);
    if (spa === undefined) return;
    const arp: ArpPacket = { proto: 'arp', op: ARP_REQUEST, sha: intf.mac, spa, tha: ZERO_MAC, tpa: target };
    this.stack.transmit(intf, { src: intf.mac, dst: dstMac, payload: arp });
  }

  /** Mark an entry confirmed by a reply: REACHABLE for 15–45 s, then STALE. */
  private confirm(e: NeighEntry, mac: Mac): void {
    e.mac = mac;
    e.state = 'REACHABLE';
    e.probes = 0;
    e.confirmedAt = this.sched.now;
    const reachable = Math.round(this.stack.net.rng.range(15_000, 45_000) * 1000);
    this.setTimer(e, reachable, () => {
      if (e.state === 'REACHABLE') {
        e.state = 'STALE';
        e.timer = undefined;
      }
    });
    const pending = e.pending;
    e.pending = [];
    for (const p of pending) this.stack.sendFrame(e.intf, mac, p.packet);
  }

  /** Handle an ARP packet that arrived on `intf` (already addressed to us or broadcast). */
  receive(arp: ArpPacket, intf: Intf): void {
    const forUs = this.stack.ownsOn(arp.tpa, intf);
    const existing = this.cache.get(arp.spa);
    if (arp.op === ARP_REQUEST && forUs) {
      // Linux learns the asker (as STALE, or refreshes its MAC) before answering.
      if (!existing || existing.state === 'FAILED') {
        this.cache.set({
          ip: arp.spa, intf, mac: arp.sha, state: 'STALE', probes: 0, pending: [], timer: undefined, confirmedAt: 0,
        });
      } else if (existing.state === 'INCOMPLETE') {
        this.confirm(existing, arp.sha);
      } else if (existing.state !== 'PERMANENT' && existing.mac !== arp.sha) {
        existing.mac = arp.sha;
        existing.state = 'STALE';
      }
      const reply: ArpPacket = { proto: 'arp', op: ARP_REPLY, sha: intf.mac, spa: arp.tpa, tha: arp.sha, tpa: arp.spa };
      this.stack.transmit(intf, { src: intf.mac, dst: arp.sha, payload: reply });
      return;
    }
    if (arp.op === ARP_REPLY && existing && existing.state !== 'PERMANENT') {
      if (existing.state === 'INCOMPLETE' || existing.state === 'PROBE' || existing.state === 'DELAY' || existing.state === 'STALE') {
        this.confirm(existing, arp.sha);
      } else if (existing.state === 'REACHABLE' && existing.mac !== arp.sha) {
        existing.mac = arp.sha;
      }
    }
  }

  /** A static entry (arp -s, Mininet --arp): flags CM, state PERMANENT. */
  addPermanent(ip: Ipv4, mac: Mac, intf: Intf): void {
    this.cache.delete(ip);
    this.cache.set({ ip, intf, mac, state: 'PERMANENT', probes: 0, pending: [], timer: undefined, confirmedAt: 0 });
  }

  /** Upper-layer confirmation (a TCP ACK arrived): keeps an entry REACHABLE without probing. */
  confirmFromUpperLayer(ip: Ipv4): void {
    const e = this.cache.get(ip);
    if (e && e.mac && (e.state === 'STALE' || e.state === 'DELAY' || e.state === 'PROBE')) this.confirm(e, e.mac);
  }

  /** Pending packets waiting on any entry (for tests). */
  pendingCount(): number {
    return this.cache.list().reduce((n, e) => n + e.pending.length, 0);
  }

  /** Queue or drop callers of a packet whose resolution was abandoned. */
  static describe(p: Ipv4Packet): string {
    return `${p.src}->${p.dst}`;
  }
}
