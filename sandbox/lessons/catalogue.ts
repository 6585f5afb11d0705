/**
 * The course's lessons on disk: every .md/.mdx page under docs/ (the generated command
 * reference excepted), read with extract.ts. Used by lesson CI, the headless CLI's --lesson and
 * the site's lesson index. Node only.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { extractLesson, type LessonSource } from './extract';

/** The repository root (this file is sandbox/lessons/catalogue.ts; tools run from the root otherwise). */
export const REPO_ROOT: string = typeof import.meta.dirname === 'string' ? resolve(import.meta.dirname, '..', '..') : process.cwd();
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
