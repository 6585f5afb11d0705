/**
 * ovs-vsctl (Open vSwitch 2.17.9, Ubuntu 22.04): the lab machine's OVS configuration database,
 * which holds one Bridge per running Mininet OVSSwitch/OVSBridge (Linux bridges are not in it).
 * Read: show, list-br, br-exists, list-ports, list-ifaces, port-to-br, iface-to-br,
 * get-fail-mode, get-controller, --version. Write (applied to the running bridge): set-fail-mode,
 * set-controller, del-controller, and `set bridge BR protocols=...|fail_mode=...`.
 * Formats: reference/mininet.md §3.10 and OVS lib/db-ctl-base.c cmd_show() (rows in UUID
 * order, strings bare unless lib/ovsdb-data.c string_needs_quotes()); messages are
 * utilities/ovs-vsctl.c's `ovs-vsctl: ...` (status 1), br-exists' status 2.
 */
import type { CommandSpec } from '../../shell/registry';
import type { ExecContext } from '../../shell/context';
import type { Proc } from '../../shell/process';
import { sleep } from '../../shell/process';
import type { OvsSwitch } from '../../devices/ovs-switch';
import type { ControllerTarget } from '../../devices/openflow-listeners';
import { parseIpv4 } from '../../wire/addr';
import {
  OF_VERSIONS, OVS_DB_SCHEMA, OVS_VERSION, controllerTargets, databaseUuid, findBridge, ovsBridges, targetConnected, uuidOrder,
} from './ovs-db';

const PROG = 'ovs-vsctl';

/** OVSDB's string quoting: bare if it looks like an identifier (and not a boolean or UUID). */
export function ovsdbString(s: string): string {
  const bare =
    /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(s) && s !== 'true' && s !== 'false' &&
    !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
  return bare ? s : JSON.stringify(s);
}

class VsctlError extends Error {}

function fail(msg: string): never {
  throw new VsctlError(msg);
}

interface Ctx {
  readonly ctx: ExecContext;
  out: string;
  /** br-exists' answer: 2 when the bridge does not exist. */
  status: number;
}

function bridgeOrFail(c: Ctx, name: string): OvsSwitch {
  return findBridge(c.ctx.sandbox, name) ?? fail(`no bridge named ${name}`);
}

/** A bridge's ports as the database lists them: its data ports and its internal port. */
function portNames(sw: OvsSwitch): string[] {
  const names = sw.ports().map((p) => p.intf.name);
  names.push(sw.name);
  return names;
}

/** `ovs-vsctl show` (db-ctl-base cmd_show with vsctl's table of columns). */
function show(c: Ctx): void {
  const sb = c.ctx.sandbox;
  let s = databaseUuid(sb) + '\n';
  const bridges = uuidOrder(sb, ovsBridges(sb), (b) => `Bridge ${b.name} ${b.startedAt}`);
  for (const br of bridges) {
    s += `    Bridge ${ovsdbString(br.name)}\n`;
    const targets = uuidOrder(sb, controllerTargets(br), (t) => `Controller ${br.name} ${t} ${br.startedAt}`);
    for (const t of targets) {
      s += `        Controller ${ovsdbString(t)}\n`;
      if (targetConnected(br, t)) s += '            is_connected: true\n';
    }
    s += `        fail_mode: ${br.opts.failMode}\n`;
    const ports = uuidOrder(sb, portNames(br), (p) => `Port ${br.name} ${p} ${br.startedAt}`);
    for (const p of ports) {
      s += `        Port ${ovsdbString(p)}\n`;
      s += `            Interface ${ovsdbString(p)}\n`;
      if (p === br.name) s += '                type: internal\n';
    }
  }
  s += `    ovs_version: "${OVS_VERSION}"\n`;
  c.out += s;
}

