/**
 * What a switch does with a table miss depends on the OpenFlow version of its controller
 * sessions (OVS connmgr_wants_packet_in_on_miss): 1.0-1.2 send a packet_in, 1.3+ drop it, so a
 * secure-mode bridge under ONOS forwards nothing until flows exist. A failed version
 * negotiation leaves the switch unconnected.
 */
import { describe, expect, it } from 'vitest';
import { Network } from '../net/network';
import type { EthernetFrame } from '../wire/ethernet';
import type { OpenFlowController } from './openflow-listeners';
import { OvsSwitch } from './ovs-switch';

const FRAME: EthernetFrame = {
  src: '00:00:00:00:00:01', dst: '00:00:00:00:00:02',
  payload: { proto: 'arp', op: 1, sha: '00:00:00:00:00:01', spa: 0x0a000001, tha: '00:00:00:00:00:00', tpa: 0x0a000002 },
};

function setup(protocols: string[], negotiate?: (sw: OvsSwitch) => number | undefined) {
  const net = new Network(1);
  const packetIns: number[] = [];
  const connected: string[] = [];
  const ctl: OpenFlowController = {
    name: 'test',
    switchConnected: (sw) => connected.push(sw.name),
    switchDisconnected: () => undefined,
    packetIn: (_sw, inPort) => packetIns.push(inPort),
    ...(negotiate ? { negotiate } : {}),
  };
  const target = { ip: '127.0.0.1', port: 6653 };
  net.ofListeners.listen(target, ctl);
  const sw = new OvsSwitch(net, 's1', { cls: 'OVSSwitch', dpid: '0000000000000001', failMode: 'secure', protocols });
  const port = sw.addPort('s1-eth1', 1, '02:00:00:00:00:01');
  sw.start([target]);
  net.sched.runUntil(100_000);
  return { net, sw, port, packetIns, connected };
}

describe('table misses and the session version', () => {
  it('an OpenFlow 1.0 session (a controller without negotiation) gets the miss as a packet_in', () => {
    const { net, sw, port, packetIns, connected } = setup([]);
    expect(connected).toEqual(['s1']);
    sw.receive(FRAME, port);
    net.sched.runUntil(200_000);
    expect(packetIns).toEqual([1]);
  });

  it('an OpenFlow 1.3 session drops the miss', () => {
    const { net, sw, port, packetIns, connected } = setup(['OpenFlow13'], () => 4);
    expect(connected).toEqual(['s1']);
    expect([...sw.sessionVersions.values()]).toEqual([4]);
    sw.receive(FRAME, port);
    net.sched.runUntil(200_000);
    expect(packetIns).toEqual([]);
  });

  it('a flow that sends to the controller still does under 1.3', () => {
    const { net, sw, port, packetIns } = setup(['OpenFlow13'], () => 4);
    sw.installFlow(sw.newFlow({ priority: 40000, match: { dl_type: 0x0806 }, actions: [{ type: 'controller', maxLen: 65535 }, { type: 'clear_actions' }] }));
    sw.receive(FRAME, port);
    net.sched.runUntil(200_000);
    expect(packetIns).toEqual([1]);
  });

  it('no common version: no session', () => {
    const { sw, connected } = setup(['OpenFlow12'], () => undefined);
    expect(connected).toEqual([]);
    expect(sw.isConnected).toBe(false);
  });
});
