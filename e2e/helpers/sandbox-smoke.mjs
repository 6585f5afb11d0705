#!/usr/bin/env node
/**
 * A quick look at <Sandbox> in real Chromium against a served production build (not the e2e
 * suite; a tool for whoever works on the component):
 *
 *   node e2e/helpers/sandbox-smoke.mjs [baseUrl] [page] [screenshotDir]
 *   e.g. node e2e/helpers/sandbox-smoke.mjs http://127.0.0.1:3111 /playground /tmp
 *
 * It reads terminals through the test hook window.__patchbay.terminals() (xterm's buffer, not its
 * renderer), types like a learner, and fails on console errors or requests to other hosts.
 */
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://127.0.0.1:3111';
const path = process.argv[3] ?? '/';
const shots = process.argv[4] ?? '/tmp';

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
});
const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
const problems = [];
page.on('console', (m) => {
  if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
});
page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
page.on('request', (r) => {
  const u = new URL(r.url());
  if (!['data:', 'blob:'].includes(u.protocol) && !['127.0.0.1', 'localhost'].includes(u.hostname)) problems.push(`off-site request: ${r.url()}`);
});

const step = (name) => console.log(`- ${name}`);
/** Text of terminal i (all sandboxes on the page, in mount order). */
const text = (i = 0) => page.evaluate((i) => window.__patchbay?.terminals()[i]?.text() ?? '', i);
const waitText = async (pred, i = 0, timeout = 15000) => {
  const t0 = Date.now();
  for (;;) {
    const t = await text(i);
    if (pred(t)) return t;
    if (Date.now() - t0 > timeout) throw new Error(`timed out; terminal ${i} shows:\n${t.split('\n').slice(-15).join('\n')}`);
    await page.waitForTimeout(100);
  }
};
const lastLine = (t) => t.split('\n').at(-1).trimEnd();
const count = (t, s) => t.split(s).length - 1;
const check = (ok, what) => {
  if (!ok) throw new Error(`check failed: ${what}`);
  console.log(`  ok: ${what}`);
};

try {
  await page.goto(base + path);
  step('the prompt appears');
  const t0 = Date.now();
  await waitText((t) => lastLine(t) === 'root@master1:~#');
  console.log(`  prompt after ${Date.now() - t0} ms`);
  const term = page.getByTestId('terminal').first();
  await term.click();

  step('mn, then h1 ping -c 2 h2');
  await page.keyboard.type('mn');
  await page.keyboard.press('Enter');
  await waitText((t) => lastLine(t) === 'mininet>', 0, 20000);
  await page.keyboard.type('h1 ping -c 2 h2');
  await page.keyboard.press('Enter');
  let t = await waitText((t) => t.includes('2 received') && lastLine(t) === 'mininet>', 0, 20000);
  check(count(t, '64 bytes from 10.0.0.2') === 2, 'two replies');
  check(t.includes('mininet> h1 ping -c 2 h2'), 'the command shows after its prompt');

  step('Ctrl-C stops h1 ping h2 with statistics');
  await page.keyboard.type('h1 ping h2');
  await page.keyboard.press('Enter');
  await waitText((t) => count(t, '64 bytes from 10.0.0.2') >= 4, 0, 20000);
  await page.keyboard.press('Control+c');
  t = await waitText((t) => count(t, 'ping statistics') === 2 && lastLine(t) === 'mininet>');
  const tail = t.slice(t.lastIndexOf('mininet> h1 ping h2'));
  check(count(tail, '^C') === 1, '^C printed once');
  check(/\d+ packets transmitted, \d+ received/.test(tail), 'statistics after ^C');

  step('Ctrl-C at a prompt drops the line');
  await page.keyboard.type('nodes');
  await page.keyboard.press('Control+c');
  t = await waitText((t) => lastLine(t) === 'mininet>' && t.includes('mininet> nodes^C'));
  check(true, 'mininet> nodes^C then a fresh prompt');

  step('pinga + Tab completes to pingall');
  await page.keyboard.type('pinga');
  await page.keyboard.press('Tab');
  await waitText((t) => lastLine(t).startsWith('mininet> pingall'));
  await page.keyboard.press('Tab');
  t = await waitText((t) => t.split('\n').slice(-2)[0].includes('pingallfull'));
  check(true, `second Tab lists: ${JSON.stringify(t.split('\n').slice(-2)[0].trim())}`);
  await page.keyboard.press('Control+u');

  step('history: Up recalls the last command');
  await page.keyboard.press('ArrowUp');
  await waitText((t) => lastLine(t) === 'mininet> h1 ping h2');
  await page.keyboard.press('Control+u');

  step('xterm h1 opens a tab bound to h1');
  await page.keyboard.type('xterm h1');
  await page.keyboard.press('Enter');
  await page.getByRole('tab', { name: 'h1' }).waitFor({ timeout: 10000 });
  const titles = await page.evaluate(() => window.__patchbay.terminals().map((x) => x.title));
  const h1 = titles.indexOf('h1');
  check(h1 > 0, `terminals: ${titles.join(', ')}`);
  await waitText((t) => lastLine(t) === 'root@master1:~#', h1);
  check(true, 'h1 tab prompt is root@master1:~#');
  await page.keyboard.type('ifconfig h1-eth0');
  await page.keyboard.press('Enter');
  t = await waitText((t) => t.includes('10.0.0.1') && lastLine(t) === 'root@master1:~#', h1);
  check(true, 'typing goes to the h1 tab (ifconfig shows 10.0.0.1)');
  await page.screenshot({ path: `${shots}/sandbox-h1-tab.png` });

  step('back to master1 with the tab list, then screenshot');
  await page.getByRole('tab', { name: 'master1' }).click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${shots}/sandbox-master1.png` });

  if (problems.length) throw new Error(problems.join('\n'));
  console.log('ALL OK');
} catch (e) {
  console.error(String(e?.stack ?? e));
  if (problems.length) console.error(problems.join('\n'));
  await page.screenshot({ path: `${shots}/sandbox-failure.png` }).catch(() => {});
  process.exitCode = 1;
} finally {
  await browser.close();
}
