/**
 * grep: print the lines that match patterns (GNU grep 3.7, Ubuntu 22.04; its grep.c is the source
 * of truth for output shapes, exit statuses and messages).
 *
 * Options: -E -F -G, -e PATTERNS, -f FILE, -i/-y, --no-ignore-case, -v, -w, -x, -c, -l, -L, -o, -n,
 * -H, -h, -m NUM, -A/-B/-C NUM and -NUM, --group-separator/--no-group-separator, -q, -s, --label,
 * --color[=never|always|auto] (auto: colour only when stdout is the terminal; GNU's default
 * GREP_COLORS), -a/-I/-U and --binary-files/-D (no effect: the sandbox's files are all text),
 * -d read|skip, --line-buffered, --help. Recursive search (-r, -R, -d recurse), -P and the rest
 * say they are not supported in this sandbox.
 *
 * Output: `file:` before each line when there are several files (or -H), then `N:` with -n;
 * context lines use `-` instead of `:` and groups are separated by `--`. Exit status: 0 if a line
 * was selected, 1 if none, 2 after an error, unless -q found a match (0 at once).
 * Regular expressions: gnu-regex.ts (and what differs from GNU's matcher).
 */
import type { CommandSpec } from '../../shell/registry';
import type { ExecContext } from '../../shell/context';
import type { Proc } from '../../shell/process';
import type { LongOpt } from '../../shell/args';
import { getopt } from '../../shell/args';
import { fsErrorText } from '../../fs/vfs';
import type { LineMatcher, RegexSyntax } from './gnu-regex';
import { compileGrepPatterns } from './gnu-regex';
import { expandOptionalLong, versionText } from './gnu-coreutils';
import { eachLine, Inputs, interrupted, Output } from './text-io';

const USAGE = 'Usage: grep [OPTION]... PATTERNS [FILE]...\n';
const TRY = "Try 'grep --help' for more information.\n";

const HELP = `${USAGE}Print the lines of each FILE that match one of PATTERNS (one pattern per line).
With no FILE, or when FILE is -, read standard input.

How patterns are read:
  -G, --basic-regexp        basic regular expressions (the default)
  -E, --extended-regexp     extended regular expressions: ( ) | + ? { } are operators
  -F, --fixed-strings       plain strings with no special characters
  -e, --regexp=PATTERNS     use PATTERNS (repeat to give several)
  -f, --file=FILE           read patterns from FILE, one per line
  -i, --ignore-case         let upper and lower case match each other
  -w, --word-regexp         match whole words only
  -x, --line-regexp         match whole lines only

What is printed:
  -v, --invert-match        select the lines that do not match
  -c, --count               print only how many lines were selected in each file
  -l, --files-with-matches  print only the names of files with a selected line
  -L, --files-without-match print only the names of files without one
  -o, --only-matching       print only the matching parts, one per line
  -n, --line-number         put the line number before each line
  -H, --with-filename       put the file name before each line (the default for several files)
  -h, --no-filename         never put the file name before lines
  -m, --max-count=NUM       stop after NUM selected lines
  -A, -B, -C NUM            show NUM lines after, before, or around each selected line
  -q, --quiet, --silent     print nothing; the exit status tells whether a line was selected
  -s, --no-messages         say nothing about missing or unreadable files
      --color[=WHEN]        highlight matches: never, always, or auto (only on a terminal)

Exit status: 0 if a line was selected, 1 if none was, 2 after an error (unless -q found one).
Not available in this sandbox: -r and -R (recursive search), -P, -b, -T, -z, -Z, --include, --exclude.
`;

