/**
 * The live network view and the packet inspector (src/components/TopologyView, PacketInspector):
 * the Network tab appears once a network runs, draws it, animates a ping along h1's link, lists
 * its frames and decodes them layer by layer; the Table view says the same in words; simulation
 * mode stops time after every frame (Step); a click on a node opens a terminal on it; a fabric
 * with a failed spine still reaches every pair.
 */
import type { Page } from '@playwright/test';
import { expect, lastLine, runLine, terminalText, test, typeLine, waitForTerminal, seriousAxe } from './fixtures';

const networkTab = (page: Page) => page.getByRole('tab', { name: 'Network' });
const panel = (page: Page) => page.locator('[data-network-panel]');
const inspector = (page: Page) => page.locator('[data-packet-inspector]');

async function start(page: Page, topo: string): Promise<void> {
  await page.goto('/playground');
  await waitForTerminal(page, (t) => lastLine(t) === 'root@master1:~#');
  await expect(networkTab(page), 'no network, no Network tab').toHaveCount(0);
  await runLine(page, `mn --topo ${topo}`, 'mininet>');
  await expect(networkTab(page)).toBeVisible();
}

/** Type a line in the first terminal (its tab first), then come back to the Network tab. */
async function typeThenWatch(page: Page, line: string): Promise<void> {
  await page.getByRole('tab', { name: 'master1', exact: true }).click();
  await typeLine(page, line);
  await networkTab(page).click();
}

test('the view draws the network after mn, a ping animates along h1\'s link, the inspector decodes its ICMP echo', async ({ page, guard }) => {
  void guard;
  await start(page, 'single,2');
  await networkTab(page).click();
  const canvas = panel(page).locator('[data-topology-canvas]');
  for (const n of ['h1', 'h2', 's1', 'c0']) await expect(canvas.locator(`[data-node="${n}"]`)).toBeVisible();
  await expect(canvas.locator('[data-link]')).toHaveCount(2);

  // The ping's second echo comes a second after the first: the Network tab is on screen by then.
  await typeThenWatch(page, 'h1 ping -c 3 h2');
  const dot = panel(page).locator('[data-packet-dot][data-protocol="icmp"]');
  await expect(dot.first()).toBeAttached({ timeout: 5000 });
  // The dot rides h1's link: its position lies between h1 and s1.
  const box = async (sel: string) => (await canvas.locator(sel).first().boundingBox())!;
  await expect.poll(async () => {
    const d = await dot.first().boundingBox().catch(() => null);
    if (!d) return false;
    const h1 = await box('[data-node="h1"]');
    const s1 = await box('[data-node="s1"]');
    const x = d.x + d.width / 2;
    const y = d.y + d.height / 2;
    const within = (v: number, a: number, b: number) => v >= Math.min(a, b) - 20 && v <= Math.max(a, b) + 20;
    const h2 = await box('[data-node="h2"]');
    return (within(x, h1.x + h1.width / 2, s1.x + s1.width / 2) && within(y, h1.y, s1.y + s1.height)) || (within(x, h2.x + h2.width / 2, s1.x + s1.width / 2) && within(y, h2.y, s1.y + s1.height));
  }, { timeout: 5000 }).toBe(true);
  await waitForTerminal(page, (t) => t.includes('3 packets transmitted, 3 received'), 0, 15_000);

  // The inspector lists the frames (listed from the start, before the tab was opened).
  const rows = inspector(page).locator('[data-packet]');
  await expect(rows.filter({ hasText: 'ARP, Request who-has 10.0.0.2 tell 10.0.0.1' }).first()).toBeVisible();
  const echo = rows.filter({ hasText: 'ICMP echo request' }).first();
  await expect(echo).toContainText('h1-eth0 → s1-eth1');
  await echo.click();
  await expect(echo).toHaveAttribute('aria-selected', 'true');
  const layers = inspector(page).locator('[data-layer]');
  await expect(layers.first()).toHaveAttribute('data-layer', 'Ethernet II');
  await expect(inspector(page).locator('[data-layer="IPv4"]')).toContainText('10.0.0.1');
  await expect(inspector(page).locator('[data-layer="ICMP"]')).toContainText(/Echo \(ping\) request/);

  // The filter: without ICMP, only ARP rows remain.
  await inspector(page).getByRole('checkbox', { name: /ICMP/ }).uncheck();
  await expect(rows.filter({ hasText: 'ICMP echo' })).toHaveCount(0);
  await expect(rows.first()).toHaveAttribute('data-protocol', 'arp');

  // The spoken line told a frame.
  await expect(page.locator('[data-frame-feed]').first()).toContainText(/to .*: /);
  expect(await seriousAxe(page, '[data-network-panel]')).toEqual([]);
});

