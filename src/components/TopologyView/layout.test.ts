import { describe, expect, it } from 'vitest';
import type { NetworkLinkView, NetworkNodeView, NetworkTier } from '@site/sandbox/worker/api';
import { BLOCK_MIN, layoutNetwork, pointAlong, structureKey } from './layout';
import { rankNodes } from './tiers';

function node(id: string, kind: NetworkNodeView['kind'], tier?: NetworkTier): NetworkNodeView {
  return { id, name: id, kind, ...(tier ? { tier } : {}), addresses: [], up: true, terminal: true };
}

function link(a: string, b: string, up = true): NetworkLinkView {
  return { id: `${a}:${a}-x|${b}:${b}-y`, a: { node: a, intf: `${a}-to-${b}`, up }, b: { node: b, intf: `${b}-to-${a}`, up }, up };
}

/** Mininet's tree,depth,fanout. */
function tree(depth: number, fanout: number): { nodes: NetworkNodeView[]; links: NetworkLinkView[] } {
  const nodes: NetworkNodeView[] = [];
  const links: NetworkLinkView[] = [];
  let s = 0;
  let h = 0;
  const add = (d: number): string => {
    if (d === 0) {
      const id = `h${++h}`;
      nodes.push(node(id, 'host'));
      return id;
    }
    const id = `s${++s}`;
    nodes.push(node(id, 'switch'));
    for (let i = 0; i < fanout; i++) links.push(link(id, add(d - 1)));
    return id;
  };
  add(depth);
  nodes.push(node('c0', 'controller'));
  return { nodes, links };
}

describe('rankNodes', () => {
  it('draws a tree as its tree: root on top, hosts at the bottom, the controller above', () => {
    const { nodes, links } = tree(2, 2);
    const r = rankNodes(nodes, links);
    expect(r.get('c0')).toBe(0);
    expect(r.get('s1')).toBe(1);
    expect(r.get('s2')).toBe(2);
    expect(r.get('h1')).toBe(3);
  });

  it('puts a linear topology in one row of switches over its hosts', () => {
    const nodes = [node('h1', 'host'), node('h2', 'host'), node('h3', 'host'), node('s1', 'switch'), node('s2', 'switch'), node('s3', 'switch')];
    const links = [link('s1', 'h1'), link('s2', 'h2'), link('s3', 'h3'), link('s1', 's2'), link('s2', 's3')];
    const r = rankNodes(nodes, links);
    expect(new Set([r.get('s1'), r.get('s2'), r.get('s3')]).size).toBe(1);
    expect(r.get('h1')).toBe(r.get('s1')! + 1);
  });

  it('uses tiers when the topology gives them (leaf-spine: spines, leaves, hosts)', () => {
    const nodes = [node('spine1', 'switch', 'spine'), node('spine2', 'switch', 'spine'), node('leaf1', 'switch', 'leaf'), node('leaf2', 'switch', 'leaf'), node('h1', 'host'), node('h2', 'host')];
    const links = [link('spine1', 'leaf1'), link('spine1', 'leaf2'), link('spine2', 'leaf1'), link('spine2', 'leaf2'), link('leaf1', 'h1'), link('leaf2', 'h2')];
    const r = rankNodes(nodes, links);
    expect([r.get('spine1'), r.get('spine2'), r.get('leaf1'), r.get('h1')]).toEqual([0, 0, 1, 2]);
  });

  it('orders three tiers core, aggregation, access', () => {
    const nodes = [node('a1', 'switch', 'aggregation'), node('c1', 'switch', 'core'), node('e1', 'switch', 'access'), node('h1', 'host')];
    const links = [link('c1', 'a1'), link('a1', 'e1'), link('e1', 'h1')];
    const r = rankNodes(nodes, links);
    expect([r.get('c1'), r.get('a1'), r.get('e1'), r.get('h1')]).toEqual([0, 1, 2, 3]);
  });
});

