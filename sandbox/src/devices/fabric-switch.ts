/**
 * A switch of a routed data-center fabric (leaf, spine, access, aggregation, core, edge): a
 * layer-3 switch, modelled as what it is on a Linux-based switch (Cumulus, SONiC): its own
 * network namespace with net.ipv4.ip_forward=1 and a routing daemon (devices/fabric-routing.ts)
 * that installs host routes with all equal-cost next hops.
 *
 * For Mininet it is a switch (`net`, `ports`, `dump` list it with the switches, with its `lo` on
 * port 0, and a node name substitutes to 127.0.0.1 as any switch's does); its commands run in
 * its own namespace (`leaf1 ip route`, `spine1 ifconfig`), as a Linux router's do.
 *
 * Hosts keep Mininet's 10.0.0.N/8 with no gateway, so a host ARPs for every other host: the
 * switch answers for any address it routes out of another port (proxy ARP, as an anycast
 * gateway with ARP suppression does), and learns the asker. A stopped switch (`switch leaf1
 * stop`) forwards and answers nothing. Like fabric switches in practice it runs with
 * net.ipv4.icmp_errors_use_inbound_ifaddr=1: its ICMP errors (what traceroute shows) come from
 * the address of the link the packet came in by.
 */
import type { EthernetFrame } from '../wire/ethernet';
import type { ArpPacket } from '../wire/arp';
import { ARP_REPLY, ARP_REQUEST } from '../wire/arp';
import type { Intf } from '../net/interface';
import { LATENCY } from '../net/latency';
import type { Network } from '../net/network';
import { hashSeed } from '../net/multipath';
import { liveNexthops } from '../net/route-table';
import { Host } from './host';
import type { NodeKind } from './node';
import type { FabricEvent } from './fabric-routing';

/** Where a switch sits in its fabric (the browser's picture places it by this). */
export type FabricTier = 'core' | 'aggregation' | 'access' | 'spine' | 'leaf' | 'edge';

export const FABRIC_TIERS: readonly FabricTier[] = ['core', 'aggregation', 'access', 'spine', 'leaf', 'edge'];

/** The class name Mininet's `dump` shows, and the name Python scripts use. */
export const FABRIC_SWITCH_CLASS = 'FabricSwitch';

export interface FabricSwitchOptions {
  /** Datapath id as Mininet derives it (unused by a routed switch, kept for `py leaf1.dpid`). */
  readonly dpid: string;
  readonly tier?: FabricTier;
  readonly pod?: number;
}

export class FabricSwitch extends Host {
  override readonly kind: NodeKind = 'switch';
  readonly dpid: string;
  readonly tier: FabricTier | undefined;
  readonly pod: number | undefined;
  /** Forwarding (started by Mininet, stopped by `switch X stop` or the network's stop). */
  running = false;
  /** Told when a port's state changes or the switch stops or starts (fabric-routing.ts reconverges). */
  topologyChanged: ((e: FabricEvent) => void) | undefined;

  constructor(net: Network, name: string, opts: FabricSwitchOptions) {
    super(net, name);
    this.cls = FABRIC_SWITCH_CLASS;
    this.dpid = opts.dpid;
    this.tier = opts.tier;
    this.pod = opts.pod;
    this.stack.multipathSeed = hashSeed(net.seed, name);
    this.stack.icmpErrorsUseInboundIfaddr = true;
    this.stack.adminChanged = () => this.topologyChanged?.('port');
  }

  /** A Mininet switch's default interface is its `lo`. */
  override defaultIntf(): Intf | undefined {
    return this.lo;
  }

  start(): void {
    this.running = true;
    this.stack.forwarding = true;
    this.topologyChanged?.('switch');
  }

  /** Stop forwarding; the ports stay up, so only BFD tells the neighbours. */
  stop(): void {
    this.running = false;
    this.stack.forwarding = false;
    this.topologyChanged?.('switch');
  }

  carrierChanged(): void {
    this.topologyChanged?.('port');
  }

  override receive(frame: EthernetFrame, intf: Intf): void {
    if (!this.running || !intf.adminUp) return;
    const p = frame.payload;
    if (p.proto === 'arp' && p.op === ARP_REQUEST && this.proxiesFor(p, intf)) {
      this.proxyReply(p, intf);
      return;
    }
    super.receive(frame, intf);
  }

  /**
   * Does this switch answer an ARP request on `intf` for someone else's address? As Linux's
   * proxy_arp (arp_fwd_proxy): the target is not ours, not the asker itself, and we route it out
   * of another port.
   */
  proxiesFor(arp: Pick<ArpPacket, 'spa' | 'tpa'>, intf: Intf): boolean {
    if (arp.tpa === arp.spa || this.stack.ownsOn(arp.tpa, intf)) return false;
    const r = this.stack.routes.lookup(arp.tpa);
    if (!r || r.type !== 'unicast') return false;
    return liveNexthops(r).some((n) => n.dev !== intf && n.dev.adminUp);
  }

  /** Answer with our own MAC, and learn the asker (neigh_event_ns: a STALE entry). */
  private proxyReply(arp: ArpPacket, intf: Intf): void {
    const cache = this.stack.neighbors.cache;
    const known = cache.get(arp.spa);
    if (!known || known.state === 'FAILED') {
      cache.set({ ip: arp.spa, intf, mac: arp.sha, state: 'STALE', probes: 0, pending: [], timer: undefined, confirmedAt: 0 });
    }
    const reply: ArpPacket = { proto: 'arp', op: ARP_REPLY, sha: intf.mac, spa: arp.tpa, tha: arp.sha, tpa: arp.spa };
    const delay = Math.round(this.net.rng.jitter(LATENCY.hostStack, LATENCY.spread));
    this.net.sched.after(delay, () => {
      if (this.running && intf.adminUp) this.stack.transmit(intf, { src: intf.mac, dst: arp.sha, payload: reply });
    });
  }
}
