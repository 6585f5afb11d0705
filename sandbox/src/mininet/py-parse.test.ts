import { describe, expect, it } from 'vitest';
import { MAX_NESTING, MAX_SOURCE, parseEval, parseExec } from './py-parse';
import type { Expr } from './py-parse';

function expr(src: string): Expr {
  const r = parseEval(src);
  if (!r.ok) throw new Error(`parse failed: ${JSON.stringify(r)}`);
  return r.value;
}

function syntax(src: string, mode: 'eval' | 'exec' = 'eval'): string | undefined {
  const r = mode === 'eval' ? parseEval(src) : parseExec(src);
  return !r.ok && 'syntax' in r ? r.syntax : undefined;
}

function unsupported(src: string, mode: 'eval' | 'exec' = 'eval'): string | undefined {
  const r = mode === 'eval' ? parseEval(src) : parseExec(src);
  return !r.ok && 'unsupported' in r ? r.unsupported : undefined;
}

describe('py-parse: literals', () => {
  it('parses ints as bigints and floats as numbers', () => {
    expect(expr('42')).toEqual({ k: 'const', v: 42n });
    expect(expr('1_000')).toEqual({ k: 'const', v: 1000n });
    expect(expr('0x1f')).toEqual({ k: 'const', v: 31n });
    expect(expr('0o17')).toEqual({ k: 'const', v: 15n });
    expect(expr('0b101')).toEqual({ k: 'const', v: 5n });
    expect(expr('1.5')).toEqual({ k: 'const', v: 1.5 });
    expect(expr('.5')).toEqual({ k: 'const', v: 0.5 });
    expect(expr('1e3')).toEqual({ k: 'const', v: 1000 });
    expect(expr('00')).toEqual({ k: 'const', v: 0n });
  });

  it('parses True, False, None', () => {
    expect(expr('True')).toEqual({ k: 'const', v: true });
    expect(expr('False')).toEqual({ k: 'const', v: false });
    expect(expr('None')).toEqual({ k: 'const', v: null });
  });

  it('parses both quote styles, escapes, raw and triple-quoted strings', () => {
    expect(expr(`'ls -l'`)).toEqual({ k: 'const', v: 'ls -l' });
    expect(expr(`"it's"`)).toEqual({ k: 'const', v: "it's" });
    expect(expr(`'a\\nb\\t\\x41\\u00e9\\\\'`)).toEqual({ k: 'const', v: 'a\nb\tA\u00e9\\' });
    expect(expr(`r'a\\nb'`)).toEqual({ k: 'const', v: 'a\\nb' });
    expect(expr(`'''x'y'''`)).toEqual({ k: 'const', v: "x'y" });
    expect(expr(`'hello ' "world"`)).toEqual({ k: 'const', v: 'hello world' });
    expect(expr(`'\\q'`)).toEqual({ k: 'const', v: '\\q' });
  });

  it('splits f-strings into text and expressions', () => {
    const e = expr(`f'{h1.IP()} is {x!r} {{ok}}'`);
    expect(e.k).toBe('fstr');
    if (e.k !== 'fstr') return;
    expect(e.parts.length).toBe(4);
    expect(e.parts[1]).toBe(' is ');
    expect(e.parts[3]).toBe(' {ok}');
    expect(expr(`f'{x=}'`)).toMatchObject({ k: 'fstr', parts: [{ label: 'x=', conv: 'r' }] });
  });
});

