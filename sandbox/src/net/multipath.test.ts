import { describe, expect, it } from 'vitest';
import { flowKeyOf, hashSeed, multipathHash, pickByHash, routeForFlow } from './multipath';
import type { FlowKey } from './multipath';
import type { Nexthop, Route } from './route-table';
import { Intf } from './interface';

const owner = { name: 'leaf1', receive: () => undefined };
const devs = [1, 2, 3, 4].map((n) => new Intf(`leaf1-eth${n}`, `00:00:00:00:00:0${n}`, owner, n + 1));
const nexthops = (n: number): Nexthop[] => devs.slice(0, n).map((dev, i) => ({ via: 0xac100000 + 2 * i, dev, weight: 1 }));
const route = (nh: Nexthop[]): Route => ({
  dst: 0x0a000005, prefixLen: 32, via: nh[0]!.via, dev: nh[0]!.dev, proto: 'ospf', scope: 'global', metric: 20, type: 'unicast', nexthops: nh,
});
const udp = (sport: number, dport = 5001, src = 0x0a000001): FlowKey => ({ src, dst: 0x0a000005, proto: 17, sport, dport });

describe('the multipath hash', () => {
  it('is stable: the same flow always takes the same next hop', () => {
    const seed = hashSeed(1, 'leaf1');
    const r = route(nexthops(4));
    for (let p = 0; p < 50; p++) {
      const first = routeForFlow(r, udp(40000 + p), seed)!.dev;
      for (let again = 0; again < 5; again++) expect(routeForFlow(r, udp(40000 + p), seed)!.dev).toBe(first);
    }
    expect(multipathHash(udp(1234), seed)).toBe(multipathHash(udp(1234), seed));
    expect(multipathHash(udp(1234), seed)).toBeLessThan(2 ** 31);
  });

  it('spreads flows over every next hop, about evenly', () => {
    const seed = hashSeed(1, 'leaf1');
    for (const n of [2, 3, 4]) {
      const r = route(nexthops(n));
      const counts = new Map<Intf, number>();
      const flows = 4000;
      for (let p = 0; p < flows; p++) {
        const dev = routeForFlow(r, udp(32768 + p, 5001, 0x0a000001 + (p % 7)), seed)!.dev!;
        counts.set(dev, (counts.get(dev) ?? 0) + 1);
      }
      expect(counts.size).toBe(n);
      for (const c of counts.values()) {
        expect(c).toBeGreaterThan((flows / n) * 0.85);
        expect(c).toBeLessThan((flows / n) * 1.15);
      }
    }
  });

  it('depends on every field of the 5-tuple', () => {
    const seed = hashSeed(7, 'spine1');
    const base = udp(40000);
    const h = multipathHash(base, seed);
    for (const k of [{ ...base, src: base.src + 1 }, { ...base, dst: base.dst + 1 }, { ...base, proto: 6 }, { ...base, sport: 40001 }, { ...base, dport: 5002 }]) {
      expect(multipathHash(k, seed)).not.toBe(h);
    }
  });

  it('gives each switch its own seed, so tiers do not pick in lockstep', () => {
    expect(hashSeed(1, 'leaf1')).not.toBe(hashSeed(1, 'leaf2'));
    expect(hashSeed(1, 'leaf1')).not.toBe(hashSeed(2, 'leaf1'));
    let same = 0;
    for (let p = 0; p < 1000; p++) {
      const a = multipathHash(udp(p), hashSeed(1, 'edge1')) % 2;
      const b = multipathHash(udp(p), hashSeed(1, 'agg1')) % 2;
      if (a === b) same++;
    }
    expect(same).toBeGreaterThan(400);
    expect(same).toBeLessThan(600);
  });

  it('hashes ICMP with ports 0 (policy 1): every ping between two hosts takes one path', () => {
    const echo = (ident: number, seq: number) =>
      flowKeyOf({ src: 0x0a000001, dst: 0x0a000005, payload: { proto: 'icmp', type: 8, code: 0, ident, seq, dataLen: 56, sentAt: 0 } });
    expect(echo(1, 1)).toEqual({ src: 0x0a000001, dst: 0x0a000005, proto: 1, sport: 0, dport: 0 });
    expect(echo(99, 7)).toEqual(echo(1, 1));
    const u = flowKeyOf({ src: 1, dst: 2, payload: { proto: 'udp', sport: 33434, dport: 33435, length: 32 } });
    expect([u.proto, u.sport, u.dport]).toEqual([17, 33434, 33435]);
  });

  it('skips dead next hops, and finds none when all are dead', () => {
    const nh = nexthops(2);
    const one = route([{ ...nh[0]!, dead: true }, nh[1]!]);
    for (let p = 0; p < 20; p++) expect(routeForFlow(one, udp(p), 3)!.dev).toBe(nh[1]!.dev);
    expect(routeForFlow(route(nh.map((n) => ({ ...n, dead: true }))), udp(1), 3)).toBeUndefined();
  });

  it('cuts the hash space by weight (hash-threshold)', () => {
    const nh = nexthops(2);
    const weighted: Nexthop[] = [{ ...nh[0]!, weight: 3 }, nh[1]!];
    expect(pickByHash(weighted, 0)).toBe(weighted[0]);
    expect(pickByHash(weighted, Math.floor(0.74 * 2 ** 31))).toBe(weighted[0]);
    expect(pickByHash(weighted, Math.floor(0.76 * 2 ** 31))).toBe(weighted[1]);
    expect(pickByHash(weighted, 2 ** 31 - 1)).toBe(weighted[1]);
  });

  it('leaves a single-path route alone', () => {
    const single: Route = { dst: 0x0a000000, prefixLen: 8, dev: devs[0], proto: 'kernel', scope: 'link', metric: 0, type: 'unicast' };
    expect(routeForFlow(single, udp(1), 1)).toBe(single);
  });
});
