import { describe, expect, it } from 'vitest';
import { RouteTable } from './route-table';
import type { Route } from './route-table';
import { parseIpv4 } from '../wire/addr';

const ip = (s: string) => parseIpv4(s)!;
const r = (dst: string, len: number, extra: Partial<Route> = {}): Route => ({
  dst: ip(dst), prefixLen: len, proto: 'kernel', scope: 'link', metric: 0, type: 'unicast', ...extra,
});

describe('RouteTable', () => {
  it('picks the longest prefix, then the lowest metric', () => {
    const t = new RouteTable();
    t.add(r('0.0.0.0', 0, { via: ip('10.0.0.254'), metric: 0 }));
    t.add(r('10.0.0.0', 8));
    t.add(r('10.1.0.0', 16, { metric: 20 }));
    t.add(r('10.1.0.0', 16, { metric: 10 }));
    expect(t.lookup(ip('10.1.2.3'))!.metric).toBe(10);
    expect(t.lookup(ip('10.9.9.9'))!.prefixLen).toBe(8);
    expect(t.lookup(ip('8.8.8.8'))!.prefixLen).toBe(0);
  });

  it('refuses duplicates and deletes by partial description', () => {
    const t = new RouteTable();
    expect(t.add(r('192.168.1.0', 24))).toBe(true);
    expect(t.add(r('192.168.1.7', 24))).toBe(false); // same network after masking
    expect(t.delete({ dst: ip('192.168.1.0'), prefixLen: 24 })).toBeDefined();
    expect(t.delete({ dst: ip('192.168.1.0'), prefixLen: 24 })).toBeUndefined();
  });

  it('sorts as /proc/net/route and as ip route print', () => {
    const t = new RouteTable();
    t.add(r('192.168.1.0', 24));
    t.add(r('10.0.0.0', 8));
    t.add(r('0.0.0.0', 0, { via: ip('10.0.0.1') }));
    expect(t.sortedForProc().map((x) => x.prefixLen)).toEqual([0, 8, 24]);
    expect(t.sortedForIproute()[0]!.prefixLen).toBe(0);
  });

  it('adds as the request flags say: exclusive (ip route add), prepend (route add), append', () => {
    const t = new RouteTable();
    const gw1 = r('0.0.0.0', 0, { via: ip('10.0.0.1'), proto: 'boot', scope: 'global' });
    const gw2 = { ...gw1, via: ip('10.0.0.2') };
    const gw3 = { ...gw1, via: ip('10.0.0.3') };
    expect(t.insert(gw1, 'exclusive')).toBe(true);
    expect(t.insert(gw2, 'exclusive')).toBe(false); // NLM_F_EXCL: same destination and metric
    expect(t.insert(gw2, 'prepend')).toBe(true); // SIOCADDRT: goes first, and is used
    expect(t.insert(gw2, 'prepend')).toBe(false); // an exact duplicate is "File exists"
    expect(t.insert(gw3, 'append')).toBe(true);
    expect(t.list().map((x) => x.via)).toEqual([ip('10.0.0.2'), ip('10.0.0.1'), ip('10.0.0.3')]);
    expect(t.lookup(ip('8.8.8.8'))!.via).toBe(ip('10.0.0.2'));
    expect(t.sortedForProc().map((x) => x.via)).toEqual([ip('10.0.0.2'), ip('10.0.0.1'), ip('10.0.0.3')]);
    // Another metric is another route, even for ip route add.
    expect(t.insert({ ...gw1, metric: 100 }, 'exclusive')).toBe(true);
  });
});
