import { describe, expect, it } from 'vitest';
import type { FlowEntry, FlowMatch } from '../../net/flow-table';
import { parseIpv4 } from '../../wire/addr';
import {
  OFPP, formatActions, formatDurationMs, formatFlowStats, formatMatch, formatName, formatPort,
} from './ofctl-format';

const ip = (s: string) => parseIpv4(s)!;
const NAMES = new Map([[1, 's1-eth1'], [2, 's1-eth2'], [OFPP.LOCAL, 's1']]);

function entry(p: Partial<FlowEntry> & { match: FlowMatch }): FlowEntry {
  return {
    cookie: 0n, table: 0, priority: 0x8000, actions: [], idleTimeout: 0, hardTimeout: 0, sendFlowRem: false,
    createdAt: 0, lastUsed: 0, nPackets: 0, nBytes: 0, ...p,
  };
}

// The reference controller's exact-match flows (reference/mininet.md §3.9).
const ICMP_REQUEST: FlowMatch = {
  in_port: 1, dl_src: 'd6:fc:9c:e7:a2:f9', dl_dst: 'a2:72:e7:06:75:2e', dl_type: 0x0800, vlan_tci: 0,
  nw_src: ip('10.0.0.1'), nw_dst: ip('10.0.0.2'), nw_proto: 1, nw_tos: 0, tp_src: 8, tp_dst: 0,
};
const ARP_REPLY: FlowMatch = {
  in_port: 2, dl_src: '62:ee:31:2b:35:7c', dl_dst: 'd6:fc:9c:e7:a2:f9', dl_type: 0x0806, vlan_tci: 0,
  nw_src: ip('10.0.0.2'), nw_dst: ip('10.0.0.1'), nw_proto: 2,
};

describe('formatMatch (OVS match_format)', () => {
  it('prints an OF1.0 exact ICMP match in canonical order with the protocol shorthand', () => {
    expect(formatMatch(ICMP_REQUEST, 65535, NAMES)).toBe(
      'priority=65535,icmp,in_port="s1-eth1",vlan_tci=0x0000,dl_src=d6:fc:9c:e7:a2:f9,dl_dst=a2:72:e7:06:75:2e,' +
        'nw_src=10.0.0.1,nw_dst=10.0.0.2,nw_tos=0,icmp_type=8,icmp_code=0',
    );
  });

  it('uses arp_spa/arp_tpa/arp_op for ARP, and numbers without a port map', () => {
    expect(formatMatch(ARP_REPLY, 65535)).toBe(
      'priority=65535,arp,in_port=2,vlan_tci=0x0000,dl_src=62:ee:31:2b:35:7c,dl_dst=d6:fc:9c:e7:a2:f9,arp_spa=10.0.0.2,arp_tpa=10.0.0.1,arp_op=2',
    );
  });

  it('leaves out the default priority and prints the empty match as nothing', () => {
    expect(formatMatch({}, 0x8000)).toBe('');
    expect(formatMatch({}, 0)).toBe('priority=0');
    expect(formatMatch({ in_port: 1 })).toBe('in_port=1');
  });

  it('spells unnamed ethertypes in hex and named protocols as keywords', () => {
    expect(formatMatch({ dl_type: 0x88cc }, 40000)).toBe('priority=40000,dl_type=0x88cc');
    expect(formatMatch({ dl_type: 0x0800 }, 5)).toBe('priority=5,ip');
    expect(formatMatch({ dl_type: 0x0800, nw_proto: 6, tp_dst: 80 })).toBe('tcp,tp_dst=80');
    expect(formatMatch({ dl_type: 0x0800, nw_proto: 17, tp_src: 53 })).toBe('udp,tp_src=53');
    expect(formatMatch({ dl_type: 0x0800, nw_proto: 89 })).toBe('ip,nw_proto=89');
  });

  it('prints prefixes, DSCP bits only, and VLAN tags as dl_vlan', () => {
    expect(formatMatch({ dl_type: 0x0800, nw_src: ip('10.0.0.0'), nw_src_len: 8, nw_dst: ip('10.0.0.2') })).toBe('ip,nw_src=10.0.0.0/8,nw_dst=10.0.0.2');
    expect(formatMatch({ dl_type: 0x0800, nw_tos: 0x2e })).toBe('ip,nw_tos=44');
    expect(formatMatch({ vlan_tci: 0x1000 | (3 << 13) | 10 })).toBe('dl_vlan=10,dl_vlan_pcp=3');
  });
});

