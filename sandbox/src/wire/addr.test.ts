import { describe, expect, it } from 'vitest';
import {
  broadcastOf, formatIpv4, inSubnet, ipAdd, linkLocalFromMac, macFromIndex, maskOf, parseCidr, parseIpv4, parseMac, prefixOfMask, randomMac,
} from './addr';

describe('IPv4 addresses', () => {
  it('parses and formats dotted quads', () => {
    expect(parseIpv4('10.0.0.1')).toBe(0x0a000001);
    expect(formatIpv4(0xc0a80101)).toBe('192.168.1.1');
    expect(parseIpv4('10.0.0')).toBeUndefined();
    expect(parseIpv4('256.0.0.1')).toBeUndefined();
    expect(parseIpv4('h2')).toBeUndefined();
  });

  it('parses CIDR with Mininet\'s default prefix', () => {
    expect(parseCidr('10.0.0.1', 8)).toEqual({ addr: 0x0a000001, prefixLen: 8 });
    expect(parseCidr('172.16.0.1/12')).toEqual({ addr: 0xac100001, prefixLen: 12 });
    expect(parseCidr('1.2.3.4/33')).toBeUndefined();
  });

  it('does subnet arithmetic', () => {
    expect(formatIpv4(maskOf(12))).toBe('255.240.0.0');
    expect(prefixOfMask(maskOf(24))).toBe(24);
    expect(formatIpv4(broadcastOf({ addr: parseIpv4('10.0.0.1')!, prefixLen: 8 }))).toBe('10.255.255.255');
    expect(inSubnet(parseIpv4('10.9.9.9')!, parseIpv4('10.0.0.0')!, 8)).toBe(true);
    expect(inSubnet(parseIpv4('11.0.0.1')!, parseIpv4('10.0.0.0')!, 8)).toBe(false);
  });

  it('allocates host addresses as Mininet ipAdd does', () => {
    const base = parseCidr('10.0.0.0/8')!;
    expect(formatIpv4(ipAdd(base, 1))).toBe('10.0.0.1');
    expect(formatIpv4(ipAdd(base, 256))).toBe('10.0.1.0');
    expect(formatIpv4(ipAdd(base, 257))).toBe('10.0.1.1');
    expect(formatIpv4(ipAdd(parseCidr('10.0.0.5/8')!, 1))).toBe('10.0.0.6');
    expect(formatIpv4(ipAdd(parseCidr('192.168.0.0/24')!, 1))).toBe('192.168.0.1');
  });
});

describe('MAC addresses', () => {
  it('makes --mac addresses from the host index', () => {
    expect(macFromIndex(1)).toBe('00:00:00:00:00:01');
    expect(macFromIndex(10)).toBe('00:00:00:00:00:0a');
    expect(macFromIndex(256)).toBe('00:00:00:00:01:00');
  });

  it('makes random MACs unicast and locally administered', () => {
    for (let i = 0; i < 100; i++) {
      const m = randomMac(i * 2654435761, i * 40503);
      const b0 = parseInt(m.slice(0, 2), 16);
      expect(b0 & 1).toBe(0);
      expect(b0 & 2).toBe(2);
    }
  });

  it('derives the EUI-64 link-local address Linux shows', () => {
    expect(linkLocalFromMac('00:00:00:00:00:01')).toBe('fe80::200:ff:fe00:1');
    expect(linkLocalFromMac('4a:19:3a:99:0a:1a')).toBe('fe80::4819:3aff:fe99:a1a');
  });

  it('normalises MAC input', () => {
    expect(parseMac('AA-BB-CC-00-11-22')).toBe('aa:bb:cc:00:11:22');
    expect(parseMac('zz:00:00:00:00:00')).toBeUndefined();
  });
});
