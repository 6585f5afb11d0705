/**
 * Frames as the bytes Linux would put on the wire, for what a capture shows that the model does
 * not carry as fields: checksums (RFC 1071), TCP options, ICMP echo payloads, LLDP TLVs and hex
 * dumps. Everything here is derived deterministically from the frame (and the capture time where
 * Linux would use a clock), so the same frame always gives the same bytes.
 *
 * Choices where the model has no field (documented, as DESIGN.md "Fidelity" asks):
 * - IPv4 DF flag: set on TCP, on ICMP echo requests and on UDP carrying application data (Linux's
 *   default IP_PMTUDISC_WANT); clear on ICMP echo replies and errors (icmp_reply/icmp_send) and on
 *   UDP probes with no data (traceroute sets IP_PMTUDISC_DONT).
 * - TCP options: a segment's `options` byte count chooses Linux's layouts: 20 on SYN and SYN/ACK
 *   = mss 1460 (MTU 1500 - 40), sackOK, TS, nop, wscale 7; 12 = nop, nop, TS. The TS clock is
 *   milliseconds of capture time plus a per-address-pair offset (Linux's secure_tcp_ts_off()).
 * - Payloads the model does not carry are zeros (UDP, bulk TCP); ICMP echo data is what iputils
 *   ping sends (a struct timeval of the send time, then bytes counting up from 0x10).
 * - ONOS discovery probes: the TLVs of ONOS 2.x ONOSLLDP.onosSecureLLDP (chassis MAC, port
 *   component, TTL, "ONOS Discovery", device, timestamp, HMAC signature, port description);
 *   the signature is a stand-in (no secret exists here), the port name is Mininet's `sN-ethP`.
 */
import type { Ipv4, Mac } from '../wire/addr';
import type { ArpPacket } from '../wire/arp';
import type { EthernetFrame } from '../wire/ethernet';
import { etherTypeOf } from '../wire/ethernet';
import type { IcmpMessage } from '../wire/icmp';
import { ICMP_ECHO_REQUEST, ICMP_ERROR_QUOTE_MAX } from '../wire/icmp';
import type { Ipv4Packet } from '../wire/ipv4';
import { ipProtocolNumber, ipv4Size, IPV4_HEADER } from '../wire/ipv4';
import type { LldpPacket } from '../wire/lldp';
import type { TcpSegment } from '../wire/tcp';
import type { UdpDatagram } from '../wire/udp';
import { LAB_EPOCH_SECONDS } from '../sim/calendar';

/** IP_DF in the fragment-offset field. */
export const IP_DF = 0x4000;
/** The MSS Linux announces on a 1500-byte MTU (1500 - 20 IP - 20 TCP). */
export const TCP_SYN_MSS = 1460;
/** Linux's window scale with Ubuntu's default tcp_rmem. */
export const TCP_WSCALE = 7;
/** ONOS's organisationally unique identifier (MacAddress.ONOS.oui(): a4:23:05). */
export const ONOS_OUI = 0xa42305;

/** Where the capture stands when it turns a frame into bytes. */
export interface ByteContext {
  /** Virtual time of the capture, µs (TCP timestamps, ONOS probe timestamps). */
  readonly timeUs: number;
  /** TCP timestamp values; by default derived from the capture time (see tcpTimestamps). */
  readonly tcpTs?: (ip: Ipv4Packet, seg: TcpSegment) => { val: number; ecr: number };
}

export type TcpOption =
  | { readonly kind: 'mss'; readonly value: number }
  | { readonly kind: 'sackOK' }
  | { readonly kind: 'TS'; readonly val: number; readonly ecr: number }
  | { readonly kind: 'nop' }
  | { readonly kind: 'wscale'; readonly value: number };

/** Does Linux set DF on this packet? (See the module comment.) */
export function dontFragment(p: Ipv4Packet): boolean {
  const pl = p.payload;
  switch (pl.proto) {
    case 'tcp':
      return true;
    case 'udp':
      return pl.data !== undefined;
    case 'icmp':
      return pl.type === ICMP_ECHO_REQUEST;
  }
}

