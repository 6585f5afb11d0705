/**
 * The terminal's line editor, as pure logic: no DOM, no xterm, no worker. The worker receives
 * whole lines (sandbox/worker/api.ts `submit`), so editing happens in the page, the way GNU
 * readline does it in bash: the keys and their meaning follow readline's emacs mode defaults.
 *
 * Every editing method returns the text to write to the terminal (VT100/xterm control
 * sequences) so that the screen shows the prompt, the line and the cursor; the terminal's own
 * cursor is tracked as an offset from the first column of the row the prompt starts on, so
 * lines longer than the terminal wraps correctly.
 *
 * Note: the site's Babel build spreads iterables loosely (`[...new Set(x)]` becomes
 * `[].concat(set)`), so this code uses Array.from for anything that is not an array.
 */
import type { CompletionResult } from '@site/sandbox/worker/api';

const ESC = '\x1b';
const CSI = `${ESC}[`;
/** Erase from the cursor to the end of the screen. */
const ERASE_BELOW = `${CSI}J`;
/** Erase the whole row (and end its "wrapped" link to the row above). */
const ERASE_ROW = `${CSI}2K`;

// ---------------------------------------------------------------------------------------------
// Keys

/**
 * Split what the terminal sends (xterm `onData`: one key, or a pasted text) into keys: an
 * escape sequence, a control character, or one printable character. '\r\n' counts as one Enter.
 */
