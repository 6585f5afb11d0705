/**
 * A subset of pcap-filter(7) (libpcap 1.10, as tcpdump 4.99 on Ubuntu 22.04/24.04 uses it),
 * compiled to a predicate over the sandbox's frames instead of BPF:
 *   [ip|arp|tcp|udp|ether] [src|dst|src or dst|src and dst] host|net|port ID,
 *   ether [src|dst] host MAC, ether proto N, ip, arp, tcp, udp, icmp (and ip6, icmp6, rarp, sctp,
 *   igmp, which match nothing here), broadcast, multicast, less N, greater N,
 * combined with and/&&, or/||, not/! and parentheses; `host a or b` repeats the last qualifiers,
 * as pcap does. Errors are libpcap's (grammar.y, gencode.c): a grammar error is "can't parse
 * filter expression: syntax error"; others name the problem ("unknown host 'x'",
 * "illegal port number 70000 > 65535", "'tcp' modifier applied to host", ...).
 * pcap keywords outside this subset say so: "... is not supported in this sandbox".
 */
import type { Ipv4, Mac } from '../wire/addr';
import { maskOf, parseIpv4 } from '../wire/addr';
import type { EthernetFrame } from '../wire/ethernet';
import { etherTypeOf, frameSize } from '../wire/ethernet';
import { servicePort } from './services';

export type FramePredicate = (frame: EthernetFrame) => boolean;

export type FilterResult = { readonly ok: true; readonly match: FramePredicate } | { readonly ok: false; readonly error: string };

export interface FilterEnv {
  /** Resolve a host name as the capturing namespace would (pcap_nametoaddrinfo). */
  resolveHost?(name: string): Ipv4 | undefined;
}

class FilterError extends Error {}

const SYNTAX = "can't parse filter expression: syntax error";

type Proto = 'ether' | 'ip' | 'arp' | 'rarp' | 'tcp' | 'udp' | 'icmp' | 'ip6' | 'icmp6' | 'sctp' | 'igmp';
type Dir = 'src' | 'dst' | 'src or dst' | 'src and dst';
type Kind = 'host' | 'net' | 'port';

interface Qual {
  proto?: Proto;
  dir?: Dir;
  kind?: Kind;
}

const PROTOS = new Set<string>(['ether', 'ip', 'arp', 'rarp', 'tcp', 'udp', 'icmp', 'ip6', 'icmp6', 'sctp', 'igmp']);
/** pcap keywords this subset leaves out. */
const UNSUPPORTED = new Set([
  'gateway', 'portrange', 'proto', 'protochain', 'vlan', 'mpls', 'pppoed', 'pppoes', 'geneve', 'len', 'inbound',
  'outbound', 'ifname', 'on', 'rnr', 'rulenum', 'reason', 'rset', 'srnr', 'subrulenum', 'action', 'wlan', 'type',
  'subtype', 'dir', 'addr1', 'addr2', 'addr3', 'addr4', 'ra', 'ta', 'fddi', 'tr', 'decnet', 'atalk', 'aarp', 'iso',
  'esis', 'isis', 'clnp', 'stp', 'ipx', 'netbeui', 'lat', 'mopdl', 'moprc', 'sca', 'vrrp', 'carp', 'pim', 'ah', 'esp',
  'radio', 'llc', 'mask', 'icmptype', 'icmpcode', 'tcpflags',
]);
const KEYWORDS = new Set(['and', 'or', 'not', 'host', 'net', 'port', 'src', 'dst', 'less', 'greater', 'broadcast', 'multicast', ...PROTOS]);

function tokenize(expr: string): string[] {
  const tokens: string[] = [];
  const re = /\s*(&&|\|\||[()!]|[^\s()!&|]+|[&|])/y;
  let m: RegExpExecArray | null;
  let at = 0;
  for (;;) {
    re.lastIndex = at;
    m = re.exec(expr);
    if (!m) break;
    tokens.push(m[1]!);
    at = re.lastIndex;
  }
  if (expr.slice(at).trim() !== '') throw new FilterError(SYNTAX);
  return tokens;
}

