import { describe, expect, it } from 'vitest';
import {
  dontFragment, echoData, frameBytes, icmpBytes, internetChecksum, ipv4HeaderBytes, lldpBytes, tcpBytes, tcpOptions, udpBytes,
} from './frame-bytes';
import { hexAndAscii, hexOnly } from './hexdump';
import { frameSize } from '../wire/ethernet';
import type { Ipv4Packet } from '../wire/ipv4';
import type { TcpSegment } from '../wire/tcp';
import type { UdpDatagram } from '../wire/udp';
import type { LldpPacket } from '../wire/lldp';
import { LAB_EPOCH_SECONDS } from '../sim/calendar';
import { bddpProbe, echoReply, echoRequest, echoRequestIp, EVERY_KIND, portUnreachable, tcpRequest, tcpSyn, udpData, udpProbe } from './sample-frames.test-util';

const ctx = { timeUs: 2_000_000 };
const ipOf = (f: { payload: unknown }): Ipv4Packet => f.payload as Ipv4Packet;

/** The RFC 768/793 pseudo-header for verifying a transport checksum. */
function pseudo(p: Ipv4Packet, len: number, proto: number): number[] {
  const b = (ip: number): number[] => [ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255];
  return [...b(p.src), ...b(p.dst), 0, proto, len >> 8, len & 255];
}

describe('frame bytes', () => {
  it('computes the Internet checksum as RFC 1071 §3 does', () => {
    // RFC 1071's example: 0001 f203 f4f5 f6f7 sums to ddf2, so the checksum is 220d.
    expect(internetChecksum([0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7])).toBe(0x220d);
    expect(internetChecksum([0x00, 0x01], [0xf2, 0x03, 0xf4], [0xf5, 0xf6, 0xf7])).toBe(0x220d);
  });

  it('every serialized frame is as long as the model says, and its checksums verify', () => {
    for (const [name, f] of Object.entries(EVERY_KIND)) {
      const b = frameBytes(f, ctx);
      expect(b.length, name).toBe(frameSize(f));
      const p = f.payload;
      if (p.proto !== 'ipv4') continue;
      expect(internetChecksum(ipv4HeaderBytes(p)), name).toBe(0);
      const pl = p.payload;
      if (pl.proto === 'icmp') expect(internetChecksum(icmpBytes(pl, ctx)), name).toBe(0);
      if (pl.proto === 'udp') {
        const u = udpBytes(p, pl as UdpDatagram);
        expect(internetChecksum(pseudo(p, u.length, 17), u), name).toBe(0);
      }
      if (pl.proto === 'tcp') {
        const t = tcpBytes(p, pl as TcpSegment, ctx);
        expect(internetChecksum(pseudo(p, t.length, 6), t), name).toBe(0);
      }
    }
  });

  it('sets DF as Linux does: TCP, echo requests, UDP with data; not replies, errors or traceroute probes', () => {
    expect(dontFragment(ipOf(tcpSyn))).toBe(true);
    expect(dontFragment(ipOf(echoRequest))).toBe(true);
    expect(dontFragment(ipOf(echoReply))).toBe(false);
    expect(dontFragment(ipOf(portUnreachable))).toBe(false);
    expect(dontFragment(ipOf(udpData))).toBe(true);
    expect(dontFragment(udpProbe)).toBe(false);
  });

  it("fills an echo's data as iputils ping does: the send time as a timeval, then 0x10, 0x11, ...", () => {
    const d = echoData(56, 1_500_000);
    expect(d.length).toBe(56);
    const sec = d[0]! | (d[1]! << 8) | (d[2]! << 16) | (d[3]! << 24);
    expect(sec >>> 0).toBe(LAB_EPOCH_SECONDS + 1);
    expect(d[8]! | (d[9]! << 8) | (d[10]! << 16)).toBe(500_000);
    expect(Array.from(d.subarray(16, 20))).toEqual([0x10, 0x11, 0x12, 0x13]);
    expect(Array.from(echoData(4, 0))).toEqual([0, 1, 2, 3]);
    const icmp = icmpBytes(echoRequestIp.payload as never, ctx);
    expect(icmp.length).toBe(64);
  });

  it("lays out Linux's TCP options: 20 bytes on a SYN, 12 (nop, nop, TS) after", () => {
    const syn = tcpOptions(ipOf(tcpSyn), ipOf(tcpSyn).payload as TcpSegment, ctx).map((o) => o.kind);
    expect(syn).toEqual(['mss', 'sackOK', 'TS', 'nop', 'wscale']);
    expect(tcpOptions(ipOf(tcpRequest), ipOf(tcpRequest).payload as TcpSegment, ctx).map((o) => o.kind)).toEqual(['nop', 'nop', 'TS']);
    const t = tcpBytes(ipOf(tcpRequest), ipOf(tcpRequest).payload as TcpSegment, ctx);
    expect(t[12]! >> 4).toBe(8); // data offset: 32-byte header
    expect(String.fromCharCode(...t.subarray(32, 46))).toBe('GET / HTTP/1.1');
  });

  it('builds ONOS discovery TLVs exactly 125 bytes long for s1 port 1 (what OVS counts: 139 on the wire)', () => {
    const b = lldpBytes(bddpProbe.payload as LldpPacket, 0);
    expect(b.length).toBe(125);
    expect(Array.from(b.subarray(0, 9))).toEqual([0x02, 0x07, 0x04, 0, 0, 0, 0, 0, 1]); // chassis: MAC 00:00:00:00:00:01
    expect(Array.from(b.subarray(9, 13))).toEqual([0x04, 0x02, 0x02, 0x31]); // port: component "1"
    expect(String.fromCharCode(...b.subarray(b.length - 9, b.length - 2))).toBe('s1-eth1');
    expect(Array.from(b.subarray(b.length - 2))).toEqual([0, 0]); // End of LLDPDU
    // A longer port name does not fit: the port description is left out and zeros pad to size.
    const big = lldpBytes({ ...(bddpProbe.payload as LldpPacket), chassisId: '00000000000003e8', portId: 12 }, 0);
    expect(big.length).toBe(125);
  });
});

describe('hex dumps (print-ascii.c)', () => {
  it('prints 16 bytes a line, hex padded to 40 columns, then ASCII with dots', () => {
    const bytes = Array.from('ONOS Discovery!!!', (c) => c.charCodeAt(0));
    expect(hexAndAscii('\n\t', bytes)).toBe(
      '\n\t0x0000:  4f4e 4f53 2044 6973 636f 7665 7279 2121  ONOS.Discovery!!\n\t0x0010:  21                                       !',
    );
    expect(hexOnly('\n\t  ', [0xa4, 0x23, 0x05])).toBe('\n\t  0x0000:  a423 05');
  });
});
