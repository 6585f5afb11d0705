import { describe, expect, it } from 'vitest';
import { createProgressStore, parseProgress, PROGRESS_KEY, serialise, type StorageLike } from './store';

/** A Storage stand-in: a Map, optionally refusing reads or writes. */
class MemoryStorage implements StorageLike {
  readonly items = new Map<string, string>();
  refuseReads = false;
  refuseWrites = false;
  /** Refuse writes bigger than this many characters (a full quota). */
  quota = Infinity;
  getItem(key: string): string | null {
    if (this.refuseReads) throw new DOMException('The operation is insecure.', 'SecurityError');
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.refuseWrites || value.length > this.quota) throw new DOMException('Quota exceeded', 'QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    if (this.refuseWrites) throw new DOMException('Quota exceeded', 'QuotaExceededError');
    this.items.delete(key);
  }
}

const T0 = new Date('2025-05-01T10:00:00.000Z');
const T1 = new Date('2025-05-02T10:00:00.000Z');

function setup(storage: MemoryStorage | undefined = new MemoryStorage(), clock = T0) {
  let time = clock;
  const store = createProgressStore({ storage: () => storage, now: () => time });
  return { store, storage, setTime: (d: Date) => (time = d) };
}

describe('progress store', () => {
  it('starts empty and records steps with the time they were done', () => {
    const { store, storage } = setup();
    expect(store.getSnapshot()).toMatchObject({ loaded: true, lessons: {}, notice: undefined, persistent: true });
    expect(store.markDone('mininet/first-network', 'start')).toBe(true);
    expect(store.lessonSteps('mininet/first-network')).toEqual({ start: { doneAt: T0.toISOString() } });
    const saved = JSON.parse(storage.items.get(PROGRESS_KEY)!);
    expect(saved).toEqual({ format: 'patchbay-progress', version: 1, lessons: { 'mininet/first-network': { start: { doneAt: T0.toISOString() } } } });
  });

  it('keeps the first time a step was done', () => {
    const { store, setTime } = setup();
    store.markDone('l', 'a');
    setTime(T1);
    expect(store.markDone('l', 'a')).toBe(false);
    expect(store.lessonSteps('l')['a']!.doneAt).toBe(T0.toISOString());
  });

  it('reads what an earlier page stored', () => {
    const storage = new MemoryStorage();
    setup(storage).store.markDone('l', 'a');
    const again = setup(storage).store;
    expect(again.lessonSteps('l')).toEqual({ a: { doneAt: T0.toISOString() } });
  });

  it('tells subscribers about changes', () => {
    const { store } = setup();
    let calls = 0;
    const off = store.subscribe(() => calls++);
    store.markDone('l', 'a');
    store.markDone('l', 'a');
    store.clearLesson('l');
    off();
    store.markDone('l', 'b');
    expect(calls).toBe(2);
  });

  it('clears one lesson, or all of them', () => {
    const { store, storage } = setup();
    store.markDone('l1', 'a');
    store.markDone('l2', 'b');
    store.clearLesson('l1');
    expect(store.getSnapshot().lessons).toEqual({ l2: { b: { doneAt: T0.toISOString() } } });
    store.clearAll();
    expect(store.getSnapshot().lessons).toEqual({});
    expect(storage.items.has(PROGRESS_KEY)).toBe(false);
  });

  it.each([
    ['not JSON', '{"format": "patchbay-progress", ', 'not valid JSON'],
    ['another format', '{"format": "something-else"}', 'not Patchbay progress'],
    ['an older version', '{"format": "patchbay-progress", "version": 0, "lessons": {}}', 'an older format'],
    ['a newer version', '{"format": "patchbay-progress", "version": 7, "lessons": {}}', 'a newer format'],
    ['a bad shape', '{"format": "patchbay-progress", "version": 1, "lessons": {"l": {"a": {"doneAt": "yesterday"}}}}', 'damaged'],
    ['a forbidden key', '{"format": "patchbay-progress", "version": 1, "lessons": {"__proto__": {"a": {"doneAt": "2025-05-01T10:00:00Z"}}}}', 'damaged'],
  ])('sets aside stored data that is %s, keeps it, and says so', (_name, raw, reason) => {
    const storage = new MemoryStorage();
    storage.items.set(PROGRESS_KEY, raw);
    const { store } = setup(storage);
    const snap = store.getSnapshot();
    expect(snap.lessons).toEqual({});
    expect(snap.notice?.reason).toContain(reason);
    const aside = `${PROGRESS_KEY}:set-aside:${T0.toISOString()}`;
    expect(snap.notice?.setAsideKey).toBe(aside);
    expect(storage.items.get(aside)).toBe(raw);
    expect(storage.items.has(PROGRESS_KEY)).toBe(false);
    // The learner starts fresh, and the new progress is stored.
    store.markDone('l', 'a');
    expect(parseProgress(storage.items.get(PROGRESS_KEY)!).ok).toBe(true);
    expect(storage.items.get(aside)).toBe(raw);
    store.dismissNotice();
    expect(store.getSnapshot().notice).toBeUndefined();
  });

  it('never overwrites an earlier set-aside copy', () => {
    const storage = new MemoryStorage();
    const aside = `${PROGRESS_KEY}:set-aside:${T0.toISOString()}`;
    storage.items.set(aside, 'first');
    storage.items.set(PROGRESS_KEY, 'second');
    const snap = setup(storage).store.getSnapshot();
    expect(snap.notice?.setAsideKey).toBe(`${aside}:2`);
    expect(storage.items.get(aside)).toBe('first');
    expect(storage.items.get(`${aside}:2`)).toBe('second');
  });

  it('leaves unreadable data in place when it cannot be copied, and then writes nothing over it', () => {
    const storage = new MemoryStorage();
    storage.items.set(PROGRESS_KEY, 'x'.repeat(100));
    storage.quota = 50;
    const { store } = setup(storage);
    expect(store.getSnapshot().notice).toMatchObject({ setAsideKey: undefined });
    store.markDone('l', 'a');
    expect(store.lessonSteps('l')).toHaveProperty('a');
    expect(storage.items.get(PROGRESS_KEY)).toBe('x'.repeat(100));
    expect(store.getSnapshot().persistent).toBe(false);
  });

  it('keeps progress for the page when storage refuses reads, with no notice', () => {
    const storage = new MemoryStorage();
    storage.refuseReads = true;
    const { store } = setup(storage);
    expect(store.getSnapshot()).toMatchObject({ loaded: true, notice: undefined, persistent: false });
    store.markDone('l', 'a');
    expect(store.lessonSteps('l')).toHaveProperty('a');
  });

  it('keeps progress for the page when storage refuses writes (quota)', () => {
    const storage = new MemoryStorage();
    storage.refuseWrites = true;
    const { store } = setup(storage);
    store.markDone('l', 'a');
    expect(store.getSnapshot()).toMatchObject({ persistent: false, notice: undefined });
    expect(store.lessonSteps('l')).toHaveProperty('a');
    storage.refuseWrites = false;
    store.markDone('l', 'b');
    expect(store.getSnapshot().persistent).toBe(true);
    expect(Object.keys(JSON.parse(storage.items.get(PROGRESS_KEY)!).lessons.l)).toEqual(['a', 'b']);
  });

  it('works with no storage at all, and when finding it throws', () => {
    const none = createProgressStore({ storage: () => undefined });
    none.markDone('l', 'a');
    expect(none.lessonSteps('l')).toHaveProperty('a');
    const throwing = createProgressStore({
      storage: () => {
        throw new Error('denied');
      },
    });
    throwing.markDone('l', 'a');
    expect(throwing.getSnapshot().persistent).toBe(false);
  });

  it('shows nothing before it is read (server rendering)', () => {
    const { store, storage } = setup();
    storage.items.set(PROGRESS_KEY, serialise({ l: { a: { doneAt: T0.toISOString() } } }));
    expect(store.getServerSnapshot()).toEqual({ loaded: false, lessons: {}, notice: undefined, persistent: false });
  });
});

