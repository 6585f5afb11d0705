/**
 * sort: sort lines of text (GNU coreutils 8.32, Ubuntu 22.04; sort.c is the source of truth).
 * -n numeric, -r reverse, -u one of each run of equal lines, -k POS1[,POS2] keys (F[.C][bfnr]),
 * -t C field separator, -b ignore leading blanks, -f fold case, -s stable, -o FILE.
 *
 * Comparison as sort.c does it: by each key in turn (a key with no ordering letters of its own takes
 * the global ones), then, unless -s or -u, by the whole line as a last resort (reversed by -r).
 * Fields without -t are a run of blanks followed by non-blanks, so a field starts with its blanks.
 * -n reads an optional '-', digits and a '.' fraction after leading blanks; anything else is 0.
 * Collation is code point order (C.UTF-8): en_US.UTF-8's dictionary-like order is not emulated.
 * Other orderings (-g -h -M -V -R -d -i) and -c/-C/-m/-z are not supported in this sandbox.
 */
import type { CommandSpec } from '../../shell/registry';
import type { ExecContext } from '../../shell/context';
import type { Proc } from '../../shell/process';
import { getopt } from '../../shell/args';
import { fsErrorText, resolvePath } from '../../fs/vfs';
import { quote, quoteIfNeeded, tryHelp, versionText } from './gnu-coreutils';
import { Inputs, interrupted, linesWithEnds, Output, readTerminalText } from './text-io';

const HELP = `Usage: sort [OPTION]... [FILE]...
Write the lines of all FILEs together, sorted, to standard output.
With no FILE, or when FILE is -, read standard input.

  -b, --ignore-leading-blanks  ignore blanks at the start of keys
  -f, --ignore-case            sort lower case as upper case
  -n, --numeric-sort           compare by numeric value
  -r, --reverse                reverse the order
  -k, --key=F[.C][OPTS][,F[.C][OPTS]]  sort on the key from field F (character C) to the
                               end of field F (character C); OPTS are b, f, n, r for this key
  -t, --field-separator=SEP    fields are separated by SEP instead of runs of blanks
  -s, --stable                 keep lines with equal keys in input order
  -u, --unique                 print only the first of lines that compare equal
  -o, --output=FILE            write to FILE instead of standard output
Lines compare in code point order.
`;

interface Ordering {
  numeric: boolean;
  fold: boolean;
  reverse: boolean;
  /** b on the start position. */
  skipStartBlanks: boolean;
  /** b on the end position. */
  skipEndBlanks: boolean;
}

interface Key extends Ordering {
  /** Zero-based field and character where the key starts. */
  sword: number;
  schar: number;
  /** Zero-based field where it ends (Infinity: the end of the line), and the character in it (0: its end). */
  eword: number;
  echar: number;
}

/** Ordering letters the sandbox does not emulate (sort.c's set_ordering). */
const UNSUPPORTED_ORDER: Readonly<Record<string, string>> = {
  d: '-d (dictionary order)', g: '-g (general numeric sort)', h: '-h (human numeric sort)', i: '-i (ignore nonprinting)',
  M: '-M (month sort)', R: '-R (random sort)', V: '-V (version sort)',
};

const UNSUPPORTED_OPTION: Readonly<Record<string, string>> = {
  ...UNSUPPORTED_ORDER,
  c: '-c (check)', C: '-C (check)', m: '-m (merge)', z: '-z (NUL-separated lines)', sort: '--sort', 'random-source': '--random-source',
  'files0-from': '--files0-from', 'compress-program': '--compress-program', debug: '--debug', check: '--check',
};

class SortError {
  constructor(readonly message: string) {}
}

function defaultOrdering(o: Ordering): boolean {
  return !(o.numeric || o.fold || o.skipStartBlanks || o.skipEndBlanks);
}

/** sort.c set_ordering: the letters after a key position. Returns what is left. */
function setOrdering(s: string, o: Ordering, end: boolean): string {
  let i = 0;
  for (; i < s.length; i++) {
    const c = s[i]!;
    if (c === 'b') {
      if (end) o.skipEndBlanks = true;
      else o.skipStartBlanks = true;
    } else if (c === 'f') o.fold = true;
    else if (c === 'n') o.numeric = true;
    else if (c === 'r') o.reverse = true;
    else if (UNSUPPORTED_ORDER[c]) throw new SortError(`${UNSUPPORTED_ORDER[c]} is not supported in this sandbox`);
    else break;
  }
  return s.slice(i);
}

