/**
 * Open vSwitch's flow syntax, as `ovs-ofctl add-flow / del-flows / dump-flows` read it
 * (ovs-ofctl(8) "Flow Syntax", ovs-fields(7)). Source of truth for the behaviour and the error
 * texts: OVS lib/ofp-flow.c parse_ofp_str__(), lib/ofp-parse.c ofputil_parse_key_value() and
 * str_to_u16(), lib/meta-flow.c mf_parse(), lib/packets.c ip_parse_masked(),
 * lib/ofp-actions.c ofpacts_parse(), lib/ofp-port.c ofputil_port_from_string(), and
 * lib/ofp-match.c ofputil_normalize_match() (fields whose protocol is not given are dropped,
 * with ovs-ofctl logging "normalization changed ofp_match").
 * Only what the emulator's FlowMatch and FlowAction can hold is accepted; other real fields and
 * actions are reported as not supported in this sandbox.
 */
import type { FlowAction, FlowMatch } from '../../net/flow-table';
import { parseIpv4, prefixOfMask } from '../../wire/addr';
import { ETH_TYPE, IP_PROTO, OFP_DEFAULT_PRIORITY, OFPP, formatMatch } from './ofctl-format';

/** What the text is for: a flow_mod command, or a flow-stats request (dump-flows filter). */
export type FlowCommand = 'add' | 'modify' | 'modify_strict' | 'delete' | 'delete_strict' | 'filter';

export interface ParsedFlow {
  match: FlowMatch;
  priority: number;
  idleTimeout: number;
  hardTimeout: number;
  /** The cookie an add sets. */
  newCookie: bigint;
  /** cookie=VALUE/MASK, for deletes and dumps. */
  cookie: bigint;
  cookieMask: bigint;
  /** Undefined: every table (0xff). */
  table: number | undefined;
  /** out_port=: only flows that output there (deletes and dumps). */
  outPort: number | undefined;
  actions: FlowAction[];
  sendFlowRem: boolean;
  /** Set when fields were dropped for lack of their protocol (the INFO log's pre/post). */
  normalized: { pre: string; post: string } | undefined;
}

export type ParseResult = { ok: true; flow: ParsedFlow } | { ok: false; error: string };

/** Port name → number on the switch (its ports and LOCAL's name), for names in flows. */
export type PortLookup = (name: string) => number | undefined;

const PROTOCOLS: Record<string, { dlType: number; nwProto?: number }> = {
  ip: { dlType: ETH_TYPE.IP },
  icmp: { dlType: ETH_TYPE.IP, nwProto: IP_PROTO.ICMP },
  igmp: { dlType: ETH_TYPE.IP, nwProto: IP_PROTO.IGMP },
  tcp: { dlType: ETH_TYPE.IP, nwProto: IP_PROTO.TCP },
  udp: { dlType: ETH_TYPE.IP, nwProto: IP_PROTO.UDP },
  sctp: { dlType: ETH_TYPE.IP, nwProto: IP_PROTO.SCTP },
  arp: { dlType: ETH_TYPE.ARP },
  rarp: { dlType: ETH_TYPE.RARP },
  mpls: { dlType: ETH_TYPE.MPLS },
  mplsm: { dlType: ETH_TYPE.MPLS_MCAST },
};

/** Real protocol keywords this sandbox has no packets for. */
const UNSUPPORTED_PROTOCOLS = new Set(['ipv6', 'icmp6', 'tcp6', 'udp6', 'sctp6', 'nsh']);

type FieldKind = 'port' | 'mac' | 'ipv4' | 'int';

interface FieldSpec {
  /** The canonical (mf_field) name, used in error messages. */
  readonly name: string;
  readonly kind: FieldKind;
  /** Width in bytes, for integers. */
  readonly bytes?: number;
  readonly set: (m: FlowMatch, v: number | string, prefixLen?: number) => void;
  readonly clear: (m: FlowMatch) => void;
}

