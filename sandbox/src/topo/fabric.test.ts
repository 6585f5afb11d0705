import { describe, expect, it } from 'vitest';
import { bindTopo, findTopo, splitArgs, tryTopo } from './library';
import type { Topo } from './topo';
import { fatTreeLimit, fatTreeSize, leafSpineSize, threeTierSize } from './fabric';

function build(arg: string): Topo {
  const { name, args, kwargs } = splitArgs(arg);
  const spec = findTopo(name)!;
  const b = bindTopo(spec, args, kwargs);
  if (!b.ok) throw new Error(b.pyError);
  const r = tryTopo(() => spec.build(b.args));
  if (!r.ok) throw new Error(r.pyError);
  return r.value;
}

function buildError(arg: string): string {
  const { name, args, kwargs } = splitArgs(arg);
  const spec = findTopo(name)!;
  const b = bindTopo(spec, args, kwargs);
  if (!b.ok) return b.pyError;
  const r = tryTopo(() => spec.build(b.args));
  return r.ok ? 'built' : r.pyError;
}

/** "node-ethN:peer" for every link end of `node`, in port order. */
function portsOf(t: Topo, node: string): string[] {
  const ends: Array<[number, string]> = [];
  for (const l of t.links()) {
    if (l.node1 === node) ends.push([l.port1, l.node2]);
    if (l.node2 === node) ends.push([l.port2, l.node1]);
  }
  return ends.sort((a, b) => a[0] - b[0]).map(([p, peer]) => `${p}:${peer}`);
}

const opt = (t: Topo, n: string, k: string) => t.node(n)!.opts[k];

