/**
 * The learner's progress, kept in this browser: per lesson (doc id, 'mininet/first-network'),
 * per step id, when the step was first done. Nothing leaves the browser except through Export.
 *
 * Stored under localStorage['patchbay:progress'] as
 *
 *   { "format": "patchbay-progress", "version": 1,
 *     "lessons": { "mininet/first-network": { "start": { "doneAt": "2025-05-01T10:00:00.000Z" } } } }
 *
 * (an exported file is the same, with an `exportedAt` field). Reading is tolerant: data that is
 * not JSON, not this shape, or of another format version is never thrown at the learner and
 * never deleted silently. It is moved aside under another key ('patchbay:progress:set-aside:<time>')
 * and a notice says so; the learner starts fresh. When storage is refused (private mode, quota,
 * disabled), progress lasts for the page and nothing is shown: memory is the source of truth
 * and storage is its copy.
 *
 * Plain module state, no DOM at import time (the page's store finds localStorage on first use);
 * createProgressStore takes any Storage-like object, for tests.
 */
// zod/mini: the same validation as zod with a tree-shakable API, a fraction of zod's size in the
// JavaScript every lesson page loads before its sandbox starts (budget: 250 KB gzipped).
import * as z from 'zod/mini';

export const PROGRESS_KEY = 'patchbay:progress';
export const PROGRESS_FORMAT = 'patchbay-progress';
export const PROGRESS_VERSION = 1;
/** The file Export downloads. */
export const EXPORT_FILE_NAME = 'patchbay-progress.json';

/** The part of the Web Storage API used here. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** When a step was done (ISO 8601, UTC). */
export interface StepProgress {
  readonly doneAt: string;
}

/** Lesson id → step id → when it was done. */
export type ProgressLessons = Readonly<Record<string, Readonly<Record<string, StepProgress>>>>;

/** Stored progress that could not be read, and what became of it. */
export interface ProgressNotice {
  readonly kind: 'set-aside';
  /** The key it was moved to; undefined when it could not be copied (it was then left in place). */
  readonly setAsideKey: string | undefined;
  /** Why, in plain words ("it is damaged"). */
  readonly reason: string;
}

export interface ProgressSnapshot {
  /** Read from storage yet (always false on the server). */
  readonly loaded: boolean;
  readonly lessons: ProgressLessons;
  readonly notice: ProgressNotice | undefined;
  /** Changes reach storage (false: storage refused, progress lasts for the page). */
  readonly persistent: boolean;
}

export type ImportResult =
  | {
      readonly ok: true;
      /** Lessons and steps in the file. */
      readonly lessons: number;
      readonly steps: number;
      /** Steps that were not done here before. */
      readonly added: number;
      /** Steps already done here that the file says were done earlier. */
      readonly earlier: number;
    }
  | { readonly ok: false; readonly message: string };

// ---------------------------------------------------------------------------------------------
// The format

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const lessonId = z.string().check(
  z.regex(/^[A-Za-z0-9_][A-Za-z0-9_./-]*$/, 'a lesson id is a doc id like "mininet/first-network"'),
  z.refine((k) => !FORBIDDEN_KEYS.has(k), 'not a lesson id'),
);
const stepId = z.string().check(
  z.regex(/^[A-Za-z0-9_][A-Za-z0-9_-]*$/, 'a step id is letters, digits and dashes'),
  z.refine((k) => !FORBIDDEN_KEYS.has(k), 'not a step id'),
);
const stepProgress = z.object({ doneAt: z.iso.datetime({ offset: true }) });

/** The stored (and exported) progress, format version 1. */
export const progressSchema = z.object({
  format: z.literal(PROGRESS_FORMAT),
  version: z.literal(PROGRESS_VERSION),
  lessons: z.record(lessonId, z.record(stepId, stepProgress)),
});
export type ProgressFile = z.infer<typeof progressSchema>;

type Parsed = { ok: true; lessons: ProgressLessons } | { ok: false; reason: string; kind: 'json' | 'format' | 'version' | 'shape' };

