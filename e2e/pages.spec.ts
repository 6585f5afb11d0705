/**
 * Every page of the built site loads with no console error and no request to another host, and
 * no page has a serious or critical accessibility violation (axe).
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';

function sitePaths(): string[] {
  const xml = readFileSync('build/sitemap.xml', 'utf8');
  const paths = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
  return [...new Set(['/', ...paths])];
}

for (const path of sitePaths()) {
  test(`page ${path} loads cleanly and passes axe`, async ({ page, guard }) => {
    void guard;
    await page.goto(path);
    await expect(page.locator('main, [role="main"]').first()).toBeVisible();
    // Let client-only parts (the sandbox) mount before scanning.
    await page.waitForLoadState('networkidle');
    const result = await new AxeBuilder({ page }).analyze();
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`)).toEqual([]);
  });
}
