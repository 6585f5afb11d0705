import { describe, expect, it } from 'vitest';
import { labSession } from '../../../test/lab-session';

const TIME = String.raw`\d\d:\d\d:\d\d\.\d{6}`;

describe('tcpdump', () => {
  it('captures both directions on a switch port from the lab shell, and -c ends it', () => {
    const { run } = labSession({ mn: 'mn --mac', maxRunUs: 5_000_000 });
    run('h2 ping -c 2 h1 &');
    // The Mininet CLI's `sh` runs a command on the lab machine: its root namespace has the switch ports.
    const out = run('sh tcpdump -n -c 2 -i s1-eth1 icmp');
    const lines = out.split('\n');
    expect(lines[0]).toBe('tcpdump: verbose output suppressed, use -v[v]... for full protocol decode');
    expect(lines[1]).toBe('listening on s1-eth1, link-type EN10MB (Ethernet), snapshot length 262144 bytes');
    expect(lines[2]).toMatch(new RegExp(`^${TIME} IP 10\\.0\\.0\\.2 > 10\\.0\\.0\\.1: ICMP echo request, id \\d+, seq 1, length 64$`));
    expect(lines[3]).toMatch(new RegExp(`^${TIME} IP 10\\.0\\.0\\.1 > 10\\.0\\.0\\.2: ICMP echo reply, id \\d+, seq 1, length 64$`));
    expect(lines.slice(4)).toEqual(['2 packets captured', '2 packets received by filter', '0 packets dropped by kernel', '']);
  });

  it('sees loopback traffic on lo, each packet once', () => {
    const { run } = labSession({ maxRunUs: 3_000_000 });
    run('tcpdump -t -n -i lo -c 2 &');
    const out = run('ping -c 1 127.0.0.1') + run('sleep 1');
    const packets = out.split('\n').filter((l) => l.startsWith('IP '));
    expect(packets).toEqual([
      expect.stringMatching(/^IP 127\.0\.0\.1 > 127\.0\.0\.1: ICMP echo request, id \d+, seq 1, length 64$/),
      expect.stringMatching(/^IP 127\.0\.0\.1 > 127\.0\.0\.1: ICMP echo reply, id \d+, seq 1, length 64$/),
    ]);
  });

  it('-Q picks a direction, -t drops the timestamp, -q shortens', () => {
    const { run } = labSession({ mn: 'mn', maxRunUs: 3_000_000 });
    run('h2 ping -c 3 h1 &');
    const out = run('h1 tcpdump -t -n -Q out -q icmp');
    const packets = out.split('\n').filter((l) => l.startsWith('IP '));
    expect(packets.length).toBeGreaterThan(0);
    for (const p of packets) expect(p).toMatch(/^IP 10\.0\.0\.1 > 10\.0\.0\.2: ICMP echo reply, id \d+, seq \d, length 64$/);
    expect(out).toContain('^C\n');
  });

  it('-tt prints epoch seconds, -tttt the date', () => {
    const { run } = labSession({ mn: 'mn', maxRunUs: 2_000_000 });
    run('h2 ping -c 2 h1 &');
    expect(run('h1 tcpdump -tt -n -c 1 icmp')).toMatch(/\n1768208400\.\d{6} IP 10\.0\.0\.2 > 10\.0\.0\.1: ICMP echo request/);
    run('h2 ping -c 2 h1 &');
    expect(run('h1 tcpdump -tttt -n -c 1 icmp')).toMatch(/\n2026-01-12 09:00:0\d\.\d{6} IP 10\.0\.0\.2 > 10\.0\.0\.1: ICMP/);
  });

  it('-i N takes the Nth device of -D; a device that is down is refused', () => {
    const { run } = labSession({ mn: 'mn', maxRunUs: 1_000_000 });
    expect(run('h1 tcpdump -D').split('\n')[0]).toBe('1.h1-eth0 [Up, Running, Connected]');
    expect(run('h1 tcpdump -i 1 -c 1')).toContain('listening on h1-eth0, link-type EN10MB');
    expect(run('h1 tcpdump -i 9')).toBe('tcpdump: Invalid adapter index 9: only 6 interfaces found\n');
    run('h1 ip link set h1-eth0 down');
    expect(run('h1 tcpdump -i h1-eth0')).toBe('tcpdump: h1-eth0: That device is not up\n');
  });

  it('leaves no tap behind when it is killed', () => {
    const { run, host } = labSession({ mn: 'mn', maxRunUs: 1_000_000 });
    run('h1 tcpdump -n &');
    const intf = host('h1').intfs.find((i) => i.name === 'h1-eth0')!;
    expect(intf.captures.size).toBe(1);
    run('h1 kill %1');
    run('h1 sleep 0.1');
    expect(intf.captures.size).toBe(0);
  });

  it('prints usage for a bad option and says what the sandbox does not emulate', () => {
    const { run } = labSession({ maxRunUs: 1_000_000 });
    const bad = run('tcpdump -k');
    expect(bad.split('\n')[0]).toBe("tcpdump: invalid option -- 'k'");
    expect(bad).toContain('Usage: tcpdump [-AbdDefhHIJKlLnNOpqStuUvxX#] [ -B size ] [ -c count ] [--count]');
    expect(run('tcpdump -X')).toBe('tcpdump: -X: not supported in this sandbox\n');
    expect(run('tcpdump -i nflog')).toBe('tcpdump: nflog: capturing on this pseudo-device is not supported in this sandbox\n');
    expect(run('tcpdump --version')).toBe('tcpdump version 4.99.1\nlibpcap version 1.10.1 (with TPACKET_V3)\nOpenSSL 3.0.2 15 Mar 2022\n');
  });
});