function intField(name: string, bytes: number, key: 'dl_type' | 'vlan_tci' | 'nw_proto' | 'nw_tos' | 'tp_src' | 'tp_dst', scale = 1): FieldSpec {
  return {
    name, kind: 'int', bytes,
    set: (m, v) => void (m[key] = Number(v) * scale),
    clear: (m) => void delete m[key],
  };
}

function ipField(name: string, key: 'nw_src' | 'nw_dst'): FieldSpec {
  const lenKey = key === 'nw_src' ? 'nw_src_len' : 'nw_dst_len';
  return {
    name, kind: 'ipv4',
    set: (m, v, len) => {
      m[key] = Number(v);
      if (len !== undefined && len < 32) m[lenKey] = len;
      else delete m[lenKey];
    },
    clear: (m) => {
      delete m[key];
      delete m[lenKey];
    },
  };
}

function macField(name: string, key: 'dl_src' | 'dl_dst'): FieldSpec {
  return { name, kind: 'mac', set: (m, v) => void (m[key] = String(v)), clear: (m) => void delete m[key] };
}

const IN_PORT: FieldSpec = { name: 'in_port', kind: 'port', set: (m, v) => void (m.in_port = Number(v)), clear: (m) => void delete m.in_port };

/** mf_from_name(): every name and alias this sandbox can match on. */
const FIELDS: Record<string, FieldSpec> = {
  in_port: IN_PORT,
  eth_src: macField('eth_src', 'dl_src'),
  dl_src: macField('eth_src', 'dl_src'),
  eth_dst: macField('eth_dst', 'dl_dst'),
  dl_dst: macField('eth_dst', 'dl_dst'),
  eth_type: intField('eth_type', 2, 'dl_type'),
  dl_type: intField('eth_type', 2, 'dl_type'),
  vlan_tci: intField('vlan_tci', 2, 'vlan_tci'),
  ip_src: ipField('ip_src', 'nw_src'),
  nw_src: ipField('ip_src', 'nw_src'),
  ip_dst: ipField('ip_dst', 'nw_dst'),
  nw_dst: ipField('ip_dst', 'nw_dst'),
  arp_spa: ipField('arp_spa', 'nw_src'),
  arp_tpa: ipField('arp_tpa', 'nw_dst'),
  nw_proto: intField('nw_proto', 1, 'nw_proto'),
  ip_proto: intField('nw_proto', 1, 'nw_proto'),
  arp_op: intField('arp_op', 2, 'nw_proto'),
  nw_tos: intField('nw_tos', 1, 'nw_tos'),
  ip_dscp: intField('ip_dscp', 1, 'nw_tos', 4),
  tcp_src: intField('tcp_src', 2, 'tp_src'),
  tp_src: intField('tcp_src', 2, 'tp_src'),
  tcp_dst: intField('tcp_dst', 2, 'tp_dst'),
  tp_dst: intField('tcp_dst', 2, 'tp_dst'),
  udp_src: intField('udp_src', 2, 'tp_src'),
  udp_dst: intField('udp_dst', 2, 'tp_dst'),
  sctp_src: intField('sctp_src', 2, 'tp_src'),
  sctp_dst: intField('sctp_dst', 2, 'tp_dst'),
  icmp_type: intField('icmp_type', 1, 'tp_src'),
  icmpv4_type: intField('icmp_type', 1, 'tp_src'),
  icmp_code: intField('icmp_code', 1, 'tp_dst'),
  icmpv4_code: intField('icmp_code', 1, 'tp_dst'),
};

