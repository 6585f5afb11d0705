/**
 * "Three-tier vs leaf-spine" solved as a learner types it: six hops between pods in the
 * three-tier network, four between any two leaves, four equal-cost next hops, about 9.5 Mbit/s
 * over 10 Mbit/s links, and a stopped spine that leaves every pair reachable over three paths.
 * The diagrams in the prose are the live view of the page's sandbox.
 */
import { expect, runLine, seriousAxe, stepDone, test } from './fixtures';

const MN = 'mininet>';

test('Three-tier vs leaf-spine: every step ticks, and the prose draws the live network', async ({ page, guard }) => {
  void guard;
  test.setTimeout(150_000);
  await page.goto('/docs/datacenter/three-tier-vs-leaf-spine');
  await runLine(page, 'mn --topo threetier,cores=2,aggs=4,access=8,hosts=2', MN);
  await expect(stepDone(page, 'Build the three-tier network')).toBeVisible();
  // The first live view in the prose draws the three tiers' switches.
  const view = page.locator('figure').filter({ has: page.locator('[data-topology-view]') }).first();
  await view.scrollIntoViewIfNeeded();
  for (const n of ['core1', 'agg4', 'acc8', 'h16']) await expect(view.locator(`[data-node="${n}"]`)).toBeVisible({ timeout: 20_000 });

  let t = await runLine(page, 'h1 traceroute -n h16', MN);
  expect(t).toMatch(/^ 6 {2}10\.0\.0\.16 {2}/m);
  await expect(stepDone(page, 'Trace a path between two pods')).toBeVisible();

  await runLine(page, 'exit', 'root@master1:~#');
  await runLine(page, 'mn --topo leafspine,spines=4,leaves=8,hosts=2 --link tc,bw=10', MN, 40_000);
  await expect(stepDone(page, 'Build the leaf-spine fabric')).toBeVisible();
  t = await runLine(page, 'h1 traceroute -n h16', MN);
  expect(t).toMatch(/^ 4 {2}10\.0\.0\.16 {2}/m);
  await expect(stepDone(page, 'Trace a path between two leaves')).toBeVisible();

  t = await runLine(page, 'leaf1 ip route show 10.0.0.16', MN);
  expect(t.match(/^\s+nexthop via 172\.16\.\d+\.\d+ dev leaf1-eth\d weight 1/gm)).toHaveLength(4);
  await expect(stepDone(page, "Read leaf1's route to h16")).toBeVisible();

  t = await runLine(page, 'iperf h1 h16', MN, 40_000);
  expect(t).toMatch(/\*\*\* Results: \['9\.\d+ Mbits\/sec', '\d+\.\d+ Mbits\/sec'\]/);
  await expect(stepDone(page, 'Measure the bandwidth from h1 to h16')).toBeVisible();

  await runLine(page, 'switch spine1 stop', MN);
  t = await runLine(page, 'pingall', MN, 60_000);
  expect(t).toContain('*** Results: 0% dropped');
  await expect(stepDone(page, 'Stop spine1 and check that every server still reaches every other')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Steps' }).getByText('7 of 7 done')).toBeVisible();
  // The views now draw the fabric with spine1 stopped.
  await view.scrollIntoViewIfNeeded();
  await expect(view.locator('[data-node="spine4"]')).toBeVisible();
  expect(await seriousAxe(page, 'main')).toEqual([]);
});
