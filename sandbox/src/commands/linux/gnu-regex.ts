/**
 * GNU regular expressions, as grep reads them, translated to JavaScript RegExp source (flag 'u').
 * Source of truth: GNU grep 3.7 on Ubuntu 22.04 (glibc 2.35 regcomp checks each pattern with
 * RE_SYNTAX_GREP / RE_SYNTAX_EGREP, then grep's dfa.c matches; messages are glibc's and dfa.c's).
 *
 * Basic (BRE, grep -G): \( \) \{ \} \| \+ \? are the operators; ( ) { } | + ? are plain characters.
 * `*` (and \+ \? \{) at the start of an expression, after \( or \|, or after an anchor, is a plain
 * character. `^` is an anchor only at the start of an expression, `$` only at its end (before \)
 * or \|). Extended (ERE, grep -E): ( ) { } | + ? are operators; a lone `)` and a `{` that does not
 * start a valid interval are plain characters; a repetition operator with nothing before it
 * repeats the empty string. Both: \1..\9 back-references, bracket expressions with [:class:],
 * [=c=] and [.c.], and GNU's \w \W \s \S \b \B \< \> \` \'. Inside brackets a backslash is itself.
 *
 * What differs from GNU (JavaScript's engine backtracks and takes the first match it finds):
 * - GNU reports the leftmost-LONGEST match; here the leftmost match whose alternatives come first.
 *   Which lines match never differs; the text `grep -o` prints and --color highlights can
 *   (`grep -oE 'ab|abc'` prints ab here, abc on GNU). Fixed strings (-F) are tried longest first,
 *   so they agree.
 * - A back-reference to a group that did not take part matches the empty string (GNU: no match).
 * - Collation is code point order (C.UTF-8): a range is a code point range, [=a=] is just `a`,
 *   [.x.] only a single character. Classes use Unicode properties ([[:alpha:]] is \p{L}), close to
 *   glibc's UTF-8 tables but not identical.
 * - Nested repetitions can backtrack for a long time on long lines; GNU's DFA never does.
 */

export type RegexSyntax = 'basic' | 'extended';

export type Translation =
  | { readonly ok: true; readonly source: string; readonly groups: number }
  | { readonly ok: false; readonly error: string };

/** Characters GNU counts as part of a word (-w, \w, \<, \>): letters, digits and underscore. */
export const WORD_CHARS = '\\p{L}\\p{Nd}_';
const W = `[${WORD_CHARS}]`;

/** glibc's regerror texts and dfa.c's messages (grep prints them after "grep: "). */
export const REGEX_ERRORS = {
  brack: 'Unmatched [, [^, [:, [., or [=',
  paren: 'Unmatched ( or \\(',
  rparen: 'Unmatched ) or \\)',
  brace: 'Unmatched \\{',
  badbr: 'Invalid content of \\{\\}',
  range: 'Invalid range end',
  ctype: 'Invalid character class name',
  collate: 'Invalid collation character',
  escape: 'Trailing backslash',
  subreg: 'Invalid back reference',
  size: 'Regular expression too big',
  colon: 'character class syntax is [[:space:]], not [:space:]',
} as const;

/** Bracket expression classes in a UTF-8 locale, as JavaScript class contents. */
const CLASSES: Readonly<Record<string, string>> = {
  alpha: '\\p{L}',
  digit: '0-9',
  alnum: '\\p{L}\\p{Nd}',
  upper: '\\p{Lu}',
  lower: '\\p{Ll}',
  space: '\\s',
  blank: ' \\t\\p{Zs}',
  punct: '\\p{P}\\p{S}',
  print: '\\P{C}',
  graph: '\\p{L}\\p{M}\\p{N}\\p{P}\\p{S}',
  cntrl: '\\p{Cc}',
  xdigit: '0-9A-Fa-f',
};

/** GNU's largest repetition count (RE_DUP_MAX). */
const DUP_MAX = 0x7fff;

/** A character as a JavaScript pattern outside a class. */
export function escapeChar(ch: string): string {
  return /[\^$\\.*+?()[\]{}|/]/.test(ch) ? '\\' + ch : ch;
}

/** A string matched literally (grep -F). */
export function escapeLiteral(s: string): string {
  let r = '';
  for (const ch of s) r += escapeChar(ch);
  return r;
}

function escapeClassChar(ch: string): string {
  return /[\\\][^-]/.test(ch) ? '\\' + ch : ch;
}

interface Item {
  src: string;
  /** 'assertion': zero-width (anchors, \<, \b...): a repetition after it starts afresh, as in GNU. */
  kind: 'atom' | 'repeated' | 'assertion';
}

