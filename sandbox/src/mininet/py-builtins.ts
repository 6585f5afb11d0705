/**
 * Python's builtins and the methods of its builtin types, as far as `py`/`px` support them
 * (CPython 3.8 behaviour and messages): print, len, str, repr, int, float, bool, list, tuple,
 * dict, sorted, min, max, sum, abs; str/list/dict/tuple methods learners use on command
 * output (strip, split, splitlines, replace, join, append...). Other real builtins and methods
 * are reported as unsupported rather than as NameError/AttributeError.
 */
import type { CallArgs, PyCtx, PyImpl, PyValue } from './py-values';
import {
  PyDict, PyDictView, PyError, PyFunction, PyLimit, PyList, PyObj, PyTuple, PyUnsupported,
  checkItems, checkStr, iterate, pyEq, pyOrder, repr, str, truthy, typeError, typeName, valueError,
} from './py-values';
import { binop, chars, toFloat } from './py-ops';

// ---- argument checks in the style of C builtins ----------------------------------------------------

function noKwargs(name: string, a: CallArgs): void {
  if (a.kwargs.size) throw typeError(`${name}() takes no keyword arguments`);
}

/** PyArg-style count check for C functions and methods. */
function argc(name: string, a: CallArgs, min: number, max: number): void {
  noKwargs(name, a);
  const n = a.args.length;
  if (n >= min && n <= max) return;
  if (max === 0) throw typeError(`${name}() takes no arguments (${n} given)`);
  if (min === 1 && max === 1) throw typeError(`${name}() takes exactly one argument (${n} given)`);
  if (n < min) throw typeError(`${name} expected at least ${min} argument${min === 1 ? '' : 's'}, got ${n}`);
  throw typeError(`${name} expected at most ${max} argument${max === 1 ? '' : 's'}, got ${n}`);
}

// ---- conversions ---------------------------------------------------------------------------------------

/** str.isspace(): Unicode whitespace plus the ASCII separators 0x1c-0x1f. */
function isPySpace(ch: string): boolean {
  return /\s/.test(ch) || (ch >= '\u001c' && ch <= '\u001f') || ch === '\u0085';
}

function pyStrip(s: string): string {
  return stripChars(s, undefined, true, true, 'strip');
}

export function toInt(v: PyValue): bigint {
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') {
    if (Number.isNaN(v)) throw valueError('cannot convert float NaN to integer');
    if (!Number.isFinite(v)) throw new PyError('OverflowError', 'cannot convert float infinity to integer');
    return BigInt(Math.trunc(v));
  }
  if (typeof v === 'string') {
    const t = pyStrip(v);
    if (/^[+-]?\d(?:_?\d)*$/.test(t)) {
      if (t.length > 5000) throw new PyLimit('integers over 5000 digits');
      return BigInt(t.replace(/_/g, ''));
    }
    throw valueError(`invalid literal for int() with base 10: ${repr(v)}`);
  }
  throw typeError(`int() argument must be a string, a bytes-like object or a number, not '${typeName(v)}'`);
}

export function toFloatValue(v: PyValue): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint' || typeof v === 'number') return toFloat(v);
  if (typeof v === 'string') {
    const t = pyStrip(v).toLowerCase();
    if (/^[+-]?(inf|infinity)$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
    if (/^[+-]?nan$/.test(t)) return NaN;
    if (/^[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:e[+-]?\d(?:_?\d)*)?$/.test(t)) return Number(t.replace(/_/g, ''));
    throw valueError(`could not convert string to float: ${repr(v)}`);
  }
  throw typeError(`float() argument must be a string or a number, not '${typeName(v)}'`);
}

function pyLen(v: PyValue): number {
  if (typeof v === 'string') return chars(v).length;
  const n = v instanceof PyObj ? v.len() : undefined;
  if (n === undefined) throw typeError(`object of type '${typeName(v)}' has no len()`);
  return n;
}

function sortValues(items: PyValue[], reverse: boolean): PyValue[] {
  const out = [...items];
  if (reverse) out.reverse();
  out.sort((x, y) => (pyOrder(y, x, '<') === -1 ? 1 : pyOrder(x, y, '<') === -1 ? -1 : 0));
  if (reverse) out.reverse();
  return out;
}