/** Real OVS match fields the emulator's flow table cannot hold. */
const UNSUPPORTED_FIELDS = new Set([
  'dl_vlan', 'vlan_vid', 'dl_vlan_pcp', 'vlan_pcp', 'nw_ttl', 'ip_ttl', 'nw_ecn', 'ip_ecn', 'nw_frag', 'ip_frag',
  'arp_sha', 'arp_tha', 'tcp_flags', 'metadata', 'pkt_mark', 'skb_priority', 'actset_output', 'packet_type',
  'ipv6_src', 'ipv6_dst', 'ipv6_label', 'nd_target', 'nd_sll', 'nd_tll', 'icmpv6_type', 'icmpv6_code',
  'mpls_label', 'mpls_tc', 'mpls_bos', 'mpls_ttl', 'tun_id', 'tunnel_id', 'tun_src', 'tun_dst', 'tun_flags',
  'ct_state', 'ct_zone', 'ct_mark', 'ct_label', 'conj_id', 'recirc_id', 'dp_hash', 'in_port_oxm',
  ...Array.from({ length: 16 }, (_, i) => `reg${i}`),
  ...Array.from({ length: 8 }, (_, i) => `xreg${i}`),
]);

/** Real OVS actions the emulator cannot perform. */
const UNSUPPORTED_ACTIONS = new Set([
  'enqueue', 'set_queue', 'pop_queue', 'mod_vlan_vid', 'mod_vlan_pcp', 'strip_vlan', 'push_vlan', 'pop_vlan',
  'mod_dl_src', 'mod_dl_dst', 'mod_nw_src', 'mod_nw_dst', 'mod_nw_tos', 'mod_nw_ecn', 'mod_tp_src', 'mod_tp_dst',
  'set_field', 'load', 'move', 'push', 'pop', 'resubmit', 'set_tunnel', 'set_tunnel64', 'dec_ttl', 'set_nw_ttl',
  'dec_mpls_ttl', 'set_mpls_ttl', 'set_mpls_label', 'set_mpls_tc', 'push_mpls', 'pop_mpls', 'note', 'learn',
  'multipath', 'bundle', 'bundle_load', 'autopath', 'exit', 'fin_timeout', 'sample', 'ct', 'ct_clear', 'nat',
  'group', 'meter', 'goto_table', 'write_metadata', 'write_actions', 'clear_actions', 'conjunction', 'clone',
  'check_pkt_larger', 'encap', 'decap', 'dec_nsh_ttl', 'delete_field', 'debug_recirc', 'debug_slow',
]);

const NAMED_PORTS: Record<string, number> = {
  in_port: OFPP.IN_PORT, table: OFPP.TABLE, normal: OFPP.NORMAL, flood: OFPP.FLOOD, all: OFPP.ALL,
  controller: OFPP.CONTROLLER, local: OFPP.LOCAL, any: OFPP.NONE, none: OFPP.NONE,
};

/**
 * ofputil_port_from_string(): a number below 0xff00, a reserved name (any case), or one of
 * the switch's port names, bare or as a quoted string.
 */
export function portFromString(s: string, lookup?: PortLookup): number | undefined {
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    return n < OFPP.MAX ? n : undefined;
  }
  const named = NAMED_PORTS[s.toLowerCase()];
  if (named !== undefined) return named;
  let name = s;
  if (s.startsWith('"')) {
    if (s.length < 2 || !s.endsWith('"')) return undefined;
    try {
      const v: unknown = JSON.parse(s);
      if (typeof v !== 'string') return undefined;
      name = v;
    } catch {
      return undefined;
    }
  }
  return lookup?.(name);
}

/**
 * ofputil_parse_key_value(): pairs separated by commas or white space; `key=value`,
 * `key:value` or `key(value)`; a bare key has an empty value. Quotes and parentheses in a
 * value are kept whole.
 */
