/**
 * Monaco (the editor panel, src/components/Editor) on the site's webpack build, so that only a
 * page that opens an editor pays for it (reference/toolchain.md, gotchas 2 and 4):
 *
 * - Docusaurus' `common` split-chunk group hoists any module used by many pages' chunks into
 *   common.js, and its `styles` group puts every CSS file into the global styles.css: both would
 *   load Monaco (or its CSS) on every page. Modules under node_modules/monaco-editor are kept out
 *   of both, and gathered into lazy chunks named `monaco` (assets/js/monaco.*.js and
 *   assets/css/monaco.*.css), which only the editor panel's chunk loads (e2e/editor.spec.ts
 *   checks that other pages never fetch them).
 * - Monaco's own fallback `new URL('.../editorWebWorkerMain.js', import.meta.url)` (used only
 *   without MonacoEnvironment.getWorker) is left alone: webpack would copy that file, unbundled
 *   and useless, into the site.
 * - Monaco's editor worker is a webpack worker chunk (`new Worker(new URL(...))` in
 *   EditorImpl.tsx). Docusaurus adds `__webpack_require__.gca` to every runtime, also the
 *   worker's, which never declares `__webpack_require__` there, and the worker dies in
 *   production ("__webpack_require__ is not defined", facebook/docusaurus#8389). Asking for the
 *   publicPath and getChunkScriptFilename runtime globals in every runtime makes webpack declare it.
 *
 * Client build only: the server build never renders the editor (it is inside <BrowserOnly>).
 */
import type { Plugin } from '@docusaurus/types';

const MONACO = /[\\/]node_modules[\\/]monaco-editor[\\/]/;

/** The module's file, for a split-chunk `test` (webpack passes the module). */
function resourceOf(module: unknown): string {
  const m = module as { nameForCondition?: () => string | null; resource?: string } | undefined;
  return m?.nameForCondition?.() ?? m?.resource ?? '';
}

interface CacheGroup {
  test?: unknown;
  [k: string]: unknown;
}

/** A group's test that also refuses Monaco's modules (keeping the group's own test). */
function withoutMonaco(group: CacheGroup): CacheGroup {
  const own = group.test;
  return {
    ...group,
    test: (module: unknown, ctx: unknown) => {
      if (MONACO.test(resourceOf(module))) return false;
      if (own === undefined) return true;
      if (own instanceof RegExp) return own.test(resourceOf(module));
      if (typeof own === 'function') return (own as (m: unknown, c: unknown) => boolean)(module, ctx);
      if (typeof own === 'string') return resourceOf(module).startsWith(own);
      return true;
    },
  };
}

interface MinimalCompiler {
  webpack: { RuntimeGlobals: { publicPath: string; getChunkScriptFilename: string } };
  hooks: {
    thisCompilation: {
      tap(name: string, fn: (compilation: { hooks: { additionalTreeRuntimeRequirements: { tap(name: string, fn: (chunk: unknown, set: Set<string>) => void): void } } }) => void): void;
    };
  };
}

/** Makes every runtime (the workers' too) declare what Docusaurus' chunk-asset code uses. */
class WorkerRuntimeFix {
  apply(compiler: MinimalCompiler): void {
    const { RuntimeGlobals } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('PatchbayWorkerRuntimeFix', (compilation) => {
      compilation.hooks.additionalTreeRuntimeRequirements.tap('PatchbayWorkerRuntimeFix', (_chunk, set) => {
        set.add(RuntimeGlobals.publicPath);
        set.add(RuntimeGlobals.getChunkScriptFilename);
      });
    });
  }
}

export default function monaco(): Plugin {
  return {
    name: 'patchbay-monaco',
    configureWebpack(config, isServer) {
      if (isServer) return {};
      const splitChunks = config.optimization?.splitChunks;
      const groups = splitChunks && typeof splitChunks === 'object' ? (splitChunks.cacheGroups as Record<string, CacheGroup | false> | undefined) : undefined;
      if (!groups || typeof groups.common !== 'object' || typeof groups.styles !== 'object') {
        throw new Error('patchbay-monaco: Docusaurus no longer has the `common` and `styles` split-chunk groups; see plugins/monaco.ts');
      }
      groups.common = withoutMonaco(groups.common);
      groups.styles = withoutMonaco(groups.styles);
      groups.monaco = { test: (module: unknown) => MONACO.test(resourceOf(module)), name: 'monaco', chunks: 'async', enforce: true, priority: 60 };
      return {
        module: { rules: [{ test: MONACO, parser: { url: false } }] },
        plugins: [new WorkerRuntimeFix() as never],
      };
    },
  };
}
