import { describe, expect, it } from 'vitest';
import type { CompletionResult } from '@site/sandbox/worker/api';
import { TerminalController, type TermLike, type TerminalBackend } from './terminalController';
import { ScreenModel } from './testing/screenModel';

/** xterm's write(data, callback): the callback comes later, after the data is parsed. */
class FakeTerm implements TermLike {
  readonly screen: ScreenModel;
  constructor(cols = 40) {
    this.screen = new ScreenModel(cols);
  }
  rows = 24;
  get cols() {
    return this.screen.cols;
  }
  resize(cols: number, rows: number) {
    this.screen.resize(cols);
    this.rows = rows;
  }
  write(data: string, callback?: () => void): void {
    this.screen.write(data);
    if (callback) setTimeout(callback, 0);
  }
  get buffer() {
    return { active: { cursorX: this.screen.cursorX, cursorY: this.screen.y - this.screen.top, baseY: this.screen.top } };
  }
}

/** Records what the page asked the worker; the test plays the worker's answers. */
class FakeBackend implements TerminalBackend {
  calls: string[] = [];
  completions = new Map<string, CompletionResult>();
  submit(line: string) {
    this.calls.push(`submit ${line}`);
  }
  interrupt() {
    this.calls.push('interrupt');
  }
  eof() {
    this.calls.push('eof');
  }
  async complete(line: string) {
    this.calls.push(`complete ${line}`);
    return this.completions.get(line) ?? { from: line.length, candidates: [] };
  }
}

function setup(opts: { initialLines?: string[]; cols?: number; history?: Record<string, string[]> } = {}) {
  const term = new FakeTerm(opts.cols ?? 40);
  const backend = new FakeBackend();
  const ended: (string | undefined)[] = [];
  const hist: Record<string, string[]> = opts.history ?? {};
  const c = new TerminalController({
    term,
    backend,
    endedMessage: '[session ended — press Enter to start a new one]',
    onEnded: (cmd) => ended.push(cmd),
    initialLines: opts.initialLines,
    history: {
      load: (mode) => hist[mode] ?? [],
      add: (mode, line) => (hist[mode] = [...(hist[mode] ?? []), line]),
    },
  });
  const settle = async () => {
    for (let i = 0; i < 5; i++) {
      await c.idle();
      await new Promise((r) => setTimeout(r, 1));
    }
  };
  const ready = async (prompt = 'root@master1:~# ', mode = 'bash') => {
    c.handleEvent({ type: 'ready', prompt, mode });
    await settle();
  };
  const output = async (text: string) => {
    c.handleEvent({ type: 'output', text });
    await settle();
  };
  const type = async (data: string) => {
    c.handleData(data);
    await settle();
  };
  return { term, screen: term.screen, backend, c, ready, output, type, settle, ended, hist };
}

