/**
 * Open vSwitch's text forms of flows, matches, actions and ports, as `ovs-ofctl dump-flows`
 * prints them (OVS 2.17, the version Ubuntu 22.04 ships). Source of truth: OVS lib/match.c
 * match_format(), lib/ofp-print.c ofp_print_flow_stats() / ofp_print_duration(),
 * lib/ofp-actions.c format_OUTPUT() / format_CONTROLLER(), lib/ofp-port.c
 * ofputil_format_port() and namemap_put_name(); reference/mininet.md §3.9 for the
 * transcripts. Shared by ovs-ofctl and by the controllers' own flow views.
 */
import type { FlowAction, FlowEntry, FlowMatch } from '../../net/flow-table';
import { formatIpv4 } from '../../wire/addr';

/** OpenFlow 1.0 reserved port numbers (ofp10 OFPP_*), as OVS keeps them internally. */
export const OFPP = {
  MAX: 0xff00,
  IN_PORT: 0xfff8,
  TABLE: 0xfff9,
  NORMAL: 0xfffa,
  FLOOD: 0xfffb,
  ALL: 0xfffc,
  CONTROLLER: 0xfffd,
  LOCAL: 0xfffe,
  NONE: 0xffff,
} as const;

/** A flow's priority when none is given; match_format() leaves it out. */
export const OFP_DEFAULT_PRIORITY = 0x8000;

export const ETH_TYPE = { IP: 0x0800, ARP: 0x0806, RARP: 0x8035, IPV6: 0x86dd, MPLS: 0x8847, MPLS_MCAST: 0x8848 } as const;
export const IP_PROTO = { ICMP: 1, IGMP: 2, TCP: 6, UDP: 17, ICMPV6: 58, SCTP: 132 } as const;

const RESERVED_NAMES: ReadonlyMap<number, string> = new Map([
  [OFPP.IN_PORT, 'IN_PORT'],
  [OFPP.TABLE, 'TABLE'],
  [OFPP.NORMAL, 'NORMAL'],
  [OFPP.FLOOD, 'FLOOD'],
  [OFPP.ALL, 'ALL'],
  [OFPP.CONTROLLER, 'CONTROLLER'],
  [OFPP.LOCAL, 'LOCAL'],
  [OFPP.NONE, 'ANY'],
]);

/** Port number → name, for output by name (ovs-ofctl --names, or a terminal). */
export type PortNames = ReadonlyMap<number, string>;

/** A name is printed bare only if it is a letter followed by letters and digits. */
export function nameNeedsQuotes(name: string): boolean {
  return !/^[A-Za-z][A-Za-z0-9]*$/.test(name);
}

/** A port or table name as namemap_put_name() writes it: bare, or as a JSON string. */
export function formatName(name: string): string {
  return nameNeedsQuotes(name) ? JSON.stringify(name) : name;
}

/** The reserved name of a port number (FLOOD, LOCAL...), if it has one. */
export function reservedPortName(port: number): string | undefined {
  return RESERVED_NAMES.get(port);
}

/** ofputil_format_port(): reserved name, else the port's name if known, else its number. */
export function formatPort(port: number, names?: PortNames): string {
  const reserved = RESERVED_NAMES.get(port);
  if (reserved) return reserved;
  const name = names?.get(port);
  return name !== undefined ? formatName(name) : String(port);
}

/** An IPv4 address with a CIDR prefix: bare when the prefix is 32 (ip_format_masked). */
export function formatIpMasked(addr: number, prefixLen = 32): string {
  return prefixLen >= 32 ? formatIpv4(addr) : `${formatIpv4(addr)}/${prefixLen}`;
}

function hex4(n: number): string {
  return '0x' + n.toString(16).padStart(4, '0');
}

/**
 * match_format(): `priority=N,` unless N is the default, the protocol shorthand (ip, icmp,
 * tcp, udp, sctp, arp...), then the fields in OVS's canonical order. No trailing comma; the
 * empty match gives the empty string.
 */
