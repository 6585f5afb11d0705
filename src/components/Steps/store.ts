/**
 * The page's lesson steps: <Step> tags register here (in page order), the page's sandbox sends
 * them to its worker (setSteps) and reports the worker's evaluations back (onSteps), and the
 * step panel reads the result. A step is done once its check has held after some command; it
 * stays done (a later step that changes the state, bringing the link back up, does not untick
 * an earlier one).
 *
 * Inside a lesson (a docs page: <Step> binds the page's doc id with bindLesson), done steps are
 * also the learner's saved progress (src/components/Progress/store.ts): a step that becomes done
 * is recorded there, steps done on an earlier visit show as done (`restored`), a fresh sandbox
 * (Reset, a new page load) keeps them, and only Start over (startOver) clears them. Outside a
 * lesson, ticks last until the sandbox is reset.
 *
 * Plain module state, no DOM at import time: safe to import from server-rendered components.
 */
import type { StepInput, StepResult, StepValidation } from '@site/sandbox/worker/api';
// Relative, not @site/: vitest (src/**/*.test.ts) runs this module without the site's aliases.
import { progress as pageProgress, type ProgressStore } from '../Progress/store';

export interface StepDef {
  readonly id: string;
  readonly title: string;
  /** The author's check (validated by the worker; see sandbox/src/lessons/checks.ts). */
  readonly check: unknown;
  /** Hints, revealed one at a time. */
  readonly hints: readonly string[];
  /** The reference solution: commands, in order. */
  readonly solution: readonly string[];
  /** Order on the page (registration order). */
  readonly order: number;
}

export interface StepStatus {
  readonly done: boolean;
  /** Done on an earlier visit (from the saved progress), not by a command since the page loaded. */
  readonly restored?: boolean;
  /** The worker's latest word on the check (why it fails now). */
  readonly detail?: string;
  /** The check is not valid (an authoring mistake). */
  readonly error?: string;
}

export interface StepsSnapshot {
  readonly steps: readonly StepDef[];
  readonly status: Readonly<Record<string, StepStatus>>;
  /** A sandbox is attached and evaluating the steps. */
  readonly live: boolean;
  /** The lesson (doc id) whose progress the steps are saved under, if any. */
  readonly lesson: string | undefined;
}

/** What a sandbox gives the store: send the steps to its worker. */
export interface StepsSink {
  setSteps(steps: StepInput[]): Promise<StepValidation[] | undefined>;
}

let order = 0;
let steps: StepDef[] = [];
let status: Record<string, StepStatus> = {};
let sink: StepsSink | undefined;
/** A sandbox whose reports no longer count: Start over reset it, and its replacement is coming. */
let retired: StepsSink | undefined;
let lessonId: string | undefined;
let lessonRefs = 0;
let progressStore: ProgressStore = pageProgress;
let unsubscribeProgress: (() => void) | undefined;
let snapshot: StepsSnapshot = { steps, status, live: false, lesson: undefined };
const listeners = new Set<() => void>();
const EMPTY: StepsSnapshot = { steps: [], status: {}, live: false, lesson: undefined };

function publish(): void {
  snapshot = { steps, status, live: sink !== undefined, lesson: lessonId };
  listeners.forEach((l) => l());
}

/** `status` with the saved progress of the lesson applied: saved steps done, others not. */
function withProgress(current: Record<string, StepStatus>): Record<string, StepStatus> {
  if (lessonId === undefined) return current;
  const saved = progressStore.lessonSteps(lessonId);
  let next = current;
  const set = (id: string, st: StepStatus): void => {
    if (next === current) next = { ...current };
    next[id] = st;
  };
  for (const [id, st] of Object.entries(current)) {
    // Cleared elsewhere (Reset all on the Progress page, in another tab).
    if (st.done && !(id in saved)) set(id, st.detail === undefined ? { done: false } : { done: false, detail: st.detail });
  }
  for (const id of Object.keys(saved)) {
    const st = next[id];
    if (st?.error !== undefined || st?.done) continue;
    set(id, { ...st, done: true, restored: true });
  }
  return next;
}

/** Set while this store writes to the saved progress itself (its changes are already in `status`). */
let writing = false;

/** The saved progress changed (or a lesson was bound): show it. */
function syncFromProgress(): void {
  if (writing) return;
  const next = withProgress(status);
  if (next === status) return;
  status = next;
  publish();
}

function inputs(): StepInput[] {
  return steps.map((s) => ({ id: s.id, check: s.check }));
}

