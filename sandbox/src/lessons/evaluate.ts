/**
 * Evaluate a lesson check (checks.ts) against a sandbox. Pure: it reads the network, the
 * filesystem and the lesson log (lesson-log.ts) and changes nothing, so it can run after every
 * command. `reaches` is a path computation over the model (routes, interface state, up links,
 * running switches; flows are not simulated here), joined by default with the recorded outcome
 * of the learner's own last ping, so a never-tested or since-broken path does not pass.
 */
import type { Sandbox } from '../sandbox';
import type { Check, FlowField } from './checks';
import { Host } from '../devices/host';
import { OvsSwitch } from '../devices/ovs-switch';
import type { NetNode } from '../devices/node';
import type { Intf } from '../net/interface';
import type { FlowMatch } from '../net/flow-table';
import type { Ipv4 } from '../wire/addr';
import { formatIpv4, parseCidr, parseIpv4 } from '../wire/addr';
import { bindTopo, findTopo, splitArgs, tryTopo } from '../topo/library';
import type { Topo } from '../topo/topo';
import type { TcParams } from '../net/interface';
import { parseDelay } from '../mininet/tc';
import { evaluateOnos } from './onos-checks';
import { evaluateDocker } from './docker-checks';
import { evaluateFabricCheck } from './fabric-checks';
import { crossSegment } from '../net/flow-model';
import { evaluateSqlRow } from './sql-checks';
import type { FetchRecord, PingRecord } from './lesson-log';

export interface EvalContext {
  /** The learner's session: commandRan/outputMatched look at its lines only (all when absent). */
  readonly session?: number;
}

export interface EvalResult {
  readonly passed: boolean;
  /** Why it failed (or what passed), for authors and lesson CI. */
  readonly detail?: string;
}

const pass = (detail?: string): EvalResult => ({ passed: true, detail });
const fail = (detail: string): EvalResult => ({ passed: false, detail });

/** A node of the running network, or the lab machine by its hostname. */
function nodeOf(sb: Sandbox, name: string): NetNode | undefined {
  if (name === sb.lab.name) return sb.lab;
  return sb.mininet?.get(name);
}

function hostOf(sb: Sandbox, name: string): Host | EvalResult {
  const n = nodeOf(sb, name);
  if (n instanceof Host) return n;
  return fail(n ? `${name} is not a host` : `no node ${name}${sb.mininet ? '' : ' (Mininet is not running)'}`);
}

function re(pattern: string, flags?: string): RegExp {
  return new RegExp(pattern, flags ?? '');
}

/** The address `to` means: an IPv4 literal, or the first address of a host's data interfaces. */
function addressOf(sb: Sandbox, to: string): Ipv4 | undefined {
  const ip = parseIpv4(to);
  if (ip !== undefined) return ip;
  const n = nodeOf(sb, to);
  if (!(n instanceof Host)) return undefined;
  for (const i of n.dataIntfs()) if (i.addrs[0]) return i.addrs[0].addr;
  return undefined;
}

/** The last ping from host `from` to `to` (a host or an address), or why there is none. */
function lastPingOf(sb: Sandbox, fromName: string, to: string): { ping: PingRecord; dst: Ipv4 } | EvalResult {
  const from = hostOf(sb, fromName);
  if (!(from instanceof Host)) return from;
  const dst = addressOf(sb, to);
  if (dst === undefined) return fail(`${to} has no address`);
  const ping = sb.lessonLog.lastPing(from, dst);
  if (!ping) return fail(`no ping from ${fromName} to ${formatIpv4(dst)} yet`);
  return { ping, dst };
}

/** Why `from` cannot reach `dst` by the model's state, or undefined when a path exists. */
export function pathProblem(from: Host, dst: Ipv4): string | undefined {
  let node = from;
  for (let hop = 0; hop < 32; hop++) {
    if (node.stack.isLocal(dst)) return undefined;
    const r = node.stack.routes.lookup(dst);
    if (!r || r.type !== 'unicast') return `${node.name} has no route to ${formatIpv4(dst)}`;
    const dev = r.dev;
    if (!dev || !dev.running) return `${node.name}'s ${dev?.name ?? 'interface'} towards ${formatIpv4(dst)} is down`;
    const nextHop = r.via ?? dst;
    const next = crossSegment(dev, nextHop)?.to;
    if (!next) return `no working path from ${node.name} (${dev.name}) to ${formatIpv4(nextHop)}`;
    if (next.stack.isLocal(dst)) return undefined;
    if (!next.stack.forwarding) return `${next.name} does not forward packets (ip_forward is 0)`;
    node = next;
  }
  return `no path to ${formatIpv4(dst)} within 32 hops`;
}

