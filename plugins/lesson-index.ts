/**
 * The lesson index, built with the site: every lesson (a docs page with <Step>s) with its id,
 * title and steps, in the course's order, published as this plugin's global data for the
 * Progress page and anything else that needs the whole course without loading every page:
 *
 *   usePluginData('patchbay-lesson-index') as LessonIndex
 *   → { lessons: [{ id: 'mininet/first-network', title: '...', steps: [{ id: 'start', title: '...' }] }] }
 *
 * The steps are read from the MDX source by sandbox/lessons/catalogue.ts, the same reader lesson
 * CI uses, so the index and CI never disagree about a lesson's steps. The order is the docs
 * sidebar's (read from the docs plugin's loaded content once every plugin has loaded); if that
 * is not available the order is the docs folder's path order. Titles are the docs plugin's
 * (front matter title, else the page's first heading), falling back to the front matter read
 * here. `npm start` re-reads the lessons whenever an .md/.mdx file under docs/ changes (checked:
 * a lesson added, or a step renamed, shows in the index without a restart).
 */
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { lessons } from '../sandbox/lessons/catalogue';

export const LESSON_INDEX_PLUGIN = 'patchbay-lesson-index';

export interface LessonIndexStep {
  readonly id: string;
  readonly title: string;
}

export interface LessonIndexEntry {
  /** The doc id ('mininet/first-network'): progress is stored under it. */
  readonly id: string;
  readonly title: string;
  readonly steps: readonly LessonIndexStep[];
}

/** The plugin's global data. */
export interface LessonIndex {
  readonly lessons: readonly LessonIndexEntry[];
}

/** The few fields of the docs plugin's loaded content read here (its shape is not a public API). */
interface DocsSidebarItem {
  readonly type?: string;
  readonly id?: string;
  readonly items?: readonly DocsSidebarItem[];
  readonly link?: { readonly type?: string; readonly id?: string };
}
interface DocsLoadedContent {
  readonly loadedVersions?: readonly {
    readonly isLast?: boolean;
    readonly docs?: readonly { readonly id?: string; readonly title?: string }[];
    readonly sidebars?: Readonly<Record<string, readonly DocsSidebarItem[]>>;
  }[];
}

/** Doc ids in sidebar order (every sidebar, depth first; a category's own doc before its items). */
export function sidebarOrder(sidebars: Readonly<Record<string, readonly DocsSidebarItem[]>>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (id: string | undefined): void => {
    if (id !== undefined && !seen.has(id)) {
      seen.add(id);
      out.push(id);
    }
  };
  const walk = (items: readonly DocsSidebarItem[]): void => {
    for (const item of items) {
      if (item.type === 'doc' || item.type === 'ref') add(item.id);
      if (item.type === 'category') {
        if (item.link?.type === 'doc') add(item.link.id);
        walk(item.items ?? []);
      }
    }
  };
  for (const items of Object.values(sidebars)) walk(items);
  return out;
}

/**
 * The index: the lessons in sidebar order (lessons missing from the sidebar keep their path
 * order, after the others), titled by the docs plugin where it knows the doc.
 */
export function buildIndex(found: readonly LessonIndexEntry[], docs: DocsLoadedContent | undefined): LessonIndex {
  const version = docs?.loadedVersions?.find((v) => v.isLast) ?? docs?.loadedVersions?.[0];
  const order = sidebarOrder(version?.sidebars ?? {});
  const rank = new Map(order.map((id, i) => [id, i]));
  const titles = new Map((version?.docs ?? []).filter((d) => d.id && d.title).map((d) => [d.id!, d.title!]));
  const sorted = found
    .map((l, i) => ({ l, i, r: rank.get(l.id) ?? Number.MAX_SAFE_INTEGER }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map(({ l }) => ({ ...l, title: titles.get(l.id) ?? l.title }));
  return { lessons: sorted };
}

/** Every lesson under docsDir, in path order, as the index lists it. */
export function readLessons(docsDir: string): LessonIndexEntry[] {
  return lessons(docsDir).map((l) => ({
    id: l.id,
    title: l.title || l.id,
    steps: l.steps.filter((s) => s.id !== '').map((s) => ({ id: s.id, title: s.title || s.id })),
  }));
}

export default function lessonIndexPlugin(context: LoadContext): Plugin {
  const docsDir = path.join(context.siteDir, 'docs');
  return {
    name: LESSON_INDEX_PLUGIN,
    // A change under docs/ reloads this plugin (and the docs plugin, which watches the same files).
    getPathsToWatch() {
      return [path.join(docsDir, '**/*.{md,mdx}')];
    },
    // The lessons are read here rather than in loadContent: `docusaurus start` reloads the two
    // plugins concurrently and the last to finish wins (a race its own source admits), so an index
    // made from this plugin's loadContent could be replaced by one made with its stale content.
    // allContentLoaded runs after every plugin reload, so every result reads the files afresh.
    allContentLoaded({ allContent, actions }) {
      const docs = allContent['docusaurus-plugin-content-docs']?.['default'] as DocsLoadedContent | undefined;
      actions.setGlobalData(buildIndex(readLessons(docsDir), docs));
    },
  };
}
