/**
 * The lesson "A Linux router in Mininet" solved as a learner types it: the script opened in the
 * editor and run by real Python (Pyodide in the worker), the router's table, ttl=63, a default
 * route broken and mended, a page served and fetched; then a subnet changed in the editor, the
 * script run again and a ping across the new subnet.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, lastLine, runLine, stepDone, test, typeLine, waitForTerminal, editorHasFocus } from './fixtures';

const done = stepDone;
const run = runLine;

/** The script as the page ships it (the <LabFile> block of the lesson). */
function scriptLines(): string[] {
  const mdx = readFileSync('docs/mininet/03-linux-router.mdx', 'utf8');
  const body = /<LabFile path="\/root\/linuxrouter\.py">\s*```python\n([\s\S]*?)```/.exec(mdx)?.[1];
  if (!body) throw new Error('the lesson has no linuxrouter.py LabFile');
  return body.split('\n');
}

/** In the editor: go to the line containing `marker`, put the cursor `fromEnd` characters before its end and replace the `count` characters before it. */
async function replaceInLine(page: Page, lines: string[], marker: string, fromEnd: number, count: number, text: string): Promise<void> {
  const index = lines.findIndex((l) => l.includes(marker));
  expect(index, `line with ${marker}`).toBeGreaterThanOrEqual(0);
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  for (let i = 0; i < fromEnd; i++) await page.keyboard.press('ArrowLeft');
  for (let i = 0; i < count; i++) await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.type(text);
}

test('A Linux router in Mininet: every step ticks, and an edited subnet works after a rerun', async ({ page, guard }) => {
  void guard;
  test.setTimeout(180_000);
  await page.goto('/docs/mininet/linux-router');
  await waitForTerminal(page, (t) => lastLine(t) === 'root@master1:~#');

  await typeLine(page, 'nano linuxrouter.py');
  const panel = page.getByTestId('editor-panel');
  await expect(panel).toHaveAttribute('data-editor-file', '/root/linuxrouter.py');
  await expect(done(page, 'Open the script in the editor')).toBeVisible();
  await page.getByRole('tab', { name: 'master1' }).click();

  // The first program loads Python into the page's worker: allow for it.
  let t = await run(page, 'python3 linuxrouter.py', 'mininet>', 90_000);
  expect(t).toContain('*** Routing Table on Router:');
  expect(t).toMatch(/172\.16\.0\.0\s+0\.0\.0\.0\s+255\.240\.0\.0\s+U\s+0\s+0\s+0 r0-eth2/);
  expect(t).toContain('*** Starting CLI:');
  await expect(done(page, 'Run the script')).toBeVisible();

  await run(page, 'r0 route -n', 'mininet>');
  await expect(done(page, "Read r0's routing table")).toBeVisible();
  t = await run(page, 'h1 ping -c 1 h2', 'mininet>');
  expect(t).toMatch(/64 bytes from 172\.16\.0\.100: icmp_seq=1 ttl=63 time=/);
  await expect(done(page, 'Ping from h1 to h2 and find ttl=63')).toBeVisible();

  await run(page, 'h3 ip route del default', 'mininet>');
  await expect(done(page, "Delete h3's default route")).toBeVisible();
  t = await run(page, 'h3 ping -c 1 h1', 'mininet>');
  expect(t).toContain('ping: connect: Network is unreachable');
  await run(page, 'h3 ip route add default via 10.0.0.1', 'mininet>');
  await run(page, 'h3 ping -c 1 h1', 'mininet>');
  await expect(done(page, 'Give h3 its default route back and ping h1')).toBeVisible();

  await run(page, 'h1 python3 -m http.server 80 &', 'mininet>');
  await expect(done(page, 'Serve files from h1 on port 80')).toBeVisible();
  t = await run(page, 'h2 wget -O - h1', 'mininet>');
  expect(t).toContain('HTTP request sent, awaiting response... 200 OK');
  t = await run(page, 'h3 curl h1', 'mininet>');
  expect(t).toContain('<title>Directory listing for /</title>');
  await expect(done(page, 'Fetch the page from h2 and from h3')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Steps' }).getByText('8 of 8 done')).toBeVisible();

  // exit: the script goes on after CLI(net) and stops the network.
  t = await run(page, 'exit', 'root@master1:~#');
  expect(t).toContain('*** Stopping 4 hosts\nh1 h2 h3 r0 \n*** Done');

  // Move h3's subnet to 10.10.0.0/16 in the editor, save, run again, ping across.
  const lines = scriptLines();
  await typeLine(page, 'nano linuxrouter.py');
  await expect(panel).toBeVisible();
  await expect.poll(() => editorHasFocus(page)).toBe(true);
  // ... params2={'ip': '10.0.0.1/8'})  →  10.10.0.1/16
  await replaceInLine(page, lines, "intfName2='r0-eth3'", 3, '10.0.0.1/8'.length, '10.10.0.1/16');
  // h3 = self.addHost('h3', ip='10.0.0.100/8', defaultRoute='via 10.0.0.1')
  await replaceInLine(page, lines, "self.addHost('h3'", 2, '10.0.0.1'.length, '10.10.0.1');
  await replaceInLine(page, lines, "self.addHost('h3'", "', defaultRoute='via 10.10.0.1')".length, '10.0.0.100/8'.length, '10.10.0.100/16');
  await page.keyboard.press('Control+s');
  await expect(panel.getByRole('status')).toHaveText(/^Wrote \d+ lines to \/root\/linuxrouter\.py$/);
  await page.getByRole('tab', { name: 'master1' }).click();
  t = await run(page, 'grep -n 10.10 linuxrouter.py', 'root@master1:~#');
  expect(t).toContain("params2={'ip': '10.10.0.1/16'})");
  expect(t).toContain("ip='10.10.0.100/16', defaultRoute='via 10.10.0.1')");

  t = await run(page, 'python3 linuxrouter.py', 'mininet>', 60_000);
  expect(t).toMatch(/10\.10\.0\.0\s+0\.0\.0\.0\s+255\.255\.0\.0\s+U\s+0\s+0\s+0 r0-eth3/);
  t = await run(page, 'h1 ping -c 1 h3', 'mininet>');
  expect(t).toMatch(/PING 10\.10\.0\.100 \(10\.10\.0\.100\) 56\(84\) bytes of data\.\n64 bytes from 10\.10\.0\.100: icmp_seq=1 ttl=63 time=/);
  await run(page, 'exit', 'root@master1:~#');
});
