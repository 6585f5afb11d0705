/**
 * Python in the browser worker: Pyodide from the site's own files (static/pyodide, copied
 * there by plugins/sandbox-worker.ts), loaded the first time a program runs, once per worker.
 * Nothing comes from a CDN (reference/toolchain.md, gotcha 7).
 */
import pythonFiles from 'patchbay:python-files';
import type { PythonLoader, PythonRuntime } from '../src/python/runtime';
import { createPyodideRuntime } from '../src/python/pyodide-runtime';
import type { PyodideLike } from '../src/python/pyodide-runtime';

let shared: Promise<PythonRuntime> | undefined;
let loaded: PythonRuntime | undefined;

interface PyodideModule {
  loadPyodide(opts: { indexURL: string; env: Record<string, string> }): Promise<unknown>;
}

async function loadRuntime(seed: number): Promise<PythonRuntime> {
  // The worker is /sandbox-worker/worker.js; Pyodide sits in /pyodide/ beside it.
  const base = new URL('../pyodide/', import.meta.url).href;
  const mod = (await import(/* webpackIgnore: true */ `${base}pyodide.mjs`)) as PyodideModule;
  const py = await mod.loadPyodide({ indexURL: base, env: { PYTHONHASHSEED: '0', HOME: '/root', PYTHON_COLORS: '0' } });
  const decoder = new TextDecoder();
  return createPyodideRuntime(py as PyodideLike, pythonFiles, seed, (b) => decoder.decode(b, { stream: true }));
}

export function workerPythonLoader(seed: number): PythonLoader {
  return {
    get ready() {
      return loaded;
    },
    load() {
      shared ??= loadRuntime(seed).then((rt) => (loaded = rt));
      shared.catch(() => (shared = undefined));
      return shared;
    },
  };
}
