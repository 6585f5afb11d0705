/**
 * The routing of a fabric of FabricSwitches: its addressing, and the routes a converged link-state
 * routing protocol would install (OSPF with equal link costs, as FRR's zebra puts them in the
 * kernel: `proto ospf metric 20`).
 *
 * Addressing (done once, when the network starts):
 *  - every link between two fabric switches gets a /31 from 172.16.0.0/12 (RFC 3021), in
 *    Mininet's link order; the upper tier's end (spine, core, aggregation above access/edge)
 *    takes the even address. If the hosts' subnet overlaps that block, 192.168.0.0/16 is used.
 *  - every port towards a host gets the fabric's anycast gateway, the last usable address of the
 *    hosts' subnet (10.255.255.254 for Mininet's 10.0.0.0/8), as a /32: hosts reach it, and the
 *    switch answers for it and speaks from it on that port (ICMP errors, ARP requests). It is
 *    left out if a host already has that address.
 *  - every switch gets a loopback address (its router id, a /32 on lo) from the top of the hosts'
 *    subnet, counting down below the gateway in Mininet's switch order (leaf1 10.255.255.253,
 *    leaf2 10.255.255.252, ...). It is advertised like a host and is the `src` of the switch's
 *    routes, so what the switch sends itself (`leaf1 ping h3`) comes from an address the hosts
 *    reach. Addresses hosts already use are skipped.
 *
 * Routes (recomputed from the state of the links, on every switch at once):
 *  - for each address of a host attached to a switch port: on that switch
 *    `10.0.0.1 dev leaf1-eth1 proto static scope link src <loopback>` (the attached host, as the
 *    fabric's provisioning configures it), and on every other switch that reaches it a /32 route
 *    with ALL equal-cost next hops: shortest paths by breadth-first search over the links that
 *    are up (both ends administratively up, cable up) between running switches. Likewise for
 *    every switch's loopback.
 *  - only host routes are advertised: the /31s stay on their two switches (OSPF prefix
 *    suppression, RFC 6860), which keeps a k=16 fat tree's tables at 1,344 routes a switch.
 *
 * Failures: when a port goes down the kernel at once stops using next hops through it (its own
 * business, net/route-table.ts); then every switch's routes are recomputed and replaced:
 *  - a port going down or up (`link leaf1 spine1 down`, `ifconfig ... down`, a peer's port going
 *    down) is seen at once by the switches at both ends, which flood new link states; flooding,
 *    SPF (FRR starts it without delay) and the FIB update take PORT_EVENT_US;
 *  - a switch that stops forwarding (`switch spine1 stop`) leaves its ports up: its neighbours
 *    notice only when BFD declares it down, after BFD_DETECT_US (3 × 50 ms). A ping across that
 *    failure loses a packet or two, then continues on another path. A switch that starts again
 *    is taken back into use once its BFD sessions are up, after the same time.
 * BFD's packets every 50 ms also keep each switch's ARP entry for its neighbours on working links
 * REACHABLE (ip neigh), so traffic never waits for ARP between switches.
 */
import type { Ipv4, Ipv4Cidr } from '../wire/addr';
import { broadcastOf, inSubnet } from '../wire/addr';
import type { Intf } from '../net/interface';
import type { Network } from '../net/network';
import type { Nexthop, Route } from '../net/route-table';
import type { EventHandle } from '../sim/scheduler';
import type { Micros } from '../sim/time';
import { FabricSwitch } from './fabric-switch';
import type { FabricTier } from './fabric-switch';
import { Host } from './host';

/**
 * From a port event to every switch's new routes: link-state flooding, SPF, FIB update. Our
 * estimate for a fabric of a few dozen switches; it is shorter than Mininet takes to run the
 * next command on a node (node.cmd, about 1-2 ms), so what a learner looks at is converged.
 */
export const PORT_EVENT_US: Micros = 500;
/** BFD's detection time (3 missed 50 ms hellos): when neighbours notice a switch that died. */
export const BFD_DETECT_US: Micros = 150_000;