// ---- builtins ---------------------------------------------------------------------------------------------

/** Real builtins this sandbox does not provide: a clear message instead of NameError. */
const UNSUPPORTED_BUILTINS = new Set([
  'all', 'any', 'ascii', 'bin', 'breakpoint', 'bytearray', 'bytes', 'callable', 'chr', 'classmethod', 'compile',
  'complex', 'copyright', 'credits', 'delattr', 'dir', 'divmod', 'enumerate', 'eval', 'exec', 'exit', 'filter',
  'format', 'frozenset', 'getattr', 'globals', 'hasattr', 'hash', 'help', 'hex', 'id', 'input', 'isinstance',
  'issubclass', 'iter', 'license', 'locals', 'map', 'memoryview', 'next', 'object', 'oct', 'open', 'ord', 'pow',
  'property', 'quit', 'range', 'reversed', 'round', 'set', 'setattr', 'slice', 'staticmethod', 'super', 'type',
  'vars', 'zip', '__import__', '__build_class__', '__debug__', '__name__', '__doc__', '__spec__', '__loader__',
  '__package__', '__file__', '__builtins__', 'Ellipsis', 'NotImplemented',
]);

/** Python 3.8's builtin exception classes. */
const EXCEPTIONS = new Set(`BaseException Exception ArithmeticError AssertionError AttributeError BlockingIOError
  BrokenPipeError BufferError ChildProcessError ConnectionError ConnectionAbortedError ConnectionRefusedError
  ConnectionResetError EOFError EnvironmentError FileExistsError FileNotFoundError FloatingPointError GeneratorExit
  IOError ImportError IndentationError IndexError InterruptedError IsADirectoryError KeyError KeyboardInterrupt
  LookupError MemoryError ModuleNotFoundError NameError NotADirectoryError NotImplementedError OSError OverflowError
  PermissionError ProcessLookupError RecursionError ReferenceError RuntimeError StopAsyncIteration StopIteration
  SyntaxError SystemError SystemExit TabError TimeoutError TypeError UnboundLocalError UnicodeDecodeError
  UnicodeEncodeError UnicodeError UnicodeTranslateError ValueError ZeroDivisionError Warning UserWarning
  DeprecationWarning PendingDeprecationWarning SyntaxWarning RuntimeWarning FutureWarning ImportWarning
  UnicodeWarning BytesWarning ResourceWarning`.split(/\s+/));

export function isUnsupportedBuiltin(name: string): boolean {
  return UNSUPPORTED_BUILTINS.has(name) || EXCEPTIONS.has(name);
}

function fn(name: string, impl: PyImpl, type = false): PyFunction {
  return new PyFunction(name, type ? { kind: 'type' } : { kind: 'builtin' }, impl);
}

