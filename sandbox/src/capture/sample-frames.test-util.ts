/**
 * One frame of every kind the engine puts on a wire (wire/*: ARP request and reply, ICMP echo,
 * ICMP destination unreachable and time exceeded, UDP, TCP with and without options and data,
 * ONOS's LLDP and BDDP probes), for the capture tests.
 */
import type { EthernetFrame } from '../wire/ethernet';
import type { Ipv4Packet } from '../wire/ipv4';
import type { TcpSegment } from '../wire/tcp';
import { ETH_TYPE_BDDP, ETH_TYPE_LLDP, LLDP_MULTICAST, ONOS_PROBE_PAYLOAD } from '../wire/lldp';

export const H1 = 0x0a000001;
export const H2 = 0x0a000002;
export const H9 = 0x0a000009;
export const MAC1 = '00:00:00:00:00:01';
export const MAC2 = '00:00:00:00:00:02';

export const arpRequest: EthernetFrame = {
  src: MAC1, dst: 'ff:ff:ff:ff:ff:ff',
  payload: { proto: 'arp', op: 1, sha: MAC1, spa: H1, tha: '00:00:00:00:00:00', tpa: H2 },
};

export const arpReply: EthernetFrame = {
  src: MAC2, dst: MAC1,
  payload: { proto: 'arp', op: 2, sha: MAC2, spa: H2, tha: MAC1, tpa: H1 },
};

export const echoRequestIp: Ipv4Packet = {
  proto: 'ipv4', src: H1, dst: H2, ttl: 64, tos: 0, id: 12345,
  payload: { proto: 'icmp', type: 8, code: 0, ident: 3215, seq: 1, dataLen: 56, sentAt: 1_500_000 },
};

export const echoRequest: EthernetFrame = { src: MAC1, dst: MAC2, payload: echoRequestIp };

export const echoReply: EthernetFrame = {
  src: MAC2, dst: MAC1,
  payload: { proto: 'ipv4', src: H2, dst: H1, ttl: 64, tos: 0, id: 777, payload: { proto: 'icmp', type: 0, code: 0, ident: 3215, seq: 1, dataLen: 56, sentAt: 1_500_000 } },
};

/** traceroute's first UDP probe, TTL 1, no data. */
export const udpProbe: Ipv4Packet = {
  proto: 'ipv4', src: H1, dst: H9, ttl: 1, tos: 0, id: 4242, payload: { proto: 'udp', sport: 43210, dport: 33434, length: 32 },
};

export const portUnreachable: EthernetFrame = {
  src: MAC2, dst: MAC1,
  payload: { proto: 'ipv4', src: H9, dst: H1, ttl: 64, tos: 0xc0, id: 9, payload: { proto: 'icmp', type: 3, code: 3, original: udpProbe } },
};

export const timeExceeded: EthernetFrame = {
  src: MAC2, dst: MAC1,
  payload: { proto: 'ipv4', src: H2, dst: H1, ttl: 64, tos: 0xc0, id: 10, payload: { proto: 'icmp', type: 11, code: 0, original: udpProbe } },
};

export const udpData: EthernetFrame = {
  src: MAC1, dst: MAC2,
  payload: { proto: 'ipv4', src: H1, dst: H2, ttl: 64, tos: 0, id: 11, payload: { proto: 'udp', sport: 52766, dport: 5001, length: 1470, data: { iperf: 'first' } } },
};

function tcp(src: number, dst: number, seg: Omit<TcpSegment, 'proto' | 'window'> & { window?: number }, id: number): EthernetFrame {
  return {
    src: src === H1 ? MAC1 : MAC2, dst: src === H1 ? MAC2 : MAC1,
    payload: { proto: 'ipv4', src, dst, ttl: 64, tos: 0, id, payload: { proto: 'tcp', window: 64240, ...seg } },
  };
}

export const CLIENT_ISN = 3542168461;
export const SERVER_ISN = 1298314411;
export const REQUEST = 'GET / HTTP/1.1\r\nHost: 10.0.0.2\r\nUser-Agent: curl/7.68.0\r\nAccept: */*\r\n\r\n';

/** A connection to port 80: handshake, a request, the server's ACK, a reset for good measure. */
export const tcpSyn = tcp(H1, H2, { sport: 46512, dport: 80, seq: CLIENT_ISN, ack: 0, flags: { syn: true }, length: 0, options: 20 }, 100);
export const tcpSynAck = tcp(H2, H1, { sport: 80, dport: 46512, seq: SERVER_ISN, ack: CLIENT_ISN + 1, flags: { syn: true, ack: true }, length: 0, options: 20 }, 0);
export const tcpAck = tcp(H1, H2, { sport: 46512, dport: 80, seq: CLIENT_ISN + 1, ack: SERVER_ISN + 1, flags: { ack: true }, length: 0, options: 12 }, 101);
export const tcpRequest = tcp(H1, H2, {
  sport: 46512, dport: 80, seq: CLIENT_ISN + 1, ack: SERVER_ISN + 1, flags: { ack: true, psh: true }, length: REQUEST.length, options: 12, data: REQUEST,
}, 102);
export const tcpRst = tcp(H2, H1, { sport: 5001, dport: 40000, seq: 0, ack: 1000, flags: { rst: true, ack: true }, length: 0, window: 0 }, 103);

export const lldpProbe: EthernetFrame = {
  src: '9a:4d:4c:e8:7e:f4', dst: LLDP_MULTICAST,
  payload: { proto: 'lldp', ethType: ETH_TYPE_LLDP, chassisId: '0000000000000001', portId: 1, ttl: 120, onosDevice: 'of:0000000000000001', bytes: ONOS_PROBE_PAYLOAD },
};

export const bddpProbe: EthernetFrame = {
  src: '9a:4d:4c:e8:7e:f4', dst: 'ff:ff:ff:ff:ff:ff',
  payload: { proto: 'lldp', ethType: ETH_TYPE_BDDP, chassisId: '0000000000000001', portId: 1, ttl: 120, onosDevice: 'of:0000000000000001', bytes: ONOS_PROBE_PAYLOAD },
};

/** Every kind, named, for tests that must cover them all. */
export const EVERY_KIND: Readonly<Record<string, EthernetFrame>> = {
  arpRequest, arpReply, echoRequest, echoReply, portUnreachable, timeExceeded, udpData, tcpSyn, tcpSynAck, tcpAck, tcpRequest, tcpRst,
  lldpProbe, bddpProbe,
};
