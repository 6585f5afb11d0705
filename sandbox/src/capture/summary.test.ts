import { describe, expect, it } from 'vitest';
import { FrameSummarizer, summarizeFrame } from './summary';
import type { SummaryOptions } from './summary';
import {
  arpReply, arpRequest, bddpProbe, CLIENT_ISN, echoReply, echoRequest, EVERY_KIND, H2, lldpProbe, portUnreachable, REQUEST,
  SERVER_ISN, tcpAck, tcpRequest, tcpRst, tcpSyn, tcpSynAck, timeExceeded, udpData,
} from './sample-frames.test-util';
import { tcpTsOffset } from './frame-bytes';

const N: SummaryOptions = { numeric: true, link: false, verbose: 0 };
const sum = (f: Parameters<typeof summarizeFrame>[0], o: Partial<SummaryOptions> = {}): string => summarizeFrame(f, { ...N, ...o });

describe('summarizeFrame: the line tcpdump 4.99 prints after the timestamp', () => {
  it('ARP request and reply (print-arp.c), with -v the hardware/protocol preamble, with -e no "ARP, "', () => {
    expect(sum(arpRequest)).toBe('ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28');
    expect(sum(arpReply)).toBe('ARP, Reply 10.0.0.2 is-at 00:00:00:00:00:02, length 28');
    expect(sum(arpRequest, { verbose: 1 })).toBe('ARP, Ethernet (len 6), IPv4 (len 4), Request who-has 10.0.0.2 tell 10.0.0.1, length 28');
    expect(sum(arpRequest, { link: true })).toBe(
      '00:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Request who-has 10.0.0.2 tell 10.0.0.1, length 28',
    );
  });

  it('names MACs by OUI and calls the broadcast address Broadcast without -n', () => {
    expect(sum(arpRequest, { numeric: false, link: true })).toBe(
      '00:00:00:00:00:01 (oui Ethernet) > Broadcast, ethertype ARP (0x0806), length 42: Request who-has 10.0.0.2 tell 10.0.0.1, length 28',
    );
    expect(sum(arpReply, { numeric: false })).toBe('ARP, Reply 10.0.0.2 is-at 00:00:00:00:00:02 (oui Ethernet), length 28');
    expect(sum(lldpProbe, { numeric: false, link: true })).toMatch(/^9a:4d:4c:e8:7e:f4 \(oui Unknown\) > 01:80:c2:00:00:0e \(oui Unknown\), /);
  });

  it('ICMP echo (print-icmp.c), -e prefix without "IP ", -v header line with DF only on the request', () => {
    expect(sum(echoRequest)).toBe('IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 3215, seq 1, length 64');
    expect(sum(echoReply)).toBe('IP 10.0.0.2 > 10.0.0.1: ICMP echo reply, id 3215, seq 1, length 64');
    expect(sum(echoRequest, { link: true })).toBe(
      '00:00:00:00:00:01 > 00:00:00:00:00:02, ethertype IPv4 (0x0800), length 98: 10.0.0.1 > 10.0.0.2: ICMP echo request, id 3215, seq 1, length 64',
    );
    expect(sum(echoRequest, { verbose: 1 })).toBe(
      'IP (tos 0x0, ttl 64, id 12345, offset 0, flags [DF], proto ICMP (1), length 84)\n    10.0.0.1 > 10.0.0.2: ICMP echo request, id 3215, seq 1, length 64',
    );
    expect(sum(echoReply, { verbose: 1 })).toContain('flags [none], proto ICMP (1), length 84)');
  });

  it('ICMP errors: port unreachable and time exceeded, with -v the quoted datagram after a tab', () => {
    expect(sum(portUnreachable)).toBe('IP 10.0.0.9 > 10.0.0.1: ICMP 10.0.0.9 udp port 33434 unreachable, length 68');
    expect(sum(timeExceeded)).toBe('IP 10.0.0.2 > 10.0.0.1: ICMP time exceeded in-transit, length 68');
    expect(sum(portUnreachable, { verbose: 1 })).toBe(
      'IP (tos 0xc0, ttl 64, id 9, offset 0, flags [none], proto ICMP (1), length 88)\n' +
        '    10.0.0.9 > 10.0.0.1: ICMP 10.0.0.9 udp port 33434 unreachable, length 68\n' +
        '\tIP (tos 0x0, ttl 1, id 4242, offset 0, flags [none], proto UDP (17), length 60)\n' +
        '    10.0.0.1.43210 > 10.0.0.9.33434: UDP, length 32',
    );
    const code = (c: number): string => {
      const f = structuredClone(portUnreachable);
      (f.payload as { payload: { code: number } }).payload.code = c;
      return sum(f);
    };
    expect(code(0)).toContain('ICMP net 10.0.0.9 unreachable, length');
    expect(code(1)).toContain('ICMP host 10.0.0.9 unreachable, length');
    expect(code(13)).toContain('ICMP host 10.0.0.9 unreachable - admin prohibited filter, length');
  });

  it('UDP (print-udp.c): the checksum only from -vv on; ports by name without -n', () => {
    expect(sum(udpData)).toBe('IP 10.0.0.1.52766 > 10.0.0.2.5001: UDP, length 1470');
    expect(sum(udpData, { verbose: 1 })).toMatch(/flags \[DF\], proto UDP \(17\), length 1498\)\n {4}10\.0\.0\.1\.52766 > 10\.0\.0\.2\.5001: UDP, length 1470$/);
    expect(sum(udpData, { verbose: 2 })).toMatch(/: \[udp sum ok\] UDP, length 1470$/);
    expect(sum(portUnreachable, { numeric: false })).toBe('IP 10.0.0.9 > 10.0.0.1: ICMP 10.0.0.9 udp port 33434 unreachable, length 68');
  });

  it('TCP (print-tcp.c): flags, absolute then relative sequence numbers, Linux SYN options, HTTP first line', () => {
    const s = new FrameSummarizer(N);
    const synTs = tcpTsOffset(0x0a000001, H2);
    expect(s.summarize(tcpSyn)).toBe(
      `IP 10.0.0.1.46512 > 10.0.0.2.80: Flags [S], seq ${CLIENT_ISN}, win 64240, options [mss 1460,sackOK,TS val ${synTs} ecr 0,nop,wscale 7], length 0`,
    );
    expect(s.summarize(tcpSynAck)).toMatch(
      new RegExp(`^IP 10\\.0\\.0\\.2\\.80 > 10\\.0\\.0\\.1\\.46512: Flags \\[S\\.\\], seq ${SERVER_ISN}, ack ${CLIENT_ISN + 1}, win 64240, options \\[mss 1460,sackOK,TS val \\d+ ecr ${synTs},nop,wscale 7\\], length 0$`),
    );
    expect(s.summarize(tcpAck)).toMatch(/^IP 10\.0\.0\.1\.46512 > 10\.0\.0\.2\.80: Flags \[\.\], ack 1, win 64240, options \[nop,nop,TS val \d+ ecr \d+\], length 0$/);
    expect(s.summarize(tcpRequest)).toMatch(
      new RegExp(`Flags \\[P\\.\\], seq 1:${REQUEST.length + 1}, ack 1, win 64240, options \\[nop,nop,TS val \\d+ ecr \\d+\\], length ${REQUEST.length}: HTTP: GET / HTTP/1\\.1$`),
    );
    // The ACK echoes the TS val the SYN/ACK carried.
    const synAckVal = /TS val (\d+)/.exec(s.summarize(tcpSynAck))![1];
    expect(new FrameSummarizer(N).summarize(tcpAck)).toContain('ack ' + (SERVER_ISN + 1));
    const s2 = new FrameSummarizer(N);
    s2.summarize(tcpSynAck);
    expect(s2.summarize(tcpAck)).toContain(`ecr ${synAckVal}]`);
  });

  it('TCP: -S keeps absolute numbers, -q shortens, -v adds the checksum and all HTTP lines, RST has no options', () => {
    expect(new FrameSummarizer({ ...N, absoluteSeq: true }).summarize(tcpAck)).toContain(`ack ${SERVER_ISN + 1}`);
    expect(sum(tcpRequest, { quiet: true })).toBe(`IP 10.0.0.1.46512 > 10.0.0.2.80: tcp ${REQUEST.length}`);
    const v = sum(tcpRequest, { verbose: 1 });
    expect(v).toMatch(new RegExp(String.raw`^IP \(tos 0x0, ttl 64, id 102, offset 0, flags \[DF\], proto TCP \(6\), length ${20 + 32 + REQUEST.length}\)\n {4}10\.0\.0\.1\.46512 > 10\.0\.0\.2\.80: Flags \[P\.\], cksum 0x[0-9a-f]{4} \(correct\), seq `));
    expect(v).toContain(`length ${REQUEST.length}: HTTP, length: ${REQUEST.length}\n\tGET / HTTP/1.1\n\tHost: 10.0.0.2\n\tUser-Agent: curl/7.68.0\n\tAccept: */*\n\t`);
    expect(sum(tcpRst)).toBe('IP 10.0.0.2.5001 > 10.0.0.1.40000: Flags [R.], seq 0, ack 1000, win 0, length 0');
    expect(sum(tcpSyn, { numeric: false })).toContain('10.0.0.1.46512 > 10.0.0.2.http: Flags [S]');
  });

  it('LLDP and ONOS BDDP (print-lldp.c; an unknown ethertype is dumped in hex and ASCII)', () => {
    expect(sum(lldpProbe)).toBe('LLDP, length 125');
    const v = sum(lldpProbe, { verbose: 1 });
    expect(v).toContain('LLDP, length 125\n\tChassis ID TLV (1), length 7\n\t  Subtype MAC address (4): 00:00:00:00:00:01');
    expect(v).toContain('\n\tPort ID TLV (2), length 2\n\t  Subtype Port component (2): 1');
    expect(v).toContain('\n\tTime to Live TLV (3), length 2: TTL 120s');
    expect(v).toContain('\n\tOrganization specific TLV (127), length 18: OUI Open Networking Lab (0xa42305)\n\t  0x0000:  a423 0501 4f4e 4f53 2044 6973 636f 7665\n\t  0x0010:  7279');
    expect(v).toContain('\n\tPort Description TLV (4), length 7: s1-eth1');
    expect(v.endsWith('\n\tEnd TLV (0), length 0')).toBe(true);
    const b = sum(bddpProbe);
    expect(b.split('\n')[0]).toBe('9a:4d:4c:e8:7e:f4 > ff:ff:ff:ff:ff:ff, ethertype Unknown (0x8942), length 139: ');
    expect(b.split('\n')[1]).toBe('\t0x0000:  0207 0400 0000 0000 0104 0202 3106 0200  ............1...');
    expect(b.split('\n')).toHaveLength(1 + 8);
  });

  it('-i any (LINUX_SLL2): interface and direction first, -e gives ifindex, source and the cooked length', () => {
    const s = new FrameSummarizer(N);
    expect(s.summarize(echoRequest, 0, { ifname: 'h1-eth0', ifindex: 2, pkttype: 'Out' })).toBe(
      'h1-eth0 Out IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 3215, seq 1, length 64',
    );
    expect(s.summarize(echoReply, 0, { ifname: 'eth0', ifindex: 2, pkttype: 'In' })).toMatch(/^eth0 {2}In {2}IP /);
    expect(new FrameSummarizer({ ...N, link: true }).summarize(echoRequest, 0, { ifname: 'h1-eth0', ifindex: 2, pkttype: 'Out' })).toBe(
      'h1-eth0 Out ifindex 2 00:00:00:00:00:01 ethertype IPv4 (0x0800), length 104: 10.0.0.1 > 10.0.0.2: ICMP echo request, id 3215, seq 1, length 64',
    );
  });

  it('summarizes every kind of frame the engine sends, deterministically', () => {
    for (const [name, f] of Object.entries(EVERY_KIND)) {
      for (const verbose of [0, 1, 2]) {
        for (const link of [false, true]) {
          const a = summarizeFrame(f, { numeric: false, link, verbose, timeUs: 5_000 });
          expect(a, name).toBe(summarizeFrame(f, { numeric: false, link, verbose, timeUs: 5_000 }));
          expect(a.length, name).toBeGreaterThan(10);
          expect(a, name).not.toMatch(/undefined|NaN/);
        }
      }
    }
  });
});
