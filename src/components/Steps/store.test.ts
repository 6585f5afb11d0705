import { beforeEach, describe, expect, it } from 'vitest';
import type { StepInput, StepResult } from '@site/sandbox/worker/api';
import { createProgressStore, type ProgressStore, type StorageLike } from '../Progress/store';
import { attachSandbox, bindLesson, getSnapshot, registerStep, reportResults, resetForTests, startOver, type StepsSink } from './store';

const LESSON = 'mininet/first-network';

function memory(): StorageLike {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v), removeItem: (k) => void m.delete(k) };
}

function sink(): StepsSink & { sent: StepInput[][] } {
  const sent: StepInput[][] = [];
  return {
    sent,
    setSteps: async (s) => {
      sent.push(s);
      return s.map((x) => ({ id: x.id }));
    },
  };
}

const pass = (...ids: string[]): StepResult[] => ids.map((id) => ({ id, passed: true }));
const fail = (...ids: string[]): StepResult[] => ids.map((id) => ({ id, passed: false, detail: 'not yet' }));

function page(lesson: string | null = LESSON): () => void {
  const off = ['a', 'b', 'c'].map((id) => registerStep({ id, title: `Step ${id}`, check: { kind: 'x' }, hints: [], solution: [] }));
  const unbind = lesson === null ? () => {} : bindLesson(lesson);
  return () => {
    off.forEach((f) => f());
    unbind();
  };
}

const done = () => Object.entries(getSnapshot().status).filter(([, s]) => s.done).map(([id]) => id).sort();

let storage: StorageLike;
let progress: ProgressStore;

beforeEach(() => {
  storage = memory();
  progress = createProgressStore({ storage: () => storage, now: () => new Date('2025-05-01T10:00:00Z') });
  resetForTests(progress);
});

describe('steps and saved progress', () => {
  it('records steps as they become done, under the lesson', () => {
    page();
    const s = sink();
    attachSandbox(s);
    reportResults(s, [...pass('a', 'b'), ...fail('c')]);
    expect(done()).toEqual(['a', 'b']);
    expect(Object.keys(progress.lessonSteps(LESSON)).sort()).toEqual(['a', 'b']);
    expect(getSnapshot().status['a']?.restored).toBeUndefined();
  });

  it('shows steps saved on an earlier visit as done (restored), before any sandbox attaches', () => {
    progress.markDone(LESSON, 'b');
    page();
    expect(done()).toEqual(['b']);
    expect(getSnapshot().status['b']).toEqual({ done: true, restored: true });
    expect(getSnapshot().lesson).toBe(LESSON);
  });

  it('a fresh sandbox (Reset) keeps the ticks', () => {
    page();
    const first = sink();
    const detach = attachSandbox(first)!;
    reportResults(first, pass('a'));
    detach();
    const second = sink();
    attachSandbox(second);
    reportResults(second, fail('a', 'b', 'c'));
    expect(done()).toEqual(['a']);
  });

  it('outside a lesson, a fresh sandbox starts the ticks afresh and nothing is saved', () => {
    page(null);
    const first = sink();
    const detach = attachSandbox(first)!;
    reportResults(first, pass('a'));
    expect(done()).toEqual(['a']);
    detach();
    attachSandbox(sink());
    expect(done()).toEqual([]);
    expect(progress.getSnapshot().lessons).toEqual({});
  });

  it('Start over clears the ticks and the saved progress, and ignores the old sandbox', () => {
    progress.markDone('other/lesson', 'a');
    page();
    const old = sink();
    const detach = attachSandbox(old)!;
    reportResults(old, pass('a', 'b'));
    startOver(true);
    expect(done()).toEqual([]);
    expect(progress.lessonSteps(LESSON)).toEqual({});
    expect(progress.lessonSteps('other/lesson')).toHaveProperty('a');
    // A late report from the sandbox being replaced does not tick anything.
    reportResults(old, pass('a', 'b', 'c'));
    expect(done()).toEqual([]);
    detach();
    const fresh = sink();
    attachSandbox(fresh);
    expect(done()).toEqual([]);
    reportResults(fresh, pass('c'));
    expect(done()).toEqual(['c']);
    expect(Object.keys(progress.lessonSteps(LESSON))).toEqual(['c']);
  });

  it('follows the saved progress when it is cleared elsewhere (Reset all)', () => {
    page();
    const s = sink();
    attachSandbox(s);
    reportResults(s, pass('a', 'b'));
    progress.clearAll();
    expect(done()).toEqual([]);
    progress.markDone(LESSON, 'c');
    expect(done()).toEqual(['c']);
  });

  it("another lesson's ticks do not carry over when the page changes", () => {
    progress.markDone('other/lesson', 'a');
    const leave = page();
    const s = sink();
    const detach = attachSandbox(s)!;
    reportResults(s, pass('b'));
    detach();
    leave();
    page('other/lesson');
    expect(done()).toEqual(['a']);
  });

  it('keeps a step done once its check has held, even when a later command undoes it', () => {
    page();
    const s = sink();
    attachSandbox(s);
    reportResults(s, pass('a'));
    reportResults(s, fail('a'));
    expect(getSnapshot().status['a']).toEqual({ done: true, detail: 'not yet' });
  });
});
