/**
 * ovs-ofctl (Open vSwitch 2.17.9, Ubuntu 22.04): talk OpenFlow to the lab machine's bridges.
 * Commands: show, dump-flows, dump-aggregate, add-flow, add-flows, mod-flows, del-flows,
 * dump-ports, dump-ports-desc; options -O/--protocols, --strict, --names/--no-names,
 * --stats/--no-stats, --sort/--rsort, -V.
 * Formats: reference/mininet.md §3.9 and OVS utilities/ovs-ofctl.c: on a terminal (or with
 * --names) dump-flows prints flows alone with ports by name; to a pipe it prints the raw
 * reply (`NXST_FLOW reply (xid=0x4):` for OpenFlow 1.0, `OFPST_FLOW reply (OF1.3) (xid=0x2):`)
 * with port numbers and, for 1.0, idle_age. Transaction ids follow ovs-ofctl's counter
 * (every connection's hello takes one). Errors are ovs_fatal()'s `ovs-ofctl: ...`, status 1.
 */
import type { CommandSpec } from '../../shell/registry';
import type { ExecContext } from '../../shell/context';
import type { Proc } from '../../shell/process';
import { sleep } from '../../shell/process';
import { getopt } from '../../shell/args';
import type { OvsSwitch } from '../../devices/ovs-switch';
import type { FlowAction, FlowEntry, FlowMatch } from '../../net/flow-table';
import type { Intf } from '../../net/interface';
import { labTime, pad2 } from '../../sim/calendar';
import { parseIpv4 } from '../../wire/addr';
import type { PortNames } from './ofctl-format';
import { OFPP, elapsedMs, formatDurationMs, formatFlowStats, formatPort } from './ofctl-format';
import type { FlowCommand, ParsedFlow, PortLookup } from './ofctl-parse';
import { matchCovers, parseFlow, portFromString, sameMatch } from './ofctl-parse';
import { OF_VERSIONS, OVS_RUNDIR, OVS_VERSION, bridgeVersions, findBridge } from './ovs-db';

const PROG = 'ovs-ofctl';

/** What ovs-ofctl enables when -O is not given: OpenFlow 1.0 only. */
const DEFAULT_CLIENT_VERSIONS = 1 << 1;

interface CmdDef {
  readonly min: number;
  readonly max: number;
  readonly run?: (o: Ofctl, args: string[]) => number;
}

/** One run of ovs-ofctl: its options, its log sequence, its transaction ids. */
class Ofctl {
  private logSeq = 0;
  versions = DEFAULT_CLIENT_VERSIONS;
  strict = false;
  names: boolean | undefined;
  showStats = true;
  sort: Array<{ field: string; desc: boolean }> = [];

  constructor(readonly ctx: ExecContext) {}

  fatal(msg: string): number {
    this.ctx.err(`${PROG}: ${msg}\n`);
    return 1;
  }

  /** A vlog line on the console: `2026-01-12T09:00:05Z|00001|vconn|WARN|...`. */
  log(module: string, level: string, msg: string): void {
    const t = labTime(this.ctx.sandbox.now);
    const stamp = `${t.year}-${pad2(t.month)}-${pad2(t.day)}T${pad2(t.hour)}:${pad2(t.minute)}:${pad2(t.second)}Z`;
    this.logSeq++;
    this.ctx.err(`${stamp}|${String(this.logSeq).padStart(5, '0')}|${module}|${level}|${msg}\n`);
  }

  /** Ports by name: on a terminal unless --no-names, or with --names. */
  get showNames(): boolean {
    return this.names ?? this.ctx.isTty;
  }

