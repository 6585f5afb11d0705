import { describe, expect, it } from 'vitest';
import {
  LineEditor,
  addToHistory,
  commandFor,
  displayWidth,
  formatColumns,
  loadHistory,
  longestCommonPrefix,
  planCompletion,
  printablePart,
  saveHistory,
  splitKeys,
  type HistoryStorage,
} from './lineEditor';
import { ScreenModel } from './testing/screenModel';

/** An editor drawing on a screen model, with the prompt at column `startCol`. */
function setup(cols = 20, prompt = '$ ', startCol = 0, history: string[] = []) {
  const screen = new ScreenModel(cols);
  const ed = new LineEditor();
  if (startCol > 0) screen.write('x'.repeat(startCol));
  ed.reset(history);
  screen.write(ed.begin(prompt, screen.cursorX, cols));
  const w = (s: string) => screen.write(s);
  /** Check the screen cursor is where the editor says. */
  const cursorAt = () => ({ x: screen.x, y: screen.y });
  return { screen, ed, w, cursorAt };
}

/** Screen position of text index i for prompt width p and start column s. */
function pos(i: number, cols: number, p = 2, s = 0) {
  const off = s + p + i;
  return { x: off % cols, y: Math.floor(off / cols) };
}

describe('splitKeys', () => {
  it('splits escape sequences, controls and characters', () => {
    expect(splitKeys('ab\x1b[D\x1b[3~\x01\x1bOH\x1bb\r')).toEqual(['a', 'b', '\x1b[D', '\x1b[3~', '\x01', '\x1bOH', '\x1bb', '\r']);
  });
  it('counts CRLF as one Enter and keeps surrogate pairs together', () => {
    expect(splitKeys('ls\r\npwd\n')).toEqual(['l', 's', '\r', 'p', 'w', 'd', '\n']);
    expect(splitKeys('a😀b')).toEqual(['a', '😀', 'b']);
  });
  it('maps keys to readline commands', () => {
    expect(commandFor('\x1b[A')).toBe('previous-history');
    expect(commandFor('\x17')).toBe('unix-word-rubout');
    expect(commandFor('\x1b[1;5D')).toBe('backward-word');
    expect(commandFor('x')).toBeUndefined();
  });
});

