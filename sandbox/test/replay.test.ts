/**
 * What share links rely on (src/components/Sandbox/shareLink.ts, the worker's replay): the same
 * inputs at the same virtual times on the same seed give the same sandbox, byte for byte, even
 * when the inputs arrive while commands run and time passes between them at a learner's pace.
 */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../src/sandbox';

type Input = { at: number; kind: 'line' | 'interrupt'; line?: string };

function play(seed: number, inputs: Input[]): string {
  const sb = new Sandbox({ seed });
  const s = sb.openSession();
  let out = '';
  s.onOutput((t) => (out += t));
  for (const i of inputs) {
    if (i.at > sb.now) sb.advanceTo(i.at);
    if (i.kind === 'line') s.submit(i.line!);
    else s.interrupt();
  }
  sb.advanceTo(sb.now + 30_000_000);
  return out;
}

describe('replaying inputs at their virtual times', () => {
  it('reproduces a session exactly, including a ping cut short by Ctrl-C and idle time', () => {
    const inputs: Input[] = [
      { at: 800_000, kind: 'line', line: 'mn --topo single,3' },
      { at: 4_100_000, kind: 'line', line: 'h1 ping h2' },
      { at: 7_345_678, kind: 'interrupt' },
      { at: 60_000_000, kind: 'line', line: 'dpctl dump-flows' },
      { at: 61_000_000, kind: 'line', line: 'h3 arp -n' },
      { at: 61_000_001, kind: 'line', line: 'pingall' },
    ];
    const a = play(5, inputs);
    expect(a).toContain('--- 10.0.0.2 ping statistics ---');
    expect(play(5, inputs)).toBe(a);
    // The times matter: Ctrl-C a second later is a different session.
    const later = inputs.map((i) => (i.kind === 'interrupt' ? { ...i, at: i.at + 1_000_000 } : i));
    expect(play(5, later)).not.toBe(a);
  });
});
