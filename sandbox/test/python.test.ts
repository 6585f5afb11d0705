/**
 * Python programs as processes (src/python/run-program.ts) on real Pyodide in Node: Ctrl-C,
 * input(), one interpreter shared by the terminals, and a program killed while it waits.
 */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../src/sandbox';
import { nodePythonLoader } from '../cli/python-node';

function lab() {
  const sb = new Sandbox({ seed: 3 });
  sb.python = nodePythonLoader(3);
  const s = sb.openSession();
  let out = '';
  s.onOutput((t) => (out += t));
  return { sb, s, take: () => { const o = out; out = ''; return o; } };
}

describe('python3 as a sandbox process', () => {
  it('turns Ctrl-C during a sleep into KeyboardInterrupt with a traceback and status 130', async () => {
    const { sb, s, take } = lab();
    sb.fs.writeFile('/root/wait.py', 'import time\nprint("waiting")\ntime.sleep(30)\nprint("never")\n');
    s.submit('python3 wait.py');
    await sb.settleAsync(s, 2_000_000);
    expect(take()).toBe('waiting\n^CTraceback (most recent call last):\n  File "wait.py", line 3, in <module>\n' +
      '    time.sleep(30)\n    ~~~~~~~~~~^^^^\nKeyboardInterrupt\n');
    s.submit('echo $?');
    await sb.settleAsync(s);
    expect(take()).toBe('130\n');
  });

  it('reads input() from the terminal and ends on end of input with EOFError', async () => {
    const { sb, s, take } = lab();
    s.submit('python3 -c "print(input(\'name? \').upper())"');
    await sb.settleAsync(s);
    expect(take()).toBe('name? ');
    s.submit('ada');
    await sb.settleAsync(s);
    expect(take()).toBe('ADA\n');
    s.submit('python3 -c "input()"');
    await sb.settleAsync(s);
    s.eof();
    await sb.settleAsync(s);
    expect(take()).toMatch(/EOFError: EOF when reading a line\n$/);
  });

  it('has one interpreter: a second program waits its turn, and a killed one frees it', async () => {
    const { sb, s, take } = lab();
    sb.fs.writeFile('/root/net.py', 'from mininet.net import Mininet\nfrom mininet.topo import SingleSwitchTopo\n' +
      'from mininet.cli import CLI\nnet = Mininet(SingleSwitchTopo(2))\nnet.start()\nCLI(net)\nnet.stop()\n');
    s.submit('python3 net.py');
    await sb.settleAsync(s);
    expect(s.mode.id).toBe('mininet');
    take();
    const other = sb.openSession();
    let out2 = '';
    other.onOutput((t) => (out2 += t));
    other.submit('python3 -c "print(1)"');
    await sb.settleAsync(other);
    expect(out2).toContain('another Python program is running in this sandbox');
    // The first terminal goes away (Start over does this): its program ends and Python is free.
    s.killAll();
    await sb.settleAsync(other);
    // The killed program unwinds asynchronously: wait for the interpreter, not for a guessed tick.
    await sb.python!.ready!.idle();
    out2 = '';
    other.submit('python3 -c "print(6 * 7)"');
    await sb.settleAsync(other);
    expect(out2).toBe('42\n');
    expect(sb.mininet).toBeUndefined();
  });

  it('runs pure Python without the network and keeps virtual time still while it computes', async () => {
    const { sb, s, take } = lab();
    const before = sb.now;
    s.submit('python3 -c "print(sum(i * i for i in range(200000)))"');
    await sb.settleAsync(s);
    expect(take()).toBe('2666646666700000\n');
    expect(sb.now).toBe(before);
  });
});
