/** sort (GNU coreutils 8.32, C.UTF-8 collation): orderings, keys, -u, -o and messages. */
import { describe, expect, it } from 'vitest';
import { labSession } from '../../../test/lab-session';

function shell() {
  return labSession({
    setup: (sb) => {
      sb.fs.writeFile('/tmp/n', '10 b\n9 a\n10 b\n100 c\n-1 z\n');
      sb.fs.writeFile('/tmp/w', 'b\nB\na\nA\n c\n');
      sb.fs.writeFile('/tmp/p', 'h2:10.0.0.2:x\nh10:10.0.0.10:y\nh1:10.0.0.1:z\n');
      return undefined;
    },
  });
}

describe('sort', () => {
  it('sorts in code point order by default, reversed with -r', () => {
    const { run } = shell();
    expect(run('sort /tmp/w')).toBe(' c\nA\nB\na\nb\n');
    expect(run('sort -r /tmp/w')).toBe('b\na\nB\nA\n c\n');
    expect(run('sort -f /tmp/w')).toBe(' c\nA\na\nB\nb\n');
    expect(run('sort -b /tmp/w')).toBe('A\nB\na\nb\n c\n');
  });

  it('compares numbers with -n, then whole lines', () => {
    const { run } = shell();
    expect(run('sort /tmp/n')).toBe('-1 z\n10 b\n10 b\n100 c\n9 a\n');
    expect(run('sort -n /tmp/n')).toBe('-1 z\n9 a\n10 b\n10 b\n100 c\n');
    expect(run('sort -rn /tmp/n')).toBe('100 c\n10 b\n10 b\n9 a\n-1 z\n');
    expect(run('sort -nu /tmp/n')).toBe('-1 z\n9 a\n10 b\n100 c\n');
    expect(run('echo -e "1.5\\n1.25\\n-0\\n0\\nx\\n.5" | sort -n')).toBe('-0\n0\nx\n.5\n1.25\n1.5\n');
  });

  it('sorts on keys with -k and -t', () => {
    const { run } = shell();
    expect(run('sort -k2 /tmp/n')).toBe('9 a\n10 b\n10 b\n100 c\n-1 z\n');
    expect(run('sort -k2r /tmp/n')).toBe('-1 z\n100 c\n10 b\n10 b\n9 a\n');
    expect(run('sort -t: -k2 /tmp/p')).toBe('h10:10.0.0.10:y\nh1:10.0.0.1:z\nh2:10.0.0.2:x\n');
    expect(run('sort -t: -k2,2 /tmp/p')).toBe('h1:10.0.0.1:z\nh10:10.0.0.10:y\nh2:10.0.0.2:x\n');
    expect(run('sort -t: -k3,3 /tmp/p')).toBe('h2:10.0.0.2:x\nh10:10.0.0.10:y\nh1:10.0.0.1:z\n');
    expect(run('sort -t . -k4n /tmp/p')).toBe('h1:10.0.0.1:z\nh2:10.0.0.2:x\nh10:10.0.0.10:y\n');
    expect(run('sort -k1.2n /tmp/p')).toBe('h1:10.0.0.1:z\nh2:10.0.0.2:x\nh10:10.0.0.10:y\n');
  });

  it('keeps the first of equal lines with -u, and writes -o FILE', () => {
    const { run } = shell();
    expect(run('sort -u /tmp/n')).toBe('-1 z\n10 b\n100 c\n9 a\n');
    expect(run('sort -u -k1.1,1.1 /tmp/p')).toBe('h2:10.0.0.2:x\n');
    expect(run('sort -s -k1.1,1.1 /tmp/p')).toBe('h2:10.0.0.2:x\nh10:10.0.0.10:y\nh1:10.0.0.1:z\n');
    expect(run('sort -o /tmp/out /tmp/w; cat /tmp/out')).toBe(' c\nA\nB\na\nb\n');
    expect(run('sort -o /tmp/w /tmp/w; cat /tmp/w')).toBe(' c\nA\nB\na\nb\n');
  });

  it('reads pipes and several files together', () => {
    const { run } = shell();
    expect(run('cat /etc/hosts | sort | head -n 2')).toBe('\n# The following lines are desirable for IPv6 capable hosts\n');
    expect(run('echo x | sort /tmp/w -')).toBe(' c\nA\nB\na\nb\nx\n');
  });

  it('prints coreutils messages and exits 2', () => {
    const { run } = shell();
    expect(run('sort nosuch /tmp/w')).toBe('sort: cannot read: nosuch: No such file or directory\n');
    expect(run('echo $?')).toBe('2\n');
    expect(run('sort /tmp')).toBe('sort: read failed: /tmp: Is a directory\n');
    expect(run('sort -k0 /tmp/w')).toBe('sort: field number is zero: invalid field specification ‘0’\n');
    expect(run('sort -k1.0 /tmp/w')).toBe('sort: character offset is zero: invalid field specification ‘1.0’\n');
    expect(run('sort -kx /tmp/w')).toBe('sort: invalid number at field start: invalid count at start of ‘x’\n');
    expect(run('sort -k2, /tmp/w')).toBe("sort: invalid number after ',': invalid count at start of ‘’\n");
    expect(run('sort -k1q /tmp/w')).toBe('sort: stray character in field spec: invalid field specification ‘1q’\n');
    expect(run('sort -t ab /tmp/w')).toBe('sort: multi-character tab ‘ab’\n');
    expect(run('sort -t , -t : /tmp/w')).toBe('sort: incompatible tabs\n');
    expect(run('sort -x')).toBe("sort: invalid option -- 'x'\nTry 'sort --help' for more information.\n");
    expect(run('sort -h /tmp/w')).toBe('sort: -h (human numeric sort) is not supported in this sandbox\n');
  });

  it('sorts typed lines at Ctrl-D', () => {
    const { run, session, sb, output } = shell();
    run('sort');
    session.submit('b');
    session.submit('a');
    sb.settle(session);
    session.eof();
    sb.settle(session);
    expect(output()).toBe('a\nb\n');
  });
});
