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
  | { type: 'local' }
  /** OpenFlow 1.3's Clear-Actions instruction (ONOS's packet-in requests carry it); empties the action set. */
  | { type: 'clear_actions' };

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

const MATCH_FIELDS: ReadonlyArray<keyof FlowMatch> = [
  'in_port', 'dl_src', 'dl_dst', 'dl_type', 'vlan_tci', 'nw_src', 'nw_src_len', 'nw_dst', 'nw_dst_len', 'nw_proto', 'nw_tos', 'tp_src', 'tp_dst',
];

/** A flow's identity in its table: table, priority and the exact match (OpenFlow's "same flow"). */
function flowKey(table: number, priority: number, m: FlowMatch): string {
  let k = `${table}/${priority}`;
  for (const f of MATCH_FIELDS) k += '|' + (m[f] ?? '');
  return k;
}

/** The fields an exact OpenFlow 1.0 match fixes, as one string (undefined fields are empty). */
export function exactKeyOf(m: FlowMatch | FlowFields): string {
  return `${m.in_port}|${headerKey(m)}`;
}

function headerKey(m: FlowMatch | FlowFields): string {
  return `${m.dl_src}|${m.dl_dst}|${m.dl_type}|${m.vlan_tci}|${m.nw_src ?? ''}|${m.nw_dst ?? ''}|${m.nw_proto ?? ''}|${m.nw_tos ?? ''}|${m.tp_src ?? ''}|${m.tp_dst ?? ''}`;
}

/**
 * exactKeyOf(extractFields(frame, inPort)) without building the fields: a frame crosses many
 * switches unchanged, so its header part is computed once and remembered.
 */
const headerKeys = new WeakMap<EthernetFrame, string>();
export function packetKey(frame: EthernetFrame, inPort: number): string {
  let h = headerKeys.get(frame);
  if (h === undefined) {
    h = headerKey(extractFields(frame, 0));
    headerKeys.set(frame, h);
  }
  return `${inPort}|${h}`;
}

/** Does this match fix every field a packet of its type has (so one hash lookup finds it)? */
export function isExact(m: FlowMatch): boolean {
  if (m.in_port === undefined || m.dl_src === undefined || m.dl_dst === undefined || m.dl_type === undefined || m.vlan_tci === undefined) return false;
  if ((m.nw_src_len ?? 32) < 32 || (m.nw_dst_len ?? 32) < 32) return false;
  const nw = [m.nw_src, m.nw_dst, m.nw_proto];
  const l4 = [m.nw_tos, m.tp_src, m.tp_dst];
  if (m.dl_type === 0x0800) return [...nw, ...l4].every((x) => x !== undefined);
  if (m.dl_type === 0x0806) return nw.every((x) => x !== undefined) && l4.every((x) => x === undefined);
  return [...nw, ...l4].every((x) => x === undefined);
}

function isExactIn0(e: FlowEntry): boolean {
  return e.table === 0 && isExact(e.match);
}

export class FlowTable {
  /** Every flow, in the order it was added (the order dump-flows prints). */
  private flows: FlowEntry[] = [];
  /** Exact-match table-0 flows by exactKeyOf (one per priority); everything else in `wild`, by priority. */
  private exact = new Map<string, FlowEntry[]>();
  private wild: FlowEntry[] = [];

  list(): readonly FlowEntry[] {
    return this.flows;
  }

  has(e: FlowEntry): boolean {
    if (e.table === 0 && isExact(e.match)) return this.exact.get(exactKeyOf(e.match))?.includes(e) ?? false;
    return this.wild.includes(e) || this.flows.includes(e);
  }

  get size(): number {
    return this.flows.length;
  }

  /** The flow with the same table, priority and match as e (OpenFlow's identity), if any. */
  private same(e: FlowEntry): FlowEntry | undefined {
    if (e.table === 0 && isExact(e.match)) return this.exact.get(exactKeyOf(e.match))?.find((x) => x.priority === e.priority);
    const key = flowKey(e.table, e.priority, e.match);
    return this.flows.find((x) => x.table === e.table && x.priority === e.priority && !isExactIn0(x) && flowKey(x.table, x.priority, x.match) === key);
  }

  /** Add or replace (same match and priority: the new entry, with fresh counters, as OFPFC_ADD does). */
  add(e: FlowEntry): void {
    const old = this.same(e);
    if (old) {
      this.flows[this.flows.indexOf(old)] = e;
      this.unindexLookup(old);
    } else {
      this.flows.push(e);
    }
    this.indexLookup(e);
  }

  private indexLookup(e: FlowEntry): void {
    if (e.table !== 0) return;
    if (isExact(e.match)) {
      const k = exactKeyOf(e.match);
      const list = this.exact.get(k);
      if (list) list.push(e);
      else this.exact.set(k, [e]);
      return;
    }
    // Keep wildcard flows by descending priority, earlier-added first among equals.
    let at = this.wild.length;
    while (at > 0 && this.wild[at - 1]!.priority < e.priority) at--;
    this.wild.splice(at, 0, e);
  }

  private unindexLookup(e: FlowEntry): void {
    if (e.table !== 0) return;
    if (isExact(e.match)) {
      const k = exactKeyOf(e.match);
      const list = this.exact.get(k)?.filter((x) => x !== e);
      if (list && list.length) this.exact.set(k, list);
      else this.exact.delete(k);
      return;
    }
    this.wild = this.wild.filter((x) => x !== e);
  }

  /** Remove the flows the predicate selects; returns them. */
  remove(pred: (e: FlowEntry) => boolean): FlowEntry[] {
    const gone = this.flows.filter(pred);
    if (gone.length) {
      const dead = new Set(gone);
      this.flows = this.flows.filter((e) => !dead.has(e));
      for (const e of gone) this.unindexLookup(e);
    }
    return gone;
  }

  clear(): void {
    this.flows = [];
    this.exact.clear();
    this.wild = [];
  }

  /** The highest-priority match in table 0 (ties: the flow added first). */
  lookup(f: FlowFields | (() => FlowFields), key?: string): FlowEntry | undefined {
    let best: FlowEntry | undefined;
    const fields = (): FlowFields => (typeof f === 'function' ? (f = f()) : f);
    const exact = this.exact.get(key ?? exactKeyOf(fields()));
    if (exact) for (const e of exact) if (!best || e.priority > best.priority) best = e;
    if (this.wild.length === 0) return best;
    const pf = fields();
    for (const e of this.wild) {
      if (best && e.priority <= best.priority) break;
      if (matches(e.match, pf)) return e;
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
