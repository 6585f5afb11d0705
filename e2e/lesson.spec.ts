/** A lesson's Run buttons type their command into the page's sandbox and run it. */
import { expect, lastLine, test, waitForTerminal } from './fixtures';

test('Run buttons in the first lesson drive its terminal', async ({ page, guard }) => {
  void guard;
  await page.goto('/docs/mininet/first-network');
  await waitForTerminal(page, (t) => lastLine(t) === 'root@master1:~#');
  const runs = page.getByRole('button', { name: /^Run: / });
  expect(await runs.count()).toBeGreaterThan(3);
  const first = runs.first();
  const command = (await first.getAttribute('aria-label'))!.replace(/^Run: /, '');
  expect(command).toMatch(/^(sudo )?mn\b/);
  await first.click();
  await waitForTerminal(page, (t) => t.includes(`root@master1:~# ${command}`) && lastLine(t) === 'mininet>');
  await page.getByRole('button', { name: 'Run: pingall' }).first().click();
  await waitForTerminal(page, (t) => t.includes('*** Results: 0% dropped (2/2 received)'));
});