describe('py-parse: expressions', () => {
  it('parses attribute calls with positional and keyword arguments', () => {
    expect(expr(`h1.cmd('ls', verbose=True)`)).toEqual({
      k: 'call',
      fn: { k: 'attr', obj: { k: 'name', id: 'h1' }, name: 'cmd' },
      args: [{ k: 'const', v: 'ls' }],
      kwargs: [{ name: 'verbose', value: { k: 'const', v: true } }],
    });
  });

  it('parses subscripts, slices and displays', () => {
    expect(expr(`net['h1']`)).toEqual({ k: 'index', obj: { k: 'name', id: 'net' }, index: { k: 'const', v: 'h1' } });
    expect(expr('x[1:]')).toEqual({ k: 'slice', obj: { k: 'name', id: 'x' }, lo: { k: 'const', v: 1n }, hi: undefined, step: undefined });
    expect(expr('x[::-1]')).toMatchObject({ k: 'slice', step: { k: 'unary', op: '-' } });
    expect(expr('[1, 2,]')).toEqual({ k: 'list', items: [{ k: 'const', v: 1n }, { k: 'const', v: 2n }] });
    expect(expr('()')).toEqual({ k: 'tuple', items: [] });
    expect(expr('(1)')).toEqual({ k: 'const', v: 1n });
    expect(expr('(1,)')).toEqual({ k: 'tuple', items: [{ k: 'const', v: 1n }] });
    expect(expr('1, 2')).toMatchObject({ k: 'tuple' });
    expect(expr(`{'a': 1}`)).toMatchObject({ k: 'dict', entries: [{ key: { v: 'a' }, value: { v: 1n } }] });
  });

  it('follows Python precedence', () => {
    expect(expr('1 + 2 * 3')).toEqual({
      k: 'bin', op: '+', left: { k: 'const', v: 1n },
      right: { k: 'bin', op: '*', left: { k: 'const', v: 2n }, right: { k: 'const', v: 3n } },
    });
    expect(expr('not a == b')).toMatchObject({ k: 'unary', op: 'not', operand: { k: 'cmp' } });
    expect(expr('a or b and c')).toMatchObject({ k: 'bool', op: 'or', right: { k: 'bool', op: 'and' } });
    expect(expr(`'h1' not in net`)).toMatchObject({ k: 'cmp', rest: [{ op: 'not in' }] });
    expect(expr('x is not None')).toMatchObject({ k: 'cmp', rest: [{ op: 'is not' }] });
    expect(expr('1 < x <= 3')).toMatchObject({ k: 'cmp', rest: [{ op: '<' }, { op: '<=' }] });
  });
});

describe('py-parse: statements', () => {
  it('parses assignments, augmented assignments, del, pass and ;', () => {
    const r = parseExec('x = y = 3; a, b = 1, 2; x += 1; del x; pass;');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.map((s) => s.k)).toEqual(['assign', 'assign', 'augassign', 'del', 'pass']);
    expect(r.value[0]).toMatchObject({ targets: [{ k: 'name', id: 'x' }, { k: 'name', id: 'y' }] });
    expect(r.value[1]).toMatchObject({ targets: [{ k: 'unpack' }] });
  });

  it('parses print(...) as an expression statement', () => {
    expect(parseExec(`print(h1.cmd('ls'))`)).toMatchObject({ ok: true, value: [{ k: 'expr', expr: { k: 'call' } }] });
  });

  it('accepts an empty statement list', () => {
    expect(parseExec('')).toEqual({ ok: true, value: [] });
  });
});

