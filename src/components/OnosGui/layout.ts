/**
 * A deterministic drawing of ONOS's topology: devices by tree level (or in a row when they form a
 * line), each host under the switch it is attached to. Pure: the same snapshot always gives the
 * same picture, so nodes do not jump about while the panel refreshes once a second.
 *
 * Tree mode: a breadth-first spanning tree from the first device (by id) of each connected part;
 * each device's hosts are its children too, and every subtree gets as many slots as its leaves,
 * so a Mininet tree topology comes out as the textbook tree.
 */
import type { OnosSnapshot } from '@site/sandbox/worker/api';

export type TopoDevice = OnosSnapshot['devices'][number];
export type TopoLink = OnosSnapshot['links'][number];
export type TopoHost = OnosSnapshot['hosts'][number];

export interface LayoutNode {
  readonly kind: 'device' | 'host';
  readonly id: string;
  readonly label: string;
  readonly x: number;
  readonly y: number;
  /** Devices: connected to ONOS; hosts: always true. */
  readonly available: boolean;
}

export interface LayoutEdge {
  readonly kind: 'link' | 'host';
  /** Node ids (device ids, or a host id and its device id). */
  readonly a: string;
  readonly b: string;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  /** Both directions of a cable active (links); hosts: true. */
  readonly active: boolean;
}

export interface TopoLayout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly LayoutNode[];
  readonly edges: readonly LayoutEdge[];
  readonly mode: 'row' | 'tree' | 'empty';
}

export const SLOT = 120;
export const LEVEL = 84;
export const MARGIN = 36;

/** "of:0000000000000001/2" → "of:0000000000000001". */
export function deviceOf(point: string): string {
  const i = point.lastIndexOf('/');
  return i < 0 ? point : point.slice(0, i);
}

/** A short device label: its friendly name, or the dpid without leading zeros. */
export function deviceLabel(d: TopoDevice): string {
  if (d.name && d.name !== d.id) return d.name;
  const m = /^of:0*([0-9a-f]+)$/i.exec(d.id);
  return m ? `of:${m[1]}` : d.id;
}

export function hostLabel(h: TopoHost): string {
  return h.ips[0] ?? h.mac;
}

interface Cable {
  readonly a: string;
  readonly b: string;
  directions: number;
  active: number;
}

/** Cables between devices both ends of which are known: one per pair, however many directions. */
export function cables(devices: readonly TopoDevice[], links: readonly TopoLink[]): Cable[] {
  const known = new Set(devices.map((d) => d.id));
  const byPair = new Map<string, Cable>();
  for (const l of links) {
    const s = deviceOf(l.src);
    const d = deviceOf(l.dst);
    if (s === d || !known.has(s) || !known.has(d)) continue;
    const [a, b] = s < d ? [s, d] : [d, s];
    const key = `${a} ${b}`;
    const c = byPair.get(key) ?? { a, b, directions: 0, active: 0 };
    c.directions++;
    if (l.state === 'ACTIVE') c.active++;
    byPair.set(key, c);
  }
  // Array.from, not a spread: the site's Babel spreads iterators loosely (as arrays).
  return Array.from(byPair.values()).sort((x, y) => (x.a === y.a ? (x.b < y.b ? -1 : 1) : x.a < y.a ? -1 : 1));
}

/**
 * The devices in order along a simple path, when the cables make exactly one line through all of
 * them starting at the first device (Mininet's linear topology). A line with the first device in
 * its middle is a tree (Mininet's tree,2: s1 over s2 and s3).
 */
function pathOrder(ids: readonly string[], adj: Map<string, string[]>, cableCount: number): string[] | undefined {
  if (ids.length < 2 || cableCount !== ids.length - 1) return undefined;
  if (ids.some((id) => (adj.get(id)?.length ?? 0) > 2 || (adj.get(id)?.length ?? 0) === 0)) return undefined;
  const ends = ids.filter((id) => adj.get(id)!.length === 1);
  if (ends.length !== 2 || !ends.includes(ids[0]!)) return undefined;
  const order = [ids[0]!];
  const seen = new Set(order);
  while (order.length < ids.length) {
    const next = adj.get(order[order.length - 1]!)!.find((n) => !seen.has(n));
    if (next === undefined) return undefined;
    order.push(next);
    seen.add(next);
  }
  return order;
}

/**
 * Row mode when the devices form a line from the first one (or have no links); tree mode
 * otherwise. The choice depends only on the devices and their cables, so the picture does not
 * change shape as hosts are discovered.
 */