describe('LineEditor', () => {
  it('draws the prompt and inserts at the cursor', () => {
    const { screen, ed, w } = setup();
    w(ed.insert('pingal'));
    w(ed.left());
    w(ed.left());
    w(ed.insert('X'));
    expect(ed.text).toBe('pingXal');
    expect(screen.lines()).toEqual(['$ pingXal']);
    expect({ x: screen.x, y: screen.y }).toEqual(pos(5, 20));
  });

  it('moves with Home/End/Left/Right and words', () => {
    const { screen, ed, w } = setup(40);
    w(ed.insert('h1 ping -c 2 h2'));
    w(ed.home());
    expect(screen.x).toBe(2);
    w(ed.end());
    expect(screen.x).toBe(17);
    w(ed.wordLeft());
    expect(ed.cursor).toBe(13);
    w(ed.wordLeft());
    expect(ed.cursor).toBe(11);
    w(ed.wordRight());
    expect(ed.cursor).toBe(12);
    w(ed.right());
    w(ed.right());
    w(ed.right());
    w(ed.right());
    expect(ed.cursor).toBe(15);
    expect(screen.x).toBe(17);
  });

  it('deletes: backspace, delete, C-u, C-k, C-w, and yanks back', () => {
    const { screen, ed, w } = setup(40);
    w(ed.insert('h1 ping -c 2 h2'));
    w(ed.backspace());
    expect(screen.lines()).toEqual(['$ h1 ping -c 2 h']);
    w(ed.killWordBack());
    expect(ed.text).toBe('h1 ping -c 2 ');
    w(ed.killWordBack());
    expect(ed.text).toBe('h1 ping -c ');
    w(ed.home());
    w(ed.deleteChar());
    expect(screen.lines()).toEqual(['$ 1 ping -c']);
    w(ed.wordRight());
    w(ed.killToEnd());
    expect(screen.lines()).toEqual(['$ 1']);
    w(ed.yank());
    expect(ed.text).toBe('1 ping -c ');
    w(ed.killToStart());
    expect(ed.text).toBe('');
    expect(screen.lines()).toEqual(['$']);
    expect(screen.x).toBe(2);
  });

  it('transposes characters as C-t does', () => {
    const { ed, w } = setup();
    w(ed.insert('sl'));
    w(ed.transpose());
    expect(ed.text).toBe('ls');
    w(ed.home());
    w(ed.right());
    w(ed.transpose());
    expect(ed.text).toBe('sl');
    expect(ed.cursor).toBe(2);
  });

  it('wraps long lines and edits across the wrap', () => {
    const cols = 10;
    const { screen, ed, w } = setup(cols);
    w(ed.insert('abcdefghijklmnop')); // prompt 2 + 16 = 18 columns: two rows
    expect(screen.lines()).toEqual(['$ abcdefgh', 'ijklmnop']);
    expect({ x: screen.x, y: screen.y }).toEqual(pos(16, cols));
    w(ed.home());
    expect({ x: screen.x, y: screen.y }).toEqual({ x: 2, y: 0 });
    w(ed.insert('XY'));
    expect(screen.lines()).toEqual(['$ XYabcdef', 'ghijklmnop']);
    // exactly at the margin: the cursor must really be on the next row
    expect({ x: screen.x, y: screen.y }).toEqual(pos(2, cols));
    w(ed.end());
    expect({ x: screen.x, y: screen.y }).toEqual(pos(18, cols));
    expect(screen.y).toBe(2);
    w(ed.insert('Z'));
    expect(screen.lines()).toEqual(['$ XYabcdef', 'ghijklmnop', 'Z']);
    w(ed.backspace());
    w(ed.backspace());
    w(ed.backspace());
    expect(screen.lines()).toEqual(['$ XYabcdef', 'ghijklmn']);
    expect({ x: screen.x, y: screen.y }).toEqual(pos(16, cols));
    w(ed.killToStart());
    expect(screen.lines()).toEqual(['$']);
    expect({ x: screen.x, y: screen.y }).toEqual({ x: 2, y: 0 });
  });

  it('keeps wrapped rows linked into one logical line through edits (reflow, buffer text)', () => {
    const cols = 10;
    const { screen, ed, w } = setup(cols);
    for (const ch of 'abcdefghijklmnopqrstuvwxyz') w(ed.insert(ch)); // typed key by key: 28 columns
    expect(screen.logicalLines()).toEqual(['$ abcdefghijklmnopqrstuvwxyz']);
    for (let i = 0; i < 12; i++) w(ed.left());
    w(ed.insert('123'));
    w(ed.backspace());
    expect(screen.logicalLines()).toEqual(['$ abcdefghijklmn12opqrstuvwxyz']);
    w(ed.killToEnd());
    expect(screen.logicalLines()).toEqual(['$ abcdefghijklmn12']);
    expect(screen.lines()).toEqual(['$ abcdefgh', 'ijklmn12']);
    w(ed.insert('34')); // exactly at the margin
    expect(screen.logicalLines()).toEqual(['$ abcdefghijklmn1234']);
    expect({ x: screen.x, y: screen.y }).toEqual({ x: 0, y: 2 });
    w(ed.historyPrev()); // nothing to recall: no change
    w(ed.killWordBack());
    expect(screen.lines()).toEqual(['$']);
    expect(screen.logicalLines()).toEqual(['$']);
  });

  it('Enter on a line that ends at the margin leaves no blank row', () => {
    const { screen, ed, w } = setup(10);
    w(ed.insert('abcdefgh'));
    w(ed.home());
    w(ed.finish());
    screen.write('output\r\n');
    expect(screen.lines()).toEqual(['$ abcdefgh', 'output', '']);
    expect(screen.logicalLines()).toEqual(['$ abcdefgh', 'output']);
  });

  it('starts the prompt where output left the cursor', () => {
    const { screen, ed, w } = setup(10, '$ ', 6);
    w(ed.insert('abcdef'));
    expect(screen.lines()).toEqual(['xxxxxx$ ab', 'cdef']);
    w(ed.home());
    expect({ x: screen.x, y: screen.y }).toEqual({ x: 8, y: 0 });
    w(ed.hide());
    expect(screen.lines()).toEqual(['xxxxxx']);
    screen.write('out\r\n');
    screen.write(ed.begin('$ ', screen.cursorX, 10));
    expect(screen.lines()).toEqual(['xxxxxxout', '$ abcdef']);
    expect({ x: screen.x, y: screen.y }).toEqual({ x: 2, y: 1 });
  });

  it('handles a prompt that ends at the right margin', () => {
    const { screen, ed, w } = setup(10, 'mininet> ', 1);
    expect({ x: screen.x, y: screen.y }).toEqual({ x: 0, y: 1 });
    w(ed.insert('ab'));
    w(ed.home());
    w(ed.insert('c'));
    expect(screen.lines()).toEqual(['xmininet>', 'cab']);
  });

  it('redraws after Ctrl-L at the top of the screen', () => {
    const { screen, ed, w } = setup(20);
    screen.write('');
    w(ed.insert('ping'));
    w(ed.left());
    w(ed.clearScreen());
    expect(screen.lines()).toEqual(['$ ping']);
    expect({ x: screen.x, y: screen.y }).toEqual({ x: 5, y: 0 });
  });

  it('finishes a line with the cursor at its end', () => {
    const { screen, ed, w } = setup(10);
    w(ed.insert('abcdefghijk'));
    w(ed.home());
    w(ed.finish());
    expect({ x: screen.x, y: screen.y }).toEqual({ x: 0, y: 2 });
  });

  it('prints a list below and redraws the prompt and line', () => {
    const { screen, ed, w } = setup(30, 'mininet> ');
    w(ed.insert('ping'));
    w(ed.left());
    w(ed.printBelow(['pingall    pingallfull', 'pingpair   pingpairfull']));
    expect(screen.lines()).toEqual(['mininet> ping', 'pingall    pingallfull', 'pingpair   pingpairfull', 'mininet> ping']);
    expect({ x: screen.x, y: screen.y }).toEqual({ x: 12, y: 3 });
  });

  it('walks history and keeps edits to the line being typed', () => {
    const { ed, w } = setup(40, '$ ', 0, ['mn', 'pingall']);
    w(ed.insert('h1 if'));
    w(ed.historyPrev());
    expect(ed.text).toBe('pingall');
    w(ed.historyPrev());
    expect(ed.text).toBe('mn');
    w(ed.historyPrev());
    expect(ed.text).toBe('mn');
    w(ed.insert(' --topo linear'));
    w(ed.historyNext());
    expect(ed.text).toBe('pingall');
    w(ed.historyPrev());
    expect(ed.text).toBe('mn --topo linear');
    w(ed.historyLast());
    expect(ed.text).toBe('h1 if');
    w(ed.historyNext());
    expect(ed.text).toBe('h1 if');
  });

  it('counts wide characters as two columns', () => {
    expect(displayWidth('日本')).toBe(4);
    expect(displayWidth('\x1b[01;32mroot\x1b[0m# ')).toBe(6);
    const { screen, ed, w } = setup(10);
    w(ed.insert('日本語'));
    w(ed.left());
    expect(screen.x).toBe(6);
  });
});