describe('py-parse: syntax errors read as CPython 3.8 prints them', () => {
  it('invalid syntax', () => {
    expect(syntax('x = 3')).toBe('invalid syntax (<string>, line 1)');
    expect(syntax('import os')).toBe('invalid syntax (<string>, line 1)');
    expect(syntax('1 +* 2')).toBe('invalid syntax (<string>, line 1)');
    expect(syntax('$x')).toBe('invalid syntax (<string>, line 1)');
    expect(syntax('x = ', 'exec')).toBe('invalid syntax (<string>, line 1)');
  });

  it('unexpected EOF: anywhere in eval, inside brackets in exec', () => {
    expect(syntax('h1.IP(')).toBe('unexpected EOF while parsing (<string>, line 1)');
    expect(syntax('1 +')).toBe('unexpected EOF while parsing (<string>, line 1)');
    expect(syntax('print(1', 'exec')).toBe('unexpected EOF while parsing (<string>, line 1)');
    expect(syntax('')).toBe('unexpected EOF while parsing (<string>, line 0)');
  });

  it('string and token errors', () => {
    expect(syntax(`'abc`)).toBe('EOL while scanning string literal (<string>, line 1)');
    expect(syntax(`'''abc`)).toBe('EOF while scanning triple-quoted string literal (<string>, line 1)');
    expect(syntax('0123')).toBe('invalid token (<string>, line 1)');
    expect(syntax(`'\\x4'`)).toBe(
      "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape (<string>, line 1)");
  });

  it('call and assignment errors', () => {
    expect(syntax('f(a=1, 2)')).toBe('positional argument follows keyword argument (<string>, line 1)');
    expect(syntax('f(a=1, a=2)')).toBe('keyword argument repeated (<string>, line 1)');
    expect(syntax('1 = 2', 'exec')).toBe('cannot assign to literal (<string>, line 1)');
    expect(syntax('h1.IP() = 2', 'exec')).toBe('cannot assign to function call (<string>, line 1)');
    expect(syntax('return 1', 'exec')).toBe("'return' outside function (<string>, line 1)");
  });

  it("Python 2's print statement gets 3.8's hint, unless the line has a '('", () => {
    expect(syntax(`print 'hi'`, 'exec')).toBe(`Missing parentheses in call to 'print'. Did you mean print('hi')? (<string>, line 1)`);
    expect(syntax(`print x,`, 'exec')).toBe(`Missing parentheses in call to 'print'. Did you mean print(x, end=" ")? (<string>, line 1)`);
    expect(syntax(`print h1.cmd('ls')`, 'exec')).toBe('invalid syntax (<string>, line 1)');
  });

  it('f-string errors', () => {
    expect(syntax(`f'{}'`)).toBe('f-string: empty expression not allowed (<string>, line 1)');
    expect(syntax(`f'}'`)).toBe("f-string: single '}' is not allowed (<string>, line 1)");
    expect(syntax(`f'{1+}'`)).toBe('f-string: invalid syntax (<string>, line 1)');
  });
});

describe('py-parse: valid Python outside the subset', () => {
  it('names the construct', () => {
    expect(unsupported('lambda x: x')).toBe('a lambda expression');
    expect(unsupported('[x for x in net]')).toBe('a list comprehension');
    expect(unsupported('(x for x in y)')).toBe('a generator expression');
    expect(unsupported('1 if x else 2')).toBe('a conditional expression (x if c else y)');
    expect(unsupported('2 ** 8')).toBe('the ** operator');
    expect(unsupported('1 | 2')).toBe('the | operator');
    expect(unsupported('{1, 2}')).toBe('a set display');
    expect(unsupported('f(*args)')).toBe('*args / **kwargs unpacking in a call');
    expect(unsupported(`b'x'`)).toBe('a bytes literal');
    expect(unsupported(`f'{x:>5}'`)).toBe('an f-string format spec ({x:...})');
    expect(unsupported('import os', 'exec')).toBe('import');
    expect(unsupported('for h in net.hosts: print(h)', 'exec')).toBe('a for loop');
    expect(unsupported('h1.foo = 3', 'exec')).toBe('assigning to an attribute or item');
  });
});

describe('py-parse: bounds', () => {
  it('caps source length and nesting', () => {
    expect(parseEval('1+'.repeat(MAX_SOURCE) + '1')).toMatchObject({ ok: false, limit: expect.stringContaining('characters') });
    expect(parseEval('('.repeat(MAX_NESTING + 1) + '1' + ')'.repeat(MAX_NESTING + 1))).toMatchObject({ ok: false, limit: expect.stringContaining('nesting') });
    expect(parseEval('-'.repeat(MAX_NESTING + 1) + '1')).toMatchObject({ ok: false, limit: expect.stringContaining('nesting') });
    expect(parseEval('('.repeat(20) + '1' + ')'.repeat(20)).ok).toBe(true);
  });
});