function ipOf(f: EthernetFrame): { src: Ipv4; dst: Ipv4 } | undefined {
  const p = f.payload;
  if (p.proto === 'ipv4') return { src: p.src, dst: p.dst };
  return undefined;
}

function arpOf(f: EthernetFrame): { src: Ipv4; dst: Ipv4 } | undefined {
  const p = f.payload;
  if (p.proto === 'arp') return { src: p.spa, dst: p.tpa };
  return undefined;
}

function portsOf(f: EthernetFrame, proto: 'tcp' | 'udp' | undefined): { src: number; dst: number } | undefined {
  const p = f.payload;
  if (p.proto !== 'ipv4') return undefined;
  const t = p.payload;
  if (t.proto === 'icmp' || (proto && t.proto !== proto)) return undefined;
  return { src: t.sport, dst: t.dport };
}

function byDir<T>(dir: Dir | undefined, pair: { src: T; dst: T } | undefined, test: (v: T) => boolean): boolean {
  if (!pair) return false;
  switch (dir ?? 'src or dst') {
    case 'src':
      return test(pair.src);
    case 'dst':
      return test(pair.dst);
    case 'src or dst':
      return test(pair.src) || test(pair.dst);
    case 'src and dst':
      return test(pair.src) && test(pair.dst);
  }
}

const NEVER: FramePredicate = () => false;

/** A protocol named on its own: `ip`, `tcp`, `icmp`, ... */
function protoPredicate(proto: Proto): FramePredicate {
  switch (proto) {
    case 'ip':
      return (f) => f.payload.proto === 'ipv4';
    case 'arp':
      return (f) => f.payload.proto === 'arp';
    case 'tcp':
    case 'udp':
    case 'icmp':
      return (f) => f.payload.proto === 'ipv4' && f.payload.payload.proto === proto;
    case 'ether':
      throw new FilterError(SYNTAX);
    default:
      return NEVER; // rarp, ip6, icmp6, sctp, igmp: the sandbox sends none
  }
}

function parseMac(s: string): Mac | undefined {
  const parts = s.split(/[:.-]/);
  if (parts.length !== 6 || !parts.every((x) => /^[0-9a-fA-F]{1,2}$/.test(x))) return undefined;
  return parts.map((x) => x.toLowerCase().padStart(2, '0')).join(':');
}

/** pcap's net forms: 10, 10.0, 10.0.0, 10.0.0.0/8. */
function parseNet(s: string): { net: Ipv4; mask: Ipv4 } | undefined {
  const slash = s.indexOf('/');
  const addrText = slash < 0 ? s : s.slice(0, slash);
  const parts = addrText.split('.');
  if (parts.length < 1 || parts.length > 4 || !parts.every((x) => /^\d{1,3}$/.test(x) && Number(x) <= 255)) return undefined;
  let net = 0;
  parts.forEach((x, i) => (net += Number(x) * 2 ** (24 - 8 * i)));
  let len = parts.length * 8;
  if (slash >= 0) {
    const l = s.slice(slash + 1);
    if (!/^\d{1,2}$/.test(l) || Number(l) > 32) return undefined;
    len = Number(l);
  }
  return { net: net >>> 0, mask: maskOf(len) };
}

class Parser {
  private i = 0;
  private last: Qual = { kind: 'host' };

  constructor(
    private readonly tokens: string[],
    private readonly env: FilterEnv,
  ) {}

  private peek(): string | undefined {
    return this.tokens[this.i];
  }

  private next(): string | undefined {
    return this.tokens[this.i++];
  }

  parse(): FramePredicate {
    const p = this.or();
    if (this.i < this.tokens.length) throw new FilterError(SYNTAX);
    return p;
  }

