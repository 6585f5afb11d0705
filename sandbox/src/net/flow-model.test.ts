import { describe, expect, it } from 'vitest';
import { Network } from './network';
import { Host } from '../devices/host';
import { OvsSwitch } from '../devices/ovs-switch';
import type { TcParams } from './interface';
import {
  clientBytesAt, findPath, serverDurationUs, summarize, tcpFlow, udpFlow,
} from './flow-model';

/** h1 — s1 — h2 (and optionally more switches in a line), every link with `tc`. */
function line(switchCount: number, tc?: TcParams) {
  const net = new Network(7);
  const h1 = new Host(net, 'h1');
  const h2 = new Host(net, 'h2');
  const a = h1.addIntf('h1-eth0', '00:00:00:00:00:01');
  const b = h2.addIntf('h2-eth0', '00:00:00:00:00:02');
  h1.stack.addAddress(a, { addr: 0x0a000001, prefixLen: 8 });
  h2.stack.addAddress(b, { addr: 0x0a000002, prefixLen: 8 });
  const switches: OvsSwitch[] = [];
  for (let i = 1; i <= switchCount; i++) {
    const s = new OvsSwitch(net, `s${i}`, { cls: 'OVSBridge', dpid: i.toString(16).padStart(16, '0'), failMode: 'standalone', protocols: [] });
    s.start([]);
    switches.push(s);
  }
  let prev = a;
  switches.forEach((s, i) => {
    const inP = s.addPort(`s${i + 1}-eth1`, 1, `00:00:00:00:01:0${i}`);
    const outP = s.addPort(`s${i + 1}-eth2`, 2, `00:00:00:00:02:0${i}`);
    const l = net.connect(prev, inP, tc ? 'TCLink' : 'Link');
    if (tc) {
      l.a.tc = { ...tc };
      l.b.tc = { ...tc };
    }
    prev = outP;
  });
  const last = net.connect(prev, b, tc ? 'TCLink' : 'Link');
  if (tc) {
    last.a.tc = { ...tc };
    last.b.tc = { ...tc };
  }
  return { net, h1, h2, switches, a, b };
}

const to = (ip: number) => ({ dst: ip });

describe('findPath', () => {
  it('walks host → switches → host over the egress interfaces', () => {
    const { h1, h2, a } = line(2);
    const p = findPath(h1, to(0x0a000002))!;
    expect(p.dest).toBe(h2);
    expect(p.switches).toBe(2);
    expect(p.hops.map((h) => h.egress.name)).toEqual(['h1-eth0', 's1-eth2', 's2-eth2']);
    expect(p.hops[0]!.egress).toBe(a);
  });

  it('does not cross a downed link, a stopped switch or a port STP blocks', () => {
    const t1 = line(1);
    t1.a.adminUp = false;
    expect(findPath(t1.h1, to(0x0a000002))).toBeUndefined();
    const t2 = line(1);
    t2.switches[0]!.stop();
    expect(findPath(t2.h1, to(0x0a000002))).toBeUndefined();
    const t3 = line(1);
    t3.switches[0]!.blockedPorts.add(2);
    expect(findPath(t3.h1, to(0x0a000002))).toBeUndefined();
  });

  it('crosses a host only when it forwards', () => {
    const net = new Network(3);
    const h1 = new Host(net, 'h1');
    const r = new Host(net, 'r0');
    const h2 = new Host(net, 'h2');
    const x = h1.addIntf('h1-eth0', '00:00:00:00:00:01');
    const r1 = r.addIntf('r0-eth1', '00:00:00:00:00:02');
    const r2 = r.addIntf('r0-eth2', '00:00:00:00:00:03');
    const y = h2.addIntf('h2-eth0', '00:00:00:00:00:04');
    h1.stack.addAddress(x, { addr: 0x0a000102, prefixLen: 24 });
    r.stack.addAddress(r1, { addr: 0x0a000101, prefixLen: 24 });
    r.stack.addAddress(r2, { addr: 0x0a000201, prefixLen: 24 });
    h2.stack.addAddress(y, { addr: 0x0a000202, prefixLen: 24 });
    h1.stack.routes.add({ dst: 0, prefixLen: 0, via: 0x0a000101, dev: x, proto: 'boot', scope: 'global', metric: 0, type: 'unicast' });
    net.connect(x, r1);
    net.connect(r2, y);
    expect(findPath(h1, to(0x0a000202))).toBeUndefined();
    r.stack.forwarding = true;
    const p = findPath(h1, to(0x0a000202))!;
    expect(p.routers).toBe(1);
    expect(p.dest).toBe(h2);
  });
});

