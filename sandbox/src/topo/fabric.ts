/**
 * Data-center fabric topologies (not part of Mininet; Patchbay's, for the fabric lessons):
 *
 *   threetier,cores=2,aggs=4,access=8,hosts=2   core layer over pods; a pod is a pair of
 *                                               aggregation switches and its access switches
 *   leafspine,spines=2,leaves=4,hosts=2         every leaf linked to every spine (a folded Clos)
 *   fattree,k=4                                 Al-Fares et al.'s k-ary fat tree: k pods of k/2
 *                                               edge and k/2 aggregation switches, (k/2)^2 cores,
 *                                               k^3/4 hosts; k even, 2 to 16 in this sandbox
 *
 * Their switches are routed fabric switches (devices/fabric-switch.ts, `cls: 'FabricSwitch'`),
 * whatever --switch says, as a topology's own switch class wins in Mininet. Each switch node
 * carries its `tier` (core, aggregation, access, spine, leaf, edge) and, in three-tier and fat-tree
 * networks, its `pod` (from 1), which the browser's picture reads.
 *
 * Naming and numbering keep Mininet's conventions: hosts h1..hN numbered left to right under
 * the access, leaf or edge switches (so 10.0.0.N/8 by Mininet's addressing), switch names end in
 * their number (core1, agg1, acc1, spine1, leaf1, edge1) and dpids derive from it as Mininet does.
 * Links are added host ports first, then uplinks, so a leaf's hosts are on leaf1-eth1.. and its
 * uplinks follow, and an upper switch's port n goes to the n-th switch below it.
 */
import { Topo } from './topo';
import type { FabricTier } from '../devices/fabric-switch';
import { FABRIC_SWITCH_CLASS } from '../devices/fabric-switch';

/** The largest fat tree the sandbox builds: 1024 hosts and 320 switches. */
export const MAX_FATTREE_K = 16;

/** Thrown for a parameter the topology cannot be built with (shown as `Exception: ...`). */
export class FabricParamError extends Error {}

function switchOpts(tier: FabricTier, pod?: number): Record<string, unknown> {
  return pod === undefined ? { cls: FABRIC_SWITCH_CLASS, tier } : { cls: FABRIC_SWITCH_CLASS, tier, pod };
}

function atLeast(topo: string, name: string, v: number, min: number): void {
  if (!Number.isInteger(v) || v < min) throw new FabricParamError(`${topo}: ${name} must be an integer >= ${min} (got ${v})`);
}

export interface ThreeTierParams {
  readonly cores: number;
  readonly aggs: number;
  readonly access: number;
  readonly hosts: number;
}

/** Pods in a three-tier network: one per pair of aggregation switches. */
export function threeTierPods(p: Pick<ThreeTierParams, 'aggs'>): number {
  return p.aggs / 2;
}

export function checkThreeTier(p: ThreeTierParams): void {
  atLeast('threetier', 'cores', p.cores, 1);
  atLeast('threetier', 'aggs', p.aggs, 2);
  atLeast('threetier', 'access', p.access, 1);
  atLeast('threetier', 'hosts', p.hosts, 0);
  if (p.aggs % 2 !== 0) throw new FabricParamError(`threetier: aggs must be even, one pair of aggregation switches per pod (got ${p.aggs})`);
  const pods = threeTierPods(p);
  if (p.access % pods !== 0) {
    throw new FabricParamError(`threetier: access must be a multiple of the number of pods, aggs/2 = ${pods} (got ${p.access})`);
  }
}

export function threeTierSize(p: ThreeTierParams): number {
  return p.cores + p.aggs + p.access + p.access * Math.max(0, p.hosts);
}

/**
 * Three-tier: cores on top; per pod two aggregation switches, each linked to every core; under
 * them the pod's access switches, each linked to both of its pod's aggregation switches.
 */
