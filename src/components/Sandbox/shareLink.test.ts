import { describe, expect, it } from 'vitest';
import { SHARE_LIMITS, shareStateProblem, type ShareState } from '@site/sandbox/worker/api';
import { decodeShare, encodeShare, MAX_FRAGMENT, shareFragment, shareUrl } from './shareLink';

const state: ShareState = {
  seed: 7,
  events: [
    { at: 1_250_000, terminal: 1, kind: 'line', line: 'mn --topo single,2' },
    { at: 3_000_000, terminal: 1, kind: 'line', line: 'h1 ping h2 # ünïcode' },
    { at: 9_000_123, terminal: 1, kind: 'interrupt' },
    { at: 9_500_000, terminal: 2, kind: 'close' },
    { at: 9_600_000, terminal: 1, kind: 'eof' },
  ],
};

describe('share links', () => {
  it('round-trips a session exactly', () => {
    const d = decodeShare(encodeShare(state, 1));
    expect(d).toEqual({ ok: true, sandbox: 1, state });
  });

  it('round-trips an editor save with its path and whole content', () => {
    const saved: ShareState = {
      seed: 1,
      events: [
        { at: 0, terminal: 0, kind: 'save', path: '/root/linuxrouter.py', content: 'ip = "10.0.1.1/24"\n# ünïcode\n' },
        { at: 2_000_000, terminal: 1, kind: 'line', line: 'python3 linuxrouter.py' },
      ],
    };
    expect(decodeShare(encodeShare(saved))).toEqual({ ok: true, sandbox: 0, state: saved });
  });

  it("round-trips a terminal the network view opened on a node ('xterm'), and refuses a bad node name", () => {
    const opened: ShareState = {
      seed: 1,
      events: [
        { at: 1_000_000, terminal: 1, kind: 'line', line: 'mn' },
        { at: 2_000_000, terminal: 2, kind: 'xterm', line: 'h2' },
      ],
    };
    expect(decodeShare(encodeShare(opened))).toEqual({ ok: true, sandbox: 0, state: opened });
    expect(shareStateProblem(opened)).toBeUndefined();
    expect(shareStateProblem({ seed: 1, events: [{ at: 0, terminal: 2, kind: 'xterm', line: 'h2; rm -rf /' }] })).toBe('input 1 names no valid node');
  });

  it('builds a URL on the same page whose fragment decodes', () => {
    const url = shareUrl({ origin: 'http://localhost:3000', pathname: '/docs/mininet/first-network', search: '' }, state);
    expect(url.startsWith('http://localhost:3000/docs/mininet/first-network#share=1.0.')).toBe(true);
    const frag = shareFragment(new URL(url).hash)!;
    expect(decodeShare(frag).ok).toBe(true);
    expect(shareFragment('#other')).toBeUndefined();
  });

  it('refuses an edited link', () => {
    const good = encodeShare(state);
    const payloadStart = good.lastIndexOf('.') + 1;
    const i = payloadStart + 10;
    const edited = good.slice(0, i) + (good[i] === 'A' ? 'B' : 'A') + good.slice(i + 1);
    expect(decodeShare(edited)).toEqual({ ok: false, error: expect.stringMatching(/damaged or was edited/) });
    expect(decodeShare(good.slice(0, -5))).toMatchObject({ ok: false });
    expect(decodeShare('garbage')).toMatchObject({ ok: false });
    expect(decodeShare('')).toMatchObject({ ok: false });
  });

  it('refuses a link from a newer version', () => {
    expect(decodeShare('2' + encodeShare(state).slice(1))).toEqual({ ok: false, error: 'the link was made by a newer version of Patchbay' });
  });

  it('refuses oversized links before decoding them', () => {
    expect(decodeShare('1.0.00000000.' + 'A'.repeat(MAX_FRAGMENT))).toEqual({ ok: false, error: expect.stringMatching(/too long/) });
    const many: ShareState = { seed: 1, events: Array.from({ length: SHARE_LIMITS.events + 1 }, (_, i) => ({ at: i, terminal: 1, kind: 'eof' as const })) };
    expect(decodeShare(encodeShare(many))).toEqual({ ok: false, error: expect.stringMatching(/holds 1001 inputs; the limit is 1000/) });
  });

  it('refuses well-formed links with impossible content (checked like the worker checks)', () => {
    const backwards: ShareState = { seed: 1, events: [{ at: 5, terminal: 1, kind: 'eof' }, { at: 2, terminal: 1, kind: 'eof' }] };
    // Deltas are encoded, so go through a hand-made payload with a negative delta.
    const frag = encodeShare(backwards);
    expect(decodeShare(frag)).toEqual({ ok: false, error: expect.stringMatching(/time out of order/) });
    const badSeed = encodeShare({ seed: -1, events: [] });
    expect(decodeShare(badSeed)).toEqual({ ok: false, error: 'the link cannot be replayed: its seed is not valid' });
    const newline = encodeShare({ seed: 1, events: [{ at: 0, terminal: 1, kind: 'line', line: 'a\nb' }] });
    expect(decodeShare(newline)).toMatchObject({ ok: false });
  });

  it('carries a New terminal and the ONOS GUI app buttons, and keeps older links meaning the same', () => {
    const withGui: ShareState = {
      seed: 3,
      events: [
        { at: 1_000_000, terminal: 2, kind: 'open' },
        { at: 2_000_000, terminal: 2, kind: 'line', line: 'sudo service onos start' },
        { at: 40_000_000, terminal: 0, kind: 'app', line: 'activate org.onosproject.openflow' },
        { at: 41_000_000, terminal: 0, kind: 'app', line: 'deactivate fwd' },
      ],
    };
    expect(decodeShare(encodeShare(withGui))).toEqual({ ok: true, sandbox: 0, state: withGui });
    // The kinds are numbered by position: the first four keep their numbers.
    const old = decodeShare(encodeShare(state));
    expect(old.ok && old.state.events.map((e) => e.kind)).toEqual(['line', 'line', 'interrupt', 'close', 'eof']);
    const badApp = encodeShare({ seed: 1, events: [{ at: 0, terminal: 0, kind: 'app', line: 'uninstall org.onosproject.fwd' }] });
    expect(decodeShare(badApp)).toEqual({ ok: false, error: 'the link cannot be replayed: input 1 is not a valid application action' });
    const noName = encodeShare({ seed: 1, events: [{ at: 0, terminal: 0, kind: 'app' }] });
    expect(decodeShare(noName)).toMatchObject({ ok: false });
  });
});
