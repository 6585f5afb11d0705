/**
 * tcpdump's one-line summary of a frame: what tcpdump 4.99.x (Ubuntu 22.04/24.04) prints after
 * the timestamp. Each part follows the printer it names in the tcpdump sources:
 * print-ether.c (-e link header, unknown ethertypes as a hex dump), print-sll.c (LINUX_SLL2, the
 * `-i any` link type), print-arp.c, print-ip.c (-v header line), print-icmp.c (echo, unreachable,
 * time exceeded; with -v the quoted datagram), print-udp.c, print-tcp.c (flags, relative sequence
 * numbers, options, -v checksum), print-http.c/util-print.c txtproto_print() (HTTP on ports 80 and
 * 8080), print-lldp.c. Lines and spacing are tcpdump's: e.g.
 *   IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 3215, seq 1, length 64
 *   ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28
 *   IP 10.0.0.1.46512 > 10.0.0.2.80: Flags [S], seq 1234, win 64240, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0
 * Fields the model lacks (DF, TCP options and timestamps, payload bytes) come from frame-bytes.ts.
 *
 * summarizeFrame() is stateless; FrameSummarizer keeps what tcpdump keeps between packets (the
 * initial sequence numbers of each TCP conversation, so later segments show `seq 1:79, ack 1`).
 */
import type { EthernetFrame } from '../wire/ethernet';
import { etherTypeOf, ETH_HEADER, frameSize } from '../wire/ethernet';
import type { ArpPacket } from '../wire/arp';
import { ARP_REQUEST } from '../wire/arp';
import type { IcmpMessage } from '../wire/icmp';
import { ICMP_DEST_UNREACH, ICMP_ECHO_REPLY, ICMP_ECHO_REQUEST, ICMP_ERROR_QUOTE_MAX, ICMP_TIME_EXCEEDED } from '../wire/icmp';
import type { Ipv4Packet } from '../wire/ipv4';
import { ipProtocolNumber, ipv4Size, IPV4_HEADER } from '../wire/ipv4';
import type { LldpPacket } from '../wire/lldp';
import { ETH_TYPE_LLDP } from '../wire/lldp';
import type { TcpSegment } from '../wire/tcp';
import type { UdpDatagram } from '../wire/udp';
import { ZERO_MAC } from '../wire/addr';
import type { ByteContext, TcpOption } from './frame-bytes';
import {
  dontFragment, ipv4Bytes, lldpWireTlvs, LLDP_TLV_CHASSIS_ID, LLDP_TLV_PORT_DESCR, LLDP_TLV_PORT_ID, LLDP_TLV_PRIVATE,
  LLDP_TLV_TTL, payloadBytes, tcpFlagBits, tcpOptions, tcpPayload, tcpTimestamps, TH_ACK, TH_FIN, TH_RST, TH_SYN,
} from './frame-bytes';
import { hexAndAscii, hexOnly } from './hexdump';
import type { NameLookup } from './names';
import { Namer, ouiName } from './names';

export interface SummaryOptions {
  /** -n: print addresses and ports as numbers. */
  readonly numeric: boolean;
  /** -e: print the link-level header. */
  readonly link: boolean;
  /** Number of -v flags. */
  readonly verbose: number;
  /** -q: less protocol information. */
  readonly quiet?: boolean;
  /** -S: absolute TCP sequence numbers. */
  readonly absoluteSeq?: boolean;
  /** Reverse lookups for addresses when not numeric (default: none answer). */
  readonly names?: NameLookup;
}

/** Where a frame was seen, for the LINUX_SLL2 link type of `-i any` (print-sll.c). */
export interface CookedInfo {
  readonly ifname: string;
  readonly ifindex: number;
  /** Outgoing, or the packet type an incoming frame had on that interface. */
  readonly pkttype: 'Out' | 'In' | 'B' | 'M' | 'P';
}

/** LINUX_SLL2's header length: what `-i any` adds to each frame's length. */
export const SLL2_HEADER = 20;

