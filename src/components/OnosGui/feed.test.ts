import { describe, expect, it } from 'vitest';
import type { OnosSnapshot } from '@site/sandbox/worker/api';
import { OnosFeed, type OnosSource, type OnosStatus } from './feed';

function snapshot(revision: number, status: OnosStatus = 'running'): OnosSnapshot {
  return { status, version: '2.7.0', apps: [], devices: [], links: [], hosts: [], flows: [], revision };
}

/** A fake worker: counts calls; the test moves its revision and status. */
function fakeSource() {
  const w = { revision: 1, status: 'stopped' as OnosStatus, revisionCalls: 0, snapshotCalls: 0, apps: [] as string[] };
  const source: OnosSource = {
    async revision() {
      w.revisionCalls++;
      return { revision: w.revision, status: w.status };
    },
    async snapshot() {
      w.snapshotCalls++;
      return snapshot(w.revision, w.status);
    },
    async setApp(name, active) {
      w.apps.push(`${active ? '+' : '-'}${name}`);
      w.revision++;
      return { ok: true, message: `${active ? 'Activated' : 'Deactivated'} ${name}` };
    },
  };
  return { w, source };
}

function fakeTimers() {
  const t = { fn: undefined as (() => void) | undefined, ms: 0, cleared: 0 };
  return {
    t,
    opts: {
      setInterval: (fn: () => void, ms: number) => {
        t.fn = fn;
        t.ms = ms;
        return 7;
      },
      clearInterval: (h: unknown) => {
        if (h === 7) t.cleared++;
        t.fn = undefined;
      },
    },
  };
}

describe('the ONOS feed', () => {
  it('fetches the snapshot only when the revision moved', async () => {
    const { w, source } = fakeSource();
    const feed = new OnosFeed(source);
    let renders = 0;
    feed.subscribe(() => renders++);
    await feed.poke();
    expect(w.snapshotCalls).toBe(1);
    expect(feed.getState()).toMatchObject({ seen: false, status: 'stopped' });
    await feed.poke();
    await feed.poke();
    expect(w.revisionCalls).toBe(3);
    expect(w.snapshotCalls).toBe(1);
    expect(renders).toBe(1);
  });

  it('is seen once ONOS starts, and stays seen after it stops', async () => {
    const { w, source } = fakeSource();
    const feed = new OnosFeed(source);
    await feed.poke();
    w.status = 'starting';
    w.revision++;
    await feed.poke();
    expect(feed.getState()).toMatchObject({ seen: true, status: 'starting' });
    w.status = 'stopped';
    w.revision++;
    await feed.poke();
    expect(feed.getState()).toMatchObject({ seen: true, status: 'stopped' });
  });

  it('while hidden keeps only the status fresh, and catches up when shown', async () => {
    const { w, source } = fakeSource();
    const timers = fakeTimers();
    const feed = new OnosFeed(source, timers.opts);
    w.status = 'running';
    await feed.poke();
    expect(w.snapshotCalls).toBe(1);
    w.revision = 5; // flows changed
    await feed.poke();
    expect(w.snapshotCalls).toBe(1);
    expect(feed.getState().snapshot?.revision).toBe(1);
    feed.setVisible(true);
    await feed.poke();
    expect(feed.getState().snapshot?.revision).toBe(5);
    expect(timers.t.ms).toBe(1000);
    // The timer polls; hiding stops it.
    w.revision = 6;
    timers.t.fn!();
    await feed.poke();
    expect(feed.getState().snapshot?.revision).toBe(6);
    feed.setVisible(false);
    expect(timers.t.cleared).toBe(1);
    expect(timers.t.fn).toBeUndefined();
  });

  it('coalesces a burst of pokes into one more look', async () => {
    const { w, source } = fakeSource();
    const feed = new OnosFeed(source);
    const all = [feed.poke(), feed.poke(), feed.poke(), feed.poke()];
    await Promise.all(all);
    expect(w.revisionCalls).toBe(2);
  });

  it('passes the app buttons through and looks again', async () => {
    const { w, source } = fakeSource();
    const feed = new OnosFeed(source);
    w.status = 'running';
    feed.setVisible(true);
    await feed.poke();
    const r = await feed.setApp('org.onosproject.fwd', true);
    expect(r).toEqual({ ok: true, message: 'Activated org.onosproject.fwd' });
    expect(w.apps).toEqual(['+org.onosproject.fwd']);
    expect(feed.getState().snapshot?.revision).toBe(2);
    feed.dispose();
  });

  it('survives a worker that does not answer', async () => {
    const feed = new OnosFeed({ revision: async () => undefined, snapshot: async () => undefined, setApp: async () => undefined });
    await feed.poke();
    expect(feed.getState()).toEqual({ seen: false, status: 'stopped', snapshot: undefined });
    expect(await feed.setApp('x', true)).toEqual({ ok: false, message: 'The sandbox did not answer.' });
  });
});
