/**
 * An OpenFlow flow table as Open vSwitch keeps it: match fields with priorities, actions,
 * packet and byte counters, idle and hard timeouts. Field names are OVS's (ovs-fields(7)),
 * because `ovs-ofctl dump-flows` prints them; the printer lives in commands/machine.
 */
import type { Ipv4, Mac } from '../wire/addr';
import { inSubnet } from '../wire/addr';
import type { EthernetFrame } from '../wire/ethernet';
import { etherTypeOf, frameSize } from '../wire/ethernet';
import { ipProtocolNumber } from '../wire/ipv4';

/** Header fields of one packet, as a switch extracts them (the OpenFlow "flow"). */
export interface FlowFields {
  in_port: number;
  dl_src: Mac;
  dl_dst: Mac;
  dl_type: number;
  vlan_tci: number;
  nw_src?: Ipv4;
  nw_dst?: Ipv4;
  nw_proto?: number;
  nw_tos?: number;
  nw_ttl?: number;
  /** TCP/UDP ports; for ICMP, type and code (OpenFlow 1.0 reuses tp_src/tp_dst). */
  tp_src?: number;
  tp_dst?: number;
}

/** A match: any subset of fields; IPv4 fields may carry a prefix length. */
export interface FlowMatch {
  in_port?: number;
  dl_src?: Mac;
  dl_dst?: Mac;
  dl_type?: number;
  vlan_tci?: number;
  nw_src?: Ipv4;
  nw_src_len?: number;
  nw_dst?: Ipv4;
  nw_dst_len?: number;
  nw_proto?: number;
  nw_tos?: number;
  tp_src?: number;
  tp_dst?: number;
}

export type FlowAction =
  | { type: 'output'; port: number }
  | { type: 'flood' }
  | { type: 'all' }
  | { type: 'normal' }
  | { type: 'controller'; maxLen: number }
  | { type: 'in_port' }
  | { type: 'local' };

export interface FlowEntry {
  cookie: bigint;
  table: number;
  priority: number;
  match: FlowMatch;
  actions: FlowAction[];
  idleTimeout: number;
  hardTimeout: number;
  sendFlowRem: boolean;
  createdAt: number;
  lastUsed: number;
  nPackets: number;
  nBytes: number;
  /** Who installed it (an ONOS app id, for the controller's flow view); not an OpenFlow field. */
  appId?: string;
}

export function extractFields(frame: EthernetFrame, inPort: number): FlowFields {
  const p = frame.payload;
  const f: FlowFields = { in_port: inPort, dl_src: frame.src, dl_dst: frame.dst, dl_type: etherTypeOf(p), vlan_tci: 0 };
  if (p.proto === 'arp') {
    f.nw_src = p.spa;
    f.nw_dst = p.tpa;
    f.nw_proto = p.op;
  } else if (p.proto === 'ipv4') {
    f.nw_src = p.src;
    f.nw_dst = p.dst;
    f.nw_proto = ipProtocolNumber(p.payload);
    f.nw_tos = p.tos;
    f.nw_ttl = p.ttl;
    const t = p.payload;
    if (t.proto === 'icmp') {
      f.tp_src = t.type;
      f.tp_dst = t.code;
    } else {
      f.tp_src = t.sport;
      f.tp_dst = t.dport;
    }
  }
  return f;
}

/** An OpenFlow 1.0 exact match on every field of the packet (what reactive L2 controllers install). */
export function exactMatch(f: FlowFields): FlowMatch {
  const m: FlowMatch = { in_port: f.in_port, dl_src: f.dl_src, dl_dst: f.dl_dst, dl_type: f.dl_type, vlan_tci: 0 };
  if (f.nw_src !== undefined) {
    m.nw_src = f.nw_src;
    m.nw_dst = f.nw_dst;
    m.nw_proto = f.nw_proto;
    if (f.dl_type === 0x0800) {
      m.nw_tos = f.nw_tos;
      m.tp_src = f.tp_src;
      m.tp_dst = f.tp_dst;
    }
  }
  return m;
}

export function matches(m: FlowMatch, f: FlowFields): boolean {
  if (m.in_port !== undefined && m.in_port !== f.in_port) return false;
  if (m.dl_src !== undefined && m.dl_src !== f.dl_src) return false;
  if (m.dl_dst !== undefined && m.dl_dst !== f.dl_dst) return false;
  if (m.dl_type !== undefined && m.dl_type !== f.dl_type) return false;
  if (m.vlan_tci !== undefined && m.vlan_tci !== f.vlan_tci) return false;
  if (m.nw_src !== undefined && (f.nw_src === undefined || !inSubnet(f.nw_src, m.nw_src, m.nw_src_len ?? 32))) return false;
  if (m.nw_dst !== undefined && (f.nw_dst === undefined || !inSubnet(f.nw_dst, m.nw_dst, m.nw_dst_len ?? 32))) return false;
  if (m.nw_proto !== undefined && m.nw_proto !== f.nw_proto) return false;
  if (m.nw_tos !== undefined && m.nw_tos !== f.nw_tos) return false;
  if (m.tp_src !== undefined && m.tp_src !== f.tp_src) return false;
  if (m.tp_dst !== undefined && m.tp_dst !== f.tp_dst) return false;
  return true;
}

function sameMatch(a: FlowMatch, b: FlowMatch): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof FlowMatch>;
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}

export class FlowTable {
  private flows: FlowEntry[] = [];

  list(): readonly FlowEntry[] {
    return this.flows;
  }

  get size(): number {
    return this.flows.length;
  }

  /** Add or replace (same match and priority: counters reset, as OFPFC_ADD does). */
  add(e: FlowEntry): void {
    const i = this.flows.findIndex((x) => x.table === e.table && x.priority === e.priority && sameMatch(x.match, e.match));
    if (i >= 0) this.flows[i] = e;
    else this.flows.push(e);
  }

  /** Remove flows; `strict` needs the same match and priority, otherwise the match is a filter. */
  remove(pred: (e: FlowEntry) => boolean): FlowEntry[] {
    const gone = this.flows.filter(pred);
    if (gone.length) this.flows = this.flows.filter((e) => !pred(e));
    return gone;
  }

  clear(): void {
    this.flows = [];
  }

  /** The highest-priority match in table 0 (ties: the flow added first). */
  lookup(f: FlowFields): FlowEntry | undefined {
    let best: FlowEntry | undefined;
    for (const e of this.flows) {
      if (e.table !== 0 || !matches(e.match, f)) continue;
      if (!best || e.priority > best.priority) best = e;
    }
    return best;
  }

  /** Count a packet against a flow. */
  static hit(e: FlowEntry, frame: EthernetFrame, now: number): void {
    e.nPackets++;
    e.nBytes += frameSize(frame);
    e.lastUsed = now;
  }
}

/** Key of a microflow in the kernel datapath cache. */
export function microflowKey(f: FlowFields): string {
  return `${f.in_port}|${f.dl_src}|${f.dl_dst}|${f.dl_type}|${f.nw_src}|${f.nw_dst}|${f.nw_proto}|${f.nw_tos}|${f.tp_src}|${f.tp_dst}`;
}