/** Send the steps to the attached sandbox and record which checks are invalid. */
function push(): void {
  const target = sink;
  if (!target) return;
  target
    .setSteps(inputs())
    .then((answers) => {
      if (target !== sink || !answers) return;
      const next = { ...status };
      for (const a of answers) if (a.error !== undefined) next[a.id] = { done: false, error: a.error };
      status = next;
      publish();
    })
    .catch(() => {});
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const getSnapshot = (): StepsSnapshot => snapshot;
export const getServerSnapshot = (): StepsSnapshot => EMPTY;

/**
 * The page is the lesson `id` (its doc id, 'mininet/first-network'): its steps' progress is
 * saved under that id, and steps saved earlier show as done. Every <Step> binds it on mount;
 * returns the unbinding.
 */
export function bindLesson(id: string): () => void {
  if (lessonId !== id) {
    unsubscribeProgress?.();
    lessonId = id;
    lessonRefs = 0;
    // Another lesson's ticks (a step id can repeat across lessons) do not carry over.
    status = Object.fromEntries(Object.entries(status).filter(([, st]) => st.error !== undefined));
    unsubscribeProgress = progressStore.subscribe(syncFromProgress);
    status = withProgress(status);
    publish();
  }
  lessonRefs++;
  let bound = true;
  return () => {
    if (!bound || lessonId !== id) return;
    bound = false;
    if (--lessonRefs > 0) return;
    unsubscribeProgress?.();
    unsubscribeProgress = undefined;
    lessonId = undefined;
    publish();
  };
}

/**
 * Start the lesson over: forget its ticks, here and in the saved progress. `sandboxReset`: the
 * page's sandbox is being replaced by a fresh one (as Start over does), so whatever its worker
 * still reports no longer counts; the new sandbox attaches with no ticks.
 */
export function startOver(sandboxReset: boolean): void {
  if (sandboxReset && sink) retired = sink;
  if (lessonId !== undefined) write(() => progressStore.clearLesson(lessonId!));
  status = Object.fromEntries(Object.entries(status).filter(([, st]) => st.error !== undefined));
  publish();
}

/** A <Step> on the page (on mount); returns its unregistration. Ids are unique per page. */
export function registerStep(def: Omit<StepDef, 'order'>): () => void {
  const entry: StepDef = { ...def, order: order++ };
  steps = [...steps.filter((s) => s.id !== def.id), entry].sort((a, b) => a.order - b.order);
  publish();
  push();
  return () => {
    steps = steps.filter((s) => s !== entry);
    publish();
    push();
  };
}

/**
 * The page's sandbox (the first to attach wins; later ones are ignored until it detaches).
 * A new attachment starts the steps afresh (Reset). Returns the detach function, or undefined.
 */
export function attachSandbox(s: StepsSink): (() => void) | undefined {
  if (sink) return undefined;
  sink = s;
  // A fresh sandbox: the worker's details start over, the saved progress stays.
  status = withProgress({});
  publish();
  push();
  return () => {
    if (sink !== s) return;
    sink = undefined;
    if (retired === s) retired = undefined;
    publish();
  };
}

/** The worker's evaluation (from the attached sandbox): latch the steps that pass. */
export function reportResults(from: StepsSink, results: readonly StepResult[]): void {
  if (from !== sink || from === retired) return;
  let changed = false;
  const newlyDone: string[] = [];
  const next = { ...status };
  for (const r of results) {
    const prev = next[r.id];
    if (prev?.error !== undefined) continue;
    const done = (prev?.done ?? false) || r.passed;
    if (done && !prev?.done) newlyDone.push(r.id);
    if (prev?.done !== done || prev?.detail !== r.detail) {
      const restored = done && prev?.restored === true ? { restored: true } : {};
      next[r.id] = r.detail === undefined ? { done, ...restored } : { done, ...restored, detail: r.detail };
      changed = true;
    }
  }
  if (!changed) return;
  status = next;
  // Saved before publishing: the progress store's change finds these steps done already.
  const lesson = lessonId;
  if (lesson !== undefined) write(() => newlyDone.forEach((id) => progressStore.markDone(lesson, id)));
  publish();
}

function write(fn: () => void): void {
  writing = true;
  try {
    fn();
  } finally {
    writing = false;
  }
}

/** Tests: start from an empty page, with this progress store. */
export function resetForTests(store: ProgressStore): void {
  unsubscribeProgress?.();
  unsubscribeProgress = undefined;
  progressStore = store;
  order = 0;
  steps = [];
  status = {};
  sink = undefined;
  retired = undefined;
  lessonId = undefined;
  lessonRefs = 0;
  publish();
}
