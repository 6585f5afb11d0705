import { describe, expect, it } from 'vitest';
import { byteSnprintf, formatG } from './iperf';
import { labSession } from '../../../test/lab-session';

const start = (mn: string, seed = 1) => labSession({ mn, seed, maxRunUs: 30_000_000 });

const SEP = '------------------------------------------------------------';

describe('iperf number formatting (byte_snprintf)', () => {
  it('prints three significant digits in four places', () => {
    expect(byteSnprintf((9.5637e6 / 8) * 1, 'a')).toBe('9.56 Mbit');
    expect(byteSnprintf(25.9e9 / 8, 'a')).toBe('25.9 Gbit');
    expect(byteSnprintf(118e6 / 8, 'a')).toBe(' 118 Mbit');
    expect(byteSnprintf(0, 'a')).toBe('0.00 bit');
    expect(byteSnprintf(0, 'A')).toBe('0.00 Byte');
    expect(byteSnprintf(7.13 * 1024 * 1024, 'A')).toBe('7.13 MByte');
    expect(byteSnprintf(30.6 * 1024 ** 3, 'A')).toBe('30.6 GByte');
    expect(byteSnprintf(212992, 'A')).toBe(' 208 KByte');
    expect(byteSnprintf(87380, 'A')).toBe('85.3 KByte');
    expect(byteSnprintf(1.25e6 / 8, 'm')).toBe('1.25 Mbit');
    expect(byteSnprintf(1e6, 'K')).toBe(' 977 KByte');
  });

  it('formats loss percentages like %.2g', () => {
    expect(formatG(0, 2)).toBe('0');
    expect(formatG(31.25, 2)).toBe('31');
    expect(formatG(0.0224, 2)).toBe('0.022');
    expect(formatG(5.0, 2)).toBe('5');
    expect(formatG(100, 2)).toBe('1e+02');
    expect(formatG(99.96, 2)).toBe('1e+02');
  });
});

describe('iperf in Mininet (the CLI tests)', () => {
  it('iperf over --link tc,bw=10,delay=10ms: server about 9.5, client about 12.0 Mbit/s', () => {
    const { run } = start('mn --link tc,bw=10,delay=10ms');
    const out = run('iperf');
    expect(out).toMatch(/^\*\*\* Iperf: testing TCP bandwidth between h1 and h2 \n\*\*\* Results: \['9\.(4\d|5\d) Mbits\/sec', '1[12]\.\d Mbits\/sec'\]\n$/);
    expect(out).toContain("'12.0 Mbits/sec'");
  });

  it('iperf over default links: tens of Gbit/s, client a little above the server', () => {
    const { run } = start('mn');
    const out = run('iperf');
    const m = /\*\*\* Results: \['([\d.]+) Gbits\/sec', '([\d.]+) Gbits\/sec'\]/.exec(out)!;
    expect(m).not.toBeNull();
    expect(Number(m[1])).toBeGreaterThan(10);
    expect(Number(m[2])).toBeGreaterThanOrEqual(Number(m[1]));
  });

  it('iperfudp: the requested rate (5M = 5 × 2^20 bit/s) gets through, both sides report it', () => {
    const { run } = start('mn --link tc,bw=10,delay=10ms');
    expect(run('iperfudp 5M h1 h2')).toBe("*** Iperf: testing UDP bandwidth between h1 and h2 \n*** Results: ['5M', '5.24 Mbits/sec', '5.24 Mbits/sec']\n");
    // More than the link carries: the server gets the link's UDP goodput, 10 × 1470/1512.
    expect(run('iperfudp 20M h1 h2')).toContain("['20M', '9.72 Mbits/sec', '9.72 Mbits/sec']");
  });

  it('iperf with the server unreachable (ARP fails): no route, and the client routing table', () => {
    const { run } = start('mn');
    run('link s1 h2 down');
    const out = run('iperf');
    expect(out).toMatch(/^\*\*\* Iperf: testing TCP bandwidth between h1 and h2 \nno route to 10\.0\.0\.2:\n/);
    expect(out).not.toContain('Results');
  });
});

