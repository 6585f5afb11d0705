/** GNU BRE/ERE (grep 3.7, glibc 2.35) read as GNU reads them, and glibc's/dfa.c's error messages. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGrepPatterns, hasNestedRepetition, REGEX_ERRORS, translateRegex } from './gnu-regex';
import type { GrepPatternOptions, RegexSyntax } from './gnu-regex';

/** Does the GNU pattern match somewhere in the line? */
function matches(pattern: string, syntax: RegexSyntax, line: string, flags = 'u'): boolean {
  const t = translateRegex(pattern, syntax);
  if (!t.ok) throw new Error(t.error);
  return new RegExp(t.source, flags).test(line);
}

const bre = (p: string, line: string) => matches(p, 'basic', line);
const ere = (p: string, line: string) => matches(p, 'extended', line);
const err = (p: string, syntax: RegexSyntax) => {
  const t = translateRegex(p, syntax);
  return t.ok ? 'no error' : t.error;
};

describe('basic regular expressions (grep, grep -G)', () => {
  it('uses backslashed operators; the bare characters are literal', () => {
    expect(bre('a\\(b\\)*c', 'abbc')).toBe(true);
    expect(bre('a(b)c', 'a(b)c')).toBe(true);
    expect(bre('a(b)c', 'abc')).toBe(false);
    expect(bre('x\\|y', 'y')).toBe(true);
    expect(bre('x|y', 'x|y')).toBe(true);
    expect(bre('x|y', 'y')).toBe(false);
    expect(bre('ab\\+c', 'abbbc')).toBe(true);
    expect(bre('ab+c', 'ab+c')).toBe(true);
    expect(bre('ab\\?c', 'ac')).toBe(true);
    expect(bre('a\\{2\\}', 'caab')).toBe(true);
    expect(bre('a\\{2\\}', 'cab')).toBe(false);
    expect(bre('a{2}', 'a{2}')).toBe(true);
  });

  it('treats * at the start, after \\( or \\|, and after ^ as a plain star', () => {
    expect(bre('*a', '*a')).toBe(true);
    expect(bre('*a', 'a')).toBe(false);
    expect(bre('^*x', '*x')).toBe(true);
    expect(bre('\\(*\\)', '*')).toBe(true);
    expect(bre('\\{1\\}', '{1}')).toBe(true);
  });

  it('anchors ^ only at the start and $ only at the end of an expression', () => {
    expect(bre('a^b', 'a^b')).toBe(true);
    expect(bre('a$b', 'a$b')).toBe(true);
    expect(bre('^ab$', 'ab')).toBe(true);
    expect(bre('^ab$', 'xab')).toBe(false);
    expect(bre('\\(^a\\)', 'ab')).toBe(true);
    expect(bre('x\\|^a', 'ab')).toBe(true);
    expect(bre('a$\\|q', 'ba')).toBe(true);
  });

  it('has back-references, numbered per pattern', () => {
    expect(bre('\\(ab\\)\\1', 'xabab')).toBe(true);
    expect(bre('\\(ab\\)\\1', 'xab')).toBe(false);
    expect(err('\\1', 'basic')).toBe(REGEX_ERRORS.subreg);
    expect(err('\\(a\\1\\)', 'basic')).toBe(REGEX_ERRORS.subreg);
  });
});

