import { describe, expect, it } from 'vitest';
import { labSession } from '../../../test/lab-session';

/** Drive one terminal: each line's output (stdout and stderr as the terminal shows them). */
const terminal = (seed = 1) => labSession({ seed, maxRunUs: 120_000_000 });

const MAC = '[0-9a-f]{2}(?::[0-9a-f]{2}){5}';
const STATS = String.raw`cookie=0x0, duration=\d+\.\d{3}s, table=0, n_packets=0, n_bytes=0, idle_timeout=60, `;

/** The three reference-controller flows of reference/mininet.md §3.9, on a terminal. */
const TTY_FLOWS = [
  new RegExp(String.raw`^ ${STATS}priority=65535,arp,in_port="s1-eth2",vlan_tci=0x0000,dl_src=${MAC},dl_dst=${MAC},arp_spa=10\.0\.0\.2,arp_tpa=10\.0\.0\.1,arp_op=2 actions=output:"s1-eth1"$`),
  new RegExp(String.raw`^ ${STATS}priority=65535,icmp,in_port="s1-eth1",vlan_tci=0x0000,dl_src=${MAC},dl_dst=${MAC},nw_src=10\.0\.0\.1,nw_dst=10\.0\.0\.2,nw_tos=0,icmp_type=8,icmp_code=0 actions=output:"s1-eth2"$`),
  new RegExp(String.raw`^ ${STATS}priority=65535,icmp,in_port="s1-eth2",vlan_tci=0x0000,dl_src=${MAC},dl_dst=${MAC},nw_src=10\.0\.0\.2,nw_dst=10\.0\.0\.1,nw_tos=0,icmp_type=0,icmp_code=0 actions=output:"s1-eth1"$`),
];

function lines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '');
}

describe('ovs-ofctl dump-flows after a ping through the reference controller', () => {
  it('prints the reactive flows by port name on a terminal, and under dpctl', () => {
    const t = terminal();
    t.run('mn --topo single,2 --controller ovsc');
    expect(t.run('h1 ping -c1 h2')).toContain('1 received');
    const sh = lines(t.run('sh ovs-ofctl dump-flows s1'));
    expect(sh).toHaveLength(3);
    sh.forEach((l, i) => expect(l).toMatch(TTY_FLOWS[i]!));

    const dpctl = lines(t.run('dpctl dump-flows'));
    expect(dpctl[0]).toBe('*** s1 ' + '-'.repeat(72));
    expect(dpctl).toHaveLength(4);
    dpctl.slice(1).forEach((l, i) => expect(l).toMatch(TTY_FLOWS[i]!));
    // The MACs are the hosts' own.
    const sb = t.sb;
    const h1 = sb.mininet!.hostByName('h1')!.defaultIntf()!.mac;
    const h2 = sb.mininet!.hostByName('h2')!.defaultIntf()!.mac;
    expect(dpctl[2]).toContain(`dl_src=${h1},dl_dst=${h2},nw_src=10.0.0.1`);
  });

  it('prints the raw Nicira reply with numbers and idle_age to a pipe, and OF1.3 with -O', () => {
    const t = terminal();
    t.run('mn --topo single,2 --controller ovsc');
    t.run('h1 ping -c1 h2');
    t.run('sh sleep 5');
    const piped = lines(t.run('sh ovs-ofctl dump-flows s1 | cat'));
    expect(piped[0]).toBe('NXST_FLOW reply (xid=0x4):');
    expect(piped[1]).toMatch(/^ cookie=0x0, duration=5\.\d{3}s, table=0, n_packets=0, n_bytes=0, idle_timeout=60, idle_age=5, priority=65535,arp,in_port=2,vlan_tci=0x0000,/);
    expect(piped[1]).toMatch(/ actions=output:1$/);
    const of13 = lines(t.run('sh ovs-ofctl -O OpenFlow13 dump-flows s1 > /tmp/flows; cat /tmp/flows'));
    expect(of13[0]).toBe('OFPST_FLOW reply (OF1.3) (xid=0x2):');
    expect(of13[2]).toMatch(/idle_timeout=60, priority=65535,icmp,in_port=1,/);
    expect(of13[2]).not.toContain('idle_age');
    // --names forces names even into a pipe; a filter selects flows.
    const named = lines(t.run('sh ovs-ofctl --names dump-flows s1 icmp | cat'));
    expect(named).toHaveLength(2);
    expect(named[0]).toMatch(TTY_FLOWS[1]!);
  });

  it('lets the flows idle out after 60 s', () => {
    const t = terminal();
    t.run('mn --topo single,2 --controller ovsc');
    t.run('h1 ping -c1 h2');
    expect(t.run('sh ovs-ofctl dump-flows s1')).toContain('icmp_type=8');
    t.run('sh sleep 61');
    expect(t.run('sh ovs-ofctl dump-flows s1')).not.toContain('icmp');
  });
});

