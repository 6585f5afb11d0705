/** head (GNU coreutils 8.32): counts, the old -NUM form, headers, messages, the terminal as input. */
import { describe, expect, it } from 'vitest';
import { labSession } from '../../../test/lab-session';

function shell() {
  return labSession({
    setup: (sb) => {
      sb.fs.writeFile('/tmp/n', Array.from({ length: 12 }, (_, i) => `line ${i + 1}\n`).join(''));
      sb.fs.writeFile('/tmp/short', 'a\nb\nc');
      return undefined;
    },
  });
}

describe('head', () => {
  it('prints the first 10 lines, or -n NUM, -NUM, -n -NUM', () => {
    const { run } = shell();
    expect(run('head /tmp/n').split('\n')).toHaveLength(11);
    expect(run('head -n 2 /tmp/n')).toBe('line 1\nline 2\n');
    expect(run('head -3 /tmp/n')).toBe('line 1\nline 2\nline 3\n');
    expect(run('head --lines=1 /tmp/n')).toBe('line 1\n');
    expect(run('head -n -10 /tmp/n')).toBe('line 1\nline 2\n');
    expect(run('head -n -1 /tmp/short')).toBe('a\nb\n');
    expect(run('head -n 5 /tmp/short')).toBe('a\nb\nc');
    expect(run('head -n 0 /tmp/n')).toBe('');
  });

  it('counts bytes with -c', () => {
    const { run } = shell();
    expect(run('head -c 8 /tmp/n')).toBe('line 1\nl');
    expect(run('head -c -2 /tmp/short')).toBe('a\nb');
    expect(run('head -c 1K /tmp/short')).toBe('a\nb\nc');
  });

  it('reads a pipe', () => {
    const { run } = shell();
    expect(run('cat /etc/hosts | head -n 1')).toBe('127.0.0.1 localhost\n');
  });

  it('puts ==> name <== headers before each of several files', () => {
    const { run } = shell();
    expect(run('head -n 1 /tmp/n /tmp/short')).toBe('==> /tmp/n <==\nline 1\n\n==> /tmp/short <==\na\n');
    expect(run('head -q -n 1 /tmp/n /tmp/short')).toBe('line 1\na\n');
    expect(run('head -v -n 1 /tmp/short')).toBe('==> /tmp/short <==\na\n');
    expect(run('cat /tmp/short | head -v -n 1')).toBe('==> standard input <==\na\n');
  });

  it('prints coreutils messages', () => {
    const { run } = shell();
    expect(run('head -n 1 nosuch /tmp/short')).toBe("head: cannot open 'nosuch' for reading: No such file or directory\n==> /tmp/short <==\na\n");
    expect(run('head /etc')).toBe("head: error reading '/etc': Is a directory\n");
    expect(run('head -n x /tmp/n')).toBe('head: invalid number of lines: ‘x’\n');
    expect(run('head -c 1x /tmp/n')).toBe('head: invalid number of bytes: ‘1x’\n');
    expect(run('head -k')).toBe("head: invalid option -- 'k'\nTry 'head --help' for more information.\n");
    expect(run('head -5x /tmp/n')).toBe("head: invalid trailing option -- x\nTry 'head --help' for more information.\n");
  });

  it('shows typed lines as they come and stops after NUM of them', () => {
    const { run, session, sb, output } = shell();
    run('head -n 2');
    session.submit('first');
    sb.settle(session);
    expect(output()).toBe('first\n');
    session.submit('second');
    sb.settle(session);
    expect(output()).toBe('first\nsecond\n');
    expect(session.readingInput).toBe(false);
  });

  it('stops after -c NUM typed bytes', () => {
    const { run, session, sb, output } = shell();
    run('head -c 5');
    session.submit('abc');
    sb.settle(session);
    expect(output()).toBe('abc\n');
    session.submit('xyz');
    sb.settle(session);
    expect(output()).toBe('abc\nx');
    expect(session.readingInput).toBe(false);
  });

  it('stops at Ctrl-C', () => {
    const { run, session, sb, output } = shell();
    run('head');
    session.interrupt();
    sb.settle(session);
    expect(output()).toBe('^C\n');
    expect(run('echo $?')).toBe('130\n');
  });
});