/** ethertype_values[] (print-ether.c) for the types the sandbox sends. */
const ETHERTYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [0x0800, 'IPv4'],
  [0x0806, 'ARP'],
  [0x86dd, 'IPv6'],
  [0x88cc, 'LLDP'],
]);

/** ipproto_values[] (ipproto.c). */
const IPPROTO_NAMES: ReadonlyMap<number, string> = new Map([
  [1, 'ICMP'],
  [6, 'TCP'],
  [17, 'UDP'],
]);

/** Ports tcpdump decodes as HTTP (print-tcp.c: HTTP_PORT, HTTP_PORT_ALT). */
const HTTP_PORTS = new Set([80, 8080]);

/** httpcmds[] (print-http.c): request methods txtproto_print() recognises. */
const HTTP_METHODS = new Set([
  'GET', 'PUT', 'COPY', 'HEAD', 'LOCK', 'MOVE', 'POLL', 'POST', 'BCOPY', 'BMOVE', 'MKCOL', 'TRACE', 'LABEL', 'MERGE',
  'DELETE', 'SEARCH', 'UNLOCK', 'REPORT', 'UPDATE', 'NOTIFY', 'BDELETE', 'CONNECT', 'OPTIONS', 'CHECKIN', 'PROPFIND',
  'CHECKOUT', 'CCM_POST', 'SUBSCRIBE', 'PROPPATCH', 'BPROPFIND', 'BPROPPATCH', 'UNCHECKOUT', 'MKACTIVITY',
  'MKWORKSPACE', 'UNSUBSCRIBE', 'RPC_CONNECT', 'VERSION-CONTROL', 'BASELINE-CONTROL',
]);

/** lldp_tlv_values[] (print-lldp.c). */
const LLDP_TLV_NAMES: ReadonlyMap<number, string> = new Map([
  [0, 'End'], [1, 'Chassis ID'], [2, 'Port ID'], [3, 'Time to Live'], [4, 'Port Description'], [5, 'System Name'],
  [6, 'System Description'], [7, 'System Capabilities'], [8, 'Management Address'], [127, 'Organization specific'],
]);
const LLDP_CHASSIS_SUBTYPES: ReadonlyMap<number, string> = new Map([
  [1, 'Chassis component'], [2, 'Interface alias'], [3, 'Port component'], [4, 'MAC address'], [5, 'Network address'],
  [6, 'Interface name'], [7, 'Local'],
]);
const LLDP_PORT_SUBTYPES: ReadonlyMap<number, string> = new Map([
  [1, 'Interface alias'], [2, 'Port component'], [3, 'MAC address'], [4, 'Network Address'], [5, 'Interface Name'],
  [6, 'Agent circuit ID'], [7, 'Local'],
]);

/** tcp_flag_values[] in order, printed without separators (bittok2str_nosep). */
const TCP_FLAG_LETTERS: ReadonlyArray<[number, string]> = [[TH_FIN, 'F'], [TH_SYN, 'S'], [TH_RST, 'R'], [0x08, 'P'], [TH_ACK, '.']];

export function tcpFlagText(bits: number): string {
  const s = TCP_FLAG_LETTERS.filter(([b]) => bits & b).map(([, l]) => l).join('');
  return s || 'none';
}

export function tcpOptionText(o: TcpOption): string {
  switch (o.kind) {
    case 'mss':
      return `mss ${o.value}`;
    case 'sackOK':
      return 'sackOK';
    case 'TS':
      return `TS val ${o.val} ecr ${o.ecr}`;
    case 'nop':
      return 'nop';
    case 'wscale':
      return `wscale ${o.value}`;
  }
}

const isPrint = (c: number): boolean => c >= 0x20 && c <= 0x7e;

/**
 * print_txt_line(): one line of text (up to CRLF or LF) after `prefix`; the index after it, or 0
 * when the line holds a non-printable byte (nothing printed) or runs off the end (printed, then
 * marked truncated with ` [|http]`).
 */