export function formatMatch(m: FlowMatch, priority: number = OFP_DEFAULT_PRIORITY, names?: PortNames): string {
  const parts: string[] = [];
  if (priority !== OFP_DEFAULT_PRIORITY) parts.push(`priority=${priority}`);
  const dlType = m.dl_type;
  let skipType = false;
  let skipProto = false;
  if (dlType !== undefined) {
    skipType = true;
    if (dlType === ETH_TYPE.IP || dlType === ETH_TYPE.IPV6) {
      const v6 = dlType === ETH_TYPE.IPV6;
      const base = v6 ? 'ipv6' : 'ip';
      if (m.nw_proto !== undefined) {
        const p = m.nw_proto;
        const named = v6
          ? ({ [IP_PROTO.ICMPV6]: 'icmp6', [IP_PROTO.TCP]: 'tcp6', [IP_PROTO.UDP]: 'udp6', [IP_PROTO.SCTP]: 'sctp6' } as Record<number, string>)[p]
          : ({ [IP_PROTO.ICMP]: 'icmp', [IP_PROTO.IGMP]: 'igmp', [IP_PROTO.TCP]: 'tcp', [IP_PROTO.UDP]: 'udp', [IP_PROTO.SCTP]: 'sctp' } as Record<number, string>)[p];
        parts.push(named ?? base);
        skipProto = named !== undefined;
      } else {
        parts.push(base);
      }
    } else if (dlType === ETH_TYPE.ARP) parts.push('arp');
    else if (dlType === ETH_TYPE.RARP) parts.push('rarp');
    else if (dlType === ETH_TYPE.MPLS) parts.push('mpls');
    else if (dlType === ETH_TYPE.MPLS_MCAST) parts.push('mplsm');
    else skipType = false;
  }
  if (m.in_port !== undefined) parts.push(`in_port=${formatPort(m.in_port, names)}`);
  if (m.vlan_tci !== undefined) {
    const tci = m.vlan_tci;
    // A fully masked TCI with the CFI bit set reads as dl_vlan + dl_vlan_pcp.
    if (tci & 0x1000) parts.push(`dl_vlan=${tci & 0x0fff}`, `dl_vlan_pcp=${tci >>> 13}`);
    else parts.push(`vlan_tci=${hex4(tci)}`);
  }
  if (m.dl_src !== undefined) parts.push(`dl_src=${m.dl_src}`);
  if (m.dl_dst !== undefined) parts.push(`dl_dst=${m.dl_dst}`);
  if (!skipType && dlType !== undefined) parts.push(`dl_type=${hex4(dlType)}`);
  const arp = dlType === ETH_TYPE.ARP || dlType === ETH_TYPE.RARP;
  if (dlType !== ETH_TYPE.IPV6) {
    const [src, dst] = arp ? ['arp_spa', 'arp_tpa'] : ['nw_src', 'nw_dst'];
    if (m.nw_src !== undefined) parts.push(`${src}=${formatIpMasked(m.nw_src, m.nw_src_len)}`);
    if (m.nw_dst !== undefined) parts.push(`${dst}=${formatIpMasked(m.nw_dst, m.nw_dst_len)}`);
  }
  if (!skipProto && m.nw_proto !== undefined) parts.push(`${arp ? 'arp_op' : 'nw_proto'}=${m.nw_proto}`);
  // OpenFlow matches the DSCP bits of the ToS byte.
  if (m.nw_tos !== undefined) parts.push(`nw_tos=${m.nw_tos & 0xfc}`);
  const icmpLike =
    (dlType === ETH_TYPE.IP && (m.nw_proto === IP_PROTO.ICMP || m.nw_proto === IP_PROTO.IGMP)) ||
    (dlType === ETH_TYPE.IPV6 && m.nw_proto === IP_PROTO.ICMPV6);
  const [tpSrc, tpDst] = !icmpLike ? ['tp_src', 'tp_dst'] : m.nw_proto === IP_PROTO.IGMP ? ['igmp_type', 'igmp_code'] : ['icmp_type', 'icmp_code'];
  if (m.tp_src !== undefined) parts.push(`${tpSrc}=${m.tp_src}`);
  if (m.tp_dst !== undefined) parts.push(`${tpDst}=${m.tp_dst}`);
  return parts.join(',');
}

