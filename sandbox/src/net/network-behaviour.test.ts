/**
 * Behaviour of the network model seen from a Mininet session: ARP resolution and failure,
 * forwarding state, link state, TCLink timing, TCP refusal. Values come from the model; the
 * assertions are about what Linux and Mininet guarantee (reference/mininet.md §3.1, §6).
 */
import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../wire/addr';
import { labSession } from '../../test/lab-session';

const session = (mn = 'mn --topo single,3') => labSession({ mn, seed: 3, maxRunUs: 30_000_000 });

describe('the network model', () => {
  it('resolves ARP, after which the first ping is slower than the next ones', () => {
    const { run, host } = session();
    const out = run('h1 ping -c 3 h2');
    const times = [...out.matchAll(/time=([\d.]+) ms/g)].map((m) => Number(m[1]));
    expect(times).toHaveLength(3);
    expect(times[0]!).toBeGreaterThan(times[2]! * 5); // controller round trips on the first
    const e = host('h1').stack.neighbors.cache.get(parseIpv4('10.0.0.2')!);
    expect(e?.state).toBe('REACHABLE');
    // h2 learned h1 from the ARP request it answered (as Linux does).
    expect(host('h2').stack.neighbors.cache.get(parseIpv4('10.0.0.1')!)).toBeDefined();
  });

  it('reports an unanswered ARP as Destination Host Unreachable after about 3 s', () => {
    const { sb, run } = session();
    const t0 = sb.now;
    const out = run('h1 ping -c 1 10.0.0.9');
    expect(out).toContain('From 10.0.0.1 icmp_seq=1 Destination Host Unreachable');
    expect(out).toContain('1 packets transmitted, 0 received, +1 errors, 100% packet loss');
    expect(sb.now - t0).toBeGreaterThanOrEqual(3e6);
    expect(sb.now - t0).toBeLessThan(4e6);
  });

  it('drops the connected route when a link goes down and restores it when it comes up', () => {
    const { run, host } = session();
    run('link s1 h1 down');
    expect(host('h1').stack.routes.list()).toHaveLength(0);
    expect(run('h1 ping -c 1 h2')).toContain('ping: connect: Network is unreachable');
    run('link s1 h1 up');
    expect(run('h1 ping -c 1 h2')).toContain('1 received');
  });

  it('delays packets as TCLink does: about 4 x delay for a ping across one switch', () => {
    const { run } = session('mn --link tc,bw=10,delay=10ms');
    const out = run('h1 ping -c 3 h2');
    const times = [...out.matchAll(/time=([\d.]+) ms/g)].map((m) => Number(m[1]));
    expect(times[2]!).toBeGreaterThan(40);
    expect(times[2]!).toBeLessThan(42);
    expect(times[0]!).toBeGreaterThan(80); // ARP is delayed too
  });

  it('forwards with TTL decrement only where ip_forward is on (ttl=63 through one router)', () => {
    const { run } = session();
    // A one-armed router: h2 owns a gateway address in each of two subnets on one LAN.
    run('h1 ifconfig h1-eth0 10.1.0.1/24');
    run('h1 ip route add default via 10.1.0.254');
    run('h3 ifconfig h3-eth0 10.2.0.1/24');
    run('h3 ip route add default via 10.2.0.254');
    run('h2 ip addr add 10.1.0.254/24 dev h2-eth0');
    run('h2 ip addr add 10.2.0.254/24 dev h2-eth0');
    expect(run('h1 ping -c 1 -W 1 10.2.0.1')).toContain('0 received');
    run('h2 sysctl -w net.ipv4.ip_forward=1');
    const out = run('h1 ping -c 1 10.2.0.1');
    expect(out).toContain('64 bytes from 10.2.0.1: icmp_seq=1 ttl=63');
    expect(run('h1 ping -c 1 -t 1 10.2.0.1')).toContain('From 10.1.0.254 icmp_seq=1 Time to live exceeded');
  });

  it('answers a closed TCP port with RST, which iperf reports as refused', () => {
    const { run } = session();
    expect(run('h1 iperf -c 10.0.0.2 -t 1')).toContain('connect failed: Connection refused');
  });
});
