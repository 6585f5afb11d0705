import { describe, expect, it } from 'vitest';
import { PyDict, PyError, PyList, PyTuple, bind, floatRepr, hashKey, pyEq, pyOrder, repr, strRepr, truthy } from './py-values';
import { binop, compare, getslice, percentFormat } from './py-ops';

describe('py-values: repr', () => {
  it('floats as Python prints them', () => {
    const cases: Array<[number, string]> = [
      [0, '0.0'], [-0, '-0.0'], [1, '1.0'], [0.1 + 0.2, '0.30000000000000004'], [100 / 6, '16.666666666666668'],
      [1e16, '1e+16'], [1e15, '1000000000000000.0'], [1e-4, '0.0001'], [1e-5, '1e-05'], [1.5e-7, '1.5e-07'],
      [123456789012345680, '1.2345678901234568e+17'], [1e308 * 10, 'inf'], [NaN, 'nan'], [-2.5, '-2.5'], [1e100, '1e+100'],
    ];
    for (const [x, s] of cases) expect(floatRepr(x)).toBe(s);
  });

  it('strings with single quotes unless only single quotes are inside', () => {
    expect(strRepr('abc')).toBe("'abc'");
    expect(strRepr("it's")).toBe(`"it's"`);
    expect(strRepr(`a'b"c`)).toBe(`'a\\'b"c'`);
    expect(strRepr('a\r\nb\t\\')).toBe("'a\\r\\nb\\t\\\\'");
    expect(strRepr('\x00\x7f\xa0\u2028é😀')).toBe("'\\x00\\x7f\\xa0\\u2028é😀'");
  });

  it('containers, including a list that contains itself', () => {
    expect(repr(new PyList([1n, 'a', null, true, 2.5]))).toBe("[1, 'a', None, True, 2.5]");
    expect(repr(new PyTuple([1n]))).toBe('(1,)');
    expect(repr(new PyTuple([]))).toBe('()');
    expect(repr(PyDict.of([['ip', '10.0.0.1/8'], [1n, new PyList([])]]))).toBe("{'ip': '10.0.0.1/8', 1: []}");
    const l = new PyList([1n]);
    l.items.push(l);
    expect(repr(l)).toBe('[1, [...]]');
  });
});

describe('py-values: truth, equality, order, hashing', () => {
  it('falsy values', () => {
    for (const v of [null, false, 0n, 0, '', new PyList([]), new PyTuple([]), new PyDict()]) expect(truthy(v)).toBe(false);
    for (const v of [true, 1n, 0.5, NaN, ' ', new PyList([null])]) expect(truthy(v)).toBe(true);
  });

  it('numbers compare across int, float and bool', () => {
    expect(pyEq(1n, 1.0)).toBe(true);
    expect(pyEq(true, 1n)).toBe(true);
    expect(pyEq(NaN, NaN)).toBe(false);
    expect(pyOrder(10n ** 20n, 1e20, '<')).toBe(0);
    expect(pyOrder(2n, 2.5, '<')).toBe(-1);
    expect(hashKey(1n)).toBe(hashKey(1.0));
    expect(hashKey(true)).toBe(hashKey(1n));
    expect(() => hashKey(new PyList([]))).toThrow("unhashable type: 'list'");
  });

  it("raises Python's TypeError for unordered types", () => {
    expect(() => compare('<', 1n, 'a')).toThrow("'<' not supported between instances of 'int' and 'str'");
    expect(() => compare('>', 'a', 1n)).toThrow("'>' not supported between instances of 'str' and 'int'");
    expect(compare('<', new PyList([1n, 2n]), new PyList([1n, 3n]))).toBe(true);
  });
});

describe('py-values: binding arguments (CPython 3.8 messages)', () => {
  const sig = { params: ['ip', 'prefixLen', 'intf'], required: 1, method: true };
  const call = (args: bigint[], kw: Record<string, bigint> = {}) => bind('setIP', sig, { args, kwargs: new Map(Object.entries(kw)) });

  it('binds positionals and keywords', () => {
    expect(call([1n], { intf: 3n }).vals).toEqual([1n, undefined, 3n]);
  });

  it('reports wrong calls', () => {
    expect(() => call([])).toThrow("setIP() missing 1 required positional argument: 'ip'");
    expect(() => call([1n, 2n, 3n, 4n])).toThrow('setIP() takes from 2 to 4 positional arguments but 5 were given');
    expect(() => call([1n], { ip: 2n })).toThrow("setIP() got multiple values for argument 'ip'");
    expect(() => call([1n], { mask: 2n })).toThrow("setIP() got an unexpected keyword argument 'mask'");
    expect(() => bind('f', { params: ['a', 'b', 'c'], required: 3 }, { args: [], kwargs: new Map() }))
      .toThrow("f() missing 3 required positional arguments: 'a', 'b', and 'c'");
    expect(() => bind('intfList', { params: [], required: 0, method: true }, { args: [1n], kwargs: new Map() }))
      .toThrow('intfList() takes 1 positional argument but 2 were given');
  });
});

describe('py-ops', () => {
  it('arithmetic follows Python', () => {
    expect(binop('+', 1n, 2n)).toBe(3n);
    expect(binop('/', 7n, 2n)).toBe(3.5);
    expect(binop('//', -7n, 2n)).toBe(-4n);
    expect(binop('%', -7n, 3n)).toBe(2n);
    expect(binop('%', 7.5, -2n)).toBe(-0.5);
    expect(binop('+', true, 1.5)).toBe(2.5);
    expect(() => binop('-', 'a', 1n)).toThrow("unsupported operand type(s) for -: 'str' and 'int'");
    expect(() => binop('+', new PyList([]), 'a')).toThrow('can only concatenate list (not "str") to list');
    expect(() => binop('/', 1n, 0n)).toThrow(PyError);
  });

  it('printf-style formatting', () => {
    expect(percentFormat('%s -> %s', new PyTuple(['h1', 10n]))).toBe('h1 -> 10');
    expect(percentFormat('%5.1f|%-4d|%+d|%03x|%r', new PyTuple([3.14159, 7n, 5n, 10n, 'a']))).toBe('  3.1|7   |+5|00a|\'a\'');
    expect(percentFormat('%e %g %g %G', new PyTuple([12345.678, 1e-5, 123456789.0, 0.5]))).toBe('1.234568e+04 1e-05 1.23457e+08 0.5');
    expect(percentFormat('100%%', new PyTuple([]))).toBe('100%');
    expect(() => percentFormat('%s %s', 'a')).toThrow('not enough arguments for format string');
    expect(() => percentFormat('%d', 'a')).toThrow('%d format: a number is required, not str');
  });

  it('slices follow PySlice_AdjustIndices', () => {
    const l = new PyList([0n, 1n, 2n, 3n, 4n]);
    expect(repr(getslice(l, 1n, undefined, undefined))).toBe('[1, 2, 3, 4]');
    expect(repr(getslice(l, -2n, undefined, undefined))).toBe('[3, 4]');
    expect(repr(getslice(l, undefined, undefined, -2n))).toBe('[4, 2, 0]');
    expect(repr(getslice(l, 10n, 20n, undefined))).toBe('[]');
    expect(getslice('hello', 1n, -1n, undefined)).toBe('ell');
    expect(() => getslice(l, undefined, undefined, 0n)).toThrow('slice step cannot be zero');
  });
});
