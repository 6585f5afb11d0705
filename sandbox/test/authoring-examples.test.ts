/**
 * The examples in the authoring guide (docs/authoring/*.mdx) are code an instructor copies, so
 * they are held to lesson CI's rules: a fence titled "Earlier steps: A, then B" holding a step's
 * check/solution/wrong attributes must fail before its solution, pass after it, and fail for each
 * wrong attempt; a fence holding a whole page must pass lesson CI; every check shown validates.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCS_DIR } from '../lessons/catalogue';
import { extractLesson } from '../lessons/extract';
import { formatProblem, verifyLesson } from '../lessons/verify';
import { parseCheck } from '../src/lessons/checks';

interface Fence {
  readonly meta: string;
  readonly body: string;
  readonly line: number;
}

function fences(src: string): Fence[] {
  const out: Fence[] = [];
  const lines = src.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^(`{3,}|~{3,})(.*)$/.exec(lines[i]!);
    if (!m) continue;
    const start = i + 1;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i]!.trim() !== m[1]; i++) body.push(lines[i]!);
    out.push({ meta: m[2]!, body: body.join('\n'), line: start });
  }
  return out;
}

/** A page around a documented step's attributes, read by the same extractor as real lessons. */
function exampleLesson(file: string, attrs: string) {
  const mdx = `<StepPanel />\n\n<Sandbox />\n\n<Step id="example" title="Example"\n${attrs}\n/>\n`;
  return extractLesson(file, mdx);
}

const dir = join(DOCS_DIR, 'authoring');
const pages = readdirSync(dir).filter((f) => f.endsWith('.mdx')).sort();

describe('authoring guide examples', () => {
  for (const page of pages) {
    const src = readFileSync(join(dir, page), 'utf8');
    const examples = fences(src).filter((f) => /check=\{\{/.test(f.body) || /<Step\b/.test(f.body));
    if (examples.length === 0) continue;
    it(`${page}: ${examples.length} examples`, async () => {
      const problems: string[] = [];
      for (const f of examples) {
        const where = `docs/authoring/${page}:${f.line}`;
        const earlier = /title="Earlier steps: ([^"]*)"/.exec(f.meta);
        if (earlier) {
          const setup = earlier[1] === 'none' ? [] : earlier[1]!.split(', then ');
          const lesson = exampleLesson(where, f.body);
          const r = await verifyLesson(lesson, { setup });
          problems.push(...r.problems.map((p) => `${where}: ${p.message}`));
          if (r.steps !== 1) problems.push(`${where}: the example's attributes were not read`);
        } else if (/<StepPanel/.test(f.body) && /<Sandbox/.test(f.body) && /<Step\b/.test(f.body)) {
          const r = await verifyLesson(extractLesson(where, f.body));
          problems.push(...r.problems.map(formatProblem));
          if (r.steps === 0) problems.push(`${where}: no steps read from the example page`);
        } else {
          for (const m of f.body.matchAll(/check=\{(\{.*\})\}/g)) {
            const step = exampleLesson(where, `check={${m[1]}} solution={['x']} wrong={[['y']]}`).steps[0];
            const p = parseCheck(step?.check);
            if (!p.ok) problems.push(`${where}: invalid check ${m[1]}: ${p.error}`);
          }
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
