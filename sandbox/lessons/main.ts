/**
 * Lesson CI on the command line: `npm run -s lessons [-- FILE.mdx ...]` checks every lesson
 * under docs/ (or the files given) with verify.ts and prints one line per lesson, or its
 * problems as FILE:LINE:COL messages. Exit status 1 when there is a problem, 2 on bad usage.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { docPages, DOCS_DIR, loadPage, nextLinkProblems } from './catalogue';
import { formatProblem, verifyLesson } from './verify';

const USAGE = 'usage: npm run -s lessons [-- FILE.mdx ...]\n  checks every lesson under docs/ (or the files given): steps valid, solutions pass, wrong attempts fail, page commands run\n';

async function main(): Promise<number> {
  let positionals: string[];
  try {
    const a = parseArgs({ options: { help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
    if (a.values.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    positionals = a.positionals;
  } catch (e) {
    process.stderr.write(`lessons: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const files = positionals.length ? positionals.map((f) => resolve(f)) : docPages().map((p) => resolve(DOCS_DIR, p));
  for (const f of files) {
    if (!existsSync(f)) {
      process.stderr.write(`lessons: ${f}: no such file\n`);
      return 2;
    }
  }
  let problems = 0;
  let checked = 0;
  for (const f of files) {
    const lesson = loadPage(f);
    if (lesson.steps.length === 0 && lesson.commands.length === 0 && !lesson.startCommand && lesson.problems.length === 0) continue;
    checked++;
    const r = await verifyLesson(lesson);
    const linkProblems = nextLinkProblems([lesson]);
    if (linkProblems.length) r.problems.push(...linkProblems);
    if (r.problems.length === 0) {
      const n = (k: number, one: string, many: string): string => `${k} ${k === 1 ? one : many}`;
      const commands = n(lesson.commands.length, 'page command runs', 'page commands run');
      const parts = r.steps
        ? [n(r.steps, 'step', 'steps'), n(r.solutionsPassed, 'solution passes', 'solutions pass'), n(r.wrongAttemptsFailed, 'wrong attempt fails', 'wrong attempts fail'), commands]
        : [commands];
      process.stdout.write(`ok   ${lesson.file}: ${parts.join(', ')}\n`);
    } else {
      process.stdout.write(`FAIL ${lesson.file}: ${r.problems.length} problem${r.problems.length === 1 ? '' : 's'}\n`);
      for (const p of r.problems) process.stdout.write(`  ${formatProblem(p)}\n`);
      problems += r.problems.length;
    }
  }
  process.stdout.write(`${checked} page${checked === 1 ? '' : 's'} checked, ${problems} problem${problems === 1 ? '' : 's'}\n`);
  return problems ? 1 : 0;
}

void main().then((code) => (process.exitCode = code));
