/**
 * A minimal terminal screen for unit tests: just the control sequences the line editor and the
 * terminal controller emit (printable text with autowrap and xterm's pending-wrap state, CR, LF,
 * BS, CUU/CUD/CHA/CUP-home, ED 0/2). It answers "what does the learner see, and where is the
 * cursor" without a DOM. Tests only; never bundled into the site.
 */
import { charWidth } from '../lineEditor';

export class ScreenModel {
  rows: string[][] = [[]];
  wrapped: boolean[] = [false];
  /** Cursor; x may equal cols (pending wrap), as in xterm. */
  x = 0;
  y = 0;
  /** Last row of the screen's top (CUU does not go above it). */
  top = 0;

  constructor(public cols = 20, public height = 1000) {}

  private row(y: number): string[] {
    while (this.rows.length <= y) {
      this.rows.push([]);
      this.wrapped.push(false);
    }
    return this.rows[y]!;
  }

  private lineFeed(): void {
    this.y++;
    this.row(this.y);
    if (this.y - this.top >= this.height) this.top++;
  }

  private put(ch: string): void {
    const w = charWidth(ch.codePointAt(0)!);
    if (w === 0) return;
    if (this.x + w > this.cols) {
      this.x = 0;
      this.lineFeed();
      this.wrapped[this.y] = true;
    }
    const r = this.row(this.y);
    while (r.length < this.x) r.push(' ');
    r[this.x] = ch;
    if (w === 2) r[this.x + 1] = '';
    this.x += w;
  }

  write(data: string): void {
    for (let i = 0; i < data.length; i++) {
      const c = data[i]!;
      if (c === '\x1b') {
        // eslint-disable-next-line no-control-regex -- parsing control sequences
        const m = /^\x1b\[([0-9;?]*)([A-Za-z@])/.exec(data.slice(i));
        if (!m) throw new Error(`unsupported escape ${JSON.stringify(data.slice(i, i + 6))}`);
        this.csi(m[1]!, m[2]!);
        i += m[0].length - 1;
      } else if (c === '\r') {
        this.x = 0;
      } else if (c === '\n') {
        if (this.x >= this.cols) this.x = this.cols - 1;
        this.lineFeed();
      } else if (c === '\b') {
        if (this.x >= this.cols) this.x = this.cols - 1;
        if (this.x > 0) this.x--;
      } else if (c === '\x07') {
        // bell
      } else {
        const cp = data.codePointAt(i)!;
        const ch = String.fromCodePoint(cp);
        if (cp > 0xffff) i++;
        this.put(ch);
      }
    }
  }

  private csi(params: string, final: string): void {
    const n = params === '' ? 1 : Number(params.split(';')[0]);
    if (this.x >= this.cols) this.x = this.cols - 1;
    switch (final) {
      case 'A':
        this.y = Math.max(this.top, this.y - n);
        break;
      case 'B':
        this.y = Math.min(this.rows.length - 1 + 0, this.y + n);
        this.row(this.y);
        break;
      case 'G':
        this.x = Math.min(this.cols - 1, n - 1);
        break;
      case 'H': {
        const [r, c] = params.split(';').map((v) => (v === '' || v === undefined ? 1 : Number(v)));
        this.y = this.top + (r ?? 1) - 1;
        this.row(this.y);
        this.x = Math.min(this.cols - 1, (c ?? 1) - 1);
        break;
      }
      case 'm':
        break; // colours and bold: the model keeps text only
      case 'X': {
        // ECH: erase n cells from the cursor; the row stays wrapped (xterm eraseChars)
        const r = this.row(this.y);
        for (let k = this.x; k < Math.min(this.x + n, r.length); k++) r[k] = ' ';
        break;
      }
      case 'K': {
        // EL: xterm unlinks a row from the one above when erasing from column 0
        const mode = params === '' ? 0 : Number(params);
        const r = this.row(this.y);
        if (mode === 0) r.length = Math.min(r.length, this.x);
        else if (mode === 2) r.length = 0;
        if (mode === 2 || this.x === 0) this.wrapped[this.y] = false;
        break;
      }
      case 'J': {
        const mode = params === '' ? 0 : Number(params);
        if (mode === 0) {
          const r = this.row(this.y);
          r.length = Math.min(r.length, this.x);
          if (this.x === 0) this.wrapped[this.y] = false;
          for (let y = this.y + 1; y < this.rows.length; y++) {
            this.rows[y] = [];
            this.wrapped[y] = false;
          }
        } else if (mode === 2) {
          for (let y = this.top; y < this.rows.length; y++) {
            this.rows[y] = [];
            this.wrapped[y] = false;
          }
        }
        break;
      }
      default:
        throw new Error(`unsupported CSI ${params}${final}`);
    }
  }

  /** One string per screen row, trailing spaces trimmed. */
  lines(): string[] {
    const out = this.rows.map((r) => r.join('').replace(/\s+$/, ''));
    while (out.length > 1 && out[out.length - 1] === '' && out.length - 1 > this.y) out.pop();
    return out;
  }

  /** Rows joined into logical lines (wrapped rows continue the previous one). */
  logicalLines(): string[] {
    const out: string[] = [];
    this.rows.forEach((r, y) => {
      const s = r.join('');
      if (y > 0 && this.wrapped[y]) out[out.length - 1] += s;
      else out.push(s);
    });
    const lines = out.map((l) => l.replace(/\s+$/, ''));
    while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    return lines;
  }

  text(): string {
    return this.lines().join('\n');
  }

  /** Change the width without reflowing (xterm with reflowCursorLine off, for the cursor's line). */
  resize(cols: number): void {
    this.cols = cols;
    for (const r of this.rows) if (r.length > cols) r.length = cols;
    if (this.x >= cols) this.x = cols - 1;
  }

  /** The cursor as xterm reports it (pending wrap shows as x = cols). */
  get cursorX(): number {
    return this.x;
  }
}