describe('completion', () => {
  it('inserts a single candidate with a space, none after a directory', () => {
    expect(planCompletion('pinga', 5, { from: 0, candidates: ['pingall'] }, false)).toEqual({ kind: 'insert', text: 'pingall ', cursor: 8, ambiguous: false });
    expect(planCompletion('cd /e', 5, { from: 3, candidates: ['/etc/'] }, false)).toEqual({ kind: 'insert', text: 'cd /etc/', cursor: 8, ambiguous: false });
    expect(planCompletion('h1 pi h2', 5, { from: 3, candidates: ['ping'] }, false)).toEqual({ kind: 'insert', text: 'h1 ping  h2', cursor: 8, ambiguous: false });
  });

  it('inserts the longest common prefix, then lists on the second Tab', () => {
    const r = { from: 0, candidates: ['pingall', 'pingallfull', 'pingpair', 'pingpairfull'] };
    expect(planCompletion('pi', 2, r, false)).toEqual({ kind: 'insert', text: 'ping', cursor: 4, ambiguous: true });
    expect(planCompletion('ping', 4, r, false)).toEqual({ kind: 'none', ambiguous: true });
    expect(planCompletion('ping', 4, r, true)).toEqual({ kind: 'list', items: r.candidates });
    expect(planCompletion('zz', 2, { from: 0, candidates: [] }, true)).toEqual({ kind: 'none', ambiguous: false });
  });

  it('finds the longest common prefix', () => {
    expect(longestCommonPrefix(['ifconfig', 'iface', 'if'])).toBe('if');
    expect(longestCommonPrefix(['a', 'b'])).toBe('');
    expect(longestCommonPrefix([])).toBe('');
  });

  it('lays candidates out in columns, top to bottom, as readline does', () => {
    const items = ['pingpairfull', 'pingall', 'pingpair', 'pingallfull', 'px', 'py'];
    // longest 12 + 2 = 14; 40 / 14 = 2 columns; 3 rows
    expect(formatColumns(items, 40)).toEqual(['pingall       pingpairfull', 'pingallfull   px', 'pingpair      py']);
    // 80 / 14 = 5 columns, so ceil(6 / 5) = 2 rows; items that are not in the last column are padded
    expect(formatColumns(items, 80)).toEqual(['pingall       pingpair      px            ', 'pingallfull   pingpairfull  py            ']);
    expect(formatColumns(['aaaaaaaaaaaa'], 5)).toEqual(['aaaaaaaaaaaa']);
  });

  it('shows file names without their directory', () => {
    expect(printablePart('/etc/hosts')).toBe('hosts');
    expect(printablePart('dir/sub/')).toBe('sub/');
    expect(printablePart('ping')).toBe('ping');
    expect(formatColumns(['/etc/hosts', '/etc/hostname'], 80)).toEqual(['hostname  hosts     ']);
  });
});