export function builtin(c: PyCtx, name: string): PyValue | undefined {
  switch (name) {
    case 'print':
      return fn(name, function* (a) {
        let sep = ' ';
        let end = '\n';
        for (const [k, v] of a.kwargs) {
          if (k === 'sep' || k === 'end') {
            if (v !== null && typeof v !== 'string') throw typeError(`${k} must be None or a string, not ${typeName(v)}`);
            if (v !== null) {
              if (k === 'sep') sep = v;
              else end = v;
            }
          } else if (k === 'file') {
            if (v !== null) throw new PyUnsupported('print(file=...)');
          } else if (k !== 'flush') throw typeError(`'${k}' is an invalid keyword argument for print()`);
        }
        c.out(checkStr(a.args.map(str).join(sep) + end));
        return null;
      });
    case 'len':
      return fn(name, function* (a) {
        argc(name, a, 1, 1);
        return BigInt(pyLen(a.args[0]!));
      });
    case 'repr':
      return fn(name, function* (a) {
        argc(name, a, 1, 1);
        return repr(a.args[0]!);
      });
    case 'str':
      return fn(name, function* (a) {
        if (a.args.length > 1 || a.kwargs.size) throw new PyUnsupported('str() with an encoding');
        return a.args.length ? str(a.args[0]!) : '';
      }, true);
    case 'int':
      return fn(name, function* (a) {
        if (a.args.length > 1 || a.kwargs.size) throw new PyUnsupported('int() with a base');
        return a.args.length ? toInt(a.args[0]!) : 0n;
      }, true);
    case 'float':
      return fn(name, function* (a) {
        argc('float', a, 0, 1);
        return a.args.length ? toFloatValue(a.args[0]!) : 0;
      }, true);
    case 'bool':
      return fn(name, function* (a) {
        argc('bool', a, 0, 1);
        return a.args.length ? truthy(a.args[0]!) : false;
      }, true);
    case 'list':
    case 'tuple':
      return fn(name, function* (a) {
        argc(name, a, 0, 1);
        const items = a.args.length ? checkItems(iterate(a.args[0]!)) : [];
        return name === 'list' ? new PyList(items) : new PyTuple(items);
      }, true);
    case 'dict':
      return fn(name, function* (a) {
        const d = new PyDict();
        if (a.args.length > 1) throw typeError(`dict expected at most 1 argument, got ${a.args.length}`);
        const src = a.args[0];
        if (src instanceof PyDict) for (const [k, v] of src.map.values()) d.set(k, v);
        else if (src !== undefined) throw new PyUnsupported('dict() from anything but a dict');
        for (const [k, v] of a.kwargs) d.set(k, v);
        return d;
      }, true);
    case 'sorted':
      return fn(name, function* (a) {
        if (a.args.length !== 1) throw typeError(`sorted expected 1 argument, got ${a.args.length}`);
        for (const k of a.kwargs.keys()) {
          if (k === 'key') {
            if (a.kwargs.get(k) !== null) throw new PyUnsupported('sorted(key=...)');
          } else if (k !== 'reverse') throw typeError(`'${k}' is an invalid keyword argument for sort()`);
        }
        return new PyList(sortValues(iterate(a.args[0]!), truthy(a.kwargs.get('reverse') ?? false)));
      });
    case 'min':
    case 'max':
      return fn(name, function* (a) {
        for (const k of a.kwargs.keys()) {
          if (k === 'key' || k === 'default') throw new PyUnsupported(`${name}(${k}=...)`);
          throw typeError(`'${k}' is an invalid keyword argument for ${name}()`);
        }
        if (a.args.length === 0) throw typeError(`${name} expected 1 argument, got 0`);
        const items = a.args.length === 1 ? iterate(a.args[0]!) : [...a.args];
        if (items.length === 0) throw valueError(`${name}() arg is an empty sequence`);
        let best: PyValue = items[0] as PyValue;
        for (const v of items.slice(1)) {
          if (name === 'min' ? pyOrder(v, best, '<') === -1 : pyOrder(best, v, '<') === -1) best = v;
        }
        return best;
      });
    case 'sum':
      return fn(name, function* (a) {
        noKwargs(name, a);
        if (a.args.length < 1 || a.args.length > 2) throw typeError(`sum() takes at most 2 arguments (${a.args.length} given)`);
        let acc: PyValue = a.args.length === 2 ? a.args[1]! : 0n;
        if (typeof acc === 'string') throw typeError("sum() can't sum strings [use ''.join(seq) instead]");
        for (const v of iterate(a.args[0]!)) acc = binop('+', acc, v);
        return acc;
      });
    case 'abs':
      return fn(name, function* (a) {
        argc(name, a, 1, 1);
        const v = a.args[0]!;
        if (typeof v === 'boolean') return v ? 1n : 0n;
        if (typeof v === 'bigint') return v < 0n ? -v : v;
        if (typeof v === 'number') return Math.abs(v);
        throw typeError(`bad operand type for abs(): '${typeName(v)}'`);
      });
  }
  return undefined;
}

// ---- methods of builtin types ---------------------------------------------------------------------------------

