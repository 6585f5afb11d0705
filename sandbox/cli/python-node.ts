/**
 * Python for Node (the headless CLI, tests, the benchmark): Pyodide from node_modules and our
 * Python package from sandbox/python, read from disk. Programs that wait for the network
 * need WebAssembly stack switching: Node 20 has it behind --experimental-wasm-stack-switching,
 * which `npm run sandbox` and the test runner pass.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PythonLoader, PythonRuntime } from '../src/python/runtime';
import { createPyodideRuntime } from '../src/python/pyodide-runtime';
import type { PyodideLike } from '../src/python/pyodide-runtime';

/** sandbox/python: the `mininet` package and the host module, as relative path → source. */
export const PYTHON_SOURCE_DIR = fileURLToPath(new URL('../python/', import.meta.url));

export function pythonPackageFiles(dir = PYTHON_SOURCE_DIR): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (sub: string): void => {
    for (const name of readdirSync(path.join(dir, sub)).sort()) {
      const rel = sub ? `${sub}/${name}` : name;
      const full = path.join(dir, rel);
      if (statSync(full).isDirectory()) {
        if (name !== '__pycache__') walk(rel);
      } else if (name.endsWith('.py')) {
        files[rel] = readFileSync(full, 'utf8');
      }
    }
  };
  walk('');
  return files;
}

/** One Pyodide per process, shared by every sandbox (loading takes about two seconds). */
let shared: Promise<PythonRuntime> | undefined;

export function nodePythonLoader(seed = 1): PythonLoader {
  let ready: PythonRuntime | undefined;
  return {
    get ready() {
      return ready;
    },
    load() {
      shared ??= (async () => {
        const { loadPyodide } = await import('pyodide');
        const py = await loadPyodide({ env: { PYTHONHASHSEED: '0', HOME: '/root', PYTHON_COLORS: '0' } });
        const decoder = new TextDecoder();
        return createPyodideRuntime(py as unknown as PyodideLike, pythonPackageFiles(), seed, (b) => decoder.decode(b, { stream: true }));
      })();
      return shared.then((rt) => (ready = rt));
    },
  };
}
