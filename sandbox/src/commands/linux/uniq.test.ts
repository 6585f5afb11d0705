/** uniq (GNU coreutils 8.32): runs of equal adjacent lines, counts, -d -D -u, skips and messages. */
import { describe, expect, it } from 'vitest';
import { labSession } from '../../../test/lab-session';

function shell() {
  return labSession({
    setup: (sb) => {
      sb.fs.writeFile('/tmp/r', 'a\na\nb\nA\na\nc\nc\nc');
      sb.fs.writeFile('/tmp/f', 'x 1\ny 1\nz 2\n');
      return undefined;
    },
  });
}

describe('uniq', () => {
  it('writes each run of equal adjacent lines once', () => {
    const { run } = shell();
    expect(run('uniq /tmp/r')).toBe('a\nb\nA\na\nc\n');
    expect(run('cat /tmp/r | uniq')).toBe('a\nb\nA\na\nc\n');
  });

  it('counts with -c, and selects with -d, -D and -u', () => {
    const { run } = shell();
    expect(run('uniq -c /tmp/r')).toBe('      2 a\n      1 b\n      1 A\n      1 a\n      3 c\n');
    expect(run('uniq -d /tmp/r')).toBe('a\nc\n');
    expect(run('uniq -cd /tmp/r')).toBe('      2 a\n      3 c\n');
    expect(run('uniq -D /tmp/r')).toBe('a\na\nc\nc\nc\n');
    expect(run('uniq -u /tmp/r')).toBe('b\nA\na\n');
    expect(run('uniq -du /tmp/r')).toBe('');
  });

  it('ignores case with -i, fields with -f, characters with -s, and compares -w characters', () => {
    const { run } = shell();
    expect(run('uniq -i /tmp/r')).toBe('a\nb\nA\nc\n');
    expect(run('uniq -f1 /tmp/f')).toBe('x 1\nz 2\n');
    expect(run('uniq -s2 /tmp/f')).toBe('x 1\nz 2\n');
    expect(run('uniq -w1 -c /tmp/f')).toBe('      1 x 1\n      1 y 1\n      1 z 2\n');
  });

  it('pairs with sort', () => {
    const { run } = shell();
    expect(run('sort /tmp/r | uniq -c')).toBe('      1 A\n      3 a\n      1 b\n      3 c\n');
  });

  it('writes OUTPUT when given', () => {
    const { run } = shell();
    expect(run('uniq /tmp/r /tmp/out')).toBe('');
    expect(run('cat /tmp/out')).toBe('a\nb\nA\na\nc\n');
  });

  it('prints coreutils messages', () => {
    const { run } = shell();
    expect(run('uniq nosuch')).toBe('uniq: nosuch: No such file or directory\n');
    expect(run('uniq /tmp')).toBe("uniq: error reading '/tmp'\n");
    expect(run('uniq a b c')).toBe("uniq: extra operand ‘c’\nTry 'uniq --help' for more information.\n");
    expect(run('uniq -f x /tmp/r')).toBe('uniq: x: invalid number of fields to skip\n');
    expect(run('uniq -cD /tmp/r')).toBe("uniq: printing all duplicated lines and repeat counts is meaningless\nTry 'uniq --help' for more information.\n");
    expect(run('uniq /tmp/r /nodir/out')).toBe('uniq: /nodir/out: No such file or directory\n');
  });

  it('writes a typed line as soon as a new run starts', () => {
    const { run, session, sb, output } = shell();
    run('uniq');
    session.submit('a');
    sb.settle(session);
    expect(output()).toBe('a\n');
    session.submit('a');
    session.submit('b');
    sb.settle(session);
    expect(output()).toBe('a\nb\n');
    session.interrupt();
    sb.settle(session);
    expect(output()).toBe('a\nb\n^C\n');
  });
});