/** One action as ofpacts_format() writes it (output:N only for ordinary ports). */
export function formatAction(a: FlowAction, names?: PortNames): string {
  switch (a.type) {
    case 'output':
      return a.port < OFPP.MAX ? `output:${formatPort(a.port, names)}` : formatPort(a.port, names);
    case 'flood':
      return 'FLOOD';
    case 'all':
      return 'ALL';
    case 'normal':
      return 'NORMAL';
    case 'controller':
      return `CONTROLLER:${a.maxLen}`;
    case 'in_port':
      return 'IN_PORT';
    case 'local':
      return 'LOCAL';
    case 'clear_actions':
      return 'clear_actions';
  }
}

/** The action list after `actions=`; an empty list is `drop`. */
export function formatActions(actions: readonly FlowAction[], names?: PortNames): string {
  return actions.length === 0 ? 'drop' : actions.map((a) => formatAction(a, names)).join(',');
}

/**
 * ofp_print_duration() for a millisecond-precision age: `8.519s`, or `8s` when the
 * fraction is zero (OVS keeps flow times in milliseconds).
 */
export function formatDurationMs(ms: number): string {
  const sec = Math.floor(ms / 1000);
  const frac = ms - sec * 1000;
  return frac > 0 ? `${sec}.${String(frac).padStart(3, '0')}s` : `${sec}s`;
}

/** Milliseconds between two virtual times (µs), as OVS's millisecond clock sees them. */
export function elapsedMs(fromUs: number, toUs: number): number {
  return Math.max(0, Math.floor(toUs / 1000) - Math.floor(fromUs / 1000));
}

export interface FlowStatsFormat {
  /** Virtual time (µs) the dump is taken at. */
  readonly now: number;
  /** Print ports by name (a terminal, or --names). */
  readonly names?: PortNames;
  /** Counters and ages; false is ovs-ofctl --no-stats. Default true. */
  readonly showStats?: boolean;
  /** `idle_age=N, ` (Nicira NXST_FLOW replies printed raw: OpenFlow 1.0 to a pipe). */
  readonly idleAge?: boolean;
  /** Flow-mod flags such as `send_flow_rem ` (OpenFlow 1.3+ flow stats carry them). */
  readonly flags?: boolean;
}

/**
 * One flow as ofp_print_flow_stats() prints it, without the leading space ovs-ofctl adds:
 * `cookie=0x0, duration=2.461s, table=0, n_packets=0, n_bytes=0, idle_timeout=60,
 * priority=65535,arp,... actions=output:"s1-eth1"`.
 */
export function formatFlowStats(e: FlowEntry, f: FlowStatsFormat): string {
  const stats = f.showStats ?? true;
  let s = '';
  if (stats || e.cookie !== 0n) s += `cookie=0x${e.cookie.toString(16)}, `;
  if (stats) s += `duration=${formatDurationMs(elapsedMs(e.createdAt, f.now))}, `;
  if (stats || e.table !== 0) s += `table=${e.table}, `;
  if (stats) s += `n_packets=${e.nPackets}, n_bytes=${e.nBytes}, `;
  if (e.idleTimeout) s += `idle_timeout=${e.idleTimeout}, `;
  if (e.hardTimeout) s += `hard_timeout=${e.hardTimeout}, `;
  if (f.flags && e.sendFlowRem) s += 'send_flow_rem ';
  if (stats && f.idleAge) s += `idle_age=${Math.floor(elapsedMs(e.lastUsed, f.now) / 1000)}, `;
  const match = formatMatch(e.match, e.priority, f.names);
  if (match) s += match + ' ';
  return s + 'actions=' + formatActions(e.actions, f.names);
}
