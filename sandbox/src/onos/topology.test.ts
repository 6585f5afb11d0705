import { describe, expect, it } from 'vitest';
import { TopologyGraph } from './topology';
import type { OnosLinkInfo } from './model';

const d = (n: number) => `of:${n.toString(16).padStart(16, '0')}`;
/** Both directions of a cable between a/pa and b/pb. */
function cable(a: number, pa: number, b: number, pb: number): OnosLinkInfo[] {
  const l = (x: number, px: number, y: number, py: number): OnosLinkInfo => ({
    src: { device: d(x), port: px }, dst: { device: d(y), port: py }, type: 'DIRECT', state: 'ACTIVE',
  });
  return [l(a, pa, b, pb), l(b, pb, a, pa)];
}
const text = (p: { links: readonly OnosLinkInfo[]; cost: number }) =>
  p.links.map((l) => `${l.src.device.slice(-1)}/${l.src.port}-${l.dst.device.slice(-1)}/${l.dst.port}`).join('==>') + `; cost=${p.cost}`;

describe('topology (§4.9, §4.10)', () => {
  // A square: 1-2, 2-4, 1-3, 3-4, so 1 to 4 has two equal-cost paths.
  const square = new TopologyGraph([d(1), d(2), d(3), d(4)], [...cable(1, 1, 2, 1), ...cable(2, 2, 4, 1), ...cable(1, 2, 3, 1), ...cable(3, 2, 4, 2)]);

  it('lists every shortest path with its hop count', () => {
    expect(square.paths(d(1), d(4)).map(text).sort()).toEqual(['1/1-2/1==>2/2-4/1; cost=2', '1/2-3/1==>3/2-4/2; cost=2']);
    expect(square.paths(d(1), d(2)).map(text)).toEqual(['1/1-2/1; cost=1']);
    expect(square.paths(d(1), d(1))).toEqual([]);
    expect(square.paths(d(1), d(9))).toEqual([]);
  });

  it('counts strongly connected clusters; a device alone is its own', () => {
    expect(square.clusters()).toBe(1);
    expect(new TopologyGraph([d(1), d(2), d(3)], cable(1, 1, 2, 1)).clusters()).toBe(2);
    expect(new TopologyGraph([d(1), d(2)], [cable(1, 1, 2, 1)[0]!]).clusters()).toBe(2);
    expect(new TopologyGraph([], []).clusters()).toBe(0);
  });

  it('floods only along a broadcast tree: edge ports and tree links are broadcast points', () => {
    expect(square.isInfrastructure({ device: d(1), port: 1 })).toBe(true);
    expect(square.isBroadcastPoint({ device: d(1), port: 9 })).toBe(true);
    const points = [[1, 1], [2, 1], [2, 2], [4, 1], [1, 2], [3, 1], [3, 2], [4, 2]]
      .filter(([n, p]) => square.isBroadcastPoint({ device: d(n!), port: p! }));
    // Three of the four cables form the tree from of:...1; one cable is left out at both ends.
    expect(points).toHaveLength(6);
  });
});
