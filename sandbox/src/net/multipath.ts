/**
 * Equal-cost multipath: which next hop of a multipath route a packet takes.
 *
 * As Linux with net.ipv4.fib_multipath_hash_policy=1 (layer 3 + 4): the hash covers source and
 * destination address, protocol and the source and destination ports. ICMP has no ports, and
 * Linux's flow dissector gives it ports 0, so every ICMP packet between two addresses (ping,
 * traceroute -I) takes one path, while each UDP probe of a default traceroute (a new destination
 * port per probe) may take another, as on a real fabric. An ICMP error is routed by the hash of
 * the packet it is about (icmp_route_lookup passes the offending skb to the hash).
 *
 * The next hop is picked by hash-threshold (RFC 2992, fib_select_multipath): the 31-bit hash
 * space is cut into ranges proportional to the live next hops' weights.
 *
 * The hash is a 32-bit mix of the five fields with a per-node seed. Linux seeds one hash per
 * boot for the whole machine; a fabric whose switches all used the same seed would polarize
 * (every tier picking the same index), so each fabric switch has its own seed, derived from the
 * network's seed and its name, as `net.ipv4.fib_multipath_hash_seed` (Linux 6.11) allows.
 */
import type { Ipv4 } from '../wire/addr';
import type { Ipv4Packet } from '../wire/ipv4';
import { ipProtocolNumber } from '../wire/ipv4';
import type { Nexthop, Route } from './route-table';
import { liveNexthops } from './route-table';

/** The fields the hash covers. */
export interface FlowKey {
  readonly src: Ipv4;
  readonly dst: Ipv4;
  /** IP protocol number (1 ICMP, 6 TCP, 17 UDP). */
  readonly proto: number;
  readonly sport: number;
  readonly dport: number;
}

/** The flow key of a packet: ports for TCP and UDP, 0 for ICMP. */
export function flowKeyOf(pkt: Pick<Ipv4Packet, 'src' | 'dst' | 'payload'>): FlowKey {
  const p = pkt.payload;
  const ports = p.proto === 'tcp' || p.proto === 'udp' ? { sport: p.sport, dport: p.dport } : { sport: 0, dport: 0 };
  return { src: pkt.src, dst: pkt.dst, proto: ipProtocolNumber(p), ...ports };
}

function rotl(x: number, r: number): number {
  return ((x << r) | (x >>> (32 - r))) >>> 0;
}

/** MurmurHash3's 32-bit finalizer. */
function fmix32(h0: number): number {
  let h = h0 >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** A seed from a name (FNV-1a), mixed with the network's seed. */
export function hashSeed(networkSeed: number, name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return fmix32(h ^ Math.imul(networkSeed >>> 0, 0x9e3779b1));
}

/** The flow's 31-bit multipath hash (Linux shifts its flow hash right by one). */
export function multipathHash(k: FlowKey, seed: number): number {
  let h = seed >>> 0;
  for (const word of [k.src >>> 0, k.dst >>> 0, k.proto, ((k.sport & 0xffff) << 16) | (k.dport & 0xffff)]) {
    let w = Math.imul(word >>> 0, 0xcc9e2d51) >>> 0;
    w = rotl(w, 15);
    w = Math.imul(w, 0x1b873593) >>> 0;
    h = (h ^ w) >>> 0;
    h = rotl(h, 13);
    h = (Math.imul(h, 5) + 0xe6546b64) >>> 0;
  }
  return fmix32(h ^ 16) >>> 1;
}

/** Hash-threshold: the first next hop whose upper bound (fib_rebalance) is at or above the hash. */
export function pickByHash(nexthops: readonly Nexthop[], hash: number): Nexthop | undefined {
  const total = nexthops.reduce((s, n) => s + n.weight, 0);
  if (total <= 0) return undefined;
  let w = 0;
  for (const nh of nexthops) {
    w += nh.weight;
    const upper = Math.round((w * 2 ** 31) / total) - 1;
    if (hash <= upper) return nh;
  }
  return nexthops[nexthops.length - 1];
}

/**
 * The route a packet of flow `k` follows: a single-path route as it is, a multipath route
 * narrowed to the next hop the hash picks among its live ones (undefined when none is live).
 */
export function routeForFlow(r: Route, k: FlowKey, seed: number): Route | undefined {
  if (!r.nexthops) return r;
  const nh = pickByHash(liveNexthops(r), multipathHash(k, seed));
  if (!nh) return undefined;
  return { dst: r.dst, prefixLen: r.prefixLen, via: nh.via, dev: nh.dev, proto: r.proto, scope: r.scope, src: r.src, metric: r.metric, type: r.type };
}
