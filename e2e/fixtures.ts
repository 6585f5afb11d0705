/**
 * Shared test fixture: every test fails on a console error, an uncaught page error, or a request
 * to any host but the site itself. Terminals are read through window.__patchbay (xterm's buffer),
 * never through pixels.
 */
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

export interface Guard {
  problems: string[];
}

export const test = base.extend<{ guard: Guard }>({
  guard: async ({ page }, use) => {
    const guard: Guard = { problems: [] };
    page.on('console', (m) => {
      if (m.type() === 'error') guard.problems.push(`console error: ${m.text()}`);
    });
    page.on('pageerror', (e) => guard.problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.protocol === 'data:' || u.protocol === 'blob:') return;
      if (u.hostname !== '127.0.0.1' && u.hostname !== 'localhost') guard.problems.push(`off-site request: ${r.url()}`);
    });
    await use(guard);
    expect(guard.problems, 'console errors or off-site requests').toEqual([]);
  },
});

export { expect };

/** Text of terminal i on the page (every sandbox's terminals, in mount order). */
export async function terminalText(page: Page, i = 0): Promise<string> {
  return page.evaluate((k) => window.__patchbay?.terminals()[k]?.text() ?? '', i);
}

export async function terminalCount(page: Page): Promise<number> {
  return page.evaluate(() => window.__patchbay?.terminals().length ?? 0);
}

/** Poll a terminal until its text satisfies pred (never a fixed sleep). */
export async function waitForTerminal(page: Page, pred: (text: string) => boolean, i = 0, timeout = 20_000): Promise<string> {
  let last = '';
  await expect
    .poll(async () => {
      last = await terminalText(page, i);
      return pred(last);
    }, { timeout, message: `terminal ${i} never showed what was expected` })
    .toBe(true);
  return last;
}

export function lastLine(text: string): string {
  return (text.trimEnd().split('\n').at(-1) ?? '').trimEnd();
}

/** Focus the first terminal and type a line like a learner. */
export async function typeLine(page: Page, line: string, i = 0): Promise<void> {
  await page.getByTestId('terminal').nth(i).click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

/** The "Done" mark of the lesson step with this title in the page's step panel. */
export function stepDone(page: Page, title: string) {
  return page.getByRole('region', { name: 'Steps' }).getByRole('listitem').filter({ hasText: title }).getByText('Done', { exact: true });
}

/** Type a line in the first terminal and wait until its output has ended at `prompt`; returns the terminal's text. */
export async function runLine(page: Page, line: string, prompt: string, timeout = 30_000): Promise<string> {
  const before = (await terminalText(page)).length;
  await typeLine(page, line);
  return waitForTerminal(page, (t) => t.length > before + line.length && lastLine(t) === prompt, 0, timeout);
}

/**
 * Serious and critical axe violations inside `selector`. Measured once CSS transitions have
 * finished: Infima fades button and row colours (a theme switch, a row turning active), and
 * contrast taken mid-fade is neither colour's.
 */
export async function seriousAxe(page: Page, selector: string): Promise<string[]> {
  await page.waitForFunction(() => document.getAnimations().every((a) => !(a instanceof CSSTransition) || a.playState !== 'running'));
  const result = await new AxeBuilder({ page }).include(selector).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Whether the keyboard is in the editor panel's text (Monaco's input element). */
export async function editorHasFocus(page: Page): Promise<boolean> {
  return page.evaluate(() => !!document.activeElement?.closest('[data-testid="editor-panel"] .monaco-editor'));
}
