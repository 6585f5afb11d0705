/** Share links: a learner's session, replayed in another tab, reaches the same state. */
import { expect, lastLine, terminalText, test, typeLine, waitForTerminal } from './fixtures';

test('a share link replays what was typed, to the same terminal and the same steps', async ({ page, guard, context }) => {
  void guard;
  await page.goto('/docs/mininet/first-network');
  await waitForTerminal(page, (t) => lastLine(t) === 'root@master1:~#');
  await typeLine(page, 'mn');
  await waitForTerminal(page, (t) => lastLine(t) === 'mininet>');
  await typeLine(page, 'h1 ping -c 2 h2');
  await waitForTerminal(page, (t) => t.includes('rtt min/avg/max/mdev') && lastLine(t) === 'mininet>');
  const original = await terminalText(page);

  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const field = page.getByLabel('Link to this sandbox');
  await expect(field).toBeVisible();
  const url = await field.inputValue();
  expect(url).toMatch(/\/docs\/mininet\/first-network#share=1\.0\.[0-9a-f]{8}\./);
  await expect(field).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(field).toBeHidden();
  await expect(page.getByRole('button', { name: 'Share', exact: true })).toBeFocused();

  const other = await context.newPage();
  await other.goto(url);
  await expect(other.getByRole('status').filter({ hasText: 'replayed a shared session (2 inputs)' })).toBeVisible({ timeout: 20_000 });
  const replayed = await waitForTerminal(other, (t) => t.includes('rtt min/avg/max/mdev') && lastLine(t) === 'mininet>');
  // Same seed, same inputs at the same virtual times: the same output, RTTs included.
  expect(replayed).toBe(original);
  const panel = other.getByRole('region', { name: 'Steps' });
  await expect(panel.getByRole('listitem').filter({ hasText: 'Ping h2 from h1' }).getByText('Done', { exact: true })).toBeVisible();
  // The replayed sandbox goes on like any other.
  await typeLine(other, 'h2 ping -c 1 h1');
  await waitForTerminal(other, (t) => t.includes('1 packets transmitted, 1 received') && lastLine(t) === 'mininet>');
});

test('an edited share link gives a clear message and a clean sandbox', async ({ page, guard }) => {
  void guard;
  await page.goto('/docs/mininet/first-network');
  await waitForTerminal(page, (t) => lastLine(t) === 'root@master1:~#');
  await typeLine(page, 'mn');
  await waitForTerminal(page, (t) => lastLine(t) === 'mininet>');
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const url = await page.getByLabel('Link to this sandbox').inputValue();
  const i = url.length - 6;
  const tampered = url.slice(0, i) + (url[i] === 'x' ? 'y' : 'x') + url.slice(i + 1);

  await page.goto('about:blank');
  await page.goto(tampered);
  await expect(page.getByRole('alert').filter({ hasText: 'This share link could not be opened: the link is damaged or was edited' })).toBeVisible();
  const text = await waitForTerminal(page, (t) => lastLine(t) === 'root@master1:~#');
  expect(text).not.toContain('mininet>');
});
