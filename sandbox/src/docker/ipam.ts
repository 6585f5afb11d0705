/**
 * Docker's default IPAM (reference/docker.md §1.1, v27+ behaviour): the predefined pools in
 * order (172.17/16 … 172.31/16, then 192.168.0.0/16 split in /20s), first free subnet lowest
 * first; in a subnet, .0 and the broadcast are reserved, the gateway is the first free address
 * and containers get the lowest free address (freed ones are reused).
 */
import type { Ipv4 } from '../wire/addr';
import { broadcastOf, maskOf, parseIpv4 } from '../wire/addr';

export interface Subnet {
  readonly net: Ipv4;
  readonly prefixLen: number;
}

function* predefinedSubnets(): Generator<Subnet> {
  for (let b = 17; b <= 31; b++) yield { net: parseIpv4(`172.${b}.0.0`)!, prefixLen: 16 };
  for (let c = 0; c < 256; c += 16) yield { net: parseIpv4(`192.168.${c}.0`)!, prefixLen: 20 };
}

export function overlaps(a: Subnet, b: Subnet): boolean {
  const p = Math.min(a.prefixLen, b.prefixLen);
  const m = maskOf(p);
  return ((a.net & m) >>> 0) === ((b.net & m) >>> 0);
}

/** The first predefined subnet that overlaps none in use, or undefined when the pools are used up. */
export function allocateSubnet(inUse: readonly Subnet[]): Subnet | undefined {
  for (const s of predefinedSubnets()) if (!inUse.some((u) => overlaps(u, s))) return s;
  return undefined;
}

export function contains(s: Subnet, ip: Ipv4): boolean {
  const m = maskOf(s.prefixLen);
  return ((ip & m) >>> 0) === ((s.net & m) >>> 0);
}

/** The lowest free host address of the subnet (or of the range), skipping the network and broadcast. */
export function lowestFree(s: Subnet, used: ReadonlySet<Ipv4>, range?: Subnet): Ipv4 | undefined {
  const within = range ?? s;
  const first = within.net >>> 0;
  const last = broadcastOf({ addr: within.net, prefixLen: within.prefixLen }) >>> 0;
  const bcast = broadcastOf({ addr: s.net, prefixLen: s.prefixLen }) >>> 0;
  for (let ip = first; ip <= last; ip++) {
    if (ip === s.net >>> 0 || ip === bcast) continue;
    if (!used.has(ip)) return ip;
  }
  return undefined;
}
