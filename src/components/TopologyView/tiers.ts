/**
 * Which row of the drawing each node sits in (0 = top). A fabric's switches carry their tier
 * (core, aggregation, access; spine, leaf; fat-tree edge): one row per tier present, in the
 * textbook order, hosts below. Without tiers the rows come from the graph: end nodes (hosts,
 * containers) at the bottom, every other node by its distance in hops from the nearest end node,
 * the farthest at the top (a Mininet tree comes out as its tree; a linear topology as one row of
 * switches over its hosts). Controllers, which have no links, sit above everything.
 */
import type { NetworkLinkView, NetworkNodeView, NetworkTier } from '@site/sandbox/worker/api';

/** Top to bottom. Fat-tree's edge layer and three-tier's access layer play the same part. */
export const TIER_ORDER: readonly NetworkTier[] = ['core', 'spine', 'aggregation', 'access', 'leaf', 'edge'];

export function isEndNode(n: NetworkNodeView): boolean {
  return n.kind === 'host' || n.kind === 'container';
}

/** The neighbours of every node, through links (up or down: a cable taken out keeps its place). */
export function adjacency(nodes: readonly NetworkNodeView[], links: readonly NetworkLinkView[]): Map<string, string[]> {
  const adj = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const l of links) {
    if (l.a.node === l.b.node) continue;
    adj.get(l.a.node)?.push(l.b.node);
    adj.get(l.b.node)?.push(l.a.node);
  }
  return adj;
}

/** Hops from the nearest end node (breadth-first from all of them); Infinity when none is reachable. */
function distanceFromEnds(nodes: readonly NetworkNodeView[], adj: Map<string, string[]>): Map<string, number> {
  const dist = new Map<string, number>();
  let frontier = nodes.filter(isEndNode).map((n) => n.id);
  for (const id of frontier) dist.set(id, 0);
  for (let d = 1; frontier.length > 0; d++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const m of adj.get(id) ?? []) {
        if (dist.has(m)) continue;
        dist.set(m, d);
        next.push(m);
      }
    }
    frontier = next;
  }
  for (const n of nodes) if (!dist.has(n.id)) dist.set(n.id, Infinity);
  return dist;
}

export function rankNodes(nodes: readonly NetworkNodeView[], links: readonly NetworkLinkView[]): Map<string, number> {
  const adj = adjacency(nodes, links);
  const dist = distanceFromEnds(nodes, adj);
  const ranks = new Map<string, number>();
  const present = TIER_ORDER.filter((t) => nodes.some((n) => n.tier === t));
  const finite = [...dist.values()].filter((d) => Number.isFinite(d));
  const maxDist = finite.length > 0 ? Math.max(...finite) : 0;

  if (present.length > 0) {
    // Tiered: one row per tier; hosts under the lowest; untiered switches (a router, say) by distance.
    const bottom = present.length;
    for (const n of nodes) {
      if (n.kind === 'controller') continue;
      if (n.tier) ranks.set(n.id, present.indexOf(n.tier));
      else if (isEndNode(n)) ranks.set(n.id, bottom);
      else {
        const d = dist.get(n.id)!;
        ranks.set(n.id, Number.isFinite(d) ? Math.max(0, bottom - d) : 0);
      }
    }
  } else {
    for (const n of nodes) {
      if (n.kind === 'controller') continue;
      const d = dist.get(n.id)!;
      ranks.set(n.id, Number.isFinite(d) ? maxDist - d : 0);
    }
  }
  // Controllers above the top row.
  const top = ranks.size > 0 ? Math.min(...ranks.values()) : 0;
  for (const n of nodes) if (n.kind === 'controller') ranks.set(n.id, top - 1);
  // Rows numbered from 0 without gaps.
  const used = [...new Set(ranks.values())].sort((a, b) => a - b);
  const index = new Map(used.map((r, i) => [r, i]));
  for (const [id, r] of ranks) ranks.set(id, index.get(r)!);
  return ranks;
}