interface Frame {
  readonly alts: string[];
  items: Item[];
  /** The group number this frame closes (0 for the whole pattern). */
  readonly group: number;
}

class Fail {
  constructor(readonly message: string) {}
}

type Elem = { readonly kind: 'char'; readonly ch: string } | { readonly kind: 'class'; readonly src: string };

class Translator {
  private i = 0;
  private groups = 0;
  private readonly closed = new Set<number>();
  private colonClass = false;
  private readonly stack: Frame[] = [{ alts: [], items: [], group: 0 }];

  constructor(
    private readonly p: string,
    private readonly ere: boolean,
    /** Groups of earlier patterns in the same RegExp: back-references are renumbered past them. */
    private readonly groupBase: number,
  ) {}

  run(): Translation {
    try {
      while (this.i < this.p.length) this.step();
      if (this.stack.length > 1) throw new Fail(REGEX_ERRORS.paren);
      if (this.colonClass) throw new Fail(REGEX_ERRORS.colon);
      const top = this.stack[0]!;
      return { ok: true, source: [...top.alts, this.joinItems(top.items)].join('|'), groups: this.groups };
    } catch (e) {
      if (e instanceof Fail) return { ok: false, error: e.message };
      throw e;
    }
  }

  private get frame(): Frame {
    return this.stack[this.stack.length - 1]!;
  }

  private joinItems(items: Item[]): string {
    return items.map((it) => it.src).join('');
  }

  /** At the start of an expression (GNU's "laststart"): nothing, or only anchors, before us. */
  private atStart(): boolean {
    const items = this.frame.items;
    return items.length === 0 || items[items.length - 1]!.kind === 'assertion';
  }

  private push(src: string, kind: Item['kind'] = 'atom'): void {
    this.frame.items.push({ src, kind });
  }

  private literal(ch: string): void {
    this.push(escapeChar(ch));
  }

  /** Apply a repetition operator (JavaScript syntax) to the last item. */
  private repeat(q: string): void {
    const items = this.frame.items;
    const last = items[items.length - 1];
    // ERE: an operator with nothing to repeat repeats the empty string, which changes nothing.
    if (!last) return;
    if (last.kind === 'atom') last.src += q;
    else last.src = `(?:${last.src})${q}`;
    last.kind = 'repeated';
  }

  private nextChar(): string {
    const cp = this.p.codePointAt(this.i)!;
    const ch = String.fromCodePoint(cp);
    this.i += ch.length;
    return ch;
  }

  private step(): void {
    const p = this.p;
    const c = this.nextChar();
    switch (c) {
      case '\\':
        return this.escape();
      case '.':
        return this.push('[^\\n]');
      case '[':
        return this.push(this.bracket());
      case '*':
        if (this.atStart()) return this.ere ? this.repeat('*') : this.literal('*');
        return this.repeat('*');
      case '^':
        if (this.ere || this.frame.items.length === 0) return this.push('^', 'assertion');
        return this.literal('^');
      case '$':
        if (this.ere || this.i >= p.length || p.startsWith('\\)', this.i) || p.startsWith('\\|', this.i)) {
          return this.push('$', 'assertion');
        }
        return this.literal('$');
      default:
        break;
    }
    if (!this.ere) return this.literal(c);
    switch (c) {
      case '+':
      case '?':
        return this.repeat(c);
      case '{':
        return this.interval();
      case '|':
        return this.alternate();
      case '(':
        return this.open();
      case ')':
        if (this.stack.length === 1) return this.literal(')');
        return this.close();
      default:
        return this.literal(c);
    }
  }

  private escape(): void {
    if (this.i >= this.p.length) throw new Fail(REGEX_ERRORS.escape);
    const c = this.nextChar();
    if (c >= '1' && c <= '9') {
      const n = Number(c);
      if (!this.closed.has(n)) throw new Fail(REGEX_ERRORS.subreg);
      return this.push(`(?:\\${this.groupBase + n})`);
    }
    switch (c) {
      case 'w':
        return this.push(W);
      case 'W':
        return this.push(`[^${WORD_CHARS}]`);
      case 's':
        return this.push('\\s');
      case 'S':
        return this.push('\\S');
      case '<':
        return this.push(`(?<!${W})(?=${W})`, 'assertion');
      case '>':
        return this.push(`(?<=${W})(?!${W})`, 'assertion');
      case 'b':
        return this.push(`(?:(?<!${W})(?=${W})|(?<=${W})(?!${W}))`, 'assertion');
      case 'B':
        return this.push(`(?:(?<=${W})(?=${W})|(?<!${W})(?!${W}))`, 'assertion');
      case '`':
        return this.push('^', 'assertion');
      case "'":
        return this.push('$', 'assertion');
      default:
        break;
    }
    if (this.ere) return this.literal(c);
    switch (c) {
      case '(':
        return this.open();
      case ')':
        if (this.stack.length === 1) throw new Fail(REGEX_ERRORS.rparen);
        return this.close();
      case '|':
        return this.alternate();
      case '{':
        if (this.atStart()) return this.literal('{');
        return this.interval();
      case '+':
      case '?':
        if (this.atStart()) return this.literal(c);
        return this.repeat(c);
      default:
        return this.literal(c);
    }
  }

