#!/usr/bin/env node
/**
 * Screenshots of <Sandbox> for a visual check: dark mode, a narrow (phone) width with a long
 * line wrapping and reflowing, and the dead-worker message.
 *   node e2e/helpers/sandbox-look.mjs [baseUrl] [screenshotDir]
 */
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://127.0.0.1:3111';
const shots = process.argv[3] ?? '/tmp';
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
});
const problems = [];
const text = (page, i = 0) => page.evaluate((i) => window.__patchbay?.terminals()[i]?.text() ?? '', i);
const waitPrompt = async (page, re = /(root@master1:~#|mininet>) $/) => {
  for (let k = 0; k < 150; k++) {
    if (re.test(await text(page))) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`no prompt:\n${await text(page)}`);
};
try {
  // Dark mode, playground.
  const dark = await browser.newPage({ viewport: { width: 1100, height: 800 }, colorScheme: 'dark' });
  dark.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  await dark.goto(base + '/playground');
  await waitPrompt(dark);
  await dark.getByTestId('terminal').first().click();
  await dark.keyboard.type('mn --topo single,3');
  await dark.keyboard.press('Enter');
  await waitPrompt(dark, /mininet> $/);
  await dark.keyboard.type('pingall');
  await dark.keyboard.press('Enter');
  await waitPrompt(dark, /mininet> $/);
  await dark.screenshot({ path: `${shots}/sandbox-dark.png` });

  // Narrow: a long line wraps; editing in the middle keeps the screen right; resizing reflows.
  const narrow = await browser.newPage({ viewport: { width: 380, height: 800 } });
  narrow.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  await narrow.goto(base + '/');
  await waitPrompt(narrow);
  await narrow.getByTestId('terminal').first().click();
  await narrow.keyboard.type('echo the quick brown fox jumps over the lazy dog and keeps running');
  for (let i = 0; i < 30; i++) await narrow.keyboard.press('ArrowLeft');
  await narrow.keyboard.type('XYZ ');
  await narrow.screenshot({ path: `${shots}/sandbox-narrow.png` });
  await narrow.setViewportSize({ width: 700, height: 800 });
  await narrow.waitForTimeout(400);
  await narrow.keyboard.press('End');
  await narrow.keyboard.type(' END');
  await narrow.screenshot({ path: `${shots}/sandbox-reflowed.png` });
  await narrow.keyboard.press('Enter');
  await waitPrompt(narrow);
  console.log((await text(narrow)).split('\n').slice(-3).join('\n'));

  // Dead worker: terminate the page's workers by making the next call hang is hard from outside;
  // instead load a page whose worker URL 404s.
  const broken = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  await broken.route('**/sandbox-worker/worker.js', (r) => r.fulfill({ status: 404, body: 'nope' }));
  await broken.goto(base + '/');
  await broken.getByRole('alert').waitFor({ timeout: 10000 });
  console.log('alert:', await broken.getByRole('alert').innerText());
  console.log('terminal:', (await text(broken)).trim());
  await broken.screenshot({ path: `${shots}/sandbox-dead.png` });
} catch (e) {
  console.error(e);
  process.exitCode = 1;
} finally {
  if (problems.length) console.log('console errors:', problems);
  await browser.close();
}