describe('leafspine', () => {
  const t = build('leafspine,spines=2,leaves=3,hosts=2');

  it('names hosts left to right under the leaves, and switches spineN/leafN', () => {
    expect(t.hosts()).toEqual(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
    expect(t.switches()).toEqual(['leaf1', 'leaf2', 'leaf3', 'spine1', 'spine2']);
    expect(t.links()).toHaveLength(6 + 6);
    expect(t.size).toBe(leafSpineSize({ spines: 2, leaves: 3, hosts: 2 }));
  });

  it('puts hosts on a leaf first, uplinks after; spine port n goes to leaf n', () => {
    expect(portsOf(t, 'leaf2')).toEqual(['1:h3', '2:h4', '3:spine1', '4:spine2']);
    expect(portsOf(t, 'spine2')).toEqual(['1:leaf1', '2:leaf2', '3:leaf3']);
    expect(portsOf(t, 'h3')).toEqual(['0:leaf2']);
  });

  it('marks every switch as a routed fabric switch with its tier (no pods)', () => {
    expect(opt(t, 'leaf1', 'cls')).toBe('FabricSwitch');
    expect(opt(t, 'leaf1', 'tier')).toBe('leaf');
    expect(opt(t, 'spine1', 'tier')).toBe('spine');
    expect(opt(t, 'spine1', 'pod')).toBeUndefined();
    expect(opt(t, 'h1', 'tier')).toBeUndefined();
  });

  it('takes positional arguments in the order spines, leaves, hosts; defaults 2, 4, 2', () => {
    expect(build('leafspine,3,5,1').switches()).toHaveLength(8);
    expect(build('leafspine').hosts()).toHaveLength(8);
  });
});

describe('threetier', () => {
  const t = build('threetier,cores=2,aggs=4,access=8,hosts=2');

  it('has cores over pods of an aggregation pair and their access switches', () => {
    expect(t.switches().filter((s) => s.startsWith('core'))).toEqual(['core1', 'core2']);
    expect(t.switches().filter((s) => s.startsWith('agg'))).toHaveLength(4);
    expect(t.switches().filter((s) => s.startsWith('acc'))).toHaveLength(8);
    expect(t.hosts()).toHaveLength(16);
    expect(t.size).toBe(threeTierSize({ cores: 2, aggs: 4, access: 8, hosts: 2 }));
    // 16 host links, 8 access x 2 aggregation, 4 aggregation x 2 cores.
    expect(t.links()).toHaveLength(16 + 16 + 8);
  });

  it('links each access switch to both aggregation switches of its pod only', () => {
    expect(portsOf(t, 'acc1')).toEqual(['1:h1', '2:h2', '3:agg1', '4:agg2']);
    expect(portsOf(t, 'acc5')).toEqual(['1:h9', '2:h10', '3:agg3', '4:agg4']);
    expect(portsOf(t, 'agg3')).toEqual(['1:acc5', '2:acc6', '3:acc7', '4:acc8', '5:core1', '6:core2']);
    expect(portsOf(t, 'core2')).toEqual(['1:agg1', '2:agg2', '3:agg3', '4:agg4']);
  });

  it('records tiers and pods', () => {
    expect([opt(t, 'core1', 'tier'), opt(t, 'core1', 'pod')]).toEqual(['core', undefined]);
    expect([opt(t, 'agg4', 'tier'), opt(t, 'agg4', 'pod')]).toEqual(['aggregation', 2]);
    expect([opt(t, 'acc4', 'tier'), opt(t, 'acc4', 'pod')]).toEqual(['access', 1]);
    expect([opt(t, 'acc5', 'tier'), opt(t, 'acc5', 'pod')]).toEqual(['access', 2]);
  });

  it('refuses aggregation switches that do not pair up, and access switches that do not divide into pods', () => {
    expect(buildError('threetier,aggs=3')).toBe('Exception: threetier: aggs must be even, one pair of aggregation switches per pod (got 3)');
    expect(buildError('threetier,aggs=6,access=8')).toBe('Exception: threetier: access must be a multiple of the number of pods, aggs/2 = 3 (got 8)');
    expect(buildError('threetier,cores=0')).toBe('Exception: threetier: cores must be an integer >= 1 (got 0)');
  });
});

describe('fattree', () => {
  it('k=4: 16 hosts, 4 cores, 8 aggregation and 8 edge switches in 4 pods', () => {
    const t = build('fattree,k=4');
    expect(t.hosts()).toHaveLength(16);
    expect(t.switches().filter((s) => s.startsWith('core'))).toHaveLength(4);
    expect(t.switches().filter((s) => s.startsWith('agg'))).toHaveLength(8);
    expect(t.switches().filter((s) => s.startsWith('edge'))).toHaveLength(8);
    expect(t.links()).toHaveLength(16 + 16 + 16);
    expect(portsOf(t, 'edge1')).toEqual(['1:h1', '2:h2', '3:agg1', '4:agg2']);
    expect(portsOf(t, 'edge8')).toEqual(['1:h15', '2:h16', '3:agg7', '4:agg8']);
    // The i-th aggregation switch of each pod uplinks to core group i; a core has one port per pod.
    expect(portsOf(t, 'agg2')).toEqual(['1:edge1', '2:edge2', '3:core3', '4:core4']);
    expect(portsOf(t, 'core3')).toEqual(['1:agg2', '2:agg4', '3:agg6', '4:agg8']);
    expect([opt(t, 'edge3', 'tier'), opt(t, 'edge3', 'pod')]).toEqual(['edge', 2]);
    expect([opt(t, 'agg8', 'tier'), opt(t, 'agg8', 'pod')]).toEqual(['aggregation', 4]);
    expect(opt(t, 'core1', 'tier')).toBe('core');
  });

  it('k=16 is the largest: 1024 hosts and 320 switches', () => {
    expect(fatTreeSize(16)).toBe(1024 + 320);
    expect(fatTreeLimit(16)).toBeUndefined();
    expect(fatTreeLimit(18)).toBe(
      'fattree,k=18 would have 1458 hosts and 405 switches; the sandbox builds fat trees up to k=16 (1024 hosts, 320 switches).',
    );
    const t = build('fattree,16');
    expect(t.hosts()).toHaveLength(1024);
    expect(t.switches()).toHaveLength(320);
    expect(t.hosts().at(-1)).toBe('h1024');
  });

  it('refuses an odd or too small k, and arguments fattree does not take', () => {
    expect(buildError('fattree,k=3')).toBe('Exception: fattree: k must be an even integer >= 2 (got 3)');
    expect(buildError('fattree,k=0')).toBe('Exception: fattree: k must be an even integer >= 2 (got 0)');
    expect(buildError('fattree,k=four')).toBe('TypeError: can only concatenate str (not "int") to str');
    expect(buildError('fattree,spines=2')).toBe("TypeError: build() got an unexpected keyword argument 'spines'");
  });
});