function sorted(list: string[]): string[] {
  return [...list].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function parseTargets(targets: string[]): { active: ControllerTarget[]; listen: number | undefined } {
  const active: ControllerTarget[] = [];
  let listen: number | undefined;
  for (const t of targets) {
    const tcp = /^tcp:(\d+\.\d+\.\d+\.\d+)(?::(\d+))?$/.exec(t);
    const ptcp = /^ptcp:(\d+)(?::(\d+\.\d+\.\d+\.\d+))?$/.exec(t);
    if (tcp && parseIpv4(tcp[1]!) !== undefined && Number(tcp[2] ?? 6653) < 65536) {
      active.push({ ip: tcp[1]!, port: Number(tcp[2] ?? 6653) });
    } else if (ptcp && Number(ptcp[1]) < 65536) {
      listen = Number(ptcp[1]);
    } else {
      fail(`${t}: controller target not supported in this sandbox (use tcp:IP[:PORT] or ptcp:PORT)`);
    }
  }
  return { active, listen };
}

/**
 * Give the bridge a new controller list, as ovs-vswitchd does on a database change: drop the
 * sessions to removed targets, start connecting to the new ones (retrying until they listen),
 * and flush the flow table when the bridge goes from having controllers to none or back (OVS
 * connmgr), which leaves a standalone bridge with no controller its NORMAL flow.
 */
function setControllers(sw: OvsSwitch, targets: ControllerTarget[], listenPort: number | undefined): void {
  const key = (t: ControllerTarget) => `${t.ip}:${t.port}`;
  const had = sw.controllers.length > 0;
  const keep = new Set(targets.map(key));
  for (const [k, ctl] of [...sw.connected]) {
    if (keep.has(k)) continue;
    sw.connected.delete(k);
    ctl.switchDisconnected(sw);
  }
  sw.net.ofListeners.stopWaiting(sw);
  sw.controllers = targets;
  sw.opts.listenPort = listenPort;
  for (const t of targets) if (!sw.connected.has(key(t))) sw.controllerAppeared(t);
  if (had !== targets.length > 0) resetFlows(sw);
}

/** ofproto_flush_flows(): empty the table; a standalone bridge with no controller gets NORMAL. */
function resetFlows(sw: OvsSwitch): void {
  sw.deleteFlows(() => true);
  if (sw.opts.failMode === 'standalone' && sw.controllers.length === 0) {
    sw.installFlow(sw.newFlow({ priority: 0, match: {}, actions: [{ type: 'normal' }] }));
  }
}

function setFailMode(sw: OvsSwitch, mode: 'secure' | 'standalone'): void {
  if (sw.opts.failMode === mode) return;
  sw.opts.failMode = mode;
  // connmgr_set_fail_mode(): without controllers the table is flushed.
  if (sw.controllers.length === 0) resetFlows(sw);
}

/** `set bridge BR col=value...` for the columns this sandbox models. */
function setBridge(c: Ctx, args: string[]): void {
  const [table, record, ...pairs] = args;
  if (!/^bridge$/i.test(table!)) fail(`set ${table}: only the Bridge table can be changed in this sandbox`);
  const sw = findBridge(c.ctx.sandbox, record!) ?? fail(`no row "${record}" in table Bridge`);
  for (const pair of pairs) {
    const m = /^([a-z_]+)=(.*)$/.exec(pair);
    if (!m) fail(`${pair}: argument does not end in "=" followed by a value.`);
    const [, col, raw] = m;
    const value = raw!.replace(/^\[|\]$/g, '').replace(/"/g, '');
    if (col === 'protocols') {
      const list = value.split(/[\s,]+/).filter(Boolean);
      for (const v of list) {
        if (OF_VERSIONS[v.toLowerCase()] === undefined || !/^OpenFlow1[0-5]$/.test(v)) {
          fail(`constraint violation: ${v} is not one of the allowed values ([OpenFlow10, OpenFlow11, OpenFlow12, OpenFlow13, OpenFlow14, OpenFlow15])`);
        }
      }
      sw.opts.protocols = list;
    } else if (col === 'fail_mode') {
      if (value !== 'secure' && value !== 'standalone') {
        fail(`constraint violation: ${value} is not one of the allowed values ([secure, standalone])`);
      }
      setFailMode(sw, value);
    } else {
      fail(`set bridge ${col}: not supported in this sandbox`);
    }
  }
}

interface VsCmd {
  readonly min: number;
  readonly max: number;
  readonly run?: (c: Ctx, args: string[]) => void;
}

const COMMANDS: Record<string, VsCmd> = {
  show: { min: 0, max: 0, run: show },
  'list-br': { min: 0, max: 0, run: (c) => void (c.out += sorted(ovsBridges(c.ctx.sandbox).map((b) => b.name)).map((n) => n + '\n').join('')) },
  'br-exists': { min: 1, max: 1, run: (c, [br]) => void (c.status = findBridge(c.ctx.sandbox, br!) ? 0 : 2) },
  'list-ports': {
    min: 1, max: 1,
    run: (c, [br]) => void (c.out += sorted(bridgeOrFail(c, br!).ports().map((p) => p.intf.name)).map((n) => n + '\n').join('')),
  },
  'list-ifaces': {
    min: 1, max: 1,
    run: (c, [br]) => void (c.out += sorted(bridgeOrFail(c, br!).ports().map((p) => p.intf.name)).map((n) => n + '\n').join('')),
  },
  'port-to-br': {
    min: 1, max: 1,
    run: (c, [port]) => {
      const br = ovsBridges(c.ctx.sandbox).find((b) => portNames(b).includes(port!)) ?? fail(`no port named ${port}`);
      c.out += br.name + '\n';
    },
  },
  'iface-to-br': {
    min: 1, max: 1,
    run: (c, [iface]) => {
      const br = ovsBridges(c.ctx.sandbox).find((b) => portNames(b).includes(iface!)) ?? fail(`no interface named ${iface}`);
      c.out += br.name + '\n';
    },
  },
  'get-fail-mode': { min: 1, max: 1, run: (c, [br]) => void (c.out += bridgeOrFail(c, br!).opts.failMode + '\n') },
  'set-fail-mode': {
    min: 2, max: 2,
    run: (c, [br, mode]) => {
      const sw = bridgeOrFail(c, br!);
      if (mode !== 'secure' && mode !== 'standalone') fail(`fail-mode must be "standalone" or "secure"`);
      setFailMode(sw, mode);
    },
  },
  'get-controller': { min: 1, max: 1, run: (c, [br]) => void (c.out += sorted(controllerTargets(bridgeOrFail(c, br!))).map((t) => t + '\n').join('')) },
  'set-controller': {
    min: 1, max: Infinity,
    run: (c, [br, ...targets]) => {
      const sw = bridgeOrFail(c, br!);
      const t = parseTargets(targets);
      setControllers(sw, t.active, t.listen);
    },
  },
  'del-controller': { min: 1, max: 1, run: (c, [br]) => setControllers(bridgeOrFail(c, br!), [], undefined) },
  set: { min: 3, max: Infinity, run: setBridge },
  // Real commands this sandbox leaves to Mininet.
  'del-fail-mode': { min: 1, max: 1 }, init: { min: 0, max: 0 }, 'emer-reset': { min: 0, max: 0 },
  'add-br': { min: 1, max: 3 }, 'del-br': { min: 1, max: 1 }, 'br-to-vlan': { min: 1, max: 1 }, 'br-to-parent': { min: 1, max: 1 },
  'br-set-external-id': { min: 2, max: 3 }, 'br-get-external-id': { min: 1, max: 2 },
  'add-port': { min: 2, max: Infinity }, 'add-bond': { min: 4, max: Infinity }, 'del-port': { min: 1, max: 2 },
  'get-manager': { min: 0, max: 0 }, 'set-manager': { min: 1, max: Infinity }, 'del-manager': { min: 0, max: 0 },
  'get-ssl': { min: 0, max: 0 }, 'set-ssl': { min: 3, max: 3 }, 'del-ssl': { min: 0, max: 0 },
  list: { min: 1, max: Infinity }, find: { min: 1, max: Infinity }, get: { min: 2, max: Infinity },
  add: { min: 4, max: Infinity }, remove: { min: 4, max: Infinity }, clear: { min: 3, max: Infinity },
  create: { min: 2, max: Infinity }, destroy: { min: 1, max: Infinity }, 'wait-until': { min: 2, max: Infinity },
  comment: { min: 0, max: Infinity },
};

const MININET_OWNED = new Set(['add-br', 'del-br', 'add-port', 'add-bond', 'del-port']);

const HELP = `${PROG}: read and change the lab machine's Open vSwitch configuration
usage: ${PROG} [OPTIONS] COMMAND [ARG...] [-- COMMAND [ARG...]]...

Commands in this sandbox:
  show                        every bridge with its controllers and ports
  list-br                     bridge names
  br-exists BRIDGE            status 2 if BRIDGE does not exist
  list-ports BRIDGE           BRIDGE's ports
  port-to-br PORT             the bridge PORT belongs to
  get-fail-mode BRIDGE        secure or standalone
  set-fail-mode BRIDGE MODE   change it
  get-controller BRIDGE       BRIDGE's controller targets
  set-controller BRIDGE TARGET...  replace them (tcp:IP[:PORT], ptcp:PORT)
  del-controller BRIDGE       remove them
  set bridge BRIDGE protocols=OpenFlow13   OpenFlow versions the bridge accepts
Bridges are created by Mininet (mn); add-br and del-br are not available here.

Options:
  -V, --version               print the version
`;

function* run(ctx: ExecContext, argv: string[]): Proc {
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--' || !a.startsWith('-')) break;
    if (a === '-V' || a === '--version') {
      ctx.out(`${PROG} (Open vSwitch) ${OVS_VERSION}\nDB Schema ${OVS_DB_SCHEMA}\n`);
      return 0;
    }
    if (a === '-h' || a === '--help') {
      ctx.out(HELP);
      return 0;
    }
    if (/^--(no-wait|wait|oneline|dry-run|no-syslog|if-exists|may-exist|retry|pretty|bare|columns=.*|format=.*|data=.*|timeout=.*|db=.*|verbose(=.*)?|id=.*)$/.test(a) || /^-t\d+$/.test(a) || a === '-v') continue;
    if (a.startsWith('--')) ctx.err(`${PROG}: unrecognized option '${a.split('=')[0]}'\n`);
    else ctx.err(`${PROG}: invalid option -- '${a[1]}'\n`);
    return 1;
  }
  // Commands are separated by "--"; each may start with its own --options.
  const groups: string[][] = [[]];
  for (const a of argv.slice(i)) {
    if (a === '--') groups.push([]);
    else groups[groups.length - 1]!.push(a);
  }
  const commands = groups.filter((g) => g.length > 0).map((g) => g.filter((a, k) => !(a.startsWith('--') && g.slice(0, k).every((x) => x.startsWith('--')))));
  const c: Ctx = { ctx, out: '', status: 0 };
  try {
    if (commands.length === 0 || commands.every((g) => g.length === 0)) fail('missing command name (use --help for help)');
    const plan: Array<{ def: VsCmd; args: string[] }> = [];
    for (const g of commands) {
      if (g.length === 0) fail('missing command name (use --help for help)');
      const name = g[0]!;
      const def = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name]! : fail(`unknown command '${name}'; use --help for help`);
      const n = g.length - 1;
      if (n < def.min) fail(`'${name}' command requires at least ${def.min} arguments`);
      if (n > def.max) fail(`'${name}' command takes at most ${def.max} arguments`);
      if (!def.run) fail(`${name}: not supported in this sandbox${MININET_OWNED.has(name) ? ' (Mininet creates and removes bridges and ports)' : ''}`);
      plan.push({ def, args: g.slice(1) });
    }
    // One database transaction.
    const w = yield sleep(2_000);
    if (w.reason === 'interrupt') return 130;
    for (const { def, args } of plan) def.run!(c, args);
  } catch (e) {
    if (!(e instanceof VsctlError)) throw e;
    // The transaction failed: nothing it printed is shown.
    ctx.err(`${PROG}: ${e.message}\n`);
    return 1;
  }
  ctx.out(c.out);
  return c.status;
}

export const ovsVsctlCommand: CommandSpec = {
  name: 'ovs-vsctl', family: 'machine', where: 'any',
  summary: "show and change the lab machine's Open vSwitch bridges and their controllers",
  usage: 'ovs-vsctl [OPTIONS] show|list-br|list-ports BR|get-controller BR|set-fail-mode BR MODE ...',
  options: ['--version', '--help'],
  run,
};
