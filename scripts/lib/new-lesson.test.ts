import { describe, expect, it } from 'vitest';
import { parseCheck } from '../../sandbox/src/lessons/checks';
import {
  categoryFile, existingLesson, labelFromName, lessonTemplate, nextModulePosition, nextNumber, parseLessonName, slugOf,
} from './new-lesson';

describe('new-lesson: the name', () => {
  it('accepts <module>/<slug> in kebab-case', () => {
    expect(parseLessonName('mininet/flow-tables')).toEqual({ ok: true, module: 'mininet', slug: 'flow-tables' });
    expect(parseLessonName('data-center/leaf-spine2')).toEqual({ ok: true, module: 'data-center', slug: 'leaf-spine2' });
    expect(parseLessonName('demo/hello-world.mdx')).toEqual({ ok: true, module: 'demo', slug: 'hello-world' });
  });

  it.each([
    ['flow-tables', /<module>\/<slug>/],
    ['mininet/', /<module>\/<slug>/],
    ['a/b/c', /<module>\/<slug>/],
    ['Mininet/flow-tables', /module "Mininet" must be lowercase kebab-case/],
    ['mininet/Flow_Tables', /lesson name "Flow_Tables" must be lowercase kebab-case/],
    ['mininet/flow--tables', /kebab-case/],
    ['mininet/-flow', /kebab-case/],
    ['mininet/flow-', /kebab-case/],
    ['mininet/2nd-try', /kebab-case/],
    ['mininet/02-flow-tables', /leave the number out .*mininet\/flow-tables/],
    ['reference/thing', /not a course module/],
    ['authoring/thing', /not a course module/],
  ])('refuses %s with a message that says what to fix', (arg, message) => {
    const r = parseLessonName(arg);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});

describe('new-lesson: the number', () => {
  it('is 01 in a new or empty module', () => {
    expect(nextNumber([])).toBe('01');
    expect(nextNumber(['_category_.json'])).toBe('01');
  });

  it('follows the highest number in use, two digits', () => {
    expect(nextNumber(['01-first-network.mdx', '_category_.json'])).toBe('02');
    expect(nextNumber(['01-a.mdx', '03-c.md', 'notes.txt', 'img'])).toBe('04');
    expect(nextNumber(['09-i.mdx'])).toBe('10');
    expect(nextNumber(['99-z.mdx'])).toBe('100');
  });

  it('finds a lesson that exists under any number', () => {
    expect(slugOf('01-first-network.mdx')).toBe('first-network');
    expect(existingLesson(['01-first-network.mdx', '_category_.json'], 'first-network')).toBe('01-first-network.mdx');
    expect(existingLesson(['01-first-network.mdx'], 'first')).toBeUndefined();
    expect(existingLesson(['overview.md'], 'overview')).toBe('overview.md');
  });
});

describe('new-lesson: the files', () => {
  it('labels a module from its name', () => {
    expect(labelFromName('demo')).toBe('Demo');
    expect(labelFromName('data-center')).toBe('Data center');
    expect(labelFromName('ip-routing')).toBe('IP routing');
    expect(labelFromName('onos')).toBe('ONOS');
  });

  it('places a new module after the others', () => {
    expect(nextModulePosition([])).toBe(1);
    expect(nextModulePosition([1, undefined, 3])).toBe(4);
    expect(JSON.parse(categoryFile('Demo', 2))).toEqual({ label: 'Demo', position: 2 });
  });

  it('writes a page with front matter and one complete, valid step', () => {
    const page = lessonTemplate('Hello world');
    expect(page).toMatch(/^---\ntitle: Hello world\nsidebar_label: Hello world\ndescription: ".+"\n---\n/);
    expect(page).toContain("import Sandbox from '@site/src/components/Sandbox';");
    expect(page).toContain('<StepPanel />');
    expect(page).toContain('<Sandbox height={280} />');
    expect(page.match(/<Step\b/g)).toHaveLength(1);
    expect(parseCheck({ kind: 'mininetRunning', topo: 'single,2' }).ok).toBe(true);
    expect(page).toContain("check={{ kind: 'mininetRunning', topo: 'single,2' }}");
    expect(page).toContain('```sh run\nmn --topo single,2\n```');
  });

  it('quotes a title YAML would misread', () => {
    expect(lessonTemplate('Routing: the basics')).toContain('title: "Routing: the basics"');
  });
});
