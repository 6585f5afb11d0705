/** ls (GNU coreutils): -a lists . and .., files come before directories, operands are sorted. */
import { describe, expect, it } from 'vitest';
import { labSession } from '../../../test/lab-session';

const shell = () => labSession();

describe('ls', () => {
  it('lists the directory itself and its parent with -a, not with -A', () => {
    const { run } = shell();
    expect(run('ls -a /tmp')).toBe('.  ..\n');
    expect(run('ls -A /tmp')).toBe('');
    const long = run('ls -la /tmp').split('\n');
    expect(long[0]).toBe('total 8');
    expect(long[1]).toMatch(/^drwx.* \.$/);
    expect(long[2]).toMatch(/^drwx.* \.\.$/);
  });

  it('prints file operands first, sorted, then each directory under its name', () => {
    const { run } = shell();
    expect(run('ls /tmp /etc/hosts /etc/hostname')).toBe('/etc/hostname  /etc/hosts\n\n/tmp:\n');
  });
});