export function splitKeyValues(s: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const isDelim = (c: string | undefined) => c === ',' || c === ' ' || c === '\t' || c === '\r' || c === '\n';
  let i = 0;
  while (i < s.length) {
    while (i < s.length && isDelim(s[i])) i++;
    if (i >= s.length) break;
    let j = i;
    while (j < s.length && !':=(, \t\r\n'.includes(s[j]!)) j++;
    const key = s.slice(i, j);
    const kd = s[j];
    i = j + (kd !== undefined ? 1 : 0);
    if (kd !== ':' && kd !== '=' && kd !== '(') {
      out.push([key, '']);
      continue;
    }
    const stop = kd === '(' ? ')' : ', \t\r\n';
    let depth = 0;
    let k = i;
    while (k < s.length) {
      const c = s[k]!;
      if (c === '"') {
        k++;
        while (k < s.length && s[k] !== '"') k += s[k] === '\\' ? 2 : 1;
        k++;
        continue;
      }
      if (depth === 0 && stop.includes(c)) break;
      if (c === '(') depth++;
      else if (c === ')') depth--;
      k++;
    }
    out.push([key, s.slice(i, Math.min(k, s.length))]);
    i = k + (k < s.length ? 1 : 0);
  }
  return out;
}

/** parse_int_string(): decimal, or hex with 0x; undefined on bad syntax, 'range' if too wide. */
function parseIntValue(s: string, bytes: number): number | 'syntax' | 'range' {
  let v: bigint;
  if (/^0[xX][0-9a-fA-F]+$/.test(s)) v = BigInt(s);
  else if (/^\d+$/.test(s)) v = BigInt(s);
  else return 'syntax';
  return v >= 1n << BigInt(bytes * 8) ? 'range' : Number(v);
}

/** mf_parse() for one field: a value, `*` (wildcard), or an error text. */
function parseFieldValue(spec: FieldSpec, value: string, lookup: PortLookup | undefined, m: FlowMatch): string | undefined {
  // A field with no value matches on the field's existence only: a no-op mask.
  if (value === '' || value === '*' || value === '0/0') {
    spec.clear(m);
    return undefined;
  }
  switch (spec.kind) {
    case 'port': {
      const p = portFromString(value, lookup);
      if (p === undefined) return `${value}: invalid or unknown port for ${spec.name}`;
      spec.set(m, p);
      return undefined;
    }
    case 'mac': {
      const [v, mask] = value.split('/');
      const ok = (x: string | undefined) => x !== undefined && /^[0-9a-fA-F]{1,2}(:[0-9a-fA-F]{1,2}){5}$/.test(x);
      if (!ok(v) || (mask !== undefined && !ok(mask)) || value.split('/').length > 2) return `${value}: invalid Ethernet address`;
      const norm = (x: string) => x.split(':').map((b) => b.toLowerCase().padStart(2, '0')).join(':');
      if (mask !== undefined && norm(mask) !== 'ff:ff:ff:ff:ff:ff') {
        if (norm(mask) === '00:00:00:00:00:00') return void spec.clear(m);
        return `${value}: masked Ethernet addresses are not supported in this sandbox`;
      }
      spec.set(m, norm(v!));
      return undefined;
    }
    case 'ipv4': {
      const slash = value.indexOf('/');
      const ip = parseIpv4(slash < 0 ? value : value.slice(0, slash));
      if (ip === undefined) return `${value}: invalid IP address`;
      if (slash < 0) {
        spec.set(m, ip, 32);
        return undefined;
      }
      const rest = value.slice(slash + 1);
      let len: number | undefined;
      if (/^-?\d+$/.test(rest)) {
        len = Number(rest);
        if (len < 0 || len > 32) return `${value}: IPv4 network prefix bits not between 0 and 32, inclusive`;
      } else {
        const mask = parseIpv4(rest);
        if (mask === undefined) return `${value}: invalid IP address`;
        len = prefixOfMask(mask);
        if (len === undefined) return `${value}: non-CIDR netmasks are not supported in this sandbox`;
      }
      if (len === 0) spec.clear(m);
      else spec.set(m, len === 32 ? ip : (ip & (len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0)) >>> 0, len);
      return undefined;
    }
    case 'int': {
      const [v, mask] = value.split('/');
      const n = parseIntValue(v!, spec.bytes!);
      if (n === 'syntax') return `${value}: bad syntax for ${spec.name} value`;
      if (n === 'range') return `${value}: value too large for ${spec.bytes}-byte field ${spec.name}`;
      if (mask !== undefined) {
        const mk = parseIntValue(mask, spec.bytes!);
        if (mk === 'syntax') return `${value}: bad syntax for ${spec.name} mask`;
        if (mk === 'range') return `${value}: mask too large for ${spec.bytes}-byte field ${spec.name}`;
        if (mk === 0) return void spec.clear(m);
        if (mk !== 2 ** (spec.bytes! * 8) - 1) return `${value}: masked matches on ${spec.name} are not supported in this sandbox`;
      }
      spec.set(m, n);
      return undefined;
    }
  }
}

