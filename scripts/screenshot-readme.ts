/**
 * Takes the README's screenshot: the first lesson in headless Chromium against the production
 * build, after running a few commands with its Run buttons. Usage: npx tsx scripts/screenshot-readme.ts
 */
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';

const PORT = 3113;
const server = spawn('node_modules/.bin/docusaurus', ['serve', '--port', String(PORT), '--host', '127.0.0.1', '--no-open'], { stdio: 'ignore', detached: true });

async function main(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/`)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const page = await browser.newPage({ viewport: { width: 1360, height: 860 }, colorScheme: 'dark' });
  await page.goto(`http://127.0.0.1:${PORT}/docs/mininet/first-network`);
  const text = () => page.evaluate(() => (globalThis as unknown as { __patchbay?: { terminals(): Array<{ text(): string }> } }).__patchbay?.terminals()[0]?.text() ?? '');
  const until = async (re: RegExp) => {
    for (let i = 0; i < 300 && !re.test(await text()); i++) await page.waitForTimeout(50);
  };
  await until(/# $/);
  for (const [cmd, done] of [['mn --topo single,2', /mininet> $/], ['h1 ping -c 3 h2', /rtt min[^\n]*\n[^\n]*mininet> $/]] as const) {
    await page.getByRole('button', { name: `Run: ${cmd}` }).first().click();
    await until(done);
  }
  await page.getByRole('heading', { name: 'Send some pings' }).scrollIntoViewIfNeeded().catch(() => undefined);
  await page.screenshot({ path: 'docs/img/site.png' });
  await browser.close();
}

main().finally(() => {
  try {
    process.kill(-server.pid!);
  } catch {
    server.kill();
  }
});
