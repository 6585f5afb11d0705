import { describe, expect, it } from 'vitest';
import { decodeFrame, protocolOf } from './decode';
import type { Layer } from './decode';
import {
  arpRequest, bddpProbe, echoReply, echoRequest, EVERY_KIND, lldpProbe, portUnreachable, tcpRequest, tcpRst, tcpSyn, timeExceeded,
  udpData,
} from './sample-frames.test-util';

const field = (l: Layer | undefined, name: string): string | undefined => l?.fields.find((f) => f.name === name)?.value;

describe('decodeFrame: Wireshark-like layers for the packet inspector', () => {
  it('decodes every kind the engine sends into plain, structured-cloneable layers', () => {
    for (const [name, f] of Object.entries(EVERY_KIND)) {
      const layers = decodeFrame(f, 1000);
      expect(layers[0]!.name, name).toBe('Ethernet II');
      expect(layers.length, name).toBeGreaterThanOrEqual(2);
      expect(structuredClone(layers), name).toEqual(layers);
      for (const l of layers) for (const x of l.fields) expect(x.value, `${name} ${l.name} ${x.name}`).not.toMatch(/undefined|NaN/);
    }
  });

  it('Ethernet II and ARP', () => {
    const [eth, arp] = decodeFrame(arpRequest);
    expect(field(eth, 'Destination')).toBe('Broadcast (ff:ff:ff:ff:ff:ff)');
    expect(field(eth, 'Source')).toBe('00:00:00:00:00:01');
    expect(field(eth, 'Type')).toBe('ARP (0x0806)');
    expect(field(eth, 'Frame Length')).toBe('42 bytes');
    expect(arp!.name).toBe('ARP');
    expect(field(arp, 'Opcode')).toBe('request (1)');
    expect(field(arp, 'Sender IP address')).toBe('10.0.0.1');
    expect(field(arp, 'Target MAC address')).toBe('00:00:00:00:00:00');
    expect(field(arp, 'Target IP address')).toBe('10.0.0.2');
  });

  it('IPv4 and ICMP echo, with a header checksum computed over the header', () => {
    const [, ip, icmp] = decodeFrame(echoRequest);
    expect(ip!.name).toBe('IPv4');
    expect(field(ip, 'Version')).toBe('4');
    expect(field(ip, 'Header Length')).toBe('20 bytes (5)');
    expect(field(ip, 'Total Length')).toBe('84');
    expect(field(ip, 'Identification')).toBe('0x3039 (12345)');
    expect(field(ip, 'Flags')).toBe("0x2, Don't fragment");
    expect(field(ip, 'Time to Live')).toBe('64');
    expect(field(ip, 'Protocol')).toBe('ICMP (1)');
    expect(field(ip, 'Header Checksum')).toMatch(/^0x[0-9a-f]{4} \[correct\]$/);
    expect(field(ip, 'Source Address')).toBe('10.0.0.1');
    expect(field(icmp, 'Type')).toBe('8 (Echo (ping) request)');
    expect(field(icmp, 'Identifier')).toBe('3215 (0x0c8f)');
    expect(field(icmp, 'Sequence Number')).toBe('1 (0x0001)');
    expect(field(decodeFrame(echoReply)[2], 'Type')).toBe('0 (Echo (ping) reply)');
    expect(field(decodeFrame(echoReply)[1], 'Flags')).toBe('0x0');
  });

  it('ICMP errors carry the quoted datagram as further layers', () => {
    const layers = decodeFrame(portUnreachable);
    expect(layers.map((l) => l.name)).toEqual(['Ethernet II', 'IPv4', 'ICMP', 'IPv4 (quoted)', 'UDP (quoted)']);
    expect(field(layers[2], 'Type')).toBe('3 (Destination unreachable)');
    expect(field(layers[2], 'Code')).toBe('3 (Port unreachable)');
    expect(field(layers[3], 'Time to Live')).toBe('1');
    expect(field(layers[4], 'Destination Port')).toBe('33434');
    expect(field(decodeFrame(timeExceeded)[2], 'Code')).toBe('0 (Time to live exceeded in transit)');
  });

  it('UDP and TCP', () => {
    const udp = decodeFrame(udpData)[2];
    expect(udp!.name).toBe('UDP');
    expect(field(udp, 'Length')).toBe('1478');
    expect(field(udp, 'Checksum')).toMatch(/\[correct\]$/);
    const syn = decodeFrame(tcpSyn)[2];
    expect(field(syn, 'Flags')).toBe('0x002 (SYN)');
    expect(field(syn, 'Header Length')).toBe('40 bytes (10)');
    expect(field(syn, 'Options')).toMatch(/^\(20 bytes\) mss 1460, sackOK, TS val \d+ ecr 0, nop, wscale 7$/);
    const req = decodeFrame(tcpRequest)[2];
    expect(field(req, 'Flags')).toBe('0x018 (PSH, ACK)');
    expect(field(req, 'Data (first line)')).toBe('GET / HTTP/1.1');
    expect(field(decodeFrame(tcpRst)[2], 'Flags')).toBe('0x014 (RST, ACK)');
  });

  it("LLDP and BDDP: ONOS's discovery TLVs", () => {
    const [eth, l] = decodeFrame(lldpProbe, 0);
    expect(field(eth, 'Destination')).toBe('LLDP_Multicast (01:80:c2:00:00:0e)');
    expect(l!.name).toBe('LLDP');
    expect(field(l, 'Chassis Id')).toBe('00:00:00:00:00:01 (subtype: MAC address)');
    expect(field(l, 'Port Id')).toBe('1 (subtype: Port component)');
    expect(field(l, 'Time To Live')).toBe('120 sec');
    expect(field(l, 'ONOS Discovery name')).toBe('ONOS Discovery');
    expect(field(l, 'ONOS Device')).toBe('of:0000000000000001');
    expect(field(l, 'Port Description')).toBe('s1-eth1');
    expect(decodeFrame(bddpProbe)[1]!.name).toBe('BDDP (LLDP TLVs)');
  });

  it('protocolOf gives the protocol the inspector filters by', () => {
    const got = Object.fromEntries(Object.entries(EVERY_KIND).map(([k, f]) => [k, protocolOf(f)]));
    expect(got).toEqual({
      arpRequest: 'arp', arpReply: 'arp', echoRequest: 'icmp', echoReply: 'icmp', portUnreachable: 'icmp', timeExceeded: 'icmp',
      udpData: 'udp', tcpSyn: 'tcp', tcpSynAck: 'tcp', tcpAck: 'tcp', tcpRequest: 'tcp', tcpRst: 'tcp', lldpProbe: 'lldp', bddpProbe: 'lldp',
    });
  });
});
