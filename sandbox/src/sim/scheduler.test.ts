import { describe, expect, it } from 'vitest';
import { Scheduler } from './scheduler';
import { Rng } from './rng';

describe('Scheduler', () => {
  it('runs events in (time, sequence) order', () => {
    const s = new Scheduler();
    const seen: string[] = [];
    s.after(10, () => seen.push('b'));
    s.after(5, () => seen.push('a'));
    s.after(10, () => seen.push('c'));
    s.at(10, () => seen.push('d'));
    s.runUntil(100);
    expect(seen).toEqual(['a', 'b', 'c', 'd']);
    expect(s.now).toBe(100);
  });

  it('skips cancelled events and reports the next live time', () => {
    const s = new Scheduler();
    const e = s.after(5, () => {
      throw new Error('should not run');
    });
    s.after(7, () => {});
    s.cancel(e);
    expect(s.nextTime()).toBe(7);
    s.runUntil(10);
    expect(s.eventsRun).toBe(1);
  });

  it('stops at the event budget', () => {
    const s = new Scheduler();
    const tick = (): void => void s.after(1, tick);
    tick();
    expect(s.runUntil(1e9, 1000)).toBe(false);
    expect(s.eventsRun).toBe(1000);
  });

  it('never moves time backwards', () => {
    const s = new Scheduler();
    s.runUntil(50);
    let at = -1;
    s.at(10, () => (at = s.now));
    s.runUntil(60);
    expect(at).toBe(50);
  });
});

describe('Rng', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xs = Array.from({ length: 5 }, () => a.u32());
    expect(Array.from({ length: 5 }, () => b.u32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.u32())).not.toEqual(xs);
  });

  it('keeps ranges', () => {
    const r = new Rng(7);
    for (let i = 0; i < 1000; i++) {
      const f = r.float();
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1);
      const n = r.range(3, 5);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(5);
    }
  });
});
