/**
 * The page's lesson steps: <Step> tags register here (in page order), the page's sandbox sends
 * them to its worker (setSteps) and reports the worker's evaluations back (onSteps), and the
 * step panel reads the result. A step is done once its check has held after some command; it
 * stays done until the sandbox is reset (a new connection), so a later step that changes the
 * state (bring the link back up) does not untick an earlier one.
 *
 * Plain module state, no DOM at import time: safe to import from server-rendered components.
 */
import type { StepInput, StepResult, StepValidation } from '@site/sandbox/worker/api';

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
}

/** What a sandbox gives the store: send the steps to its worker. */
export interface StepsSink {
  setSteps(steps: StepInput[]): Promise<StepValidation[] | undefined>;
}

let order = 0;
let steps: StepDef[] = [];
let status: Record<string, StepStatus> = {};
let sink: StepsSink | undefined;
let snapshot: StepsSnapshot = { steps, status, live: false };
const listeners = new Set<() => void>();
const EMPTY: StepsSnapshot = { steps: [], status: {}, live: false };

function publish(): void {
  snapshot = { steps, status, live: sink !== undefined };
  listeners.forEach((l) => l());
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
  status = {};
  publish();
  push();
  return () => {
    if (sink !== s) return;
    sink = undefined;
    publish();
  };
}

/** The worker's evaluation (from the attached sandbox): latch the steps that pass. */
export function reportResults(from: StepsSink, results: readonly StepResult[]): void {
  if (from !== sink) return;
  let changed = false;
  const next = { ...status };
  for (const r of results) {
    const prev = next[r.id];
    if (prev?.error !== undefined) continue;
    const done = (prev?.done ?? false) || r.passed;
    if (prev?.done !== done || prev?.detail !== r.detail) {
      next[r.id] = r.detail === undefined ? { done } : { done, detail: r.detail };
      changed = true;
    }
  }
  if (!changed) return;
  status = next;
  publish();
}
