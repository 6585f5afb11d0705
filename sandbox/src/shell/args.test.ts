import { describe, expect, it } from 'vitest';
import { getopt } from './args';

describe('getopt', () => {
  const spec = { short: 'c:qn', long: [{ name: 'count', arg: 'required', key: 'c' }, { name: 'quiet', arg: 'none', key: 'q' }] } as const;

  it('accepts bundles, attached values and options after operands', () => {
    const r = getopt('ping', ['-qc3', 'h2', '-n'], spec);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.opts.get('c')).toBe('3');
    expect(r.opts.has('q')).toBe(true);
    expect(r.opts.has('n')).toBe(true);
    expect(r.opts.operands).toEqual(['h2']);
  });

  it('reads long options with = or a separate value, and unique prefixes', () => {
    const r = getopt('x', ['--count=4', '--qui'], spec);
    expect(r.ok && r.opts.get('c')).toBe('4');
  });

  it('gives GNU messages', () => {
    expect(getopt('ping', ['-x'], spec)).toEqual({ ok: false, error: "ping: invalid option -- 'x'" });
    expect(getopt('ping', ['-c'], spec)).toEqual({ ok: false, error: "ping: option requires an argument -- 'c'" });
    expect(getopt('ping', ['--bogus'], spec)).toEqual({ ok: false, error: "ping: unrecognized option '--bogus'" });
  });

  it("gives optparse's messages for mn", () => {
    const r = getopt('mn', ['--foo'], { short: 'h', long: [], style: 'optparse' });
    expect(r).toEqual({ ok: false, error: 'Usage: mn [options]\n(type mn -h for details)\n\nmn: error: no such option: --foo' });
  });

  it('stops at -- ', () => {
    const r = getopt('x', ['--', '-q'], spec);
    expect(r.ok && r.opts.operands).toEqual(['-q']);
  });
});
