/** tail (GNU coreutils 8.32): counts from the end and from +NUM, old forms, headers, messages. */
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

describe('tail', () => {
  it('prints the last 10 lines, or -n NUM, -NUM, -n +NUM, +NUM', () => {
    const { run } = shell();
    expect(run('tail /tmp/n').split('\n')[0]).toBe('line 3');
    expect(run('tail -n 2 /tmp/n')).toBe('line 11\nline 12\n');
    expect(run('tail -2 /tmp/n')).toBe('line 11\nline 12\n');
    expect(run('tail -n +11 /tmp/n')).toBe('line 11\nline 12\n');
    expect(run('tail +12 /tmp/n')).toBe('line 12\n');
    expect(run('tail -n 1 /tmp/short')).toBe('c');
    expect(run('tail -n 0 /tmp/n')).toBe('');
  });

  it('counts bytes with -c', () => {
    const { run } = shell();
    expect(run('tail -c 3 /tmp/short')).toBe('b\nc');
    expect(run('tail -c +3 /tmp/short')).toBe('b\nc');
  });

  it('reads a pipe, and ignores -f when its only input is a pipe', () => {
    const { run } = shell();
    expect(run('cat /etc/hosts | tail -n 1')).toBe('ff02::2 ip6-allrouters\n');
    expect(run('cat /etc/hosts | tail -f -n 1')).toBe('ff02::2 ip6-allrouters\n');
  });

  it('says -f on a file is not supported in this sandbox', () => {
    const { run } = shell();
    expect(run('tail -f /tmp/n')).toBe('tail: following a file as it grows (-f) is not supported in this sandbox\n');
    expect(run('tail -F /tmp/n')).toBe('tail: following a file as it grows (-f) is not supported in this sandbox\n');
    expect(run('tail --follow=name /tmp/n')).toBe('tail: following a file as it grows (-f) is not supported in this sandbox\n');
  });

  it('puts headers before each of several files', () => {
    const { run } = shell();
    expect(run('tail -n 1 /tmp/n /tmp/short')).toBe('==> /tmp/n <==\nline 12\n\n==> /tmp/short <==\nc');
  });

  it('prints coreutils messages', () => {
    const { run } = shell();
    expect(run('tail nosuch')).toBe("tail: cannot open 'nosuch' for reading: No such file or directory\n");
    expect(run('tail /etc')).toBe("tail: error reading '/etc': Is a directory\n");
    expect(run('tail -n x /tmp/n')).toBe('tail: invalid number of lines: ‘x’\n');
    expect(run('tail -5 /tmp/n /tmp/short')).toBe("tail: option used in invalid context -- 5\nTry 'tail --help' for more information.\n");
    expect(run('tail --retry -n 1 /tmp/short')).toBe('tail: warning: --retry ignored; --retry is useful only when following\nc');
  });

  it('prints the last typed lines at Ctrl-D, and from +NUM on as they come', () => {
    const { run, session, sb, output } = shell();
    run('tail -n 1');
    session.submit('one');
    session.submit('two');
    sb.settle(session);
    expect(output()).toBe('');
    session.eof();
    sb.settle(session);
    expect(output()).toBe('two\n');
    run('tail -n +2');
    session.submit('one');
    sb.settle(session);
    session.submit('two');
    sb.settle(session);
    expect(output()).toBe('two\n');
    session.interrupt();
    sb.settle(session);
    expect(output()).toBe('two\n^C\n');
  });
});