/** GNU's long options (getopt_long): the key is the short letter they stand for. */
const LONG: readonly LongOpt[] = [
  { name: 'basic-regexp', arg: 'none', key: 'G' },
  { name: 'extended-regexp', arg: 'none', key: 'E' },
  { name: 'fixed-strings', arg: 'none', key: 'F' },
  { name: 'fixed-regexp', arg: 'none', key: 'F' },
  { name: 'perl-regexp', arg: 'none', key: 'P' },
  { name: 'after-context', arg: 'required', key: 'A' },
  { name: 'before-context', arg: 'required', key: 'B' },
  { name: 'context', arg: 'required', key: 'C' },
  { name: 'binary-files', arg: 'required' },
  { name: 'byte-offset', arg: 'none', key: 'b' },
  { name: 'color', arg: 'required' },
  { name: 'colour', arg: 'required', key: 'color' },
  { name: 'count', arg: 'none', key: 'c' },
  { name: 'devices', arg: 'required', key: 'D' },
  { name: 'directories', arg: 'required', key: 'd' },
  { name: 'exclude', arg: 'required' },
  { name: 'exclude-from', arg: 'required' },
  { name: 'exclude-dir', arg: 'required' },
  { name: 'file', arg: 'required', key: 'f' },
  { name: 'files-with-matches', arg: 'none', key: 'l' },
  { name: 'files-without-match', arg: 'none', key: 'L' },
  { name: 'group-separator', arg: 'required' },
  { name: 'help', arg: 'none' },
  { name: 'include', arg: 'required' },
  { name: 'ignore-case', arg: 'none', key: 'i' },
  { name: 'no-ignore-case', arg: 'none' },
  { name: 'initial-tab', arg: 'none', key: 'T' },
  { name: 'label', arg: 'required' },
  { name: 'line-buffered', arg: 'none' },
  { name: 'line-number', arg: 'none', key: 'n' },
  { name: 'line-regexp', arg: 'none', key: 'x' },
  { name: 'max-count', arg: 'required', key: 'm' },
  { name: 'no-filename', arg: 'none', key: 'h' },
  { name: 'no-group-separator', arg: 'none' },
  { name: 'no-messages', arg: 'none', key: 's' },
  { name: 'null', arg: 'none', key: 'Z' },
  { name: 'null-data', arg: 'none', key: 'z' },
  { name: 'only-matching', arg: 'none', key: 'o' },
  { name: 'quiet', arg: 'none', key: 'q' },
  { name: 'recursive', arg: 'none', key: 'r' },
  { name: 'dereference-recursive', arg: 'none', key: 'R' },
  { name: 'regexp', arg: 'required', key: 'e' },
  { name: 'invert-match', arg: 'none', key: 'v' },
  { name: 'silent', arg: 'none', key: 'q' },
  { name: 'text', arg: 'none', key: 'a' },
  { name: 'binary', arg: 'none', key: 'U' },
  { name: 'version', arg: 'none', key: 'V' },
  { name: 'with-filename', arg: 'none', key: 'H' },
  { name: 'word-regexp', arg: 'none', key: 'w' },
];

const SHORT = '0123456789A:B:C:D:EFGHIPTUVX:abcd:e:f:hiLlm:noqRrsvwxyZz';
const VALUE_SHORT = 'ABCDXdefm';
const VALUE_LONG = LONG.filter((l) => l.arg === 'required').map((l) => l.name);

/** Options GNU grep has that the sandbox does not emulate. */
const UNSUPPORTED: Readonly<Record<string, string>> = {
  r: '-r (recursive search)',
  R: '-R (recursive search)',
  P: '-P (Perl regular expressions)',
  X: '-X',
  b: '-b (byte offsets)',
  T: '-T (initial tab)',
  Z: '-Z (NUL after file names)',
  z: '-z (NUL-separated lines)',
  exclude: '--exclude',
  'exclude-from': '--exclude-from',
  'exclude-dir': '--exclude-dir',
  include: '--include',
};

/** GNU's default GREP_COLORS: ms=01;31:mc=01;31:sl=:cx=:fn=35:ln=32:bn=32:se=36. */
const MATCH_COLOR = '01;31';
const FILE_COLOR = '35';
const LINE_COLOR = '32';
const SEP_COLOR = '36';