  /**
   * open_vconn(): find the bridge behind a name (bridge, its .mgmt socket, or tcp: to its
   * passive listener) and negotiate a version; prints the failure and returns a status.
   */
  connect(target: string): { sw: OvsSwitch; version: number } | number {
    const sb = this.ctx.sandbox;
    let sw: OvsSwitch | undefined;
    let vconnName = `unix:${OVS_RUNDIR}/${target}.mgmt`;
    if (target.includes(':')) {
      const m = /^(tcp|unix):(.*)$/.exec(target);
      if (!m) return this.fatal(`connecting to ${target} (Address family not supported by protocol)`);
      if (m[1] === 'unix') {
        const sock = new RegExp(`^${OVS_RUNDIR}/(.+)\\.mgmt$`).exec(m[2]!);
        sw = sock ? findBridge(sb, sock[1]!) : undefined;
        if (!sw) return this.fatal(`connecting to ${target} (No such file or directory)`);
      } else {
        const hp = /^(\d+\.\d+\.\d+\.\d+)(?::(\d+))?$/.exec(m[2]!);
        if (!hp) return this.fatal(`connecting to ${target} (Invalid argument)`);
        const port = Number(hp[2] ?? 6653);
        const ip = parseIpv4(hp[1]!);
        const local = ip !== undefined && (hp[1]!.startsWith('127.') || sb.lab.stack.isLocal(ip));
        const inRoot = this.ctx.node === sb.lab;
        sw = local && inRoot ? sb.mininet?.switches.find((s) => findBridge(sb, s.name) === s && s.opts.listenPort === port) : undefined;
        if (!sw) return this.fatal(`${target}: failed to connect to socket (Connection refused)`);
      }
      vconnName = target;
    } else {
      const sock = new RegExp(`^${OVS_RUNDIR}/(.+)\\.mgmt$`).exec(target);
      sw = findBridge(sb, sock ? sock[1]! : target);
      if (sw && sock) vconnName = `unix:${target}`;
      if (!sw) return this.fatal(`${target} is not a bridge or a socket`);
    }
    const peer = bridgeVersions(sw);
    const common = peer & this.versions;
    if (!common) {
      this.log('vconn', 'WARN', `${vconnName}: version negotiation failed (we support ${versionText(this.versions)}, peer supports ${versionText(peer)})`);
      return this.fatal(`${target}: failed to connect to socket (Broken pipe)`);
    }
    return { sw, version: 31 - Math.clz32(common) };
  }

  /** Parse a flow for `command`, logging OVS's normalization notice; undefined after an error. */
  flow(text: string, command: FlowCommand, lookup: PortLookup): ParsedFlow | undefined {
    const r = parseFlow(text, command, lookup);
    if (!r.ok) {
      this.fatal(r.error);
      return undefined;
    }
    if (r.flow.normalized) {
      this.log('ofp_match', 'INFO', 'normalization changed ofp_match, details:');
      this.log('ofp_match', 'INFO', ` pre: ${r.flow.normalized.pre}`);
      this.log('ofp_match', 'INFO', `post: ${r.flow.normalized.post}`);
    }
    return r.flow;
  }
}

/** vconn.c version_bitmap_to_string(): `version 0x01`, `version 0x06 and earlier`, `versions 0x01, 0x04`. */
function versionText(bits: number): string {
  const hex = (v: number) => '0x' + v.toString(16).padStart(2, '0');
  const list: number[] = [];
  for (let v = 0; v < 32; v++) if (bits & (1 << v)) list.push(v);
  const top = list[list.length - 1]!;
  if (list.length === 1) return `version ${hex(top)}`;
  if ((bits >>> 1) + 1 === 1 << top) return `version ${hex(top)} and earlier`;
  return `versions ${list.map(hex).join(', ')}`;
}

/** ` (OF1.3)` after a message name, nothing for OpenFlow 1.0. */
function tag(version: number): string {
  return version === 1 ? '' : ` (OF1.${version - 1})`;
}

function header(name: string, version: number, xid: number): string {
  return `${name}${tag(version)} (xid=0x${xid.toString(16)}):`;
}

/** The switch's port map (number → name), LOCAL included. */
function portNames(sw: OvsSwitch): Map<number, string> {
  const m = new Map<number, string>();
  for (const { no, intf } of sw.ports()) m.set(no, intf.name);
  if (sw.bridgeIntf) m.set(OFPP.LOCAL, sw.bridgeIntf.name);
  return m;
}