describe('TerminalController', () => {
  it('types the start command after the first prompt and submits it', async () => {
    const t = setup({ initialLines: ['mn'] });
    await t.ready();
    expect(t.backend.calls).toEqual(['submit mn']);
    expect(t.screen.lines()).toEqual(['root@master1:~# mn', '']);
    expect(t.c.state).toBe('running');
    await t.output('*** Creating network\n');
    await t.ready('mininet> ', 'mininet');
    expect(t.screen.lines()).toEqual(['root@master1:~# mn', '*** Creating network', 'mininet>']);
    expect(t.hist.bash).toBeUndefined(); // the page's start command is not the learner's history
  });

  it('edits a line and submits it; output uses \\r\\n', async () => {
    const t = setup();
    await t.ready();
    await t.type('h1 pong');
    await t.type('\x1b[D\x1b[D\x7fi');
    await t.type('\r');
    expect(t.backend.calls).toEqual(['submit h1 ping']);
    await t.output('a\nb\n');
    expect(t.screen.lines()).toEqual(['root@master1:~# h1 ping', 'a', 'b', '']);
    expect(t.hist.bash).toEqual(['h1 ping']);
  });

  it('draws a line replayed from a share link after the prompt, without submitting it again', async () => {
    const t = setup();
    await t.ready();
    t.c.handleEvent({ type: 'input', text: 'mn --topo single,2' });
    await t.settle();
    expect(t.backend.calls).toEqual([]); // the worker already gave it to the shell
    expect(t.c.state).toBe('running');
    await t.output('*** Creating network\n');
    await t.ready('mininet> ', 'mininet');
    expect(t.screen.lines()).toEqual(['root@master1:~# mn --topo single,2', '*** Creating network', 'mininet>']);
    expect(t.hist.bash).toEqual(['mn --topo single,2']);
  });

  it('a password (echo off) is edited and submitted but never shown or kept in history', async () => {
    const t = setup({ cols: 80 });
    await t.ready();
    await t.type('ssh -p 8101 onos@localhost\r');
    await t.output('Password authentication\n(onos@localhost) Password: ');
    t.c.handleEvent({ type: 'ready', prompt: '', mode: 'bash', echo: false });
    await t.settle();
    await t.type('rockz\x7fs\r');
    expect(t.backend.calls).toEqual(['submit ssh -p 8101 onos@localhost', 'submit rocks']);
    expect(t.screen.lines().join('\n')).not.toMatch(/rock/);
    expect(t.screen.lines()).toEqual(['root@master1:~# ssh -p 8101 onos@localhost', 'Password authentication', '(onos@localhost) Password:', '']);
    expect(t.hist.bash).toEqual(['ssh -p 8101 onos@localhost']);
    // The next prompt echoes again.
    await t.ready('onos@root > ', 'onos');
    await t.type('apps');
    expect(t.screen.lines().at(-1)).toBe('onos@root > apps');
  });

  it('keeps keys typed while a command runs and replays them at the next prompt', async () => {
    const t = setup();
    await t.ready();
    await t.type('sleep 1\r');
    await t.type('ec');
    await t.type('ho hi\rpw');
    expect(t.backend.calls).toEqual(['submit sleep 1']);
    expect(t.screen.lines()).toEqual(['root@master1:~# sleep 1', '']);
    await t.ready();
    expect(t.backend.calls).toEqual(['submit sleep 1', 'submit echo hi']);
    await t.output('hi\n');
    await t.ready();
    expect(t.screen.lines()).toEqual(['root@master1:~# sleep 1', 'root@master1:~# echo hi', 'hi', 'root@master1:~# pw']);
    expect(t.c.state).toBe('prompt');
  });

  it('runs a pasted block line by line, each after its prompt', async () => {
    const t = setup();
    await t.ready();
    await t.type('mn\rpingall\r');
    expect(t.backend.calls).toEqual(['submit mn']);
    await t.ready('mininet> ', 'mininet');
    expect(t.backend.calls).toEqual(['submit mn', 'submit pingall']);
    expect(t.screen.lines()).toEqual(['root@master1:~# mn', 'mininet> pingall', '']);
  });

  it('Ctrl-C while running interrupts at once and drops the typed-ahead keys', async () => {
    const t = setup();
    await t.ready();
    await t.type('h1 ping h2\r');
    await t.type('ls\r');
    await t.type('\x03');
    expect(t.backend.calls).toEqual(['submit h1 ping h2', 'interrupt']);
    await t.output('^C\n--- 10.0.0.2 ping statistics ---\n');
    await t.ready();
    expect(t.backend.calls).toEqual(['submit h1 ping h2', 'interrupt']);
    expect(t.screen.text()).toContain('^C');
    expect(t.screen.text().match(/\^C/g)).toHaveLength(1);
  });

  it('Ctrl-C at a prompt leaves the line on screen and lets the worker print ^C', async () => {
    const t = setup();
    await t.ready();
    await t.type('abc\x1b[D\x1b[D\x03');
    expect(t.backend.calls).toEqual(['interrupt']);
    expect(t.screen.x).toBe('root@master1:~# abc'.length);
    await t.output('^C\n');
    await t.ready();
    expect(t.screen.lines()).toEqual(['root@master1:~# abc^C', 'root@master1:~#']);
    await t.type('\r');
    expect(t.backend.calls).toEqual(['interrupt', 'submit ']);
  });

  it('Ctrl-D: eof on an empty line, delete-char otherwise; session end and restart on Enter', async () => {
    const t = setup();
    await t.ready();
    await t.type('ab\x01\x04');
    expect(t.screen.lines()).toEqual(['root@master1:~# b']);
    await t.type('\x04\x04');
    expect(t.backend.calls).toEqual(['eof']);
    await t.output('exit\n');
    t.c.handleEvent({ type: 'closed' });
    await t.settle();
    expect(t.screen.logicalLines()).toEqual(['root@master1:~# exit', '[session ended — press Enter to start a new one]']);
    await t.type('x');
    expect(t.ended).toEqual([]);
    await t.type('\r');
    expect(t.ended).toEqual([undefined]);
  });

  it('completes one candidate, a common prefix, then lists on the second Tab', async () => {
    const t = setup({ cols: 60 });
    await t.ready('mininet> ', 'mininet');
    t.backend.completions.set('pinga', { from: 0, candidates: ['pingall', 'pingallfull'] });
    t.backend.completions.set('pingall', { from: 0, candidates: ['pingall', 'pingallfull'] });
    t.backend.completions.set('h1 pi', { from: 3, candidates: ['ping'] });
    await t.type('pinga');
    await t.type('\t');
    expect(t.screen.lines()).toEqual(['mininet> pingall']);
    await t.type('\t');
    expect(t.screen.lines()).toEqual(['mininet> pingall', 'pingall      pingallfull', 'mininet> pingall']);
    await t.type('\x15h1 pi');
    await t.type('\t');
    expect(t.screen.lines().at(-1)).toBe('mininet> h1 ping');
    await t.type('h2\r');
    expect(t.backend.calls.at(-1)).toBe('submit h1 ping h2');
  });

  it('a Run-button line is typed after the prompt, or waits for it', async () => {
    const t = setup();
    t.c.runLine('mn');
    await t.settle();
    expect(t.backend.calls).toEqual([]);
    await t.ready();
    expect(t.backend.calls).toEqual(['submit mn']);
    t.c.runLine('pingall');
    await t.settle();
    expect(t.backend.calls).toEqual(['submit mn']);
    await t.ready('mininet> ', 'mininet');
    expect(t.backend.calls).toEqual(['submit mn', 'submit pingall']);
    expect(t.screen.lines()).toEqual(['root@master1:~# mn', 'mininet> pingall', '']);
    expect(t.hist).toEqual({ bash: ['mn'], mininet: ['pingall'] });
  });

  it('moves the prompt and line below output that arrives while editing', async () => {
    const t = setup();
    await t.ready();
    await t.type('ls -l');
    await t.output('[1]+  Done                    sleep 1\n');
    expect(t.screen.lines()).toEqual(['[1]+  Done                    sleep 1', 'root@master1:~# ls -l']);
    expect(t.screen.x).toBe('root@master1:~# ls -l'.length);
  });

  it('a program reading a line gets it without a prompt and without history', async () => {
    const t = setup();
    await t.ready();
    await t.type('read x\r');
    await t.output('Password: ');
    await t.ready('', 'bash');
    await t.type('s3cret\r');
    expect(t.backend.calls).toEqual(['submit read x', 'submit s3cret']);
    expect(t.screen.lines()).toEqual(['root@master1:~# read x', 'Password: s3cret', '']);
    expect(t.hist.bash).toEqual(['read x']);
  });

  it('recalls history per mode with Up/Down', async () => {
    const t = setup({ history: { bash: ['ls', 'mn'], mininet: ['pingall'] } });
    await t.ready();
    await t.type('\x1b[A');
    expect(t.screen.lines()).toEqual(['root@master1:~# mn']);
    await t.type('\x1b[A\x1b[A\x1b[B');
    expect(t.screen.lines()).toEqual(['root@master1:~# mn']);
    await t.type('\r');
    await t.ready('mininet> ', 'mininet');
    await t.type('\x10');
    expect(t.screen.lines().at(-1)).toBe('mininet> pingall');
  });

  it('says so when the worker dies and takes no more input', async () => {
    const t = setup();
    await t.ready();
    await t.type('pi');
    t.c.markDead('The sandbox stopped responding.');
    await t.type('ng\r');
    await t.ready();
    expect(t.backend.calls).toEqual([]);
    expect(t.screen.lines()).toEqual(['root@master1:~# pi', 'The sandbox stopped responding.', '']);
  });

  it('redraws the prompt and line at the new width after a resize', async () => {
    const t = setup({ cols: 20 });
    await t.output('some output\n');
    await t.ready('$ ', 'bash');
    await t.type('abcdefghijklmnopqrstuvwxyz');
    expect(t.screen.lines()).toEqual(['some output', '$ abcdefghijklmnopqr', 'stuvwxyz']);
    for (let i = 0; i < 10; i++) await t.type('\x1b[D');
    t.c.resize(30, 24);
    await t.settle();
    expect(t.screen.lines()).toEqual(['some output', '$ abcdefghijklmnopqrstuvwxyz']);
    expect(t.screen.logicalLines()).toEqual(['some output', '$ abcdefghijklmnopqrstuvwxyz']);
    expect({ x: t.screen.x, y: t.screen.y }).toEqual({ x: 18, y: 1 });
    t.c.resize(12, 24);
    await t.settle();
    expect(t.screen.lines()).toEqual(['some output', '$ abcdefghij', 'klmnopqrstuv', 'wxyz']);
    await t.type('X');
    expect(t.screen.logicalLines()).toEqual(['some output', '$ abcdefghijklmnopXqrstuvwxyz']);
    expect({ x: t.screen.x, y: t.screen.y }).toEqual({ x: 7, y: 2 });
  });

  it('Ctrl-L clears the screen and redraws the prompt and the line', async () => {
    const t = setup();
    await t.output('lots\nof\noutput\n');
    await t.ready();
    await t.type('ping\x0c');
    expect(t.screen.text().split('\n').filter(Boolean)).toEqual(['root@master1:~# ping']);
  });
});