function flowMatches(m: FlowMatch, want: Partial<Record<FlowField, string | number>>): boolean {
  for (const [k, v] of Object.entries(want) as [FlowField, string | number][]) {
    const have = m[k];
    if (have === undefined) return false;
    if (k === 'nw_src' || k === 'nw_dst') {
      if (parseIpv4(String(v)) !== have) return false;
    } else if (k === 'dl_src' || k === 'dl_dst') {
      if (String(have).toLowerCase() !== String(v).toLowerCase()) return false;
    } else if (Number(v) !== have) return false;
  }
  return true;
}

/** Same node names and the same links (as unordered pairs) as the topology `spec` builds. */
function topoProblem(sb: Sandbox, spec: string): string | undefined {
  const mn = sb.mininet!;
  const a = splitArgs(spec);
  const t = findTopo(a.name);
  if (!t) return `unknown topology ${a.name}`;
  const b = bindTopo(t, a.args, a.kwargs);
  if (!b.ok) return b.pyError;
  const built = tryTopo<Topo>(() => t.build(b.args));
  if (!built.ok) return built.pyError;
  const topo = built.value;
  const same = (x: string[], y: string[]): boolean => x.length === y.length && x.every((v, i) => v === y[i]);
  const pair = (p: string, q: string): string => [p, q].sort().join('-');
  if (!same(topo.hosts(), mn.hosts.map((h) => h.name))) return `the hosts are not those of --topo ${spec}`;
  if (!same(topo.switches(), mn.allSwitches().map((s) => s.name))) return `the switches are not those of --topo ${spec}`;
  const want = topo.links().map((l) => pair(l.node1, l.node2)).sort();
  const have = mn.links.map((l) => pair(l.node1.name, l.node2.name)).sort();
  if (!same(want, have)) return `the links are not those of --topo ${spec}`;
  return undefined;
}

/**
 * Which fetch records `to` means: a whole URL (`http://10.0.0.1/`) compares with the URL asked
 * for; otherwise the host part of the URL must be `to` itself (an address or a name as typed) or
 * one of the addresses of the node named `to` (Mininet puts the address in place of `h1`).
 */
function fetchTarget(sb: Sandbox, to: string): (r: FetchRecord) => boolean {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(to)) {
    const norm = (u: string) => (/^[a-z][a-z0-9+.-]*:\/\/[^/]*$/i.test(u) ? `${u}/` : u);
    return (r) => norm(r.url) === norm(to);
  }
  const n = nodeOf(sb, to);
  const addrs = new Set<string>(n ? n.intfs.flatMap((i) => i.addrs.map((a) => formatIpv4(a.addr))) : []);
  return (r) => r.host === to || addrs.has(r.host);
}

type LinkParamsCheck = Extract<Check, { kind: 'linkParams' }>;

/** Why an interface's shaping differs from what the check asks, or undefined when it matches. */
function tcProblem(intf: Intf, c: LinkParamsCheck): string | undefined {
  const tc: TcParams = intf.tc ?? {};
  const what = `${intf.name} has`;
  const ms = (us: number | undefined): string => (us === undefined ? 'none' : `${us / 1000}ms`);
  if (c.bw !== undefined && tc.bw !== c.bw) return `${what} ${tc.bw === undefined ? 'no bandwidth limit' : `bw ${tc.bw} Mbit/s`}, not ${c.bw}`;
  if (c.delay !== undefined && tc.delay !== parseDelay(c.delay)) return `${what} delay ${ms(tc.delay)}, not ${c.delay}`;
  if (c.jitter !== undefined && tc.jitter !== parseDelay(c.jitter)) return `${what} jitter ${ms(tc.jitter)}, not ${c.jitter}`;
  if (c.loss !== undefined && tc.loss !== c.loss) return `${what} ${tc.loss === undefined ? 'no loss' : `loss ${tc.loss}%`}, not ${c.loss}%`;
  if (c.maxQueueSize !== undefined && tc.maxQueueSize !== c.maxQueueSize) return `${what} max_queue_size ${tc.maxQueueSize ?? 'unset'}, not ${c.maxQueueSize}`;
  return undefined;
}