function portLookup(sw: OvsSwitch): PortLookup {
  const names = portNames(sw);
  return (name) => {
    let found: number | undefined;
    for (const [no, n] of names) {
      if (n !== name) continue;
      if (found !== undefined) return undefined;
      found = no;
    }
    return found;
  };
}

/** `dump-ports s1 s1-eth1`: a port named by number or reserved name, else by the switch's names. */
function portArg(o: Ofctl, sw: OvsSwitch, target: string, arg: string): { port: number; byName: boolean } | number {
  const plain = portFromString(arg);
  if (plain !== undefined) return { port: plain, byName: false };
  const named = portFromString(arg, portLookup(sw));
  if (named !== undefined) return { port: named, byName: true };
  return o.fatal(`${target}: unknown port \`${arg}'`);
}

interface PortView {
  readonly no: number;
  readonly intf: Intf;
  readonly local: boolean;
}

/** Data ports in number order, then LOCAL (ofp_print_phy_ports sorts them so). */
function portViews(sw: OvsSwitch): PortView[] {
  const out: PortView[] = sw.ports().map(({ no, intf }) => ({ no, intf, local: false }));
  if (sw.bridgeIntf) out.push({ no: OFPP.LOCAL, intf: sw.bridgeIntf, local: true });
  return out;
}

/** ofp_print_phy_port(): veth ports report 10 Gbit/s copper; the internal LOCAL port nothing. */
function formatPhyPort(p: PortView, version: number): string {
  const intf = p.intf;
  const config = intf.adminUp ? '0' : 'PORT_DOWN';
  const state = !intf.carrier ? 'LINK_DOWN' : version >= 2 ? 'LIVE' : '0';
  let s = ` ${formatPort(p.no)}(${intf.name}): addr:${intf.mac}\n`;
  s += `     config:     ${config}\n`;
  s += `     state:      ${state}\n`;
  if (!p.local) s += '     current:    10GB-FD COPPER\n';
  s += `     speed: ${p.local ? 0 : 10000} Mbps now, 0 Mbps max\n`;
  return s;
}

function showCmd(o: Ofctl, args: string[]): number {
  const c = o.connect(args[0]!);
  if (typeof c === 'number') return c;
  const { sw, version } = c;
  const ports = portViews(sw);
  let s = `${header('OFPT_FEATURES_REPLY', version, 2)} dpid:${sw.dpid}\n`;
  s += 'n_tables:254, n_buffers:0\n';
  if (version === 1) {
    s += 'capabilities: FLOW_STATS TABLE_STATS PORT_STATS QUEUE_STATS ARP_MATCH_IP\n';
    s += 'actions: output enqueue set_vlan_vid set_vlan_pcp strip_vlan mod_dl_src mod_dl_dst mod_nw_src mod_nw_dst mod_nw_tos mod_tp_src mod_tp_dst\n';
  } else {
    s += 'capabilities: FLOW_STATS TABLE_STATS PORT_STATS GROUP_STATS QUEUE_STATS\n';
  }
  let configXid = 4;
  if (version >= 4) {
    // OpenFlow 1.3 moved the ports to OFPST_PORT_DESC; printing it by name first fetches the
    // port map over a second connection.
    s += header('OFPST_PORT_DESC reply', version, 3) + '\n';
    configXid = o.showNames ? 7 : 5;
  }
  for (const p of ports) s += formatPhyPort(p, version);
  s += `${header('OFPT_GET_CONFIG_REPLY', version, configXid)} frags=normal miss_send_len=0\n`;
  o.ctx.out(s);
  return 0;
}

/** Does the flow send packets to `port` (ofproto_rule_has_out_port)? */
function outputsTo(actions: readonly FlowAction[], port: number): boolean {
  const num: Record<FlowAction['type'], number> = {
    output: -1, flood: OFPP.FLOOD, all: OFPP.ALL, normal: OFPP.NORMAL, controller: OFPP.CONTROLLER, in_port: OFPP.IN_PORT, local: OFPP.LOCAL,
    clear_actions: -1,
  };
  return actions.some((a) => (a.type === 'output' ? a.port : num[a.type]) === port);
}

