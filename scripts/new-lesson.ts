/**
 * Scaffold a lesson: `npm run new-lesson -- <module>/<slug> [--title "Title"]`.
 *
 * Writes docs/<module>/NN-<slug>.mdx with the next free number in the module (01 in a new module,
 * whose folder and _category_.json it creates too). The page has its front matter, the terminal,
 * the step panel and one complete step, so it passes lesson CI before the author changes a word.
 * The sidebar picks the file up by itself (sidebars.ts). Exit status: 0 done, 2 bad input or the
 * lesson exists already. The rules live in scripts/lib/new-lesson.ts.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import {
  RESERVED_MODULES, categoryFile, existingLesson, labelFromName, lessonTemplate, nextModulePosition, nextNumber, parseLessonName,
} from './lib/new-lesson';

const USAGE = `usage: npm run new-lesson -- <module>/<slug> [--title "Lesson title"]

  <module>   the course module, a folder of docs/ (created if new), e.g. mininet
  <slug>     the lesson's name in its URL, e.g. flow-tables (no number: it is chosen for you)
  --title    the page title (default: from the slug, "Flow tables")

Both names are lowercase kebab-case: letters, digits and single hyphens.
Example: npm run new-lesson -- mininet/flow-tables`;

const root = join(import.meta.dirname, '..');
const docsDir = join(root, 'docs');

function fail(message: string, usage = true): never {
  process.stderr.write(`new-lesson: ${message}\n${usage ? `\n${USAGE}\n` : ''}`);
  process.exit(2);
}

function parseCommandLine(): { name: string; title: string | undefined } {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { title: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const [name, ...extra] = parsed.positionals;
  if (name === undefined) fail('give the lesson to create as <module>/<slug>');
  if (extra.length) fail(`one lesson at a time: unexpected ${extra.map((x) => `"${x}"`).join(' ')}`);
  const title = parsed.values.title?.trim();
  if (title !== undefined && title === '') fail('--title is empty');
  return { name, title };
}

/** The `position` of each module folder's _category_.json (undefined when it has none). */
function modulePositions(): (number | undefined)[] {
  return readdirSync(docsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !RESERVED_MODULES.includes(d.name))
    .map((d) => {
      const file = join(docsDir, d.name, '_category_.json');
      if (!existsSync(file)) return undefined;
      try {
        const meta = JSON.parse(readFileSync(file, 'utf8')) as { position?: unknown };
        return typeof meta.position === 'number' ? meta.position : undefined;
      } catch {
        return undefined;
      }
    });
}

function main(): void {
  const { name, title: titleOption } = parseCommandLine();
  const parsed = parseLessonName(name);
  if (!parsed.ok) fail(parsed.error);
  const { module: mod, slug } = parsed;

  const moduleDir = join(docsDir, mod);
  const created: string[] = [];
  const isNewModule = !existsSync(moduleDir);
  const files = isNewModule ? [] : readdirSync(moduleDir);
  const existing = existingLesson(files, slug);
  if (existing) fail(`the lesson exists already: ${relative(root, join(moduleDir, existing))} (choose another name, or edit that file)`, false);

  if (isNewModule) mkdirSync(moduleDir, { recursive: true });
  const categoryPath = join(moduleDir, '_category_.json');
  if (!existsSync(categoryPath)) {
    writeFileSync(categoryPath, categoryFile(labelFromName(mod), nextModulePosition(modulePositions())));
    created.push(relative(root, categoryPath));
  }

  const lessonPath = join(moduleDir, `${nextNumber(files)}-${slug}.mdx`);
  writeFileSync(lessonPath, lessonTemplate(titleOption ?? labelFromName(slug)), { flag: 'wx' });
  created.push(relative(root, lessonPath));

  const rel = relative(root, lessonPath);
  process.stdout.write(
    `Created:\n${created.map((f) => `  ${f}`).join('\n')}\n\n` +
      `Next steps:\n` +
      `  1. npm start, then open http://localhost:3000/docs/${mod}/${slug}\n` +
      `     (the page reloads as you edit the file)\n` +
      `  2. Replace the TODO paragraph and description, adapt the step, add your own steps\n` +
      `     (the guide: http://localhost:3000/docs/authoring)\n` +
      `  3. npm run -s lessons -- ${rel}\n` +
      `     (replays the steps: solutions must pass, wrong attempts must fail)\n`,
  );
}

main();
