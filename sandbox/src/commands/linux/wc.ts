/**
 * wc: count lines, words and bytes (GNU coreutils 8.32, Ubuntu 22.04; wc.c is the source of truth).
 * -l newlines, -w words, -c bytes (UTF-8), -m characters, -L the widest line; lines, words and
 * bytes by default, always in that order, and a `total` line for several files.
 *
 * Column width (wc.c compute_number_width): one count of one input is printed bare; otherwise
 * every number is right-aligned to the digits of the regular files' total size, and at least 7
 * wide when an input is not a regular file (standard input, a directory). Standard input counts
 * as a pipe here even when it is redirected from a file (wc < f); GNU would size it as the file.
 */
import type { CommandSpec } from '../../shell/registry';
import type { ExecContext } from '../../shell/context';
import type { Proc } from '../../shell/process';
import { getopt } from '../../shell/args';
import { fsErrorText, utf8Length } from '../../fs/vfs';
import { quoteIfNeeded, tryHelp, versionText } from './gnu-coreutils';
import type { Input } from './text-io';
import { Inputs, interrupted, Output, readTerminalText } from './text-io';

const HELP = `Usage: wc [OPTION]... [FILE]...
Count the newlines, words and bytes of each FILE, and give a total line for several FILEs.
A word is a run of characters between white space. With no FILE, or when FILE is -, read
standard input.

  -c, --bytes            print the byte counts
  -m, --chars            print the character counts
  -l, --lines            print the newline counts
  -L, --max-line-length  print the display width of the widest line
  -w, --words            print the word counts
`;

interface Counts {
  lines: number;
  words: number;
  chars: number;
  bytes: number;
  maxLine: number;
}

/** Count a text as wc does in a UTF-8 locale (wc.c's multibyte loop). */
export function countText(text: string): Counts {
  let lines = 0;
  let words = 0;
  let chars = 0;
  let inWord = false;
  let pos = 0;
  let maxLine = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    chars++;
    if (c < 0x80) {
      if (c === 10 || c === 13 || c === 12) {
        if (c === 10) lines++;
        maxLine = Math.max(maxLine, pos);
        pos = 0;
        inWord = false;
      } else if (c === 9) {
        pos += 8 - (pos % 8);
        inWord = false;
      } else if (c === 32) {
        pos++;
        inWord = false;
      } else if (c === 11) {
        inWord = false;
      } else if (c > 32 && c < 127) {
        pos++;
        if (!inWord) words++;
        inWord = true;
      }
      // Other control characters neither start nor end a word.
      continue;
    }
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    const ch = String.fromCodePoint(cp);
    if (/[\p{Cc}\p{Cn}]/u.test(ch)) continue;
    if (!/\p{M}/u.test(ch)) pos++;
    if (/\s/u.test(ch)) {
      inWord = false;
      continue;
    }
    if (!inWord) words++;
    inWord = true;
  }
  maxLine = Math.max(maxLine, pos);
  return { lines, words, chars, bytes: utf8Length(text), maxLine };
}

function* wc(ctx: ExecContext, argv: string[]): Proc {
  const p = getopt('wc', argv, {
    short: 'clLmw',
    long: [
      { name: 'bytes', arg: 'none', key: 'c' },
      { name: 'chars', arg: 'none', key: 'm' },
      { name: 'lines', arg: 'none', key: 'l' },
      { name: 'words', arg: 'none', key: 'w' },
      { name: 'max-line-length', arg: 'none', key: 'L' },
      { name: 'files0-from', arg: 'required' },
      { name: 'help', arg: 'none' },
      { name: 'version', arg: 'none' },
    ],
  });
  if (!p.ok) {
    ctx.err(`${p.error}\n${tryHelp('wc')}`);
    return 1;
  }
  if (p.opts.has('help')) {
    ctx.out(HELP);
    return 0;
  }
  if (p.opts.has('version')) {
    ctx.out(versionText('wc', 'coreutils', 'Written by Paul Rubin and David MacKenzie.\n'));
    return 0;
  }
  if (p.opts.has('files0-from')) {
    ctx.err('wc: --files0-from is not supported in this sandbox\n');
    return 1;
  }
  let show = { l: p.opts.has('l'), w: p.opts.has('w'), m: p.opts.has('m'), c: p.opts.has('c'), L: p.opts.has('L') };
  if (!show.l && !show.w && !show.m && !show.c && !show.L) show = { l: true, w: true, m: false, c: true, L: false };
  const nShown = Object.values(show).filter(Boolean).length;
  const operands = p.opts.operands;
  const files = operands.length ? operands : ['-'];
  const inputs = new Inputs(ctx);
  const opened: Input[] = files.map((f) => inputs.open(f));

  // wc.c compute_number_width, from what stat says before anything is read.
  let width = 1;
  if (!(files.length === 1 && nShown === 1)) {
    let minimum = 1;
    let regularTotal = 0;
    for (const input of opened) {
      if (input.kind === 'missing') continue;
      if (input.kind === 'text' && input.regular) regularTotal += input.size;
      else minimum = 7;
    }
    width = Math.max(String(regularTotal).length, minimum);
  }
  const out = new Output(ctx);
  const line = (c: Counts, name: string | undefined): string => {
    const nums: number[] = [];
    if (show.l) nums.push(c.lines);
    if (show.w) nums.push(c.words);
    if (show.m) nums.push(c.chars);
    if (show.c) nums.push(c.bytes);
    if (show.L) nums.push(c.maxLine);
    return nums.map((n) => String(n).padStart(width)).join(' ') + (name === undefined ? '' : ` ${name}`) + '\n';
  };
  const total: Counts = { lines: 0, words: 0, chars: 0, bytes: 0, maxLine: 0 };
  let ok = true;
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    // With no operand, standard input has no name on its line; names are printed as they are.
    const name = operands.length ? file : undefined;
    const input = opened[i]!;
    let text: string;
    if (input.kind === 'missing') {
      out.err(`wc: ${quoteIfNeeded(file)}: ${fsErrorText(input.error)}\n`);
      ok = false;
      continue;
    } else if (input.kind === 'dir') {
      out.err(`wc: ${quoteIfNeeded(file)}: Is a directory\n`);
      ok = false;
      text = '';
    } else if (input.kind === 'terminal') {
      const typed = yield* readTerminalText(ctx);
      if (typeof typed !== 'string') {
        out.flush();
        return interrupted(ctx);
      }
      text = typed;
    } else {
      text = input.text;
    }
    const c = countText(text);
    out.write(line(c, name));
    total.lines += c.lines;
    total.words += c.words;
    total.chars += c.chars;
    total.bytes += c.bytes;
    total.maxLine = Math.max(total.maxLine, c.maxLine);
  }
  if (files.length > 1) out.write(line(total, 'total'));
  out.flush();
  return ok ? 0 : 1;
}

export const wcCommand: CommandSpec = {
  name: 'wc', family: 'machine', where: 'any',
  summary: 'count the lines, words and bytes of files',
  usage: 'wc [-clmwL] [FILE...]',
  options: ['-l', '-w', '-c', '-m', '-L'],
  run: wc,
};
