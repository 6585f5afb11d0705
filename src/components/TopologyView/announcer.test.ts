import { describe, expect, it } from 'vitest';
import type { PacketInfo } from '@site/sandbox/worker/api';
import { Announcer } from './announcer';

function frame(id: number, from = 'h1', to = 's1'): PacketInfo {
  return { id, at: id, from: { node: from, intf: `${from}-eth0` }, to: { node: to, intf: `${to}-eth1` }, protocol: 'icmp', summary: `frame ${id}`, size: 98 };
}

function manual() {
  let fn: (() => void) | undefined;
  return {
    set: (f: () => void) => ((fn = f), 1),
    clear: () => (fn = undefined),
    fire: () => {
      const f = fn;
      fn = undefined;
      f?.();
    },
    get armed() {
      return fn !== undefined;
    },
  };
}

describe('Announcer', () => {
  it('tells the first frame at once, then at most one line a second with a count', () => {
    const said: string[] = [];
    const t = manual();
    const a = new Announcer((s) => said.push(s), t);
    a.push([frame(1), frame(2)]);
    a.push([frame(3), frame(4)]);
    expect(said).toEqual(['h1 to s1: frame 1']);
    t.fire();
    expect(said).toEqual(['h1 to s1: frame 1', 'h1 to s1: frame 4, and 2 more frames']);
    // A quiet second ends the run; the next frame is told at once again.
    t.fire();
    expect(t.armed).toBe(false);
    a.push([frame(5, 's1', 'h2')]);
    expect(said.at(-1)).toBe('s1 to h2: frame 5');
  });

  it('says "1 more frame" in the singular', () => {
    const said: string[] = [];
    const t = manual();
    const a = new Announcer((s) => said.push(s), t);
    a.push([frame(1), frame(2), frame(3)]);
    t.fire();
    expect(said[1]).toBe('h1 to s1: frame 3, and 1 more frame');
  });
});
