/**
 * The site's budgets, measured in headless Chromium against the production build (build/ must
 * exist: npm run build). Prints a table:
 *  - JS (gzipped) a lesson page loads before the sandbox starts,
 *  - JS loaded when the sandbox starts (xterm, the sandbox client, the worker bundle),
 *  - time from navigation to a usable prompt (median of 5 fresh page loads),
 *  - the network view's frame rate (requestAnimationFrame callbacks a second) while a 128-host
 *    network's pingall sends frames across it, with the number of frames in flight, and with a
 *    1024-host network drawn (and how long that drawing took to appear).
 * Targets (site issue): under 250 KB gzipped before the sandbox starts; a prompt in under 1 s;
 * the view at 60 fps with about 100 frames in flight.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';

const PORT = 3112;
const BASE = `http://127.0.0.1:${PORT}`;
const PAGE = process.argv[2] ?? '/docs/mininet/first-network';

async function waitForServer(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      const r = await fetch(BASE + '/');
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('docusaurus serve did not start');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Wait until the page's first terminal shows text matching `re` (polled every 10 ms). */
async function terminalMatches(page: Page, re: RegExp): Promise<void> {
  await page.waitForFunction(
    ([source, flags]) => new RegExp(source, flags).test((globalThis as unknown as { __patchbay?: { terminals(): Array<{ text(): string }> } }).__patchbay?.terminals()[0]?.text() ?? ''),
    [re.source, re.flags] as const,
    { timeout: 60_000, polling: 10 },
  );
}

/**
 * rAF callbacks a second over `ms`, and the frames in flight (dots drawn) sampled meanwhile. The
 * page runs it as text: tsx would wrap named functions in a helper the page does not have.
 */
async function frameRate(page: Page, ms: number): Promise<{ fps: number; dotsAvg: number; dotsMax: number }> {
  return page.evaluate(`new Promise((resolve) => {
    let frames = 0, dots = 0, dotsMax = 0;
    const t0 = performance.now();
    const tick = (t) => {
      frames++;
      const n = document.querySelectorAll('[data-packet-dot]').length;
      dots += n;
      dotsMax = Math.max(dotsMax, n);
      if (t - t0 < ${ms}) requestAnimationFrame(tick);
      else resolve({ fps: (frames * 1000) / (t - t0), dotsAvg: dots / frames, dotsMax });
    };
    requestAnimationFrame(tick);
  })`);
}