describe('ovs-ofctl show', () => {
  it('prints features, ports and config as OVS 2.17 does for OpenFlow 1.0', () => {
    const t = terminal();
    t.run('mn --topo single,2 --controller ovsc');
    const sw = t.sb.mininet!.switches[0]!;
    const [p1, p2] = sw.ports().map((p) => p.intf.mac);
    expect(t.run('sh ovs-ofctl show s1')).toBe(
      'OFPT_FEATURES_REPLY (xid=0x2): dpid:0000000000000001\n' +
        'n_tables:254, n_buffers:0\n' +
        'capabilities: FLOW_STATS TABLE_STATS PORT_STATS QUEUE_STATS ARP_MATCH_IP\n' +
        'actions: output enqueue set_vlan_vid set_vlan_pcp strip_vlan mod_dl_src mod_dl_dst mod_nw_src mod_nw_dst mod_nw_tos mod_tp_src mod_tp_dst\n' +
        ` 1(s1-eth1): addr:${p1}\n     config:     0\n     state:      0\n     current:    10GB-FD COPPER\n     speed: 10000 Mbps now, 0 Mbps max\n` +
        ` 2(s1-eth2): addr:${p2}\n     config:     0\n     state:      0\n     current:    10GB-FD COPPER\n     speed: 10000 Mbps now, 0 Mbps max\n` +
        ` LOCAL(s1): addr:${sw.bridgeMac}\n     config:     PORT_DOWN\n     state:      LINK_DOWN\n     speed: 0 Mbps now, 0 Mbps max\n` +
        'OFPT_GET_CONFIG_REPLY (xid=0x4): frags=normal miss_send_len=0\n',
    );
  });

  it('uses OFPST_PORT_DESC and LIVE with -O OpenFlow13, and shows a downed link', () => {
    const t = terminal();
    t.run('mn --topo single,2 --controller ovsc');
    t.run('link s1 h1 down');
    const out = t.run('sh ovs-ofctl -O OpenFlow13 show s1');
    expect(out).toMatch(/^OFPT_FEATURES_REPLY \(OF1\.3\) \(xid=0x2\): dpid:0000000000000001\nn_tables:254, n_buffers:0\ncapabilities: FLOW_STATS TABLE_STATS PORT_STATS GROUP_STATS QUEUE_STATS\nOFPST_PORT_DESC reply \(OF1\.3\) \(xid=0x3\):\n 1\(s1-eth1\)/);
    expect(out).toContain('     config:     PORT_DOWN\n     state:      LINK_DOWN\n     current:    10GB-FD COPPER\n');
    expect(out).toContain(' 2(s1-eth2): addr:');
    expect(out).toContain('     state:      LIVE\n');
    expect(out).toMatch(/OFPT_GET_CONFIG_REPLY \(OF1\.3\) \(xid=0x7\): frags=normal miss_send_len=0\n$/);
    expect(lines(t.run('sh ovs-ofctl -O OpenFlow13 show s1 | cat')).pop()).toBe('OFPT_GET_CONFIG_REPLY (OF1.3) (xid=0x5): frags=normal miss_send_len=0');
  });
});

describe('ovs-ofctl errors', () => {
  it('names missing bridges, Linux bridges and OpenFlow 1.3-only bridges as ovs-ofctl does', () => {
    const t = terminal();
    t.run('mn --topo single,2 --switch ovsk,protocols=OpenFlow13 --controller none');
    expect(t.run('sh ovs-ofctl dump-flows s9')).toBe('ovs-ofctl: s9 is not a bridge or a socket\n');
    expect(t.run('sh ovs-ofctl dump-flows s1')).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\|00001\|vconn\|WARN\|unix:\/var\/run\/openvswitch\/s1\.mgmt: version negotiation failed \(we support version 0x01, peer supports version 0x04\)\novs-ofctl: s1: failed to connect to socket \(Broken pipe\)\n$/,
    );
    expect(t.run('sh ovs-ofctl -O OpenFlow13 dump-flows s1')).toBe('');
    expect(t.run('sh ovs-ofctl -O OpenFlow13 dump-flows s1; echo $?')).toBe('0\n');
    t.run('exit');
    t.run('mn --topo single,2 --switch lxbr');
    expect(t.run('sh ovs-ofctl show s1')).toBe('ovs-ofctl: s1 is not a bridge or a socket\n');
  });

  it('checks arguments before connecting and flows after', () => {
    const t = terminal();
    t.run('mn --topo single,2 --controller none');
    expect(t.run('sh ovs-ofctl')).toBe('ovs-ofctl: missing command name; use --help for help\n');
    expect(t.run('sh ovs-ofctl frob s1')).toBe("ovs-ofctl: unknown command 'frob'; use --help for help\n");
    expect(t.run('sh ovs-ofctl add-flow s1')).toBe("ovs-ofctl: 'add-flow' command requires at least 2 arguments\n");
    expect(t.run('sh ovs-ofctl show s1 s2')).toBe("ovs-ofctl: 'show' command takes at most 1 arguments\n");
    expect(t.run('sh ovs-ofctl -O OpenFlow99 show s1')).toBe('ovs-ofctl: Unknown OpenFlow version: "OpenFlow99"\n');
    expect(t.run('sh ovs-ofctl add-flow s9 foo=1,actions=drop')).toBe('ovs-ofctl: s9 is not a bridge or a socket\n');
    expect(t.run('sh ovs-ofctl add-flow s1 foo=1,actions=drop')).toBe('ovs-ofctl: unknown keyword foo\n');
    expect(t.run('sh ovs-ofctl add-flow s1 "in_port=s5-eth4, priority=1,actions=output:s1-eth2"')).toBe('ovs-ofctl: s5-eth4: invalid or unknown port for in_port\n');
    expect(t.run('sh ovs-ofctl add-flow s1 nw_dst=10.0.0.2,actions=drop')).toMatch(
      /\|00001\|ofp_match\|INFO\|normalization changed ofp_match, details:\n.*\|00002\|ofp_match\|INFO\| pre: nw_dst=10\.0\.0\.2\n.*\|00003\|ofp_match\|INFO\|post: \n$/,
    );
    expect(t.run('sh ovs-ofctl --version')).toBe('ovs-ofctl (Open vSwitch) 2.17.9\nOpenFlow versions 0x1:0x6\n');
  });
});

