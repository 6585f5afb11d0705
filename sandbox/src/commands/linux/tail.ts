/**
 * tail: the last part of files (GNU coreutils 8.32, Ubuntu 22.04; tail.c is the source of truth).
 * -n NUM / -NUM lines (10 by default), -n +NUM from line NUM on, -c NUM / -c +NUM bytes, -q/-v
 * headers as head prints them, the old forms `tail -5`, `tail -5c`, `tail +5` (one file at most).
 * -f/-F (following a file as it grows) is not supported in this sandbox; as in GNU, it is
 * ignored when the only input is a pipe. Bytes are counted in UTF-8, whole characters only.
 */
import type { CommandSpec } from '../../shell/registry';
import type { ExecContext } from '../../shell/context';
import type { Proc } from '../../shell/process';
import { getopt } from '../../shell/args';
import { expandOptionalLong, parseCount, quote, quoteAlways, tryHelp, versionText } from './gnu-coreutils';
import { eachLine, headBytes, Inputs, interrupted, linesWithEnds, Output, readableInputs, readTerminalText, tailBytes } from './text-io';

const HELP = `Usage: tail [OPTION]... [FILE]...
Print the last 10 lines of each FILE; with several FILEs, put a header with its name before each.
With no FILE, or when FILE is -, read standard input.

  -n, --lines=[+]NUM   print the last NUM lines; with +NUM, print from line NUM on
  -c, --bytes=[+]NUM   print the last NUM bytes; with +NUM, print from byte NUM on
  -q, --quiet          never print the headers
  -v, --verbose        always print the headers
  -NUM                 the same as -n NUM
NUM may end in b (512), K (1024), M (1024*1024), KB (1000), MB, G, ...
Following a file as it grows (-f, -F, --follow) is not supported in this sandbox.
`;

interface TailOptions {
  count: number;
  lines: boolean;
  /** +NUM: start at unit NUM instead of printing the last NUM. */
  fromStart: boolean;
  headers: 'multiple' | 'always' | 'never';
  follow: boolean;
}

function tailOf(text: string, o: TailOptions): string {
  if (o.lines) {
    const lines = linesWithEnds(text);
    if (o.fromStart) return lines.slice(Math.max(0, o.count - 1)).join('');
    return o.count >= lines.length ? text : lines.slice(lines.length - o.count).join('');
  }
  if (o.fromStart) return text.slice(headBytes(text, Math.max(0, o.count - 1)).length);
  return tailBytes(text, o.count);
}

/** GNU's obsolete usage: `tail -NUM[bcl][f] [FILE]` and `tail +NUM...` with at most one file. */
function parseObsolete(argv: readonly string[], o: TailOptions): boolean | 'bad' {
  const a = argv[0];
  if (a === undefined) return false;
  const oneFile =
    argv.length === 1 ||
    (argv.length === 2 && !(argv[1]!.startsWith('-') && argv[1]!.length > 1)) ||
    ((argv.length === 2 || argv.length === 3) && argv[1] === '--');
  if (!oneFile) return false;
  let fromStart: boolean;
  let p: string;
  if (a.startsWith('+')) {
    fromStart = true;
    p = a.slice(1);
  } else if (a.startsWith('-')) {
    p = a.slice(1);
    if (!(p[0] === 'c' ? p[1] : p[0])) return false;
    fromStart = false;
  } else {
    return false;
  }
  const m = /^(\d*)([bcl]?)(f?)$/.exec(p);
  if (!m) return false;
  let lines = true;
  let count = 10;
  if (m[2] === 'b') count *= 512;
  if (m[2] === 'b' || m[2] === 'c') lines = false;
  if (m[1] !== '') {
    const n = parseCount(m[1]! + (m[2] === 'b' ? 'b' : ''));
    if (n === undefined) return 'bad';
    count = n;
  }
  Object.assign(o, { count, lines, fromStart, follow: m[3] === 'f' });
  return true;
}