  private open(): void {
    this.stack.push({ alts: [], items: [], group: ++this.groups });
  }

  private close(): void {
    const f = this.stack.pop()!;
    this.closed.add(f.group);
    this.push(`(${[...f.alts, this.joinItems(f.items)].join('|')})`);
  }

  private alternate(): void {
    const f = this.frame;
    f.alts.push(this.joinItems(f.items));
    f.items = [];
  }

  /** After `{` (ERE) or `\{` (BRE): {M} {M,} {,N} {,} {M,N}. */
  private interval(): void {
    const p = this.p;
    const start = this.i;
    const close = this.ere ? '}' : '\\}';
    const m = /^(\d*)(,(\d*))?/.exec(p.slice(start))!;
    const after = start + m[0].length;
    const valid = p.startsWith(close, after) && (m[1] !== '' || m[2] !== undefined);
    // glibc: an empty interval after something to repeat is an error even in an ERE.
    if (this.ere && after === start && p.startsWith(close, start) && !this.atStart()) throw new Fail(REGEX_ERRORS.badbr);
    if (!valid) {
      // ERE: an invalid interval is plain text (RE_INVALID_INTERVAL_ORD).
      if (this.ere) return this.literal('{');
      throw new Fail(p.indexOf(close, start) < 0 ? REGEX_ERRORS.brace : REGEX_ERRORS.badbr);
    }
    const min = m[1] === '' ? 0 : Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    if (max < min) throw new Fail(REGEX_ERRORS.badbr);
    if ((max === Infinity ? min : max) > DUP_MAX) throw new Fail(REGEX_ERRORS.size);
    this.i = after + close.length;
    // (BRE's \{ at the start never gets here: it is a plain `{` there.)
    this.repeat(m[2] === undefined ? `{${min}}` : max === Infinity ? `{${min},}` : `{${min},${max}}`);
  }

  /** A bracket expression, after its `[`; returns a JavaScript class. */
  private bracket(): string {
    const p = this.p;
    let negate = false;
    if (p[this.i] === '^') {
      negate = true;
      this.i++;
    }
    const contentStart = this.i;
    const parts: string[] = [];
    let first = true;
    for (;;) {
      if (this.i >= p.length) throw new Fail(REGEX_ERRORS.brack);
      if (p[this.i] === ']' && !first) {
        this.i++;
        break;
      }
      first = false;
      const lo = this.bracketElem();
      const isRange = p[this.i] === '-' && this.i + 1 < p.length && p[this.i + 1] !== ']';
      if (!isRange) {
        parts.push(lo.kind === 'class' ? lo.src : escapeClassChar(lo.ch));
        continue;
      }
      this.i++;
      if (lo.kind === 'class') throw new Fail(REGEX_ERRORS.range);
      const hi = this.bracketElem();
      if (hi.kind === 'class' || hi.ch.codePointAt(0)! < lo.ch.codePointAt(0)!) throw new Fail(REGEX_ERRORS.range);
      parts.push(`${escapeClassChar(lo.ch)}-${escapeClassChar(hi.ch)}`);
    }
    // dfa.c: "[:space:]" where "[[:space:]]" was meant is an error in grep 3.7.
    if (/^:[^\]]*:$/.test(p.slice(contentStart, this.i - 1)) && this.i - 1 - contentStart > 2) this.colonClass = true;
    return `[${negate ? '^' : ''}${parts.join('')}]`;
  }

  private bracketElem(): Elem {
    const p = this.p;
    const c = p[this.i];
    const d = p[this.i + 1];
    if (c === '[' && (d === ':' || d === '=' || d === '.')) {
      const end = p.indexOf(d + ']', this.i + 2);
      if (end < 0) throw new Fail(REGEX_ERRORS.brack);
      const name = p.slice(this.i + 2, end);
      this.i = end + 2;
      if (d === ':') {
        const cls = CLASSES[name];
        if (cls === undefined) throw new Fail(REGEX_ERRORS.ctype);
        return { kind: 'class', src: cls };
      }
      const chars = [...name];
      if (chars.length !== 1) throw new Fail(REGEX_ERRORS.collate);
      return { kind: 'char', ch: chars[0]! };
    }
    return { kind: 'char', ch: this.nextChar() };
  }
}

