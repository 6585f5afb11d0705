import { describe, expect, it } from 'vitest';
import type { PacketInfo, PacketProtocol } from '@site/sandbox/worker/api';
import { filterPackets, linkText, timeText } from './filter';

function p(id: number, protocol: PacketProtocol): PacketInfo {
  return { id, at: id * 1500, from: { node: 'h1', intf: 'h1-eth0' }, to: { node: 's1', intf: 's1-eth1' }, protocol, summary: '', size: 42 };
}

describe('filterPackets', () => {
  const all = [p(1, 'arp'), p(2, 'icmp'), p(3, 'arp'), p(4, 'icmp'), p(5, 'lldp')];

  it('keeps the chosen protocols in order', () => {
    expect(filterPackets(all, new Set(['icmp']), 10).rows.map((x) => x.id)).toEqual([2, 4]);
    expect(filterPackets(all, new Set(['arp', 'lldp']), 10).rows.map((x) => x.id)).toEqual([1, 3, 5]);
    expect(filterPackets(all, new Set(), 10).rows).toEqual([]);
  });

  it('shows the newest when there are more than the limit, and says how many are hidden', () => {
    const v = filterPackets(all, new Set(['arp', 'icmp', 'lldp']), 2);
    expect(v.rows.map((x) => x.id)).toEqual([4, 5]);
    expect(v.hidden).toBe(3);
    expect(v.matching).toBe(5);
  });
});

describe('row texts', () => {
  it('gives virtual time in milliseconds and the link from sender to receiver', () => {
    expect(timeText(1_002_345)).toBe('1002.345 ms');
    expect(linkText(p(1, 'arp'))).toBe('h1-eth0 → s1-eth1');
  });
});