describe('layoutNetwork', () => {
  it('places every node and link, rows top to bottom, without overlapping nodes in a row', () => {
    const { nodes, links } = tree(2, 3);
    const l = layoutNetwork(nodes, links);
    expect(l.nodes).toHaveLength(nodes.length);
    expect(l.links).toHaveLength(links.length);
    const y = (id: string) => l.nodeById.get(id)!.y;
    expect(y('c0')).toBeLessThan(y('s1'));
    expect(y('s1')).toBeLessThan(y('s2'));
    expect(y('s2')).toBeLessThan(y('h1'));
    const hosts = l.nodes.filter((n) => n.node.kind === 'host').sort((a, b) => a.x - b.x);
    for (let i = 1; i < hosts.length; i++) expect(hosts[i]!.x - hosts[i - 1]!.x).toBeGreaterThanOrEqual((hosts[i]!.w + hosts[i - 1]!.w) / 2);
    for (const n of l.nodes) {
      expect(n.x - n.w / 2).toBeGreaterThanOrEqual(0);
      expect(n.x + n.w / 2).toBeLessThanOrEqual(l.width);
    }
    // A frame names interfaces: both ends find the link.
    expect(l.linkByEnd.get('s2:s2-to-h1')?.id).toBe(l.linkByEnd.get('h1:h1-to-s2')?.id);
    // Keyboard order: row by row.
    expect(l.order[0]).toBe('c0');
    expect(l.order[1]).toBe('s1');
  });

  it('is deterministic and ignores link state', () => {
    const { nodes, links } = tree(2, 2);
    const a = layoutNetwork(nodes, links);
    const down = links.map((k, i) => (i === 0 ? { ...k, up: false } : k));
    const b = layoutNetwork(nodes, down);
    expect(b.nodes.map((n) => [n.id, n.x, n.y])).toEqual(a.nodes.map((n) => [n.id, n.x, n.y]));
    expect(structureKey({ nodes, links })).toBe(structureKey({ nodes, links: down }));
  });

  it('draws a large fan-out as a grid, and lays out 1024 hosts compactly and quickly', () => {
    const { nodes, links } = tree(2, 32);
    const t = performance.now();
    const l = layoutNetwork(nodes, links);
    const ms = performance.now() - t;
    expect(l.nodes).toHaveLength(1024 + 33 + 1);
    expect(l.width).toBeLessThan(12000);
    expect(ms).toBeLessThan(3000);
    // The hosts of one switch sit in several rows under it; their wires end at them.
    const mine = l.nodes.filter((n) => /^h([1-9]|[12]\d|3[0-2])$/.test(n.id));
    expect(new Set(mine.map((n) => n.y)).size).toBeGreaterThan(1);
    const wire = l.linkByEnd.get('h32:h32-to-s2')!;
    const end = wire.points[wire.points.length - 1]!;
    expect([end.x, end.y]).toEqual([l.nodeById.get('h32')!.x, l.nodeById.get('h32')!.y]);
    expect(BLOCK_MIN).toBeLessThanOrEqual(32);
  });

  it('bows a same-row link over the nodes between its ends', () => {
    const nodes = [node('s1', 'switch'), node('s2', 'switch'), node('s3', 'switch'), node('h1', 'host'), node('h2', 'host'), node('h3', 'host')];
    const links = [link('s1', 'h1'), link('s2', 'h2'), link('s3', 'h3'), link('s1', 's2'), link('s2', 's3'), link('s3', 's1')];
    const l = layoutNetwork(nodes, links);
    const ring = l.links.find((k) => k.link.a.node === 's3' && k.link.b.node === 's1')!;
    const s = l.nodeById.get('s1')!;
    expect(ring.points.length).toBeGreaterThan(2);
    expect(Math.min(...ring.points.map((p) => p.y))).toBeLessThan(s.y - s.h / 2);
    expect(l.links.find((k) => k.link.a.node === 's1' && k.link.b.node === 's2')!.points).toHaveLength(2);
  });
});

