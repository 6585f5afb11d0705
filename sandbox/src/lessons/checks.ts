/**
 * The lesson check vocabulary: checks are plain data (JSON-able, written in a lesson's MDX),
 * validated here with zod and evaluated by evaluate.ts against the sandbox after every command.
 * Prefer state kinds (reaches, linkState, intfAddress, route, forwarding, listening, arpEntry,
 * flowCount, fileContent, mininetRunning) to history kinds (commandRan, outputMatched): state cannot be faked by typing.
 *
 * Kinds:
 * - reaches {from, to, requirePing?=true}: `from` (node name) can reach `to` (node name or IPv4)
 *   now — a path over up links and routes exists — and, unless requirePing is false, the last
 *   ping run on `from` towards that address got a reply.
 * - lastPingall {maxLoss?, minLoss?}: the last pingall on the running network (percent dropped),
 *   run since the last time a link went up or down (an older one no longer describes the network).
 * - linkState {a, b, state, flapped?}: the link between nodes a and b is 'up' or 'down'. With
 *   flapped: true it must also have changed state since the network started: `state: 'up'` then
 *   means it went down and came back, so a step "put the link back" cannot pass before the link
 *   was ever taken down.
 * - intfAddress {node, intf, address}: the interface has the address (`10.0.0.1/8`; no prefix =
 *   any prefix length).
 * - route {node, to, via?, dev?}: node's table has a route to the prefix (`10.0.0.0/8`, `default`).
 * - arpEntry {node, ip, mac?, state?}: node's neighbour table has the address (a state such as
 *   REACHABLE, or 'resolved' = any state with a MAC).
 * - flowCount {switch, count? | min? | max?, match?}: the flows on a switch (those matching
 *   every field given, in ovs-ofctl spelling: {nw_dst: '10.0.0.2', in_port: 1}).
 * - commandRan {pattern, flags?, mode?, session?}: a line typed matched the regex.
 * - outputMatched {pattern, flags?, command?}: the last line typed (or, with `command`, the last
 *   one matching that regex) printed output matching the regex.
 * - fileContent {path, pattern, flags?}: the file exists and its content matches the regex.
 * - mininetRunning {topo?, hosts?, switches?}: a Mininet network runs; topo ('single,3') compares
 *   its nodes and links with what that topology builds.
 * - linkParams {a?, b?, bw?, delay?, jitter?, loss?, maxQueueSize?}: traffic shaping on the running
 *   network (TCLink: `--link tc,...`, `addLink(..., cls=TCLink, bw=10)`): the link between a and b
 *   (both given) or every link (neither given) has each parameter given on both of its ends. bw in
 *   Mbit/s, delay and jitter as Mininet writes them ('5ms', '100us'; compared as durations), loss
 *   in percent, maxQueueSize in packets. A plain link has none of them.
 * - pingRtt {from, to, stat?='min', atLeastMs?, atMostMs?}: the last ping run on `from` towards `to`
 *   (node or IPv4) got replies, and its RTT statistic ('min', 'avg' or 'max', in ms, as in ping's
 *   `rtt min/avg/max/mdev` line) is within the bounds. 'min' leaves out the slow first reply (ARP,
 *   flow setup), so it measures the path's own delay.
 * - iperfRate {between: [a, b], atLeastMbps?, atMostMbps?, udp?}: the last Mininet iperf between
 *   hosts a and b (either way round; the `iperf`/`iperfudp` CLI commands, `mn --test iperf`,
 *   net.iperf()) finished, and the rate the server received (the first TCP result) is within the
 *   bounds, in Mbit/s. udp: true/false asks for iperfudp/iperf only (either when absent). An iperf
 *   run by hand (`h1 iperf -s &`) is not recorded.
 * - forwarding {node, on?=true}: the node routes packets that are not for it (net.ipv4.ip_forward
 *   is not 0, whether set by sysctl, /proc or a LinuxRouter); with on: false, it does not.
 * - pingTtl {from, to, ttl}: the last ping run on `from` towards `to` (node or IPv4) got a reply
 *   with this TTL (`ttl=63` through one router from a Linux host).
 * - listening {node, port}: a TCP server listens on the node's port now (a web server started
 *   in the background, iperf -s).
 * - httpFetch {from, to, status?}: the last HTTP fetch (wget, curl) run on `from` towards `to`
 *   (a node, an IPv4 address or host name, or a whole URL) got this status, or, without status,
 *   succeeded (a 2xx answer).
 * - onosRunning, onosApp, onosDevices, onosLinks, onosHost, onosFlows, onosIntent: the emulated ONOS
 *   controller's state (onos-checks.ts).
 * - dockerNetwork, containerRunning, containerAddress, containersReach, nameResolves: the emulated
 *   Docker engine's state (docker-checks.ts); sqlRow, a row in a mysql container's table (sql-checks.ts).
 * - pathLength, equalCostPaths: routed paths between hosts, hop count and the number of
 *   equal-cost paths in use (fabric-checks.ts).
 * - all {of}, any {of}, not {check}.
 */