/** Flows a non-strict request selects (table, cookie/mask, out_port, match). */
function selected(sw: OvsSwitch, f: ParsedFlow | undefined, strict: boolean): FlowEntry[] {
  return sw.flows.list().filter((e) => {
    if (!f) return true;
    if (f.table !== undefined && e.table !== f.table) return false;
    if (f.cookieMask && (e.cookie & f.cookieMask) !== (f.cookie & f.cookieMask)) return false;
    if (f.outPort !== undefined && f.outPort !== OFPP.NONE && !outputsTo(e.actions, f.outPort)) return false;
    if (strict) return e.priority === f.priority && sameMatch(f.match, e.match);
    return matchCovers(f.match, e.match);
  });
}

/** Fields --sort/--rsort accept (mf_from_name), by every name ovs-ofctl knows them by. */
const SORT_FIELDS: Record<string, (m: FlowMatch) => number | string | undefined> = {};
for (const [names, get] of [
  ['in_port', (m: FlowMatch) => m.in_port], ['dl_src eth_src', (m: FlowMatch) => m.dl_src], ['dl_dst eth_dst', (m: FlowMatch) => m.dl_dst],
  ['dl_type eth_type', (m: FlowMatch) => m.dl_type], ['vlan_tci', (m: FlowMatch) => m.vlan_tci],
  ['nw_src ip_src arp_spa', (m: FlowMatch) => m.nw_src], ['nw_dst ip_dst arp_tpa', (m: FlowMatch) => m.nw_dst],
  ['nw_proto ip_proto arp_op', (m: FlowMatch) => m.nw_proto], ['nw_tos', (m: FlowMatch) => m.nw_tos],
  ['tp_src tcp_src udp_src sctp_src icmp_type icmpv4_type', (m: FlowMatch) => m.tp_src],
  ['tp_dst tcp_dst udp_dst sctp_dst icmp_code icmpv4_code', (m: FlowMatch) => m.tp_dst],
] as const) {
  for (const n of names.split(' ')) SORT_FIELDS[n] = get;
}

/** compare_flows(): each criterion in turn; flows lacking a field sort last either way. */
function sortFlows(flows: FlowEntry[], sort: Ofctl['sort']): FlowEntry[] {
  const crit = [...sort, { field: 'priority', desc: true }];
  return [...flows].sort((a, b) => {
    for (const c of crit) {
      let r: number;
      if (c.field === 'priority') r = a.priority - b.priority;
      else {
        const get = SORT_FIELDS[c.field]!;
        const va = get(a.match);
        const vb = get(b.match);
        if ((va === undefined) !== (vb === undefined)) return va === undefined ? 1 : -1;
        r = va === undefined || vb === undefined || va === vb ? 0 : va < vb ? -1 : 1;
      }
      if (r) return c.desc ? -r : r;
    }
    return 0;
  });
}

function dumpFlowsCmd(o: Ofctl, args: string[]): number {
  const target = args[0]!;
  const c = o.connect(target);
  if (typeof c === 'number') return c;
  const { sw, version } = c;
  const filterText = args[1] ?? '';
  let filter: ParsedFlow | undefined;
  if (filterText) {
    filter = o.flow(filterText, 'filter', portLookup(sw));
    if (!filter) return 1;
  }
  let flows = selected(sw, filter, false);
  const now = o.ctx.sandbox.now;
  const names: PortNames | undefined = o.showNames ? portNames(sw) : undefined;
  let out = '';
  if (o.sort.length || o.showNames || !o.showStats) {
    // ovs-ofctl fetches the flows itself and prints each line, with no reply header.
    if (o.sort.length) flows = sortFlows(flows, o.sort);
    for (const e of flows) out += ' ' + formatFlowStats(e, { now, names, showStats: o.showStats, flags: version >= 4 }) + '\n';
  } else {
    // The raw reply: a filter first costs a connection for the port map, as does OF1.0's
    // switch to the Nicira flow format.
    const xid = (version === 1 ? 4 : 2) + (filterText ? 2 : 0);
    out += header(version === 1 ? 'NXST_FLOW reply' : 'OFPST_FLOW reply', version, xid) + '\n';
    for (const e of flows) out += ' ' + formatFlowStats(e, { now, idleAge: version === 1, flags: version >= 4 }) + '\n';
  }
  o.ctx.out(out);
  return 0;
}

