import { describe, expect, it } from 'vitest';
import { Sandbox } from '../src/sandbox';
import { networkSnapshotBody } from './network-snapshot';
import { ContentRevision } from './content-revision';

function run(sb: Sandbox, lines: string[]) {
  const s = sb.openSession();
  for (const l of lines) {
    s.submit(l);
    sb.settle(s);
  }
  return s;
}

describe('networkSnapshotBody', () => {
  it('is empty when no network runs (the lab machine uplink is not drawn)', () => {
    const sb = new Sandbox({ seed: 1 });
    expect(networkSnapshotBody(sb)).toEqual({ nodes: [], links: [] });
  });

  it("lists Mininet's nodes in its order, with addresses, and its links with both ends", () => {
    const sb = new Sandbox({ seed: 1 });
    run(sb, ['mn --topo tree,2,2']);
    const snap = networkSnapshotBody(sb);
    expect(snap.nodes.map((n) => `${n.id}:${n.kind}`)).toEqual([
      'h1:host', 'h2:host', 'h3:host', 'h4:host', 's1:switch', 's2:switch', 's3:switch', 'c0:controller',
    ]);
    const h1 = snap.nodes.find((n) => n.id === 'h1')!;
    expect(h1.addresses).toEqual(['10.0.0.1/8']);
    expect(h1.terminal).toBe(true);
    expect(h1.up).toBe(true);
    expect(snap.nodes.find((n) => n.id === 's1')!.up).toBe(true);
    expect(snap.links).toHaveLength(6);
    const l = snap.links.find((x) => x.a.node === 's2' && x.b.node === 'h1')!;
    expect(l).toMatchObject({ id: 's2:s2-eth1|h1:h1-eth0', a: { intf: 's2-eth1', up: true }, b: { intf: 'h1-eth0', up: true }, up: true });
  });

  it('shows a link taken down, and TCLink parameters', () => {
    const sb = new Sandbox({ seed: 1 });
    const s = run(sb, ['mn --topo single,2 --link tc,bw=10,delay=5ms']);
    s.submit('link s1 h1 down');
    sb.settle(s);
    const snap = networkSnapshotBody(sb);
    const down = snap.links.find((x) => x.id.includes('h1:h1-eth0'))!;
    expect(down.up).toBe(false);
    expect(down.bw).toBe(10);
    expect(down.delay).toBe('5ms');
    expect(snap.links.find((x) => x.id.includes('h2:h2-eth0'))!.up).toBe(true);
  });

  it('is empty again after Mininet exits', () => {
    const sb = new Sandbox({ seed: 1 });
    run(sb, ['mn', 'exit']);
    expect(networkSnapshotBody(sb)).toEqual({ nodes: [], links: [] });
  });

  it('draws Docker: the lab machine, its bridges and the containers', () => {
    const sb = new Sandbox({ seed: 1 });
    run(sb, ['docker network create --subnet 172.20.0.0/16 net1', 'docker run -d --name web --network net1 nginx']);
    const snap = networkSnapshotBody(sb);
    const kinds = Object.fromEntries(snap.nodes.map((n) => [n.id, n.kind]));
    expect(kinds['master1']).toBe('machine');
    expect(kinds['web']).toBe('container');
    expect(Object.values(kinds).filter((k) => k === 'bridge').length).toBeGreaterThanOrEqual(2);
    expect(snap.nodes.find((n) => n.id === 'web')!.addresses[0]).toMatch(/^172\.20\.0\.\d+\/16$/);
  });
});

describe('ContentRevision', () => {
  it('moves only when the content changes', () => {
    const r = new ContentRevision();
    const a = r.of({ x: 1 });
    expect(r.of({ x: 1 })).toBe(a);
    expect(r.of({ x: 2 })).toBe(a + 1);
  });
});

describe('fabrics', () => {
  it("carries the topology's tiers, and a fabric's routed switches are switches", () => {
    const sb = new Sandbox({ seed: 1 });
    run(sb, ['mn --topo leafspine,spines=2,leaves=2,hosts=1']);
    const snap = networkSnapshotBody(sb);
    const spine = snap.nodes.find((n) => n.id === 'spine1')!;
    expect(spine).toMatchObject({ kind: 'switch', tier: 'spine', up: true });
    expect(snap.nodes.find((n) => n.id === 'leaf2')!.tier).toBe('leaf');
    expect(snap.nodes.find((n) => n.id === 'h1')!.kind).toBe('host');
  });
});