export function layoutTopology(devices: readonly TopoDevice[], links: readonly TopoLink[], hosts: readonly TopoHost[]): TopoLayout {
  const ids = devices.map((d) => d.id).sort();
  const byId = new Map(devices.map((d) => [d.id, d]));
  const cs = cables(devices, links);
  const adj = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const c of cs) {
    adj.get(c.a)!.push(c.b);
    adj.get(c.b)!.push(c.a);
  }
  for (const list of adj.values()) list.sort();
  // Hosts by the device they sit on (hosts whose switch ONOS does not list are drawn on their own).
  const hostsOf = new Map<string, TopoHost[]>();
  const loose: TopoHost[] = [];
  for (const h of [...hosts].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))) {
    const dev = deviceOf(h.location);
    if (h.location && byId.has(dev)) {
      const list = hostsOf.get(dev) ?? [];
      list.push(h);
      hostsOf.set(dev, list);
    } else loose.push(h);
  }

  if (ids.length === 0 && loose.length === 0) return { width: 0, height: 0, nodes: [], edges: [], mode: 'empty' };

  const pos = new Map<string, { x: number; y: number }>();
  const nodes: LayoutNode[] = [];
  let maxLevel = 0;
  let slots = 0;

  const placeHost = (h: TopoHost, slot: number, level: number) => {
    const x = MARGIN + slot * SLOT + SLOT / 2;
    const y = MARGIN + level * LEVEL;
    pos.set(h.id, { x, y });
    nodes.push({ kind: 'host', id: h.id, label: hostLabel(h), x, y, available: true });
    maxLevel = Math.max(maxLevel, level);
  };
  const placeDevice = (id: string, center: number, level: number) => {
    const x = MARGIN + center * SLOT;
    const y = MARGIN + level * LEVEL;
    pos.set(id, { x, y });
    const d = byId.get(id)!;
    nodes.push({ kind: 'device', id, label: deviceLabel(d), x, y, available: d.available });
    maxLevel = Math.max(maxLevel, level);
  };

  const order = pathOrder(ids, adj, cs.length);
  const mode: TopoLayout['mode'] = order || cs.length === 0 ? 'row' : 'tree';
  if (mode === 'row') {
    // Devices side by side (along the line when they form one), each above its hosts.
    for (const id of order ?? ids) {
      const hs = hostsOf.get(id) ?? [];
      const width = Math.max(1, hs.length);
      placeDevice(id, slots + width / 2, 0);
      hs.forEach((h, i) => placeHost(h, slots + i, 1));
      slots += width;
    }
  } else {
    // A breadth-first spanning tree from the first device of each connected part.
    const children = new Map<string, string[]>();
    const depth = new Map<string, number>();
    const roots: string[] = [];
    for (const root of ids) {
      if (depth.has(root)) continue;
      roots.push(root);
      depth.set(root, 0);
      const queue = [root];
      while (queue.length > 0) {
        const u = queue.shift()!;
        const kids: string[] = [];
        for (const v of adj.get(u)!) {
          if (depth.has(v)) continue;
          depth.set(v, depth.get(u)! + 1);
          kids.push(v);
          queue.push(v);
        }
        children.set(u, kids);
      }
    }
    const width = new Map<string, number>();
    const measure = (id: string): number => {
      const w = Math.max(1, (hostsOf.get(id)?.length ?? 0) + children.get(id)!.reduce((n, c) => n + measure(c), 0));
      width.set(id, w);
      return w;
    };
    const place = (id: string, start: number) => {
      const level = depth.get(id)!;
      placeDevice(id, start + width.get(id)! / 2, level);
      let at = start;
      for (const h of hostsOf.get(id) ?? []) placeHost(h, at++, level + 1);
      for (const c of children.get(id)!) {
        place(c, at);
        at += width.get(c)!;
      }
    };
    for (const r of roots) {
      measure(r);
      place(r, slots);
      slots += width.get(r)!;
    }
  }
  // Hosts whose switch is unknown: a last row of their own.
  if (loose.length > 0) {
    const level = nodes.length > 0 ? maxLevel + 1 : 0;
    loose.forEach((h, i) => placeHost(h, slots + i, level));
    slots += loose.length;
  }

  const edges: LayoutEdge[] = [];
  for (const c of cs) {
    const p = pos.get(c.a)!;
    const q = pos.get(c.b)!;
    edges.push({ kind: 'link', a: c.a, b: c.b, x1: p.x, y1: p.y, x2: q.x, y2: q.y, active: c.active === c.directions && c.directions >= 2 });
  }
  for (const [dev, hs] of hostsOf) {
    const p = pos.get(dev)!;
    for (const h of hs) {
      const q = pos.get(h.id)!;
      edges.push({ kind: 'host', a: h.id, b: dev, x1: q.x, y1: q.y, x2: p.x, y2: p.y, active: true });
    }
  }
  // Stable drawing order: devices after hosts, so switches sit on top of their host lines.
  nodes.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'host' ? -1 : 1));
  return { width: MARGIN * 2 + slots * SLOT, height: MARGIN * 2 + maxLevel * LEVEL + 24, nodes, edges, mode };
}

/** The drawing in words (the picture's text alternative): what connects to what. */
export function describeTopology(devices: readonly TopoDevice[], links: readonly TopoLink[], hosts: readonly TopoHost[]): string[] {
  const names = new Map(devices.map((d) => [d.id, deviceLabel(d)]));
  const lines: string[] = [];
  const cs = cables(devices, links);
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  lines.push(
    `${plural(devices.length, 'device', 'devices')}, ${plural(links.length, 'link', 'links')} (${plural(cs.length, 'cable', 'cables')}, one link per direction), ${plural(hosts.length, 'host', 'hosts')}.`,
  );
  for (const d of [...devices].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const peers = cs.filter((c) => c.a === d.id || c.b === d.id).map((c) => names.get(c.a === d.id ? c.b : c.a)!);
    const hs = hosts.filter((h) => deviceOf(h.location) === d.id).map(hostLabel);
    const parts = [peers.length > 0 ? `links to ${peers.join(', ')}` : 'no links to other devices'];
    if (hs.length > 0) parts.push(`${hs.length === 1 ? 'host' : 'hosts'} ${hs.join(', ')}`);
    lines.push(`${names.get(d.id)} (${d.id})${d.available ? '' : ', not connected'}: ${parts.join('; ')}.`);
  }
  return lines;
}
