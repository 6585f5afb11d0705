/**
 * The course's lessons on disk: every .md/.mdx page under docs/ (the generated command
 * reference excepted), read with extract.ts. Used by lesson CI, the headless CLI's --lesson and
 * the site's lesson index. Node only.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractLesson, type LessonProblem, type LessonSource } from './extract';

/**
 * The repository root (this file is sandbox/lessons/catalogue.ts; tools run from the root otherwise).
 * import.meta.url, not import.meta.dirname: Docusaurus loads the site's plugins (lesson-index)
 * through jiti 1, which rewrites import.meta.url but cannot parse import.meta.dirname.
 */
export const REPO_ROOT: string = typeof import.meta.url === 'string' && import.meta.url.startsWith('file:') ? fileURLToPath(new URL('../..', import.meta.url)).replace(/[\\/]$/, '') : process.cwd();
export const DOCS_DIR = join(REPO_ROOT, 'docs');

/** Pages that are generated or are not course pages. */
const SKIP = new Set(['reference/commands.mdx']);

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.mdx?$/.test(name)) out.push(p);
  }
}

/** Every docs page, as a path relative to docs/ ('mininet/01-first-network.mdx'), in path order. */
export function docPages(docsDir = DOCS_DIR): string[] {
  const out: string[] = [];
  walk(docsDir, out);
  return out.map((p) => relative(docsDir, p).replace(/\\/g, '/')).filter((p) => !SKIP.has(p));
}

/** Read one page; `file` in messages is relative to the repository root. */
export function loadPage(absPath: string, docsDir = DOCS_DIR): LessonSource {
  const rel = relative(REPO_ROOT, absPath).replace(/\\/g, '/');
  const docPath = relative(docsDir, absPath).replace(/\\/g, '/');
  return extractLesson(rel, readFileSync(absPath, 'utf8'), { docPath: docPath.startsWith('..') ? rel : docPath });
}

/** Every page with steps: the lessons. */
export function lessons(docsDir = DOCS_DIR): LessonSource[] {
  return docPages(docsDir).map((p) => loadPage(join(docsDir, p), docsDir)).filter((l) => l.steps.length > 0);
}

/** A lesson by doc id ('mininet/first-network') or by its path under docs/ ('mininet/01-first-network'). */
export function findLesson(id: string, docsDir = DOCS_DIR): LessonSource | undefined {
  const want = id.replace(/\.mdx?$/, '').replace(/^\/?(docs\/)?/, '');
  return lessons(docsDir).find((l) => l.id === want || l.file.replace(/^docs\//, '').replace(/\.mdx?$/, '') === want);
}

/** Whether a site path names a page of src/pages (`/playground` is src/pages/playground.tsx). */
function isSitePage(path: string): boolean {
  const name = path.replace(/^\/+|\/+$/g, '') || 'index';
  return ['.tsx', '.jsx', '.js', '.mdx', '.md'].some((ext) => existsSync(join(REPO_ROOT, 'src', 'pages', name + ext)));
}

/**
 * Problems with lessons' <StepPanel next="...">: the build cannot see them (the link shows only
 * once every step is done), so lesson CI checks that each names a page that exists: a doc
 * (/docs/<doc id>) or a page of src/pages (/playground).
 */
export function nextLinkProblems(all: readonly LessonSource[], docsDir = DOCS_DIR): LessonProblem[] {
  const ids = new Set(docPages(docsDir).map((p) => loadPage(join(docsDir, p), docsDir).id));
  const out: LessonProblem[] = [];
  for (const l of all) {
    if (l.next === undefined) continue;
    const path = l.next.replace(/[#?].*$/, '');
    const doc = /^\/docs\/(.+?)\/?$/.exec(path);
    const ok = doc ? ids.has(doc[1]!) : path.startsWith('/') && isSitePage(path);
    if (!ok) {
      out.push({ file: l.file, ...(l.nextPos ?? { line: 1, column: 1 }), message: `<StepPanel next="${l.next}"> does not name a page of the site; use /docs/<doc id> (such as /docs/mininet/first-network) or a page like /playground` });
    }
  }
  return out;
}
