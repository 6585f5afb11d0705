import { describe, expect, it } from 'vitest';
import { Sandbox } from '../src/sandbox';
import { PacketLog, type PacketLogTimers } from './packet-log';
import { PACKET_BATCH_LIMIT, PACKET_LOG_SIZE, type PacketBatch } from './api';
import type { EthernetFrame } from '../src/wire/ethernet';
import type { Intf } from '../src/net/interface';

/** Timers the test fires by hand. */
function fakeTimers(): PacketLogTimers & { fire(): void; armed: number } {
  let fn: (() => void) | undefined;
  const t = {
    armed: 0,
    set(f: () => void) {
      fn = f;
      t.armed++;
      return 1;
    },
    clear() {
      fn = undefined;
    },
    fire() {
      const f = fn;
      fn = undefined;
      f?.();
    },
  };
  return t;
}

const arp: EthernetFrame = {
  src: '00:00:00:00:00:01',
  dst: 'ff:ff:ff:ff:ff:ff',
  payload: { proto: 'arp', op: 1, sha: '00:00:00:00:00:01', spa: 0x0a000001, tha: '00:00:00:00:00:00', tpa: 0x0a000002 } as unknown as EthernetFrame['payload'],
};

const h1 = { name: 'h1-eth0', owner: { name: 'h1' } } as unknown as Intf;
const s1 = { name: 's1-eth1', owner: { name: 's1' } } as unknown as Intf;

function emit(sb: Sandbox, n: number): void {
  for (let i = 0; i < n; i++) sb.net.observeTransmit(h1, s1, arp, i);
}

describe('PacketLog', () => {
  it('batches the frames of a ping for the page, with summary, protocol and both ends', () => {
    const sb = new Sandbox({ seed: 1 });
    const timers = fakeTimers();
    const log = new PacketLog(timers);
    log.attach(sb.net);
    const batches: PacketBatch[] = [];
    log.watch((b) => batches.push(b));
    const s = sb.openSession();
    s.submit('mn --topo single,2');
    sb.settle(s);
    s.submit('h1 ping -c 1 h2');
    sb.settle(s);
    timers.fire();
    expect(batches).toHaveLength(1);
    const ps = batches[0]!.packets;
    const first = ps.find((p) => p.from.node === 'h1')!;
    expect(first).toMatchObject({ from: { node: 'h1', intf: 'h1-eth0' }, to: { node: 's1', intf: 's1-eth1' }, protocol: 'arp', size: 42 });
    expect(ps.some((p) => p.protocol === 'icmp')).toBe(true);
    // Ids increase and each frame can be decoded while it is in the ring.
    expect(ps.map((p) => p.id)).toEqual([...ps.map((p) => p.id)].sort((a, b) => a - b));
    expect(log.decode(first.id)![0]!.name).toBe('Ethernet II');
    expect(log.decode(999_999)).toBeUndefined();
  });

  it('keeps the newest PACKET_BATCH_LIMIT per batch and counts the rest as skipped', () => {
    const sb = new Sandbox({ seed: 1 });
    const timers = fakeTimers();
    const log = new PacketLog(timers);
    log.attach(sb.net);
    const batches: PacketBatch[] = [];
    log.watch((b) => batches.push(b));
    emit(sb, 3 * PACKET_BATCH_LIMIT + 7);
    expect(timers.armed).toBe(1); // one timer for the whole burst
    timers.fire();
    expect(batches[0]!.packets).toHaveLength(PACKET_BATCH_LIMIT);
    expect(batches[0]!.skipped).toBe(2 * PACKET_BATCH_LIMIT + 7);
    expect(batches[0]!.packets.at(-1)!.id).toBe(3 * PACKET_BATCH_LIMIT + 7);
  });

  it('sends nothing without a listener, and forgets frames older than the ring', () => {
    const sb = new Sandbox({ seed: 1 });
    const timers = fakeTimers();
    const log = new PacketLog(timers);
    log.attach(sb.net);
    emit(sb, PACKET_LOG_SIZE + 10);
    expect(timers.armed).toBe(0);
    expect(log.get(5)).toBeUndefined();
    expect(log.get(PACKET_LOG_SIZE + 10)).toBeDefined();
  });

  it('takeSince gives a step its frames and keeps them out of the next batch', () => {
    const sb = new Sandbox({ seed: 1 });
    const timers = fakeTimers();
    const log = new PacketLog(timers);
    log.attach(sb.net);
    const batches: PacketBatch[] = [];
    log.watch((b) => batches.push(b));
    emit(sb, 2);
    const mark = log.mark();
    emit(sb, 3);
    const step = log.takeSince(mark);
    expect(step.map((p) => p.id)).toEqual([3, 4, 5]);
    log.flush();
    expect(batches[0]!.packets.map((p) => p.id)).toEqual([1, 2]);
  });
});
