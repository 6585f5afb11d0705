/**
 * Per-address facts the kernel keeps beside an IPv4 address and the tools print: its broadcast
 * address and whether it is secondary. The IP stack stores bare {addr, prefixLen}; the broadcast
 * is remembered here, keyed by the address object itself.
 *
 * Linux semantics (net/ipv4/devinet.c): ifconfig's SIOCSIFADDR sets the classful prefix and the
 * subnet broadcast; `ip addr add` sets no broadcast unless `brd +` or `brd ADDR` is given; an
 * address inside the subnet of an earlier address with the same prefix length is "secondary".
 */
import type { Intf } from '../../net/interface';
import type { Ipv4, Ipv4Cidr } from '../../wire/addr';
import { broadcastOf, inSubnet } from '../../wire/addr';

/** Addresses with an explicit broadcast (a number) or none at all (null). Absent: the subnet broadcast. */
const explicitBroadcast = new WeakMap<Ipv4Cidr, Ipv4 | null>();

export function setBroadcast(c: Ipv4Cidr, brd: Ipv4 | null): void {
  explicitBroadcast.set(c, brd);
}

/**
 * The broadcast address the kernel reports for an address, or undefined when it has none
 * (lo has no IFF_BROADCAST, so its addresses get none).
 */
export function broadcastFor(intf: Intf, c: Ipv4Cidr): Ipv4 | undefined {
  if (explicitBroadcast.has(c)) return explicitBroadcast.get(c) ?? undefined;
  if (c.prefixLen >= 31 || intf.kind === 'loopback') return undefined;
  return broadcastOf(c);
}

/** Secondary: an earlier primary address on the interface covers it with the same prefix length. */
export function isSecondary(intf: Intf, c: Ipv4Cidr): boolean {
  const idx = intf.addrs.indexOf(c);
  for (let j = 0; j < idx; j++) {
    const p = intf.addrs[j]!;
    if (p.prefixLen === c.prefixLen && inSubnet(c.addr, p.addr, p.prefixLen) && !isSecondary(intf, p)) return true;
  }
  return false;
}

/** The classful prefix SIOCSIFADDR applies when no netmask is given (inet_abc_len). */
export function classfulPrefix(ip: Ipv4): number {
  const a = ip >>> 24;
  if (a < 128) return 8;
  if (a < 192) return 16;
  if (a < 224) return 24;
  return 32;
}