interface GrepOptions {
  syntax: RegexSyntax | 'fixed';
  /** Patterns from -e and -f, or undefined when the first operand is the pattern. */
  keys: string[] | undefined;
  ignoreCase: boolean;
  invert: boolean;
  words: boolean;
  lines: boolean;
  count: boolean;
  listFiles: 'none' | 'with' | 'without';
  maxCount: number;
  lineNumbers: boolean;
  onlyMatching: boolean;
  quiet: boolean;
  noMessages: boolean;
  /** -H: 1, -h: -1, neither: 0. */
  filenameOption: number;
  after: number;
  before: number;
  context: number;
  color: 'never' | 'always' | 'auto';
  groupSeparator: string | undefined;
  label: string;
  skipDirectories: boolean;
  help: boolean;
  version: boolean;
}

type Parsed = { ok: true; o: GrepOptions; operands: string[] } | { ok: false; status: number };

/** Patterns in -e/-f text: one per line (a final newline ends the last one). */
function splitKeys(text: string, fromFile: boolean): string[] {
  if (fromFile) {
    if (text === '') return [];
    return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
  }
  return text.split('\n');
}

function parseOptions(ctx: ExecContext, argv: string[]): Parsed {
  let args = expandOptionalLong(argv, 'color', 'col', 'auto', { short: VALUE_SHORT, long: VALUE_LONG });
  args = expandOptionalLong(args, 'colour', 'colou', 'auto', { short: VALUE_SHORT, long: VALUE_LONG });
  const p = getopt('grep', args, { short: SHORT, long: LONG });
  if (!p.ok) {
    ctx.err(`${p.error}\n${USAGE}${TRY}`);
    return { ok: false, status: 2 };
  }
  const die = (msg: string): Parsed => {
    ctx.err(`grep: ${msg}\n`);
    return { ok: false, status: 2 };
  };
  const contextArg = (v: string): number | undefined => (/^\+?\d+$/.test(v) ? Number(v) : undefined);
  const o: GrepOptions = {
    syntax: 'basic', keys: undefined, ignoreCase: false, invert: false, words: false, lines: false, count: false,
    listFiles: 'none', maxCount: Infinity, lineNumbers: false, onlyMatching: false, quiet: false, noMessages: false,
    filenameOption: 0, after: -1, before: -1, context: -1, color: 'never', groupSeparator: '--', label: '(standard input)',
    skipDirectories: false, help: false, version: false,
  };
  let matcher: string | undefined;
  const setMatcher = (m: RegexSyntax | 'fixed'): boolean => {
    if (matcher !== undefined && matcher !== m) return false;
    matcher = m;
    o.syntax = m;
    return true;
  };
  let digits = '';
  let prevDigit = false;
  for (const [k, raw] of p.opts.list) {
    const v = raw === true ? '' : raw;
    const isDigit = k.length === 1 && k >= '0' && k <= '9';
    if (isDigit) {
      digits = prevDigit ? digits + k : k;
      prevDigit = true;
      o.context = Number(digits);
      continue;
    }
    prevDigit = false;
    const unsupported = UNSUPPORTED[k];
    if (unsupported) return die(`${unsupported} is not supported in this sandbox`);
    switch (k) {
      case 'A':
      case 'B':
      case 'C': {
        const n = contextArg(v);
        if (n === undefined) return die(`${v}: invalid context length argument`);
        if (k === 'A') o.after = n;
        else if (k === 'B') o.before = n;
        else o.context = n;
        break;
      }
      case 'E':
      case 'F':
      case 'G':
        if (!setMatcher(k === 'E' ? 'extended' : k === 'F' ? 'fixed' : 'basic')) return die('conflicting matchers specified');
        break;
      case 'e':
        (o.keys ??= []).push(...splitKeys(v, false));
        break;
      case 'f': {
        let text: string;
        if (v === '-') {
          text = ctx.stdin ?? '';
        } else {
          const input = new Inputs(ctx).open(v);
          if (input.kind === 'missing') return die(`${v}: ${fsErrorText(input.error)}`);
          if (input.kind === 'dir') return die(`${v}: Is a directory`);
          text = input.kind === 'text' ? input.text : '';
        }
        (o.keys ??= []).push(...splitKeys(text, true));
        break;
      }
      case 'i':
      case 'y':
        o.ignoreCase = true;
        break;
      case 'no-ignore-case':
        o.ignoreCase = false;
        break;
      case 'v':
        o.invert = true;
        break;
      case 'w':
        o.words = true;
        break;
      case 'x':
        o.lines = true;
        break;
      case 'c':
        o.count = true;
        break;
      case 'l':
        o.listFiles = 'with';
        break;
      case 'L':
        o.listFiles = 'without';
        break;
      case 'm': {
        if (!/^[-+]?\d+$/.test(v)) return die('invalid max count');
        const n = Number(v);
        o.maxCount = n < 0 ? Infinity : n;
        break;
      }
      case 'n':
        o.lineNumbers = true;
        break;
      case 'o':
        o.onlyMatching = true;
        break;
      case 'q':
        o.quiet = true;
        break;
      case 's':
        o.noMessages = true;
        break;
      case 'H':
        o.filenameOption = 1;
        break;
      case 'h':
        o.filenameOption = -1;
        break;
      case 'color': {
        const w = v.toLowerCase();
        if (['always', 'yes', 'force'].includes(w)) o.color = 'always';
        else if (['never', 'no', 'none'].includes(w)) o.color = 'never';
        else if (['auto', 'tty', 'if-tty'].includes(w)) o.color = 'auto';
        else o.help = true; // GNU sets show_help: an unknown WHEN prints --help's text
        break;
      }
      case 'group-separator':
        o.groupSeparator = v;
        break;
      case 'no-group-separator':
        o.groupSeparator = undefined;
        break;
      case 'label':
        o.label = v;
        break;
      case 'd':
        if (v === 'read') o.skipDirectories = false;
        else if (v === 'skip') o.skipDirectories = true;
        else if (v === 'recurse') return die('-d recurse (recursive search) is not supported in this sandbox');
        else return die(`invalid argument ‘${v}’ for ‘--directories’\nValid arguments are:\n  - ‘read’\n  - ‘recurse’\n  - ‘skip’\n${USAGE}${TRY}`.replace(/\n$/, ''));
        break;
      case 'D':
        if (v !== 'read' && v !== 'skip') return die('unknown devices method');
        break;
      case 'binary-files':
        if (!['binary', 'text', 'without-match'].includes(v)) return die('unknown binary-files type');
        break;
      case 'help':
        o.help = true;
        break;
      case 'V':
        o.version = true;
        break;
      default:
        // -a, -I, -U, --line-buffered: no effect on the sandbox's text files and terminal.
        break;
    }
  }
  return { ok: true, o, operands: [...p.opts.operands] };
}