describe('pointAlong', () => {
  it('walks a polyline by length', () => {
    const pts = [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10 }];
    expect(pointAlong(pts, 0)).toEqual({ x: 0, y: 0 });
    expect(pointAlong(pts, 0.25)).toEqual({ x: 5, y: 0 });
    expect(pointAlong(pts, 0.75)).toEqual({ x: 10, y: 5 });
    expect(pointAlong(pts, 1)).toEqual({ x: 10, y: 10 });
  });
});

describe('reading order', () => {
  it("draws Mininet's hosts left to right in their order (h1 first)", () => {
    const { nodes, links } = tree(2, 2);
    const l = layoutNetwork(nodes, links);
    const hosts = l.nodes.filter((n) => n.node.kind === 'host').sort((a, b) => a.x - b.x).map((n) => n.id);
    expect(hosts).toEqual(['h1', 'h2', 'h3', 'h4']);
  });
});

describe('reading order in a fabric', () => {
  it('keeps each leaf\'s hosts in their order', () => {
    const nodes = [
      ...['h1', 'h2', 'h3', 'h4'].map((h) => node(h, 'host')),
      node('leaf1', 'switch', 'leaf'), node('leaf2', 'switch', 'leaf'), node('spine1', 'switch', 'spine'), node('spine2', 'switch', 'spine'),
    ];
    const links = [link('h1', 'leaf1'), link('h2', 'leaf1'), link('h3', 'leaf2'), link('h4', 'leaf2'), link('leaf1', 'spine1'), link('leaf1', 'spine2'), link('leaf2', 'spine1'), link('leaf2', 'spine2')];
    const l = layoutNetwork(nodes, links);
    const row = (kind: string) => l.nodes.filter((n) => n.node.kind === kind && n.rank === (kind === 'host' ? 2 : 1)).sort((a, b) => a.x - b.x).map((n) => n.id);
    expect(row('host')).toEqual(['h1', 'h2', 'h3', 'h4']);
    expect(row('switch')).toEqual(['leaf1', 'leaf2']);
  });

  it('draws a three-tier network in reading order: core1 first, then pods left to right, h1 .. h16', () => {
    // threetier,cores=2,aggs=4,access=8,hosts=2 as the snapshot gives it: hosts, then switches.
    const nodes: NetworkNodeView[] = [];
    const links: NetworkLinkView[] = [];
    for (let h = 1; h <= 16; h++) nodes.push(node(`h${h}`, 'host'));
    for (let a = 1; a <= 8; a++) nodes.push(node(`acc${a}`, 'switch', 'access'));
    for (let g = 1; g <= 4; g++) nodes.push(node(`agg${g}`, 'switch', 'aggregation'));
    for (let c = 1; c <= 2; c++) nodes.push(node(`core${c}`, 'switch', 'core'));
    for (let a = 1; a <= 8; a++) {
      const pod = a <= 4 ? 0 : 2;
      links.push(link(`acc${a}`, `agg${pod + 1}`), link(`acc${a}`, `agg${pod + 2}`));
      links.push(link(`h${2 * a - 1}`, `acc${a}`), link(`h${2 * a}`, `acc${a}`));
    }
    for (let g = 1; g <= 4; g++) links.push(link(`agg${g}`, 'core1'), link(`agg${g}`, 'core2'));
    const l = layoutNetwork(nodes, links);
    const row = (prefix: string) => l.nodes.filter((n) => new RegExp(`^${prefix}\\d+$`).test(n.id)).sort((a, b) => a.x - b.x).map((n) => n.id);
    expect(row('h')).toEqual(Array.from({ length: 16 }, (_, i) => `h${i + 1}`));
    expect(row('acc')).toEqual(Array.from({ length: 8 }, (_, i) => `acc${i + 1}`));
    expect(row('agg')).toEqual(['agg1', 'agg2', 'agg3', 'agg4']);
    expect(row('core')).toEqual(['core1', 'core2']);
  });
});