/**
 * Translate one GNU pattern. `groupBase` counts the capturing groups of patterns that come before
 * it in the same RegExp, so its back-references still name its own groups.
 */
export function translateRegex(pattern: string, syntax: RegexSyntax, groupBase = 0): Translation {
  return new Translator(pattern, syntax === 'extended', groupBase).run();
}

export interface GrepPatternOptions {
  readonly syntax: RegexSyntax | 'fixed';
  readonly ignoreCase: boolean;
  /** -w: the match must be a whole word. */
  readonly words: boolean;
  /** -x: the match must be the whole line (wins over -w, as in GNU). */
  readonly lines: boolean;
}

export interface LineMatcher {
  /** Does the line contain a match? */
  test(line: string): boolean;
  /** The non-empty matches, left to right, as [start, end) UTF-16 offsets (for -o and --color). */
  matches(line: string): Array<[number, number]>;
}

/** Compile grep's pattern list (any one may match) into a matcher, or GNU's error message. */
/**
 * Whether a translated (JavaScript) pattern repeats a group that itself repeats, like `(a*)*`
 * or `(a+|b)+`: a backtracking matcher can take minutes on such a pattern and a line that almost
 * matches, and nothing can interrupt a running RegExp, so grep refuses these rather than freeze
 * the sandbox. GNU grep's matcher does not backtrack and has no such limit.
 */
export function hasNestedRepetition(source: string): boolean {
  const stack: boolean[] = [];
  let popped: boolean | undefined;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    const repeats = c === '*' || c === '+' || c === '{';
    if (popped !== undefined && repeats && popped) return true;
    popped = undefined;
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
      continue;
    }
    if (c === '(') stack.push(false);
    else if (c === ')') popped = stack.pop();
    else if (repeats && stack.length > 0) stack[stack.length - 1] = true;
    if (c === ')' && popped && stack.length > 0) stack[stack.length - 1] = true;
  }
  return false;
}

export function compileGrepPatterns(
  patterns: readonly string[], o: GrepPatternOptions,
): { ok: true; matcher: LineMatcher } | { ok: false; error: string } {
  const sources: string[] = [];
  if (o.syntax === 'fixed') {
    // Longest first, so the leftmost match is also the longest one, as GNU reports it.
    const sorted = [...patterns].sort((a, b) => b.length - a.length);
    for (const s of sorted) sources.push(escapeLiteral(s));
  } else {
    let groups = 0;
    for (const s of patterns) {
      const t = translateRegex(s, o.syntax, groups);
      if (!t.ok) return t;
      if (hasNestedRepetition(t.source)) {
        return { ok: false, error: `the pattern ${JSON.stringify(s)} repeats a group that itself repeats; such patterns are not supported in this sandbox (they can run for minutes here)` };
      }
      groups += t.groups;
      sources.push(t.source);
    }
  }
  let body = sources.map((s) => `(?:${s})`).join('|');
  if (o.lines) body = `^(?:${body})$`;
  else if (o.words) body = `(?<!${W})(?:${body})(?!${W})`;
  const flags = o.ignoreCase ? 'iu' : 'u';
  let once: RegExp;
  let global: RegExp;
  try {
    once = new RegExp(body, flags);
    global = new RegExp(body, flags + 'g');
  } catch {
    return { ok: false, error: 'Invalid regular expression' };
  }
  return {
    ok: true,
    matcher: {
      test: (line) => once.test(line),
      matches: (line) => {
        const out: Array<[number, number]> = [];
        let pos = 0;
        while (pos <= line.length) {
          global.lastIndex = pos;
          const m = global.exec(line);
          if (!m) break;
          const end = m.index + m[0].length;
          if (end === m.index) {
            // An empty match: move on by one character; there may be longer matches later.
            const cp = line.codePointAt(m.index);
            pos = m.index + (cp !== undefined && cp > 0xffff ? 2 : 1);
            continue;
          }
          out.push([m.index, end]);
          pos = end;
        }
        return out;
      },
    },
  };
}