function txtLine(bytes: Uint8Array, start: number, prefix: string, out: { s: string }): number {
  for (let i = start; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c === 0x0a) {
      out.s += prefix + String.fromCharCode(...bytes.subarray(start, i));
      return i + 1;
    }
    if (c === 0x0d) {
      if (i + 1 >= bytes.length || bytes[i + 1] !== 0x0a) return 0;
      out.s += prefix + String.fromCharCode(...bytes.subarray(start, i));
      return i + 2;
    }
    if (!isPrint(c) && c !== 0x09) return 0;
  }
  out.s += prefix + String.fromCharCode(...bytes.subarray(start)) + ' [|http]';
  return 0;
}

/** fetch_token(): the token at `at` and where the next one starts, or undefined. */
function fetchToken(bytes: Uint8Array, at: number): { token: string; next: number } | undefined {
  let i = at;
  let token = '';
  for (; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c > 0x7f) return undefined;
    if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a) break;
    if (!isPrint(c) || token.length >= 128) return undefined;
    token += String.fromCharCode(c);
  }
  if (token === '') return undefined;
  for (; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c === 0x0d || c === 0x0a || !isPrint(c) || (c !== 0x20 && c !== 0x09)) break;
  }
  return { token, next: i };
}

/** http_print() → txtproto_print(..., httpcmds, RESP_CODE_SECOND_TOKEN). */
function httpText(bytes: Uint8Array, verbose: number): string {
  const first = fetchToken(bytes, 0);
  let printThis = false;
  if (first) {
    if (HTTP_METHODS.has(first.token.toUpperCase())) printThis = true;
    const second = fetchToken(bytes, first.next);
    if (second && /^\d{3}$/.test(second.token)) printThis = true;
  }
  const out = { s: 'HTTP' };
  if (!printThis) return out.s;
  if (verbose) {
    out.s += `, length: ${bytes.length}`;
    for (let idx = 0; idx < bytes.length; ) {
      const eol = txtLine(bytes, idx, '\n\t', out);
      if (eol === 0) break;
      idx = eol;
    }
  } else {
    txtLine(bytes, 0, ': ', out);
  }
  return out.s;
}

interface SeqBase {
  seq: number;
  ack: number;
}

export class FrameSummarizer {
  private readonly names: Namer;
  /** tcp_seq_hash4: the initial sequence numbers of each conversation, both directions. */
  private readonly conversations = new Map<string, SeqBase>();
  /** The TS val last seen from each sender to each receiver (what the receiver echoes). */
  private readonly lastTsVal = new Map<string, number>();

  constructor(readonly opts: SummaryOptions) {
    this.names = new Namer(opts.numeric, opts.names);
  }

  /** The summary of a frame captured at `timeUs` (virtual time); `cooked` for `-i any`. */
  summarize(frame: EthernetFrame, timeUs = 0, cooked?: CookedInfo): string {
    const memo = new Map<TcpSegment, { val: number; ecr: number }>();
    const bc: ByteContext = {
      timeUs,
      tcpTs: (ip, seg) => {
        let ts = memo.get(seg);
        if (!ts) {
          const base = tcpTimestamps(ip, seg, timeUs);
          const seen = this.lastTsVal.get(`${ip.dst}>${ip.src}`);
          ts = { val: base.val, ecr: seg.flags.syn && !seg.flags.ack ? 0 : (seen ?? base.ecr) };
          memo.set(seg, ts);
        }
        return ts;
      },
    };
    const o = this.opts;
    const len = frameSize(frame);
    const type = etherTypeOf(frame.payload);
    let head = cooked ? `${cooked.ifname.padEnd(5)} ${cooked.pkttype.padEnd(3)} ` : '';
    const linkHeader = cooked
      ? `ifindex ${cooked.ifindex} ${this.names.mac(frame.src)} ${this.etherType(type, len - ETH_HEADER + SLL2_HEADER)}`
      : `${this.names.mac(frame.src)} > ${this.names.mac(frame.dst)}, ${this.etherType(type, len)}`;
    if (o.link) head += linkHeader;
    const p = frame.payload;
    switch (p.proto) {
      case 'arp':
        return head + this.arp(p);
      case 'ipv4': {
        const s = head + this.ip(p, bc, ipv4Size(p));
        const pl = p.payload;
        if (pl.proto === 'tcp' && (pl.options ?? 0) > 0) {
          const ts = memo.get(pl);
          if (ts) this.lastTsVal.set(`${p.src}>${p.dst}`, ts.val);
        }
        return s;
      }
      case 'lldp':
        if (p.ethType === ETH_TYPE_LLDP) return head + this.lldp(p, timeUs);
        // An ethertype tcpdump has no printer for (ONOS's BDDP): the header, then the bytes.
        return (o.link ? head : head + linkHeader) + hexAndAscii('\n\t', payloadBytes(frame, bc));
    }
  }