/** str_to_u16() with strtol's base 0 (decimal, 0x hex, 0 octal). */
function toU16(value: string, name: string): number | string {
  const t = value.trim();
  let n: number;
  if (/^[+-]?0[xX][0-9a-fA-F]+$/.test(t)) n = Number.parseInt(t, 16);
  else if (/^[+-]?0[0-7]*$/.test(t)) n = Number.parseInt(t, 8);
  else if (/^[+-]?\d+$/.test(t)) n = Number(t);
  else n = NaN;
  if (!Number.isInteger(n) || n < 0 || n > 65535) return `invalid ${name} "${value}"`;
  return n;
}

/** str_to_u64() with strtoull's base 0. */
function toU64(value: string): bigint | string {
  if (value === '') return 'missing required numeric argument';
  if (/^0[xX][0-9a-fA-F]+$/.test(value) || /^\d+$/.test(value)) {
    const v = BigInt(value);
    if (v < 1n << 64n) return v;
  }
  return `invalid numeric format ${value}`;
}

/**
 * ofputil_normalize_match(): fields that need a protocol the match does not name are
 * dropped (L3 fields without ip/arp, L4 fields without tcp/udp/sctp/icmp).
 */
export function normalizeMatch(m: FlowMatch): FlowMatch {
  const out: FlowMatch = { ...m };
  const ip = m.dl_type === ETH_TYPE.IP;
  const arp = m.dl_type === ETH_TYPE.ARP || m.dl_type === ETH_TYPE.RARP;
  const tp = ip && (m.nw_proto === IP_PROTO.TCP || m.nw_proto === IP_PROTO.UDP || m.nw_proto === IP_PROTO.SCTP || m.nw_proto === IP_PROTO.ICMP);
  if (!ip && !arp) {
    delete out.nw_src;
    delete out.nw_src_len;
    delete out.nw_dst;
    delete out.nw_dst_len;
    delete out.nw_proto;
  }
  if (!ip) delete out.nw_tos;
  if (!tp) {
    delete out.tp_src;
    delete out.tp_dst;
  }
  return out;
}