import { z } from 'zod';
import { parseCidr, parseIpv4 } from '../wire/addr';
import { findTopo, splitArgs } from '../topo/library';
import { onosCheckSchemas, type OnosCheck } from './onos-checks';
import { dockerCheckSchemas, type DockerCheck } from './docker-checks';
import { sqlCheckSchemas, type SqlCheck } from './sql-checks';
import { fabricCheckSchemas, type FabricCheck } from './fabric-checks';

const NEIGH_STATES = ['INCOMPLETE', 'REACHABLE', 'STALE', 'DELAY', 'PROBE', 'FAILED', 'PERMANENT', 'NOARP', 'resolved'] as const;
export const FLOW_FIELDS = ['in_port', 'dl_src', 'dl_dst', 'dl_type', 'vlan_tci', 'nw_src', 'nw_dst', 'nw_proto', 'nw_tos', 'tp_src', 'tp_dst'] as const;
export type FlowField = (typeof FLOW_FIELDS)[number];

export type Check =
  | { kind: 'reaches'; from: string; to: string; requirePing?: boolean }
  | { kind: 'lastPingall'; maxLoss?: number; minLoss?: number }
  | { kind: 'linkState'; a: string; b: string; state: 'up' | 'down'; flapped?: boolean }
  | { kind: 'intfAddress'; node: string; intf: string; address: string }
  | { kind: 'route'; node: string; to: string; via?: string; dev?: string }
  | { kind: 'arpEntry'; node: string; ip: string; mac?: string; state?: (typeof NEIGH_STATES)[number] }
  | { kind: 'flowCount'; switch: string; count?: number; min?: number; max?: number; match?: Partial<Record<FlowField, string | number>> }
  | { kind: 'commandRan'; pattern: string; flags?: string; mode?: string; session?: number }
  | { kind: 'outputMatched'; pattern: string; flags?: string; command?: string }
  | { kind: 'fileContent'; path: string; pattern: string; flags?: string }
  | { kind: 'mininetRunning'; topo?: string; hosts?: number; switches?: number }
  | { kind: 'linkParams'; a?: string; b?: string; bw?: number; delay?: string; jitter?: string; loss?: number; maxQueueSize?: number }
  | { kind: 'pingRtt'; from: string; to: string; stat?: 'min' | 'avg' | 'max'; atLeastMs?: number; atMostMs?: number }
  | { kind: 'iperfRate'; between: [string, string]; atLeastMbps?: number; atMostMbps?: number; udp?: boolean }
  | { kind: 'forwarding'; node: string; on?: boolean }
  | { kind: 'pingTtl'; from: string; to: string; ttl: number }
  | { kind: 'listening'; node: string; port: number }
  | { kind: 'httpFetch'; from: string; to: string; status?: number }
  | OnosCheck
  | DockerCheck
  | SqlCheck
  | FabricCheck
  | { kind: 'all'; of: Check[] }
  | { kind: 'any'; of: Check[] }
  | { kind: 'not'; check: Check };

const name = z.string().min(1, 'must name a node');
const ipv4 = z.string().refine((s) => parseIpv4(s) !== undefined, { message: 'must be an IPv4 address like 10.0.0.1' });
const nodeOrIp = z.string().min(1, 'must name a node or an IPv4 address');
const cidr = z.string().refine((s) => parseCidr(s) !== undefined, { message: 'must be an address like 10.0.0.1/8' });
const prefix = z.string().refine((s) => s === 'default' || parseCidr(s) !== undefined, { message: "must be a prefix like 10.0.0.0/8 or 'default'" });
const flags = z.string().regex(/^[imsu]*$/, 'flags may only use i, m, s, u');
const regex = z.string().min(1, 'must be a regular expression').refine((s) => compiles(s), { message: 'is not a valid regular expression' });
const count = z.number().int().nonnegative();
const loss = z.number().min(0).max(100);
/** Durations as Mininet's TCLink takes them (mininet/tc.ts parseDelay): a number and us/ms/s (ms when bare). */
export const DURATION = /^\s*(\d+\.?\d*|\.\d+)\s*(us|ms|s)?\s*$/;
const duration = z.string().refine((s) => DURATION.test(s), { message: "must be a duration like '5ms', '100us' or '1s'" });
const positive = z.number().nonnegative();
const port = z.number().int().min(1, 'must be a port from 1 to 65535').max(65535, 'must be a port from 1 to 65535');

function compiles(s: string): boolean {
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
}

function topoKnown(s: string): boolean {
  return findTopo(splitArgs(s).name) !== undefined;
}

