/**
 * The neighbour (ARP) table of one namespace, with Linux's states
 * (see ip-neighbour(8) and net/core/neighbour.c):
 * INCOMPLETE → REACHABLE on a reply; REACHABLE → STALE after base_reachable_time (15–45 s);
 * a STALE entry that is used → DELAY → PROBE (unicast) after 5 s; FAILED after 3 unanswered
 * probes. PERMANENT entries (arp -s, Mininet --arp) never change.
 * This file holds the data; the protocol steps live in neighbor.ts.
 */
import type { Ipv4, Mac } from '../wire/addr';
import type { EventHandle } from '../sim/scheduler';
import type { Intf } from './interface';
import type { Ipv4Packet } from '../wire/ipv4';

export type NeighState = 'INCOMPLETE' | 'REACHABLE' | 'STALE' | 'DELAY' | 'PROBE' | 'FAILED' | 'PERMANENT';

export interface PendingPacket {
  readonly packet: Ipv4Packet;
  /** Called when resolution fails, so the sender can report "Destination Host Unreachable". */
  readonly onUnreachable?: () => void;
}

export interface NeighEntry {
  readonly ip: Ipv4;
  intf: Intf;
  mac: Mac | undefined;
  state: NeighState;
  /** Probes sent in the current INCOMPLETE or PROBE phase. */
  probes: number;
  pending: PendingPacket[];
  timer: EventHandle | undefined;
  /** Virtual time of the last confirmation (for `ip -s neigh`). */
  confirmedAt: number;
}

export class ArpCache {
  private entries = new Map<Ipv4, NeighEntry>();

  get(ip: Ipv4): NeighEntry | undefined {
    return this.entries.get(ip);
  }

  set(e: NeighEntry): void {
    this.entries.set(e.ip, e);
  }

  delete(ip: Ipv4): boolean {
    const e = this.entries.get(ip);
    if (!e) return false;
    if (e.timer) e.timer.cancelled = true;
    return this.entries.delete(ip);
  }

  /** Entries in insertion order (the order `arp -n` and `ip neigh` print them). */
  list(): NeighEntry[] {
    return [...this.entries.values()];
  }

  /** Forget every entry on an interface (the kernel does this when it goes down). */
  flushDev(intf: Intf): void {
    for (const e of this.list()) if (e.intf === intf && e.state !== 'PERMANENT') this.delete(e.ip);
  }
}
