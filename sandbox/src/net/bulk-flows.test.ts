import { describe, expect, it } from 'vitest';
import { Scheduler } from '../sim/scheduler';
import { BulkFlows } from './bulk-flows';
import { Intf } from './interface';

const owner = { name: 'leaf1', receive: () => undefined };
function link(name: string, bw?: number): Intf {
  const i = new Intf(name, '00:00:00:00:00:01', owner, 2);
  if (bw !== undefined) i.tc = { bw };
  return i;
}
const TCP = 1448 / 1514;

describe('bulk transfers sharing links', () => {
  it('a transfer alone gets what it asks for', () => {
    const flows = new BulkFlows(new Scheduler());
    const f = flows.start([link('up', 10)], 10e6 * TCP, TCP);
    expect(f.rateBps).toBe(10e6 * TCP);
  });

  it('two transfers on one 10 Mbit/s link get half each; one alone on another keeps its own', () => {
    const sched = new Scheduler();
    const flows = new BulkFlows(sched);
    const up1 = link('up1', 10);
    const up2 = link('up2', 10);
    const a = flows.start([link('h1', 10), up1], 10e6 * TCP, TCP);
    const b = flows.start([link('h2', 10), up1], 10e6 * TCP, TCP);
    const c = flows.start([link('h3', 10), up2], 10e6 * TCP, TCP);
    expect(a.rateBps / 1e6).toBeCloseTo(5 * TCP, 6);
    expect(b.rateBps / 1e6).toBeCloseTo(5 * TCP, 6);
    expect(c.rateBps / 1e6).toBeCloseTo(10 * TCP, 6);
  });

  it('is max-min fair: a small demand is met, the others share what is left', () => {
    const flows = new BulkFlows(new Scheduler());
    const up = link('up', 10);
    const small = flows.start([up], 1e6, 1);
    const big1 = flows.start([up], 20e6, 1);
    const big2 = flows.start([up], 20e6, 1);
    expect(small.rateBps).toBe(1e6);
    expect(big1.rateBps / 1e6).toBeCloseTo(4.5, 6);
    expect(big2.rateBps / 1e6).toBeCloseTo(4.5, 6);
  });

  it('counts bytes over the rate history and speeds the others up when one leaves', () => {
    const sched = new Scheduler();
    const flows = new BulkFlows(sched);
    const up = link('up', 8);
    const a = flows.start([up], 8e6, 1);
    sched.after(1e6, () => {
      flows.start([up], 8e6, 1);
    });
    sched.runUntil(1e6);
    expect(a.bytesAt(1e6)).toBeCloseTo(1e6, 3); // 8 Mbit/s for 1 s
    sched.runUntil(2e6);
    expect(a.bytesAt(2e6)).toBeCloseTo(1.5e6, 3); // then 4 Mbit/s
    // It stops having written 2 MB: it keeps its share until they are delivered (1 s more at 4 Mbit/s).
    flows.finish(a, 2e6);
    expect(a.timeOf(2e6)).toBeCloseTo(3e6, 0);
    sched.runUntil(3e6 + 1);
    expect(flows.active()).toHaveLength(1);
    expect(flows.active()[0]!.rateBps).toBe(8e6);
  });

  it('unshaped links do not limit (the CPU-bound demand stands)', () => {
    const flows = new BulkFlows(new Scheduler());
    const f = flows.start([link('veth')], 24e9, TCP);
    expect(f.links).toHaveLength(0);
    expect(f.rateBps).toBe(24e9);
  });

  it('tells listeners when rates change', () => {
    const flows = new BulkFlows(new Scheduler());
    let calls = 0;
    const off = flows.onChange(() => calls++);
    const f = flows.start([link('up', 10)], 1e6, 1);
    flows.remove(f);
    off();
    flows.start([link('up', 10)], 1e6, 1);
    expect(calls).toBe(2);
  });
});
