/**
 * Bundles the sandbox worker (sandbox/worker/worker.ts, the emulator behind comlink) with
 * esbuild into static/sandbox-worker/worker.js, an ES module worker the page starts with a
 * runtime URL (DESIGN.md, "The worker"; reference/toolchain.md, gotchas 2-3: webpack would make
 * it a classic worker and break it in production, so webpack never sees it).
 *
 * - `docusaurus build`: one build, minified, with a source map, before webpack runs (loadContent
 *   runs before the static directories are listed for copying, so a fresh clone works).
 * - `docusaurus start`: one esbuild watch context for the life of the process; every change under
 *   sandbox/ rebuilds worker.js. The dev server does not reload pages for changes in static/
 *   (Docusaurus turns liveReload off), so each rebuild also rewrites a small client module
 *   (.docusaurus/patchbay-sandbox-worker/reload.js) that reloads the page when hot-updated: the
 *   page then starts the new worker.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import type { LoadContext, Plugin } from '@docusaurus/types';

/** Where the bundle goes, relative to the site; git-ignored. Served at /sandbox-worker/worker.js. */
export const WORKER_OUT = 'static/sandbox-worker/worker.js';
const ENTRY = 'sandbox/worker/worker.ts';

/** Pyodide's runtime files, served from the site (reference/toolchain.md: Pyodide offline). */
export const PYODIDE_OUT = 'static/pyodide';
const PYODIDE_FILES = ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'];

/** Copy Pyodide next to the worker (skipped when the copy is already current). */
function copyPyodide(siteDir: string): void {
  const from = path.join(siteDir, 'node_modules/pyodide');
  const to = path.join(siteDir, PYODIDE_OUT);
  mkdirSync(to, { recursive: true });
  for (const f of PYODIDE_FILES) {
    const src = path.join(from, f);
    const dst = path.join(to, f);
    if (existsSync(dst) && statSync(dst).size === statSync(src).size && statSync(dst).mtimeMs >= statSync(src).mtimeMs) continue;
    copyFileSync(src, dst);
  }
}

/**
 * `import files from 'patchbay:python-files'`: the sources under sandbox/python (the mininet
 * package and the host module) as { relative path: text }, read at bundle time and watched.
 */
function pythonFilesPlugin(siteDir: string): esbuild.Plugin {
  const dir = path.join(siteDir, 'sandbox/python');
  return {
    name: 'patchbay-python-files',
    setup(build) {
      build.onResolve({ filter: /^patchbay:python-files$/ }, () => ({ path: 'python-files', namespace: 'patchbay' }));
      build.onLoad({ filter: /.*/, namespace: 'patchbay' }, () => {
        const files: Record<string, string> = {};
        const dirs: string[] = [];
        const walk = (sub: string): void => {
          dirs.push(path.join(dir, sub));
          for (const name of readdirSync(path.join(dir, sub)).sort()) {
            const rel = sub ? `${sub}/${name}` : name;
            if (statSync(path.join(dir, rel)).isDirectory()) {
              if (name !== '__pycache__') walk(rel);
            } else if (name.endsWith('.py')) files[rel] = readFileSync(path.join(dir, rel), 'utf8');
          }
        };
        walk('');
        return {
          contents: `export default ${JSON.stringify(files)};`,
          loader: 'js',
          watchDirs: dirs,
          watchFiles: Object.keys(files).map((f) => path.join(dir, f)),
        };
      });
    },
  };
}

function options(siteDir: string, production: boolean): esbuild.BuildOptions {
  return {
    plugins: [pythonFilesPlugin(siteDir)],
    entryPoints: [path.join(siteDir, ENTRY)],
    outfile: path.join(siteDir, WORKER_OUT),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: production,
    sourcemap: true,
    legalComments: 'none',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
  };
}

/** `docusaurus start` (the dev server) rather than build, serve, swizzle... */
function isDevServer(): boolean {
  const command = process.argv.slice(2).find((a) => !a.startsWith('-'));
  return command === 'start';
}

// One watch context per process, kept on globalThis: Docusaurus re-evaluates the config (and so
// this module) when docusaurus.config.ts changes, and must not start a second watcher.
const WATCH_KEY = Symbol.for('patchbay.sandboxWorker.watch');
type WatchState = { ready: Promise<void> };
const globalState = globalThis as unknown as Record<symbol, WatchState | undefined>;

/** The dev-only client module that reloads the page after a worker rebuild. */
function reloadModulePath(generatedFilesDir: string): string {
  return path.join(generatedFilesDir, 'patchbay-sandbox-worker', 'reload.js');
}

function writeReloadModule(file: string, build: number): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    `// Generated by plugins/sandbox-worker.ts for the dev server: rewritten after every rebuild of
// ${WORKER_OUT}, so webpack hot-updates it and the page reloads with the new worker.
export const sandboxWorkerBuild = ${build};
if (import.meta.webpackHot) {
  import.meta.webpackHot.accept();
  import.meta.webpackHot.dispose(() => window.location.reload());
}
`,
  );
}

function watch(siteDir: string, reloadModule: string): Promise<void> {
  const existing = globalState[WATCH_KEY];
  if (existing) return existing.ready;
  let firstBuild: () => void = () => {};
  let firstFailed: (e: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    firstBuild = resolve;
    firstFailed = reject;
  });
  let builds = 0;
  const report: esbuild.Plugin = {
    name: 'patchbay-report',
    setup(build) {
      let t0 = 0;
      build.onStart(() => {
        t0 = Date.now();
      });
      build.onEnd((result) => {
        builds++;
        const ok = result.errors.length === 0;
        if (ok) writeReloadModule(reloadModule, builds);
        if (builds === 1) {
          if (ok) firstBuild();
          else firstFailed(new Error(`sandbox worker: ${result.errors.length} esbuild error(s), see above`));
        } else if (ok) {
          console.log(`[sandbox-worker] rebuilt ${WORKER_OUT} in ${Date.now() - t0} ms`);
        }
      });
    },
  };
  globalState[WATCH_KEY] = { ready };
  void esbuild
    .context({ ...options(siteDir, false), plugins: [pythonFilesPlugin(siteDir), report] })
    .then((ctx) => ctx.watch())
    .catch((e: unknown) => firstFailed(e instanceof Error ? e : new Error(String(e))));
  return ready;
}

export default function sandboxWorkerPlugin(context: LoadContext): Plugin {
  const reloadModule = reloadModulePath(context.generatedFilesDir);
  return {
    name: 'patchbay-sandbox-worker',
    getClientModules() {
      return isDevServer() ? [reloadModule] : [];
    },
    async loadContent() {
      copyPyodide(context.siteDir);
      if (isDevServer()) {
        await watch(context.siteDir, reloadModule);
      } else {
        await esbuild.build(options(context.siteDir, process.env.NODE_ENV === 'production'));
      }
    },
  };
}