describe('export and import', () => {
  it('exports a file that imports back', () => {
    const { store } = setup();
    store.markDone('l1', 'a');
    store.markDone('l1', 'b');
    store.markDone('l2', 'c');
    const text = store.exportText();
    expect(JSON.parse(text)).toMatchObject({ format: 'patchbay-progress', version: 1, exportedAt: T0.toISOString() });
    store.clearAll();
    expect(store.importText(text)).toEqual({ ok: true, lessons: 2, steps: 3, added: 3, earlier: 0 });
    expect(Object.keys(store.getSnapshot().lessons)).toEqual(['l1', 'l2']);
  });

  it('merges: union of done steps, the earliest time wins', () => {
    const { store, setTime } = setup(new MemoryStorage(), T1);
    store.markDone('l', 'a');
    store.markDone('l', 'b');
    setTime(T0);
    const other = setup().store;
    other.markDone('l', 'a');
    other.markDone('l', 'c');
    other.markDone('m', 'x');
    setTime(T1);
    expect(store.importText(other.exportText())).toEqual({ ok: true, lessons: 2, steps: 3, added: 2, earlier: 1 });
    expect(store.getSnapshot().lessons).toEqual({
      l: { a: { doneAt: T0.toISOString() }, b: { doneAt: T1.toISOString() }, c: { doneAt: T0.toISOString() } },
      m: { x: { doneAt: T0.toISOString() } },
    });
  });

  it.each([
    ['not JSON', 'hello'],
    ['JSON of another kind', '[1, 2, 3]'],
    ['a newer version', '{"format": "patchbay-progress", "version": 2, "lessons": {}}'],
    ['a damaged file', '{"format": "patchbay-progress", "version": 1, "lessons": {"l": {"a": true}}}'],
  ])('refuses %s with a clear message and changes nothing', (_name, text) => {
    const { store, storage } = setup();
    store.markDone('l', 'a');
    const before = storage.items.get(PROGRESS_KEY);
    const r = store.importText(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/Nothing was changed\.$/);
    expect(storage.items.get(PROGRESS_KEY)).toBe(before);
    expect(store.lessonSteps('l')).toEqual({ a: { doneAt: T0.toISOString() } });
  });

  it('accepts times with an offset and stores them in UTC', () => {
    const { store } = setup();
    const r = store.importText('{"format": "patchbay-progress", "version": 1, "lessons": {"l": {"a": {"doneAt": "2025-05-01T12:00:00+02:00"}}}}');
    expect(r.ok).toBe(true);
    expect(store.lessonSteps('l')['a']!.doneAt).toBe('2025-05-01T10:00:00.000Z');
  });
});