function sgr(on: boolean, code: string, text: string): string {
  return on ? `\x1b[${code}m\x1b[K${text}\x1b[m\x1b[K` : text;
}

/** One grep run: options, matcher and the state shared across files. */
class GrepRun {
  /** Something has been printed, so the next non-adjacent group gets a separator (GNU's static `used`). */
  used = false;
  anySelected = false;
  errorSeen = false;
  readonly contextOn: boolean;

  constructor(
    readonly o: GrepOptions,
    readonly matcher: LineMatcher,
    readonly out: Output,
    readonly color: boolean,
    readonly withFilename: boolean,
  ) {
    this.contextOn = o.before >= 0 || o.after >= 0;
  }
}

/** Scanning one input, line by line (the same for a file's text and for typed lines). */
class FileScan {
  private n = 0;
  /** The line number last printed (0: none yet in this file). */
  private lastOut = 0;
  /** Trailing context lines still to print. */
  private pending = 0;
  count = 0;
  private outleft: number;
  private beforeBuf: Array<[number, string]> = [];

  constructor(
    private readonly g: GrepRun,
    private readonly name: string,
  ) {
    this.outleft = g.o.maxCount;
  }

  private head(n: number, sep: string): string {
    const { o, color } = this.g;
    let h = '';
    if (this.g.withFilename) h += sgr(color, FILE_COLOR, this.name) + sgr(color, SEP_COLOR, sep);
    if (o.lineNumbers) h += sgr(color, LINE_COLOR, String(n)) + sgr(color, SEP_COLOR, sep);
    return h;
  }

