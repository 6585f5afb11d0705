/** grep (GNU grep 3.7): output shapes, exit statuses, messages, pipes and the terminal as input. */
import { describe, expect, it } from 'vitest';
import { labSession } from '../../../test/lab-session';

/** A lab shell with /tmp/a and /tmp/b written. */
function shell() {
  const s = labSession({
    setup: (sb) => {
      sb.fs.writeFile('/tmp/a', 'alpha one\nbeta two\ngamma three\nalphabet\n');
      sb.fs.writeFile('/tmp/b', 'one\ntwo\nthree\nfour\nfive\nsix\nseven\n');
      return undefined;
    },
  });
  const status = (line: string): number => {
    s.run(line);
    return Number(s.run('echo $?').trim());
  };
  return { ...s, status };
}

describe('grep: selecting lines', () => {
  it('reads a pipe and prints matching lines', () => {
    const { run } = shell();
    expect(run('cat /etc/hosts | grep ip6-all')).toBe('ff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n');
  });

  it('prefixes file names with several files, line numbers with -n', () => {
    const { run } = shell();
    expect(run('grep -n alpha /tmp/a')).toBe('1:alpha one\n4:alphabet\n');
    expect(run('grep t /tmp/a /tmp/b')).toBe('/tmp/a:beta two\n/tmp/a:gamma three\n/tmp/a:alphabet\n/tmp/b:two\n/tmp/b:three\n');
    expect(run('grep -h one /tmp/a /tmp/b')).toBe('alpha one\none\n');
    expect(run('grep -Hn one /tmp/b')).toBe('/tmp/b:1:one\n');
    expect(run('cat /tmp/b | grep -H six')).toBe('(standard input):six\n');
    expect(run('cat /tmp/b | grep -H --label=in six')).toBe('in:six\n');
  });

  it('-v, -c, -i, -w, -x, -o, -m', () => {
    const { run } = shell();
    expect(run('grep -v e /tmp/b')).toBe('two\nfour\nsix\n');
    expect(run('grep -c e /tmp/a /tmp/b')).toBe('/tmp/a:4\n/tmp/b:4\n');
    expect(run('grep -vc e /tmp/b')).toBe('3\n');
    expect(run('grep -i ALPHA /tmp/a')).toBe('alpha one\nalphabet\n');
    expect(run('grep -w alpha /tmp/a')).toBe('alpha one\n');
    expect(run('grep -x two /tmp/a /tmp/b')).toBe('/tmp/b:two\n');
    expect(run('grep -o "[a-z]*ph[a-z]*" /tmp/a')).toBe('alpha\nalphabet\n');
    expect(run('grep -on o /tmp/b')).toBe('1:o\n2:o\n4:o\n');
    expect(run('grep -m2 e /tmp/b')).toBe('one\nthree\n');
    expect(run('grep -c -m2 e /tmp/b')).toBe('2\n');
  });

  it('-E, -F, -e and -f give the patterns', () => {
    const { run } = shell();
    expect(run("grep -E '^(one|six)$' /tmp/b")).toBe('one\nsix\n');
    expect(run("grep '^\\(one\\|six\\)$' /tmp/b")).toBe('one\nsix\n');
    expect(run("grep -F 'a.' /tmp/a")).toBe('');
    expect(run('grep -e four -e five /tmp/b')).toBe('four\nfive\n');
    run('echo -e "six\\nseven" > /tmp/pats');
    expect(run('grep -f /tmp/pats /tmp/b')).toBe('six\nseven\n');
    expect(run('grep -f /tmp/none /tmp/b')).toBe('grep: /tmp/none: No such file or directory\n');
  });

  it('-l and -L print file names; -q prints nothing', () => {
    const { run } = shell();
    expect(run('grep -l three /tmp/a /tmp/b /etc/hosts')).toBe('/tmp/a\n/tmp/b\n');
    expect(run('grep -L three /tmp/a /tmp/b /etc/hosts')).toBe('/etc/hosts\n');
    expect(run('grep -q three /tmp/a')).toBe('');
  });

  it('prints context with - and separates groups with --, also between files', () => {
    const { run } = shell();
    expect(run('grep -n -A1 -e one -e five /tmp/b')).toBe('1:one\n2-two\n--\n5:five\n6-six\n');
    expect(run('grep -B1 three /tmp/b')).toBe('two\nthree\n');
    expect(run('grep -C1 -e two -e four /tmp/b')).toBe('one\ntwo\nthree\nfour\nfive\n');
    expect(run('grep -1 six /tmp/b')).toBe('five\nsix\nseven\n');
    expect(run('grep -A0 e /tmp/b')).toBe('one\n--\nthree\n--\nfive\n--\nseven\n');
    expect(run('grep -A0 -e one -e two /tmp/b')).toBe('one\ntwo\n');
    expect(run('grep -A1 --no-group-separator -e one -e five /tmp/b')).toBe('one\ntwo\nfive\nsix\n');
    expect(run('grep -A1 three /tmp/a /tmp/b')).toBe('/tmp/a:gamma three\n/tmp/a-alphabet\n--\n/tmp/b:three\n/tmp/b-four\n');
    expect(run('grep -m1 -A2 e /tmp/b')).toBe('one\ntwo\nthree\n');
  });
});

