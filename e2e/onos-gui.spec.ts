/**
 * Several terminals on one lab machine (New terminal), and the ONOS GUI tab: the counterpart of
 * ONOS's web GUI, in step with the CLI. The ONOS test walks the lesson's story: start ONOS in one
 * terminal, log in to the GUI, activate OpenFlow from the Applications table, start Mininet in a
 * second terminal, see the switches and links, activate fwd from the GUI and ping.
 */
import type { Page } from '@playwright/test';
import { expect, lastLine, terminalCount, terminalText, test, typeLine, waitForTerminal, seriousAxe } from './fixtures';

test.beforeEach(async ({ page, guard }) => {
  void guard;
  await page.goto('/playground');
  await waitForTerminal(page, (t) => lastLine(t) === 'root@master1:~#');
});

async function newTerminal(page: Page): Promise<void> {
  // From the keyboard, as a learner without a mouse would.
  await page.getByRole('button', { name: 'New terminal' }).focus();
  await page.keyboard.press('Enter');
}

test('New terminal opens another shell on the lab machine, in a tab of its own', async ({ page }) => {
  await newTerminal(page);
  await expect.poll(() => terminalCount(page)).toBe(2);
  const tab = page.getByRole('tab', { name: 'master1 (2)' });
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  await waitForTerminal(page, (t) => lastLine(t) === 'root@master1:~#', 1);
  // The keyboard is already in the new terminal.
  await page.keyboard.type('echo hello > /root/note.txt');
  await page.keyboard.press('Enter');
  await waitForTerminal(page, (t) => t.includes('echo hello > /root/note.txt') && lastLine(t) === 'root@master1:~#', 1);
  // The same machine: the first terminal sees the file.
  await page.getByRole('tab', { name: 'master1', exact: true }).click();
  await typeLine(page, 'cat /root/note.txt', 0);
  await waitForTerminal(page, (t) => /cat \/root\/note\.txt\nhello\n/.test(t), 0);
  expect(await terminalText(page, 1)).not.toContain('cat /root/note.txt');
  // Arrow keys move between the tabs; the second one closes with its button.
  await page.getByRole('tab', { name: 'master1', exact: true }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(tab).toBeFocused();
  await page.getByRole('button', { name: 'Close master1 (2)' }).click();
  await expect.poll(() => terminalCount(page)).toBe(1);
});

test('a share link replays a New terminal and what was typed in it', async ({ page, context }) => {
  await newTerminal(page);
  await waitForTerminal(page, (t) => lastLine(t) === 'root@master1:~#', 1);
  await typeLine(page, 'echo from-the-second-shell', 1);
  await waitForTerminal(page, (t) => t.includes('\nfrom-the-second-shell\n'), 1);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const url = await page.getByLabel('Link to this sandbox').inputValue();

  const other = await context.newPage();
  await other.goto(url);
  await expect(other.getByRole('status').filter({ hasText: 'replayed a shared session (2 inputs)' })).toBeVisible({ timeout: 20_000 });
  await expect.poll(() => terminalCount(other)).toBe(2);
  await expect(other.getByRole('tab', { name: 'master1 (2)' })).toBeVisible();
  await waitForTerminal(other, (t) => t.includes('\nfrom-the-second-shell\n') && lastLine(t) === 'root@master1:~#', 1);
  expect(await terminalText(other, 0)).not.toContain('from-the-second-shell');
});

test('the ONOS GUI: log in, activate OpenFlow, see the Mininet network, activate fwd and ping; a share link replays it', async ({ page, context }) => {
  test.setTimeout(240_000);
  const gui = page.locator('[data-onos-gui]');
  const guiTab = page.getByRole('tab', { name: 'ONOS GUI' });
  await expect(guiTab).toHaveCount(0);

  await typeLine(page, 'sudo service onos start');
  await expect(guiTab).toBeVisible({ timeout: 30_000 });
  await guiTab.click();
  await expect(gui).toBeVisible();
  // ONOS takes a few seconds to start; the GUI says so, then shows its login page.
  const user = gui.getByLabel('User');
  await expect(user).toBeVisible({ timeout: 90_000 });

  // A wrong password: the form comes back empty with an error, the keyboard in the user field.
  await user.fill('onos');
  await gui.getByLabel('Password').fill('onos');
  await page.keyboard.press('Enter');
  await expect(gui.getByRole('alert')).toContainText('Login failed');
  await expect(user).toHaveValue('');
  await expect(user).toBeFocused();
  expect(await seriousAxe(page, '[data-onos-gui]'), 'axe on the login page').toEqual([]);

  await page.keyboard.type('onos');
  await page.keyboard.press('Tab');
  await page.keyboard.type('rocks');
  await page.keyboard.press('Enter');
  await expect(gui.getByRole('heading', { name: 'Topology' })).toBeFocused();
  await expect(gui).toContainText('ONOS knows no devices yet');

  // Applications: activate the OpenFlow provider with the keyboard.
  await gui.getByRole('button', { name: 'Applications' }).click();
  await gui.getByLabel('Filter').fill('org.onosproject.openflow');
  const activate = gui.getByRole('button', { name: 'Activate org.onosproject.openflow', exact: true });
  await activate.focus();
  await page.keyboard.press('Enter');
  await expect(gui.getByRole('status')).toHaveText('Activated org.onosproject.openflow');
  await expect(gui.getByRole('button', { name: 'Deactivate org.onosproject.openflow', exact: true })).toBeVisible();
  expect(await seriousAxe(page, '[data-onos-gui]'), 'axe on the applications view').toEqual([]);

  // Mininet in a second terminal, with ONOS as its remote controller.
  await newTerminal(page);
  await waitForTerminal(page, (t) => lastLine(t) === 'root@master1:~#', 1);
  await typeLine(page, 'mn --topo tree,2 --controller remote,ip=127.0.0.1 --switch ovsk,protocols=OpenFlow13', 1);
  await waitForTerminal(page, (t) => lastLine(t) === 'mininet>', 1, 60_000);

  // The GUI follows: three switches, two cables listed once per direction.
  await guiTab.click();
  await gui.getByRole('button', { name: 'Devices' }).click();
  const devices = gui.getByRole('table', { name: /^Devices/ });
  await expect(devices.getByRole('caption')).toHaveText('Devices (3)', { timeout: 30_000 });
  await expect(devices.locator('tbody tr')).toHaveCount(3);
  await gui.getByRole('button', { name: 'Links' }).click();
  const links = gui.getByRole('table', { name: /^Links/ });
  await expect(links.locator('tbody tr')).toHaveCount(4, { timeout: 30_000 });
  await expect(links.getByRole('caption')).toContainText('Links (4');
  await gui.getByRole('button', { name: 'Topology' }).click();
  await expect(gui.getByRole('img', { name: /ONOS topology: 3 devices, 4 links/ })).toBeVisible();
  expect(await seriousAxe(page, '[data-onos-gui]'), 'axe on the topology view').toEqual([]);

  // Reactive forwarding from the GUI, then a ping in the Mininet terminal gets through.
  await gui.getByRole('button', { name: 'Applications' }).click();
  await gui.getByLabel('Filter').fill('org.onosproject.fwd');
  await gui.getByRole('button', { name: 'Activate org.onosproject.fwd', exact: true }).click();
  await expect(gui.getByRole('status')).toHaveText('Activated org.onosproject.fwd');
  await page.getByRole('tab', { name: 'master1 (2)' }).click();
  await typeLine(page, 'h1 ping -c 3 h2', 1);
  const out = await waitForTerminal(page, (t) => t.includes('packets transmitted') && lastLine(t) === 'mininet>', 1, 60_000);
  expect(out).toMatch(/3 packets transmitted, [123] received/);

  // The flows fwd installed show in the GUI, per device.
  await guiTab.click();
  await gui.getByRole('button', { name: 'Devices' }).click();
  await gui.getByRole('button', { name: /^Flows of s2/ }).click();
  const flows = gui.getByRole('table', { name: /^Flows of s2/ });
  await expect(flows).toContainText('org.onosproject.fwd', { timeout: 15_000 });
  await expect(flows).toContainText('org.onosproject.core');
  expect(await seriousAxe(page, '[data-onos-gui]'), 'axe on the flows view').toEqual([]);

  // A share link carries the GUI's buttons and the second terminal: the replay reaches the same network.
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const url = await page.getByLabel('Link to this sandbox').inputValue();
  const other = await context.newPage();
  await other.goto(url);
  await expect(other.getByRole('status').filter({ hasText: 'replayed a shared session' })).toBeVisible({ timeout: 30_000 });
  await waitForTerminal(other, (t) => t.includes('3 packets transmitted') && lastLine(t) === 'mininet>', 1);
  await other.getByRole('tab', { name: 'ONOS GUI' }).click();
  const replayed = other.locator('[data-onos-gui]');
  await replayed.getByLabel('User').fill('karaf');
  await replayed.getByLabel('Password').fill('karaf');
  await replayed.getByRole('button', { name: 'Log in' }).click();
  await replayed.getByRole('button', { name: 'Applications' }).click();
  await replayed.getByLabel('Active only').check();
  await expect(replayed.getByRole('button', { name: 'Deactivate org.onosproject.fwd', exact: true })).toBeVisible();
  await expect(replayed.getByRole('button', { name: 'Deactivate org.onosproject.openflow', exact: true })).toBeVisible();
  await replayed.getByRole('button', { name: 'Devices' }).click();
  await expect(replayed.getByRole('table', { name: /^Devices/ }).locator('tbody tr')).toHaveCount(3);
});
