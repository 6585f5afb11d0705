import { describe, expect, it } from 'vitest';
import { flowId, flowIdHex, murmur3_32 } from './flow-id';
import { appIdOf } from './apps';

const CORE = 1;
const hex = (app: number, dev: string, crit: string[], prio: number, table = '0') => flowIdHex(flowId(app, dev, crit, prio, table));
const dev = (n: number) => `of:${n.toString(16).padStart(16, '0')}`;

describe('murmur3_32', () => {
  it('matches the reference implementation on known inputs', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(murmur3_32(new Uint8Array(0))).toBe(0);
    expect(murmur3_32(new Uint8Array(0), 1)).toBe(0x514e28b7);
    expect(murmur3_32(enc('hello'))).toBe(0x248bfa47);
    expect(murmur3_32(enc('The quick brown fox jumps over the lazy dog'))).toBe(0x2e4ff723);
  });
});

describe('flow ids (reference/onos.md §3.1 test vectors, every row)', () => {
  const rows: Array<[number, string, number, string]> = [
    [1, 'ETH_TYPE:bddp', 40000, '100007a585b6f'],
    [1, 'ETH_TYPE:lldp', 40000, '100009465555a'],
    [1, 'ETH_TYPE:arp', 40000, '10000ea6f4b8e'],
    [1, 'ETH_TYPE:ipv4', 5, '10000021b41dc'],
    [1, 'ETH_TYPE:arp', 5, '1000000ea1bfb'],
    [2, 'ETH_TYPE:lldp', 40000, '1000002bbd8d4'],
    [2, 'ETH_TYPE:arp', 40000, '10000c70edd85'],
    [2, 'ETH_TYPE:bddp', 40000, '10000dc56d70b'],
    [2, 'ETH_TYPE:ipv4', 5, '100002341485c'],
    [3, 'ETH_TYPE:lldp', 40000, '10000646f55aa'],
    [3, 'ETH_TYPE:arp', 40000, '10000a6288ee9'],
    [3, 'ETH_TYPE:bddp', 40000, '10000464e5575'],
    [3, 'ETH_TYPE:ipv4', 5, '10000be641e06'],
    [4, 'ETH_TYPE:lldp', 40000, '10000261e0911'],
    [4, 'ETH_TYPE:arp', 40000, '1000011326ce6'],
    [4, 'ETH_TYPE:bddp', 40000, '10000687421fe'],
  ];
  it.each(rows)('of:%i %s @%i → %s', (n, crit, prio, id) => {
    expect(hex(CORE, dev(n), [crit], prio)).toBe(id);
  });

  it('a P4 device with a named table and app 0x93', () => {
    expect(hex(0x93, 'device:s1', ['IN_PORT:2', 'ETH_DST:0E:B9:97:65:10:9F', 'ETH_SRC:B6:4B:0F:58:52:B5'], 10, 'ingress.table0_control.table0'))
      .toBe('9300001df749ae');
  });

  it('the fwd rules of the worked example (§8) with fwd as app 0xa6', () => {
    const fwd = appIdOf('org.onosproject.fwd') ?? 0;
    expect(fwd).toBe(0xa6);
    const m = (n: number) => `00:00:00:00:00:0${n}`;
    const rule = (d: number, inPort: number, dst: number, src: number) => hex(fwd, dev(d), [`IN_PORT:${inPort}`, `ETH_DST:${m(dst)}`, `ETH_SRC:${m(src)}`], 10);
    expect(rule(1, 1, 3, 1)).toBe('a600008d053164');
    expect(rule(1, 2, 1, 3)).toBe('a60000d134d2a8');
    expect(rule(2, 1, 3, 1)).toBe('a6000099e62840');
    expect(rule(2, 3, 1, 3)).toBe('a60000c204a428');
    expect(rule(3, 1, 1, 3)).toBe('a600000baf0cae');
    expect(rule(3, 3, 3, 1)).toBe('a60000d2966c5c');
  });
});