function dumpAggregateCmd(o: Ofctl, args: string[]): number {
  const c = o.connect(args[0]!);
  if (typeof c === 'number') return c;
  const { sw, version } = c;
  let filter: ParsedFlow | undefined;
  if (args[1]) {
    filter = o.flow(args[1], 'filter', portLookup(sw));
    if (!filter) return 1;
  }
  const flows = selected(sw, filter, false);
  const packets = flows.reduce((n, e) => n + e.nPackets, 0);
  const bytes = flows.reduce((n, e) => n + e.nBytes, 0);
  const xid = (version === 1 ? 4 : 2) + (args[1] ? 2 : 0);
  const name = version === 1 ? 'NXST_AGGREGATE reply' : 'OFPST_AGGREGATE reply';
  o.ctx.out(`${header(name, version, xid)} packet_count=${packets} byte_count=${bytes} flow_count=${flows.length}\n`);
  return 0;
}

/** An OFPFC_ADD: same match and priority replaces the old flow (and its counters). */
function addFlow(sw: OvsSwitch, f: ParsedFlow): void {
  sw.installFlow(
    sw.newFlow({
      priority: f.priority, match: f.match, actions: f.actions, idleTimeout: f.idleTimeout, hardTimeout: f.hardTimeout,
      cookie: f.newCookie, sendFlowRem: f.sendFlowRem, table: f.table ?? 0,
    }),
  );
}

function addFlowCmd(o: Ofctl, args: string[]): number {
  const c = o.connect(args[0]!);
  if (typeof c === 'number') return c;
  const f = o.flow(args[1]!, 'add', portLookup(c.sw));
  if (!f) return 1;
  addFlow(c.sw, f);
  return 0;
}

/** OFPFC_MODIFY(_STRICT): new actions for the selected flows; OpenFlow 1.0/1.1 add when none match. */
function modifyFlows(sw: OvsSwitch, f: ParsedFlow, strict: boolean, version: number): void {
  const hits = selected(sw, { ...f, outPort: undefined, cookieMask: f.cookieMask }, strict);
  for (const e of hits) e.actions = f.actions;
  if (hits.length === 0 && version <= 2) addFlow(sw, f);
}

function modFlowsCmd(o: Ofctl, args: string[]): number {
  const c = o.connect(args[0]!);
  if (typeof c === 'number') return c;
  const f = o.flow(args[1]!, o.strict ? 'modify_strict' : 'modify', portLookup(c.sw));
  if (!f) return 1;
  modifyFlows(c.sw, f, o.strict, c.version);
  return 0;
}

function delFlowsCmd(o: Ofctl, args: string[]): number {
  const c = o.connect(args[0]!);
  if (typeof c === 'number') return c;
  const f = o.flow(args[1] ?? '', o.strict ? 'delete_strict' : 'delete', portLookup(c.sw));
  if (!f) return 1;
  const gone = new Set(selected(c.sw, f, o.strict));
  c.sw.deleteFlows((e) => gone.has(e));
  return 0;
}