describe('history storage', () => {
  const memory = (init: Record<string, string> = {}): HistoryStorage & { data: Record<string, string> } => ({
    data: { ...init },
    getItem(k) {
      return k in this.data ? this.data[k]! : null;
    },
    setItem(k, v) {
      this.data[k] = v;
    },
  });

  it('adds lines as HISTCONTROL=ignoreboth does', () => {
    let h: string[] = [];
    for (const l of ['mn', 'mn', '', '  ', ' secret', 'pingall', 'mn']) h = addToHistory(h, l);
    expect(h).toEqual(['mn', 'pingall', 'mn']);
  });

  it('caps the list at 200 entries', () => {
    let h: string[] = [];
    for (let i = 0; i < 250; i++) h = addToHistory(h, `cmd ${i}`);
    expect(h).toHaveLength(200);
    expect(h[0]).toBe('cmd 50');
  });

  it('round-trips through storage and tolerates bad data', () => {
    const s = memory();
    saveHistory(s, 'k', ['mn', 'pingall']);
    expect(loadHistory(s, 'k')).toEqual(['mn', 'pingall']);
    expect(loadHistory(memory({ k: '{not json' }), 'k')).toEqual([]);
    expect(loadHistory(memory({ k: '{"a":1}' }), 'k')).toEqual([]);
    expect(loadHistory(memory({ k: '["ok", 3, null, "fine"]' }), 'k')).toEqual(['ok', 'fine']);
    expect(loadHistory(undefined, 'k')).toEqual([]);
    const throwing: HistoryStorage = {
      getItem() {
        throw new Error('SecurityError');
      },
      setItem() {
        throw new Error('QuotaExceededError');
      },
    };
    expect(loadHistory(throwing, 'k')).toEqual([]);
    expect(() => saveHistory(throwing, 'k', ['x'])).not.toThrow();
  });
});