const STR_METHODS = new Set([
  'capitalize', 'casefold', 'center', 'count', 'encode', 'endswith', 'expandtabs', 'find', 'format', 'format_map',
  'index', 'isalnum', 'isalpha', 'isascii', 'isdecimal', 'isdigit', 'isidentifier', 'islower', 'isnumeric',
  'isprintable', 'isspace', 'istitle', 'isupper', 'join', 'ljust', 'lower', 'lstrip', 'maketrans', 'partition',
  'replace', 'rfind', 'rindex', 'rjust', 'rpartition', 'rsplit', 'rstrip', 'split', 'splitlines', 'startswith',
  'strip', 'swapcase', 'title', 'translate', 'upper', 'zfill',
]);
const LIST_METHODS = new Set(['append', 'clear', 'copy', 'count', 'extend', 'index', 'insert', 'pop', 'remove', 'reverse', 'sort']);
const DICT_METHODS = new Set(['clear', 'copy', 'fromkeys', 'get', 'items', 'keys', 'pop', 'popitem', 'setdefault', 'update', 'values']);
const TUPLE_METHODS = new Set(['count', 'index']);
const INT_ATTRS = new Set(['as_integer_ratio', 'bit_length', 'conjugate', 'denominator', 'from_bytes', 'imag', 'numerator', 'real', 'to_bytes', 'is_integer', 'fromhex', 'hex']);

function builtinMethod(c: PyCtx, self: PyValue, name: string, impl: PyImpl): PyFunction {
  return new PyFunction(name, { kind: 'builtin-method', self, addr: c.state.address() }, impl);
}

function stripChars(s: string, set: PyValue | undefined, left: boolean, right: boolean, name: string): string {
  let test: (ch: string) => boolean;
  if (set === undefined || set === null) test = isPySpace;
  else if (typeof set === 'string') test = (ch) => set.includes(ch);
  else throw typeError(`${name} arg must be None or str`);
  const cs = chars(s);
  let i = 0;
  let j = cs.length;
  if (left) while (i < j && test(cs[i]!)) i++;
  if (right) while (j > i && test(cs[j - 1]!)) j--;
  return cs.slice(i, j).join('');
}

function split(s: string, sep: PyValue | undefined, maxsplit: PyValue | undefined): PyList {
  const max = maxsplit === undefined ? -1 : Number(toIndexArg(maxsplit));
  const out: string[] = [];
  if (sep === undefined || sep === null) {
    // Runs of whitespace separate; leading and trailing whitespace make no empty items.
    const cs = chars(s);
    let i = 0;
    while (i < cs.length) {
      while (i < cs.length && isPySpace(cs[i]!)) i++;
      if (i >= cs.length) break;
      if (max >= 0 && out.length >= max) {
        out.push(cs.slice(i).join(''));
        break;
      }
      let j = i;
      while (j < cs.length && !isPySpace(cs[j]!)) j++;
      out.push(cs.slice(i, j).join(''));
      i = j;
    }
    return new PyList(checkItems(out));
  }
  if (typeof sep !== 'string') throw typeError(`must be str or None, not ${typeName(sep)}`);
  if (sep === '') throw valueError('empty separator');
  let rest = s;
  for (;;) {
    const k = rest.indexOf(sep);
    if (k < 0 || (max >= 0 && out.length >= max)) {
      out.push(rest);
      break;
    }
    out.push(rest.slice(0, k));
    rest = rest.slice(k + sep.length);
  }
  return new PyList(checkItems(out));
}

function toIndexArg(v: PyValue): bigint {
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v !== 'bigint') throw typeError(`'${typeName(v)}' object cannot be interpreted as an integer`);
  return v;
}

/** str.splitlines: \n, \r\n, \r and the other line boundaries Python knows. */
const LINE_BREAKS = '\n\r\v\f\u001c\u001d\u001e\u0085\u2028\u2029';

function splitlines(s: string, keepends: boolean): PyList {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (!LINE_BREAKS.includes(s[i]!)) continue;
    const end = s[i] === '\r' && s[i + 1] === '\n' ? i + 2 : i + 1;
    out.push(s.slice(start, keepends ? end : i));
    start = end;
    i = end - 1;
  }
  if (start < s.length) out.push(s.slice(start));
  return new PyList(checkItems(out));
}

