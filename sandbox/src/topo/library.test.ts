import { describe, expect, it } from 'vitest';
import { bindTopo, findTopo, splitArgs, tryTopo } from './library';

function build(arg: string) {
  const { name, args, kwargs } = splitArgs(arg);
  const spec = findTopo(name)!;
  const b = bindTopo(spec, args, kwargs);
  if (!b.ok) throw new Error(b.pyError);
  return spec.build(b.args);
}

describe('Mininet topologies', () => {
  it('tree,2,2 numbers switches depth-first and ports in addLink order', () => {
    const t = build('tree,depth=2,fanout=2');
    expect(t.hosts()).toEqual(['h1', 'h2', 'h3', 'h4']);
    expect(t.switches()).toEqual(['s1', 's2', 's3']);
    expect(t.links().map((l) => `(${l.node1}, ${l.node2})`).join(' ')).toBe('(s1, s2) (s1, s3) (s2, h1) (s2, h2) (s3, h3) (s3, h4)');
    const s1s2 = t.links().find((l) => l.node1 === 's1' && l.node2 === 's2')!;
    expect([s1s2.port1, s1s2.port2]).toEqual([1, 3]);
  });

  it('linear,4 lists host links first, then switch links', () => {
    const t = build('linear,4');
    expect(t.links().map((l) => `(${l.node1}, ${l.node2})`).join(' ')).toBe('(h1, s1) (h2, s2) (h3, s3) (h4, s4) (s2, s1) (s3, s2) (s4, s3)');
  });

  it('linear,2,3 names hosts hNsM', () => {
    expect(build('linear,2,3').hosts()).toEqual(['h1s1', 'h1s2', 'h2s1', 'h2s2', 'h3s1', 'h3s2']);
  });

  it('reversed puts h1 on the last port', () => {
    const t = build('reversed,3');
    expect(t.links().find((l) => l.node1 === 'h1')!.port2).toBe(3);
  });

  it('torus names switches by grid position with hex dpids', () => {
    const t = build('torus,3,3');
    expect(t.switches()[0]).toBe('s1x1');
    expect(t.node('s1x1')!.opts['dpid']).toBe('101');
    expect(t.hosts()).toHaveLength(9);
    expect(tryTopo(() => build('torus,2,3'))).toEqual({ ok: false, pyError: 'Exception: Please use 3x3 or greater for compatibility with 2.1' });
  });

  it('binds arguments as Python would', () => {
    const spec = findTopo('single')!;
    expect(bindTopo(spec, [1, 2], {})).toEqual({ ok: false, pyError: 'TypeError: build() takes from 1 to 2 positional arguments but 3 were given' });
    expect(bindTopo(spec, [], { foo: 1 })).toEqual({ ok: false, pyError: "TypeError: build() got an unexpected keyword argument 'foo'" });
    expect(bindTopo(findTopo('torus')!, [3], {})).toEqual({ ok: false, pyError: "TypeError: build() missing 1 required positional argument: 'y'" });
  });

  it('computes sizes without building', () => {
    const spec = findTopo('tree')!;
    const b = bindTopo(spec, [], { depth: 2, fanout: 32 });
    expect(b.ok && spec.size(b.args)).toBe(1 + 32 + 1024);
  });
});
