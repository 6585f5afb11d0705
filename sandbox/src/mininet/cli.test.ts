/**
 * The Mininet CLI against reference/mininet.md §2: noecho and source argument handling, the
 * cost of a node command seen by `time`, and how a node's background jobs show up (§2.4).
 */
import { describe, expect, it } from 'vitest';
import { labSession } from '../../test/lab-session';

const cli = (mn = 'mn') => labSession({ mn, maxRunUs: 30_000_000 });

describe('noecho', () => {
  it('runs node commands only, like CLI.default()', () => {
    const { run } = cli();
    expect(run('noecho h1 echo hi')).toBe('hi\n');
    expect(run('noecho pingall')).toBe('*** Unknown command: pingall\n');
    expect(run('noecho')).toBe('*** Unknown command: \n');
  });

  it('passes Ctrl-C to the node command, as waitForNode does', () => {
    const { run } = cli();
    const text = run('noecho h1 ping h2', 2_500_000);
    expect(text).toContain('^C\n--- 10.0.0.2 ping statistics ---\n');
    expect(text).not.toContain('Interrupt');
  });
});

describe('source', () => {
  it('takes exactly one file', () => {
    const { run } = cli();
    expect(run('source')).toBe('usage: source <file>\n');
    expect(run('source /tmp/a /tmp/b')).toBe('usage: source <file>\n');
    expect(run('source /tmp/nope')).toBe('error reading file /tmp/nope\n');
  });
});

describe('sh', () => {
  it('runs each line in a fresh root-namespace shell (subprocess.call)', () => {
    const { run } = cli();
    run('sh cd /tmp');
    expect(run('sh pwd')).toBe('/root\n');
    run('sh export A=1');
    expect(run('sh echo $A')).toBe('\n');
    expect(run('c0 pwd')).toBe('/root\n');
  });
});

describe('time', () => {
  it('counts the round trip to the node shell (about a millisecond or two)', () => {
    const { run } = cli();
    const m = /\*\*\* Elapsed time: (\d+\.\d{6}) secs\n$/.exec(run('time h1 true'));
    expect(m).not.toBeNull();
    const secs = Number(m![1]);
    expect(secs).toBeGreaterThanOrEqual(0.0009);
    expect(secs).toBeLessThan(0.002);
  });

  it('still reports the time when Ctrl-C stops a node command', () => {
    const { run } = cli();
    const text = run('time h1 ping h2', 2_500_000);
    expect(text).toContain('--- 10.0.0.2 ping statistics ---');
    expect(text).toMatch(/\*\*\* Elapsed time: 2\.5\d{5} secs\n$/);
  });
});

describe('background jobs on a node', () => {
  it('holds output produced between commands for the next command on that node', () => {
    const { run } = cli();
    expect(run('h1 ping -c 2 h2 &')).toBe('');
    expect(run('h2 sleep 2')).toBe('');
    const next = run('h1 echo done');
    expect(next.startsWith('PING 10.0.0.2 (10.0.0.2) 56(84) bytes of data.\n')).toBe(true);
    expect(next).toContain('2 packets transmitted, 2 received');
    expect(next.endsWith('done\n')).toBe(true);
  });

  it('shows output of a job started earlier while another command runs on the node', () => {
    const { run } = cli();
    run('h1 ping -c 3 h2 &');
    const during = run('h1 sleep 3');
    expect(during.startsWith('PING 10.0.0.2')).toBe(true);
    expect(during).toContain('3 packets transmitted, 3 received');
  });

  it('forgets finished jobs silently (job control is off in node shells)', () => {
    const { run } = cli();
    run('h1 sleep 1 &');
    expect(run('h1 jobs')).toBe('[1]+  Running                 sleep 1 &\n');
    run('h1 sleep 2');
    expect(run('h1 jobs')).toBe('');
  });
});