/** ofpacts_parse(): the text after `actions=`. */
export function parseActions(text: string, lookup?: PortLookup): { ok: true; actions: FlowAction[] } | { ok: false; error: string } {
  const actions: FlowAction[] = [];
  let drop = false;
  const port = (p: number): FlowAction | string => {
    switch (p) {
      case OFPP.IN_PORT: return { type: 'in_port' };
      case OFPP.NORMAL: return { type: 'normal' };
      case OFPP.FLOOD: return { type: 'flood' };
      case OFPP.ALL: return { type: 'all' };
      case OFPP.CONTROLLER: return { type: 'controller', maxLen: 65535 };
      case OFPP.LOCAL: return { type: 'local' };
      case OFPP.TABLE: return 'output to TABLE is not supported in this sandbox';
      case OFPP.NONE: return 'actions are invalid with specified match (OFPBAC_BAD_OUT_PORT)';
      default: return { type: 'output', port: p };
    }
  };
  for (const [rawKey, value] of splitKeyValues(text)) {
    const key = rawKey.toLowerCase();
    let a: FlowAction | string;
    if (key === 'drop') {
      drop = true;
      continue;
    } else if (key === 'output') {
      if (value.includes('(') || value.includes('[')) return { ok: false, error: `output:${value}: not supported in this sandbox` };
      const p = portFromString(value, lookup);
      if (p === undefined) return { ok: false, error: `${value}: output to unknown port` };
      a = port(p);
    } else if (key === 'controller') {
      let maxLen = 65535;
      if (/^\d+$/.test(value)) maxLen = Number(value);
      else if (/^max_len=\d+$/.test(value)) maxLen = Number(value.slice(8));
      else if (value !== '') return { ok: false, error: `controller(${value}): not supported in this sandbox` };
      if (maxLen > 65535) return { ok: false, error: `invalid max_len "${value}"` };
      a = { type: 'controller', maxLen };
    } else if (key === 'apply_actions') {
      return { ok: false, error: 'apply_actions is the default instruction' };
    } else if (UNSUPPORTED_ACTIONS.has(key)) {
      return { ok: false, error: `${rawKey}: action not supported in this sandbox` };
    } else {
      const p = value === '' ? portFromString(rawKey, lookup) : undefined;
      if (p === undefined) return { ok: false, error: `unknown action ${rawKey}` };
      a = port(p);
    }
    if (typeof a === 'string') return { ok: false, error: a };
    actions.push(a);
  }
  if (drop && actions.length) return { ok: false, error: '"drop" must not be accompanied by any other action or instruction' };
  return { ok: true, actions };
}