/** Read progress from text (storage or a file): its lessons, or why not, in plain words. */
export function parseProgress(text: string): Parsed {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, kind: 'json', reason: 'it is not valid JSON' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || (raw as { format?: unknown }).format !== PROGRESS_FORMAT) {
    return { ok: false, kind: 'format', reason: 'it is not Patchbay progress' };
  }
  const version = (raw as { version?: unknown }).version;
  if (version !== PROGRESS_VERSION) {
    const which = typeof version === 'number' && version > PROGRESS_VERSION ? 'a newer' : typeof version === 'number' ? 'an older' : 'an unknown';
    return { ok: false, kind: 'version', reason: `it is in ${which} format (version ${JSON.stringify(version ?? null)}; this site reads version ${PROGRESS_VERSION})` };
  }
  const bad = forbiddenKey(raw);
  if (bad !== undefined) return { ok: false, kind: 'shape', reason: `it is damaged (the key "${bad}" is not allowed)` };
  const result = progressSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.map(String).join(' › ')}` : '';
    return { ok: false, kind: 'shape', reason: `it is damaged (${issue?.message ?? 'unexpected content'}${where})` };
  }
  return { ok: true, lessons: normalise(result.data.lessons) };
}

/** A key that would reach an object's prototype (JSON.parse makes "__proto__" an own key; zod skips it). */
function forbiddenKey(value: unknown, depth = 0): string | undefined {
  // Deeper than the format goes, the schema refuses it anyway.
  if (typeof value !== 'object' || value === null || depth > 4) return undefined;
  for (const k of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(k)) return k;
    const inner = forbiddenKey((value as Record<string, unknown>)[k], depth + 1);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

/** Only the fields this version knows, with empty lessons dropped. */
function normalise(lessons: ProgressFile['lessons']): ProgressLessons {
  const out: Record<string, Record<string, StepProgress>> = {};
  for (const [lesson, steps] of Object.entries(lessons)) {
    const entries = Object.entries(steps).map(([step, p]) => [step, { doneAt: new Date(p.doneAt).toISOString() }] as const);
    if (entries.length > 0) out[lesson] = Object.fromEntries(entries);
  }
  return out;
}

/** The progress as stored or exported. */
export function serialise(lessons: ProgressLessons, extra: Record<string, string> = {}): string {
  return JSON.stringify({ format: PROGRESS_FORMAT, version: PROGRESS_VERSION, ...extra, lessons }, null, 2);
}

function earlier(a: string, b: string): boolean {
  return Date.parse(a) < Date.parse(b);
}

/** Union of done steps; for a step done in both, the earlier time wins. */
export function mergeProgress(base: ProgressLessons, incoming: ProgressLessons): { lessons: ProgressLessons; added: number; earlier: number } {
  const out: Record<string, Record<string, StepProgress>> = { ...base };
  let added = 0;
  let moved = 0;
  for (const [lesson, steps] of Object.entries(incoming)) {
    const mine: Record<string, StepProgress> = { ...(out[lesson] ?? {}) };
    for (const [step, p] of Object.entries(steps)) {
      const had = mine[step];
      if (!had) {
        mine[step] = p;
        added++;
      } else if (earlier(p.doneAt, had.doneAt)) {
        mine[step] = p;
        moved++;
      }
    }
    out[lesson] = mine;
  }
  return { lessons: out, added, earlier: moved };
}

// ---------------------------------------------------------------------------------------------
// The store

export interface ProgressStoreOptions {
  /** Where progress is kept; called on first use. Undefined (or a throw) means storage is refused. */
  readonly storage?: () => StorageLike | undefined;
  /** The clock (tests). */
  readonly now?: () => Date;
  readonly key?: string;
}

export interface ProgressStore {
  subscribe(listener: () => void): () => void;
  getSnapshot(): ProgressSnapshot;
  getServerSnapshot(): ProgressSnapshot;
  /** The steps of a lesson done so far. */
  lessonSteps(lesson: string): Readonly<Record<string, StepProgress>>;
  /** Record a step as done (now, or at `at`); an earlier time already recorded stays. True when it is new. */
  markDone(lesson: string, step: string, at?: Date): boolean;
  /** Forget one lesson's steps (Start over). */
  clearLesson(lesson: string): void;
  /** Forget every lesson (Reset all on the Progress page). */
  clearAll(): void;
  /** The progress as a file's text (Export). */
  exportText(): string;
  /** Merge a file's progress into this one, or explain why it cannot be read (nothing changes then). */
  importText(text: string): ImportResult;
  /** The learner has read the notice. */
  dismissNotice(): void;
  /** Read storage again (another tab changed it). */
  reload(): void;
}

const SERVER_SNAPSHOT: ProgressSnapshot = { loaded: false, lessons: {}, notice: undefined, persistent: false };

export function createProgressStore(opts: ProgressStoreOptions = {}): ProgressStore {
  const key = opts.key ?? PROGRESS_KEY;
  const now = opts.now ?? (() => new Date());
  let storage: StorageLike | undefined;
  let loaded = false;
  /** Writes go to storage (false after a refusal, or when unreadable data had to stay in place). */
  let writable = true;
  let snapshot: ProgressSnapshot = SERVER_SNAPSHOT;
  const listeners = new Set<() => void>();

  const publish = (patch: Partial<ProgressSnapshot>): void => {
    snapshot = { ...snapshot, ...patch };
    listeners.forEach((l) => l());
  };

  /** Move unreadable data to a key of its own; the key, or undefined if it could not be copied. */
  const setAside = (s: StorageLike, raw: string): string | undefined => {
    const stamp = now().toISOString();
    try {
      let target = `${key}:set-aside:${stamp}`;
      for (let n = 2; s.getItem(target) !== null; n++) target = `${key}:set-aside:${stamp}:${n}`;
      s.setItem(target, raw);
      if (s.getItem(target) !== raw) return undefined;
      s.removeItem(key);
      return target;
    } catch {
      return undefined;
    }
  };

  /** Read storage into a fresh state (no publish). */
  const read = (): Pick<ProgressSnapshot, 'lessons' | 'notice' | 'persistent'> => {
    try {
      storage = opts.storage?.();
    } catch {
      storage = undefined;
    }
    if (!storage) return { lessons: {}, notice: undefined, persistent: false };
    let raw: string | null;
    try {
      raw = storage.getItem(key);
    } catch {
      storage = undefined;
      return { lessons: {}, notice: undefined, persistent: false };
    }
    if (raw === null) {
      writable = true;
      return { lessons: {}, notice: undefined, persistent: true };
    }
    const parsed = parseProgress(raw);
    if (parsed.ok) {
      writable = true;
      return { lessons: parsed.lessons, notice: undefined, persistent: true };
    }
    const setAsideKey = setAside(storage, raw);
    // Could not copy it: leave it where it is and write nothing over it during this page.
    writable = setAsideKey !== undefined;
    return { lessons: {}, notice: { kind: 'set-aside', setAsideKey, reason: parsed.reason }, persistent: writable };
  };

  const ensureLoaded = (): void => {
    if (loaded) return;
    loaded = true;
    snapshot = { loaded: true, ...read() };
  };

  /** Change the lessons: publish, and copy them to storage if it takes them. */
  const commit = (lessons: ProgressLessons): void => {
    let persistent = false;
    if (storage && writable) {
      try {
        if (Object.keys(lessons).length === 0) storage.removeItem(key);
        else storage.setItem(key, serialise(lessons));
        persistent = true;
      } catch {
        // Quota or refusal: progress lasts for the page; nothing on screen.
      }
    }
    publish({ lessons, persistent });
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot() {
      ensureLoaded();
      return snapshot;
    },
    getServerSnapshot: () => SERVER_SNAPSHOT,
    lessonSteps(lesson) {
      ensureLoaded();
      return snapshot.lessons[lesson] ?? {};
    },
    markDone(lesson, step, at) {
      ensureLoaded();
      const doneAt = (at ?? now()).toISOString();
      const { lessons, added, earlier: moved } = mergeProgress(snapshot.lessons, { [lesson]: { [step]: { doneAt } } });
      if (added === 0 && moved === 0) return false;
      commit(lessons);
      return added > 0;
    },
    clearLesson(lesson) {
      ensureLoaded();
      if (!(lesson in snapshot.lessons)) return;
      const lessons = { ...snapshot.lessons };
      delete lessons[lesson];
      commit(lessons);
    },
    clearAll() {
      ensureLoaded();
      commit({});
    },
    exportText() {
      ensureLoaded();
      return serialise(snapshot.lessons, { exportedAt: now().toISOString() });
    },
    importText(text) {
      ensureLoaded();
      const parsed = parseProgress(text);
      if (!parsed.ok) {
        const message =
          parsed.kind === 'json' || parsed.kind === 'format'
            ? 'This file is not a Patchbay progress file (exported from the Progress page). Nothing was changed.'
            : `This progress file cannot be read: ${parsed.reason}. Nothing was changed.`;
        return { ok: false, message };
      }
      const lessons = Object.keys(parsed.lessons).length;
      const steps = Object.values(parsed.lessons).reduce((n, s) => n + Object.keys(s).length, 0);
      const merged = mergeProgress(snapshot.lessons, parsed.lessons);
      if (merged.added > 0 || merged.earlier > 0) commit(merged.lessons);
      return { ok: true, lessons, steps, added: merged.added, earlier: merged.earlier };
    },
    dismissNotice() {
      ensureLoaded();
      if (snapshot.notice) publish({ notice: undefined });
    },
    reload() {
      if (!loaded) return;
      const notice = snapshot.notice;
      const next = read();
      publish({ ...next, notice: next.notice ?? notice });
    },
  };
}

/** This browser's localStorage, or undefined when it is refused. */
function browserStorage(): StorageLike | undefined {
  if (typeof window === 'undefined') return undefined;
  try {
    const s = window.localStorage;
    return s ?? undefined;
  } catch {
    return undefined;
  }
}

/** The page's progress (localStorage, found on first use). */
export const progress: ProgressStore = createProgressStore({ storage: browserStorage });