  /** ether_hdr_print()'s type part: `ethertype IPv4 (0x0800), length 98: ` (-q: `IPv4, length 98: `). */
  private etherType(type: number, len: number): string {
    const hex = type.toString(16).padStart(4, '0');
    const name = ETHERTYPE_NAMES.get(type);
    if (this.opts.quiet) return `${name ?? `Unknown Ethertype (0x${hex})`}, length ${len}: `;
    return `ethertype ${name ?? 'Unknown'} (0x${hex}), length ${len}: `;
  }

  private arp(a: ArpPacket): string {
    const o = this.opts;
    let s = o.link ? '' : 'ARP, ';
    if (o.verbose) s += 'Ethernet (len 6), IPv4 (len 4), ';
    if (a.op === ARP_REQUEST) {
      s += `Request who-has ${this.names.ip(a.tpa)}`;
      if (a.tha !== ZERO_MAC) s += ` (${this.names.mac(a.tha)})`;
      s += ` tell ${this.names.ip(a.spa)}`;
    } else {
      s += `Reply ${this.names.ip(a.spa)} is-at ${this.names.mac(a.sha)}`;
    }
    return s + ', length 28';
  }

  /** ip_print() of a datagram of which `captured` bytes are present (less inside an ICMP error). */
  private ip(p: Ipv4Packet, bc: ByteContext, captured: number): string {
    const o = this.opts;
    let s = o.link ? '' : 'IP ';
    if (o.verbose) {
      const num = ipProtocolNumber(p.payload);
      const ecn = ['', ',ECT(1)', ',ECT(0)', ',CE'][p.tos & 3];
      s += `(tos 0x${p.tos.toString(16)}${ecn}`;
      if (p.ttl >= 1) s += `, ttl ${p.ttl}`;
      s += `, id ${p.id}, offset 0, flags [${dontFragment(p) ? 'DF' : 'none'}], proto ${IPPROTO_NAMES.get(num) ?? 'unknown'} (${num}), length ${ipv4Size(p)})\n    `;
    }
    const pl = p.payload;
    const rest = captured - IPV4_HEADER;
    switch (pl.proto) {
      case 'icmp':
        return s + `${this.names.ip(p.src)} > ${this.names.ip(p.dst)}: ` + this.icmp(p, pl, bc);
      case 'udp':
        return s + this.udp(p, pl, rest);
      case 'tcp':
        return s + this.tcp(p, pl, bc, rest);
    }
  }

  private icmp(p: Ipv4Packet, m: IcmpMessage, bc: ByteContext): string {
    const plen = ipv4Size(p) - IPV4_HEADER;
    let str: string;
    if (m.type === ICMP_ECHO_REQUEST || m.type === ICMP_ECHO_REPLY) {
      str = `echo ${m.type === ICMP_ECHO_REQUEST ? 'request' : 'reply'}, id ${m.ident}, seq ${m.seq}`;
    } else if (m.type === ICMP_DEST_UNREACH) {
      str = this.unreachText(m.code, m.original, bc);
    } else if (m.type === ICMP_TIME_EXCEEDED) {
      str = m.code === 0 ? 'time exceeded in-transit' : m.code === 1 ? 'ip reassembly time exceeded' : `time exceeded-#${m.code}`;
    } else {
      str = `type-#${(m as { type: number }).type}`;
    }
    let s = `ICMP ${str}, length ${plen}`;
    if (this.opts.verbose && 'original' in m) {
      // The quoted datagram, as far as the error carries it (Linux quotes up to 548 bytes).
      s += '\n\t' + this.ip(m.original, bc, Math.min(ipv4Size(m.original), ICMP_ERROR_QUOTE_MAX));
    }
    return s;
  }