/** Parse -k's KEYDEF with sort.c's messages. */
function parseKey(spec: string): Key {
  const key: Key = { sword: 0, schar: 0, eword: Infinity, echar: 0, numeric: false, fold: false, reverse: false, skipStartBlanks: false, skipEndBlanks: false };
  const count = (s: string, what: string): [number, string] => {
    const m = /^\d+/.exec(s);
    if (!m) throw new SortError(`${what}: invalid count at start of ${quote(s)}`);
    return [Number(m[0]), s.slice(m[0].length)];
  };
  const bad = (why: string): SortError => new SortError(`${why}: invalid field specification ${quote(spec)}`);
  let [n, rest] = count(spec, 'invalid number at field start');
  if (n === 0) throw bad('field number is zero');
  key.sword = n - 1;
  if (rest.startsWith('.')) {
    [n, rest] = count(rest.slice(1), "invalid number after '.'");
    if (n === 0) throw bad('character offset is zero');
    key.schar = n - 1;
  }
  rest = setOrdering(rest, key, false);
  if (rest.startsWith(',')) {
    [n, rest] = count(rest.slice(1), "invalid number after ','");
    if (n === 0) throw bad('field number is zero');
    key.eword = n - 1;
    if (rest.startsWith('.')) [key.echar, rest] = count(rest.slice(1), "invalid number after '.'");
    rest = setOrdering(rest, key, true);
  }
  if (rest !== '') throw bad('stray character in field spec');
  return key;
}

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';

/** Where the key starts in the line (sort.c begfield). */
function begField(line: string, key: Key, tab: string | undefined): number {
  let ptr = 0;
  const lim = line.length;
  let sword = key.sword;
  if (tab !== undefined) {
    while (ptr < lim && sword-- > 0) {
      while (ptr < lim && line[ptr] !== tab) ptr++;
      if (ptr < lim) ptr++;
    }
  } else {
    while (ptr < lim && sword-- > 0) {
      while (ptr < lim && isBlank(line[ptr])) ptr++;
      while (ptr < lim && !isBlank(line[ptr])) ptr++;
    }
  }
  if (key.skipStartBlanks) while (ptr < lim && isBlank(line[ptr])) ptr++;
  return Math.min(lim, ptr + key.schar);
}

/** Where the key ends (sort.c limfield). */
function limField(line: string, key: Key, tab: string | undefined): number {
  if (key.eword === Infinity) return line.length;
  let ptr = 0;
  const lim = line.length;
  let eword = key.eword;
  const echar = key.echar;
  if (echar === 0) eword++; // the whole of the end field
  if (tab !== undefined) {
    while (ptr < lim && eword-- > 0) {
      while (ptr < lim && line[ptr] !== tab) ptr++;
      if (ptr < lim && (eword > 0 || echar !== 0)) ptr++;
    }
  } else {
    while (ptr < lim && eword-- > 0) {
      while (ptr < lim && isBlank(line[ptr])) ptr++;
      while (ptr < lim && !isBlank(line[ptr])) ptr++;
    }
  }
  if (echar !== 0) {
    if (key.skipEndBlanks) while (ptr < lim && isBlank(line[ptr])) ptr++;
    ptr = Math.min(lim, ptr + echar);
  }
  return ptr;
}

interface Num {
  sign: -1 | 0 | 1;
  int: string;
  frac: string;
}

/** The numeric prefix -n reads (sort.c numcompare/strnumcmp, no thousands separator in C.UTF-8). */
function parseNum(s: string): Num {
  const m = /^[ \t]*(-?)(\d*)(?:\.(\d*))?/.exec(s)!;
  const int = m[2]!.replace(/^0+/, '');
  const frac = (m[3] ?? '').replace(/0+$/, '');
  if (int === '' && frac === '') return { sign: 0, int, frac };
  return { sign: m[1] ? -1 : 1, int, frac };
}

function compareNum(a: Num, b: Num): number {
  if (a.sign !== b.sign) return a.sign < b.sign ? -1 : 1;
  if (a.sign === 0) return 0;
  let d = a.int.length - b.int.length;
  if (d === 0) d = a.int < b.int ? -1 : a.int > b.int ? 1 : 0;
  if (d === 0) d = a.frac < b.frac ? -1 : a.frac > b.frac ? 1 : 0;
  return a.sign * Math.sign(d);
}

/** Code point order (JavaScript compares UTF-16 code units, which differs above U+FFFF). */
function unit(u: number): number {
  return u >= 0xd800 && u < 0xe000 ? u + 0x2000 : u >= 0xe000 ? u - 0x800 : u;
}

