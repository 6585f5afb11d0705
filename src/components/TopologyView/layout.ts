/**
 * Where the network view draws each node and link. Rows come from tiers.ts; @dagrejs/dagre (a
 * layered "Sugiyama" layout) orders the nodes within each row to keep crossings few and places
 * them, so a tree reads as a tree and a leaf-spine fabric as two rows with every leaf under the
 * spines. Pure and deterministic: the same nodes and links give the same drawing (link state does
 * not move anything).
 *
 * Large fan-outs (a switch with many single-homed hosts, as `mn --topo tree,2,32` has) are drawn
 * as a grid of hosts under their switch, each hanging off a comb of wires: dagre then lays out
 * one block instead of 32 nodes, which keeps a 1024-host network about 5000 px wide rather than
 * 37000 (and its layout in tens of milliseconds rather than half a second).
 */
import dagre, { type Graph, type GraphLabel, type RankerFunction } from '@dagrejs/dagre';
import type { NetworkLinkView, NetworkNodeView, NetworkSnapshot } from '@site/sandbox/worker/api';
import { adjacency, isEndNode, rankNodes } from './tiers';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface LaidNode {
  readonly id: string;
  readonly node: NetworkNodeView;
  /** Centre and size of the node's shape. */
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly rank: number;
}

export interface LaidLink {
  readonly id: string;
  readonly link: NetworkLinkView;
  /** The wire from end a to end b: at least two points. */
  readonly points: readonly Point[];
}

export interface NetworkLayout {
  /** structureKey of what was laid out: equal keys, equal geometry. */
  readonly key: string;
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly LaidNode[];
  readonly links: readonly LaidLink[];
  readonly nodeById: ReadonlyMap<string, LaidNode>;
  /** "node:intf" of either end → its link (a frame names the interfaces it leaves and reaches). */
  readonly linkByEnd: ReadonlyMap<string, LaidLink>;
  /** Keyboard order: row by row, left to right. */
  readonly order: readonly string[];
}

/** A switch with at least this many single-homed hosts draws them as a grid. */
export const BLOCK_MIN = 7;
const MARGIN = 24;
const NODE_SEP = 18;
const RANK_SEP = 56;
const CELL_GAP_X = 8;
const CELL_GAP_Y = 12;
const CHAR_W = 7;
/** The view's usual shape (width / height): flatter drawings get taller gaps between rows... */
const VIEW_ASPECT = 2.2;
/** ...of at most this much. */
const MAX_ROW_STRETCH = 120;

/** The shape's size for a node: room for its name inside. */
export function nodeSize(n: NetworkNodeView): { w: number; h: number } {
  const text = n.name.length * CHAR_W;
  switch (n.kind) {
    case 'host':
    case 'container':
      return { w: Math.max(30, text + 10), h: 22 };
    case 'router':
      return { w: Math.max(34, text + 14), h: 34 };
    case 'controller':
      return { w: Math.max(40, text + 18), h: 26 };
    case 'machine':
      return { w: Math.max(64, text + 16), h: 30 };
    case 'switch':
    case 'bridge':
      return { w: Math.max(44, text + 14), h: 26 };
  }
}

/** What changes the drawing's geometry: nodes and the ends of links, not their state. */
export function structureKey(snap: Pick<NetworkSnapshot, 'nodes' | 'links'>): string {
  return JSON.stringify([snap.nodes.map((n) => [n.id, n.kind, n.tier ?? '']), snap.links.map((l) => l.id)]);
}

interface Block {
  readonly id: string;
  readonly owner: string;
  readonly members: string[];
  readonly cols: number;
  readonly cellW: number;
  readonly cellH: number;
}

/**
 * Single-homed end nodes of each switch with at least BLOCK_MIN of them, in a grid whose shape
 * makes the whole row of grids about as wide for its height as the view (32 grids of 32 hosts side
 * by side come out 2 columns wide; a single grid of 40, 8).
 */