/** parse_ofp_str(): one flow in ovs-ofctl's syntax, for the given command. */
export function parseFlow(text: string, command: FlowCommand, lookup?: PortLookup): ParseResult {
  const isAdd = command === 'add';
  const wantsActions = isAdd || command === 'modify' || command === 'modify_strict';
  const allowsPriority = wantsActions || command === 'delete_strict';
  const allowsOutPort = command === 'filter' || command === 'delete' || command === 'delete_strict';
  const fail = (error: string): ParseResult => ({ ok: false, error });

  let matchText = text;
  let actText: string | undefined;
  if (wantsActions) {
    const at = text.indexOf('action');
    const eq = at < 0 ? -1 : text.indexOf('=', at + 1);
    if (eq < 0) return fail('must specify an action');
    matchText = text.slice(0, at);
    actText = text.slice(eq + 1);
  }

  const flow: ParsedFlow = {
    match: {}, priority: OFP_DEFAULT_PRIORITY, idleTimeout: 0, hardTimeout: 0, newCookie: 0n, cookie: 0n, cookieMask: 0n,
    table: undefined, outPort: undefined, actions: [], sendFlowRem: false, normalized: undefined,
  };
  const m = flow.match;
  for (const [name, value] of splitKeyValues(matchText)) {
    const proto = PROTOCOLS[name];
    if (proto) {
      m.dl_type = proto.dlType;
      if (proto.nwProto !== undefined) m.nw_proto = proto.nwProto;
      continue;
    }
    if (UNSUPPORTED_PROTOCOLS.has(name)) return fail(`${name}: not supported in this sandbox`);
    if (name === 'eth' || name === 'no_readonly_table' || name === 'allow_hidden_fields') continue;
    if (wantsActions && name === 'send_flow_rem') {
      flow.sendFlowRem = true;
      continue;
    }
    if (wantsActions && (name === 'check_overlap' || name === 'reset_counts' || name === 'no_packet_counts' || name === 'no_byte_counts')) continue;
    const spec = FIELDS[name];
    if (spec) {
      const err = parseFieldValue(spec, value, lookup, m);
      if (err) return fail(err);
      continue;
    }
    if (UNSUPPORTED_FIELDS.has(name) || name.includes('[')) return fail(`${name}: not supported in this sandbox`);
    if (value === '') return fail(`field ${name} missing value`);
    if (name === 'table') {
      if (value.toLowerCase() === 'all' || value === '255') flow.table = undefined;
      else if (/^\d+$/.test(value) && Number(value) < 255) flow.table = Number(value);
      else return fail(`unknown table "${value}"`);
    } else if (allowsOutPort && name === 'out_port') {
      const p = portFromString(value, lookup);
      if (p === undefined) return fail(`${value} is not a valid OpenFlow port`);
      flow.outPort = p;
    } else if (allowsOutPort && name === 'out_group') {
      return fail('out_group: not supported in this sandbox');
    } else if (allowsPriority && name === 'priority') {
      const v = toU16(value, name);
      if (typeof v === 'string') return fail(v);
      flow.priority = v;
    } else if (wantsActions && (name === 'idle_timeout' || name === 'hard_timeout')) {
      const v = toU16(value, name);
      if (typeof v === 'string') return fail(v);
      if (name === 'idle_timeout') flow.idleTimeout = v;
      else flow.hardTimeout = v;
    } else if (isAdd && name === 'importance') {
      const v = toU16(value, name);
      if (typeof v === 'string') return fail(v);
    } else if (name === 'cookie') {
      const slash = value.indexOf('/');
      if (slash >= 0) {
        if (isAdd) return fail('flow additions cannot use a cookie mask');
        const c = toU64(value.slice(0, slash));
        if (typeof c === 'string') return fail(c);
        const mk = toU64(value.slice(slash + 1));
        if (typeof mk === 'string') return fail(mk);
        flow.cookie = c;
        flow.cookieMask = mk;
      } else {
        if (!wantsActions) return fail('cannot set cookie');
        const c = toU64(value);
        if (typeof c === 'string') return fail(c);
        flow.newCookie = c;
      }
    } else if (['duration', 'n_packets', 'n_bytes', 'idle_age', 'hard_age'].includes(name)) {
      // Ignored, so that dump-flows output can be fed back in.
    } else {
      return fail(`unknown keyword ${name}`);
    }
  }

  const normal = normalizeMatch(m);
  if (Object.keys(normal).length !== Object.keys(m).length) {
    flow.normalized = { pre: formatMatch(m), post: formatMatch(normal) };
    flow.match = normal;
  }

  if (actText !== undefined) {
    const acts = parseActions(actText, lookup);
    if (!acts.ok) return fail(acts.error);
    flow.actions = acts.actions;
  }
  return { ok: true, flow };
}

/**
 * Non-strict OpenFlow matching (flow_mod delete/modify, flow-stats requests): a flow is
 * selected when its match is at least as specific as `filter` on every field the filter sets.
 */
export function matchCovers(filter: FlowMatch, m: FlowMatch): boolean {
  const keys = ['in_port', 'dl_src', 'dl_dst', 'dl_type', 'vlan_tci', 'nw_proto', 'nw_tos', 'tp_src', 'tp_dst'] as const;
  for (const k of keys) if (filter[k] !== undefined && filter[k] !== m[k]) return false;
  for (const [a, l] of [['nw_src', 'nw_src_len'], ['nw_dst', 'nw_dst_len']] as const) {
    const fa = filter[a];
    if (fa === undefined) continue;
    const ma = m[a];
    const fl = filter[l] ?? 32;
    const ml = m[l] ?? 32;
    if (ma === undefined || ml < fl) return false;
    const mask = fl === 0 ? 0 : (0xffffffff << (32 - fl)) >>> 0;
    if (((ma & mask) >>> 0) !== ((fa & mask) >>> 0)) return false;
  }
  return true;
}

/** Strict matching: the very same match (and the caller compares priorities). */
export function sameMatch(a: FlowMatch, b: FlowMatch): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof FlowMatch>;
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}