  private or(): FramePredicate {
    let left = this.and();
    while (this.peek() === 'or' || this.peek() === '||') {
      this.next();
      const l = left;
      const r = this.and();
      left = (f) => l(f) || r(f);
    }
    return left;
  }

  private and(): FramePredicate {
    let left = this.unary();
    while (this.peek() === 'and' || this.peek() === '&&') {
      this.next();
      const l = left;
      const r = this.unary();
      left = (f) => l(f) && r(f);
    }
    return left;
  }

  private unary(): FramePredicate {
    const t = this.peek();
    if (t === 'not' || t === '!') {
      this.next();
      const inner = this.unary();
      return (f) => !inner(f);
    }
    if (t === '(') {
      this.next();
      const inner = this.or();
      if (this.next() !== ')') throw new FilterError(SYNTAX);
      return inner;
    }
    return this.primitive();
  }

  private primitive(): FramePredicate {
    const t = this.next();
    if (t === undefined) throw new FilterError(SYNTAX);
    if (UNSUPPORTED.has(t)) throw new FilterError(`filter keyword '${t}' is not supported in this sandbox`);
    if (t === 'less' || t === 'greater') {
      const n = this.next();
      if (n === undefined || !/^\d+$/.test(n)) throw new FilterError(SYNTAX);
      const v = Number(n);
      return t === 'less' ? (f) => frameSize(f) <= v : (f) => frameSize(f) >= v;
    }
    if (t === 'broadcast') return (f) => f.dst === 'ff:ff:ff:ff:ff:ff';
    if (t === 'multicast') return (f) => (parseInt(f.dst.slice(0, 2), 16) & 1) === 1;
    if (!KEYWORDS.has(t)) return this.id(t, this.last);
    // Qualifiers: [proto] [dir] [kind] then the id, or a protocol on its own.
    this.i--;
    const q: Qual = {};
    if (PROTOS.has(this.peek()!)) q.proto = this.next() as Proto;
    if (q.proto === 'ether') {
      const w = this.peek();
      if (w === 'broadcast' || w === 'multicast') return this.primitive();
      if (w === 'proto') {
        this.next();
        const n = this.next();
        const v = n === undefined ? NaN : Number(n);
        if (!Number.isInteger(v) || v < 0 || v > 0xffff) throw new FilterError(SYNTAX);
        return (f) => etherTypeOf(f.payload) === v;
      }
    }
    if (this.peek() === 'src' || this.peek() === 'dst') {
      const d = this.next() as 'src' | 'dst';
      if ((this.peek() === 'or' || this.peek() === 'and') && (this.tokens[this.i + 1] === 'src' || this.tokens[this.i + 1] === 'dst')) {
        const op = this.next()!;
        this.next();
        q.dir = op === 'or' ? 'src or dst' : 'src and dst';
      } else {
        q.dir = d;
      }
    }
    const k = this.peek();
    if (k === 'host' || k === 'net' || k === 'port') {
      this.next();
      q.kind = k;
    }
    if (q.kind === undefined && q.dir === undefined) {
      // A protocol on its own (`tcp`), unless an id follows (`tcp 80` is not pcap syntax).
      if (!q.proto) throw new FilterError(SYNTAX);
      const after = this.peek();
      if (after !== undefined && !['and', 'or', '&&', '||', ')'].includes(after)) throw new FilterError(SYNTAX);
      return protoPredicate(q.proto);
    }
    const id = this.next();
    if (id === undefined || KEYWORDS.has(id)) throw new FilterError(SYNTAX);
    const qual: Qual = { proto: q.proto, dir: q.dir, kind: q.kind ?? 'host' };
    this.last = qual;
    return this.id(id, qual);
  }