  private unreachText(code: number, orig: Ipv4Packet, bc: ByteContext): string {
    const dst = this.names.ip(orig.dst);
    switch (code) {
      case 0:
        return `net ${dst} unreachable`;
      case 1:
        return `host ${dst} unreachable`;
      case 2:
        return `${dst} protocol ${ipProtocolNumber(orig.payload)} unreachable`;
      case 3: {
        const pl = orig.payload;
        if (pl.proto === 'tcp') return `${dst} tcp port ${this.names.port(pl.dport, 'tcp')} unreachable`;
        if (pl.proto === 'udp') return `${dst} udp port ${this.names.port(pl.dport, 'udp')} unreachable`;
        // The "port" of another protocol is the 16 bits where UDP keeps it.
        const b = ipv4Bytes(orig, bc);
        return `${dst} protocol ${ipProtocolNumber(pl)} port ${(b[IPV4_HEADER + 2]! << 8) | b[IPV4_HEADER + 3]!} unreachable`;
      }
      case 4:
        return `${dst} unreachable - need to frag`;
      case 5:
        return `${dst} unreachable - source route failed`;
      case 6:
        return `net ${dst} unreachable - unknown`;
      case 7:
        return `host ${dst} unreachable - unknown`;
      case 8:
        return `${dst} unreachable - source host isolated`;
      case 9:
        return `net ${dst} unreachable - admin prohibited`;
      case 10:
        return `host ${dst} unreachable - admin prohibited`;
      case 11:
        return `net ${dst} unreachable - tos prohibited`;
      case 12:
        return `host ${dst} unreachable - tos prohibited`;
      case 13:
        return `host ${dst} unreachable - admin prohibited filter`;
      case 14:
        return `host ${dst} unreachable - host precedence violation`;
      case 15:
        return `host ${dst} unreachable - precedence cutoff`;
      default:
        return `${dst} unreachable - #${code}`;
    }
  }

  private udp(p: Ipv4Packet, u: UdpDatagram, captured: number): string {
    const n = this.names;
    let s = `${n.ip(p.src)}.${n.port(u.sport, 'udp')} > ${n.ip(p.dst)}.${n.port(u.dport, 'udp')}: `;
    // print-udp.c checks IPv4 UDP checksums only from -vv on, and only when all is captured.
    if (this.opts.verbose > 1 && captured >= 8 + u.length) s += '[udp sum ok] ';
    return s + `UDP, length ${u.length}`;
  }

