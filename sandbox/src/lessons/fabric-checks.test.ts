import { describe, expect, it } from 'vitest';
import { labSession } from '../../test/lab-session';
import type { Check } from './checks';
import { parseCheck } from './checks';
import { evaluate } from './evaluate';

function checker(mn: string) {
  const lab = labSession({ mn });
  const result = (c: Check) => {
    const p = parseCheck(c);
    if (!p.ok) throw new Error(p.error);
    return evaluate(p.check, lab.sb, { session: lab.session.id });
  };
  return { ...lab, ok: (c: Check) => result(c).passed, result };
}

describe('fabric checks', () => {
  it('pathLength counts IP hops as traceroute does: one switch is 1 hop, leaf-spine across leaves is 4', () => {
    expect(checker('mn --topo single,3').ok({ kind: 'pathLength', from: 'h1', to: 'h3', hops: 1 })).toBe(true);
    const { ok, result } = checker('mn --topo leafspine,spines=4,leaves=4,hosts=2');
    expect(ok({ kind: 'pathLength', from: 'h1', to: 'h2', hops: 2 })).toBe(true); // leaf1, h2
    expect(ok({ kind: 'pathLength', from: 'h1', to: 'h8', hops: 4 })).toBe(true);
    expect(ok({ kind: 'pathLength', from: 'h1', to: 'h8', hops: 3 })).toBe(false);
    expect(ok({ kind: 'pathLength', from: 'h1', to: 'h8', max: 3 })).toBe(false);
    expect(result({ kind: 'pathLength', from: 'h1', to: 'h8', hops: 6 }).detail).toBe('the path from h1 to h8 is 4, not 6');
  });

  it('pathLength across pods of a three-tier network is longer than within a pod', () => {
    const { ok } = checker('mn --topo threetier,cores=2,aggs=4,access=8,hosts=2');
    expect(ok({ kind: 'pathLength', from: 'h1', to: 'h16', hops: 6 })).toBe(true); // acc, agg, core, agg, acc, host
    expect(ok({ kind: 'pathLength', from: 'h1', to: 'h3', hops: 4 })).toBe(true); // same pod: acc, agg, acc, host
  });

  it('equalCostPaths: one per spine, and a stopped spine takes its path out of use after reconvergence', () => {
    const { ok, run } = checker('mn --topo leafspine,spines=4,leaves=4,hosts=2');
    expect(ok({ kind: 'equalCostPaths', from: 'h1', to: 'h8', count: 4 })).toBe(true);
    expect(ok({ kind: 'equalCostPaths', from: 'h1', to: 'h2', count: 1 })).toBe(true);
    run('link spine1 leaf4 down');
    run('h1 ping -c 2 h8');
    expect(ok({ kind: 'equalCostPaths', from: 'h1', to: 'h8', count: 3 })).toBe(true);
    expect(ok({ kind: 'equalCostPaths', from: 'h1', to: 'h8', min: 4 })).toBe(false);
  });

  it('fails clearly without Mininet or with unknown nodes', () => {
    const { ok, result, run } = checker('mn --topo fattree,k=4');
    expect(ok({ kind: 'equalCostPaths', from: 'h1', to: 'h16', count: 4 })).toBe(true); // (k/2)^2 across pods
    expect(result({ kind: 'pathLength', from: 'h99', to: 'h1', hops: 1 }).detail).toBe('no host h99');
    run('exit');
    expect(result({ kind: 'pathLength', from: 'h1', to: 'h2', hops: 1 }).detail).toBe('Mininet is not running');
  });
});

describe('reaches in a routed fabric', () => {
  it('follows the leaf that answers ARP for the other hosts', () => {
    const { ok, run } = checker('mn --topo leafspine,spines=2,leaves=2,hosts=2');
    run('h1 ping -c 1 h4');
    expect(ok({ kind: 'reaches', from: 'h1', to: 'h4' })).toBe(true);
    run('switch leaf2 stop');
    expect(ok({ kind: 'reaches', from: 'h1', to: 'h4', requirePing: false })).toBe(false);
  });
});