/** add-flows SWITCH FILE: one flow per line, each optionally led by add/modify/delete. */
function addFlowsCmd(o: Ofctl, args: string[]): number {
  const [target, file] = [args[0]!, args[1]!];
  const c = o.connect(target);
  if (typeof c === 'number') return c;
  let text: string | undefined;
  if (file === '-') text = o.ctx.stdin ?? '';
  else {
    const fs = o.ctx.sandbox.fs;
    const path = file.startsWith('/') ? file : `${o.ctx.shell.cwd.replace(/\/$/, '')}/${file}`;
    const t = fs.isFile(path) ? fs.readFile(path) : undefined;
    if (typeof t !== 'string') return o.fatal(`${file}: open failed (No such file or directory)`);
    text = t;
  }
  const lookup = portLookup(c.sw);
  const ops: Array<{ cmd: FlowCommand; flow: ParsedFlow }> = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!.replace(/#.*$/, '').trim();
    if (!line) continue;
    const word = /^([a-z_]+)(?=[\s,]|$)/.exec(line)?.[1];
    let cmd: FlowCommand = 'add';
    if (word && ['add', 'delete', 'delete_strict', 'modify', 'modify_strict'].includes(word)) {
      cmd = word as FlowCommand;
      line = line.slice(word.length);
    }
    const r = parseFlow(line, cmd, lookup);
    if (!r.ok) return o.fatal(`${file}:${i + 1}: ${r.error}`);
    ops.push({ cmd, flow: r.flow });
  }
  for (const { cmd, flow } of ops) {
    if (cmd === 'add') addFlow(c.sw, flow);
    else if (cmd === 'modify' || cmd === 'modify_strict') modifyFlows(c.sw, flow, cmd === 'modify_strict', c.version);
    else {
      const gone = new Set(selected(c.sw, flow, cmd === 'delete_strict'));
      c.sw.deleteFlows((e) => gone.has(e));
    }
  }
  return 0;
}

/**
 * The switch and ports a dump-ports request names: every port, or the one in args[1]
 * (by number or name; a name makes ovs-ofctl send an extra request, hence xid 4).
 * `filters` says whether this request (for this OpenFlow version) carries a port at all.
 */
function requestedPorts(o: Ofctl, args: string[], filters: (version: number) => boolean) {
  const target = args[0]!;
  const c = o.connect(target);
  if (typeof c === 'number') return c;
  const { sw, version } = c;
  let ports = portViews(sw);
  let xid = 2;
  if (args[1] !== undefined && args[1] !== '' && args[1].toLowerCase() !== 'any') {
    const p = portArg(o, sw, target, args[1]);
    if (typeof p === 'number') return p;
    if (p.byName) xid = 4;
    if (filters(version)) ports = ports.filter((v) => v.no === p.port);
  }
  return { sw, version, ports, xid };
}

function dumpPortsCmd(o: Ofctl, args: string[]): number {
  const r = requestedPorts(o, args, () => true);
  if (typeof r === 'number') return r;
  const { sw, version, ports, xid } = r;
  const now = o.ctx.sandbox.now;
  let s = `${header('OFPST_PORT reply', version, xid)} ${ports.length} ports\n`;
  const names = o.showNames ? portNames(sw) : undefined;
  for (const p of ports) {
    const st = p.intf.stats;
    s += `  port ${p.no < 10 ? ' ' : ''}${formatPort(p.no, names)}: rx pkts=${st.rxPackets}, bytes=${st.rxBytes}, drop=${st.rxDropped}, errs=${st.rxErrors}, frame=0, over=0, crc=0\n`;
    s += `           tx pkts=${st.txPackets}, bytes=${st.txBytes}, drop=${st.txDropped}, errs=${st.txErrors}, coll=0\n`;
    if (version >= 4) s += `           duration=${formatDurationMs(elapsedMs(sw.startedAt, now))}\n`;
  }
  o.ctx.out(s);
  return 0;
}

function dumpPortsDescCmd(o: Ofctl, args: string[]): number {
  // Only OpenFlow 1.5's request carries a port; earlier versions get every port.
  const r = requestedPorts(o, args, (version) => version >= 6);
  if (typeof r === 'number') return r;
  let s = header('OFPST_PORT_DESC reply', r.version, r.xid) + '\n';
  for (const p of r.ports) s += formatPhyPort(p, r.version);
  o.ctx.out(s);
  return 0;
}