test('the Table view lists the nodes and links, with a link taken down', async ({ page, guard }) => {
  void guard;
  await start(page, 'tree,2,2');
  await runLine(page, 'link s1 s2 down', 'mininet>');
  await networkTab(page).click();
  const canvas = panel(page).locator('[data-topology-canvas]');
  await expect(canvas.locator('[data-link][data-state="down"]')).toHaveCount(1);
  await panel(page).getByRole('button', { name: 'Table' }).click();
  const nodes = panel(page).getByRole('table', { name: /Nodes/ });
  for (const n of ['h1', 'h4', 's1', 's3', 'c0']) await expect(nodes.locator(`[data-table-node="${n}"]`)).toBeVisible();
  await expect(nodes.locator('[data-table-node="h1"]')).toContainText('10.0.0.1/8');
  const links = panel(page).getByRole('table', { name: /Links/ });
  await expect(links.locator('tbody tr')).toHaveCount(6);
  await expect(links.locator('tbody tr').filter({ hasText: 's2-eth3' })).toContainText('down');
  expect(await seriousAxe(page, '[data-network-panel]')).toEqual([]);
});

test('simulation mode: Step advances one frame at a time; back to real time the ping ends', async ({ page, guard }) => {
  void guard;
  await start(page, 'single,2');
  await networkTab(page).click();
  await panel(page).getByRole('radio', { name: 'Simulation' }).click();
  await expect(page.getByText('Simulation mode: time moves by steps')).toBeVisible();
  await typeThenWatch(page, 'h1 ping -c 1 h2');
  const rows = inspector(page).locator('[data-packet]');
  await expect(rows).toHaveCount(0);
  const step = panel(page).getByRole('button', { name: 'Step', exact: true });
  await step.click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('h1-eth0 → s1-eth1');
  await expect(rows.first()).toHaveAttribute('data-protocol', 'arp');
  await expect(panel(page).getByRole('status').filter({ hasText: 'h1 sent ARP' })).toBeVisible();
  await step.click();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('s1-eth2 → h2-eth0');
  // Time stands still: the ping has not finished.
  expect(await terminalText(page)).not.toContain('1 received');
  await page.getByRole('button', { name: 'Back to real time' }).click();
  await waitForTerminal(page, (t) => t.includes('1 packets transmitted, 1 received') && lastLine(t) === 'mininet>');
});

test('a click on a node opens a terminal on it; a share link opens it again', async ({ page, context, guard }) => {
  void guard;
  await start(page, 'single,2');
  await networkTab(page).click();
  await panel(page).locator('[data-node="h2"]').click();
  const tab = page.getByRole('tab', { name: 'h2' });
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  await waitForTerminal(page, (t) => /root@h2:~#\s*$/.test(t) || lastLine(t).endsWith('#'), 1);
  await page.keyboard.type('ifconfig h2-eth0');
  await page.keyboard.press('Enter');
  await waitForTerminal(page, (t) => t.includes('inet 10.0.0.2'), 1);

  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const url = await page.getByLabel('Link to this sandbox').inputValue();
  const other = await context.newPage();
  await other.goto(url);
  await expect(other.getByRole('status').filter({ hasText: 'replayed a shared session (3 inputs)' })).toBeVisible({ timeout: 20_000 });
  await expect(other.getByRole('tab', { name: 'h2' })).toBeVisible();
  await waitForTerminal(other, (t) => t.includes('inet 10.0.0.2'), 1);
});

test('a leaf-spine fabric is drawn in tiers, and with a spine down every pair is still reachable', async ({ page, guard }) => {
  test.setTimeout(120_000);
  void guard;
  await start(page, 'leafspine,spines=2,leaves=4,hosts=2');
  await runLine(page, 'link spine1 leaf1 down', 'mininet>');
  await networkTab(page).click();
  const canvas = panel(page).locator('[data-topology-canvas]');
  const y = async (n: string) => (await canvas.locator(`[data-node="${n}"]`).boundingBox())!.y;
  expect(await y('spine1')).toBeLessThan(await y('leaf1'));
  expect(await y('leaf1')).toBeLessThan(await y('h1'));
  expect(await y('spine1')).toBe(await y('spine2'));
  await expect(canvas.locator('[data-link][data-state="down"]')).toHaveCount(1);
  await page.getByRole('tab', { name: 'master1', exact: true }).click();
  const out = await runLine(page, 'pingall', 'mininet>', 60_000);
  expect(out).toContain('*** Results: 0% dropped (56/56 received)');
});

test('the <TopologyView> tag draws the page sandbox\'s network in the prose, and a Run sends frames across it', async ({ page, guard }) => {
  void guard;
  await page.goto('/docs/authoring/tags');
  await waitForTerminal(page, (t) => lastLine(t) === 'mininet>', 0, 30_000);
  const tag = page.locator('figure').filter({ has: page.locator('[data-topology-view]') });
  await tag.scrollIntoViewIfNeeded();
  await expect(tag.locator('figcaption')).toHaveText('The tree you just built: watch a ping cross it');
  for (const n of ['s1', 's2', 's3', 'h1', 'h4']) await expect(tag.locator(`[data-node="${n}"]`)).toBeVisible();
  await page.getByRole('button', { name: /Run.*h1 ping -c 2 h4/ }).first().click();
  await expect(tag.locator('[data-packet-dot]').first()).toBeAttached({ timeout: 10_000 });
  await expect(tag.locator('[data-frame-feed]')).toContainText(/^\S+ to \S+: (ARP|IP) /, { timeout: 10_000 });
  expect(await seriousAxe(page, '[data-topology-view]')).toEqual([]);
});
