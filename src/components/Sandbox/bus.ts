/**
 * How lesson prose reaches the page's sandbox: a Run button calls runCommand('h1 ping -c 2 h2')
 * and the command appears after the prompt of the most recently focused sandbox (else the first
 * one mounted) and runs, as if typed; if a command is running it waits its turn.
 *
 * Plain module state, no DOM at import time: safe to import from server-rendered components.
 * Sandboxes (SandboxClient) register on mount and unregister on unmount.
 */

import type { NetworkFeed } from '@site/src/components/TopologyView/feed';

export interface SandboxTarget {
  /** Type the command into the active terminal and run it (queued while a command runs). */
  run(command: string): void;
  /** Move keyboard focus to the active terminal. */
  focus(): void;
  /** Start a fresh sandbox in the page's starting state (as its Reset button does). */
  reset(): void;
  /** The network view's data of its current worker (a Reset makes a new one), once started. */
  network?(): NetworkFeed | undefined;
}

interface Entry {
  readonly target: SandboxTarget;
  focusedAt: number;
}

const entries: Entry[] = [];
let focusClock = 0;

export interface Registration {
  /** Call when the sandbox (or anything in it) receives focus. */
  noteFocus(): void;
  /** Call when network() gives something else (a new worker). */
  networkChanged(): void;
  unregister(): void;
}

const networkListeners = new Set<() => void>();

function notifyNetwork(): void {
  for (const l of [...networkListeners]) l();
}

/**
 * The network of the page's first sandbox (the one the lesson's steps watch): what a
 * <TopologyView> tag in the prose draws. Undefined until that sandbox has started.
 */
export function pageNetwork(): NetworkFeed | undefined {
  return entries[0]?.target.network?.();
}

/** Be told when pageNetwork() may give something else. */
export function subscribePageNetwork(listener: () => void): () => void {
  networkListeners.add(listener);
  return () => networkListeners.delete(listener);
}

/** Move the keyboard to the page's first sandbox (a node clicked in the prose opened a terminal there). */
export function focusPageSandbox(): void {
  entries[0]?.target.focus();
}

export function registerSandbox(target: SandboxTarget): Registration {
  const entry: Entry = { target, focusedAt: 0 };
  entries.push(entry);
  notifyNetwork();
  return {
    noteFocus() {
      entry.focusedAt = ++focusClock;
    },
    networkChanged() {
      if (entries[0] === entry) notifyNetwork();
    },
    unregister() {
      const i = entries.indexOf(entry);
      if (i >= 0) entries.splice(i, 1);
      notifyNetwork();
    },
  };
}

/** How many sandboxes are mounted (also their index on the page, for per-sandbox storage). */
export function mountedSandboxes(): number {
  return entries.length;
}

/** The sandbox commands go to: the most recently focused one, else the first mounted. */
function current(): SandboxTarget | undefined {
  let best = entries[0];
  for (const e of entries) if (best && e.focusedAt > best.focusedAt) best = e;
  return best?.target;
}

/**
 * Reset the page's sandbox to its starting state (the step panel's "Start over").
 * Returns false when no sandbox is mounted.
 */
export function resetSandbox(): boolean {
  const target = current();
  if (!target) return false;
  target.reset();
  return true;
}

/**
 * Run a command in the page's sandbox as if typed. Returns false when no sandbox is mounted
 * (the caller can tell the learner to open one). Several lines run one after another.
 */
export function runCommand(command: string): boolean {
  const target = current();
  if (!target) return false;
  target.run(command);
  target.focus();
  return true;
}