const COMMANDS: Record<string, CmdDef> = {
  show: { min: 1, max: 1, run: showCmd },
  'dump-flows': { min: 1, max: 2, run: dumpFlowsCmd },
  'dump-aggregate': { min: 1, max: 2, run: dumpAggregateCmd },
  'add-flow': { min: 2, max: 2, run: addFlowCmd },
  'add-flows': { min: 2, max: 2, run: addFlowsCmd },
  'mod-flows': { min: 2, max: 2, run: modFlowsCmd },
  'del-flows': { min: 1, max: 2, run: delFlowsCmd },
  'dump-ports': { min: 1, max: 2, run: dumpPortsCmd },
  'dump-ports-desc': { min: 1, max: 2, run: dumpPortsDescCmd },
  // Real commands this sandbox does not model.
  'dump-desc': { min: 1, max: 1 },
  'dump-tables': { min: 1, max: 1 },
  'dump-table-features': { min: 1, max: 1 },
  'dump-table-desc': { min: 1, max: 1 },
  'mod-port': { min: 3, max: 3 },
  'mod-table': { min: 3, max: 3 },
  'get-frags': { min: 1, max: 1 },
  'set-frags': { min: 2, max: 2 },
  'queue-stats': { min: 1, max: 3 },
  'queue-get-config': { min: 1, max: 3 },
  'replace-flows': { min: 2, max: 2 },
  'diff-flows': { min: 2, max: 2 },
  'packet-out': { min: 3, max: Infinity },
  monitor: { min: 1, max: 3 },
  snoop: { min: 1, max: 1 },
  'add-group': { min: 1, max: 2 },
  'add-groups': { min: 1, max: 2 },
  'mod-group': { min: 1, max: 2 },
  'del-groups': { min: 1, max: 2 },
  'dump-groups': { min: 1, max: 2 },
  'dump-group-stats': { min: 1, max: 2 },
  'dump-group-features': { min: 1, max: 1 },
  'add-meter': { min: 2, max: 2 },
  'mod-meter': { min: 2, max: 2 },
  'del-meter': { min: 2, max: 2 },
  'del-meters': { min: 1, max: 1 },
  'dump-meter': { min: 2, max: 2 },
  'dump-meters': { min: 1, max: 1 },
  'meter-stats': { min: 1, max: 2 },
  'meter-features': { min: 1, max: 1 },
  probe: { min: 1, max: 1 },
  ping: { min: 1, max: 2 },
  benchmark: { min: 3, max: 3 },
};

const HELP = `${PROG}: manage the OpenFlow tables and ports of Open vSwitch bridges
usage: ${PROG} [OPTIONS] COMMAND [ARG...]

Commands in this sandbox:
  show SWITCH                 switch features, ports and configuration
  dump-flows SWITCH [FLOW]    list the flow table (or the flows FLOW selects)
  dump-aggregate SWITCH [FLOW]  packet, byte and flow totals
  add-flow SWITCH FLOW        install a flow
  add-flows SWITCH FILE       install the flows listed in FILE (- for input)
  mod-flows SWITCH FLOW       change the actions of the flows FLOW selects
  del-flows SWITCH [FLOW]     remove all flows (or those FLOW selects)
  dump-ports SWITCH [PORT]    port counters
  dump-ports-desc SWITCH      port descriptions
SWITCH is a bridge name (s1) or tcp:127.0.0.1:PORT for its passive listener.

Options:
  -O, --protocols=VERSIONS    OpenFlow versions to speak (OpenFlow10, OpenFlow13...)
  --strict                    del-flows/mod-flows: exact match and priority
  --names, --no-names         print ports by name or by number
  --no-stats                  dump-flows without counters
  --sort[=FIELD], --rsort[=FIELD]  order dump-flows output
  -V, --version               print the version
`;

