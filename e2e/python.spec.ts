/**
 * Python in the browser (Pyodide in the sandbox worker, loaded from the site on first use):
 * a program that drives the emulated network, and a runaway loop that Ctrl-C cannot reach,
 * after which the page says so and Restart brings back a fresh sandbox with the saved files.
 */
import { expect, lastLine, runLine, test, typeLine, waitForTerminal, editorHasFocus } from './fixtures';

test('python3 runs a Mininet script in the page, with no progress line left behind', async ({ page, guard }) => {
  void guard;
  test.setTimeout(120_000);
  await page.goto('/playground');
  await waitForTerminal(page, (t) => lastLine(t) === 'root@master1:~#');
  const script = 'from mininet.net import Mininet; from mininet.topo import SingleSwitchTopo; ' +
    'n = Mininet(SingleSwitchTopo(3)); n.start(); print(n.pingAll()); n.stop()';
  const t = await runLine(page, `python3 -c "${script}"`, 'root@master1:~#', 90_000);
  expect(t).toContain('*** Ping: testing ping reachability\nh1 -> h2 h3 \nh2 -> h1 h3 \nh3 -> h1 h2 \n*** Results: 0% dropped (6/6 received)\n0.0\nroot@master1:~#');
  expect(t).not.toContain('Loading Python');
});

test('a Python loop that never waits: Ctrl-C says why it cannot stop it, and Restart keeps saved files', async ({ page, guard }) => {
  void guard;
  test.setTimeout(120_000);
  await page.goto('/playground');
  await waitForTerminal(page, (t) => lastLine(t) === 'root@master1:~#');
  await typeLine(page, 'code keep.txt');
  const panel = page.getByTestId('editor-panel');
  await expect(panel).toHaveAttribute('data-editor-file', '/root/keep.txt');
  await expect.poll(() => editorHasFocus(page)).toBe(true);
  await page.keyboard.type('still here');
  await page.keyboard.press('Control+s');
  await expect(panel.getByRole('status')).toHaveText('Wrote 1 line to /root/keep.txt');

  await runLine(page, 'python3 -c "print(1)"', 'root@master1:~#', 90_000);
  await typeLine(page, 'python3 -c "while True: pass"');
  await page.getByTestId('terminal').first().click();
  await page.keyboard.press('Control+c');
  await waitForTerminal(page, (t) => t.includes('The sandbox did not stop on Ctrl-C: a program that never waits (such as a Python loop) holds it.'), 0, 30_000);
  await page.getByRole('button', { name: 'Restart' }).click();
  await waitForTerminal(page, (t) => lastLine(t) === 'root@master1:~#' && !t.includes('while True'), 0, 30_000);
  // `code` saves without a final newline, so the prompt follows the text on the same line.
  await typeLine(page, 'cat keep.txt');
  await waitForTerminal(page, (t) => t.includes('cat keep.txt\nstill hereroot@master1:~#'));
});