function findBlocks(nodes: readonly NetworkNodeView[], adj: Map<string, string[]>): Map<string, Block> {
  const byOwner = new Map<string, string[]>();
  for (const n of nodes) {
    if (!isEndNode(n)) continue;
    const nb = adj.get(n.id) ?? [];
    if (nb.length !== 1) continue;
    const owner = nb[0]!;
    const list = byOwner.get(owner) ?? [];
    list.push(n.id);
    byOwner.set(owner, list);
  }
  const blocks = new Map<string, Block>();
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const big = [...byOwner].filter(([, members]) => members.length >= BLOCK_MIN);
  for (const [owner, members] of big) {
    const cellW = Math.max(...members.map((m) => nodeSize(byId.get(m)!).w)) + CELL_GAP_X;
    const cellH = 22 + CELL_GAP_Y;
    const rowsAbove = 2 * (RANK_SEP + 26);
    let cols = 1;
    let best = Infinity;
    for (let c = 1; c <= members.length; c++) {
      const w = big.length * (c * cellW + NODE_SEP);
      const h = Math.ceil(members.length / c) * cellH + rowsAbove;
      const off = Math.abs(Math.log(w / h / VIEW_ASPECT));
      if (off < best) {
        best = off;
        cols = c;
      }
    }
    blocks.set(owner, { id: `block:${owner}`, owner, members, cols, cellW, cellH });
  }
  return blocks;
}

/** Same-row neighbours side by side: an order constraint chain per connected group, breadth-first. */
function sameRankChains(ids: readonly string[], sameAdj: Map<string, string[]>): { left: string; right: string }[] {
  const seen = new Set<string>();
  const out: { left: string; right: string }[] = [];
  for (const start of ids) {
    if (seen.has(start) || (sameAdj.get(start)?.length ?? 0) === 0) continue;
    const order: string[] = [];
    const queue = [start];
    seen.add(start);
    while (queue.length > 0) {
      const v = queue.shift()!;
      order.push(v);
      for (const w of sameAdj.get(v) ?? []) {
        if (seen.has(w)) continue;
        seen.add(w);
        queue.push(w);
      }
    }
    for (let i = 1; i < order.length; i++) out.push({ left: order[i - 1]!, right: order[i]! });
  }
  return out;
}

/** Whether most pairs of nodes in a row are the other way round from the order they came in. */
function mostlyReversed(g: Graph, inputIndex: ReadonlyMap<string, number>): boolean {
  const byRank = new Map<number, string[]>();
  for (const v of g.nodes()) {
    if (!inputIndex.has(v)) continue;
    const r = g.node(v).rank ?? 0;
    byRank.set(r, [...(byRank.get(r) ?? []), v]);
  }
  let agree = 0;
  let disagree = 0;
  for (const row of byRank.values()) {
    for (let i = 0; i < row.length; i++) {
      for (let j = i + 1; j < row.length && j < i + 50; j++) {
        const byInput = inputIndex.get(row[i]!)! - inputIndex.get(row[j]!)!;
        const byX = g.node(row[i]!).x! - g.node(row[j]!).x!;
        if (byInput * byX > 0) agree++;
        else if (byInput * byX < 0) disagree++;
      }
    }
  }
  return disagree > agree;
}

/** Crossings between the edges joining row `rank` to row `other`, for the x positions given. */
function crossingsAround(g: Graph, rank: number, other: number, x: (v: string) => number): number {
  const segs: [number, number, number][] = []; // [other row, x here, x there]
  for (const e of g.edges()) {
    const rv = g.node(e.v).rank!;
    const rw = g.node(e.w).rank!;
    if (rv === rank && rw === other) segs.push([rw, x(e.v), x(e.w)]);
    else if (rw === rank && rv === other) segs.push([rv, x(e.w), x(e.v)]);
  }
  let n = 0;
  for (let i = 0; i < segs.length; i++) {
    for (let j = i + 1; j < segs.length; j++) {
      const [ra, a1, a2] = segs[i]!;
      const [rb, b1, b2] = segs[j]!;
      if (ra === rb && (a1 - b1) * (a2 - b2) < 0) n++;
    }
  }
  return n;
}