/** A value against optional bounds, with the unit for the message; undefined when within. */
function boundsProblem(what: string, v: number, lo: number | undefined, hi: number | undefined, unit: string): string | undefined {
  if (!Number.isFinite(v)) return `${what} could not be read`;
  const shown = `${Number(v.toFixed(3))} ${unit}`;
  if (lo !== undefined && v < lo) return `${what} is ${shown}, below ${lo} ${unit}`;
  if (hi !== undefined && v > hi) return `${what} is ${shown}, above ${hi} ${unit}`;
  return undefined;
}

export function evaluate(check: Check, sb: Sandbox, ctx: EvalContext = {}): EvalResult {
  const log = sb.lessonLog;
  switch (check.kind) {
    case 'reaches': {
      const from = hostOf(sb, check.from);
      if (!(from instanceof Host)) return from;
      const dst = addressOf(sb, check.to);
      if (dst === undefined) return fail(`${check.to} has no address`);
      const problem = pathProblem(from, dst);
      if (problem) return fail(problem);
      if (check.requirePing === false) return pass();
      const p = log.lastPing(from, dst);
      if (!p) return fail(`no ping from ${check.from} to ${formatIpv4(dst)} yet`);
      if (p.received === 0) return fail(`the last ping from ${check.from} to ${formatIpv4(dst)} got no reply`);
      return pass();
    }
    case 'lastPingall': {
      const r = log.lastPingall;
      if (!r || !sb.mininet || r.mininet !== sb.mininet) return fail('no pingall on the running network yet');
      if (r.linkState !== sb.mininet.linkStateKey()) return fail('a link or a switch went up or down since the last pingall: run pingall again');
      if (r.sent === 0) return fail('the last pingall sent no packets');
      if (check.maxLoss !== undefined && r.loss > check.maxLoss) return fail(`the last pingall dropped ${Math.trunc(r.loss)}%`);
      if (check.minLoss !== undefined && r.loss < check.minLoss) return fail(`the last pingall dropped only ${Math.trunc(r.loss)}%`);
      return pass(`${Math.trunc(r.loss)}% dropped`);
    }
    case 'linkState': {
      const mn = sb.mininet;
      if (!mn) return fail('Mininet is not running');
      const l = mn.links.find((x) => (x.node1.name === check.a && x.node2.name === check.b) || (x.node1.name === check.b && x.node2.name === check.a));
      if (!l) return fail(`no link between ${check.a} and ${check.b}`);
      const up = l.link.up && l.intf1.adminUp && l.intf2.adminUp;
      if (up !== (check.state === 'up')) return fail(`the link ${check.a}-${check.b} is ${up ? 'up' : 'down'}`);
      if (check.flapped && l.intf1.adminChanges + l.intf2.adminChanges === 0) {
        return fail(`the link ${check.a}-${check.b} has been ${up ? 'up' : 'down'} since the network started`);
      }
      return pass();
    }
    case 'intfAddress': {
      const n = nodeOf(sb, check.node);
      if (!n) return fail(`no node ${check.node}`);
      const i = n.intf(check.intf);
      if (!i) return fail(`${check.node} has no interface ${check.intf}`);
      const want = parseCidr(check.address)!;
      const anyPrefix = !check.address.includes('/');
      const ok = i.addrs.some((a) => a.addr === want.addr && (anyPrefix || a.prefixLen === want.prefixLen));
      return ok ? pass() : fail(`${check.intf} does not have ${check.address}`);
    }
    case 'route': {
      const h = hostOf(sb, check.node);
      if (!(h instanceof Host)) return h;
      const want = check.to === 'default' ? { addr: 0, prefixLen: 0 } : parseCidr(check.to)!;
      const via = check.via !== undefined ? parseIpv4(check.via) : undefined;
      const ok = h.stack.routes.list().some((r) =>
        r.dst === want.addr && r.prefixLen === want.prefixLen &&
        (via === undefined || r.via === via) && (check.dev === undefined || r.dev?.name === check.dev));
      return ok ? pass() : fail(`${check.node} has no route to ${check.to}${check.via ? ` via ${check.via}` : ''}`);
    }
    case 'arpEntry': {
      const h = hostOf(sb, check.node);
      if (!(h instanceof Host)) return h;
      const ip = parseIpv4(check.ip)!;
      const e = h.stack.neighbors.cache.list().find((x) => x.ip === ip);
      if (!e) return fail(`${check.node} has no neighbour entry for ${check.ip}`);
      if (check.mac && e.mac?.toLowerCase() !== check.mac.toLowerCase()) return fail(`${check.ip} is at ${e.mac ?? '(incomplete)'}`);
      if (check.state === 'resolved' ? !e.mac || e.state === 'FAILED' || e.state === 'INCOMPLETE' : check.state !== undefined && e.state !== check.state) {
        return fail(`${check.ip} is ${e.state}`);
      }
      return pass();
    }
    case 'flowCount': {
      const s = nodeOf(sb, check.switch);
      if (!(s instanceof OvsSwitch)) return fail(`no switch ${check.switch}`);
      const n = s.flows.list().filter((f) => !check.match || flowMatches(f.match, check.match)).length;
      if (check.count !== undefined && n !== check.count) return fail(`${check.switch} has ${n} matching flows, not ${check.count}`);
      if (check.min !== undefined && n < check.min) return fail(`${check.switch} has ${n} matching flows, fewer than ${check.min}`);
      if (check.max !== undefined && n > check.max) return fail(`${check.switch} has ${n} matching flows, more than ${check.max}`);
      return pass(`${n} flows`);
    }
    case 'commandRan': {
      const p = re(check.pattern, check.flags);
      const ok = log.commandsOf(check.session ?? ctx.session).some((c) => (check.mode === undefined || c.mode === check.mode) && p.test(c.line));
      return ok ? pass() : fail(`no command matching /${check.pattern}/ was run`);
    }
    case 'outputMatched': {
      const cmds = log.commandsOf(ctx.session);
      const cp = check.command !== undefined ? re(check.command) : undefined;
      const c = cp ? [...cmds].reverse().find((x) => cp.test(x.line)) : cmds[cmds.length - 1];
      if (!c) return fail(cp ? `no command matching /${check.command}/ was run` : 'no command was run');
      return re(check.pattern, check.flags).test(c.output) ? pass() : fail(`the output of \`${c.line}\` does not match /${check.pattern}/`);
    }
    case 'fileContent': {
      const text = sb.fs.readFile(check.path);
      if (typeof text !== 'string' || !sb.fs.isFile(check.path)) return fail(`${check.path} does not exist`);
      return re(check.pattern, check.flags).test(text) ? pass() : fail(`${check.path} does not match /${check.pattern}/`);
    }
    case 'mininetRunning': {
      const mn = sb.mininet;
      if (!mn || !mn.started || mn.stopped) return fail('Mininet is not running');
      if (check.hosts !== undefined && mn.hosts.length !== check.hosts) return fail(`the network has ${mn.hosts.length} hosts, not ${check.hosts}`);
      if (check.switches !== undefined && mn.allSwitches().length !== check.switches) return fail(`the network has ${mn.allSwitches().length} switches, not ${check.switches}`);
      const problem = check.topo !== undefined ? topoProblem(sb, check.topo) : undefined;
      return problem ? fail(problem) : pass();
    }
    case 'linkParams': {
      const mn = sb.mininet;
      if (!mn || !mn.started || mn.stopped) return fail('Mininet is not running');
      const links = check.a === undefined
        ? mn.links
        : mn.links.filter((x) => (x.node1.name === check.a && x.node2.name === check.b) || (x.node1.name === check.b && x.node2.name === check.a));
      if (links.length === 0) return fail(check.a === undefined ? 'the network has no links' : `no link between ${check.a} and ${check.b}`);
      for (const l of links) {
        const problem = tcProblem(l.intf1, check) ?? tcProblem(l.intf2, check);
        if (problem) return fail(problem);
      }
      return pass();
    }
    case 'pingRtt': {
      const found = lastPingOf(sb, check.from, check.to);
      if (!('ping' in found)) return found;
      const { ping: p, dst } = found;
      if (!p.rtt) return fail(`the last ping from ${check.from} to ${formatIpv4(dst)} got no reply`);
      const stat = check.stat ?? 'min';
      const problem = boundsProblem(`the ${stat} RTT of the last ping from ${check.from} to ${formatIpv4(dst)}`, p.rtt[stat], check.atLeastMs, check.atMostMs, 'ms');
      return problem ? fail(problem) : pass(`${stat} RTT ${p.rtt[stat].toFixed(3)} ms`);
    }
    case 'iperfRate': {
      const [na, nb] = check.between;
      const a = hostOf(sb, na);
      if (!(a instanceof Host)) return a;
      const b = hostOf(sb, nb);
      if (!(b instanceof Host)) return b;
      const r = log.lastIperf(a, b);
      if (!r) return fail(`no iperf between ${na} and ${nb} yet`);
      if (check.udp !== undefined && r.udp !== check.udp) return fail(`the last iperf between ${na} and ${nb} was ${r.udp ? 'iperfudp' : 'a TCP iperf'}`);
      const problem = boundsProblem(`the rate ${r.server.name} received from ${r.client.name}`, r.serverMbps, check.atLeastMbps, check.atMostMbps, 'Mbit/s');
      return problem ? fail(problem) : pass(`${r.serverMbps} Mbit/s`);
    }
    case 'forwarding': {
      const h = hostOf(sb, check.node);
      if (!(h instanceof Host)) return h;
      const want = check.on ?? true;
      if (h.stack.forwarding !== want) return fail(`${check.node} ${h.stack.forwarding ? 'forwards' : 'does not forward'} packets (net.ipv4.ip_forward = ${h.stack.ipForward})`);
      return pass();
    }
    case 'pingTtl': {
      const found = lastPingOf(sb, check.from, check.to);
      if (!('ping' in found)) return found;
      const { ping: p, dst } = found;
      if (p.ttls.length === 0) return fail(`the last ping from ${check.from} to ${formatIpv4(dst)} got no reply`);
      if (!p.ttls.includes(check.ttl)) return fail(`the last ping from ${check.from} to ${formatIpv4(dst)} saw ttl=${p.ttls.join(', ttl=')}, not ttl=${check.ttl}`);
      return pass(`ttl=${check.ttl}`);
    }
    case 'listening': {
      const h = hostOf(sb, check.node);
      if (!(h instanceof Host)) return h;
      if (!h.stack.tcp.listeningPorts().includes(check.port)) return fail(`nothing listens on TCP port ${check.port} of ${check.node}`);
      return pass();
    }
    case 'httpFetch': {
      if (!nodeOf(sb, check.from)) return fail(`no node ${check.from}${sb.mininet ? '' : ' (Mininet is not running)'}`);
      const wanted = fetchTarget(sb, check.to);
      const f = [...log.fetches].reverse().find((r) => r.node === check.from && wanted(r));
      if (!f) return fail(`no fetch from ${check.from} to ${check.to} yet`);
      if (check.status !== undefined) {
        if (f.status !== check.status) return fail(`the last fetch from ${check.from} to ${check.to} ${f.status === undefined ? 'got no answer' : `got ${f.status}, not ${check.status}`}`);
        return pass(`${f.status}`);
      }
      if (!f.ok) return fail(`the last fetch from ${check.from} to ${check.to} ${f.status === undefined ? 'got no answer' : `failed with ${f.status}`}`);
      return pass(f.status === undefined ? undefined : `${f.status}`);
    }
    case 'onosRunning':
    case 'onosApp':
    case 'onosDevices':
    case 'onosLinks':
    case 'onosHost':
    case 'onosFlows':
    case 'onosIntent':
      return evaluateOnos(check, sb);
    case 'dockerNetwork':
    case 'containerRunning':
    case 'containerAddress':
    case 'containersReach':
    case 'nameResolves':
      return evaluateDocker(check, sb);
    case 'sqlRow':
      return evaluateSqlRow(check, sb);
    case 'pathLength':
    case 'equalCostPaths':
      return evaluateFabricCheck(sb, check);
    case 'all': {
      for (const c of check.of) {
        const r = evaluate(c, sb, ctx);
        if (!r.passed) return r;
      }
      return pass();
    }
    case 'any': {
      const details: string[] = [];
      for (const c of check.of) {
        const r = evaluate(c, sb, ctx);
        if (r.passed) return r;
        if (r.detail) details.push(r.detail);
      }
      return fail(details.join('; or '));
    }
    case 'not': {
      const r = evaluate(check.check, sb, ctx);
      return r.passed ? fail(`expected not: ${r.detail ?? check.check.kind + ' holds'}`) : pass(r.detail);
    }
  }
}
