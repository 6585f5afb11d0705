/** The terminal behaves like a real one: prompt, commands, Ctrl-C, Tab completion, xterm tabs. */
import { expect, lastLine, terminalCount, terminalText, test, typeLine, waitForTerminal } from './fixtures';

test.beforeEach(async ({ page, guard }) => {
  void guard;
  await page.goto('/playground');
  await waitForTerminal(page, (t) => lastLine(t) === 'root@master1:~#');
});

test('the prompt appears and mn then ping prints two replies and the statistics', async ({ page }) => {
  await typeLine(page, 'mn');
  await waitForTerminal(page, (t) => lastLine(t) === 'mininet>');
  await typeLine(page, 'h1 ping -c 2 h2');
  const t = await waitForTerminal(page, (x) => x.includes('rtt min/avg/max/mdev') && lastLine(x) === 'mininet>');
  expect(t.match(/64 bytes from 10\.0\.0\.2: icmp_seq=\d ttl=64 time=/g)).toHaveLength(2);
  expect(t).toContain('2 packets transmitted, 2 received, 0% packet loss');
});

test('Ctrl-C stops a ping and prints its statistics', async ({ page }) => {
  await typeLine(page, 'mn');
  await waitForTerminal(page, (t) => lastLine(t) === 'mininet>');
  await typeLine(page, 'h1 ping h2');
  await waitForTerminal(page, (t) => t.includes('icmp_seq=2'));
  await page.keyboard.press('Control+C');
  const t = await waitForTerminal(page, (x) => x.includes('--- 10.0.0.2 ping statistics ---') && lastLine(x) === 'mininet>');
  expect(t).toContain('^C');
  expect(t).toMatch(/\d+ packets transmitted, \d+ received, 0% packet loss/);
});

test('Tab completes Mininet commands', async ({ page }) => {
  await typeLine(page, 'mn');
  await waitForTerminal(page, (t) => lastLine(t) === 'mininet>');
  await page.keyboard.type('pinga');
  await page.keyboard.press('Tab');
  await waitForTerminal(page, (t) => lastLine(t).startsWith('mininet> pingall'));
  await page.keyboard.press('Enter');
  await waitForTerminal(page, (t) => t.includes('*** Results: 0% dropped (2/2 received)'));
});

test('xterm h1 opens a second terminal on h1', async ({ page }) => {
  await typeLine(page, 'mn');
  await waitForTerminal(page, (t) => lastLine(t) === 'mininet>');
  await typeLine(page, 'xterm h1');
  await expect.poll(() => terminalCount(page)).toBe(2);
  await waitForTerminal(page, (t) => lastLine(t) === 'root@master1:~#', 1);
  await expect(page.getByRole('tab', { name: /h1/ })).toBeVisible();
  await typeLine(page, 'ifconfig h1-eth0', 1);
  await waitForTerminal(page, (t) => t.includes('inet 10.0.0.1  netmask 255.0.0.0'), 1);
  expect(await terminalText(page, 0)).not.toContain('inet 10.0.0.1  netmask');
});