/**
 * A fabric has many orders with the fewest crossings, and dagre's pick can read h7 h8 h5 h6 h3 h4
 * h1 h2 with core2 left of core1. When every row holds only nodes that came in the input (no
 * host grid), rows are put in input order (Mininet's: h1, h2, ...; acc1, acc2, ...) with the same
 * left edge and gaps, top row first, each only when that adds no crossing with the row above it
 * (already final); the rows below follow in their turn.
 */
function inputOrderRows(g: Graph, inputIndex: ReadonlyMap<string, number>): void {
  const rows = new Map<number, string[]>();
  for (const v of g.nodes()) {
    const r = g.node(v).rank ?? 0;
    rows.set(r, [...(rows.get(r) ?? []), v]);
  }
  const eligible = (row: string[]) => row.every((v) => inputIndex.has(v));
  if (![...rows.values()].every(eligible)) return;
  const ranks = [...rows.keys()].sort((a, b) => a - b);
  for (const rank of ranks) {
    const row = rows.get(rank)!;
    if (row.length < 2) continue;
    // The same left edge and the same gaps, in the new order (widths differ: h1 is narrower than h10).
    const current = [...row].sort((a, b) => g.node(a).x! - g.node(b).x!);
    const left = (v: string) => g.node(v).x! - g.node(v).width / 2;
    const gaps = current.slice(1).map((v, i) => left(v) - (left(current[i]!) + g.node(current[i]!).width));
    const wanted = [...row].sort((a, b) => inputIndex.get(a)! - inputIndex.get(b)!);
    const newX = new Map<string, number>();
    let edge = left(current[0]!);
    wanted.forEach((v, i) => {
      newX.set(v, edge + g.node(v).width / 2);
      edge += g.node(v).width + (gaps[i] ?? 0);
    });
    const now = (v: string) => g.node(v).x!;
    const then = (v: string) => newX.get(v) ?? g.node(v).x!;
    const above = ranks.filter((r) => r < rank).at(-1);
    if (above !== undefined && crossingsAround(g, rank, above, then) > crossingsAround(g, rank, above, now)) continue;
    for (const v of row) g.node(v).x = newX.get(v)!;
  }
}

/** A bow above two nodes of the same row that are not neighbours in it (so the wire clears the nodes between). */
function arc(a: Point, b: Point): Point[] {
  const lift = 24 + Math.abs(b.x - a.x) * 0.12;
  const c = { x: (a.x + b.x) / 2, y: Math.min(a.y, b.y) - lift };
  const pts: Point[] = [];
  for (let i = 0; i <= 10; i++) {
    const t = i / 10;
    const u = 1 - t;
    pts.push({ x: u * u * a.x + 2 * u * t * c.x + t * t * b.x, y: u * u * a.y + 2 * u * t * c.y + t * t * b.y });
  }
  return pts;
}