/** FNV-1a over 32-bit words: a fixed, seed-free hash for per-connection constants. */
export function hashWords(...words: number[]): number {
  let h = 0x811c9dc5;
  for (const w of words) {
    for (let s = 0; s < 32; s += 8) {
      h ^= (w >>> s) & 0xff;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  return h >>> 0;
}

/** Linux's per-address-pair TCP timestamp offset (secure_tcp_ts_off), as a fixed hash. */
export function tcpTsOffset(src: Ipv4, dst: Ipv4): number {
  return hashWords(0x7473, src, dst);
}

/**
 * TCP timestamps without any conversation state: TS val is the sender's clock at the capture
 * time; ecr is the peer's clock at the same moment (0 on a SYN), the value the peer's latest
 * segment carried when it was sent in the same millisecond.
 */
export function tcpTimestamps(ip: Ipv4Packet, seg: TcpSegment, timeUs: number): { val: number; ecr: number } {
  const ms = Math.floor(timeUs / 1000);
  const val = (tcpTsOffset(ip.src, ip.dst) + ms) >>> 0;
  const ecr = seg.flags.syn && !seg.flags.ack ? 0 : (tcpTsOffset(ip.dst, ip.src) + ms) >>> 0;
  return { val, ecr };
}

/** The options a segment carries, in Linux's order. */
export function tcpOptions(ip: Ipv4Packet, seg: TcpSegment, ctx: ByteContext): TcpOption[] {
  const n = seg.options ?? 0;
  if (n === 0) return [];
  const ts = ctx.tcpTs ? ctx.tcpTs(ip, seg) : tcpTimestamps(ip, seg, ctx.timeUs);
  if (n === 20) {
    return [{ kind: 'mss', value: TCP_SYN_MSS }, { kind: 'sackOK' }, { kind: 'TS', val: ts.val, ecr: ts.ecr }, { kind: 'nop' }, { kind: 'wscale', value: TCP_WSCALE }];
  }
  if (n === 12) return [{ kind: 'nop' }, { kind: 'nop' }, { kind: 'TS', val: ts.val, ecr: ts.ecr }];
  // Any other size: padding only (the simplified TCP sends no other layout).
  return Array.from({ length: n }, () => ({ kind: 'nop' }) as const);
}

// ---- byte writing ----------------------------------------------------------------------

class Writer {
  private readonly bytes: number[] = [];

  u8(v: number): this {
    this.bytes.push(v & 0xff);
    return this;
  }

  u16(v: number): this {
    return this.u8(v >>> 8).u8(v);
  }

  u32(v: number): this {
    return this.u16(v >>> 16).u16(v & 0xffff);
  }

  mac(m: Mac): this {
    for (const part of m.split(':')) this.u8(parseInt(part, 16));
    return this;
  }

  raw(b: ArrayLike<number>): this {
    for (let i = 0; i < b.length; i++) this.u8(b[i]!);
    return this;
  }

  zeros(n: number): this {
    for (let i = 0; i < n; i++) this.bytes.push(0);
    return this;
  }

  get length(): number {
    return this.bytes.length;
  }

  set16(at: number, v: number): void {
    this.bytes[at] = (v >>> 8) & 0xff;
    this.bytes[at + 1] = v & 0xff;
  }

  done(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

/** The Internet checksum (RFC 1071) of the concatenated parts. */
export function internetChecksum(...parts: ArrayLike<number>[]): number {
  let sum = 0;
  let odd: number | undefined;
  for (const p of parts) {
    for (let i = 0; i < p.length; i++) {
      if (odd === undefined) odd = p[i]!;
      else {
        sum += (odd << 8) | p[i]!;
        odd = undefined;
      }
    }
  }
  if (odd !== undefined) sum += odd << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** UTF-8 bytes of a string (the model's application data). */
export function textBytes(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

function ipBytes(ip: Ipv4): number[] {
  return [ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255];
}

/** Exactly `n` bytes: `b` cut or padded with zeros. */
function fit(b: Uint8Array, n: number): Uint8Array {
  if (b.length === n) return b;
  const out = new Uint8Array(n);
  out.set(b.subarray(0, n));
  return out;
}

// ---- layers ----------------------------------------------------------------------------

export function arpBytes(a: ArpPacket): Uint8Array {
  return new Writer().u16(1).u16(0x0800).u8(6).u8(4).u16(a.op).mac(a.sha).raw(ipBytes(a.spa)).mac(a.tha).raw(ipBytes(a.tpa)).done();
}

/** The 20-byte IPv4 header with its checksum filled in. */
export function ipv4HeaderBytes(p: Ipv4Packet): Uint8Array {
  const w = new Writer()
    .u8(0x45).u8(p.tos).u16(ipv4Size(p)).u16(p.id).u16(dontFragment(p) ? IP_DF : 0)
    .u8(p.ttl).u8(ipProtocolNumber(p.payload)).u16(0).raw(ipBytes(p.src)).raw(ipBytes(p.dst));
  const b = w.done();
  const sum = internetChecksum(b);
  b[10] = sum >>> 8;
  b[11] = sum & 0xff;
  return b;
}

/** The payload of an ICMP echo as iputils ping fills it: the send time, then 0x10, 0x11, ... */
export function echoData(dataLen: number, sentAtUs: number): Uint8Array {
  const d = new Uint8Array(dataLen);
  for (let i = 0; i < dataLen; i++) d[i] = i & 0xff;
  if (dataLen >= 16) {
    const sec = LAB_EPOCH_SECONDS + Math.floor(sentAtUs / 1e6);
    const usec = Math.round(sentAtUs - Math.floor(sentAtUs / 1e6) * 1e6);
    // struct timeval on x86-64: two little-endian 64-bit fields.
    for (let i = 0; i < 8; i++) d[i] = i < 4 ? (sec >>> (8 * i)) & 0xff : 0;
    for (let i = 0; i < 8; i++) d[8 + i] = i < 4 ? (usec >>> (8 * i)) & 0xff : 0;
  }
  return d;
}

export function icmpBytes(m: IcmpMessage, ctx: ByteContext): Uint8Array {
  const w = new Writer().u8(m.type).u8(m.code).u16(0);
  if (!('original' in m)) {
    w.u16(m.ident).u16(m.seq).raw(echoData(m.dataLen, m.sentAt));
  } else {
    const quoted = ipv4Bytes(m.original, ctx);
    w.u32(0).raw(quoted.subarray(0, Math.min(quoted.length, ICMP_ERROR_QUOTE_MAX)));
  }
  const b = w.done();
  const sum = internetChecksum(b);
  b[2] = sum >>> 8;
  b[3] = sum & 0xff;
  return b;
}

function pseudoHeader(p: Ipv4Packet, len: number): number[] {
  return [...ipBytes(p.src), ...ipBytes(p.dst), 0, ipProtocolNumber(p.payload), len >>> 8, len & 0xff];
}

export function udpBytes(p: Ipv4Packet, u: UdpDatagram): Uint8Array {
  const len = 8 + u.length;
  const b = new Writer().u16(u.sport).u16(u.dport).u16(len).u16(0).zeros(u.length).done();
  let sum = internetChecksum(pseudoHeader(p, len), b);
  if (sum === 0) sum = 0xffff; // RFC 768: a computed zero is sent as all ones
  b[6] = sum >>> 8;
  b[7] = sum & 0xff;
  return b;
}

/** TCP flag bits (RFC 9293 §3.1). */
export const TH_FIN = 0x01;
export const TH_SYN = 0x02;
export const TH_RST = 0x04;
export const TH_PUSH = 0x08;
export const TH_ACK = 0x10;

export function tcpFlagBits(seg: TcpSegment): number {
  const f = seg.flags;
  return (f.fin ? TH_FIN : 0) | (f.syn ? TH_SYN : 0) | (f.rst ? TH_RST : 0) | (f.psh ? TH_PUSH : 0) | (f.ack ? TH_ACK : 0);
}

export function tcpOptionBytes(opts: readonly TcpOption[]): Uint8Array {
  const w = new Writer();
  for (const o of opts) {
    switch (o.kind) {
      case 'mss':
        w.u8(2).u8(4).u16(o.value);
        break;
      case 'sackOK':
        w.u8(4).u8(2);
        break;
      case 'TS':
        w.u8(8).u8(10).u32(o.val).u32(o.ecr);
        break;
      case 'nop':
        w.u8(1);
        break;
      case 'wscale':
        w.u8(3).u8(3).u8(o.value);
        break;
    }
  }
  return w.done();
}

/** The segment's application bytes: its text, or zeros for a bulk transfer. */
export function tcpPayload(seg: TcpSegment): Uint8Array {
  return seg.data === undefined ? new Uint8Array(seg.length) : fit(textBytes(seg.data), seg.length);
}

export function tcpBytes(p: Ipv4Packet, seg: TcpSegment, ctx: ByteContext): Uint8Array {
  const opts = tcpOptionBytes(tcpOptions(p, seg, ctx));
  const hlen = 20 + opts.length;
  const w = new Writer()
    .u16(seg.sport).u16(seg.dport).u32(seg.seq).u32(seg.ack)
    .u16(((hlen / 4) << 12) | tcpFlagBits(seg)).u16(seg.window).u16(0).u16(0)
    .raw(opts).raw(tcpPayload(seg));
  const b = w.done();
  const sum = internetChecksum(pseudoHeader(p, b.length), b);
  b[16] = sum >>> 8;
  b[17] = sum & 0xff;
  return b;
}

export function ipPayloadBytes(p: Ipv4Packet, ctx: ByteContext): Uint8Array {
  const pl = p.payload;
  switch (pl.proto) {
    case 'icmp':
      return icmpBytes(pl, ctx);
    case 'udp':
      return udpBytes(p, pl);
    case 'tcp':
      return tcpBytes(p, pl, ctx);
  }
}

export function ipv4Bytes(p: Ipv4Packet, ctx: ByteContext): Uint8Array {
  const h = ipv4HeaderBytes(p);
  const body = ipPayloadBytes(p, ctx);
  const out = new Uint8Array(IPV4_HEADER + body.length);
  out.set(h);
  out.set(body, IPV4_HEADER);
  return out;
}

// ---- LLDP ------------------------------------------------------------------------------

export const LLDP_TLV_END = 0;
export const LLDP_TLV_CHASSIS_ID = 1;
export const LLDP_TLV_PORT_ID = 2;
export const LLDP_TLV_TTL = 3;
export const LLDP_TLV_PORT_DESCR = 4;
export const LLDP_TLV_PRIVATE = 127;

export interface LldpTlv {
  readonly type: number;
  readonly value: Uint8Array;
}

/** The chassis MAC ONOS derives from a device's chassis id (MacAddress.valueOf(long)). */
export function chassisMac(chassisId: string): Mac {
  const hex = chassisId.replace(/^0x/, '').padStart(12, '0').slice(-12).toLowerCase();
  return hex.match(/../g)!.join(':');
}

function orgTlv(subtype: number, value: ArrayLike<number>): LldpTlv {
  return { type: LLDP_TLV_PRIVATE, value: Uint8Array.from([ONOS_OUI >>> 16, (ONOS_OUI >>> 8) & 255, ONOS_OUI & 255, subtype, ...Array.from(value)]) };
}

/** The TLVs of a probe, in the order ONOS serializes them (End of LLDPDU not included). */
export function lldpTlvs(p: LldpPacket, timeUs: number): LldpTlv[] {
  const tlvs: LldpTlv[] = [
    { type: LLDP_TLV_CHASSIS_ID, value: new Writer().u8(4).mac(chassisMac(p.chassisId)).done() },
    { type: LLDP_TLV_PORT_ID, value: Uint8Array.from([2, ...textBytes(String(p.portId))]) },
    { type: LLDP_TLV_TTL, value: new Writer().u16(p.ttl).done() },
  ];
  if (p.onosDevice === undefined) return tlvs;
  const ms = LAB_EPOCH_SECONDS * 1000 + Math.floor(timeUs / 1000);
  const tsBytes = new Writer().u32(Math.floor(ms / 2 ** 32)).u32(ms >>> 0).done();
  const sig = new Writer();
  let h = hashWords(p.portId, ms >>> 0, ...Array.from(textBytes(p.onosDevice)));
  for (let i = 0; i < 8; i++) {
    h = hashWords(h, i);
    sig.u32(h);
  }
  tlvs.push(
    orgTlv(1, textBytes('ONOS Discovery')),
    orgTlv(2, textBytes(p.onosDevice)),
    orgTlv(4, tsBytes),
    orgTlv(5, sig.done()),
    { type: LLDP_TLV_PORT_DESCR, value: textBytes(`s${parseInt(p.chassisId, 16)}-eth${p.portId}`) },
  );
  return tlvs;
}

function encodeTlvs(tlvs: readonly LldpTlv[]): Uint8Array {
  const w = new Writer();
  for (const t of tlvs) w.u16((t.type << 9) | t.value.length).raw(t.value);
  w.u16(0); // End of LLDPDU
  return w.done();
}

/** The TLVs that fit in the probe's `bytes` (the port description goes first when they do not). */
export function lldpWireTlvs(p: LldpPacket, timeUs: number): LldpTlv[] {
  const tlvs = lldpTlvs(p, timeUs);
  if (encodeTlvs(tlvs).length <= p.bytes) return tlvs;
  return tlvs.filter((t) => t.type !== LLDP_TLV_PORT_DESCR);
}

/** The LLDPDU, exactly `p.bytes` long (zeros after the End TLV pad it). */
export function lldpBytes(p: LldpPacket, timeUs: number): Uint8Array {
  return fit(encodeTlvs(lldpWireTlvs(p, timeUs)), p.bytes);
}

// ---- frames ----------------------------------------------------------------------------

/** The frame's bytes after the Ethernet header. */
export function payloadBytes(f: EthernetFrame, ctx: ByteContext): Uint8Array {
  const p = f.payload;
  switch (p.proto) {
    case 'arp':
      return arpBytes(p);
    case 'ipv4':
      return ipv4Bytes(p, ctx);
    case 'lldp':
      return lldpBytes(p, ctx.timeUs);
  }
}

/** The whole frame (no FCS), as a capture records it. */
export function frameBytes(f: EthernetFrame, ctx: ByteContext): Uint8Array {
  const head = new Writer().mac(f.dst).mac(f.src).u16(etherTypeOf(f.payload)).done();
  const body = payloadBytes(f, ctx);
  const out = new Uint8Array(head.length + body.length);
  out.set(head);
  out.set(body, head.length);
  return out;
}
