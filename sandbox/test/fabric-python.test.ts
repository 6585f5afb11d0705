/**
 * patchbay.fabric (Python) and topo/fabric.ts (mn --topo) must build the same fabrics: the same
 * names, links, ports, tiers and pods. Each is built by mn (the Python one through --custom) and
 * the networks' `net` listings compared, with the routes one fabric switch gets.
 */
import { describe, expect, it } from 'vitest';
import { replayAsync } from './harness';
import { nodePythonLoader } from '../cli/python-node';

const CUSTOM = `from patchbay.fabric import ThreeTierTopo, LeafSpineTopo, FatTreeTopo
topos = {'py3tier': ThreeTierTopo, 'pyleafspine': LeafSpineTopo, 'pyfattree': FatTreeTopo}
`;

async function listing(topoArg: string, custom: boolean, probes: readonly string[]): Promise<string> {
  const { output } = await replayAsync(
    [`mn ${custom ? '--custom fab.py ' : ''}--topo ${topoArg}`, 'net', 'dump', ...probes, 'exit', 'exit'],
    {
      seed: 1,
      setup: (sb) => {
        sb.python = nodePythonLoader(1);
        sb.fs.writeFile('/root/fab.py', CUSTOM);
      },
    },
  );
  return output.slice(output.indexOf('mininet> net'), output.indexOf('mininet> exit'));
}

describe('patchbay.fabric builds what mn --topo builds', () => {
  for (const [py, ts, sw] of [
    ['py3tier,cores=2,aggs=4,access=4,hosts=2', 'threetier,cores=2,aggs=4,access=4,hosts=2', 'acc3'],
    ['pyleafspine,3,3,2', 'leafspine,3,3,2', 'leaf2'],
    ['pyfattree,k=4', 'fattree,k=4', 'edge5'],
  ] as const) {
    it(ts, async () => {
      const probes = [`${sw} ip route show 10.0.0.1`, `py ${sw}.tier`, `py ${sw}.pod`];
      const fromPython = await listing(py, true, probes);
      const fromMn = await listing(ts, false, probes);
      expect(fromPython).toContain('lo:  ');
      expect(fromPython).toContain('nexthop via');
      expect(fromPython).toMatch(/mininet> py \w+\.tier\n(access|leaf|edge)\n/);
      expect(fromPython).toBe(fromMn);
    }, 60_000);
  }
});