describe('extended regular expressions (grep -E)', () => {
  it('uses bare operators; backslashed ones are literal', () => {
    expect(ere('(ab)+c', 'ababc')).toBe(true);
    expect(ere('x|y', 'y')).toBe(true);
    expect(ere('a\\|b', 'a|b')).toBe(true);
    expect(ere('a\\|b', 'b')).toBe(false);
    expect(ere('a{2,3}', 'aa')).toBe(true);
    expect(ere('^a{,2}$', 'aa')).toBe(true);
    expect(ere('^a{,2}$', 'aaa')).toBe(false);
    expect(ere('\\(x\\)', '(x)')).toBe(true);
  });

  it('takes a lone ) and an invalid interval literally', () => {
    expect(ere('a)', 'a)')).toBe(true);
    expect(ere('a{1', 'a{1')).toBe(true);
    expect(ere('a{x}', 'a{x}')).toBe(true);
    expect(ere('{', '{')).toBe(true);
  });

  it('stacks repetitions instead of reading *? as lazy', () => {
    expect(ere('^a*?$', 'aaa')).toBe(true);
    expect(ere('^(a+){2}$', 'aaa')).toBe(true);
    expect(ere('*a', 'a')).toBe(true);
    expect(ere('^*a', 'a')).toBe(true);
  });

  it('has back-references too (a GNU extension)', () => {
    expect(ere('(a|b)\\1', 'xbb')).toBe(true);
    expect(ere('(a|b)\\1', 'xab')).toBe(false);
  });
});

describe('bracket expressions and GNU escapes', () => {
  it('knows the POSIX classes, ranges, negation and a leading ]', () => {
    expect(ere('^[[:digit:]]+$', '2024')).toBe(true);
    expect(ere('[[:space:]]', 'a\tb')).toBe(true);
    expect(ere('^[[:alpha:]_][[:alnum:]_]*$', 'h1_eth0')).toBe(true);
    expect(ere('[[:upper:]]', 'abc')).toBe(false);
    expect(ere('[[:punct:]]', 'a-b')).toBe(true);
    expect(ere('^[[:xdigit:]:]+$', 'fe80::1')).toBe(true);
    expect(bre('[]x]', ']')).toBe(true);
    expect(bre('[^]x]', 'x')).toBe(false);
    expect(bre('[a-c]', 'b')).toBe(true);
    expect(bre('[a-]', '-')).toBe(true);
    expect(bre('[[=e=]][[.-.]]', 'e-')).toBe(true);
  });

  it('keeps a backslash inside brackets as itself', () => {
    expect(bre('[\\n]', '\\')).toBe(true);
    expect(bre('[\\n]', 'n')).toBe(true);
  });

  it('supports \\w \\W \\s \\S \\b \\B \\< \\> and . matching any character', () => {
    expect(bre('\\<ip\\>', 'an ip here')).toBe(true);
    expect(bre('\\<ip\\>', 'ip6')).toBe(false);
    expect(bre('\\bx\\b', 'a x b')).toBe(true);
    expect(bre('a\\Bb', 'ab')).toBe(true);
    expect(bre('\\w\\s\\W', 'a .')).toBe(true);
    expect(bre('a\\Sb', 'a b')).toBe(false);
    expect(bre('a.b', 'a\rb')).toBe(true);
  });

  it('honours case folding for classes with -i', () => {
    expect(matches('[[:upper:]]', 'basic', 'abc', 'iu')).toBe(true);
  });
});

describe('errors, with the messages grep prints', () => {
  const cases: Array<[string, RegexSyntax, string]> = [
    ['[', 'basic', REGEX_ERRORS.brack],
    ['[[:alpha:]', 'basic', REGEX_ERRORS.brack],
    ['[[:foo:]]', 'basic', REGEX_ERRORS.ctype],
    ['[z-a]', 'basic', REGEX_ERRORS.range],
    ['[[:digit:]-z]', 'basic', REGEX_ERRORS.range],
    ['[[.ab.]]', 'basic', REGEX_ERRORS.collate],
    ['\\(', 'basic', REGEX_ERRORS.paren],
    ['(', 'extended', REGEX_ERRORS.paren],
    ['\\)', 'basic', REGEX_ERRORS.rparen],
    ['a\\{1', 'basic', REGEX_ERRORS.brace],
    ['a\\{x\\}', 'basic', REGEX_ERRORS.badbr],
    ['a{2,1}', 'extended', REGEX_ERRORS.badbr],
    ['a{}', 'extended', REGEX_ERRORS.badbr],
    ['a{40000}', 'extended', REGEX_ERRORS.size],
    ['ab\\', 'basic', REGEX_ERRORS.escape],
    ['[:space:]', 'basic', REGEX_ERRORS.colon],
  ];
  it.each(cases)('%s (%s)', (p, syntax, message) => {
    expect(err(p, syntax)).toBe(message);
  });

  it('prints them as GNU spells them', () => {
    expect(REGEX_ERRORS.paren).toBe('Unmatched ( or \\(');
    expect(REGEX_ERRORS.brack).toBe('Unmatched [, [^, [:, [., or [=');
  });
});