  /** An id under its qualifiers (gen_scode / gen_ncode / gen_ecode). */
  private id(id: string, q: Qual): FramePredicate {
    if (!/^[A-Za-z0-9_][-\w.:/]*$/.test(id)) throw new FilterError(SYNTAX);
    const kind = q.kind ?? 'host';
    const dir = q.dir;
    if (kind === 'port') {
      if (q.proto && q.proto !== 'tcp' && q.proto !== 'udp' && q.proto !== 'sctp') throw new FilterError("illegal qualifier of 'port'");
      let port: number;
      let proto = q.proto === 'tcp' || q.proto === 'udp' ? q.proto : undefined;
      if (/^\d+$/.test(id)) {
        port = Number(id);
        if (port > 65535) throw new FilterError(`illegal port number ${port} > 65535`);
      } else {
        const tcp = servicePort(id, 'tcp');
        const udp = servicePort(id, 'udp');
        if (tcp === undefined && udp === undefined) throw new FilterError(`unknown port '${id}'`);
        if (proto === 'udp' && udp === undefined) throw new FilterError(`port '${id}' is tcp`);
        if (proto === 'tcp' && tcp === undefined) throw new FilterError(`port '${id}' is udp`);
        port = (proto === 'udp' ? udp : proto === 'tcp' ? tcp : (tcp ?? udp))!;
        if (!proto && (tcp === undefined || udp === undefined)) proto = tcp !== undefined ? 'tcp' : 'udp';
      }
      if (q.proto === 'sctp') return NEVER;
      return (f) => byDir(dir, portsOf(f, proto), (v) => v === port);
    }
    if (q.proto === 'ether') {
      if (kind !== 'host') throw new FilterError(SYNTAX);
      const mac = parseMac(id);
      if (!mac) throw new FilterError(`unknown ether host '${id}'`);
      return (f) => byDir(dir, f, (v) => v === mac);
    }
    if (parseMac(id) && id.includes(':')) throw new FilterError('ethernet address used in non-ether expression');
    if (q.proto === 'tcp' || q.proto === 'udp' || q.proto === 'icmp' || q.proto === 'sctp' || q.proto === 'igmp' || q.proto === 'icmp6') {
      throw new FilterError(`'${q.proto}' modifier applied to ${kind}`);
    }
    let test: (ip: Ipv4) => boolean;
    if (kind === 'net') {
      const n = parseNet(id);
      if (!n) {
        if (/^[\d./]+$/.test(id)) throw new FilterError(SYNTAX);
        throw new FilterError(`unknown network '${id}'`);
      }
      if (((n.net & ~n.mask) >>> 0) !== 0) throw new FilterError(`non-network bits set in "${id}"`);
      test = (ip) => ((ip & n.mask) >>> 0) === n.net;
    } else {
      const ip = parseIpv4(id) ?? (/^[\d.]+$/.test(id) ? undefined : this.env.resolveHost?.(id));
      if (ip === undefined) {
        if (/^[\d.]+$/.test(id)) {
          // `host 10.1`: gen_ncode() promotes a short address to the network it starts (10.1.0.0/16).
          const n = parseNet(id);
          if (!n) throw new FilterError(SYNTAX);
          test = (a) => ((a & n.mask) >>> 0) === n.net;
        } else {
          throw new FilterError(`unknown host '${id}'`);
        }
      } else {
        test = (a) => a === ip;
      }
    }
    const proto = q.proto;
    if (proto === 'ip') return (f) => byDir(dir, ipOf(f), test);
    if (proto === 'arp') return (f) => byDir(dir, arpOf(f), test);
    if (proto === 'rarp' || proto === 'ip6') return NEVER;
    // No protocol: ip, arp or rarp (gen_host's Q_DEFAULT on Ethernet).
    return (f) => byDir(dir, ipOf(f), test) || byDir(dir, arpOf(f), test);
  }
}

/** Compile an expression; the empty expression matches everything. */
export function compileFilter(expr: string, env: FilterEnv = {}): FilterResult {
  try {
    const tokens = tokenize(expr);
    if (tokens.length === 0) return { ok: true, match: () => true };
    return { ok: true, match: new Parser(tokens, env).parse() };
  } catch (e) {
    if (e instanceof FilterError) return { ok: false, error: e.message };
    throw e;
  }
}
