/**
 * head: the first part of files (GNU coreutils 8.32, Ubuntu 22.04; head.c is the source of truth).
 * -n NUM / -NUM lines (10 by default), -n -NUM all but the last NUM lines, -c NUM / -c -NUM bytes,
 * -q never and -v always print `==> NAME <==` headers (by default only for several files, with a
 * blank line between). Counts take GNU's suffixes (K, M, b...). Bytes are counted in UTF-8; a
 * character that would be cut in two is left out whole (GNU cuts it).
 */
import type { CommandSpec } from '../../shell/registry';
import type { ExecContext } from '../../shell/context';
import type { Proc } from '../../shell/process';
import { getopt } from '../../shell/args';
import { utf8Length } from '../../fs/vfs';
import { parseCount, quote, quoteAlways, tryHelp, versionText } from './gnu-coreutils';
import { eachLine, headBytes, Inputs, interrupted, linesWithEnds, Output, readableInputs, readTerminalText } from './text-io';

const HELP = `Usage: head [OPTION]... [FILE]...
Print the first 10 lines of each FILE; with several FILEs, put a header with its name before each.
With no FILE, or when FILE is -, read standard input.

  -n, --lines=[-]NUM   print the first NUM lines; with a leading -, all but the last NUM
  -c, --bytes=[-]NUM   print the first NUM bytes; with a leading -, all but the last NUM
  -q, --quiet          never print the headers
  -v, --verbose        always print the headers
  -NUM                 the same as -n NUM
NUM may end in b (512), K (1024), M (1024*1024), KB (1000), MB, G, ...
`;

interface HeadOptions {
  count: number;
  lines: boolean;
  /** Leave out the last `count` units instead of printing the first ones. */
  elide: boolean;
  headers: 'multiple' | 'always' | 'never';
}

/** All but the last n lines (a last line without a newline still counts as one). */
function elideLines(text: string, n: number): string {
  const lines = linesWithEnds(text);
  return n >= lines.length ? '' : lines.slice(0, lines.length - n).join('');
}

/** The first n lines. */
function firstLines(text: string, n: number): string {
  let pos = 0;
  for (let i = 0; i < n; i++) {
    const nl = text.indexOf('\n', pos);
    if (nl < 0) return text;
    pos = nl + 1;
  }
  return text.slice(0, pos);
}

function headOf(text: string, o: HeadOptions): string {
  if (o.lines) return o.elide ? elideLines(text, o.count) : firstLines(text, o.count);
  if (!o.elide) return headBytes(text, o.count);
  return headBytes(text, utf8Length(text) - o.count);
}

function* head(ctx: ExecContext, argv: string[]): Proc {
  const o: HeadOptions = { count: 10, lines: true, elide: false, headers: 'multiple' };
  const bad = (what: string, v: string): number => {
    ctx.err(`head: invalid number of ${what}: ${quote(v)}\n`);
    return 1;
  };
  let args = argv;
  // The old form: -NUM followed by option letters (head -5, head -20c), only as the first word.
  const old = /^-(\d+)(.*)$/.exec(args[0] ?? '');
  if (old) {
    let numText = old[1]!;
    for (const ch of old[2]!) {
      if (ch === 'c') o.lines = false;
      else if (ch === 'b' || ch === 'k' || ch === 'm') {
        o.lines = false;
        numText = old[1]! + (ch === 'k' ? 'K' : ch === 'm' ? 'M' : ch);
      } else if (ch === 'l') o.lines = true;
      else if (ch === 'q') o.headers = 'never';
      else if (ch === 'v') o.headers = 'always';
      else {
        ctx.err(`head: invalid trailing option -- ${ch}\n${tryHelp('head')}`);
        return 1;
      }
    }
    const n = parseCount(numText);
    if (n === undefined) return bad(o.lines ? 'lines' : 'bytes', numText);
    o.count = n;
    args = args.slice(1);
  }
  const p = getopt('head', args, {
    short: 'c:n:qvz0123456789',
    long: [
      { name: 'bytes', arg: 'required', key: 'c' },
      { name: 'lines', arg: 'required', key: 'n' },
      { name: 'quiet', arg: 'none', key: 'q' },
      { name: 'silent', arg: 'none', key: 'q' },
      { name: 'verbose', arg: 'none', key: 'v' },
      { name: 'zero-terminated', arg: 'none', key: 'z' },
      { name: 'help', arg: 'none' },
      { name: 'version', arg: 'none' },
    ],
  });
  if (!p.ok) {
    ctx.err(`${p.error}\n${tryHelp('head')}`);
    return 1;
  }
  for (const [k, raw] of p.opts.list) {
    const v = raw === true ? '' : raw;
    if (k === 'c' || k === 'n') {
      o.lines = k === 'n';
      o.elide = v.startsWith('-');
      const text = o.elide ? v.slice(1) : v;
      const n = parseCount(text);
      if (n === undefined) return bad(o.lines ? 'lines' : 'bytes', text);
      o.count = n;
    } else if (k === 'q') o.headers = 'never';
    else if (k === 'v') o.headers = 'always';
    else if (k === 'z') {
      ctx.err('head: -z (NUL-separated lines) is not supported in this sandbox\n');
      return 1;
    } else if (k === 'help') {
      ctx.out(HELP);
      return 0;
    } else if (k === 'version') {
      ctx.out(versionText('head', 'coreutils', 'Written by David MacKenzie and Jim Meyering.\n'));
      return 0;
    } else {
      ctx.err(`head: invalid trailing option -- ${k}\n${tryHelp('head')}`);
      return 1;
    }
  }
  const files = p.opts.operands.length ? p.opts.operands : ['-'];
  const headers = o.headers === 'always' || (o.headers === 'multiple' && files.length > 1);
  const out = new Output(ctx);
  const inputs = new Inputs(ctx);
  const failed = { value: false };
  for (const input of readableInputs('head', files, headers, out, inputs, quoteAlways, failed)) {
    if (input.kind === 'text') {
      out.write(headOf(input.text, o));
      continue;
    }
    // The terminal: the first lines (or bytes) show as they are typed; -NUM needs the whole input.
    if (!o.elide) {
      out.lineBuffered = true;
      let left = o.count;
      const end = left <= 0 ? 'end' : yield* eachLine(ctx, input, (line) => {
        if (o.lines) {
          out.write(line + '\n');
          return --left > 0;
        }
        const part = headBytes(line + '\n', left);
        left -= utf8Length(part);
        out.write(part);
        out.flush();
        return left > 0 && part.length === line.length + 1;
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
    out.write(headOf(typed, o));
  }
  out.flush();
  return failed.value ? 1 : 0;
}

export const headCommand: CommandSpec = {
  name: 'head', family: 'machine', where: 'any',
  summary: 'print the first lines of files',
  usage: 'head [-n [-]NUM | -c [-]NUM | -NUM] [-qv] [FILE...]',
  options: ['-n', '-c', '-q', '-v'],
  run: head,
};
