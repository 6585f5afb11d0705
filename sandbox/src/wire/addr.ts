/**
 * Addresses. IPv4 addresses are unsigned 32-bit integers (so masks and longest-prefix match
 * are plain arithmetic); MACs are lowercase colon-separated strings as Linux prints them.
 * Parsing and validation of dotted quads and CIDR strings is delegated to ipaddr.js.
 */
import ipaddr from 'ipaddr.js';

export type Ipv4 = number;
export type Mac = string;

export interface Ipv4Cidr {
  readonly addr: Ipv4;
  readonly prefixLen: number;
}

export const BROADCAST_MAC: Mac = 'ff:ff:ff:ff:ff:ff';
export const ZERO_MAC: Mac = '00:00:00:00:00:00';

/** Parse a dotted quad ("10.0.0.1"); undefined when it is not one. */
export function parseIpv4(s: string): Ipv4 | undefined {
  if (!ipaddr.IPv4.isValidFourPartDecimal(s)) return undefined;
  const [a, b, c, d] = ipaddr.IPv4.parse(s).toByteArray() as [number, number, number, number];
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}

/** Parse "10.0.0.1/8"; without a prefix, `defaultPrefix` is used (Mininet's default is 8). */
export function parseCidr(s: string, defaultPrefix = 32): Ipv4Cidr | undefined {
  const slash = s.indexOf('/');
  const addr = parseIpv4(slash < 0 ? s : s.slice(0, slash));
  if (addr === undefined) return undefined;
  if (slash < 0) return { addr, prefixLen: defaultPrefix };
  const p = s.slice(slash + 1);
  if (!/^\d{1,2}$/.test(p)) return undefined;
  const prefixLen = Number(p);
  if (prefixLen > 32) return undefined;
  return { addr, prefixLen };
}

export function formatIpv4(ip: Ipv4): string {
  return `${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`;
}

export function formatCidr(c: Ipv4Cidr): string {
  return `${formatIpv4(c.addr)}/${c.prefixLen}`;
}

export function maskOf(prefixLen: number): Ipv4 {
  return prefixLen === 0 ? 0 : (0xffffffff << (32 - prefixLen)) >>> 0;
}

/** Prefix length of a dotted netmask ("255.255.255.0" → 24); undefined if not contiguous. */
export function prefixOfMask(mask: Ipv4): number | undefined {
  const p = ipaddr.IPv4.parse(formatIpv4(mask)).prefixLengthFromSubnetMask();
  return p ?? undefined;
}

export function networkOf(c: Ipv4Cidr): Ipv4 {
  return (c.addr & maskOf(c.prefixLen)) >>> 0;
}

export function broadcastOf(c: Ipv4Cidr): Ipv4 {
  return (networkOf(c) | ~maskOf(c.prefixLen)) >>> 0;
}

export function inSubnet(ip: Ipv4, net: Ipv4, prefixLen: number): boolean {
  const m = maskOf(prefixLen);
  return ((ip & m) >>> 0) === ((net & m) >>> 0);
}

/** ipBase + offset, as Mininet's ipAdd does (the host part of ipBase is the start). */
export function ipAdd(base: Ipv4Cidr, offset: number): Ipv4 {
  const hostBits = (~maskOf(base.prefixLen)) >>> 0;
  const start = base.addr & hostBits;
  return ((networkOf(base) | ((start + offset) & hostBits)) >>> 0);
}

export function isLoopback(ip: Ipv4): boolean {
  return ip >>> 24 === 127;
}

export function isMulticastOrBroadcast(ip: Ipv4): boolean {
  return ip >>> 28 === 0xe || ip === 0xffffffff;
}

/** Parse a MAC in any case with ':' or '-' separators; undefined if malformed. */
export function parseMac(s: string): Mac | undefined {
  const m = /^([0-9a-fA-F]{1,2})([:-][0-9a-fA-F]{1,2}){5}$/.exec(s);
  if (!m) return undefined;
  return s
    .split(/[:-]/)
    .map((x) => x.toLowerCase().padStart(2, '0'))
    .join(':');
}

/** The MAC whose value is n (Mininet --mac: host i gets 00:00:00:00:00:0i). */
export function macFromIndex(n: number): Mac {
  const bytes: string[] = [];
  for (let i = 5; i >= 0; i--) bytes.push((Math.floor(n / 2 ** (8 * i)) % 256).toString(16).padStart(2, '0'));
  return bytes.join(':');
}

/** A random unicast, locally administered MAC, as Mininet's randMac makes them. */
export function randomMac(u32a: number, u32b: number): Mac {
  const b0 = ((u32a & 0xff) & 0xfe) | 0x02;
  const bytes = [b0, (u32a >>> 8) & 255, (u32a >>> 16) & 255, (u32a >>> 24) & 255, u32b & 255, (u32b >>> 8) & 255];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

export function isBroadcastMac(m: Mac): boolean {
  return m === BROADCAST_MAC;
}

export function isMulticastMac(m: Mac): boolean {
  return (parseInt(m.slice(0, 2), 16) & 1) === 1;
}

/** IPv6 link-local address from a MAC by EUI-64, compressed as Linux prints it. */
export function linkLocalFromMac(mac: Mac): string {
  const b = mac.split(':').map((x) => parseInt(x, 16));
  const eui = [b[0]! ^ 0x02, b[1]!, b[2]!, 0xff, 0xfe, b[3]!, b[4]!, b[5]!];
  const groups: number[] = [];
  for (let i = 0; i < 8; i += 2) groups.push((eui[i]! << 8) | eui[i + 1]!);
  const addr = ipaddr.IPv6.parse(`fe80::${groups.map((g) => g.toString(16)).join(':')}`);
  return addr.toString();
}
