import { describe, expect, it } from 'vitest';
import { cables, describeTopology, deviceLabel, layoutTopology, LEVEL, type TopoDevice, type TopoHost, type TopoLink } from './layout';

function dev(n: number, name = `s${n}`, available = true): TopoDevice {
  const id = `of:${n.toString(16).padStart(16, '0')}`;
  return { id, available, role: 'MASTER', mfr: 'Nicira, Inc.', hw: 'Open vSwitch', sw: '2.17.9', protocol: 'OF_13', name, ports: 3 };
}
const id = (n: number) => dev(n).id;
/** Both directions of a cable, as ONOS lists them. */
function cable(a: number, ap: number, b: number, bp: number, state = 'ACTIVE'): TopoLink[] {
  return [
    { src: `${id(a)}/${ap}`, dst: `${id(b)}/${bp}`, state },
    { src: `${id(b)}/${bp}`, dst: `${id(a)}/${ap}`, state },
  ];
}
function host(n: number, sw: number, port: number, ip = true): TopoHost {
  const mac = `00:00:00:00:00:0${n}`;
  return { id: `${mac.toUpperCase()}/None`, mac: mac.toUpperCase(), ips: ip ? [`10.0.0.${n}`] : [], location: `${id(sw)}/${port}` };
}

// mn --topo tree,2: s1 on top, s2 (h1, h2) and s3 (h3, h4) under it.
const treeDevices = [dev(1), dev(2), dev(3)];
const treeLinks = [...cable(1, 1, 2, 3), ...cable(1, 2, 3, 3)];
const treeHosts = [host(1, 2, 1), host(2, 2, 2), host(3, 3, 1), host(4, 3, 2)];