/** What changed: a port (seen by its own switch) or a whole switch (seen by BFD). */
export type FabricEvent = 'port' | 'switch';
/** The metric FRR's zebra gives the routes it installs. */
export const FABRIC_METRIC = 20;

const P2P_BLOCKS: readonly Ipv4Cidr[] = [
  { addr: 0xac100000, prefixLen: 12 }, // 172.16.0.0/12
  { addr: 0xc0a80000, prefixLen: 16 }, // 192.168.0.0/16
];

/** Higher tiers take the even address of a /31. */
const TIER_RANK: Record<FabricTier, number> = { core: 3, spine: 3, aggregation: 2, access: 1, leaf: 1, edge: 1 };

function overlaps(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  const len = Math.min(a.prefixLen, b.prefixLen);
  return inSubnet(a.addr, b.addr, len) || inSubnet(b.addr, a.addr, len);
}

/** Does an installed route already say this: the same live next hops in order, the same source? */
function sameHops(r: Route, nexthops: readonly Nexthop[], src: Ipv4 | undefined): boolean {
  if (r.src !== src) return false;
  if (!r.nexthops) return nexthops.length === 1 && r.via === nexthops[0]!.via && r.dev === nexthops[0]!.dev;
  return r.nexthops.length === nexthops.length && r.nexthops.every((n, i) => !n.dead && n.via === nexthops[i]!.via && n.dev === nexthops[i]!.dev);
}

/** A port of a switch and what is at its other end. */
interface Edge {
  readonly port: Intf;
  readonly peer: Intf;
  readonly to: FabricSwitch;
  /** The neighbour's address on the link: the next hop's gateway. */
  readonly via: Ipv4 | undefined;
}

export interface FabricLink {
  readonly intf1: Intf;
  readonly intf2: Intf;
}

export class FabricRouting {
  private timer: EventHandle | undefined;
  /** The attached-host routes installed last, per switch (they are `proto static`, like a user's). */
  private installed = new Map<FabricSwitch, Set<Route>>();
  private readonly members: Set<FabricSwitch>;
  private readonly loopbacks = new Map<FabricSwitch, Ipv4>();
  /** How many times the routes were computed (tests, bench). */
  convergences = 0;

  constructor(
    private readonly net: Network,
    readonly switches: readonly FabricSwitch[],
    /** The hosts' subnet (Mininet's ipBase): the gateway address comes from it. */
    private readonly hostSubnet: Ipv4Cidr,
  ) {
    this.members = new Set(switches);
  }

  /** The /31 block the fabric's links are numbered from. */
  p2pBlock(): Ipv4Cidr {
    return P2P_BLOCKS.find((b) => !overlaps(b, this.hostSubnet)) ?? P2P_BLOCKS[0]!;
  }

  /** The anycast gateway address on host ports, unless a host already uses it. */
  gatewayAddress(hostAddrs: ReadonlySet<Ipv4>): Ipv4 | undefined {
    if (this.hostSubnet.prefixLen >= 31) return undefined;
    const gw = (broadcastOf(this.hostSubnet) - 1) >>> 0;
    return hostAddrs.has(gw) ? undefined : gw;
  }

