import { describe, expect, it } from 'vitest';
import { liveNexthops, multipathRoute, RouteTable } from './route-table';
import type { Route } from './route-table';
import { parseIpv4 } from '../wire/addr';
import { Intf } from './interface';

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

  describe('multipath routes', () => {
    const owner = { name: 'leaf1', receive: () => undefined };
    const eth3 = new Intf('leaf1-eth3', '00:00:00:00:00:03', owner, 4);
    const eth4 = new Intf('leaf1-eth4', '00:00:00:00:00:04', owner, 5);
    const ecmp = (dst: string) =>
      multipathRoute({ dst: ip(dst), prefixLen: 32, proto: 'ospf', scope: 'global', metric: 20, type: 'unicast' }, [
        { via: ip('172.16.0.0'), dev: eth3, weight: 1 },
        { via: ip('172.16.0.2'), dev: eth4, weight: 1 },
      ]);

    it('show their first next hop as via/dev (what /proc/net/route lists)', () => {
      const r = ecmp('10.0.0.5');
      expect([r.via, r.dev]).toEqual([ip('172.16.0.0'), eth3]);
      expect(r.nexthops).toHaveLength(2);
      const single = multipathRoute({ dst: ip('10.0.0.6'), prefixLen: 32, proto: 'ospf', scope: 'global', metric: 20, type: 'unicast' }, [
        { via: ip('172.16.0.2'), dev: eth4, weight: 1 },
      ]);
      expect(single.nexthops).toBeUndefined();
      expect(single.dev).toBe(eth4);
    });

    it('mark next hops dead when their device goes down, drop the route when none is left, revive them', () => {
      const t = new RouteTable();
      t.add(ecmp('10.0.0.5'));
      t.add(r('10.0.0.1', 32, { dev: eth3 }));
      t.flushDev(eth3);
      const after = t.lookup(ip('10.0.0.5'))!;
      expect(after.nexthops!.map((n) => n.dead ?? false)).toEqual([true, false]);
      expect(after.dev).toBe(eth4); // the first live next hop
      expect(liveNexthops(after).map((n) => n.dev)).toEqual([eth4]);
      expect(t.lookup(ip('10.0.0.1'))).toBeUndefined(); // a single-path route through it goes
      t.reviveDev(eth3);
      expect(liveNexthops(t.lookup(ip('10.0.0.5'))!)).toHaveLength(2);
      t.flushDev(eth3);
      t.flushDev(eth4);
      expect(t.lookup(ip('10.0.0.5'))).toBeUndefined();
    });

    it('finds host routes by index and still does longest-prefix match for the rest', () => {
      const t = new RouteTable();
      t.add(r('10.0.0.0', 8, { dev: eth3 }));
      const routes: Route[] = [];
      for (let h = 1; h <= 1000; h++) routes.push(ecmp(`10.0.${h >> 8}.${h & 255}`));
      t.replaceAll((x) => x.proto === 'ospf', routes);
      expect(t.lookup(ip('10.0.3.232'))!.prefixLen).toBe(32);
      expect(t.lookup(ip('10.0.3.233'))!.prefixLen).toBe(8);
      t.add(r('10.0.3.233', 32, { dev: eth4, metric: 5 }));
      t.add(r('10.0.3.233', 32, { dev: eth3, metric: 1 }));
      expect(t.lookup(ip('10.0.3.233'))!.dev).toBe(eth3);
      t.replaceAll((x) => x.proto === 'ospf', []);
      expect(t.lookup(ip('10.0.0.5'))!.prefixLen).toBe(8);
      expect(t.list()).toHaveLength(3);
    });
  });
});