function* tail(ctx: ExecContext, argv: string[]): Proc {
  const o: TailOptions = { count: 10, lines: true, fromStart: false, headers: 'multiple', follow: false };
  let operands: string[];
  const obsolete = parseObsolete(argv, o);
  if (obsolete === 'bad') {
    ctx.err(`tail: invalid number: ${quote(argv[0]!)}\n`);
    return 1;
  }
  if (obsolete) {
    operands = argv.slice(1).filter((a, i) => !(i === 0 && a === '--'));
  } else {
    const args = expandOptionalLong(argv, 'follow', 'fo', 'descriptor', { short: 'cns', long: ['bytes', 'lines', 'max-unchanged-stats', 'pid', 'sleep-interval'] });
    const p = getopt('tail', args, {
      short: 'c:n:fFqs:vz0123456789',
      long: [
        { name: 'bytes', arg: 'required', key: 'c' },
        { name: 'lines', arg: 'required', key: 'n' },
        { name: 'follow', arg: 'required', key: 'f' },
        { name: 'max-unchanged-stats', arg: 'required' },
        { name: 'pid', arg: 'required' },
        { name: 'quiet', arg: 'none', key: 'q' },
        { name: 'silent', arg: 'none', key: 'q' },
        { name: 'retry', arg: 'none' },
        { name: 'sleep-interval', arg: 'required', key: 's' },
        { name: 'verbose', arg: 'none', key: 'v' },
        { name: 'zero-terminated', arg: 'none', key: 'z' },
        { name: 'help', arg: 'none' },
        { name: 'version', arg: 'none' },
      ],
    });
    if (!p.ok) {
      ctx.err(`${p.error}\n${tryHelp('tail')}`);
      return 1;
    }
    let retry = false;
    let pid = false;
    for (const [k, raw] of p.opts.list) {
      const v = raw === true ? '' : raw;
      if (k === 'c' || k === 'n') {
        o.lines = k === 'n';
        o.fromStart = v.startsWith('+');
        const text = v.startsWith('-') ? v.slice(1) : v;
        const n = parseCount(text);
        if (n === undefined) {
          ctx.err(`tail: invalid number of ${o.lines ? 'lines' : 'bytes'}: ${quote(text)}\n`);
          return 1;
        }
        o.count = n;
      } else if (k === 'f' || k === 'F') {
        if (k === 'f' && v !== '' && v !== 'name' && v !== 'descriptor') {
          ctx.err(`tail: invalid argument ${quote(v)} for ${quote('--follow')}\nValid arguments are:\n  - ${quote('descriptor')}\n  - ${quote('name')}\n${tryHelp('tail')}`);
          return 1;
        }
        o.follow = true;
      } else if (k === 'q') o.headers = 'never';
      else if (k === 'v') o.headers = 'always';
      else if (k === 's') {
        if (!/^\d+(\.\d*)?$|^\.\d+$/.test(v)) {
          ctx.err(`tail: invalid number of seconds: ${quote(v)}\n`);
          return 1;
        }
      } else if (k === 'retry') retry = true;
      else if (k === 'pid') pid = true;
      else if (k === 'z') {
        ctx.err('tail: -z (NUL-separated lines) is not supported in this sandbox\n');
        return 1;
      } else if (k === 'help') {
        ctx.out(HELP);
        return 0;
      } else if (k === 'version') {
        ctx.out(versionText('tail', 'coreutils', 'Written by Paul Rubin, David MacKenzie, Ian Lance Taylor,\nand Jim Meyering.\n'));
        return 0;
      } else if (k >= '0' && k <= '9') {
        ctx.err(`tail: option used in invalid context -- ${k}\n${tryHelp('tail')}`);
        return 1;
      }
    }
    if (retry && !o.follow) ctx.err('tail: warning: --retry ignored; --retry is useful only when following\n');
    if (pid && !o.follow) ctx.err('tail: warning: PID ignored; --pid=PID is useful only when following\n');
    operands = [...p.opts.operands];
  }
  const files = operands.length ? operands : ['-'];
  if (o.follow) {
    // GNU ignores -f when the only input is a pipe; anything else would have to be followed.
    const onlyPipe = files.every((f) => f === '-') && ctx.stdin !== undefined;
    if (!onlyPipe) {
      ctx.err('tail: following a file as it grows (-f) is not supported in this sandbox\n');
      return 1;
    }
  }
  const headers = o.headers === 'always' || (o.headers === 'multiple' && files.length > 1);
  const out = new Output(ctx);
  const inputs = new Inputs(ctx);
  const failed = { value: false };
  for (const input of readableInputs('tail', files, headers, out, inputs, quoteAlways, failed)) {
    if (input.kind === 'text') {
      out.write(tailOf(input.text, o));
      continue;
    }
    // The terminal: with +NUM lines show as they are typed; the last lines need the whole input.
    if (o.lines && o.fromStart) {
      out.lineBuffered = true;
      let skip = Math.max(0, o.count - 1);
      const end = yield* eachLine(ctx, input, (line) => {
        if (skip > 0) skip--;
        else out.write(line + '\n');
        return true;
      });
      if (end === 'interrupted') {
        out.flush();
        return interrupted(ctx);
      }
      continue;
    }
    const typed = yield* readTerminalText(ctx);
    if (typeof typed !== 'string') {
      out.flush();
      return interrupted(ctx);
    }
    out.write(tailOf(typed, o));
  }
  out.flush();
  return failed.value ? 1 : 0;
}

export const tailCommand: CommandSpec = {
  name: 'tail', family: 'machine', where: 'any',
  summary: 'print the last lines of files',
  usage: 'tail [-n [+]NUM | -c [+]NUM | -NUM] [-qv] [FILE...]',
  options: ['-n', '-c', '-q', '-v'],
  run: tail,
};