function compareText(a: string, b: string, fold: boolean): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (fold) {
      // sort's -f folds single bytes only: ASCII a-z.
      if (x >= 97 && x <= 122) x -= 32;
      if (y >= 97 && y <= 122) y -= 32;
      if (x === y) continue;
    }
    return unit(x) < unit(y) ? -1 : 1;
  }
  return a.length - b.length < 0 ? -1 : a.length > b.length ? 1 : 0;
}

interface SortOptions {
  keys: Key[];
  global: Key;
  tab: string | undefined;
  unique: boolean;
  stable: boolean;
  output: string | undefined;
}

function keyCompare(a: string, b: string, o: SortOptions): number {
  for (const key of o.keys) {
    const ta = a.slice(begField(a, key, o.tab), Math.max(begField(a, key, o.tab), limField(a, key, o.tab)));
    const tb = b.slice(begField(b, key, o.tab), Math.max(begField(b, key, o.tab), limField(b, key, o.tab)));
    const diff = key.numeric ? compareNum(parseNum(ta), parseNum(tb)) : compareText(ta, tb, key.fold);
    if (diff) return key.reverse ? -diff : diff;
  }
  return 0;
}

function compareLines(a: string, b: string, o: SortOptions): number {
  if (o.keys.length) {
    const d = keyCompare(a, b, o);
    if (d || o.unique || o.stable) return d;
  }
  const d = compareText(a, b, false);
  return o.global.reverse ? -d : d;
}

function parseOptions(argv: string[]): { o: SortOptions; operands: string[] } | { error: string; status: number } | 'help' | 'version' {
  const p = getopt('sort', argv, {
    short: 'bcCdfghik:mMno:rRsS:t:T:uVy:z',
    long: [
      { name: 'ignore-leading-blanks', arg: 'none', key: 'b' },
      { name: 'check', arg: 'none' },
      { name: 'dictionary-order', arg: 'none', key: 'd' },
      { name: 'ignore-case', arg: 'none', key: 'f' },
      { name: 'general-numeric-sort', arg: 'none', key: 'g' },
      { name: 'human-numeric-sort', arg: 'none', key: 'h' },
      { name: 'ignore-nonprinting', arg: 'none', key: 'i' },
      { name: 'key', arg: 'required', key: 'k' },
      { name: 'merge', arg: 'none', key: 'm' },
      { name: 'month-sort', arg: 'none', key: 'M' },
      { name: 'numeric-sort', arg: 'none', key: 'n' },
      { name: 'output', arg: 'required', key: 'o' },
      { name: 'random-sort', arg: 'none', key: 'R' },
      { name: 'random-source', arg: 'required' },
      { name: 'reverse', arg: 'none', key: 'r' },
      { name: 'sort', arg: 'required' },
      { name: 'stable', arg: 'none', key: 's' },
      { name: 'buffer-size', arg: 'required', key: 'S' },
      { name: 'field-separator', arg: 'required', key: 't' },
      { name: 'temporary-directory', arg: 'required', key: 'T' },
      { name: 'unique', arg: 'none', key: 'u' },
      { name: 'version-sort', arg: 'none', key: 'V' },
      { name: 'zero-terminated', arg: 'none', key: 'z' },
      { name: 'parallel', arg: 'required' },
      { name: 'batch-size', arg: 'required' },
      { name: 'compress-program', arg: 'required' },
      { name: 'debug', arg: 'none' },
      { name: 'files0-from', arg: 'required' },
      { name: 'help', arg: 'none' },
      { name: 'version', arg: 'none' },
    ],
  });
  if (!p.ok) return { error: `${p.error}\n${tryHelp('sort')}`, status: 2 };
  const global: Key = { sword: 0, schar: 0, eword: Infinity, echar: 0, numeric: false, fold: false, reverse: false, skipStartBlanks: false, skipEndBlanks: false };
  const o: SortOptions = { keys: [], global, tab: undefined, unique: false, stable: false, output: undefined };
  try {
    for (const [k, raw] of p.opts.list) {
      const v = raw === true ? '' : raw;
      const unsupported = UNSUPPORTED_OPTION[k];
      if (unsupported) throw new SortError(`${unsupported} is not supported in this sandbox`);
      switch (k) {
        case 'b':
          global.skipStartBlanks = global.skipEndBlanks = true;
          break;
        case 'f':
          global.fold = true;
          break;
        case 'n':
          global.numeric = true;
          break;
        case 'r':
          global.reverse = true;
          break;
        case 'k':
          o.keys.push(parseKey(v));
          break;
        case 'o':
          if (o.output !== undefined && o.output !== v) throw new SortError('multiple output files specified');
          o.output = v;
          break;
        case 's':
          o.stable = true;
          break;
        case 'u':
          o.unique = true;
          break;
        case 't': {
          let tab = v;
          if (tab === '') throw new SortError('empty tab');
          if ([...tab].length > 1) {
            if (tab === '\\0') tab = '\0';
            else throw new SortError(`multi-character tab ${quote(v)}`);
          }
          if (o.tab !== undefined && o.tab !== tab) throw new SortError('incompatible tabs');
          o.tab = tab;
          break;
        }
        case 'help':
          return 'help';
        case 'version':
          return 'version';
        default:
          // -S, -T, --parallel, --batch-size: memory and temporary files, no effect on the order.
          break;
      }
    }
  } catch (e) {
    if (e instanceof SortError) return { error: `sort: ${e.message}\n`, status: 2 };
    throw e;
  }
  // A key with no ordering of its own takes the global one (sort.c main).
  for (const key of o.keys) {
    if (defaultOrdering(key) && !key.reverse) {
      Object.assign(key, { numeric: global.numeric, fold: global.fold, reverse: global.reverse, skipStartBlanks: global.skipStartBlanks, skipEndBlanks: global.skipEndBlanks });
    }
  }
  if (o.keys.length === 0 && !defaultOrdering(global)) o.keys.push({ ...global });
  return { o, operands: [...p.opts.operands] };
}

