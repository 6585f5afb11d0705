/**
 * uniq: collapse runs of equal adjacent lines (GNU coreutils 8.32, Ubuntu 22.04; uniq.c is the
 * source of truth). -c counts (`%7d ` before the line), -d only repeated lines (once), -D every
 * line of a repeated run, -u only lines that are not repeated, -i ignore case (ASCII), -f N skip
 * fields, -s N skip characters, -w N compare at most N characters. `uniq INPUT OUTPUT` writes
 * OUTPUT. Lines stream as they are read, so typed lines come out as soon as a run ends.
 */
import type { CommandSpec } from '../../shell/registry';
import type { ExecContext } from '../../shell/context';
import type { Proc } from '../../shell/process';
import { getopt } from '../../shell/args';
import { fsErrorText, resolvePath } from '../../fs/vfs';
import { quote, quoteAlways, quoteIfNeeded, tryHelp, versionText } from './gnu-coreutils';
import { eachLine, Inputs, interrupted, Output } from './text-io';

const HELP = `Usage: uniq [OPTION]... [INPUT [OUTPUT]]
Print INPUT (or standard input) to OUTPUT (or standard output), with each run of equal
adjacent lines written once. Lines that are equal but not next to each other stay: sort first.

  -c, --count           put the number of times a line came before it
  -d, --repeated        print only lines that came more than once, once each
  -D                    print every line that came more than once
  -u, --unique          print only lines that came just once
  -i, --ignore-case     let case differ between equal lines
  -f, --skip-fields=N   do not compare the first N fields (blanks then non-blanks)
  -s, --skip-chars=N    do not compare the first N characters (after skipped fields)
  -w, --check-chars=N   compare at most N characters
`;

interface UniqOptions {
  count: boolean;
  /** Which lines to print: once-only lines, the first of a repeated run, the rest of a run. */
  unique: boolean;
  firstRepeated: boolean;
  laterRepeated: boolean;
  ignoreCase: boolean;
  skipFields: number;
  skipChars: number;
  checkChars: number;
}

/** The part of the line that is compared (uniq.c find_field and different). */
function field(line: string, o: UniqOptions): string {
  let i = 0;
  const size = line.length;
  for (let n = 0; n < o.skipFields && i < size; n++) {
    while (i < size && (line[i] === ' ' || line[i] === '\t')) i++;
    while (i < size && line[i] !== ' ' && line[i] !== '\t') i++;
  }
  i += Math.min(o.skipChars, size - i);
  let f = line.slice(i, o.checkChars === Infinity ? undefined : i + o.checkChars);
  if (o.ignoreCase) f = f.replace(/[a-z]/g, (c) => c.toUpperCase());
  return f;
}

