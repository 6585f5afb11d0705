/**
 * Source NAT with connection tracking, as iptables' MASQUERADE target and nf_conntrack do it
 * for Docker's outbound rule `-A POSTROUTING -s SUBNET ! -o BRIDGE -j MASQUERADE`
 * (reference/docker.md §4.2).
 *
 * Contract:
 * - `postrouting` is called on the forward path after the route lookup and the filter, with the
 *   packet about to leave `out`. A packet whose source matches a rule gets the out interface's
 *   primary address as its source; its TCP/UDP source port or ICMP echo identifier is kept
 *   unless another connection already holds it towards the same peer (then the next free one),
 *   as nf_nat's unique-tuple search does.
 * - `prerouting` is called first on every received packet. A reply to a tracked connection, or an
 *   ICMP error quoting one, is translated back (destination, port or identifier, and the quoted
 *   datagram) and then routed on as any forwarded packet. Anything else passes unchanged.
 * Entries never expire: a sandbox session holds far fewer flows than the 16-bit port space.
 */
import type { Ipv4 } from '../wire/addr';
import { inSubnet } from '../wire/addr';
import type { Ipv4Packet, IpPayload } from '../wire/ipv4';
import { ICMP_DEST_UNREACH, ICMP_ECHO_REPLY, ICMP_ECHO_REQUEST, ICMP_TIME_EXCEEDED } from '../wire/icmp';
import type { Intf } from './interface';

export interface MasqueradeRule {
  /** `-s NET/LEN`: the source addresses masqueraded. */
  readonly net: Ipv4;
  readonly prefixLen: number;
  /** `! -o DEV`: traffic leaving through this interface keeps its source. */
  readonly notOut: Intf;
}

type Proto = 'icmp' | 'tcp' | 'udp';

interface Conn {
  readonly proto: Proto;
  readonly inside: Ipv4;
  readonly insidePort: number;
  readonly outside: Ipv4;
  readonly mappedPort: number;
  readonly peer: Ipv4;
  readonly peerPort: number;
}

/** The port-like field a packet's flow is told apart by: TCP/UDP ports, or the echo identifier. */
function flowOf(p: IpPayload): { proto: Proto; sport: number; dport: number } | undefined {
  if (p.proto === 'tcp' || p.proto === 'udp') return { proto: p.proto, sport: p.sport, dport: p.dport };
  if (p.proto === 'icmp' && (p.type === ICMP_ECHO_REQUEST || p.type === ICMP_ECHO_REPLY)) return { proto: 'icmp', sport: p.ident, dport: p.ident };
  return undefined;
}

function withSourcePort(p: IpPayload, port: number): IpPayload {
  if (p.proto === 'tcp' || p.proto === 'udp') return { ...p, sport: port };
  if (p.proto === 'icmp' && (p.type === ICMP_ECHO_REQUEST || p.type === ICMP_ECHO_REPLY)) return { ...p, ident: port };
  return p;
}

function withDestPort(p: IpPayload, port: number): IpPayload {
  if (p.proto === 'tcp' || p.proto === 'udp') return { ...p, dport: port };
  if (p.proto === 'icmp' && (p.type === ICMP_ECHO_REQUEST || p.type === ICMP_ECHO_REPLY)) return { ...p, ident: port };
  return p;
}

export class Masquerade {
  /** Outgoing direction: proto|inside|insidePort|peer|peerPort. */
  private readonly byOriginal = new Map<string, Conn>();
  /** Reply direction: proto|peer|peerPort|outside|mappedPort. */
  private readonly byReply = new Map<string, Conn>();

  constructor(
    /** The rules in force, read on every packet (networks come and go). */
    private readonly rules: () => readonly MasqueradeRule[],
  ) {}

  /** Tracked connections (conntrack -L), oldest first. */
  connections(): readonly Conn[] {
    return [...this.byOriginal.values()];
  }

  postrouting(pkt: Ipv4Packet, out: Intf): Ipv4Packet {
    const flow = flowOf(pkt.payload);
    // Only an echo request opens an ICMP connection; its reply direction is the echo reply.
    if (!flow || (pkt.payload.proto === 'icmp' && pkt.payload.type !== ICMP_ECHO_REQUEST)) return pkt;
    const peerPort = flow.proto === 'icmp' ? 0 : flow.dport;
    const origKey = `${flow.proto}|${pkt.src}|${flow.sport}|${pkt.dst}|${peerPort}`;
    let conn = this.byOriginal.get(origKey);
    if (!conn) {
      const rule = this.rules().find((r) => r.notOut !== out && inSubnet(pkt.src, r.net, r.prefixLen));
      const outside = out.addrs[0]?.addr;
      if (!rule || outside === undefined) return pkt;
      let mapped = flow.sport;
      const replyKey = (port: number): string => `${flow.proto}|${pkt.dst}|${peerPort}|${outside}|${port}`;
      for (let tries = 0; this.byReply.has(replyKey(mapped)) && tries < 65536; tries++) {
        mapped = flow.proto === 'icmp' ? (mapped + 1) & 0xffff : 1024 + ((mapped - 1024 + 1) % 64512);
      }
      conn = { proto: flow.proto, inside: pkt.src, insidePort: flow.sport, outside, mappedPort: mapped, peer: pkt.dst, peerPort };
      this.byOriginal.set(origKey, conn);
      this.byReply.set(replyKey(mapped), conn);
    }
    return { ...pkt, src: conn.outside, payload: withSourcePort(pkt.payload, conn.mappedPort) };
  }

  prerouting(pkt: Ipv4Packet): Ipv4Packet {
    const p = pkt.payload;
    if (p.proto === 'icmp' && (p.type === ICMP_DEST_UNREACH || p.type === ICMP_TIME_EXCEEDED)) {
      // An error about a datagram we translated: the quote holds the translated source.
      const q = p.original;
      const qf = flowOf(q.payload);
      if (!qf) return pkt;
      const conn = this.byReply.get(`${qf.proto}|${q.dst}|${qf.proto === 'icmp' ? 0 : qf.dport}|${q.src}|${qf.sport}`);
      if (!conn || pkt.dst !== conn.outside) return pkt;
      const original: Ipv4Packet = { ...q, src: conn.inside, payload: withSourcePort(q.payload, conn.insidePort) };
      return { ...pkt, dst: conn.inside, payload: { ...p, original } };
    }
    const flow = flowOf(p);
    if (!flow || (p.proto === 'icmp' && p.type !== ICMP_ECHO_REPLY)) return pkt;
    const conn = this.byReply.get(`${flow.proto}|${pkt.src}|${flow.proto === 'icmp' ? 0 : flow.sport}|${pkt.dst}|${flow.dport}`);
    if (!conn) return pkt;
    return { ...pkt, dst: conn.inside, payload: withDestPort(p, conn.insidePort) };
  }
}