export function layoutNetwork(nodes: readonly NetworkNodeView[], links: readonly NetworkLinkView[]): NetworkLayout {
  const key = structureKey({ nodes, links });
  const ranks = rankNodes(nodes, links);
  const adj = adjacency(nodes, links);
  const blocks = findBlocks(nodes, adj);
  const blockOf = new Map<string, Block>();
  for (const b of blocks.values()) for (const m of b.members) blockOf.set(m, b);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  /** The dagre node a node is part of (a block's member → the block). */
  const unit = (id: string): string => blockOf.get(id)?.id ?? id;

  // The rows are ours (set on every node below, doubled: dagre spaces real rows two apart);
  // dagre's own nodes (none with a row) go above the first. dagre takes a function as its ranker
  // (its types name only the built-in ones).
  const ranker: RankerFunction = (gr) => {
    let min = Infinity;
    for (const v of gr.nodes()) {
      const r = gr.node(v).rank;
      if (r !== undefined) min = Math.min(min, r);
    }
    for (const v of gr.nodes()) {
      const n = gr.node(v);
      if (n.rank === undefined) n.rank = (Number.isFinite(min) ? min : 0) - 1;
    }
  };
  const build = (): Graph => {
    const gr = new dagre.graphlib.Graph();
    gr.setGraph({ nodesep: NODE_SEP, ranksep: RANK_SEP / 2, marginx: MARGIN, marginy: MARGIN, ranker } as unknown as GraphLabel);
    gr.setDefaultEdgeLabel(() => ({}));
    for (const n of nodes) {
      if (blockOf.has(n.id)) continue;
      const { w, h } = nodeSize(n);
      gr.setNode(n.id, { width: w, height: h, rank: ranks.get(n.id)! * 2 });
    }
    for (const b of blocks.values()) {
      const rows = Math.ceil(b.members.length / b.cols);
      const rank = ranks.get(b.members[0]!)!;
      gr.setNode(b.id, { width: b.cols * b.cellW + 8, height: rows * b.cellH + 6, rank: rank * 2 });
    }
    for (const l of links) {
      const u = unit(l.a.node);
      const v = unit(l.b.node);
      if (u === v) continue;
      const ru = gr.node(u).rank!;
      const rv = gr.node(v).rank!;
      if (ru < rv) gr.setEdge(u, v);
      else if (ru > rv) gr.setEdge(v, u);
    }
    return gr;
  };
  let g = build();
  const sameAdj = new Map<string, string[]>();
  for (const l of links) {
    const u = unit(l.a.node);
    const v = unit(l.b.node);
    if (u === v || g.node(u).rank !== g.node(v).rank) continue;
    sameAdj.set(u, [...(sameAdj.get(u) ?? []), v]);
    sameAdj.set(v, [...(sameAdj.get(v) ?? []), u]);
  }
  const constraints = sameRankChains(nodes.map((n) => unit(n.id)), sameAdj);
  // The children of a node that hang off it alone stay in the order they came in (h1 left of h2).
  const chained = new Set(constraints.flatMap((c) => [c.left, c.right]));
  const parentsOf = new Map<string, string[]>();
  for (const e of g.edges()) parentsOf.set(e.w, [...(parentsOf.get(e.w) ?? []), e.v]);
  const childrenOf = new Map<string, string[]>();
  for (const n of nodes) {
    const u = unit(n.id);
    const parents = parentsOf.get(u) ?? [];
    if (parents.length !== 1 || chained.has(u)) continue;
    const list = childrenOf.get(parents[0]!) ?? [];
    if (!list.includes(u)) list.push(u);
    childrenOf.set(parents[0]!, list);
  }
  for (const kids of childrenOf.values()) for (let i = 1; i < kids.length; i++) constraints.push({ left: kids[i - 1]!, right: kids[i]! });
  dagre.layout(g, { constraints });

  // dagre may lay the whole drawing out right to left (spine2 left of spine1, h4 ... h1): then lay
  // it out again with every constraint the other way round and mirror that, so that rows read in
  // the order the nodes came in (Mininet's: h1, h2, ...) and the constraints hold.
  if (mostlyReversed(g, new Map(nodes.map((n, i) => [unit(n.id), i])))) {
    g = build();
    dagre.layout(g, { constraints: constraints.map((c) => ({ left: c.right, right: c.left })) });
    const width = g.graph().width ?? 0;
    for (const v of g.nodes()) g.node(v).x = width - g.node(v).x!;
    for (const e of g.edges()) {
      const lab = g.edge(e);
      if (lab.points) lab.points = lab.points.map((p: Point) => ({ x: width - p.x, y: p.y }));
    }
  }

  inputOrderRows(g, new Map(nodes.map((n, i) => [n.id, i])));

  const laid: LaidNode[] = [];
  const nodeById = new Map<string, LaidNode>();
  const place = (n: NetworkNodeView, x: number, y: number) => {
    const { w, h } = nodeSize(n);
    const ln: LaidNode = { id: n.id, node: n, x, y, w, h, rank: ranks.get(n.id)! };
    laid.push(ln);
    nodeById.set(n.id, ln);
  };
  for (const n of nodes) {
    const b = blockOf.get(n.id);
    if (b) continue;
    const d = g.node(n.id);
    place(n, d.x!, d.y!);
  }
  for (const b of blocks.values()) {
    const d = g.node(b.id);
    const left = d.x! - d.width / 2 + 4;
    const top = d.y! - d.height / 2 + 6;
    b.members.forEach((m, i) => {
      const col = i % b.cols;
      const row = Math.floor(i / b.cols);
      place(byId.get(m)!, left + col * b.cellW + b.cellW / 2, top + row * b.cellH + b.cellH / 2);
    });
  }

  const order = (ids: readonly string[]) => ids.map((id) => nodeById.get(id)!);
  const laidLinks: LaidLink[] = [];
  const linkByEnd = new Map<string, LaidLink>();
  // Positions of same-row nodes, left to right, to tell neighbours from nodes with others between.
  const rowXs = new Map<number, number[]>();
  for (const n of laid) rowXs.set(n.rank, [...(rowXs.get(n.rank) ?? []), n.x]);
  for (const xs of rowXs.values()) xs.sort((a, b) => a - b);
  for (const l of links) {
    const [a, b] = order([l.a.node, l.b.node]) as [LaidNode, LaidNode];
    let points: Point[];
    const blockA = blockOf.get(a.id);
    const blockB = blockOf.get(b.id);
    if (blockA || blockB) {
      // Switch → down its comb → along the member's row → down to the member.
      const member = blockA ? a : b;
      const owner = blockA ? b : a;
      const blk = g.node((blockA ?? blockB)!.id);
      const left = blk.x! - blk.width / 2;
      const top = blk.y! - blk.height / 2;
      const rowY = member.y - member.h / 2 - CELL_GAP_Y / 2 + 1;
      const comb: Point[] = [
        { x: owner.x, y: owner.y },
        { x: owner.x, y: top - 4 },
        { x: left, y: top - 4 },
        { x: left, y: rowY },
        { x: member.x, y: rowY },
        { x: member.x, y: member.y },
      ];
      points = member === a ? comb.reverse() : comb;
    } else if (a.rank === b.rank) {
      const xs = rowXs.get(a.rank)!;
      const lo = Math.min(a.x, b.x);
      const hi = Math.max(a.x, b.x);
      const between = xs.some((x) => x > lo + 0.5 && x < hi - 0.5);
      points = between ? arc(a, b) : [a, b];
    } else {
      // Through dagre's bends when the link skips a row.
      const [top, bottom] = a.rank < b.rank ? [a, b] : [b, a];
      const e = g.edge(unit(top.id), unit(bottom.id));
      const mid = Math.abs(a.rank - b.rank) > 1 && e?.points ? e.points.slice(1, -1) : [];
      const down: Point[] = [{ x: top.x, y: top.y }, ...mid, { x: bottom.x, y: bottom.y }];
      points = top === a ? down : down.reverse();
    }
    const ll: LaidLink = { id: l.id, link: l, points: points.map((p) => ({ x: p.x, y: p.y })) };
    laidLinks.push(ll);
    linkByEnd.set(`${l.a.node}:${l.a.intf}`, ll);
    linkByEnd.set(`${l.b.node}:${l.b.intf}`, ll);
  }

  const keyboard = [...laid].sort((p, q) => p.rank - q.rank || p.y - q.y || p.x - q.x).map((n) => n.id);
  const gw = g.graph().width ?? 0;
  let gh = g.graph().height ?? 0;
  // A wide, flat drawing (a fabric's full mesh between two rows) gets taller gaps between rows,
  // up to the shape of the view, so that its links can be told apart.
  const rows = [...new Set(laid.map((n) => n.rank))].sort((a, b) => a - b);
  const extra = rows.length > 1 ? Math.min(MAX_ROW_STRETCH, Math.max(0, (gw / VIEW_ASPECT - gh) / (rows.length - 1))) : 0;
  if (extra > 1) {
    const tops = rows.slice(1).map((r) => Math.min(...laid.filter((n) => n.rank === r).map((n) => n.y - n.h / 2)));
    const mapY = (y: number) => y + extra * tops.filter((t) => t <= y + 0.5).length;
    for (let i = 0; i < laid.length; i++) {
      const n = laid[i]!;
      const moved = { ...n, y: mapY(n.y) };
      laid[i] = moved;
      nodeById.set(n.id, moved);
    }
    for (let i = 0; i < laidLinks.length; i++) {
      const k = laidLinks[i]!;
      // Ends follow their nodes (every wire runs from end a's centre to end b's); bends follow the row above them.
      const pts = k.points.map((p) => ({ x: p.x, y: mapY(p.y) }));
      pts[0] = { x: pts[0]!.x, y: nodeById.get(k.link.a.node)!.y };
      pts[pts.length - 1] = { x: pts[pts.length - 1]!.x, y: nodeById.get(k.link.b.node)!.y };
      const moved = { ...k, points: pts };
      laidLinks[i] = moved;
      linkByEnd.set(`${k.link.a.node}:${k.link.a.intf}`, moved);
      linkByEnd.set(`${k.link.b.node}:${k.link.b.intf}`, moved);
    }
    gh += extra * (rows.length - 1);
  }
  // Arcs rise above the top row: make room.
  const minY = Math.min(0, ...laidLinks.flatMap((l) => l.points.map((p) => p.y - MARGIN)));
  if (minY < 0) {
    const shift = -minY;
    return shifted({ key, width: gw, height: gh + shift, nodes: laid, links: laidLinks, nodeById, linkByEnd, order: keyboard }, shift);
  }
  return { key, width: Math.max(gw, 1), height: Math.max(gh, 1), nodes: laid, links: laidLinks, nodeById, linkByEnd, order: keyboard };
}