  /** GNU's prline: a selected (':') or context ('-') line. */
  private printLine(n: number, line: string, sep: ':' | '-'): void {
    const { o, out, color, matcher } = this.g;
    const matching = (sep === ':') !== o.invert;
    if (o.onlyMatching) {
      if (!matching) return;
      for (const [s, e] of matcher.matches(line)) {
        out.write(this.head(n, o.invert ? '-' : ':') + sgr(color, MATCH_COLOR, line.slice(s, e)) + '\n');
      }
      return;
    }
    let body = line;
    if (color && matching) {
      body = '';
      let cur = 0;
      for (const [s, e] of matcher.matches(line)) {
        body += line.slice(cur, s) + sgr(true, MATCH_COLOR, line.slice(s, e));
        cur = e;
      }
      body += line.slice(cur);
    }
    out.write(this.head(n, sep) + body + '\n');
  }

  /** One input line: 'more', 'stop' (nothing more to do in this file) or 'quit' (-q matched). */
  feed(line: string): 'more' | 'stop' | 'quit' {
    const g = this.g;
    const o = g.o;
    const n = ++this.n;
    if (this.outleft <= 0) {
      // -m reached: only the trailing context is left.
      if (this.pending > 0) {
        this.printLine(n, line, '-');
        this.pending--;
        this.lastOut = n;
      }
      return this.pending > 0 ? 'more' : 'stop';
    }
    const selected = g.matcher.test(line) !== o.invert;
    if (!selected) {
      if (this.pending > 0) {
        this.printLine(n, line, '-');
        this.pending--;
        this.lastOut = n;
      } else if (o.before > 0) {
        this.beforeBuf.push([n, line]);
        if (this.beforeBuf.length > o.before) this.beforeBuf.shift();
      }
      return 'more';
    }
    this.count++;
    this.outleft--;
    g.anySelected = true;
    if (o.quiet) return 'quit';
    if (o.listFiles !== 'none') return 'stop';
    if (o.count) return this.outleft > 0 ? 'more' : 'stop';
    const before = this.beforeBuf;
    this.beforeBuf = [];
    const from = before.length ? before[0]![0] : n;
    if (g.contextOn && g.used && (this.lastOut === 0 || from !== this.lastOut + 1) && o.groupSeparator !== undefined) {
      g.out.write(sgr(g.color, SEP_COLOR, o.groupSeparator) + '\n');
    }
    for (const [cn, cl] of before) this.printLine(cn, cl, '-');
    this.printLine(n, line, ':');
    this.lastOut = n;
    this.pending = Math.max(0, o.after);
    g.used = true;
    return this.outleft > 0 || this.pending > 0 ? 'more' : 'stop';
  }

  /** End of the input: -c's count, -l/-L's file name. */
  finish(): void {
    const g = this.g;
    const o = g.o;
    if (o.count) {
      const prefix = g.withFilename ? sgr(g.color, FILE_COLOR, this.name) + sgr(g.color, SEP_COLOR, ':') : '';
      g.out.write(`${prefix}${this.count}\n`);
    }
    if ((o.listFiles === 'with' && this.count > 0) || (o.listFiles === 'without' && this.count === 0)) {
      g.out.write(sgr(g.color, FILE_COLOR, this.name) + '\n');
    }
  }
}