describe('compileGrepPatterns', () => {
  const opts = (o: Partial<GrepPatternOptions>): GrepPatternOptions => ({ syntax: 'basic', ignoreCase: false, words: false, lines: false, ...o });
  const compile = (ps: string[], o: Partial<GrepPatternOptions> = {}) => {
    const c = compileGrepPatterns(ps, opts(o));
    if (!c.ok) throw new Error(c.error);
    return c.matcher;
  };

  it('matches any of several patterns, each with its own back-references', () => {
    const m = compile(['\\(a\\)\\1', '\\(b\\)\\1']);
    expect(m.test('xbb')).toBe(true);
    expect(m.test('xab')).toBe(false);
  });

  it('-w wants whole words, -x whole lines, -i either case', () => {
    expect(compile(['ip'], { words: true }).test('ip6 ip')).toBe(true);
    expect(compile(['ip'], { words: true }).test('ip6')).toBe(false);
    expect(compile(['ab\\|abc'], { words: true }).test('abc')).toBe(true);
    expect(compile(['a.c'], { lines: true }).test('abc')).toBe(true);
    expect(compile(['a.c'], { lines: true }).test('abcd')).toBe(false);
    expect(compile(['INET'], { ignoreCase: true }).test('inet6')).toBe(true);
  });

  it('-F takes patterns literally and reports the longest match', () => {
    const m = compile(['a.', 'a.b'], { syntax: 'fixed' });
    expect(m.test('xa.b')).toBe(true);
    expect(m.test('xab')).toBe(false);
    expect(m.matches('xa.bc')).toEqual([[1, 4]]);
  });

  it('lists non-empty matches only, moving past empty ones', () => {
    expect(compile(['b*']).matches('abba b')).toEqual([[1, 3], [5, 6]]);
    expect(compile(['']).test('anything')).toBe(true);
    expect(compile(['']).matches('anything')).toEqual([]);
  });

  it('never throws and always compiles, whatever the pattern', () => {
    const chars = fc.constantFrom(...'ab()[]{}|*+?.^$\\:=-,0123456789wWsSbB<>`\'');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 12 }).map((a) => a.join('')), fc.constantFrom<RegexSyntax>('basic', 'extended'), (p, syntax) => {
        const c = compileGrepPatterns([p], opts({ syntax }));
        if (c.ok) expect(() => c.matcher.matches('ab(a)[b]{1}|*+?.^$ 12:')).not.toThrow();
        else expect(c.error).not.toBe('Invalid regular expression');
      }),
      { numRuns: 2000, seed: 5 },
    );
  });
});

describe('patterns that could run away', () => {
  it('nested repetition is refused, ordinary patterns are not', () => {
    for (const bad of ['(a*)*b', '(a+)+', '(a|b+)*c', '((ab)*)+']) expect(hasNestedRepetition(bad), bad).toBe(true);
    for (const good of ['(ab)*', 'a*b+', '(a*)b', '[(]*x', '\\(a*\\)*', '(?:ab)+', '(a*)?']) expect(hasNestedRepetition(good), good).toBe(false);
    const r = compileGrepPatterns(['(a*)*b'], { syntax: 'extended', ignoreCase: false, words: false, lines: false });
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/not supported in this sandbox/) });
    expect(compileGrepPatterns(['inet (addr:)?[0-9]+'], { syntax: 'extended', ignoreCase: false, words: false, lines: false }).ok).toBe(true);
  });
});
