/**
 * The editor panel (src/components/Editor): nano/vi/code open a file beside the terminal, Ctrl-S
 * writes it into the lab, Reset and share links keep it, and Monaco is fetched only when a panel
 * opens (plugins/monaco.ts names its chunks assets/{js,css}/monaco.*; the panel's own chunk is
 * monaco-editor.*).
 */
import type { Page } from '@playwright/test';
import { expect, lastLine, terminalText, test, typeLine, waitForTerminal, seriousAxe, editorHasFocus } from './fixtures';

/** Requests for Monaco's chunks (JS or CSS) since the page started loading. */
function monacoRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    if (/\/assets\/(js|css)\/monaco[.-]/.test(new URL(r.url()).pathname)) seen.push(r.url());
  });
  return seen;
}

const panel = (page: Page) => page.getByTestId('editor-panel');

test('nano opens the panel beside the terminal; typing and Ctrl-S save the file, which cat shows', async ({ page, guard }) => {
  void guard;
  const monaco = monacoRequests(page);
  await page.goto('/playground');
  await waitForTerminal(page, (t) => lastLine(t) === 'root@master1:~#');
  expect(monaco, 'the playground loads Monaco only when an editor opens').toEqual([]);

  await typeLine(page, 'nano hello.py');
  await waitForTerminal(page, (t) => t.includes('nano: /root/hello.py is open in the editor panel (new file)') && lastLine(t) === 'root@master1:~#');
  await expect(panel(page)).toHaveAttribute('data-editor-file', '/root/hello.py');
  await expect(panel(page).getByText('new file')).toBeVisible();
  // Wide enough: the terminal stays in view beside the editor.
  await expect(page.getByTestId('terminal').first()).toBeVisible();
  await expect.poll(() => editorHasFocus(page), { message: 'the keyboard goes to the editor' }).toBe(true);
  expect(monaco.length, 'Monaco was fetched for the panel').toBeGreaterThan(0);

  await page.keyboard.type('greeting = 42');
  await page.keyboard.press('Enter');
  await page.keyboard.type('print(greeting)');
  await expect(panel(page)).toHaveAttribute('data-modified', 'true');
  await expect(panel(page).getByText('modified', { exact: true })).toBeVisible();
  // Python is highlighted: the keyword-free line still gets Monaco's token spans, the number its own colour.
  await expect(panel(page).locator('.view-lines span[class*="mtk"]').first()).toBeVisible();

  await page.keyboard.press('Control+s');
  // nano ends the file with a newline when it writes it.
  await expect(panel(page).getByRole('status')).toHaveText('Wrote 2 lines to /root/hello.py');
  await expect(panel(page)).toHaveAttribute('data-modified', 'false');

  // Saving told the terminal nothing; the file is there.
  await typeLine(page, 'cat hello.py');
  const t = await waitForTerminal(page, (x) => x.includes('root@master1:~# cat hello.py\n') && lastLine(x) === 'root@master1:~#');
  expect(t).toContain('root@master1:~# cat hello.py\ngreeting = 42\nprint(greeting)\nroot@master1:~#');

  // axe: no serious problems with the panel open, in the light and the dark theme.
  expect(await seriousAxe(page, '[data-testid="editor-panel"]'), 'axe, light theme').toEqual([]);
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  await expect(panel(page).locator('.monaco-editor.vs-dark')).toBeVisible();
  expect(await seriousAxe(page, '[data-testid="editor-panel"]'), 'axe, dark theme').toEqual([]);
});