describe('tcpFlow', () => {
  it('bw=10 gives HTB goodput 10 × 1448/1514 ≈ 9.56 Mbit/s', () => {
    const { net, h1 } = line(1, { bw: 10 });
    const f = tcpFlow(summarize(findPath(h1, to(0x0a000002))!), net.rng);
    expect(f.limitedBy).toBe('link');
    expect(f.goodputBps / 1e6).toBeCloseTo(9.5637, 3);
    // The client also counts the 1000-packet queue: over 5 s that is about 12.0 Mbit/s.
    const client = (clientBytesAt(f, 5e6) * 8) / 5 / 1e6;
    expect(client).toBeGreaterThan(11.9);
    expect(client).toBeLessThan(12.05);
    const total = clientBytesAt(f, 5e6);
    const server = (total * 8) / (serverDurationUs(f, total) / 1e6) / 1e6;
    expect(server).toBeGreaterThan(9.4);
    expect(server).toBeLessThan(9.57);
  });

  it('unlimited links give tens of Gbit/s, a little less per extra switch', () => {
    const one = line(1);
    const r1 = tcpFlow(summarize(findPath(one.h1, to(0x0a000002))!), one.net.rng);
    expect(r1.limitedBy).toBe('cpu');
    expect(r1.goodputBps).toBeGreaterThan(10e9);
    expect(r1.goodputBps).toBeLessThan(40e9);
    const four = line(4);
    const r4 = tcpFlow(summarize(findPath(four.h1, to(0x0a000002))!), four.net.rng);
    expect(r4.goodputBps).toBeGreaterThan(10e9);
    expect(r4.goodputBps).toBeLessThan(r1.goodputBps);
  });

  it('delay reduces throughput once the window cannot cover the round trip', () => {
    const fast = line(1, { delay: 1_000 });
    const slow = line(1, { delay: 100_000 });
    const rf = tcpFlow(summarize(findPath(fast.h1, to(0x0a000002))!), fast.net.rng);
    const rs = tcpFlow(summarize(findPath(slow.h1, to(0x0a000002))!), slow.net.rng);
    expect(rs.limitedBy).toBe('window');
    expect(rs.goodputBps).toBeLessThan(rf.goodputBps);
    // 6 MB over a 400 ms round trip.
    expect(rs.goodputBps / 1e6).toBeCloseTo((6 * 1024 * 1024 * 8) / 0.4 / 1e6, 0);
  });

  it('loss reduces throughput (Mathis)', () => {
    const clean = line(1, { bw: 100, delay: 5_000 });
    const lossy = line(1, { bw: 100, delay: 5_000, loss: 1 });
    const rc = tcpFlow(summarize(findPath(clean.h1, to(0x0a000002))!), clean.net.rng);
    const rl = tcpFlow(summarize(findPath(lossy.h1, to(0x0a000002))!), lossy.net.rng);
    expect(rl.limitedBy).toBe('loss');
    expect(rl.goodputBps).toBeLessThan(rc.goodputBps / 2);
  });
});

describe('udpFlow', () => {
  it('delivers the offered rate when it fits, the link rate when it does not', () => {
    const { net, h1 } = line(1, { bw: 10 });
    const s = summarize(findPath(h1, to(0x0a000002))!);
    const under = udpFlow(s, net.rng, 5e6, 1470);
    expect(under.sentBps).toBe(5e6);
    expect(Math.min(under.sentBps, under.capacityBps)).toBe(5e6);
    const over = udpFlow(s, net.rng, 20e6, 1470);
    expect(over.capacityBps / 1e6).toBeCloseTo(10 * (1470 / 1512), 3);
  });

  it('reports netem loss', () => {
    const { net, h1 } = line(1, { loss: 10 });
    const u = udpFlow(summarize(findPath(h1, to(0x0a000002))!), net.rng, 1e6, 1470);
    expect(u.loss).toBeCloseTo(0.19, 5);
  });
});
