/**
 * Progress: steps done in a lesson are kept in this browser (localStorage), show as done on the
 * next visit and on the Progress page, can be exported, reset and imported back; unreadable saved
 * progress is set aside with a notice; "Start over" clears a lesson and gives a fresh terminal.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, lastLine, test, typeLine, waitForTerminal } from './fixtures';

const LESSON = '/docs/mininet/first-network';
const LESSON_ID = 'mininet/first-network';
const KEY = 'patchbay:progress';

const STEPS = [
  { id: 'start', title: 'Start a network of one switch and two hosts' },
  { id: 'look', title: 'List the nodes and how they are wired' },
  { id: 'ping', title: 'Ping h2 from h1' },
  { id: 'link-down', title: 'Take the link between s1 and h1 down' },
  { id: 'link-up', title: 'Put the link back and check that every host reaches every other' },
] as const;

function panel(page: Page) {
  return page.getByRole('region', { name: 'Steps' });
}

function panelItem(page: Page, title: string) {
  return panel(page).getByRole('listitem').filter({ hasText: title });
}

/** The step's box in the lesson's prose. */
function stepBox(page: Page, id: string) {
  return page.locator(`section[data-step="${id}"]`);
}

async function expectTicked(page: Page, step: (typeof STEPS)[number]): Promise<void> {
  await expect(panelItem(page, step.title).getByText('Done', { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(stepBox(page, step.id).getByText('Done', { exact: true })).toBeVisible();
}

async function expectNoSeriousAxe(page: Page, include?: string): Promise<void> {
  const builder = new AxeBuilder({ page });
  const result = await (include ? builder.include(include) : builder).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`)).toEqual([]);
}

async function readStorage(page: Page, key = KEY): Promise<string | null> {
  return page.evaluate((k) => window.localStorage.getItem(k), key);
}

async function openLesson(page: Page): Promise<void> {
  await page.goto(LESSON);
  await waitForTerminal(page, (t) => lastLine(t) === 'root@master1:~#');
}

/** Progress as the site stores it: every step of the first lesson done. */
function firstLessonDone(): string {
  const steps = Object.fromEntries(STEPS.map((s, i) => [s.id, { doneAt: new Date(Date.UTC(2025, 4, 1, 10, i)).toISOString() }]));
  return JSON.stringify({ format: 'patchbay-progress', version: 1, lessons: { [LESSON_ID]: steps } });
}

async function seed(page: Page, value: string): Promise<void> {
  await page.goto('/');
  await page.evaluate(([k, v]) => window.localStorage.setItem(k!, v!), [KEY, value]);
}

test('steps done by typing are kept: after a reload and on the Progress page', async ({ page, guard }) => {
  void guard;
  test.setTimeout(120_000);
  await openLesson(page);
  await expect(panel(page).getByText('0 of 5 done')).toBeVisible();
  const status = panel(page).getByRole('status');

  await typeLine(page, 'mn --topo single,2');
  await waitForTerminal(page, (t) => lastLine(t) === 'mininet>');
  await expectTicked(page, STEPS[0]);
  await expect(status).toHaveText(`Step 1 done: ${STEPS[0].title}.`);

  await typeLine(page, 'nodes');
  await typeLine(page, 'net');
  await expectTicked(page, STEPS[1]);

  await typeLine(page, 'h1 ping -c 2 h2');
  await expectTicked(page, STEPS[2]);
  await waitForTerminal(page, (t) => t.includes('2 packets transmitted') && lastLine(t) === 'mininet>');

  await typeLine(page, 'link s1 h1 down');
  await expectTicked(page, STEPS[3]);

  await typeLine(page, 'link s1 h1 up');
  await waitForTerminal(page, (t) => lastLine(t) === 'mininet>');
  await typeLine(page, 'pingall');
  await expectTicked(page, STEPS[4]);
  await expect(panel(page).getByText('5 of 5 done')).toBeVisible();
  await expect(status).toContainText('All steps done.');
  await expect(panel(page).getByText('Every step is done.')).toBeVisible();

  const stored = JSON.parse((await readStorage(page))!);
  expect(stored).toMatchObject({ format: 'patchbay-progress', version: 1 });
  expect(Object.keys(stored.lessons[LESSON_ID]).sort()).toEqual(STEPS.map((s) => s.id).sort());

  // A reload: a fresh sandbox, the steps still done, and nothing announced for them.
  await page.reload();
  await waitForTerminal(page, (t) => lastLine(t) === 'root@master1:~#');
  await expect(panel(page).getByText('5 of 5 done')).toBeVisible();
  await expect(panel(page).getByText('5 steps were done on an earlier visit')).toBeVisible();
  for (const s of STEPS) await expectTicked(page, s);
  await expect(panel(page).getByRole('status')).toHaveText('');
  // Reset in the sandbox's toolbar gives a fresh sandbox; the ticks stay.
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await waitForTerminal(page, (t) => lastLine(t) === 'root@master1:~#' && !t.includes('mininet>'));
  await expect(panel(page).getByText('5 of 5 done')).toBeVisible();

  // The Progress page, from the navbar.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Progress' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your progress' })).toBeVisible();
  const lesson = page.locator(`[data-lesson="${LESSON_ID}"]`);
  await expect(lesson.getByText('5 of 5 steps done: lesson complete')).toBeVisible();
  await expect(lesson.getByRole('listitem')).toHaveCount(5);
  for (const s of STEPS) await expect(lesson.getByRole('listitem').filter({ hasText: s.title })).toContainText('Done');
  await expect(lesson.getByRole('link', { name: 'Your first network with Mininet', exact: true })).toHaveAttribute('href', LESSON);
});

test('export, reset all, then import restores the progress; a bad file changes nothing', async ({ page, guard }, testInfo) => {
  void guard;
  await seed(page, firstLessonDone());
  await page.goto('/progress');
  const lesson = page.locator(`[data-lesson="${LESSON_ID}"]`);
  await expect(lesson.getByText('5 of 5 steps done')).toBeVisible();
  const message = page.getByRole('status').filter({ hasText: /./ });

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export progress' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('patchbay-progress.json');
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const exported = JSON.parse(readFileSync(file, 'utf8'));
  expect(exported.lessons).toEqual(JSON.parse(firstLessonDone()).lessons);
  await expect(message).toContainText('Exported 5 done steps in 1 lesson to patchbay-progress.json');

  // Reset all, behind a confirmation; the keyboard goes to the confirming button, then back.
  await page.getByRole('button', { name: 'Reset all progress' }).click();
  const yes = page.getByRole('button', { name: 'Yes, reset all progress' });
  await expect(yes).toBeFocused();
  await expectNoSeriousAxe(page);
  await yes.press('Enter');
  await expect(page.getByRole('button', { name: 'Reset all progress' })).toBeFocused();
  await expect(message).toContainText('All your progress was reset');
  await expect(lesson.getByText('0 of 5 steps done')).toBeVisible();
  expect(await readStorage(page)).toBeNull();

  // A file that is not progress: a clear message, nothing changes.
  const input = page.getByLabel('Import progress from a file');
  await input.setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": "world"}') });
  await expect(message).toContainText('Could not import notes.json. This file is not a Patchbay progress file');
  await expect(message).toContainText('Nothing was changed.');
  await expect(lesson.getByText('0 of 5 steps done')).toBeVisible();

  // The exported file brings everything back.
  await input.setInputFiles(file);
  await expect(message).toContainText('Imported patchbay-progress.json (5 done steps in 1 lesson): 5 steps newly done.');
  await expect(lesson.getByText('5 of 5 steps done: lesson complete')).toBeVisible();
  expect(JSON.parse((await readStorage(page))!).lessons).toEqual(exported.lessons);

  // And the lesson shows it.
  await page.goto(LESSON);
  await expect(panel(page).getByText('5 of 5 done')).toBeVisible();
});

test('unreadable saved progress is set aside with a notice, and nothing breaks', async ({ page, guard }) => {
  void guard;
  const broken = '{"format": "patchbay-progress", "version": 1, "lessons": {"mininet/first-network": {"start": ';
  await seed(page, broken);
  await openLesson(page);
  const notice = panel(page).getByRole('alert');
  await expect(notice).toContainText('Your saved progress could not be read: it is not valid JSON.');
  await expect(notice).toContainText('It was set aside in this browser\'s storage as "patchbay:progress:set-aside:');
  await expect(notice).toContainText('and you start fresh.');
  await expectNoSeriousAxe(page, '[data-step-panel]');
  await expect(panel(page).getByText('0 of 5 done')).toBeVisible();

  // The learner's data is kept under the key the notice names.
  const asideKey = /"(patchbay:progress:set-aside:[^"]+)"/.exec((await notice.textContent()) ?? '')![1]!;
  expect(await readStorage(page, asideKey)).toBe(broken);
  expect(await readStorage(page)).toBeNull();

  // The lesson works as usual, and progress is saved again.
  await typeLine(page, 'mn --topo single,2');
  await expectTicked(page, STEPS[0]);
  expect(JSON.parse((await readStorage(page))!).lessons[LESSON_ID]).toHaveProperty('start');
  await notice.getByRole('button', { name: 'Dismiss this notice' }).click();
  await expect(panel(page).getByRole('alert')).toHaveCount(0);

  // Data of another format version is set aside as well, on the Progress page too.
  await seed(page, '{"format": "patchbay-progress", "version": 99, "lessons": {}}');
  await page.goto('/progress');
  await expect(page.getByRole('alert')).toContainText('it is in a newer format (version 99; this site reads version 1)');
  await expect(page.locator(`[data-lesson="${LESSON_ID}"]`).getByText('0 of 5 steps done')).toBeVisible();
});

test('Start over clears the ticks and the saved progress, and gives a fresh terminal', async ({ page, guard }) => {
  void guard;
  await openLesson(page);
  await typeLine(page, 'mn --topo single,2');
  await waitForTerminal(page, (t) => lastLine(t) === 'mininet>');
  await typeLine(page, 'nodes');
  await typeLine(page, 'net');
  await expectTicked(page, STEPS[0]);
  await expectTicked(page, STEPS[1]);
  await expect(panel(page).getByText('2 of 5 done')).toBeVisible();

  // Cancel keeps everything.
  await panel(page).getByRole('button', { name: 'Start over this lesson' }).click();
  await panel(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(panel(page).getByRole('button', { name: 'Start over this lesson' })).toBeFocused();
  await expect(panel(page).getByText('2 of 5 done')).toBeVisible();

  await panel(page).getByRole('button', { name: 'Start over this lesson' }).click();
  const yes = panel(page).getByRole('button', { name: 'Yes, start over' });
  await expect(yes).toBeFocused();
  await expectNoSeriousAxe(page, '[data-step-panel]');
  await yes.press('Enter');

  await expect(panel(page).getByText('0 of 5 done')).toBeVisible();
  await expect(panelItem(page, STEPS[0].title).getByText('Not done yet')).toBeAttached();
  await expect(stepBox(page, 'start').getByText('Done', { exact: true })).toHaveCount(0);
  await expect(panel(page).getByRole('button', { name: 'Start over this lesson' })).toBeFocused();
  await expect(panel(page).getByRole('status')).toHaveText('Started over: every step is cleared and the sandbox is fresh.');
  // A fresh terminal: the lab prompt, none of the earlier session.
  await waitForTerminal(page, (t) => lastLine(t) === 'root@master1:~#' && !t.includes('mininet>') && !t.includes('mn --topo'));
  const stored = await readStorage(page);
  expect(stored === null || !(LESSON_ID in JSON.parse(stored).lessons)).toBe(true);

  // The fresh sandbox ticks steps again from the start.
  await typeLine(page, 'mn --topo single,2');
  await expectTicked(page, STEPS[0]);
  await expect(panel(page).getByText('1 of 5 done')).toBeVisible();
});