/** On the playground: start a Mininet topology, open the Network tab; resolves ms until its drawing showed `lastNode`. */
async function openNetwork(page: Page, topo: string, lastNode: string): Promise<number> {
  await page.goto(BASE + '/playground');
  await terminalMatches(page, /root@master1:~#\s*$/);
  await page.getByTestId('terminal').first().click();
  await page.keyboard.type(`mn --topo ${topo}`);
  await page.keyboard.press('Enter');
  await terminalMatches(page, /mininet>\s*$/);
  const t = Date.now();
  await page.getByRole('tab', { name: 'Network' }).click();
  await page.locator(`[data-topology-canvas] [data-node="${lastNode}"]`).waitFor({ state: 'attached', timeout: 60_000 });
  return Date.now() - t;
}

async function main(): Promise<void> {
  if (!existsSync('build/index.html')) {
    console.log('\nSite budgets: skipped (no build/; run npm run build first)');
    return;
  }
  const server = spawn('node_modules/.bin/docusaurus', ['serve', '--port', String(PORT), '--host', '127.0.0.1', '--no-open'], {
    stdio: 'ignore', detached: true,
  });
  try {
    await waitForServer();
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    const promptTimes: number[] = [];
    let before = 0;
    let atStart = 0;
    let beforeFiles = 0;
    let startFiles = 0;
    for (let run = 0; run < 5; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const scripts: Array<{ url: string; body: Buffer; at: number }> = [];
      const t0 = Date.now();
      page.on('response', async (r) => {
        const url = r.url();
        if (!/\.m?js(\?|$)/.test(url)) return;
        try {
          scripts.push({ url, body: await r.body(), at: Date.now() - t0 });
        } catch {
          // a response without a body (redirect) is not JS we load
        }
      });
      const nav = Date.now();
      await page.goto(BASE + PAGE);
      await page.waitForFunction(
        () => {
          const hook = (globalThis as unknown as { __patchbay?: { terminals(): Array<{ text(): string }> } }).__patchbay;
          return /root@master1:~#\s*$/.test(hook?.terminals()[0]?.text() ?? '');
        },
        undefined,
        { timeout: 30_000, polling: 10 },
      );
      promptTimes.push(Date.now() - nav);
      await page.waitForLoadState('networkidle');
      if (run === 0) {
        // The sandbox starts with the first script that is part of it: the worker or xterm's chunk.
        const isSandbox = (s: { url: string; body: Buffer }) => s.url.includes('/sandbox-worker/') || s.body.includes('xterm-helper-textarea');
        const firstSandbox = scripts.filter(isSandbox).map((s) => s.at).sort((a, b) => a - b)[0] ?? Infinity;
        for (const s of scripts) {
          const gz = gzipSync(s.body).length;
          if (s.at < firstSandbox && !isSandbox(s)) {
            before += gz;
            beforeFiles++;
          } else {
            atStart += gz;
            startFiles++;
          }
        }
      }
      await context.close();
    }
    // Python: the first program on a page loads Pyodide from the site (about 13 MB, cached after).
    const pyContext = await browser.newContext();
    const pyPage = await pyContext.newPage();
    await pyPage.goto(BASE + '/playground');
    await terminalMatches(pyPage, /root@master1:~#\s*$/);
    await pyPage.getByTestId('terminal').first().click();
    await pyPage.keyboard.type('python3 -c "print(6 * 7)"');
    const tPy = Date.now();
    await pyPage.keyboard.press('Enter');
    await terminalMatches(pyPage, /\n42\s*\n.*root@master1:~#\s*$/s);
    const pyLoadMs = Date.now() - tPy;
    await pyPage.keyboard.type('python3 -c "print(7 * 7)"');
    const tPy2 = Date.now();
    await pyPage.keyboard.press('Enter');
    await terminalMatches(pyPage, /\n49\s*\n.*root@master1:~#\s*$/s);
    const pyRunMs = Date.now() - tPy2;
    await pyContext.close();

    // The network view: frames crossing a 128-host fat tree (k=8) during pingall, then a 1024-host one (k=16) drawn.
    const viewContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const viewPage = await viewContext.newPage();
    await openNetwork(viewPage, 'fattree,k=8', 'h128');
    await viewPage.getByRole('tab', { name: 'master1', exact: true }).click();
    await viewPage.getByTestId('terminal').first().click();
    await viewPage.keyboard.type('pingall');
    await viewPage.keyboard.press('Enter');
    await viewPage.getByRole('tab', { name: 'Network' }).click();
    await viewPage.locator('[data-packet-dot]').first().waitFor({ state: 'attached', timeout: 30_000 });
    const busy = await frameRate(viewPage, 4000);
    const bigDrawMs = await openNetwork(viewPage, 'fattree,k=16', 'h1024');
    const big = await frameRate(viewPage, 3000);
    await viewContext.close();
    await browser.close();
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    const rows: Array<[string, string, string]> = [
      ['JS before the sandbox starts (gzipped)', `${kb(before)} in ${beforeFiles} files`, '< 250 KB'],
      ['JS loaded when the sandbox starts (gzipped)', `${kb(atStart)} in ${startFiles} files`, '(lazy)'],
      ['navigation → usable prompt (median of 5)', `${median(promptTimes)} ms (runs: ${promptTimes.join(', ')})`, '< 1000 ms'],
      ['first python3 on a page (Pyodide load + run)', `${pyLoadMs} ms`, '(lazy)'],
      ['a later python3 -c', `${pyRunMs} ms`, ''],
      ['network view, fattree k=8 (128 hosts), pingall: frame rate', `${busy.fps.toFixed(1)} fps (frames in flight: ${busy.dotsAvg.toFixed(0)} on average, ${busy.dotsMax} at most)`, '60 fps, ~100 in flight'],
      ['network view, fattree k=16 (1024 hosts) drawn: frame rate', `${big.fps.toFixed(1)} fps (drawn ${bigDrawMs} ms after the tab opened)`, '60 fps'],
    ];
    const w = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length), ['measure', 'value', 'target'][i]!.length));
    const line = (c: string[]) => '| ' + c.map((x, i) => x.padEnd(w[i]!)).join(' | ') + ' |';
    console.log(`\nSite budgets, ${PAGE}, headless Chromium against the production build\n`);
    console.log(line(['measure', 'value', 'target']));
    console.log('|' + w.map((n) => '-'.repeat(n + 2)).join('|') + '|');
    for (const r of rows) console.log(line(r));
  } finally {
    try {
      process.kill(-server.pid!);
    } catch {
      server.kill();
    }
  }
}

void main();