function shifted(l: NetworkLayout, dy: number): NetworkLayout {
  const nodes = l.nodes.map((n) => ({ ...n, y: n.y + dy }));
  const nodeById = new Map(nodes.map((n) => [n.id, n]));
  const links = l.links.map((k) => ({ ...k, points: k.points.map((p) => ({ x: p.x, y: p.y + dy })) }));
  const linkByEnd = new Map<string, LaidLink>();
  for (const k of links) {
    linkByEnd.set(`${k.link.a.node}:${k.link.a.intf}`, k);
    linkByEnd.set(`${k.link.b.node}:${k.link.b.intf}`, k);
  }
  return { ...l, nodes, nodeById, links, linkByEnd };
}

/**
 * The same geometry with the nodes' and links' current state (a link went down, a switch stopped):
 * unchanged entries keep their objects, so only what changed is drawn again. `snap` must have the
 * layout's structureKey.
 */
export function withState(l: NetworkLayout, snap: Pick<NetworkSnapshot, 'nodes' | 'links'>): NetworkLayout {
  const nodeViews = new Map(snap.nodes.map((n) => [n.id, n]));
  const linkViews = new Map(snap.links.map((k) => [k.id, k]));
  let changed = false;
  const nodes = l.nodes.map((n) => {
    const v = nodeViews.get(n.id);
    if (!v || JSON.stringify(v) === JSON.stringify(n.node)) return n;
    changed = true;
    return { ...n, node: v };
  });
  const links = l.links.map((k) => {
    const v = linkViews.get(k.id);
    if (!v || JSON.stringify(v) === JSON.stringify(k.link)) return k;
    changed = true;
    return { ...k, link: v };
  });
  if (!changed) return l;
  return { ...l, nodes, links, nodeById: new Map(nodes.map((n) => [n.id, n])) };
}

/** The point a fraction t (0..1) of the way along a polyline (by length), from its first point. */
export function pointAlong(points: readonly Point[], t: number): Point {
  if (points.length === 1 || t <= 0) return points[0]!;
  let total = 0;
  const lens: number[] = [];
  for (let i = 1; i < points.length; i++) {
    const d = Math.hypot(points[i]!.x - points[i - 1]!.x, points[i]!.y - points[i - 1]!.y);
    lens.push(d);
    total += d;
  }
  if (t >= 1 || total === 0) return points[points.length - 1]!;
  let want = t * total;
  for (let i = 0; i < lens.length; i++) {
    const d = lens[i]!;
    if (want <= d) {
      const p = points[i]!;
      const q = points[i + 1]!;
      const f = d === 0 ? 0 : want / d;
      return { x: p.x + (q.x - p.x) * f, y: p.y + (q.y - p.y) * f };
    }
    want -= d;
  }
  return points[points.length - 1]!;
}