function* sort(ctx: ExecContext, argv: string[]): Proc {
  const parsed = parseOptions(argv);
  if (parsed === 'help') {
    ctx.out(HELP);
    return 0;
  }
  if (parsed === 'version') {
    ctx.out(versionText('sort', 'coreutils', 'Written by Mike Haertel and Paul Eggert.\n'));
    return 0;
  }
  if ('error' in parsed) {
    ctx.err(parsed.error);
    return parsed.status;
  }
  const { o, operands } = parsed;
  const files = operands.length ? operands : ['-'];
  const inputs = new Inputs(ctx);
  const opened = files.map((f) => inputs.open(f));
  // sort.c check_inputs: every file must be readable before anything is read.
  for (let i = 0; i < files.length; i++) {
    const input = opened[i]!;
    if (input.kind === 'missing') {
      ctx.err(`sort: cannot read: ${quoteIfNeeded(files[i]!)}: ${fsErrorText(input.error)}\n`);
      return 2;
    }
  }
  const lines: string[] = [];
  for (let i = 0; i < files.length; i++) {
    const input = opened[i]!;
    let text: string;
    if (input.kind === 'dir') {
      ctx.err(`sort: read failed: ${quoteIfNeeded(files[i]!)}: Is a directory\n`);
      return 2;
    } else if (input.kind === 'terminal') {
      const typed = yield* readTerminalText(ctx);
      if (typeof typed !== 'string') return interrupted(ctx);
      text = typed;
    } else if (input.kind === 'text') {
      text = input.text;
    } else {
      continue;
    }
    for (const l of linesWithEnds(text)) lines.push(l.endsWith('\n') ? l.slice(0, -1) : l);
  }
  // Array.prototype.sort is stable: lines that compare equal keep their input order.
  const sorted = lines.sort((a, b) => compareLines(a, b, o));
  let text = '';
  let prev: string | undefined;
  for (const l of sorted) {
    if (o.unique && prev !== undefined && compareLines(prev, l, o) === 0) continue;
    text += l + '\n';
    prev = l;
  }
  if (o.output !== undefined) {
    const path = resolvePath(o.output, ctx.shell.cwd, ctx.shell.home);
    const e = ctx.sandbox.fs.writeFile(path, text);
    if (e) {
      ctx.err(`sort: open failed: ${quoteIfNeeded(o.output)}: ${fsErrorText(e)}\n`);
      return 2;
    }
    return 0;
  }
  const out = new Output(ctx);
  out.write(text);
  out.flush();
  return 0;
}

export const sortCommand: CommandSpec = {
  name: 'sort', family: 'machine', where: 'any',
  summary: 'sort lines of text',
  usage: 'sort [-bfnrsu] [-k POS1[,POS2]]... [-t SEP] [-o FILE] [FILE...]',
  options: ['-n', '-r', '-u', '-k', '-t', '-b', '-f', '-s', '-o'],
  run: sort,
};