describe('iperf by hand', () => {
  it('TCP: client and server print iperf 2.0.13 reports', () => {
    const { sb, run } = start('mn --link tc,bw=10');
    expect(run('h2 iperf -s &')).toBe('');
    const client = run('h1 iperf -c h2 -t 5');
    const lines = client.split('\n');
    expect(lines.slice(0, 4)).toEqual([SEP, 'Client connecting to 10.0.0.2, TCP port 5001', 'TCP window size: 85.3 KByte (default)', SEP]);
    expect(lines[4]).toMatch(/^\[ {2}3\] local 10\.0\.0\.1 port \d+ connected with 10\.0\.0\.2 port 5001$/);
    expect(lines[5]).toBe('[ ID] Interval       Transfer     Bandwidth');
    expect(lines[6]).toMatch(/^\[ {2}3\] {2}0\.0- 5\.0 sec {2}7\.\d\d MBytes {2}12\.0 Mbits\/sec$/);
    sb.idle(3_000_000);
    const server = run('h2 true');
    const sl = server.split('\n');
    expect(sl.slice(0, 4)).toEqual([SEP, 'Server listening on TCP port 5001', 'TCP window size:  128 KByte (default)', SEP]);
    expect(sl[4]).toMatch(/^\[ {2}4\] local 10\.0\.0\.2 port 5001 connected with 10\.0\.0\.1 port \d+$/);
    expect(sl[5]).toBe('[ ID] Interval       Transfer     Bandwidth');
    expect(sl[6]).toMatch(/^\[ {2}4\] {2}0\.0- 6\.\d sec {2}7\.\d\d MBytes {2}9\.[45]\d Mbits\/sec$/);
    // Same byte count on both sides.
    expect(/(\d\.\d\d) MBytes/.exec(sl[6]!)![1]).toBe(/(\d\.\d\d) MBytes/.exec(lines[6]!)![1]);
  });

  it('a connection that sends nothing (Mininet\'s telnet probe) is reported with 0 bytes', () => {
    const { sb, run } = start('mn');
    run('h2 iperf -s &');
    const h1 = sb.mininet!.hostByName('h1')!;
    h1.stack.tcp.connect(0x0a000002, 5001, { onConnect: (c) => c.close() });
    sb.idle(100_000);
    const out = run('h2 true');
    expect(out).toMatch(/\[ {2}4\] local 10\.0\.0\.2 port 5001 connected with 10\.0\.0\.1 port \d+\n\[ ID\] Interval {7}Transfer {5}Bandwidth\n\[ {2}4\] {2}0\.0- 0\.0 sec {2}0\.00 Bytes {2}0\.00 bits\/sec\n$/);
  });

  it('-i prints interval reports, -f picks the units', () => {
    const { run } = start('mn --link tc,bw=10');
    run('h2 iperf -s &');
    const out = run('h1 iperf -c h2 -t 3 -i 1 -f k');
    const rows = out.split('\n').filter((l) => /^\[ {2}3\] +\d/.test(l));
    expect(rows.map((r) => /\d+\.\d- ?\d+\.\d sec/.exec(r)![0])).toEqual(['0.0- 1.0 sec', '1.0- 2.0 sec', '2.0- 3.0 sec', '0.0- 3.0 sec']);
    expect(rows[1]).toMatch(/KBytes {2}9\d{3} Kbits\/sec$/);
  });

  it('Ctrl-C stops the client with the partial report', () => {
    const { run } = start('mn');
    run('h2 iperf -s &');
    const out = run('h1 iperf -c h2 -t 60', 2_500_000);
    expect(out).toMatch(/\^C\[ ID\] Interval {7}Transfer {5}Bandwidth\n\[ {2}3\] {2}0\.0- 2\.5 sec {2}[\d.]+ GBytes {2}[\d.]+ Gbits\/sec\n$/);
  });

  it('UDP: datagram banner, Sent N datagrams and the server report', () => {
    const { run } = start('mn --link tc,bw=10');
    run('h2 iperf -s -u &');
    const out = run('h1 iperf -c h2 -u -b 2M -t 4');
    const lines = out.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      SEP, 'Client connecting to 10.0.0.2, UDP port 5001', 'Sending 1470 byte datagrams, IPG target: 5607.60 us (kalman adjust)',
      'UDP buffer size:  208 KByte (default)', SEP,
    ]);
    expect(lines[6]).toBe('[ ID] Interval       Transfer     Bandwidth');
    expect(lines[7]).toBe('[  3]  0.0- 4.0 sec  1.00 MBytes  2.10 Mbits/sec');
    expect(lines[8]).toBe('[  3] Sent 714 datagrams');
    expect(lines[9]).toBe('[  3] Server Report:');
    expect(lines[10]).toMatch(/^\[ {2}3\] {2}0\.0- 4\.0 sec {2}1\.00 MBytes {2}2\.10 Mbits\/sec {3}0\.0\d\d ms {4}0\/ {2}714 \(0%\)$/);
    const server = run('h2 true');
    expect(server).toContain('Server listening on UDP port 5001\nReceiving 1470 byte datagrams\nUDP buffer size:  208 KByte (default)\n');
    expect(server).toContain('[ ID] Interval       Transfer     Bandwidth        Jitter   Lost/Total Datagrams\n');
  });

  it('UDP with no server: read failed: Connection refused after the first try', () => {
    const { run } = start('mn');
    const out = run('h1 iperf -c h2 -u -t 2');
    expect(out).toContain('[  3]  0.0- 2.0 sec   257 KBytes  1.05 Mbits/sec\n[  3] Sent 179 datagrams\nread failed: Connection refused\n[  3] WARNING: did not receive ack of last datagram after 1 tries.\n');
  });

  it('UDP into a black hole: no ack after 10 tries', () => {
    const { run } = start('mn');
    run('h1 ping -c 1 h2');
    run('link s1 h2 down');
    const out = run('h1 iperf -c h2 -u -t 1');
    expect(out).toContain('[  3] WARNING: did not receive ack of last datagram after 10 tries.\n');
  });

  it('reports connection failures as iperf does', () => {
    const { run } = start('mn');
    expect(run('h1 iperf -c h2')).toBe('connect failed: Connection refused\n');
    expect(run('h1 iperf -c 192.168.9.9')).toBe('connect failed: Network is unreachable\n');
    expect(run('h1 iperf -c nosuch')).toBe('error: Temporary failure in name resolution\n');
    const { run: run2 } = start('mn --topo single,3');
    run2('link s1 h3 down');
    expect(run2('h1 iperf -c h3')).toBe('connect failed: No route to host\n');
  });

  it('bad command lines print the usage', () => {
    const { run } = start('mn');
    expect(run('h1 iperf')).toBe("Usage: iperf [-s|-c host] [options]\nTry `iperf --help' for more information.\n");
    expect(run('h1 iperf -c')).toBe("iperf: option requires an argument -- 'c'\nUsage: iperf [-s|-c host] [options]\nTry `iperf --help' for more information.\n");
    expect(run('h1 iperf -v')).toBe('iperf version 2.0.13 (21 Jan 2019) pthreads\n');
  });

  it('a second server on the same port cannot bind; Ctrl-C ends a server', () => {
    const { run } = start('mn');
    run('h2 iperf -s &');
    expect(run('h2 iperf -s')).toContain('bind failed: Address already in use\n');
    const out = run('h1 iperf -s', 1_000_000);
    expect(out).toMatch(/Server listening on TCP port 5001\n[\s\S]*\^C\n$/);
  });

  it('a transfer shows up in the interface counters', () => {
    const { sb, run } = start('mn --link tc,bw=10');
    run('h2 iperf -s &');
    const before = sb.mininet!.hostByName('h1')!.intfs[1]!.stats.txBytes;
    run('h1 iperf -c h2 -t 2');
    const after = sb.mininet!.hostByName('h1')!.intfs[1]!.stats.txBytes;
    expect(after - before).toBeGreaterThan(2_000_000);
  });
});