  /** Number the fabric: /31s on switch-to-switch links (in `links` order), the gateway on host ports. */
  configure(links: readonly FabricLink[]): void {
    const block = this.p2pBlock();
    let next = block.addr;
    for (const l of links) {
      const a = l.intf1.owner;
      const b = l.intf2.owner;
      if (!(a instanceof FabricSwitch && b instanceof FabricSwitch && this.members.has(a) && this.members.has(b))) continue;
      const upperFirst = (a.tier ? TIER_RANK[a.tier] : 0) >= (b.tier ? TIER_RANK[b.tier] : 0);
      const [even, odd] = upperFirst ? [l.intf1, l.intf2] : [l.intf2, l.intf1];
      (even.owner as FabricSwitch).stack.setAddress(even, { addr: next, prefixLen: 31 });
      (odd.owner as FabricSwitch).stack.setAddress(odd, { addr: (next + 1) >>> 0, prefixLen: 31 });
      next = (next + 2) >>> 0;
    }
    const hostAddrs = new Set<Ipv4>();
    for (const sw of this.switches) {
      for (const p of sw.dataIntfs()) {
        const peer = p.peer;
        if (peer && this.isHostPort(p)) for (const a of peer.addrs) hostAddrs.add(a.addr);
      }
    }
    const gw = this.gatewayAddress(hostAddrs);
    if (gw !== undefined) {
      for (const sw of this.switches) {
        for (const p of sw.dataIntfs()) if (this.isHostPort(p)) sw.stack.setAddress(p, { addr: gw, prefixLen: 32 });
      }
    }
    // Loopbacks: counting down from just below the gateway, within the hosts' subnet.
    if (this.hostSubnet.prefixLen >= 31) return;
    const lowest = (this.hostSubnet.addr >>> 0) + 1;
    let lo = ((broadcastOf(this.hostSubnet) >>> 0) - 2) >>> 0;
    for (const sw of this.switches) {
      while (lo >= lowest && hostAddrs.has(lo)) lo--;
      if (lo < lowest) return;
      sw.stack.addAddress(sw.lo, { addr: lo, prefixLen: 32 });
      this.loopbacks.set(sw, lo);
      lo--;
    }
  }

  /** A switch's loopback address (its router id), if it has one. */
  loopbackOf(sw: FabricSwitch): Ipv4 | undefined {
    return this.loopbacks.get(sw);
  }

  /** A port whose other end is a host (anything that is not one of our switches). */
  private isHostPort(p: Intf): boolean {
    const o = p.peer?.owner;
    return o instanceof Host && !(o instanceof FabricSwitch && this.members.has(o));
  }

  /** Install converged routes now and follow link changes from here on. */
  start(): void {
    for (const sw of this.switches) sw.topologyChanged = (e) => this.topologyChanged(e);
    this.converge();
  }

  stop(): void {
    this.net.sched.cancel(this.timer);
    this.timer = undefined;
    for (const sw of this.switches) sw.topologyChanged = undefined;
  }

  /** A port went up or down, or a switch stopped or started: reconverge once it is noticed. */
  topologyChanged(e: FabricEvent): void {
    const at = this.net.sched.now + (e === 'port' ? PORT_EVENT_US : BFD_DETECT_US);
    if (this.timer && !this.timer.cancelled && this.timer.at <= at) return;
    this.net.sched.cancel(this.timer);
    this.timer = this.net.sched.at(at, () => {
      this.timer = undefined;
      this.converge();
    });
  }

  private usable(port: Intf): boolean {
    const peer = port.peer;
    return port.adminUp && peer !== undefined && peer.adminUp && (port.link?.up ?? false);
  }

  /** The working links of each running switch to other running switches. */
  private adjacency(): Map<FabricSwitch, Edge[]> {
    const adj = new Map<FabricSwitch, Edge[]>();
    for (const sw of this.switches) {
      const edges: Edge[] = [];
      if (sw.running) {
        for (const port of sw.dataIntfs()) {
          const peer = port.peer;
          const to = peer?.owner;
          if (!peer || !(to instanceof FabricSwitch) || !this.members.has(to) || !to.running || !this.usable(port)) continue;
          const via = peer.addrs.find((a) => port.addrs.some((m) => inSubnet(a.addr, m.addr, m.prefixLen)))?.addr ?? peer.addrs[0]?.addr;
          edges.push({ port, peer, to, via });
        }
      }
      adj.set(sw, edges);
    }
    return adj;
  }