export function threeTier(p: ThreeTierParams): Topo {
  checkThreeTier(p);
  const t = new Topo();
  const pods = threeTierPods(p);
  const perPod = p.access / pods;
  const cores: string[] = [];
  for (let c = 1; c <= p.cores; c++) cores.push(t.addSwitch(`core${c}`, switchOpts('core')));
  let host = 1;
  for (let pod = 1; pod <= pods; pod++) {
    const aggs = [2 * pod - 1, 2 * pod].map((a) => t.addSwitch(`agg${a}`, switchOpts('aggregation', pod)));
    for (let i = 1; i <= perPod; i++) {
      const acc = t.addSwitch(`acc${(pod - 1) * perPod + i}`, switchOpts('access', pod));
      for (let h = 0; h < p.hosts; h++) t.addLink(t.addHost(`h${host++}`), acc);
      for (const agg of aggs) t.addLink(acc, agg);
    }
    for (const agg of aggs) for (const core of cores) t.addLink(agg, core);
  }
  return t;
}

export interface LeafSpineParams {
  readonly spines: number;
  readonly leaves: number;
  readonly hosts: number;
}

export function checkLeafSpine(p: LeafSpineParams): void {
  atLeast('leafspine', 'spines', p.spines, 1);
  atLeast('leafspine', 'leaves', p.leaves, 1);
  atLeast('leafspine', 'hosts', p.hosts, 0);
}

export function leafSpineSize(p: LeafSpineParams): number {
  return p.spines + p.leaves + p.leaves * Math.max(0, p.hosts);
}

/** Leaf-spine: every leaf linked to every spine; hosts on the leaves. */
export function leafSpine(p: LeafSpineParams): Topo {
  checkLeafSpine(p);
  const t = new Topo();
  const spines: string[] = [];
  for (let s = 1; s <= p.spines; s++) spines.push(t.addSwitch(`spine${s}`, switchOpts('spine')));
  let host = 1;
  for (let l = 1; l <= p.leaves; l++) {
    const leaf = t.addSwitch(`leaf${l}`, switchOpts('leaf'));
    for (let h = 0; h < p.hosts; h++) t.addLink(t.addHost(`h${host++}`), leaf);
    for (const spine of spines) t.addLink(leaf, spine);
  }
  return t;
}

export function checkFatTree(k: number): void {
  if (!Number.isInteger(k) || k < 2 || k % 2 !== 0) throw new FabricParamError(`fattree: k must be an even integer >= 2 (got ${k})`);
}

export function fatTreeSize(k: number): number {
  return (k * k * k) / 4 + (5 * k * k) / 4;
}

/** The sandbox's limit, as the message mn prints, or undefined if k is within it. */
export function fatTreeLimit(k: number): string | undefined {
  if (k <= MAX_FATTREE_K) return undefined;
  return `fattree,k=${k} would have ${(k * k * k) / 4} hosts and ${(5 * k * k) / 4} switches; ` +
    `the sandbox builds fat trees up to k=${MAX_FATTREE_K} (1024 hosts, 320 switches).`;
}

/**
 * The k-ary fat tree: pod p has edge and aggregation switches numbered (p-1)·k/2+1 .. p·k/2;
 * every edge switch links to every aggregation switch of its pod; the i-th aggregation switch
 * of each pod links to cores (i-1)·k/2+1 .. i·k/2, so core c has one port per pod, in pod order.
 */
export function fatTree(k: number): Topo {
  checkFatTree(k);
  const half = k / 2;
  const t = new Topo();
  const cores: string[] = [];
  for (let c = 1; c <= half * half; c++) cores.push(t.addSwitch(`core${c}`, switchOpts('core')));
  let host = 1;
  for (let pod = 1; pod <= k; pod++) {
    const aggs: string[] = [];
    for (let i = 1; i <= half; i++) aggs.push(t.addSwitch(`agg${(pod - 1) * half + i}`, switchOpts('aggregation', pod)));
    for (let i = 1; i <= half; i++) {
      const edge = t.addSwitch(`edge${(pod - 1) * half + i}`, switchOpts('edge', pod));
      for (let h = 0; h < half; h++) t.addLink(t.addHost(`h${host++}`), edge);
      for (const agg of aggs) t.addLink(edge, agg);
    }
    aggs.forEach((agg, i) => {
      for (let c = 0; c < half; c++) t.addLink(agg, cores[i * half + c]!);
    });
  }
  return t;
}
