/**
 * Starting a worker early: the wrapper spawns the sandbox worker as soon as it mounts in the
 * browser, so the worker's script downloads and starts while the terminal's own code (xterm) is
 * still loading. The connection then takes that worker instead of making a new one.
 */
const spare = new Map<string, Worker>();

function absolute(url: string): string {
  return new URL(url, location.href).href;
}

/** Spawn a worker for `url` now, once per mounted sandbox (keyed by the sandbox's key). */
export function prespawn(key: string, url: string): void {
  if (typeof window === 'undefined' || spare.has(key)) return;
  try {
    spare.set(key, new Worker(absolute(url), { type: 'module' }));
  } catch {
    // The connection will try again and report the failure properly.
  }
}

/** The worker spawned early for this sandbox, or a new one. */
export function takeWorker(key: string, url: string): Worker {
  const w = spare.get(key);
  spare.delete(key);
  return w ?? new Worker(absolute(url), { type: 'module' });
}

/** Drop an unused early worker (the sandbox unmounted before its terminal started). */
export function discardWorker(key: string): void {
  spare.get(key)?.terminate();
  spare.delete(key);
}