export function splitKeys(data: string): string[] {
  const keys: string[] = [];
  let i = 0;
  while (i < data.length) {
    const c = data[i]!;
    if (c === ESC) {
      const next = data[i + 1];
      if (next === '[') {
        // CSI: parameters and intermediates, then one final byte in @..~
        let j = i + 2;
        while (j < data.length && /[0-9;?<=>!"$'*+ ]/.test(data[j]!)) j++;
        keys.push(data.slice(i, Math.min(j + 1, data.length)));
        i = j + 1;
      } else if (next === 'O' && i + 2 < data.length) {
        keys.push(data.slice(i, i + 3)); // SS3: application cursor keys, Home/End
        i += 3;
      } else if (next !== undefined) {
        keys.push(data.slice(i, i + 2)); // Alt/Meta + key
        i += 2;
      } else {
        keys.push(ESC);
        i += 1;
      }
    } else if (c === '\r' && data[i + 1] === '\n') {
      keys.push('\r');
      i += 2;
    } else {
      const cp = data.codePointAt(i)!;
      const len = cp > 0xffff ? 2 : 1;
      keys.push(data.slice(i, i + len));
      i += len;
    }
  }
  return keys;
}

/** A key that inserts itself: printable text, no control characters. */
export function isPrintable(key: string): boolean {
  if (key.length === 0) return false;
  const cp = key.codePointAt(0)!;
  return cp >= 0x20 && cp !== 0x7f && !(cp >= 0x80 && cp < 0xa0);
}

/** The editing commands, named as in readline. */
export type EditCommand =
  | 'accept-line'
  | 'backward-char'
  | 'forward-char'
  | 'beginning-of-line'
  | 'end-of-line'
  | 'backward-word'
  | 'forward-word'
  | 'backward-delete-char'
  | 'delete-char-or-eof'
  | 'delete-char'
  | 'unix-line-discard'
  | 'kill-line'
  | 'unix-word-rubout'
  | 'backward-kill-word'
  | 'kill-word'
  | 'yank'
  | 'clear-screen'
  | 'previous-history'
  | 'next-history'
  | 'beginning-of-history'
  | 'end-of-history'
  | 'complete'
  | 'interrupt'
  | 'transpose-chars';

/** readline's emacs keymap (the subset a learner reaches for), by the bytes xterm sends. */
const KEYMAP: Record<string, EditCommand> = {
  '\r': 'accept-line',
  '\n': 'accept-line',
  '\x01': 'beginning-of-line', // C-a
  '\x02': 'backward-char', // C-b
  '\x03': 'interrupt', // C-c (the terminal's intr character, not readline)
  '\x04': 'delete-char-or-eof', // C-d
  '\x05': 'end-of-line', // C-e
  '\x06': 'forward-char', // C-f
  '\x08': 'backward-delete-char', // C-h
  '\x09': 'complete', // Tab
  '\x0b': 'kill-line', // C-k
  '\x0c': 'clear-screen', // C-l
  '\x0e': 'next-history', // C-n
  '\x10': 'previous-history', // C-p
  '\x14': 'transpose-chars', // C-t
  '\x15': 'unix-line-discard', // C-u
  '\x17': 'unix-word-rubout', // C-w
  '\x19': 'yank', // C-y
  '\x7f': 'backward-delete-char', // Backspace
  [`${CSI}A`]: 'previous-history',
  [`${ESC}OA`]: 'previous-history',
  [`${CSI}B`]: 'next-history',
  [`${ESC}OB`]: 'next-history',
  [`${CSI}C`]: 'forward-char',
  [`${ESC}OC`]: 'forward-char',
  [`${CSI}D`]: 'backward-char',
  [`${ESC}OD`]: 'backward-char',
  [`${CSI}H`]: 'beginning-of-line',
  [`${ESC}OH`]: 'beginning-of-line',
  [`${CSI}1~`]: 'beginning-of-line',
  [`${CSI}F`]: 'end-of-line',
  [`${ESC}OF`]: 'end-of-line',
  [`${CSI}4~`]: 'end-of-line',
  [`${CSI}3~`]: 'delete-char',
  [`${CSI}1;5C`]: 'forward-word', // Ctrl-Right
  [`${CSI}1;5D`]: 'backward-word', // Ctrl-Left
  [`${CSI}1;3C`]: 'forward-word', // Alt-Right
  [`${CSI}1;3D`]: 'backward-word', // Alt-Left
  [`${ESC}b`]: 'backward-word', // M-b
  [`${ESC}f`]: 'forward-word', // M-f
  [`${ESC}d`]: 'kill-word', // M-d
  [`${ESC}\x7f`]: 'backward-kill-word', // M-Backspace
  [`${ESC}<`]: 'beginning-of-history',
  [`${ESC}>`]: 'end-of-history',
};

export function commandFor(key: string): EditCommand | undefined {
  return KEYMAP[key];
}

// ---------------------------------------------------------------------------------------------
// Widths

/** Columns a code point takes in the terminal (a small wcwidth: combining marks 0, East Asian wide 2). */
export function charWidth(cp: number): number {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

/** Control sequences (CSI ... final, OSC ... BEL/ST) take no columns. */
// eslint-disable-next-line no-control-regex -- matching terminal control sequences is the point
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

export function stripAnsi(s: string): string {
  return s.replace(ANSI, '');
}

/** Columns the text takes on one (unwrapped) row. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of Array.from(stripAnsi(s))) w += charWidth(ch.codePointAt(0)!);
  return w;
}

// ---------------------------------------------------------------------------------------------
// Words and completion

function isWordChar(ch: string): boolean {
  return /[\p{L}\p{N}_]/u.test(ch);
}

/** Start of the word before `i` (readline backward-word: alphanumerics). */
export function wordStartBefore(text: string, i: number): number {
  let j = i;
  while (j > 0 && !isWordChar(text[j - 1]!)) j--;
  while (j > 0 && isWordChar(text[j - 1]!)) j--;
  return j;
}

/** End of the word after `i` (readline forward-word). */
export function wordEndAfter(text: string, i: number): number {
  let j = i;
  while (j < text.length && !isWordChar(text[j]!)) j++;
  while (j < text.length && isWordChar(text[j]!)) j++;
  return j;
}

/** Start of the whitespace-delimited word before `i` (unix-word-rubout, C-w). */
export function bigWordStartBefore(text: string, i: number): number {
  let j = i;
  while (j > 0 && /\s/.test(text[j - 1]!)) j--;
  while (j > 0 && !/\s/.test(text[j - 1]!)) j--;
  return j;
}

export function longestCommonPrefix(items: readonly string[]): string {
  if (items.length === 0) return '';
  let p = items[0]!;
  for (const s of items) {
    let k = 0;
    while (k < p.length && k < s.length && p[k] === s[k]) k++;
    p = p.slice(0, k);
    if (p === '') break;
  }
  return p;
}

export type CompletionPlan =
  /** Nothing to insert; `ambiguous` when there are several candidates (a second Tab lists them). */
  | { readonly kind: 'none'; readonly ambiguous: boolean }
  | { readonly kind: 'insert'; readonly text: string; readonly cursor: number; readonly ambiguous: boolean }
  | { readonly kind: 'list'; readonly items: string[] };

/**
 * What Tab does with the worker's answer, as bash does it: one candidate is inserted with a
 * space after it (none after a directory's '/'); several insert their longest common prefix;
 * when there is nothing more to insert, the second Tab in a row lists them.
 * `line` is the whole line; the worker completed `line.slice(0, cursor)`.
 */
export function planCompletion(line: string, cursor: number, result: CompletionResult, secondTab: boolean): CompletionPlan {
  const candidates = Array.from(new Set(result.candidates));
  if (candidates.length === 0) return { kind: 'none', ambiguous: false };
  const from = Math.max(0, Math.min(result.from, cursor));
  const word = line.slice(from, cursor);
  const replace = (insert: string, ambiguous: boolean): CompletionPlan => {
    const text = line.slice(0, from) + insert + line.slice(cursor);
    return { kind: 'insert', text, cursor: from + insert.length, ambiguous };
  };
  if (candidates.length === 1) {
    const only = candidates[0]!;
    return replace(only.endsWith('/') ? only : `${only} `, false);
  }
  const lcp = longestCommonPrefix(candidates);
  if (lcp.length > word.length && lcp !== word) return replace(lcp, true);
  if (secondTab) return { kind: 'list', items: candidates };
  return { kind: 'none', ambiguous: true };
}

/** What readline shows of a file-name candidate: its last path component (keeping a final '/'). */
export function printablePart(candidate: string): string {
  const trimmed = candidate.endsWith('/') ? candidate.slice(0, -1) : candidate;
  const slash = trimmed.lastIndexOf('/');
  return slash < 0 ? candidate : candidate.slice(slash + 1);
}

/** readline lists at most this many candidates without asking first (completion-query-items). */
export const COMPLETION_QUERY_ITEMS = 100;

/**
 * The candidates in columns, as readline's rl_display_match_list prints them: sorted, column
 * width the longest item plus 2, as many columns as fit the screen width, filled top to bottom.
 * Every item but the last of a row is padded (readline leaves the same trailing spaces).
 */
export function formatColumns(candidates: readonly string[], width: number): string[] {
  const items = Array.from(new Set(candidates)).map(printablePart).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (items.length === 0) return [];
  const max = Math.max(...items.map(displayWidth)) + 2;
  let limit = Math.floor(width / max);
  if (limit !== 1 && limit * max === width) limit--;
  if (limit <= 0) limit = 1;
  const count = Math.ceil(items.length / limit);
  const rows: string[] = [];
  for (let i = 0; i < count; i++) {
    let row = '';
    for (let j = 0, l = i; j < limit && l < items.length; j++, l += count) {
      const item = items[l]!;
      row += item;
      if (j + 1 < limit) row += ' '.repeat(Math.max(1, max - displayWidth(item)));
    }
    rows.push(row);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// History

/** Where history lives: window.localStorage in the page, a Map in tests. */
export interface HistoryStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const HISTORY_LIMIT = 200;

/** Read a stored history; anything unreadable (bad JSON, not a list, storage refused) is an empty one. */
export function loadHistory(storage: HistoryStorage | undefined, key: string, limit = HISTORY_LIMIT): string[] {
  if (!storage) return [];
  try {
    const raw = storage.getItem(key);
    if (!raw) return [];
    const data: unknown = JSON.parse(raw);
    if (!Array.isArray(data)) return [];
    return data.filter((e): e is string => typeof e === 'string' && !e.includes('\n')).slice(-limit);
  } catch {
    return [];
  }
}

/**
 * Add a line as bash with HISTCONTROL=ignoreboth does (Ubuntu's default): blank lines, lines
 * starting with a space and repeats of the previous line are not kept. Returns the new list.
 */
export function addToHistory(entries: readonly string[], line: string, limit = HISTORY_LIMIT): string[] {
  if (line.trim() === '' || line.startsWith(' ') || line.includes('\n')) return [...entries];
  if (entries[entries.length - 1] === line) return [...entries];
  return [...entries, line].slice(-limit);
}

/** Store a history; a full or refused storage only loses the history. */
export function saveHistory(storage: HistoryStorage | undefined, key: string, entries: readonly string[]): void {
  if (!storage) return;
  try {
    storage.setItem(key, JSON.stringify(entries.slice(-HISTORY_LIMIT)));
  } catch {
    // Quota exceeded or storage disabled: history is a convenience, carry on without it.
  }
}

// ---------------------------------------------------------------------------------------------
// The editor

/**
 * One line being edited after a prompt. The terminal cursor is tracked as `cur`, an offset in
 * columns from the start of the row the prompt begins on (the prompt begins at `startCol`), so
 * positions map to (row, column) = (floor(off / cols), off % cols) however the line wraps.
 * Invariant between calls: the terminal cursor is at offset(cursor).
 */
export class LineEditor {
  text = '';
  cursor = 0;
  private prompt = '';
  private promptWidth = 0;
  private startCol = 0;
  private cols = 80;
  private cur = 0;
  /** Offset just after the last column drawn for this line (rows below it may be stale). */
  private extent = 0;
  private history: readonly string[] = [];
  private histIndex = 0;
  private histEdits = new Map<number, string>();
  private killed = '';

  /** Forget the line and the history position: a new line after a new prompt. */
  reset(history: readonly string[] = []): void {
    this.text = '';
    this.cursor = 0;
    this.history = history;
    this.histIndex = history.length;
    this.histEdits.clear();
  }

  get columns(): number {
    return this.cols;
  }

  /**
   * Draw the prompt at column `startCol` (where the terminal cursor is) and the current line
   * after it. Also used to redraw after output or a screen clear.
   */
  begin(prompt: string, startCol: number, cols: number): string {
    this.cols = Math.max(1, Math.floor(cols));
    let out = '';
    let p = prompt;
    let start = startCol >= this.cols ? 0 : Math.max(0, startCol);
    const nl = p.lastIndexOf('\n');
    if (nl >= 0) {
      // A multi-line prompt: its last line is the one the input follows.
      out += p.slice(0, nl + 1).replace(/\r?\n/g, '\r\n');
      p = p.slice(nl + 1);
      start = 0;
    }
    this.prompt = p;
    this.promptWidth = displayWidth(p);
    this.startCol = start;
    this.cur = start;
    out += p;
    this.cur += this.promptWidth;
    if (this.promptWidth > 0) out += this.settleWrap();
    this.extent = this.cur;
    out += this.redrawFrom(0);
    return out;
  }

  /** Rows from the prompt's first row down to the terminal cursor (to find the prompt after a resize). */
  get cursorRow(): number {
    return Math.floor(this.cur / this.cols);
  }

  /** Column the prompt starts at. */
  get promptColumn(): number {
    return this.startCol;
  }

  /** Offset of text index i, in columns from the prompt row's first column. */
  private offset(i: number, text = this.text): number {
    return this.startCol + this.promptWidth + displayWidth(text.slice(0, i));
  }

  /** Move the terminal cursor to an offset (both within rows already drawn). */
  private moveTo(target: number): string {
    const cols = this.cols;
    const fromRow = Math.floor(this.cur / cols);
    const toRow = Math.floor(target / cols);
    let out = '';
    if (toRow > fromRow) out += `${CSI}${toRow - fromRow}B`;
    else if (toRow < fromRow) out += `${CSI}${fromRow - toRow}A`;
    const col = target % cols;
    if (toRow !== fromRow || col !== this.cur % cols) out += col === 0 ? '\r' : `${CSI}${col + 1}G`;
    this.cur = target;
    return out;
  }

  /**
   * After writing up to the right margin the terminal waits to wrap ("pending wrap"): its
   * cursor is still on the full row. Print and back over a space so it really is on the next
   * row (the row is then marked as a continuation; eraseRestOfRow clears the space).
   */
  private settleWrap(): string {
    return this.cur > 0 && this.cur % this.cols === 0 ? ` \b` : '';
  }

  /**
   * Erase from the cursor to the end of its row with ECH, which, unlike EL/ED at column 0,
   * keeps the row's "wrapped" link to the row above: xterm's reflow and its buffer text
   * (translateToString across wrapped rows) then still see one logical line.
   */
  private eraseRestOfRow(): string {
    return `${CSI}${this.cols - (this.cur % this.cols)}X`;
  }

  /** Rewrite the text from index i to the end, erase what was left after it, put the cursor back. */
  private redrawFrom(i: number): string {
    const oldExtent = this.extent;
    let out = this.moveTo(this.offset(i));
    const tail = this.text.slice(i);
    if (tail) {
      out += tail;
      this.cur = this.offset(this.text.length);
      out += this.settleWrap();
    }
    out += this.eraseRestOfRow();
    // Rows the longer old line used below this one: blank them (they are no longer part of it).
    const row = Math.floor(this.cur / this.cols);
    const lastRow = Math.floor(oldExtent / this.cols);
    if (lastRow > row) {
      for (let r = row + 1; r <= lastRow; r++) out += `${CSI}B${ERASE_ROW}`;
      this.cur = lastRow * this.cols + (this.cur % this.cols);
    }
    this.extent = this.offset(this.text.length);
    out += this.moveTo(this.offset(this.cursor));
    return out;
  }

  /** Replace the line; `changedFrom` is the first index that may differ (prefix kept on screen). */
  private edit(text: string, cursor: number, changedFrom = 0): string {
    let common = 0;
    const max = Math.min(changedFrom, text.length, this.text.length);
    while (common < max && text[common] === this.text[common]) common++;
    // Move while the old text is still the one on screen (offsets of the common prefix agree).
    const out = this.moveTo(this.offset(common));
    this.text = text;
    this.cursor = Math.max(0, Math.min(cursor, text.length));
    return out + this.redrawFrom(common);
  }

  private setCursor(i: number): string {
    this.cursor = Math.max(0, Math.min(i, this.text.length));
    return this.moveTo(this.offset(this.cursor));
  }

  /** Index of the code point before / after i (surrogate pairs move as one). */
  private prevIndex(i: number): number {
    if (i <= 0) return 0;
    const lo = this.text.charCodeAt(i - 1);
    return i >= 2 && lo >= 0xdc00 && lo <= 0xdfff ? i - 2 : i - 1;
  }

  private nextIndex(i: number): number {
    if (i >= this.text.length) return this.text.length;
    const hi = this.text.charCodeAt(i);
    return hi >= 0xd800 && hi <= 0xdbff && i + 1 < this.text.length ? i + 2 : i + 1;
  }

  insert(s: string): string {
    const clean = Array.from(s).filter(isPrintable).join('');
    if (!clean) return '';
    const at = this.cursor;
    return this.edit(this.text.slice(0, at) + clean + this.text.slice(at), at + clean.length, at);
  }

  /** Replace the whole line (history recall, completion, a Run button). */
  replace(text: string, cursor = text.length): string {
    return this.edit(text, cursor, text.length);
  }

  backspace(): string {
    if (this.cursor === 0) return '';
    const at = this.prevIndex(this.cursor);
    return this.edit(this.text.slice(0, at) + this.text.slice(this.cursor), at, at);
  }

  deleteChar(): string {
    if (this.cursor >= this.text.length) return '';
    const end = this.nextIndex(this.cursor);
    return this.edit(this.text.slice(0, this.cursor) + this.text.slice(end), this.cursor, this.cursor);
  }

  left(): string {
    return this.setCursor(this.prevIndex(this.cursor));
  }

  right(): string {
    return this.setCursor(this.nextIndex(this.cursor));
  }

  home(): string {
    return this.setCursor(0);
  }

  end(): string {
    return this.setCursor(this.text.length);
  }

  wordLeft(): string {
    return this.setCursor(wordStartBefore(this.text, this.cursor));
  }

  wordRight(): string {
    return this.setCursor(wordEndAfter(this.text, this.cursor));
  }

  /** C-u: kill from the start of the line to the cursor. */
  killToStart(): string {
    if (this.cursor === 0) return '';
    this.killed = this.text.slice(0, this.cursor);
    return this.edit(this.text.slice(this.cursor), 0, 0);
  }

  /** C-k: kill from the cursor to the end of the line. */
  killToEnd(): string {
    if (this.cursor >= this.text.length) return '';
    this.killed = this.text.slice(this.cursor);
    return this.edit(this.text.slice(0, this.cursor), this.cursor, this.cursor);
  }

  /** C-w: kill the whitespace-delimited word before the cursor. */
  killWordBack(): string {
    const at = bigWordStartBefore(this.text, this.cursor);
    if (at === this.cursor) return '';
    this.killed = this.text.slice(at, this.cursor);
    return this.edit(this.text.slice(0, at) + this.text.slice(this.cursor), at, at);
  }

  /** M-Backspace: kill the alphanumeric word before the cursor. */
  killAlnumWordBack(): string {
    const at = wordStartBefore(this.text, this.cursor);
    if (at === this.cursor) return '';
    this.killed = this.text.slice(at, this.cursor);
    return this.edit(this.text.slice(0, at) + this.text.slice(this.cursor), at, at);
  }

  /** M-d: kill to the end of the word after the cursor. */
  killWordForward(): string {
    const end = wordEndAfter(this.text, this.cursor);
    if (end === this.cursor) return '';
    this.killed = this.text.slice(this.cursor, end);
    return this.edit(this.text.slice(0, this.cursor) + this.text.slice(end), this.cursor, this.cursor);
  }

  /** C-y: insert the last killed text. */
  yank(): string {
    return this.killed ? this.insert(this.killed) : '';
  }

  /** C-t: swap the two characters before the cursor (at the end of the line) or around it. */
  transpose(): string {
    if (this.text.length < 2 || this.cursor === 0) return '';
    const at = this.cursor >= this.text.length ? this.text.length - 1 : this.cursor;
    const a = this.text[at - 1]!;
    const b = this.text[at]!;
    const text = this.text.slice(0, at - 1) + b + a + this.text.slice(at + 1);
    return this.edit(text, at + 1, at - 1);
  }

  private goToHistory(index: number): string {
    if (index < 0 || index > this.history.length || index === this.histIndex) return '';
    const original = this.histIndex < this.history.length ? this.history[this.histIndex] : undefined;
    if (this.text !== original) this.histEdits.set(this.histIndex, this.text);
    else this.histEdits.delete(this.histIndex);
    this.histIndex = index;
    const text = this.histEdits.get(index) ?? this.history[index] ?? '';
    return this.replace(text);
  }

  historyPrev(): string {
    return this.goToHistory(this.histIndex - 1);
  }

  historyNext(): string {
    return this.goToHistory(this.histIndex + 1);
  }

  historyFirst(): string {
    return this.history.length ? this.goToHistory(0) : '';
  }

  historyLast(): string {
    return this.goToHistory(this.history.length);
  }

  /** Put the terminal cursor after the line's last character (before Enter or Ctrl-C). */
  moveToEnd(): string {
    return this.moveTo(this.offset(this.text.length));
  }

  /**
   * Enter: the cursor goes to the end and the terminal to a new line. A line that ends exactly
   * at the margin already has the cursor at the start of the next (empty) row, as a terminal's
   * CR LF after a pending wrap would: erase the row, which also unlinks it from the line above.
   */
  finish(): string {
    const out = this.moveToEnd();
    if (this.cur % this.cols === 0 && this.cur > this.startCol) return out + ERASE_ROW;
    return out + '\r\n';
  }

  /** Remove the prompt and the line from the screen (before output that arrives while editing). */
  hide(): string {
    const out = this.moveTo(this.startCol) + ERASE_BELOW;
    this.cur = this.startCol;
    this.extent = this.startCol;
    return out;
  }

  /** Print lines below the line being edited (a completion list), then redraw prompt and line. */
  printBelow(lines: readonly string[]): string {
    let out = this.finish();
    for (const l of lines) out += l + '\r\n';
    return out + this.begin(this.promptText(), 0, this.cols);
  }

  /** C-l: clear the screen, then the prompt and the line at the top. */
  clearScreen(): string {
    return `${CSI}H${CSI}2J` + this.begin(this.promptText(), 0, this.cols);
  }

  promptText(): string {
    return this.prompt;
  }
}