test('Close asks about unsaved changes; the last file closed gives the keyboard back to the terminal', async ({ page, guard }) => {
  void guard;
  await page.goto('/playground');
  await waitForTerminal(page, (t) => lastLine(t) === 'root@master1:~#');
  await typeLine(page, 'echo "x = 1" > /tmp/x.py');
  await typeLine(page, 'vi /tmp/x.py');
  await expect(panel(page)).toHaveAttribute('data-editor-file', '/tmp/x.py');
  await expect.poll(() => editorHasFocus(page)).toBe(true);
  await page.keyboard.type('# changed ');
  await panel(page).getByRole('button', { name: 'Close x.py' }).click();
  const confirm = panel(page).getByRole('group', { name: 'Unsaved changes in x.py' });
  await expect(confirm.getByRole('button', { name: 'Save and close' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Close without saving' }).click();
  await expect(panel(page)).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('[data-testid="terminal"]'))).toBe(true);
  await typeLine(page, 'cat /tmp/x.py');
  await waitForTerminal(page, (x) => x.includes('cat /tmp/x.py\nx = 1\nroot@master1:~#'));
});

test('Reset keeps the saved file, and a share link replays the save', async ({ page, guard }) => {
  void guard;
  await page.goto('/playground');
  await waitForTerminal(page, (t) => lastLine(t) === 'root@master1:~#');
  await typeLine(page, 'code notes.txt');
  await expect(panel(page)).toHaveAttribute('data-editor-file', '/root/notes.txt');
  await expect.poll(() => editorHasFocus(page)).toBe(true);
  await page.keyboard.type('subnet 10.0.2.0/24');
  await panel(page).getByRole('button', { name: 'Save notes.txt' }).click();
  await expect(panel(page).getByRole('status')).toHaveText('Wrote 1 line to /root/notes.txt');

  await page.getByRole('button', { name: 'Reset' }).click();
  await waitForTerminal(page, (t) => lastLine(t) === 'root@master1:~#' && !t.includes('code notes.txt'));
  // `code` saves the text as it is, without adding a final newline (as VS Code does).
  await typeLine(page, 'cat notes.txt');
  await waitForTerminal(page, (t) => t.includes('cat notes.txt\nsubnet 10.0.2.0/24root@master1:~#'));

  // The link holds the save (made before the Reset, so recorded at time 0): a fresh page replays it.
  await page.getByRole('button', { name: 'Share' }).click();
  const url = await page.getByLabel('Link to this sandbox').inputValue();
  const other = await page.context().newPage();
  await other.goto(url);
  await waitForTerminal(other, (t) => t.includes('cat notes.txt\nsubnet 10.0.2.0/24root@master1:~#'));
  await other.close();
});

test('a lesson page fetches no Monaco until an editor opens; there the editor is a tab', async ({ page, guard }) => {
  void guard;
  const monaco = monacoRequests(page);
  await page.goto('/docs/mininet/first-network');
  await waitForTerminal(page, (t) => lastLine(t) === 'root@master1:~#');
  await page.waitForLoadState('networkidle');
  expect(monaco, 'no Monaco chunk on a lesson page without an editor').toEqual([]);

  await typeLine(page, 'nano /tmp/net.py');
  const editorTab = page.getByRole('tab', { name: 'Editor' });
  await expect(editorTab).toHaveAttribute('aria-selected', 'true');
  await expect(panel(page)).toHaveAttribute('data-editor-file', '/tmp/net.py');
  expect(monaco.length).toBeGreaterThan(0);
  await expect.poll(() => editorHasFocus(page)).toBe(true);
  await page.keyboard.type('net');
  await page.keyboard.press('Control+s');
  await expect(panel(page).getByRole('status')).toHaveText('Wrote 1 line to /tmp/net.py');
  await page.getByRole('tab', { name: 'master1' }).click();
  await expect(panel(page)).toBeHidden();
  await page.keyboard.type('cat /tmp/net.py');
  await page.keyboard.press('Enter');
  await waitForTerminal(page, (t) => t.includes('cat /tmp/net.py\nnet\nroot@master1:~#'));
  expect(await terminalText(page)).toContain('nano: /tmp/net.py is open in the editor panel (new file)');
});

test("a lesson's <LabFile> is on the lab machine at the first prompt, and Start over keeps the learner's save", async ({ page, guard }) => {
  void guard;
  await page.goto('/docs/mininet/linux-router');
  await waitForTerminal(page, (t) => lastLine(t) === 'root@master1:~#');
  // The page shows the file as a code block titled with its path; the lab has the same text.
  const lines = page.locator('[data-lab-file="/root/linuxrouter.py"] pre code .token-line');
  const shown = [(await lines.nth(0).innerText()).trimEnd(), (await lines.nth(1).innerText()).trimEnd()];
  await typeLine(page, 'head -2 linuxrouter.py');
  await waitForTerminal(page, (t) => t.includes(`head -2 linuxrouter.py\n${shown[0]}\n${shown[1]}\nroot@master1:~#`));

  await typeLine(page, 'nano linuxrouter.py');
  await expect(panel(page)).toHaveAttribute('data-editor-file', '/root/linuxrouter.py');
  await expect.poll(() => editorHasFocus(page)).toBe(true);
  await page.keyboard.press('Control+End');
  await page.keyboard.type('# edited by the learner');
  await page.keyboard.press('Control+s');
  await expect(panel(page).getByRole('status')).toHaveText(/^Wrote \d+ lines to \/root\/linuxrouter\.py$/);

  // A fresh network (the sandbox's Reset; the step panel's Start over does the same) keeps the save.
  await page.locator('[data-sandbox]').getByRole('button', { name: 'Reset' }).click();
  await waitForTerminal(page, (t) => lastLine(t) === 'root@master1:~#' && !t.includes('nano linuxrouter.py'));
  await typeLine(page, 'tail -1 linuxrouter.py');
  await waitForTerminal(page, (t) => t.includes('tail -1 linuxrouter.py\n# edited by the learner\nroot@master1:~#'));
});
