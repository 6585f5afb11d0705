/**
 * The lesson "Mininet meets ONOS" solved as a learner types it: ONOS started as a service, its
 * CLI over SSH, Mininet attached as a remote controller's network, and every step ticking.
 */
import { expect, lastLine, runLine, stepDone, test, waitForTerminal } from './fixtures';

const done = stepDone;
const run = runLine;

test('Mininet meets ONOS: every step ticks as the learner works through it', async ({ page, guard }) => {
  void guard;
  test.setTimeout(150_000);
  await page.goto('/docs/onos/mininet-meets-onos');
  await waitForTerminal(page, (t) => lastLine(t) === 'root@master1:~#');

  let t = await run(page, '/opt/onos/bin/onos', 'root@master1:~#');
  expect(t).toContain('ssh: connect to host localhost port 8101: Connection refused');
  await run(page, 'sudo service onos start', 'root@master1:~#');
  await run(page, 'sleep 10', 'root@master1:~#');
  await expect(done(page, 'Start the ONOS service')).toBeVisible({ timeout: 20_000 });

  t = await run(page, '/opt/onos/bin/onos', 'onos@root >');
  expect(t).toContain('Welcome to Open Network Operating System (ONOS)!');
  await run(page, 'app activate org.onosproject.openflow', 'onos@root >');
  await expect(done(page, "Activate ONOS's OpenFlow support")).toBeVisible();
  await run(page, 'logout', 'root@master1:~#');

  await run(page, 'mn --topo tree,2 --mac --switch ovsk,protocols=OpenFlow13 --controller remote,ip=127.0.0.1', 'mininet>');
  t = await run(page, 'sh onos links', 'mininet>');
  expect(t).toContain('src=of:0000000000000001/1, dst=of:0000000000000002/3, type=DIRECT, state=ACTIVE, expected=false');
  await expect(done(page, 'Start a tree of switches controlled by ONOS')).toBeVisible();

  t = await run(page, 'h1 ping -c 1 h3', 'mininet>');
  expect(t).toContain('Destination Host Unreachable');
  await expect(done(page, "Ping from h1 to h3 and find h1 in ONOS's hosts")).toBeVisible();

  await run(page, 'sh onos app activate fwd', 'mininet>');
  t = await run(page, 'h1 ping -c 3 h3', 'mininet>');
  expect(t).toMatch(/3 packets transmitted, 3 received, 0% packet loss/);
  await expect(done(page, 'Activate reactive forwarding and ping again')).toBeVisible();

  await run(page, 'sh onos app deactivate fwd', 'mininet>');
  await run(page, 'h1 ping -c 2 h3', 'mininet>');
  await expect(done(page, 'Deactivate reactive forwarding and see the pings stop')).toBeVisible();

  await run(page, 'sh onos app activate proxyarp', 'mininet>');
  await run(page, 'sh onos add-host-intent 00:00:00:00:00:01/None 00:00:00:00:00:03/None', 'mininet>');
  t = await run(page, 'h1 ping -c 2 h3', 'mininet>');
  expect(t).toMatch(/2 packets transmitted, 2 received/);
  await expect(done(page, 'Connect h1 and h3, and only them, with an intent')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Steps' }).getByText('7 of 7 done')).toBeVisible();
});
