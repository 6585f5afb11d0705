import { describe, expect, it } from 'vitest';
import { parseLine } from './tokenize';

const env = { get: (n: string) => ({ HOME: '/root', X: 'ex', '?': '3' })[n], home: '/root' };

function argvs(line: string): string[][] {
  const r = parseLine(line, env);
  if (!r.ok) throw new Error(r.error);
  return r.list.flatMap((i) => i.pipeline.commands.map((c) => c.argv));
}

describe('parseLine', () => {
  it('splits words with quotes and escapes', () => {
    expect(argvs(`echo 'a b' "c $X" d\\ e`)).toEqual([['echo', 'a b', 'c ex', 'd e']]);
  });

  it('expands ~ and variables, and drops comments', () => {
    expect(argvs('ls ~/x $X ${X}y $? # comment')).toEqual([['ls', '/root/x', 'ex', 'exy', '3']]);
  });

  it('parses lists, background jobs and pipelines', () => {
    const r = parseLine('a && b || c; d & e | f', env);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.list.map((i) => i.op)).toEqual(['&&', '||', ';', '&', ';']);
    expect(r.list[4]!.pipeline.commands.map((c) => c.argv[0])).toEqual(['e', 'f']);
  });

  it('parses redirections', () => {
    const r = parseLine('cmd > out.txt 2>/dev/null', env);
    expect(r.ok && r.list[0]!.pipeline.commands[0]!.redirects).toEqual([
      { op: '>', target: 'out.txt' },
      { op: '2>', target: '/dev/null' },
    ]);
  });

  it("reports bash's syntax errors", () => {
    expect(parseLine('| a', env)).toEqual({ ok: false, error: "bash: syntax error near unexpected token `|'" });
    expect(parseLine("echo 'open", env)).toEqual({
      ok: false, error: "bash: unexpected EOF while looking for matching `''\nbash: syntax error: unexpected end of file",
    });
    expect(parseLine('a ;; b', env).ok).toBe(false);
  });
});