  private tcp(p: Ipv4Packet, seg: TcpSegment, bc: ByteContext, captured: number): string {
    const o = this.opts;
    const n = this.names;
    let s = `${n.ip(p.src)}.${n.port(seg.sport, 'tcp')} > ${n.ip(p.dst)}.${n.port(seg.dport, 'tcp')}: `;
    const hlen = 20 + (seg.options ?? 0);
    if (o.quiet) return s + `tcp ${seg.length}`;
    const flags = tcpFlagBits(seg);
    s += `Flags [${tcpFlagText(flags)}]`;
    let seq = seg.seq >>> 0;
    let ack = seg.ack >>> 0;
    if (!o.absoluteSeq && flags & TH_ACK) {
      const rev = seg.sport > seg.dport || (seg.sport === seg.dport && p.src > p.dst);
      const key = rev ? `${p.dst}>${p.src}:${seg.dport}:${seg.sport}` : `${p.src}>${p.dst}:${seg.sport}:${seg.dport}`;
      const th = this.conversations.get(key);
      if (!th || flags & TH_SYN) {
        this.conversations.set(key, rev ? { ack: seq, seq: (ack - 1) >>> 0 } : { seq, ack: (ack - 1) >>> 0 });
      } else if (rev) {
        seq = (seq - th.ack) >>> 0;
        ack = (ack - th.seq) >>> 0;
      } else {
        seq = (seq - th.seq) >>> 0;
        ack = (ack - th.ack) >>> 0;
      }
    }
    if (o.verbose && captured >= hlen + seg.length) {
      // Checksums are computed over the bytes frame-bytes.ts builds, so they always verify.
      const b = ipv4Bytes(p, bc);
      s += `, cksum 0x${((b[IPV4_HEADER + 16]! << 8) | b[IPV4_HEADER + 17]!).toString(16).padStart(4, '0')} (correct)`;
    }
    if (o.verbose > 1 || seg.length > 0 || flags & (TH_SYN | TH_FIN | TH_RST)) {
      s += `, seq ${seq}`;
      if (seg.length > 0) s += `:${(seq + seg.length) >>> 0}`;
    }
    if (flags & TH_ACK) s += `, ack ${ack}`;
    s += `, win ${seg.window}`;
    const opts = tcpOptions(p, seg, bc);
    if (opts.length) s += `, options [${opts.map(tcpOptionText).join(',')}]`;
    s += `, length ${seg.length}`;
    if (seg.length > 0 && !(flags & TH_RST) && (HTTP_PORTS.has(seg.sport) || HTTP_PORTS.has(seg.dport))) {
      s += ': ' + httpText(tcpPayload(seg), o.verbose);
    }
    return s;
  }

  /** lldp_print(): `LLDP, length N`, and with -v each TLV. */
  private lldp(p: LldpPacket, timeUs: number): string {
    let s = `LLDP, length ${p.bytes}`;
    const v = this.opts.verbose;
    if (!v) return s;
    for (const t of [...lldpWireTlvs(p, timeUs), { type: 0, value: new Uint8Array(0) }]) {
      s += `\n\t${LLDP_TLV_NAMES.get(t.type) ?? 'Unknown'} TLV (${t.type}), length ${t.value.length}`;
      if (t.type === 0) break;
      let hexdump = false;
      const text = (b: Uint8Array): string => String.fromCharCode(...b);
      switch (t.type) {
        case LLDP_TLV_CHASSIS_ID: {
          const st = t.value[0]!;
          s += `\n\t  Subtype ${LLDP_CHASSIS_SUBTYPES.get(st) ?? 'Unknown'} (${st}): `;
          if (st === 4) s += this.names.mac(Array.from(t.value.subarray(1, 7), (x) => x.toString(16).padStart(2, '0')).join(':'));
          else s += text(t.value.subarray(1));
          break;
        }
        case LLDP_TLV_PORT_ID: {
          const st = t.value[0]!;
          s += `\n\t  Subtype ${LLDP_PORT_SUBTYPES.get(st) ?? 'Unknown'} (${st}): ${text(t.value.subarray(1))}`;
          break;
        }
        case LLDP_TLV_TTL:
          s += `: TTL ${(t.value[0]! << 8) | t.value[1]!}s`;
          break;
        case LLDP_TLV_PORT_DESCR:
          s += `: ${text(t.value)}`;
          break;
        case LLDP_TLV_PRIVATE: {
          const oui = (t.value[0]! << 16) | (t.value[1]! << 8) | t.value[2]!;
          s += `: OUI ${ouiName(oui)} (0x${oui.toString(16).padStart(6, '0')})`;
          hexdump = true;
          break;
        }
        default:
          hexdump = true;
      }
      if (v > 1 || hexdump) s += hexOnly('\n\t  ', t.value);
    }
    return s;
  }
}

/** The summary of one frame on its own (TCP sequence numbers stay absolute: no history). */
export function summarizeFrame(frame: EthernetFrame, opts: SummaryOptions & { readonly timeUs?: number }): string {
  return new FrameSummarizer(opts).summarize(frame, opts.timeUs ?? 0);
}
