import { describe, expect, it } from 'vitest';
import type { NetworkSnapshot, PacketBatch, PacketInfo, SimStepResult } from '@site/sandbox/worker/api';
import { IDLE_WAIT_MS, LIST_LIMIT, NetworkFeed, REALTIME_SPEEDS, SIM_PACES_MS, type FramesEvent, type NetworkSource } from './feed';

function frame(id: number): PacketInfo {
  return { id, at: id * 10, from: { node: 'h1', intf: 'h1-eth0' }, to: { node: 's1', intf: 's1-eth1' }, protocol: 'icmp', summary: `f${id}`, size: 98 };
}

const SNAP: NetworkSnapshot = {
  nodes: [{ id: 'h1', name: 'h1', kind: 'host', addresses: ['10.0.0.1/8'], up: true, terminal: true }],
  links: [],
  revision: 3,
};

/** A fake worker and hand-fired timers. */
function setup() {
  const calls: string[] = [];
  let listener: ((b: PacketBatch) => void) | undefined;
  const steps: SimStepResult[] = [];
  const source: NetworkSource = {
    revision: async () => SNAP.revision,
    snapshot: async () => SNAP,
    watchPackets: async (l) => {
      listener = l;
      calls.push(l ? 'watch' : 'unwatch');
    },
    decode: async () => [],
    openTerminal: async () => undefined,
    setSimulation: async (on) => calls.push(`sim ${on}`),
    simStep: async () => {
      calls.push('step');
      return steps.shift() ?? { kind: 'idle', packets: [], now: 0, pending: false };
    },
    setSpeed: async (s) => calls.push(`speed ${s}`),
  };
  const timers: { fn: () => void; ms: number }[] = [];
  const feed = new NetworkFeed(source, {
    setTimeout: (fn, ms) => {
      const t = { fn, ms };
      timers.push(t);
      return t;
    },
    clearTimeout: (h) => {
      const i = timers.indexOf(h as { fn: () => void; ms: number });
      if (i >= 0) timers.splice(i, 1);
    },
  });
  const fire = async () => {
    const t = timers.shift();
    t?.fn();
    await new Promise((r) => setTimeout(r, 0));
    return t?.ms;
  };
  return { feed, calls, steps, timers, fire, send: (b: PacketBatch) => listener?.(b) };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('NetworkFeed', () => {
  it('fetches the snapshot when its revision moves and remembers a network was seen', async () => {
    const { feed } = setup();
    await feed.poke();
    expect(feed.getState().snapshot).toBe(SNAP);
    expect(feed.getState().seen).toBe(true);
  });

  it('asks the worker for frames while a panel watches, lists them and streams them to the animation', async () => {
    const { feed, calls, send } = setup();
    const events: FramesEvent[] = [];
    feed.onFrames((e) => events.push(e));
    const a = feed.watch();
    const b = feed.watch();
    await flush();
    expect(calls.filter((c) => c === 'watch')).toHaveLength(1);
    send({ packets: [frame(1), frame(2)], skipped: 5 });
    expect(events[0]).toMatchObject({ kind: 'realtime' }); // the animation at once...
    expect(feed.getState().packets).toEqual([]); // ...the list a moment later
    feed.flushList();
    expect(feed.getState().packets.map((p) => p.id)).toEqual([1, 2]);
    expect(feed.getState().unlisted).toBe(5);
    expect(events[0]).toMatchObject({ kind: 'realtime' });
    a();
    b();
    await flush();
    expect(calls.at(-1)).toBe('unwatch');
  });

  it('keeps the newest LIST_LIMIT frames', async () => {
    const { feed, send } = setup();
    feed.watch();
    await flush();
    send({ packets: Array.from({ length: LIST_LIMIT + 10 }, (_, i) => frame(i + 1)), skipped: 0 });
    feed.flushList();
    const st = feed.getState();
    expect(st.packets).toHaveLength(LIST_LIMIT);
    expect(st.packets[0]!.id).toBe(11);
    expect(st.unlisted).toBe(10);
  });

  it('real time: pause sets speed 0, play and faster set the speed', async () => {
    const { feed, calls } = setup();
    await feed.pause();
    feed.faster();
    await feed.play();
    expect(calls).toEqual(['speed 0', `speed ${REALTIME_SPEEDS[3]}`]);
  });

  it('Step enters simulation mode paused, and answers with the step frames', async () => {
    const { feed, calls, steps } = setup();
    const events: FramesEvent[] = [];
    feed.onFrames((e) => events.push(e));
    steps.push({ kind: 'frames', packets: [frame(7)], now: 70, pending: true });
    await feed.step();
    expect(calls).toEqual(['sim true', 'step']);
    expect(feed.getState()).toMatchObject({ mode: 'simulation', playing: false, now: 70 });
    expect(feed.getState().stepNote).toContain('h1 sent ICMP on h1-eth0 → s1-eth1');
    expect(events).toEqual([{ packets: [frame(7)], kind: 'step', durationMs: SIM_PACES_MS[2] }]);
  });

  it('Play in simulation steps again once the frames have crossed, and waits briefly on idle', async () => {
    const { feed, calls, steps, fire, timers } = setup();
    await feed.setMode('simulation');
    steps.push({ kind: 'frames', packets: [frame(1)], now: 10, pending: true }, { kind: 'idle', packets: [], now: 20, pending: true });
    await feed.play();
    expect(await fire()).toBe(0); // the first step at once
    expect(timers[0]!.ms).toBe(SIM_PACES_MS[2]);
    await fire();
    expect(timers[0]!.ms).toBe(IDLE_WAIT_MS);
    await feed.pause();
    expect(timers).toHaveLength(0);
    expect(calls.filter((c) => c === 'step')).toHaveLength(2);
    // Back to real time at the speed chosen before.
    await feed.setMode('realtime');
    expect(calls.slice(-2)).toEqual(['sim false', 'speed 1']);
  });
});