export const checkSchema: z.ZodType<Check> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('reaches'), from: name, to: nodeOrIp, requirePing: z.boolean().optional() }),
    z
      .strictObject({ kind: z.literal('lastPingall'), maxLoss: loss.optional(), minLoss: loss.optional() })
      .refine((c) => c.maxLoss !== undefined || c.minLoss !== undefined, { message: 'give maxLoss or minLoss' }),
    z.strictObject({ kind: z.literal('linkState'), a: name, b: name, state: z.enum(['up', 'down']), flapped: z.boolean().optional() }),
    z.strictObject({ kind: z.literal('intfAddress'), node: name, intf: z.string().min(1), address: cidr }),
    z.strictObject({ kind: z.literal('route'), node: name, to: prefix, via: ipv4.optional(), dev: z.string().min(1).optional() }),
    z.strictObject({ kind: z.literal('arpEntry'), node: name, ip: ipv4, mac: z.string().regex(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i, 'must be a MAC like 00:00:00:00:00:01').optional(), state: z.enum(NEIGH_STATES).optional() }),
    z
      .strictObject({
        kind: z.literal('flowCount'), switch: name, count: count.optional(), min: count.optional(), max: count.optional(),
        match: z.partialRecord(z.enum(FLOW_FIELDS), z.union([z.string(), z.number()])).optional(),
      })
      .refine((c) => c.count !== undefined || c.min !== undefined || c.max !== undefined, { message: 'give count, min or max' }),
    z.strictObject({ kind: z.literal('commandRan'), pattern: regex, flags: flags.optional(), mode: z.string().optional(), session: z.number().int().optional() }),
    z.strictObject({ kind: z.literal('outputMatched'), pattern: regex, flags: flags.optional(), command: regex.optional() }),
    z.strictObject({ kind: z.literal('fileContent'), path: z.string().startsWith('/', 'must be an absolute path'), pattern: regex, flags: flags.optional() }),
    z.strictObject({
      kind: z.literal('mininetRunning'),
      topo: z.string().refine(topoKnown, { message: 'is not a topology mn knows (single,3, linear,2, tree,2, ...)' }).optional(),
      hosts: count.optional(), switches: count.optional(),
    }),
    z
      .strictObject({
        kind: z.literal('linkParams'), a: name.optional(), b: name.optional(),
        bw: z.number().positive().max(1000).optional(), delay: duration.optional(), jitter: duration.optional(),
        loss: loss.optional(), maxQueueSize: count.optional(),
      })
      .refine((c) => (c.a === undefined) === (c.b === undefined), { message: 'give both a and b (one link) or neither (every link)' })
      .refine((c) => c.bw !== undefined || c.delay !== undefined || c.jitter !== undefined || c.loss !== undefined || c.maxQueueSize !== undefined, {
        message: 'give bw, delay, jitter, loss or maxQueueSize',
      }),
    z
      .strictObject({
        kind: z.literal('pingRtt'), from: name, to: nodeOrIp, stat: z.enum(['min', 'avg', 'max']).optional(),
        atLeastMs: positive.optional(), atMostMs: positive.optional(),
      })
      .refine((c) => c.atLeastMs !== undefined || c.atMostMs !== undefined, { message: 'give atLeastMs or atMostMs' }),
    z
      .strictObject({
        kind: z.literal('iperfRate'), between: z.tuple([name, name]), atLeastMbps: positive.optional(), atMostMbps: positive.optional(),
        udp: z.boolean().optional(),
      })
      .refine((c) => c.atLeastMbps !== undefined || c.atMostMbps !== undefined, { message: 'give atLeastMbps or atMostMbps' }),
    z.strictObject({ kind: z.literal('forwarding'), node: name, on: z.boolean().optional() }),
    z.strictObject({ kind: z.literal('pingTtl'), from: name, to: nodeOrIp, ttl: z.number().int().min(1, 'must be 1 to 255').max(255, 'must be 1 to 255') }),
    z.strictObject({ kind: z.literal('listening'), node: name, port: port }),
    z.strictObject({
      kind: z.literal('httpFetch'), from: name, to: z.string().min(1, 'must name a node, an address or a URL'),
      status: z.number().int().min(100, 'must be an HTTP status such as 200 or 404').max(599, 'must be an HTTP status such as 200 or 404').optional(),
    }),
    ...onosCheckSchemas,
    ...dockerCheckSchemas,
    ...sqlCheckSchemas,
    ...fabricCheckSchemas,
    z.strictObject({ kind: z.literal('all'), of: z.array(checkSchema).min(1, 'needs at least one check') }),
    z.strictObject({ kind: z.literal('any'), of: z.array(checkSchema).min(1, 'needs at least one check') }),
    z.strictObject({ kind: z.literal('not'), check: checkSchema }),
  ]),
);

export type ParseResult = { ok: true; check: Check } | { ok: false; error: string };

/** Validate a check written by an author; the error names each bad field by its path. */
export function parseCheck(input: unknown): ParseResult {
  const r = checkSchema.safeParse(input);
  if (r.success) return { ok: true, check: r.data };
  const lines = r.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'check'}: ${i.message}`);
  return { ok: false, error: lines.join('\n') };
}