  /** Hop counts from `root` to every switch it reaches. */
  private distances(root: FabricSwitch, adj: Map<FabricSwitch, Edge[]>): Map<FabricSwitch, number> {
    const dist = new Map<FabricSwitch, number>([[root, 0]]);
    let frontier = [root];
    for (let d = 1; frontier.length > 0; d++) {
      const next: FabricSwitch[] = [];
      for (const s of frontier) {
        for (const e of adj.get(s)!) {
          if (dist.has(e.to)) continue;
          dist.set(e.to, d);
          next.push(e.to);
        }
      }
      frontier = next;
    }
    return dist;
  }

  /** A BFD session is up on the link: the neighbour's address stays resolved (REACHABLE). */
  private resolveNeighbor(sw: FabricSwitch, e: Edge): void {
    if (e.via === undefined) return;
    const cache = sw.stack.neighbors.cache;
    const known = cache.get(e.via);
    if (known?.state === 'REACHABLE' && known.intf === e.port && known.mac === e.peer.mac && !known.timer) return;
    if (known) cache.delete(e.via);
    const pending = known?.state === 'INCOMPLETE' ? known.pending : [];
    cache.set({ ip: e.via, intf: e.port, mac: e.peer.mac, state: 'REACHABLE', probes: 0, pending: [], timer: undefined, confirmedAt: this.net.sched.now });
    for (const p of pending) sw.stack.sendFrame(e.port, e.peer.mac, p.packet);
  }

  /** Compute every switch's routes from the current state and replace the ones installed before. */
  converge(): void {
    this.convergences++;
    const adj = this.adjacency();
    const fresh = new Map<FabricSwitch, Route[]>(this.switches.map((s) => [s, []]));
    const attached = new Map<FabricSwitch, Route[]>(this.switches.map((s) => [s, []]));
    for (const dest of this.switches) {
      if (!dest.running) continue;
      // What this switch announces: the hosts on its working host ports, and its loopback.
      const announced: Ipv4[] = [];
      const ownSrc = this.loopbacks.get(dest);
      for (const port of dest.dataIntfs()) {
        if (!this.isHostPort(port) || !this.usable(port)) continue;
        for (const a of port.peer!.addrs) {
          announced.push(a.addr);
          attached.get(dest)!.push({ dst: a.addr, prefixLen: 32, dev: port, proto: 'static', scope: 'link', src: ownSrc, metric: 0, type: 'unicast' });
        }
      }
      const lo = this.loopbacks.get(dest);
      if (lo !== undefined) announced.push(lo);
      if (announced.length === 0) continue;
      const dist = this.distances(dest, adj);
      for (const sw of this.switches) {
        const d = dist.get(sw);
        if (d === undefined || d === 0) continue;
        const nexthops: Nexthop[] = [];
        for (const e of adj.get(sw)!) {
          if (e.via !== undefined && dist.get(e.to) === d - 1) nexthops.push({ via: e.via, dev: e.port, weight: 1 });
        }
        if (nexthops.length === 0) continue;
        const list = fresh.get(sw)!;
        const first = nexthops[0]!;
        const src = this.loopbacks.get(sw);
        const table = sw.stack.routes;
        const multi = nexthops.length > 1 ? nexthops : undefined;
        // Built as literals of one shape (a k=16 fat tree installs 430,000 of them); a route
        // that did not change is kept, so a reconvergence makes little garbage.
        for (const dst of announced) {
          const old = table.lookup(dst);
          list.push(old && old.proto === 'ospf' && old.prefixLen === 32 && sameHops(old, nexthops, src) ? old : {
            dst, prefixLen: 32, via: first.via, dev: first.dev, proto: 'ospf', scope: 'global', src, metric: FABRIC_METRIC, type: 'unicast', nexthops: multi,
          });
        }
      }
    }
    for (const [sw, edges] of adj) for (const e of edges) this.resolveNeighbor(sw, e);
    for (const sw of this.switches) {
      const mine = this.installed.get(sw) ?? new Set<Route>();
      const own = attached.get(sw)!;
      sw.stack.routes.replaceAll((r) => r.proto === 'ospf' || mine.has(r), [...own, ...fresh.get(sw)!]);
      this.installed.set(sw, new Set(own));
    }
  }
}
