/** The first lesson's steps tick themselves off as the learner runs their commands. */
import AxeBuilder from '@axe-core/playwright';
import { expect, lastLine, test, waitForTerminal } from './fixtures';
import type { Page } from '@playwright/test';

function stepItem(page: Page, title: string) {
  return page.getByRole('region', { name: 'Steps' }).getByRole('listitem').filter({ hasText: title });
}

test('steps tick as their commands run, and the solution can be revealed and run', async ({ page, guard }) => {
  void guard;
  await page.goto('/docs/mininet/first-network');
  await waitForTerminal(page, (t) => lastLine(t) === 'root@master1:~#');
  const panel = page.getByRole('region', { name: 'Steps' });
  await expect(panel.getByText('0 of 5 done')).toBeVisible();
  const status = panel.getByRole('status');

  await page.getByRole('button', { name: 'Run: mn --topo single,2' }).first().click();
  await waitForTerminal(page, (t) => lastLine(t) === 'mininet>');
  await expect(stepItem(page, 'Start a network').getByText('Done', { exact: true })).toBeVisible();
  await expect(status).toHaveText('Step 1 done: Start a network of one switch and two hosts.');
  await expect(panel.getByText('1 of 5 done')).toBeVisible();

  // Step 2 needs both commands: one is not enough.
  await page.getByRole('button', { name: 'Run: nodes' }).first().click();
  await waitForTerminal(page, (t) => t.includes('available nodes are:') && lastLine(t) === 'mininet>');
  await expect(stepItem(page, 'List the nodes').getByText('Not done yet')).toBeAttached();
  await page.getByRole('button', { name: 'Run: net' }).first().click();
  await expect(stepItem(page, 'List the nodes').getByText('Done', { exact: true })).toBeVisible();

  // Step 3: hints one at a time, then the solution behind a confirmation, run from the panel.
  const ping = stepItem(page, 'Ping h2 from h1');
  await ping.getByRole('button', { name: /Show a hint/ }).click();
  await expect(ping.getByRole('listitem')).toHaveCount(1);
  await ping.getByRole('button', { name: /Show another hint/ }).click();
  await expect(ping.getByRole('listitem')).toHaveCount(2);
  await ping.getByRole('button', { name: /Show solution/ }).click();
  await expect(ping.getByRole('button', { name: 'Yes, show the solution' })).toBeFocused();
  await ping.getByRole('button', { name: 'Yes, show the solution' }).press('Enter');
  const axe = await new AxeBuilder({ page }).include('[data-step-panel]').analyze();
  const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await ping.getByRole('button', { name: 'Run: h1 ping -c 3 h2' }).click();
  await expect(ping.getByText('Done', { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(panel.getByText('3 of 5 done')).toBeVisible();
});
