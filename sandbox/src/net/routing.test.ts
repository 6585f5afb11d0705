/**
 * Forwarding as Linux does it, on the network of examples/linuxrouter.py (test/fixtures):
 * TTL decrement, ip_forward=0 dropping silently, ICMP time exceeded and destination
 * unreachable (net, host, port, and by route type), the sender's connect errors, the ICMP
 * error rate limit, and interface counters that count the frames really sent.
 * Sources: Linux 5.15 net/ipv4/route.c (ip_route_input_slow, ip_error), ip_forward.c,
 * icmp.c (icmp_send, icmpv4_xrlim_allow); reference/mininet.md §3.1, §3.6, §4, §6.
 */
import { describe, expect, it } from 'vitest';
import { linuxRouterLab } from '../../test/fixtures/linux-router';

const lab = () => linuxRouterLab({ maxRunUs: 60_000_000 });

describe('routing through a Linux router', () => {
  it('decrements the TTL once per router: 63 across r0, 64 from r0 itself', () => {
    const { run } = lab();
    expect(run('h1 ping -c 1 h3')).toContain('64 bytes from 10.0.0.100: icmp_seq=1 ttl=63 ');
    expect(run('h3 ping -c 1 h1')).toContain('64 bytes from 192.168.1.100: icmp_seq=1 ttl=63 ');
    expect(run('h1 ping -c 1 r0')).toContain('64 bytes from 192.168.1.1: icmp_seq=1 ttl=64 ');
    // r0's address on a far interface answers directly (weak host model): still one hop.
    expect(run('h1 ping -c 1 10.0.0.1')).toContain('64 bytes from 10.0.0.1: icmp_seq=1 ttl=64 ');
    // TTL 2 is just enough to cross r0.
    expect(run('h1 ping -c 1 -t 2 h3')).toContain('ttl=63');
  });

  it('answers TTL 1 with time exceeded from the address facing the sender', () => {
    const { run } = lab();
    const out = run('h1 ping -c 1 -t 1 h3');
    expect(out).toContain('From 192.168.1.1 icmp_seq=1 Time to live exceeded\n');
    expect(out).toContain('1 packets transmitted, 0 received, +1 errors, 100% packet loss');
    expect(run('h3 ping -c 1 -t 1 h1')).toContain('From 10.0.0.1 icmp_seq=1 Time to live exceeded\n');
  });

  it('with ip_forward=0 drops what is not for it, silently: no time exceeded, no unreachable', () => {
    const { run, host } = lab();
    run('h1 ping -c 1 h3'); // ARP resolved on both sides
    run('r0 sysctl -w net.ipv4.ip_forward=0');
    // Watch h1's interface for anything IP coming back (ARP probes may come and go).
    let ipIn = 0;
    host('h1').intf('h1-eth0')!.captures.add((f, dir) => {
      if (dir === 'in' && f.payload.proto === 'ipv4') ipIn++;
    });
    const out = run('h1 ping -c 2 -W 1 h3');
    expect(out).not.toContain('From ');
    expect(out).toContain('2 packets transmitted, 0 received, 100% packet loss');
    expect(run('h1 ping -c 1 -t 1 h3')).not.toContain('From ');
    expect(run('h1 ping -c 1 -W 1 8.8.8.8')).not.toContain('From ');
    expect(ipIn).toBe(0); // nothing came back
    // Its own addresses still answer.
    expect(run('h1 ping -c 1 10.0.0.1')).toContain('1 received');
    run('r0 echo 1 > /proc/sys/net/ipv4/ip_forward');
    expect(run('h1 ping -c 1 h3')).toContain('ttl=63');
  });

  it('answers a destination it has no route for with net unreachable, even at TTL 1', () => {
    const { run } = lab();
    expect(run('h1 ping -c 1 8.8.8.8')).toContain('From 192.168.1.1 icmp_seq=1 Destination Net Unreachable\n');
    // The route lookup comes before the TTL check.
    expect(run('h1 ping -c 1 -t 1 8.8.8.8')).toContain('Destination Net Unreachable');
    expect(run('h1 traceroute -n 8.8.8.8')).toMatch(/^ 1 {2}192\.168\.1\.1 {2}[\d.]+ ms !N {2}[\d.]+ ms !N {2}[\d.]+ ms !N\n$/m);
  });

  it('answers host unreachable about 3 s after its ARP for the last hop fails, in order', () => {
    const { run, sb } = lab();
    run('h1 ping -c 1 h3');
    const t0 = sb.now;
    const out = run('h1 ping -c 3 10.0.0.99');
    const lines = out.split('\n').filter((l) => l.startsWith('From '));
    expect(lines).toEqual([1, 2, 3].map((n) => `From 192.168.1.1 icmp_seq=${n} Destination Host Unreachable`));
    expect(sb.now - t0).toBeGreaterThanOrEqual(3e6);
    expect(sb.now - t0).toBeLessThan(4e6);
    expect(run('h1 traceroute -n -q 1 10.0.0.99')).toMatch(/^ 2 {2}192\.168\.1\.1 {2}300\d\.\d{3} ms !H$/m);
  });

  it('ends a traceroute with the destination\'s port unreachable', () => {
    const { run } = lab();
    const out = run('h1 traceroute -n h3');
    expect(out).toMatch(/^traceroute to 10\.0\.0\.100 \(10\.0\.0\.100\), 30 hops max, 60 byte packets\n 1 {2}192\.168\.1\.1 {2}.* ms\n 2 {2}10\.0\.0\.100 {2}.* ms\n$/);
    // The router's far address answers from that address (icmp_send uses the probed address).
    expect(run('h1 traceroute -n 10.0.0.1')).toMatch(/\n 1 {2}10\.0\.0\.1 {2}[\d.]+ ms {2}[\d.]+ ms {2}[\d.]+ ms\n$/);
  });

  it('refuses at once when the sender has no route (ping exits 2)', () => {
    const { run } = lab();
    run('h1 ip route del default');
    expect(run('h1 ping -c 1 h3')).toBe('ping: connect: Network is unreachable\n');
    expect(run('h1 echo $?')).toBe('2\n');
  });

  it('treats unreachable, prohibit and blackhole routes as Linux does', () => {
    const { run } = lab();
    run('r0 ip route add unreachable 10.0.0.100');
    expect(run('h1 ping -c 1 h3')).toContain('From 192.168.1.1 icmp_seq=1 Destination Host Unreachable');
    expect(run('r0 ping -c 1 10.0.0.100')).toBe('ping: connect: No route to host\n');
    run('r0 ip route replace prohibit 10.0.0.100');
    expect(run('h1 ping -c 1 h3')).toContain('From 192.168.1.1 icmp_seq=1 Packet filtered');
    expect(run('r0 ping -c 1 10.0.0.100')).toBe('ping: connect: Permission denied\n');
    run('r0 ip route replace blackhole 10.0.0.100');
    expect(run('h1 ping -c 1 -W 1 h3')).not.toContain('From ');
    expect(run('r0 ping -c 1 10.0.0.100')).toBe('ping: connect: Invalid argument\n');
    run('r0 ip route del 10.0.0.100');
    expect(run('h1 ping -c 1 h3')).toContain('ttl=63');
  });

  it('rate-limits ICMP errors to a host: 6 at once, then one a second; icmp_ratelimit=0 lifts it', () => {
    const { run } = lab();
    run('h1 ping -c 1 h3');
    const errors = (out: string) => out.split('\n').filter((l) => l.includes('Time to live exceeded')).length;
    // 10 probes in 0.9 s: the bucket's 6, and none regained yet.
    expect(errors(run('h1 ping -c 10 -i 0.1 -t 1 h3'))).toBe(6);
    run('sh sleep 6');
    expect(errors(run('h1 ping -c 10 -i 0.1 -t 1 h3'))).toBe(6);
    run('r0 sysctl -w net.ipv4.icmp_ratelimit=0');
    expect(errors(run('h1 ping -c 10 -i 0.1 -t 1 h3'))).toBe(10);
    // Echo replies are never limited.
    expect(run('h1 ping -c 10 -i 0.1 h3')).toContain('10 received');
  });

  it('counts the frames each interface really sent and received (ip -s link, ifconfig)', () => {
    const { run, host } = lab();
    const s = () => ({ ...host('h1').intf('h1-eth0')!.stats });
    const before = s();
    run('h1 ping -c 1 h3');
    let now = s();
    // An ARP request and an echo request out (42 + 98 bytes), the ARP reply and echo reply in.
    expect([now.txPackets - before.txPackets, now.txBytes - before.txBytes]).toEqual([2, 140]);
    expect([now.rxPackets - before.rxPackets, now.rxBytes - before.rxBytes]).toEqual([2, 140]);
    const mid = now;
    run('h1 ping -c 1 -t 1 h3');
    now = s();
    // The time exceeded quotes the whole 84-byte datagram: 14 + 20 + 8 + 84 bytes.
    expect(now.rxBytes - mid.rxBytes).toBe(126);
    expect(run('h1 ip -s link show h1-eth0')).toMatch(/RX: {2}bytes packets errors dropped {2}missed {3}mcast {11}\n {11}266 {7}3 /);
  });
});
