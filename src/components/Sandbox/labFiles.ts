/**
 * The files a page puts into its sandboxes, kept for as long as the page is open (plain module
 * state, no DOM: safe to import from server-rendered components):
 *
 * - starter files: the lesson's <LabFile path> tags (src/components/LabFile) register them on
 *   mount; every sandbox of the page starts with them, before its first prompt;
 * - saved files: what the learner saved in the editor panel, per sandbox. Reset, Start over and a
 *   new playground network start a fresh sandbox with them again (sandbox/worker/api.ts,
 *   SandboxInitOptions.savedFiles), so a network reset does not lose the learner's work.
 *
 * Keys are the page's path, so another page never gets them.
 */
import type { LabFileSeed } from '@site/sandbox/worker/api';

interface Registered {
  readonly page: string;
  readonly path: string;
  readonly content: string;
}

const starters: Registered[] = [];
const saved = new Map<string, Map<string, string>>();

/** A <LabFile> on `page`; returns the function that removes it (unmount). */
export function registerStarterFile(page: string, path: string, content: string): () => void {
  const entry: Registered = { page, path, content };
  starters.push(entry);
  return () => {
    const i = starters.indexOf(entry);
    if (i >= 0) starters.splice(i, 1);
  };
}

/** The page's starter files in page order; a later tag for the same path wins. */
export function starterFiles(page: string): LabFileSeed[] {
  const byPath = new Map<string, string>();
  for (const s of starters) if (s.page === page) byPath.set(s.path, s.content);
  return [...byPath].map(([path, content]) => ({ path, content }));
}

function key(page: string, sandbox: string): string {
  return `${page}\u0000${sandbox}`;
}

/** The learner saved a file in this sandbox (live, or replayed from a share link). */
export function rememberSaved(page: string, sandbox: string, path: string, content: string): void {
  const k = key(page, sandbox);
  let files = saved.get(k);
  if (!files) saved.set(k, (files = new Map()));
  files.delete(path); // keep the order of the latest saves
  files.set(path, content);
}

/** What the learner saved in this sandbox since the page opened, oldest save first. */
export function savedFiles(page: string, sandbox: string): LabFileSeed[] {
  return [...(saved.get(key(page, sandbox)) ?? [])].map(([path, content]) => ({ path, content }));
}

/** Forget everything (tests). */
export function clearLabFiles(): void {
  starters.length = 0;
  saved.clear();
}
