/**
 * The headless CLI as instructors use it (DESIGN.md, "The headless CLI"): a pipe in, the
 * transcript out, and with --lesson the steps reported on stderr as they pass.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../lessons/catalogue';

function cli(args: string[], input: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'sandbox/cli/main.ts', ...args], { cwd: REPO_ROOT, input, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('headless CLI', () => {
  it('--lesson reports each step as it passes, in order, and sums up at the end', () => {
    const r = cli(['--fast', '--lesson', 'mininet/first-network'], 'mn\nnodes\nnet\nh1 ping -c 1 h2\nlink s1 h1 down\nlink s1 h1 up\npingall\nexit\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('mininet> h1 ping -c 1 h2\n');
    const lines = r.stderr.split('\n').filter((l) => / done/.test(l));
    expect(lines).toEqual([
      '[lesson] Step 1 of 5 done: Start a network of one switch and two hosts.',
      '[lesson] Step 2 of 5 done: List the nodes and how they are wired.',
      '[lesson] Step 3 of 5 done: Ping h2 from h1.',
      '[lesson] Step 4 of 5 done: Take the link between s1 and h1 down.',
      '[lesson] Step 5 of 5 done: Put the link back and check that every host reaches every other. All steps done.',
      '[lesson] 5 of 5 steps done',
    ]);
  });

  it('--lesson counts only what was achieved', () => {
    const r = cli(['--fast', '--lesson', 'mininet/01-first-network'], 'mn --topo single,3\nexit\n');
    expect(r.stderr).not.toMatch(/Step \d of 5 done/);
    expect(r.stderr).toContain('[lesson] 0 of 5 steps done');
  });

  it('--file puts a real file into the lab (default /root/NAME, or the path given); nano says to use it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'patchbay-cli-'));
    const src = join(dir, 'router.py');
    writeFileSync(src, 'print("r0")\n');
    const r = cli(['--fast', '--file', src, '--file', `${src}:/tmp/lab/r.py`], 'cat router.py\ncat /tmp/lab/r.py\nnano router.py\necho $?\n');
    expect(r.stdout).toContain('root@master1:~# cat router.py\nprint("r0")\nroot@master1:~# cat /tmp/lab/r.py\nprint("r0")\n');
    expect(r.stdout).toContain("nano: not supported in this sandbox without the browser's editor panel; copy a file in with the headless CLI's --file");
    expect(r.stdout).toContain('root@master1:~# echo $?\n1\n');
  });

  it('an unknown lesson is refused with the list of lessons', () => {
    const r = cli(['--lesson', 'nope'], '');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown lesson 'nope'; the lessons are: .*mininet\/first-network/);
  });
});