function* uniq(ctx: ExecContext, argv: string[]): Proc {
  const p = getopt('uniq', argv, {
    short: '0123456789Dcdf:is:uw:z',
    long: [
      { name: 'count', arg: 'none', key: 'c' },
      { name: 'repeated', arg: 'none', key: 'd' },
      { name: 'all-repeated', arg: 'none', key: 'D' },
      { name: 'group', arg: 'none' },
      { name: 'ignore-case', arg: 'none', key: 'i' },
      { name: 'unique', arg: 'none', key: 'u' },
      { name: 'skip-fields', arg: 'required', key: 'f' },
      { name: 'skip-chars', arg: 'required', key: 's' },
      { name: 'check-chars', arg: 'required', key: 'w' },
      { name: 'zero-terminated', arg: 'none', key: 'z' },
      { name: 'help', arg: 'none' },
      { name: 'version', arg: 'none' },
    ],
  });
  if (!p.ok) {
    ctx.err(`${p.error}\n${tryHelp('uniq')}`);
    return 1;
  }
  const o: UniqOptions = {
    count: false, unique: true, firstRepeated: true, laterRepeated: false, ignoreCase: false, skipFields: 0, skipChars: 0, checkChars: Infinity,
  };
  const size = (v: string, what: string): number | undefined => {
    if (!/^\+?\d+$/.test(v)) {
      ctx.err(`uniq: ${v}: ${what}\n`);
      return undefined;
    }
    return Number(v);
  };
  let digits = '';
  for (const [k, raw] of p.opts.list) {
    const v = raw === true ? '' : raw;
    if (k >= '0' && k <= '9' && k.length === 1) {
      // The old form -N: skip N fields.
      digits += k;
      o.skipFields = Number(digits);
      continue;
    }
    switch (k) {
      case 'c':
        o.count = true;
        break;
      case 'd':
        o.unique = false;
        break;
      case 'D':
        o.unique = false;
        o.laterRepeated = true;
        break;
      case 'u':
        o.firstRepeated = false;
        break;
      case 'i':
        o.ignoreCase = true;
        break;
      case 'f': {
        const n = size(v, 'invalid number of fields to skip');
        if (n === undefined) return 1;
        o.skipFields = n;
        break;
      }
      case 's': {
        const n = size(v, 'invalid number of bytes to skip');
        if (n === undefined) return 1;
        o.skipChars = n;
        break;
      }
      case 'w': {
        const n = size(v, 'invalid number of bytes to compare');
        if (n === undefined) return 1;
        o.checkChars = n;
        break;
      }
      case 'z':
        ctx.err('uniq: -z (NUL-separated lines) is not supported in this sandbox\n');
        return 1;
      case 'group':
        ctx.err('uniq: --group is not supported in this sandbox\n');
        return 1;
      case 'help':
        ctx.out(HELP);
        return 0;
      case 'version':
        ctx.out(versionText('uniq', 'coreutils', 'Written by Richard M. Stallman and David MacKenzie.\n'));
        return 0;
      default:
        break;
    }
  }
  if (o.count && o.laterRepeated) {
    ctx.err(`uniq: printing all duplicated lines and repeat counts is meaningless\n${tryHelp('uniq')}`);
    return 1;
  }
  const operands = p.opts.operands;
  if (operands.length > 2) {
    ctx.err(`uniq: extra operand ${quote(operands[2]!)}\n${tryHelp('uniq')}`);
    return 1;
  }
  const inName = operands[0] ?? '-';
  const outName = operands[1] ?? '-';
  const input = new Inputs(ctx).open(inName);
  if (input.kind === 'missing') {
    ctx.err(`uniq: ${quoteIfNeeded(inName)}: ${fsErrorText(input.error)}\n`);
    return 1;
  }
  // OUTPUT is opened (created, emptied) before anything is read.
  let outPath: string | undefined;
  if (outName !== '-') {
    outPath = resolvePath(outName, ctx.shell.cwd, ctx.shell.home);
    const e = outPath === '/dev/null' ? undefined : ctx.sandbox.fs.writeFile(outPath, '');
    if (e) {
      ctx.err(`uniq: ${quoteIfNeeded(outName)}: ${fsErrorText(e)}\n`);
      return 1;
    }
  }
  const out = new Output(ctx);
  let fileText = '';
  const write = (s: string): void => {
    if (outPath === undefined) out.write(s);
    else fileText += s;
  };
  if (input.kind === 'dir') {
    ctx.err(`uniq: error reading ${quoteAlways(inName)}\n`);
    return 1;
  }
  out.lineBuffered = input.kind === 'terminal';
  // uniq.c check_file: the previous line, its compared part and how many times it came.
  let prev: string | undefined;
  let prevField = '';
  let repeats = 0;
  const writeLine = (line: string, match: boolean, n: number): void => {
    const wanted = n === 0 ? o.unique : !match ? o.firstRepeated : o.laterRepeated;
    if (!wanted) return;
    write((o.count ? `${String(n + 1).padStart(7)} ` : '') + line + '\n');
  };
  // Plain uniq writes the first line of each run at once (uniq.c's first branch).
  const plain = o.unique && o.firstRepeated && !o.laterRepeated && !o.count;
  const end = yield* eachLine(ctx, input, (line) => {
    const f = field(line, o);
    if (plain) {
      if (prev === undefined || f !== prevField) write(line + '\n');
      prev = line;
      prevField = f;
      return true;
    }
    if (prev === undefined) {
      prev = line;
      prevField = f;
      return true;
    }
    const match = f === prevField;
    if (match) repeats++;
    if (!match || o.laterRepeated) {
      writeLine(prev, match, repeats);
      prev = line;
      prevField = f;
      if (!match) repeats = 0;
    }
    return true;
  });
  if (end === 'interrupted') {
    out.flush();
    return interrupted(ctx);
  }
  if (prev !== undefined && !plain) writeLine(prev, false, repeats);
  out.flush();
  if (outPath !== undefined && outPath !== '/dev/null') ctx.sandbox.fs.writeFile(outPath, fileText);
  return 0;
}

export const uniqCommand: CommandSpec = {
  name: 'uniq', family: 'machine', where: 'any',
  summary: 'collapse runs of equal adjacent lines',
  usage: 'uniq [-cdDiu] [-f N] [-s N] [-w N] [INPUT [OUTPUT]]',
  options: ['-c', '-d', '-D', '-u', '-i', '-f', '-s', '-w'],
  run: uniq,
};
