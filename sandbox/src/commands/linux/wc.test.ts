/** wc (GNU coreutils 8.32): counts, GNU's column widths, the total line and messages. */
import { describe, expect, it } from 'vitest';
import { labSession } from '../../../test/lab-session';
import { countText } from './wc';

function shell() {
  return labSession({
    setup: (sb) => {
      sb.fs.writeFile('/tmp/a', 'one two\nthree\n');
      sb.fs.writeFile('/tmp/u', 'héllo wörld\n');
      return undefined;
    },
  });
}

describe('wc', () => {
  it('counts lines, words and bytes, sized to the file', () => {
    const { run } = shell();
    expect(run('wc /etc/hosts')).toBe('  9  25 222 /etc/hosts\n');
    expect(run('wc /tmp/a')).toBe(' 2  3 14 /tmp/a\n');
  });

  it('prints one count of one file bare', () => {
    const { run } = shell();
    expect(run('wc -l /etc/hosts')).toBe('9 /etc/hosts\n');
    expect(run('cat /etc/hosts | wc -l')).toBe('9\n');
  });

  it('uses 7 columns for standard input', () => {
    const { run } = shell();
    expect(run('cat /etc/hosts | wc')).toBe('      9      25     222\n');
    expect(run('cat /etc/hosts | wc -lw')).toBe('      9      25\n');
    expect(run('cat /tmp/a | wc -l - /tmp/a')).toBe('      2 -\n      2 /tmp/a\n      4 total\n');
  });

  it('adds a total line for several files, sized to their total', () => {
    const { run } = shell();
    expect(run('wc -l /etc/hosts /tmp/a')).toBe('  9 /etc/hosts\n  2 /tmp/a\n 11 total\n');
    expect(run('wc -c /tmp/a /tmp/a')).toBe('14 /tmp/a\n14 /tmp/a\n28 total\n');
  });

  it('counts characters with -m and bytes with -c in UTF-8, the widest line with -L', () => {
    const { run } = shell();
    expect(run('wc -m /tmp/u')).toBe('12 /tmp/u\n');
    expect(run('wc -c /tmp/u')).toBe('14 /tmp/u\n');
    expect(run('wc -L /tmp/a')).toBe('7 /tmp/a\n');
    expect(run('wc -lwmcL /tmp/a')).toBe(' 2  3 14 14  7 /tmp/a\n');
  });

  it('reports missing files and directories as GNU does', () => {
    const { run } = shell();
    expect(run('wc nosuch')).toBe('wc: nosuch: No such file or directory\n');
    expect(run('wc /tmp/a nosuch')).toBe(' 2  3 14 /tmp/a\nwc: nosuch: No such file or directory\n 2  3 14 total\n');
    expect(run('wc /tmp')).toBe('wc: /tmp: Is a directory\n      0       0       0 /tmp\n');
    expect(run('wc -x')).toBe("wc: invalid option -- 'x'\nTry 'wc --help' for more information.\n");
    expect(run('wc "a b"')).toBe("wc: 'a b': No such file or directory\n");
  });

  it('counts what is typed at Ctrl-D', () => {
    const { run, session, sb, output } = shell();
    run('wc -w');
    session.submit('one two');
    session.submit('three');
    sb.settle(session);
    session.eof();
    sb.settle(session);
    expect(output()).toBe('3\n');
  });

  it('counts words between white space; control characters do not split them', () => {
    expect(countText('a\tb  c\n\x01d e\x01\n')).toMatchObject({ lines: 2, words: 5, chars: 13 });
    expect(countText('no newline')).toMatchObject({ lines: 0, words: 2, maxLine: 10 });
  });
});