describe('ovs-ofctl changes the flow table', () => {
  it('add-flow makes a controller-less secure switch forward; del-flows stops it', () => {
    const t = terminal();
    t.run('mn --topo single,2 --controller none');
    expect(t.run('h1 ping -c1 -W1 h2')).toContain('0 received');
    expect(t.run('sh ovs-ofctl add-flow s1 actions=normal')).toBe('');
    expect(t.run('h1 ping -c1 h2')).toContain('1 received');
    expect(t.run('sh ovs-ofctl dump-flows s1')).toMatch(/^ cookie=0x0, duration=\d+\.\d{3}s, table=0, n_packets=[1-9]\d*, n_bytes=[1-9]\d*, actions=NORMAL\n$/);
    t.run('sh ovs-ofctl del-flows s1');
    expect(t.run('sh ovs-ofctl dump-flows s1')).toBe('');
    expect(t.run('h1 ping -c1 -W1 h2')).toContain('0 received');
  });

  it('installs port-to-port flows by name and deletes them selectively', () => {
    const t = terminal();
    t.run('mn --topo single,2 --controller none');
    t.run('sh ovs-ofctl add-flow s1 in_port=s1-eth1,actions=output:s1-eth2');
    t.run('sh ovs-ofctl add-flow s1 priority=10,in_port=2,idle_timeout=30,actions=output:1');
    expect(t.run('h1 ping -c1 h2')).toContain('1 received');
    const flows = lines(t.run('sh ovs-ofctl dump-flows s1'));
    expect(flows[0]).toMatch(/n_packets=2, n_bytes=140, in_port="s1-eth1" actions=output:"s1-eth2"$/);
    expect(flows[1]).toMatch(/n_packets=2, n_bytes=140, idle_timeout=30, priority=10,in_port="s1-eth2" actions=output:"s1-eth1"$/);
    expect(t.run('sh ovs-ofctl dump-aggregate s1 | cat')).toBe('NXST_AGGREGATE reply (xid=0x4): packet_count=4 byte_count=280 flow_count=2\n');
    t.run('sh ovs-ofctl --strict del-flows s1 in_port=2');
    expect(lines(t.run('sh ovs-ofctl dump-flows s1'))).toHaveLength(2);
    t.run('sh ovs-ofctl del-flows s1 in_port=2');
    expect(lines(t.run('sh ovs-ofctl dump-flows s1'))).toHaveLength(1);
    t.run('sh ovs-ofctl mod-flows s1 in_port=1,actions=drop');
    expect(t.run('sh ovs-ofctl dump-flows s1')).toMatch(/in_port="s1-eth1" actions=drop\n$/);
  });

  it('counts packets per port in dump-ports', () => {
    const t = terminal();
    t.run('mn --topo single,2 --controller ovsc');
    t.run('h1 ping -c1 h2');
    expect(t.run('sh ovs-ofctl dump-ports s1 1 | cat')).toBe(
      'OFPST_PORT reply (xid=0x2): 1 ports\n' +
        '  port  1: rx pkts=2, bytes=140, drop=0, errs=0, frame=0, over=0, crc=0\n' +
        '           tx pkts=2, bytes=140, drop=0, errs=0, coll=0\n',
    );
    const of13 = t.run('sh ovs-ofctl -O OpenFlow13 dump-ports s1 s1-eth2');
    expect(of13).toMatch(/^OFPST_PORT reply \(OF1\.3\) \(xid=0x4\): 1 ports\n {2}port {2}"s1-eth2": rx pkts=2,.*\n {11}tx pkts=2,.*\n {11}duration=\d+\.\d{3}s\n$/);
    expect(t.run('sh ovs-ofctl dump-ports s1 nope')).toBe("ovs-ofctl: s1: unknown port `nope'\n");
  });
});