function strMethod(c: PyCtx, s: string, name: string): PyValue | undefined {
  const m = (impl: PyImpl) => builtinMethod(c, s, name, impl);
  switch (name) {
    case 'strip':
    case 'lstrip':
    case 'rstrip':
      return m(function* (a) {
        argc(name, a, 0, 1);
        return stripChars(s, a.args[0], name !== 'rstrip', name !== 'lstrip', name);
      });
    case 'split':
      return m(function* (a) {
        for (const k of a.kwargs.keys()) if (k !== 'sep' && k !== 'maxsplit') throw typeError(`'${k}' is an invalid keyword argument for split()`);
        if (a.args.length > 2) throw typeError(`split() takes at most 2 arguments (${a.args.length} given)`);
        return split(s, a.args[0] ?? a.kwargs.get('sep'), a.args[1] ?? a.kwargs.get('maxsplit'));
      });
    case 'splitlines':
      return m(function* (a) {
        for (const k of a.kwargs.keys()) if (k !== 'keepends') throw typeError(`'${k}' is an invalid keyword argument for splitlines()`);
        if (a.args.length > 1) throw typeError(`splitlines() takes at most 1 argument (${a.args.length} given)`);
        return splitlines(s, truthy(a.args[0] ?? a.kwargs.get('keepends') ?? false));
      });
    case 'upper':
    case 'lower':
      return m(function* (a) {
        argc(name, a, 0, 0);
        return name === 'upper' ? s.toUpperCase() : s.toLowerCase();
      });
    case 'replace':
      return m(function* (a) {
        argc('replace', a, 2, 3);
        const [old, rep, count] = a.args;
        if (typeof old !== 'string') throw typeError(`replace() argument 1 must be str, not ${typeName(old!)}`);
        if (typeof rep !== 'string') throw typeError(`replace() argument 2 must be str, not ${typeName(rep!)}`);
        let n = count === undefined ? -1n : toIndexArg(count);
        if (n < 0n) return checkStr(old === '' ? chars(s).map((ch) => rep + ch).join('') + rep : s.split(old).join(rep));
        const parts = s.split(old);
        let out = parts[0]!;
        for (let i = 1; i < parts.length; i++) out += (n-- > 0n ? rep : old) + parts[i]!;
        return checkStr(out);
      });
    case 'startswith':
    case 'endswith':
      return m(function* (a) {
        argc(name, a, 1, 1);
        const p = a.args[0]!;
        const opts = p instanceof PyTuple ? [...p.items] : [p];
        return opts.some((o) => {
          if (typeof o !== 'string') {
            throw typeError(`${name} first arg must be str or a tuple of str, not ${typeName(o)}`);
          }
          return name === 'startswith' ? s.startsWith(o) : s.endsWith(o);
        });
      });
    case 'join':
      return m(function* (a) {
        argc('join', a, 1, 1);
        const items = iterate(a.args[0]!);
        items.forEach((v, i) => {
          if (typeof v !== 'string') throw typeError(`sequence item ${i}: expected str instance, ${typeName(v)} found`);
        });
        return checkStr(items.join(s));
      });
    case 'find':
    case 'count':
      return m(function* (a) {
        argc(name, a, 1, 1);
        const sub = a.args[0]!;
        if (typeof sub !== 'string') throw typeError(`must be str, not ${typeName(sub)}`);
        if (name === 'find') {
          const k = s.indexOf(sub);
          return BigInt(k < 0 ? -1 : chars(s.slice(0, k)).length);
        }
        if (sub === '') return BigInt(chars(s).length + 1);
        return BigInt(s.split(sub).length - 1);
      });
  }
  if (STR_METHODS.has(name)) throw new PyUnsupported(`str.${name}()`);
  return undefined;
}

