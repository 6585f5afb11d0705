/**
 * Lesson CI inside `npm test` (sandbox/lessons/verify.ts): every page under docs/ must pass,
 * and the fixture lessons beside this file prove that each kind of mistake is caught, at the
 * right line, with a message that says what to fix.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docPages, DOCS_DIR, loadPage, nextLinkProblems, REPO_ROOT } from '../lessons/catalogue';
import { formatProblem, verifyLesson } from '../lessons/verify';

const FIXTURES = join(REPO_ROOT, 'sandbox', 'test', 'lesson-fixtures');

async function check(file: string) {
  const lesson = loadPage(file);
  const report = await verifyLesson(lesson);
  const problems = [...report.problems, ...nextLinkProblems([lesson])];
  return { report, problems, messages: problems.map(formatProblem) };
}

describe('the course pages pass lesson CI', () => {
  const pages = docPages();
  it('finds the lessons', () => {
    expect(pages).toContain('mininet/01-first-network.mdx');
  });
  for (const page of pages) {
    it(page, async () => {
      const { report, messages } = await check(join(DOCS_DIR, page));
      expect(messages).toEqual([]);
      expect(report.solutionsPassed).toBe(report.steps);
      expect(report.wrongAttemptsFailed).toBe(report.wrongAttempts);
    });
  }
});

/** Each fixture and the problems it must produce: [line, pattern]. */
const EXPECTED: Record<string, [number, RegExp][]> = {
  'good.mdx': [],
  'invalid-check.mdx': [[11, /step "start": the check is not valid: topo: is not a topology mn knows/]],
  'missing-parts.mdx': [
    [13, /needs an id=/],
    [13, /needs at least one wrong attempt/],
    [13, /attribute `check` must be a literal value/],
    [13, /solution must be a non-empty list of commands/],
    [21, /step id must be lowercase/],
    [21, /needs a title=/],
    [21, /wrong must be a list of attempts, each a list of commands/],
    [29, /already has the id "Ping Step"/],
    [29, /step id must be lowercase/],
  ],
  'solution-fails.mdx': [[11, /the solution `mn --topo single,3` does not pass the check: the hosts are not those of --topo single,2/]],
  'wrong-passes.mdx': [[11, /the wrong attempt `mn --topo single,3` passes the check/]],
  'free-tick.mdx': [
    [19, /step "look": the check already passes before the step's solution runs/],
    [19, /step "look": the wrong attempt `links` passes the check/],
  ],
  'bad-command.mdx': [
    [22, /`h1 pnig h2` is not a command the sandbox knows: bash: pnig: command not found/],
    [23, /`h1 ping -Q h2` has an option the command does not accept: ping: invalid option -- 'Q'/],
    [24, /`frobnicate` is not a Mininet CLI command/],
  ],
  'prose-misses-step.mdx': [[11, /step "start": running the page's click-to-run commands in order never passes this step's check/]],
  'no-panel.mdx': [[1, /has steps but no <StepPanel \/>/]],
  'ticks-early.mdx': [[27, /step "up": during the page's commands this step ticks at `pingall` \(line 14\), before step "down"/]],
  'bad-next-link.mdx': [[7, /<StepPanel next="\/docs\/mininet\/no-such-lesson"> does not name a page of the site/]],
  // The step passes only if the <LabFile> was seeded; `nano` in the prose opens the page's editor panel.
  'lab-file.mdx': [],
  'lab-file-bad.mdx': [
    [5, /<LabFile> needs path="\/absolute\/path"/],
    [13, /<LabFile path="\/root\/two.txt"> must hold exactly one fenced code block/],
    [25, /<LabFile> needs path="\/absolute\/path"/],
  ],
};

describe('lesson CI catches each kind of mistake', () => {
  for (const [name, want] of Object.entries(EXPECTED)) {
    it(name, async () => {
      const { problems, messages } = await check(join(FIXTURES, name));
      expect(problems.map((p) => p.line)).toEqual(want.map((w) => w[0]));
      want.forEach(([, re], i) => expect(messages[i]).toMatch(re));
      for (const m of messages) expect(m).toMatch(new RegExp(`^sandbox/test/lesson-fixtures/${name.replace('.', '\\.')}:\\d+:\\d+: `));
    });
  }
});