describe('topology layout', () => {
  it('draws a Mininet tree as a tree: root on top, switches by level, hosts under their switch', () => {
    const l = layoutTopology(treeDevices, treeLinks, treeHosts);
    expect(l.mode).toBe('tree');
    const at = (nid: string) => l.nodes.find((n) => n.id === nid)!;
    const [s1, s2, s3] = [at(id(1)), at(id(2)), at(id(3))];
    expect(s1.y).toBeLessThan(s2.y);
    expect(s2.y).toBe(s3.y);
    expect(s2.x).toBeLessThan(s1.x);
    expect(s3.x).toBeGreaterThan(s1.x);
    // The root is centred over its subtrees; each host sits one level under its switch, below it.
    expect(s1.x).toBeCloseTo((s2.x + s3.x) / 2);
    for (const h of treeHosts) {
      const n = at(h.id);
      const sw = h.location.startsWith(id(2)) ? s2 : s3;
      expect(n.y).toBe(sw.y + LEVEL);
      expect(Math.abs(n.x - sw.x)).toBeLessThanOrEqual(60);
    }
    expect(at(treeHosts[0]!.id).x).toBeLessThan(at(treeHosts[1]!.id).x);
    // One line per cable (not per direction) and one per host.
    expect(l.edges.filter((e) => e.kind === 'link')).toHaveLength(2);
    expect(l.edges.filter((e) => e.kind === 'host')).toHaveLength(4);
    expect(l.edges.every((e) => e.active)).toBe(true);
    // Everything inside the drawing.
    for (const n of l.nodes) {
      expect(n.x).toBeGreaterThan(0);
      expect(n.x).toBeLessThan(l.width);
      expect(n.y).toBeLessThan(l.height);
    }
  });

  it('is deterministic and does not depend on the order ONOS lists things in', () => {
    const a = layoutTopology(treeDevices, treeLinks, treeHosts);
    const b = layoutTopology([...treeDevices].reverse(), [...treeLinks].reverse(), [...treeHosts].reverse());
    expect(b).toEqual(a);
  });

  it('puts a line of switches in a row, each over its own host', () => {
    const devices = [dev(1), dev(2), dev(3), dev(4)];
    const links = [...cable(1, 2, 2, 2), ...cable(2, 3, 3, 2), ...cable(3, 3, 4, 2)];
    const hosts = [1, 2, 3, 4].map((n) => host(n, n, 1));
    const l = layoutTopology(devices, links, hosts);
    expect(l.mode).toBe('row');
    const ds = devices.map((d) => l.nodes.find((n) => n.id === d.id)!);
    expect(new Set(ds.map((d) => d.y)).size).toBe(1);
    expect(ds.map((d) => d.x)).toEqual([...ds.map((d) => d.x)].sort((x, y) => x - y));
    for (const h of hosts) {
      const n = l.nodes.find((x) => x.id === h.id)!;
      const sw = ds[hosts.indexOf(h)]!;
      expect(n.x).toBe(sw.x);
      expect(n.y).toBeGreaterThan(sw.y);
    }
  });

  it('draws a single switch with its hosts, and nothing at all for an empty ONOS', () => {
    const l = layoutTopology([dev(1)], [], [host(1, 1, 1), host(2, 1, 2), host(3, 1, 3)]);
    expect(l.mode).toBe('row');
    const s1 = l.nodes.find((n) => n.kind === 'device')!;
    const hs = l.nodes.filter((n) => n.kind === 'host');
    expect(hs).toHaveLength(3);
    expect(s1.x).toBeCloseTo(hs[1]!.x);
    expect(layoutTopology([], [], [])).toEqual({ width: 0, height: 0, nodes: [], edges: [], mode: 'empty' });
  });

  it('marks a cable up in one direction only, and a disconnected device', () => {
    const links = [...cable(1, 1, 2, 3), { src: `${id(1)}/2`, dst: `${id(3)}/3`, state: 'ACTIVE' }];
    const l = layoutTopology([dev(1), dev(2), dev(3, 's3', false)], links, []);
    const e13 = l.edges.find((e) => e.kind === 'link' && e.b === id(3))!;
    expect(e13.active).toBe(false);
    expect(l.nodes.find((n) => n.id === id(3))!.available).toBe(false);
  });

  it('lays out a leaf-spine fabric (cycles) without losing anyone', () => {
    const devices = [dev(1, 'spine1'), dev(2, 'spine2'), dev(3, 'leaf1'), dev(4, 'leaf2')];
    const links = [...cable(1, 1, 3, 1), ...cable(1, 2, 4, 1), ...cable(2, 1, 3, 2), ...cable(2, 2, 4, 2)];
    const hosts = [host(1, 3, 3), host(2, 4, 3)];
    const l = layoutTopology(devices, links, hosts);
    expect(l.mode).toBe('tree');
    expect(l.nodes).toHaveLength(6);
    expect(new Set(l.nodes.map((n) => `${n.x},${n.y}`)).size).toBe(6);
    expect(l.edges.filter((e) => e.kind === 'link')).toHaveLength(4);
  });

  it('keeps hosts whose switch ONOS does not list, on a row of their own', () => {
    const l = layoutTopology([dev(1)], [], [host(1, 1, 1), host(9, 7, 1)]);
    const lost = l.nodes.find((n) => n.id === host(9, 7, 1).id)!;
    expect(lost).toBeDefined();
    expect(l.edges.filter((e) => e.kind === 'host')).toHaveLength(1);
  });

  it('labels devices by name, else by a short dpid, and hosts by IP, else MAC', () => {
    expect(deviceLabel(dev(1))).toBe('s1');
    expect(deviceLabel({ ...dev(10), name: dev(10).id })).toBe('of:a');
    const l = layoutTopology([dev(1)], [], [host(1, 1, 1, false)]);
    expect(l.nodes.find((n) => n.kind === 'host')!.label).toBe('00:00:00:00:00:01');
  });

  it('counts cables, ignoring links to devices it does not know', () => {
    expect(cables(treeDevices, [...treeLinks, { src: `${id(1)}/9`, dst: `${id(9)}/1`, state: 'ACTIVE' }])).toHaveLength(2);
  });
});

describe('the topology in words', () => {
  it('says what connects to what', () => {
    const words = describeTopology(treeDevices, treeLinks, treeHosts);
    expect(words[0]).toBe('3 devices, 4 links (2 cables, one link per direction), 4 hosts.');
    expect(words[1]).toBe('s1 (of:0000000000000001): links to s2, s3.');
    expect(words[2]).toBe('s2 (of:0000000000000002): links to s1; hosts 10.0.0.1, 10.0.0.2.');
    expect(describeTopology([dev(1, 's1', false)], [], [])).toEqual([
      '1 device, 0 links (0 cables, one link per direction), 0 hosts.',
      's1 (of:0000000000000001), not connected: no links to other devices.',
    ]);
  });
});
