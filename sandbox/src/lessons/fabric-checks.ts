/**
 * Lesson checks on routed paths (issue 8: data-center fabrics), part of the vocabulary in
 * checks.ts. They read the routing state the way the kernel would forward: from a host, route
 * lookups hop by hop, over every live next hop of a multipath route, across Open vSwitch
 * segments and through routers and fabric switches (which answer ARP for what they route
 * elsewhere, so hosts with Mininet's /8 reach them as their next hop).
 *
 * Kinds:
 * - pathLength {from, to, hops? | min? | max?}: the number of IP hops from host `from` to `to` (a
 *   node or an address), counted as traceroute counts its lines: every router or fabric switch
 *   on the way, plus the destination. Hosts on one switch are 1 hop apart; in a leaf-spine
 *   fabric, hosts on different leaves are 4 (leaf, spine, leaf, host).
 * - equalCostPaths {from, to, count? | min? | max?}: how many distinct shortest paths the routing
 *   currently spreads the traffic from `from` to `to` over (the product of the equal-cost next hops
 *   along the way, summed over branches). A failed spine takes its paths out of use.
 * A link that is down while traffic still flows is `all` of linkState (down) and lastPingall
 * (maxLoss 0); measured bandwidth is iperfRate.
 */
import { z } from 'zod';
import type { Sandbox } from '../sandbox';
import { Host } from '../devices/host';
import { FabricSwitch } from '../devices/fabric-switch';
import { liveNexthops } from '../net/route-table';
import { crossSegment } from '../net/flow-model';
import type { Ipv4 } from '../wire/addr';
import { formatIpv4, parseIpv4 } from '../wire/addr';

export type FabricCheck =
  | { kind: 'pathLength'; from: string; to: string; hops?: number; min?: number; max?: number }
  | { kind: 'equalCostPaths'; from: string; to: string; count?: number; min?: number; max?: number };

const name = z.string().min(1, 'must not be empty');
const hops = z.number().int().min(1, 'must be 1 or more').max(64, 'must be at most 64');
const paths = z.number().int().min(1, 'must be 1 or more');

/** The zod variants, spread into checks.ts's discriminated union. */
export const fabricCheckSchemas = [
  z.strictObject({ kind: z.literal('pathLength'), from: name, to: name, hops: hops.optional(), min: hops.optional(), max: hops.optional() }),
  z.strictObject({ kind: z.literal('equalCostPaths'), from: name, to: name, count: paths.optional(), min: paths.optional(), max: paths.optional() }),
] as const;

type Result = { passed: boolean; detail?: string };

interface Reach {
  readonly hops: number;
  readonly paths: number;
}

/**
 * Shortest routed reach from `node` to `dst`: hops and the number of equal-cost paths, or why
 * there is none. Memoised per node (a fat tree's paths multiply, its nodes do not).
 */
export function routedReach(from: Host, dst: Ipv4): Reach | string {
  const memo = new Map<Host, Reach | string>();
  const visiting = new Set<Host>();
  const walk = (node: Host, depth: number): Reach | string => {
    const known = memo.get(node);
    if (known !== undefined) return known;
    if (node.stack.isLocal(dst)) return { hops: 0, paths: 1 };
    if (depth > 64 || visiting.has(node)) return `a routing loop at ${node.name}`;
    if (node !== from && !node.stack.forwarding) return `${node.name} does not forward packets`;
    if (node instanceof FabricSwitch && !node.running) return `${node.name} is stopped`;
    const r = node.stack.routes.lookup(dst);
    if (!r || r.type !== 'unicast') return `${node.name} has no route to ${formatIpv4(dst)}`;
    visiting.add(node);
    let best: Reach | undefined;
    let problem = `${node.name} has no working next hop towards ${formatIpv4(dst)}`;
    for (const nh of liveNexthops(r)) {
      if (!nh.dev.running) continue;
      const next = crossSegment(nh.dev, nh.via ?? dst)?.to;
      if (!next) {
        problem = `no working path from ${node.name} (${nh.dev.name}) to ${formatIpv4(nh.via ?? dst)}`;
        continue;
      }
      const sub = walk(next, depth + 1);
      if (typeof sub === 'string') {
        problem = sub;
        continue;
      }
      const hopsHere = sub.hops + 1;
      if (!best || hopsHere < best.hops) best = { hops: hopsHere, paths: sub.paths };
      else if (hopsHere === best.hops) best = { hops: best.hops, paths: best.paths + sub.paths };
    }
    visiting.delete(node);
    const result = best ?? problem;
    memo.set(node, result);
    return result;
  };
  return walk(from, 0);
}

function bounds(what: string, have: number, exact?: number, min?: number, max?: number): string | undefined {
  if (exact !== undefined && have !== exact) return `${what} is ${have}, not ${exact}`;
  if (min !== undefined && have < min) return `${what} is ${have}, fewer than ${min}`;
  if (max !== undefined && have > max) return `${what} is ${have}, more than ${max}`;
  return undefined;
}

export function evaluateFabricCheck(sb: Sandbox, check: FabricCheck): Result {
  const mn = sb.mininet;
  if (!mn) return { passed: false, detail: 'Mininet is not running' };
  const from = mn.get(check.from);
  if (!(from instanceof Host) || from instanceof FabricSwitch) return { passed: false, detail: `no host ${check.from}` };
  let dst = parseIpv4(check.to);
  if (dst === undefined) {
    const to = mn.get(check.to);
    if (!(to instanceof Host)) return { passed: false, detail: `no node ${check.to}` };
    dst = to.dataIntfs().find((i) => i.addrs[0])?.addrs[0]?.addr;
    if (dst === undefined) return { passed: false, detail: `${check.to} has no address` };
  }
  const reach = routedReach(from, dst);
  if (typeof reach === 'string') return { passed: false, detail: reach };
  if (check.kind === 'pathLength') {
    const problem = bounds(`the path from ${check.from} to ${check.to}`, reach.hops, check.hops, check.min, check.max);
    return problem ? { passed: false, detail: problem } : { passed: true, detail: `${reach.hops} hops` };
  }
  const problem = bounds(`the number of equal-cost paths from ${check.from} to ${check.to}`, reach.paths, check.count, check.min, check.max);
  return problem ? { passed: false, detail: problem } : { passed: true, detail: `${reach.paths} paths` };
}