describe('ports and actions', () => {
  it('quotes names that are not plain identifiers (namemap_put_name)', () => {
    expect(formatName('s1-eth1')).toBe('"s1-eth1"');
    expect(formatName('eth0')).toBe('eth0');
    expect(formatName('1abc')).toBe('"1abc"');
    expect(formatPort(OFPP.LOCAL, NAMES)).toBe('LOCAL');
    expect(formatPort(7, NAMES)).toBe('7');
  });

  it('writes output:N for ordinary ports and bare names for reserved ones', () => {
    expect(formatActions([{ type: 'output', port: 2 }], NAMES)).toBe('output:"s1-eth2"');
    expect(formatActions([{ type: 'output', port: 2 }])).toBe('output:2');
    expect(formatActions([{ type: 'controller', maxLen: 65535 }])).toBe('CONTROLLER:65535');
    expect(formatActions([{ type: 'flood' }, { type: 'all' }, { type: 'normal' }, { type: 'in_port' }, { type: 'local' }])).toBe('FLOOD,ALL,NORMAL,IN_PORT,LOCAL');
    expect(formatActions([{ type: 'output', port: OFPP.LOCAL }])).toBe('LOCAL');
    expect(formatActions([])).toBe('drop');
  });
});

describe('formatFlowStats (ofp_print_flow_stats)', () => {
  it('reproduces the reference dump-flows line shape on a terminal', () => {
    const e = entry({ priority: 65535, match: ICMP_REQUEST, actions: [{ type: 'output', port: 2 }], idleTimeout: 60, createdAt: 1_000_000, lastUsed: 1_000_000 });
    expect(formatFlowStats(e, { now: 9_519_400, names: NAMES })).toBe(
      'cookie=0x0, duration=8.519s, table=0, n_packets=0, n_bytes=0, idle_timeout=60, priority=65535,icmp,in_port="s1-eth1",vlan_tci=0x0000,' +
        'dl_src=d6:fc:9c:e7:a2:f9,dl_dst=a2:72:e7:06:75:2e,nw_src=10.0.0.1,nw_dst=10.0.0.2,nw_tos=0,icmp_type=8,icmp_code=0 actions=output:"s1-eth2"',
    );
  });

  it('adds idle_age for raw Nicira replies and flags for OpenFlow 1.3', () => {
    const e = entry({ priority: 65535, match: { in_port: 1 }, actions: [{ type: 'output', port: 2 }], idleTimeout: 60, createdAt: 0, lastUsed: 2_500_000 });
    expect(formatFlowStats(e, { now: 5_000_000, idleAge: true })).toBe(
      'cookie=0x0, duration=5s, table=0, n_packets=0, n_bytes=0, idle_timeout=60, idle_age=2, priority=65535,in_port=1 actions=output:2',
    );
    const onos = entry({ cookie: 0x100007a585b6fn, priority: 40000, match: { dl_type: 0x88cc }, actions: [{ type: 'controller', maxLen: 65535 }], sendFlowRem: true });
    expect(formatFlowStats(onos, { now: 95_000_000, flags: true })).toBe(
      'cookie=0x100007a585b6f, duration=95s, table=0, n_packets=0, n_bytes=0, send_flow_rem priority=40000,dl_type=0x88cc actions=CONTROLLER:65535',
    );
  });

  it('prints the table-miss and NORMAL flows with no match', () => {
    const miss = entry({ priority: 0, match: {}, actions: [{ type: 'controller', maxLen: 65535 }] });
    expect(formatFlowStats(miss, { now: 0 })).toMatch(/n_bytes=0, priority=0 actions=CONTROLLER:65535$/);
    const all = entry({ match: {}, actions: [{ type: 'normal' }] });
    expect(formatFlowStats(all, { now: 0 })).toBe('cookie=0x0, duration=0s, table=0, n_packets=0, n_bytes=0, actions=NORMAL');
  });

  it('drops the counters with --no-stats, keeping a non-zero cookie and table', () => {
    const e = entry({ cookie: 0x10n, table: 1, match: { in_port: 1 }, actions: [] });
    expect(formatFlowStats(e, { now: 0, showStats: false })).toBe('cookie=0x10, table=1, in_port=1 actions=drop');
    expect(formatFlowStats(entry({ match: {}, actions: [] }), { now: 0, showStats: false })).toBe('actions=drop');
  });

  it('prints durations with millisecond precision', () => {
    expect(formatDurationMs(8519)).toBe('8.519s');
    expect(formatDurationMs(2050)).toBe('2.050s');
    expect(formatDurationMs(3000)).toBe('3s');
    expect(formatDurationMs(7)).toBe('0.007s');
  });
});
