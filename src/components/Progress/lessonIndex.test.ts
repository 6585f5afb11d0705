// The lesson index the Progress page reads (plugins/lesson-index.ts, a build-time plugin).
import { describe, expect, it } from 'vitest';
import lessonIndexPlugin, { buildIndex, readLessons, sidebarOrder } from '../../../plugins/lesson-index';
import type { LoadContext } from '@docusaurus/types';
import { fileURLToPath } from 'node:url';

const siteDir = fileURLToPath(new URL('../../..', import.meta.url));

describe('lesson index', () => {
  it('reads every lesson with its steps, in order', async () => {
    const plugin = lessonIndexPlugin({ siteDir } as LoadContext);
    let published: unknown;
    await plugin.allContentLoaded!({ allContent: {}, actions: { setGlobalData: (d) => void (published = d), addRoute: () => {}, createData: async () => '' } });
    const found = readLessons(`${siteDir}/docs`);
    expect(published).toEqual({ lessons: found });
    const first = found.find((l) => l.id === 'mininet/first-network');
    expect(first?.steps.map((s) => s.id)).toEqual(['start', 'look', 'ping', 'link-down', 'link-up']);
    expect(found.every((l) => l.steps.length > 0)).toBe(true);
    expect(plugin.getPathsToWatch!()[0]).toMatch(/docs\/\*\*\/\*\.\{md,mdx\}$/);
  });

  it('follows the sidebar, with titles from the docs plugin', () => {
    const sidebars = {
      course: [
        { type: 'doc', id: 'intro' },
        { type: 'category', link: { type: 'doc', id: 'b/index' }, items: [{ type: 'doc', id: 'b/two' }, { type: 'link' }] },
        { type: 'category', items: [{ type: 'doc', id: 'a/one' }] },
      ],
    };
    expect(sidebarOrder(sidebars)).toEqual(['intro', 'b/index', 'b/two', 'a/one']);
    const lessons = [
      { id: 'a/one', title: 'One', steps: [] },
      { id: 'z/unlisted', title: 'Unlisted', steps: [] },
      { id: 'b/two', title: 'Two', steps: [] },
    ];
    const index = buildIndex(lessons, { loadedVersions: [{ isLast: true, sidebars, docs: [{ id: 'b/two', title: 'Two, from the docs' }] }] });
    expect(index.lessons.map((l) => [l.id, l.title])).toEqual([
      ['b/two', 'Two, from the docs'],
      ['a/one', 'One'],
      ['z/unlisted', 'Unlisted'],
    ]);
    expect(buildIndex(lessons, undefined).lessons.map((l) => l.id)).toEqual(['a/one', 'z/unlisted', 'b/two']);
  });
});