function* run(ctx: ExecContext, argv: string[]): Proc {
  const o = new Ofctl(ctx);
  // Options with optional arguments, which getopt here does not model.
  const rest: string[] = [];
  for (const a of argv) {
    const m = /^--(r?sort)(?:=(.*))?$/.exec(a);
    if (m) {
      const field = m[2] ?? 'priority';
      if (field !== 'priority' && !SORT_FIELDS[field]) return o.fatal(`${field}: unknown field name`);
      o.sort.push({ field, desc: m[1] === 'rsort' });
    } else if (/^--color(=.*)?$/.test(a)) {
      continue;
    } else rest.push(a);
  }
  const p = getopt(PROG, rest, {
    short: 'O:t:F:P:mhVv',
    long: [
      { name: 'protocols', arg: 'required', key: 'O' }, { name: 'timeout', arg: 'required', key: 't' },
      { name: 'strict', arg: 'none' }, { name: 'readd', arg: 'none' }, { name: 'flow-format', arg: 'required', key: 'F' },
      { name: 'packet-in-format', arg: 'required', key: 'P' }, { name: 'more', arg: 'none', key: 'm' },
      { name: 'timestamp', arg: 'none' }, { name: 'names', arg: 'none' }, { name: 'no-names', arg: 'none' },
      { name: 'stats', arg: 'none' }, { name: 'no-stats', arg: 'none' }, { name: 'unixctl', arg: 'required' },
      { name: 'help', arg: 'none', key: 'h' }, { name: 'version', arg: 'none', key: 'V' }, { name: 'bundle', arg: 'none' },
      { name: 'may-create', arg: 'none' }, { name: 'read-only', arg: 'none' }, { name: 'verbose', arg: 'none', key: 'v' },
    ],
  });
  if (!p.ok) {
    ctx.err(p.error + '\n');
    return 1;
  }
  for (const [k, v] of p.opts.list) {
    if (k === 'V') {
      ctx.out(`${PROG} (Open vSwitch) ${OVS_VERSION}\nOpenFlow versions 0x1:0x6\n`);
      return 0;
    }
    if (k === 'h') {
      ctx.out(HELP);
      return 0;
    }
    if (k === 'O') {
      let bits = 0;
      for (const name of String(v).split(/[\s,]+/).filter(Boolean)) {
        const ver = OF_VERSIONS[name.toLowerCase()];
        if (ver === undefined) return o.fatal(`Unknown OpenFlow version: "${name}"`);
        bits |= 1 << ver;
      }
      o.versions = bits;
    } else if (k === 't') {
      if (!(Number.parseInt(String(v), 10) > 0)) return o.fatal(`value ${v} on -t or --timeout is not at least 1`);
    } else if (k === 'strict') o.strict = true;
    else if (k === 'names') o.names = true;
    else if (k === 'no-names') o.names = false;
    else if (k === 'stats') o.showStats = true;
    else if (k === 'no-stats') o.showStats = false;
  }
  const args = p.opts.operands;
  if (args.length === 0) return o.fatal('missing command name; use --help for help');
  const name = args[0]!;
  const def = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!def) return o.fatal(`unknown command '${name}'; use --help for help`);
  const n = args.length - 1;
  if (n < def.min) return o.fatal(`'${name}' command requires at least ${def.min} arguments`);
  if (n > def.max) return o.fatal(`'${name}' command takes at most ${def.max} arguments`);
  if (!def.run) return o.fatal(`${name}: not supported in this sandbox`);
  // A round trip over the switch's management socket.
  const w = yield sleep(1_000);
  if (w.reason === 'interrupt') return 130;
  return def.run(o, args.slice(1));
}

export const ovsOfctlCommand: CommandSpec = {
  name: 'ovs-ofctl', family: 'machine', where: 'any',
  summary: 'show and change the OpenFlow flow tables and ports of Open vSwitch bridges',
  usage: 'ovs-ofctl [-O OpenFlow13] show|dump-flows|add-flow|del-flows|dump-ports SWITCH [ARG]',
  options: ['-O', '--protocols', '--strict', '--names', '--no-names', '--no-stats', '--sort', '--rsort', '--version', '--help'],
  run,
};