describe('grep: colour', () => {
  it('--color=always marks matches, file names, line numbers and separators as GNU does', () => {
    const { run } = shell();
    expect(run('grep --color=always -Hn two /tmp/b')).toBe(
      '\x1b[35m\x1b[K/tmp/b\x1b[m\x1b[K\x1b[36m\x1b[K:\x1b[m\x1b[K\x1b[32m\x1b[K2\x1b[m\x1b[K\x1b[36m\x1b[K:\x1b[m\x1b[K\x1b[01;31m\x1b[Ktwo\x1b[m\x1b[K\n',
    );
  });

  it('--color=auto colours only when the output is the terminal; --color alone means auto', () => {
    const { run } = shell();
    expect(run('grep --color=auto six /tmp/b')).toBe('\x1b[01;31m\x1b[Ksix\x1b[m\x1b[K\n');
    expect(run('grep --color six /tmp/b')).toBe('\x1b[01;31m\x1b[Ksix\x1b[m\x1b[K\n');
    expect(run('grep --color=auto six /tmp/b | cat')).toBe('six\n');
    expect(run('grep --colour=auto six /tmp/b > /tmp/out; cat /tmp/out')).toBe('six\n');
    expect(run('grep six /tmp/b')).toBe('six\n');
  });
});

describe('grep: exit status and messages', () => {
  it('is 0 when a line is selected, 1 when none, 2 after an error', () => {
    const { status } = shell();
    expect(status('grep one /tmp/b')).toBe(0);
    expect(status('grep nine /tmp/b')).toBe(1);
    expect(status('grep one /tmp/b /nosuch')).toBe(2);
    expect(status('grep -s one /nosuch')).toBe(2);
    expect(status('grep -q one /tmp/b /nosuch')).toBe(0);
    expect(status('grep -v ""  /tmp/b')).toBe(1);
  });

  it('prints GNU messages for files, options and patterns', () => {
    const { run } = shell();
    expect(run('grep x nosuch')).toBe('grep: nosuch: No such file or directory\n');
    expect(run('grep -s x nosuch')).toBe('');
    expect(run('grep x /etc')).toBe('grep: /etc: Is a directory\n');
    expect(run('grep')).toBe("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
    expect(run('grep -k x')).toBe("grep: invalid option -- 'k'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
    expect(run('grep -A x y')).toBe('grep: x: invalid context length argument\n');
    expect(run('grep -m x y')).toBe('grep: invalid max count\n');
    expect(run('grep -E -F x')).toBe('grep: conflicting matchers specified\n');
    expect(run("grep 'a\\{1' /tmp/b")).toBe('grep: Unmatched \\{\n');
    expect(run("grep -E '(' /tmp/b")).toBe('grep: Unmatched ( or \\(\n');
    expect(run("grep '[[:nope:]]' /tmp/b")).toBe('grep: Invalid character class name\n');
  });

  it('says plainly what the sandbox does not do', () => {
    const { run, status } = shell();
    expect(run('grep -r x /etc')).toBe('grep: -r (recursive search) is not supported in this sandbox\n');
    expect(run('grep -P x /etc/hosts')).toBe('grep: -P (Perl regular expressions) is not supported in this sandbox\n');
    expect(status('grep -R x')).toBe(2);
  });

  it('prints its help text with --help (and, as GNU does, for an unknown --color value)', () => {
    const { run } = shell();
    expect(run('grep --help')).toMatch(/^Usage: grep \[OPTION\]\.\.\. PATTERNS \[FILE\]\.\.\.\n/);
    expect(run('grep --color=sometimes x')).toMatch(/^Usage: grep/);
  });
});

describe('grep: the terminal as input', () => {
  it('prints each matching line as it is typed and stops at Ctrl-D', () => {
    const { run, session, sb, output } = shell();
    expect(run('grep o')).toBe('');
    expect(session.readingInput).toBe(true);
    session.submit('one');
    sb.settle(session);
    expect(output()).toBe('one\n');
    session.submit('six');
    sb.settle(session);
    expect(output()).toBe('one\n');
    session.eof();
    sb.settle(session);
    expect(session.readingInput).toBe(false);
    expect(run('echo $?')).toBe('0\n');
  });

  it('stops at Ctrl-C with status 130', () => {
    const { run, session, sb, output } = shell();
    run('grep -c o');
    session.submit('one');
    sb.settle(session);
    session.interrupt();
    sb.settle(session);
    expect(output()).toBe('^C\n');
    expect(session.readingInput).toBe(false);
    expect(run('echo $?')).toBe('130\n');
  });

  it('ends at the first match with -q', () => {
    const { run, session, sb } = shell();
    run('grep -q six');
    session.submit('five');
    sb.settle(session);
    expect(session.readingInput).toBe(true);
    session.submit('six');
    sb.settle(session);
    expect(session.readingInput).toBe(false);
    expect(run('echo $?')).toBe('0\n');
  });
});

describe('grep in Mininet hosts', () => {
  it('filters a node command through a pipe', () => {
    const { run } = labSession({ mn: 'mn' });
    expect(run('h1 ifconfig | grep -w inet')).toBe(
      '        inet 10.0.0.1  netmask 255.0.0.0  broadcast 10.255.255.255\n        inet 127.0.0.1  netmask 255.0.0.0\n',
    );
    expect(run('h2 ifconfig h2-eth0 | grep -c inet')).toBe('2\n');
  });
});

describe('grep after the ONOS CLI', () => {
  it('filters a one-shot `onos flows` run on the lab machine', () => {
    const { run } = labSession({ maxRunUs: 30_000_000 });
    run('sudo service onos start');
    run('sleep 9');
    run('onos app activate org.onosproject.openflow fwd');
    run('mn --topo single,2 --controller remote');
    run('sh sleep 5');
    run('h1 ping -c 2 h2');
    expect(run('sh onos flows | grep -c appId=org.onosproject.fwd')).toBe('2\n');
    expect(run('sh onos flows | grep -o "appId=[a-z.]*fwd" | uniq -c')).toBe('      2 appId=org.onosproject.fwd\n');
  });
});