function* grep(ctx: ExecContext, argv: string[]): Proc {
  const parsed = parseOptions(ctx, argv);
  if (!parsed.ok) return parsed.status;
  const { o } = parsed;
  const operands = parsed.operands;
  if (o.version) {
    ctx.out(versionText('grep', 'grep', 'Written by Mike Haertel and others; see\n<https://git.sv.gnu.org/cgit/grep.git/tree/AUTHORS>.\n'));
    return 0;
  }
  if (o.help) {
    ctx.out(HELP);
    return 0;
  }
  let patterns: string[];
  if (o.keys !== undefined) {
    patterns = o.keys;
  } else if (operands.length) {
    patterns = splitKeys(operands.shift()!, false);
  } else {
    ctx.err(USAGE + TRY);
    return 2;
  }
  if (patterns.length === 0) {
    // No patterns at all (-f of an empty file): nothing matches, so -v selects every line.
    o.invert = !o.invert;
    o.words = o.lines = false;
    patterns = [''];
  }
  // -q beats -l/-L, which beat -c (POSIX calls them exclusive; GNU ranks them).
  if (o.quiet) o.listFiles = 'none';
  if (o.quiet || o.listFiles !== 'none') o.count = false;
  if (o.after < 0) o.after = o.context;
  if (o.before < 0) o.before = o.context;
  const emptyKeys = patterns.length === 1 && patterns[0] === '';
  if ((o.maxCount === 0 || (emptyKeys && o.invert && !o.lines && !o.words)) && o.listFiles !== 'without') return 1;
  const compiled = compileGrepPatterns(patterns, { syntax: o.syntax, ignoreCase: o.ignoreCase, words: o.words, lines: o.lines });
  if (!compiled.ok) {
    ctx.err(`grep: ${compiled.error}\n`);
    return 2;
  }
  const files = operands.length ? operands : ['-'];
  const withFilename = o.filenameOption === 0 ? files.length > 1 : o.filenameOption > 0;
  const color = o.color === 'always' || (o.color === 'auto' && ctx.isTty);
  const out = new Output(ctx);
  const g = new GrepRun(o, compiled.matcher, out, color, withFilename);
  const inputs = new Inputs(ctx);
  for (const file of files) {
    const name = file === '-' ? o.label : file;
    const input = inputs.open(file);
    if (input.kind === 'missing') {
      if (!o.noMessages) out.err(`grep: ${name}: ${fsErrorText(input.error)}\n`);
      g.errorSeen = true;
      continue;
    }
    const scan = new FileScan(g, name);
    if (input.kind === 'dir') {
      if (o.skipDirectories) continue;
      if (!o.noMessages) out.err(`grep: ${name}: Is a directory\n`);
      g.errorSeen = true;
      scan.finish();
      continue;
    }
    out.lineBuffered = input.kind === 'terminal';
    let quit = false;
    const end = yield* eachLine(ctx, input, (line) => {
      const r = scan.feed(line);
      if (r === 'quit') quit = true;
      return r === 'more';
    });
    if (end === 'interrupted') {
      out.flush();
      return interrupted(ctx);
    }
    if (quit) {
      out.flush();
      return 0;
    }
    scan.finish();
  }
  out.flush();
  return g.errorSeen ? 2 : g.anySelected ? 0 : 1;
}

export const grepCommand: CommandSpec = {
  name: 'grep', family: 'machine', where: 'any',
  summary: 'print the lines that match a pattern',
  usage: 'grep [-EFGivwxcloqsnHh] [-m NUM] [-A NUM] [-B NUM] [-C NUM] [--color[=WHEN]] [-e PATTERN]... [PATTERN] [FILE...]',
  options: ['-E', '-F', '-i', '-v', '-w', '-x', '-c', '-l', '-L', '-o', '-q', '-s', '-n', '-H', '-h', '-m', '-A', '-B', '-C', '-e', '-f', '--color=auto', '--color=always', '--color=never'],
  run: grep,
};
