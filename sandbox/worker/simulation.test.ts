import { describe, expect, it } from 'vitest';
import { Sandbox } from '../src/sandbox';
import { PacketLog } from './packet-log';
import { simulationStep } from './simulation';
import { SIM_IDLE_SKIP } from './api';

function started(): { sb: Sandbox; log: PacketLog; out: { text: string }; s: ReturnType<Sandbox['openSession']> } {
  const sb = new Sandbox({ seed: 1 });
  const log = new PacketLog({ set: () => 0, clear: () => {} });
  log.attach(sb.net);
  const s = sb.openSession();
  const out = { text: '' };
  s.onOutput((t) => (out.text += t));
  s.submit('mn --topo single,2');
  sb.settle(s);
  return { sb, log, out, s };
}

describe('simulationStep', () => {
  it('stops after each device sends: h1 ARP request, flood, reply..., until the ping ends', () => {
    const { sb, log, out, s } = started();
    s.submit('h1 ping -c 1 h2');
    const first = simulationStep(sb, log);
    expect(first.kind).toBe('frames');
    expect(first.packets).toHaveLength(1);
    expect(first.packets[0]).toMatchObject({ from: { node: 'h1' }, to: { node: 's1' }, protocol: 'arp' });
    expect(out.text).not.toContain('1 received');
    const hops: string[] = [];
    for (let i = 0; i < 40 && s.busy; i++) {
      const r = simulationStep(sb, log);
      if (r.kind === 'frames') hops.push(r.packets.map((p) => `${p.from.node}>${p.to.node}:${p.protocol}`).join(' '));
    }
    expect(out.text).toContain('1 packets transmitted, 1 received');
    // The whole story, one device at a time (the switch's copies of a flood in one step).
    expect(hops.slice(0, 7)).toEqual(['s1>h2:arp', 'h2>s1:arp', 's1>h1:arp', 'h1>s1:icmp', 's1>h2:icmp', 'h2>s1:icmp', 's1>h1:icmp']);
  });

  it("skips idle time: ping's one-second gap is one step", () => {
    const { sb, log, s } = started();
    s.submit('h1 ping -c 2 h2');
    let steps = 0;
    const before = sb.now;
    while (s.busy && steps < 100) {
      simulationStep(sb, log);
      steps++;
    }
    expect(s.busy).toBe(false);
    expect(sb.now - before).toBeGreaterThan(1_000_000);
    expect(steps).toBeLessThan(40);
  });

  it('does not move the clock when nothing is scheduled, and goes straight to the next event', () => {
    const sb = new Sandbox({ seed: 1 });
    const log = new PacketLog({ set: () => 0, clear: () => {} });
    log.attach(sb.net);
    // Drain whatever the new sandbox scheduled.
    while (sb.nextEventTime() !== undefined) sb.net.sched.step();
    const t = sb.now;
    expect(simulationStep(sb, log)).toMatchObject({ kind: 'idle', pending: false, now: t });
    const s = sb.openSession();
    s.submit('sleep 30');
    const r = simulationStep(sb, log);
    expect(r.kind).toBe('idle');
    expect(s.busy).toBe(false);
    expect(r.now - t).toBeGreaterThanOrEqual(30_000_000);
    expect(r.now - t).toBeLessThanOrEqual(30_000_000 + SIM_IDLE_SKIP);
  });

  it('Ctrl-C works between steps', () => {
    const { sb, log, out, s } = started();
    s.submit('h1 ping h2');
    for (let i = 0; i < 12; i++) simulationStep(sb, log);
    s.interrupt();
    for (let i = 0; i < 5 && s.busy; i++) simulationStep(sb, log);
    expect(out.text).toMatch(/--- 10\.0\.0\.2 ping statistics ---/);
    expect(s.busy).toBe(false);
  });
});