function listMethod(c: PyCtx, l: PyList, name: string): PyValue | undefined {
  const m = (impl: PyImpl) => builtinMethod(c, l, name, impl);
  const indexOf = (x: PyValue) => l.items.findIndex((v) => pyEq(v, x));
  switch (name) {
    case 'append':
      return m(function* (a) {
        argc(name, a, 1, 1);
        l.items.push(a.args[0]!);
        checkItems(l.items);
        return null;
      });
    case 'extend':
      return m(function* (a) {
        argc(name, a, 1, 1);
        l.items.push(...iterate(a.args[0]!));
        checkItems(l.items);
        return null;
      });
    case 'insert':
      return m(function* (a) {
        if (a.args.length !== 2) throw typeError(`insert expected 2 arguments, got ${a.args.length}`);
        noKwargs(name, a);
        const n = BigInt(l.items.length);
        let i = toIndexArg(a.args[0]!);
        if (i < 0n) i = i + n < 0n ? 0n : i + n;
        if (i > n) i = n;
        l.items.splice(Number(i), 0, a.args[1]!);
        checkItems(l.items);
        return null;
      });
    case 'pop':
      return m(function* (a) {
        argc(name, a, 0, 1);
        if (l.items.length === 0) throw new PyError('IndexError', 'pop from empty list');
        const n = BigInt(l.items.length);
        let i = a.args.length ? toIndexArg(a.args[0]!) : -1n;
        if (i < 0n) i += n;
        if (i < 0n || i >= n) throw new PyError('IndexError', 'pop index out of range');
        return l.items.splice(Number(i), 1)[0]!;
      });
    case 'remove':
      return m(function* (a) {
        argc(name, a, 1, 1);
        const i = indexOf(a.args[0]!);
        if (i < 0) throw valueError('list.remove(x): x not in list');
        l.items.splice(i, 1);
        return null;
      });
    case 'index':
      return m(function* (a) {
        argc(name, a, 1, 1);
        const i = indexOf(a.args[0]!);
        if (i < 0) throw valueError(`${repr(a.args[0]!)} is not in list`);
        return BigInt(i);
      });
    case 'count':
      return m(function* (a) {
        argc(name, a, 1, 1);
        return BigInt(l.items.filter((v) => pyEq(v, a.args[0]!)).length);
      });
    case 'reverse':
    case 'clear':
    case 'copy':
      return m(function* (a) {
        argc(name, a, 0, 0);
        if (name === 'copy') return new PyList([...l.items]);
        if (name === 'reverse') l.items.reverse();
        else l.items.length = 0;
        return null;
      });
    case 'sort':
      return m(function* (a) {
        if (a.args.length) throw typeError('sort() takes no positional arguments');
        for (const k of a.kwargs.keys()) {
          if (k === 'key') {
            if (a.kwargs.get(k) !== null) throw new PyUnsupported('list.sort(key=...)');
          } else if (k !== 'reverse') throw typeError(`'${k}' is an invalid keyword argument for sort()`);
        }
        l.items = sortValues(l.items, truthy(a.kwargs.get('reverse') ?? false));
        return null;
      });
  }
  if (LIST_METHODS.has(name)) throw new PyUnsupported(`list.${name}()`);
  return undefined;
}

function dictMethod(c: PyCtx, d: PyDict, name: string): PyValue | undefined {
  const m = (impl: PyImpl) => builtinMethod(c, d, name, impl);
  switch (name) {
    case 'keys':
    case 'values':
    case 'items':
      return m(function* (a) {
        argc(name, a, 0, 0);
        return new PyDictView(d, name);
      });
    case 'get':
      return m(function* (a) {
        argc('get', a, 1, 2);
        return d.get(a.args[0]!) ?? a.args[1] ?? null;
      });
    case 'copy':
      return m(function* (a) {
        argc(name, a, 0, 0);
        return PyDict.of([...d.map.values()]);
      });
  }
  if (DICT_METHODS.has(name)) throw new PyUnsupported(`dict.${name}()`);
  return undefined;
}

function tupleMethod(c: PyCtx, t: PyTuple, name: string): PyValue | undefined {
  const m = (impl: PyImpl) => builtinMethod(c, t, name, impl);
  if (name === 'count') {
    return m(function* (a) {
      argc(name, a, 1, 1);
      return BigInt(t.items.filter((v) => pyEq(v, a.args[0]!)).length);
    });
  }
  if (name === 'index') {
    return m(function* (a) {
      argc(name, a, 1, 1);
      const i = t.items.findIndex((v) => pyEq(v, a.args[0]!));
      if (i < 0) throw valueError('tuple.index(x): x not in tuple');
      return BigInt(i);
    });
  }
  if (TUPLE_METHODS.has(name)) throw new PyUnsupported(`tuple.${name}()`);
  return undefined;
}

/** Attributes of the builtin types (undefined: no such attribute). */
export function builtinAttr(c: PyCtx, v: PyValue, name: string): PyValue | undefined {
  if (typeof v === 'string') return strMethod(c, v, name);
  if (v instanceof PyList) return listMethod(c, v, name);
  if (v instanceof PyDict) return dictMethod(c, v, name);
  if (v instanceof PyTuple) return tupleMethod(c, v, name);
  if ((typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean') && INT_ATTRS.has(name)) {
    throw new PyUnsupported(`${typeName(v)}.${name}`);
  }
  return undefined;
}
