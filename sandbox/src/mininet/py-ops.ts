/**
 * Python 3 operators for `py`/`px`: arithmetic (+ - * / // %), `%` string formatting,
 * comparisons, `in`, subscripts and slices, with CPython 3.8's results and error messages.
 * int is a bigint, float a number; bool counts as int. Results are bounded (py-values limits).
 */
import type { BinOp, CmpOp } from './py-parse';
import type { PyValue } from './py-values';
import {
  MAX_ITEMS, MAX_STR, PyError, PyLimit, PyList, PyObj, PyTuple, PyUnsupported, checkItems, checkStr, pyEq, pyOrder, repr, str, truthy, typeError, typeName,
} from './py-values';

const MAX_INT_BITS = 100_000;

function num(v: PyValue): bigint | number | undefined {
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'bigint' || typeof v === 'number') return v;
  return undefined;
}

/** int → float, as Python converts (OverflowError past the float range). */
export function toFloat(v: bigint | number): number {
  if (typeof v === 'number') return v;
  const f = Number(v);
  if (!Number.isFinite(f)) throw new PyError('OverflowError', 'int too large to convert to float');
  return f;
}

function bits(v: bigint): number {
  return (v < 0n ? -v : v).toString(16).length * 4;
}

function checkInt(v: bigint): bigint {
  if (bits(v) > MAX_INT_BITS) throw new PyLimit(`integers over ${MAX_INT_BITS} bits`);
  return v;
}

/** Python's floor division and modulo for ints (the result takes the divisor's sign). */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

function floatMod(a: number, b: number): number {
  const m = a % b;
  if (m !== 0 && (m < 0) !== (b < 0)) return m + b;
  return m === 0 ? (b < 0 ? -0 : 0) : m;
}

function unsupportedOperands(op: string, a: PyValue, b: PyValue): PyError {
  return typeError(`unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
}

function repeat(seq: PyValue, times: PyValue): PyValue | undefined {
  const n = typeof times === 'boolean' ? (times ? 1n : 0n) : times;
  if (typeof n !== 'bigint') return undefined;
  const k = n < 0n ? 0 : n;
  if (typeof seq === 'string') {
    if (BigInt(seq.length) * BigInt(k) > BigInt(MAX_STR)) throw new PyLimit(`strings longer than ${MAX_STR} characters`);
    return seq.repeat(Number(k));
  }
  if (seq instanceof PyList || seq instanceof PyTuple) {
    if (BigInt(seq.items.length) * BigInt(k) > BigInt(MAX_ITEMS)) throw new PyLimit(`lists longer than ${MAX_ITEMS} items`);
    const out: PyValue[] = [];
    for (let i = 0; i < Number(k); i++) out.push(...seq.items);
    return seq instanceof PyList ? new PyList(out) : new PyTuple(out);
  }
  return undefined;
}

function isSeq(v: PyValue): boolean {
  return typeof v === 'string' || v instanceof PyList || v instanceof PyTuple;
}

export function binop(op: BinOp, a: PyValue, b: PyValue): PyValue {
  const x = num(a);
  const y = num(b);
  if (x !== undefined && y !== undefined) return arith(op, x, y);
  switch (op) {
    case '+':
      if (typeof a === 'string') {
        if (typeof b !== 'string') throw typeError(`can only concatenate str (not "${typeName(b)}") to str`);
        return checkStr(a + b);
      }
      if (a instanceof PyList) {
        if (!(b instanceof PyList)) throw typeError(`can only concatenate list (not "${typeName(b)}") to list`);
        return new PyList(checkItems([...a.items, ...b.items]));
      }
      if (a instanceof PyTuple) {
        if (!(b instanceof PyTuple)) throw typeError(`can only concatenate tuple (not "${typeName(b)}") to tuple`);
        return new PyTuple(checkItems([...a.items, ...b.items]));
      }
      break;
    case '*':
      if (isSeq(a) || isSeq(b)) {
        const [seq, times] = isSeq(a) ? [a, b] : [b, a];
        const r = repeat(seq, times);
        if (r !== undefined) return r;
        throw typeError(`can't multiply sequence by non-int of type '${typeName(times)}'`);
      }
      break;
    case '%':
      if (typeof a === 'string') return percentFormat(a, b);
      break;
  }
  throw unsupportedOperands(op, a, b);
}

function arith(op: BinOp, x: bigint | number, y: bigint | number): PyValue {
  if (typeof x === 'bigint' && typeof y === 'bigint') {
    switch (op) {
      case '+':
        return checkInt(x + y);
      case '-':
        return checkInt(x - y);
      case '*':
        if (bits(x) + bits(y) > MAX_INT_BITS + 8) throw new PyLimit(`integers over ${MAX_INT_BITS} bits`);
        return checkInt(x * y);
      case '/':
        if (y === 0n) throw new PyError('ZeroDivisionError', 'division by zero');
        return toFloat(x) / toFloat(y);
      case '//':
        if (y === 0n) throw new PyError('ZeroDivisionError', 'integer division or modulo by zero');
        return floorDiv(x, y);
      case '%':
        if (y === 0n) throw new PyError('ZeroDivisionError', 'integer division or modulo by zero');
        return x - floorDiv(x, y) * y;
    }
  }
  const a = toFloat(x);
  const b = toFloat(y);
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      if (b === 0) throw new PyError('ZeroDivisionError', 'float division by zero');
      return a / b;
    case '//':
      if (b === 0) throw new PyError('ZeroDivisionError', 'float divmod()');
      return Math.floor(a / b);
    case '%':
      if (b === 0) throw new PyError('ZeroDivisionError', 'float modulo');
      return floatMod(a, b);
  }
}

export function unaryop(op: '-' | '+' | 'not', v: PyValue): PyValue {
  if (op === 'not') return !truthy(v);
  const x = num(v);
  if (x === undefined) throw typeError(`bad operand type for unary ${op}: '${typeName(v)}'`);
  if (op === '+') return x;
  if (typeof x === 'bigint') return -x;
  return -x;
}

/** `item in container` (or TypeError). */
export function contains(container: PyValue, item: PyValue): boolean {
  if (typeof container === 'string') {
    if (typeof item !== 'string') throw typeError(`'in <string>' requires string as left operand, not ${typeName(item)}`);
    return container.includes(item);
  }
  if (container instanceof PyObj) {
    const c = container.contains(item);
    if (c !== undefined) return c;
    const items = container.iter();
    if (items) return items.some((v) => pyEq(v, item));
  }
  throw typeError(`argument of type '${typeName(container)}' is not iterable`);
}

export function compare(op: CmpOp, a: PyValue, b: PyValue): boolean {
  switch (op) {
    case '==':
      return pyEq(a, b);
    case '!=':
      return !pyEq(a, b);
    case 'in':
      return contains(b, a);
    case 'not in':
      return !contains(b, a);
    case 'is':
      return Object.is(a, b);
    case 'is not':
      return !Object.is(a, b);
    case '<':
      return pyOrder(a, b, op) === -1;
    case '<=': {
      const r = pyOrder(a, b, op);
      return r === -1 || r === 0;
    }
    case '>':
      return pyOrder(a, b, op) === 1;
    case '>=': {
      const r = pyOrder(a, b, op);
      return r === 1 || r === 0;
    }
  }
}

// ---- subscripts ----------------------------------------------------------------------------------

/** A str's characters as Python counts them (code points). */
export function chars(s: string): string[] {
  return /[\ud800-\udfff]/.test(s) ? Array.from(s) : s.split('');
}

function asIndex(v: PyValue): bigint | undefined {
  if (typeof v === 'boolean') return v ? 1n : 0n;
  return typeof v === 'bigint' ? v : undefined;
}

export function getitem(obj: PyValue, key: PyValue): PyValue {
  if (typeof obj === 'string' || obj instanceof PyList || obj instanceof PyTuple) {
    const kind = typeof obj === 'string' ? 'string' : typeName(obj);
    const items = typeof obj === 'string' ? chars(obj) : obj.items;
    const i = asIndex(key);
    if (i === undefined) {
      if (kind === 'string') throw typeError('string indices must be integers');
      throw typeError(`${kind} indices must be integers or slices, not ${typeName(key)}`);
    }
    const n = BigInt(items.length);
    const k = i < 0n ? i + n : i;
    if (k < 0n || k >= n) throw new PyError('IndexError', `${kind} index out of range`);
    return items[Number(k)]!;
  }
  if (obj instanceof PyObj) {
    const v = obj.getitem(key);
    if (v !== undefined) return v;
  }
  throw typeError(`'${typeName(obj)}' object is not subscriptable`);
}

function sliceBound(v: PyValue | undefined): bigint | undefined {
  if (v === undefined || v === null) return undefined;
  const i = asIndex(v);
  if (i === undefined) throw typeError('slice indices must be integers or None or have an __index__ method');
  return i;
}

/** seq[lo:hi:step] (PySlice_AdjustIndices). */
export function getslice(obj: PyValue, lo: PyValue | undefined, hi: PyValue | undefined, step: PyValue | undefined): PyValue {
  if (!(typeof obj === 'string' || obj instanceof PyList || obj instanceof PyTuple)) {
    if (obj instanceof PyObj && obj.hasGetitem()) throw new PyUnsupported(`slicing a ${typeName(obj)} object`);
    throw typeError(`'${typeName(obj)}' object is not subscriptable`);
  }
  const items = typeof obj === 'string' ? chars(obj) : obj.items;
  const len = BigInt(items.length);
  const st = sliceBound(step) ?? 1n;
  if (st === 0n) throw new PyError('ValueError', 'slice step cannot be zero');
  const adjust = (v: bigint | undefined, dflt: bigint): bigint => {
    if (v === undefined) return dflt;
    let x = v < 0n ? v + len : v;
    if (st > 0n) x = x < 0n ? 0n : x > len ? len : x;
    else x = x < 0n ? -1n : x >= len ? len - 1n : x;
    return x;
  };
  const start = adjust(sliceBound(lo), st > 0n ? 0n : len - 1n);
  const stop = adjust(sliceBound(hi), st > 0n ? len : -1n);
  const out: PyValue[] = [];
  for (let i = start; st > 0n ? i < stop : i > stop; i += st) out.push(items[Number(i)]!);
  if (typeof obj === 'string') return (out as string[]).join('');
  return obj instanceof PyList ? new PyList(out) : new PyTuple(out);
}

// ---- printf-style formatting ('%s' % x) -------------------------------------------------------------

/** Python's exponent form: mantissa, 'e', sign, at least two digits. */
function pyExp(s: string): string {
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** %g: precision P significant digits; exponent form when exp < -4 or exp >= P. */
function formatG(x: number, prec: number, alt: boolean, upper: boolean): string {
  const p = prec === 0 ? 1 : prec;
  if (!Number.isFinite(x)) return fmtSpecial(x, upper);
  if (x === 0) return (Object.is(x, -0) ? '-' : '') + (alt ? '0.' + '0'.repeat(p - 1) : '0');
  const exp = Number(x.toExponential(p - 1).split('e')[1]);
  let s: string;
  if (exp < -4 || exp >= p) {
    s = pyExp(x.toExponential(p - 1));
    if (!alt) s = s.replace(/\.?0+e/, 'e');
  } else {
    s = x.toFixed(Math.max(0, p - 1 - exp));
    if (!alt && s.includes('.')) s = s.replace(/\.?0+$/, '');
  }
  return upper ? s.toUpperCase() : s;
}

function fmtSpecial(x: number, upper: boolean): string {
  const s = Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  return upper ? s.toUpperCase() : s;
}

function formatOne(conv: string, flags: string, width: number | undefined, prec: number | undefined, arg: PyValue): string {
  let body: string;
  let numeric = false;
  const needNumber = (what: string): bigint | number => {
    const n = num(arg);
    if (n === undefined) throw typeError(what);
    return n;
  };
  switch (conv) {
    case 's':
    case 'r': {
      body = conv === 's' ? str(arg) : repr(arg);
      if (prec !== undefined) body = chars(body).slice(0, prec).join('');
      break;
    }
    case 'd':
    case 'i':
    case 'u': {
      const n = needNumber(`%${conv} format: a number is required, not ${typeName(arg)}`);
      if (typeof n === 'number' && !Number.isFinite(n)) {
        throw new PyError(Number.isNaN(n) ? 'ValueError' : 'OverflowError', Number.isNaN(n) ? 'cannot convert float NaN to integer' : 'cannot convert float infinity to integer');
      }
      body = (typeof n === 'number' ? BigInt(Math.trunc(n)) : n).toString();
      numeric = true;
      break;
    }
    case 'x':
    case 'X':
    case 'o': {
      const n = num(arg);
      if (typeof n !== 'bigint') throw typeError(`%${conv} format: an integer is required, not ${typeName(arg)}`);
      const abs = n < 0n ? -n : n;
      let digits = abs.toString(conv === 'o' ? 8 : 16);
      if (conv === 'X') digits = digits.toUpperCase();
      if (flags.includes('#')) digits = (conv === 'o' ? '0o' : conv === 'x' ? '0x' : '0X') + digits;
      body = (n < 0n ? '-' : '') + digits;
      numeric = true;
      break;
    }
    case 'f':
    case 'F':
    case 'e':
    case 'E':
    case 'g':
    case 'G': {
      const n = needNumber(`must be real number, not ${typeName(arg)}`);
      const x = toFloat(n);
      const p = prec ?? 6;
      const upper = conv === conv.toUpperCase();
      if (!Number.isFinite(x)) body = fmtSpecial(x, upper);
      else if (conv === 'f' || conv === 'F') {
        if (Math.abs(x) >= 1e21) throw new PyUnsupported('%f of numbers this large');
        body = x.toFixed(p);
      } else if (conv === 'e' || conv === 'E') {
        body = pyExp(x.toExponential(p));
        if (upper) body = body.toUpperCase();
      } else body = formatG(x, p, flags.includes('#'), upper);
      numeric = true;
      break;
    }
    case 'c': {
      if (typeof arg === 'string') {
        if (chars(arg).length !== 1) throw typeError('%c requires int or char');
        body = arg;
      } else {
        const n = num(arg);
        if (typeof n !== 'bigint') throw typeError('%c requires int or char');
        if (n < 0n || n > 0x10ffffn) throw new PyError('OverflowError', '%c arg not in range(0x110000)');
        body = String.fromCodePoint(Number(n));
      }
      break;
    }
    default:
      throw new PyUnsupported(`the %${conv} conversion`);
  }
  if (numeric && !body.startsWith('-')) {
    if (flags.includes('+')) body = '+' + body;
    else if (flags.includes(' ')) body = ' ' + body;
  }
  if (width !== undefined && chars(body).length < width) {
    const pad = width - chars(body).length;
    if (flags.includes('-')) body += ' '.repeat(pad);
    else if (numeric && flags.includes('0') && /^[-+ ]?(0[xXo])?[0-9a-fA-F]/.test(body)) {
      const m = /^([-+ ]?(?:0[xXo])?)(.*)$/.exec(body)!;
      body = m[1]! + '0'.repeat(pad) + m[2]!;
    } else body = ' '.repeat(pad) + body;
  }
  return body;
}

/** str % args (printf-style formatting, Objects/unicodeobject.c). */
export function percentFormat(fmt: string, rhs: PyValue): string {
  const args = rhs instanceof PyTuple ? [...rhs.items] : [rhs];
  // Unused arguments are an error unless the right side is a mapping (anything with __getitem__).
  const mappingLike = rhs instanceof PyList || (!(rhs instanceof PyTuple) && rhs instanceof PyObj && rhs.hasGetitem());
  let used = 0;
  let out = '';
  let i = 0;
  while (i < fmt.length) {
    const pct = fmt.indexOf('%', i);
    if (pct < 0) {
      out += fmt.slice(i);
      break;
    }
    out += fmt.slice(i, pct);
    const m = /^%(\([^)]*\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?[hlL]?(.)?/s.exec(fmt.slice(pct))!;
    if (m[1]) throw new PyUnsupported('%(name)s formatting with a mapping');
    if (m[3] === '*' || m[4] === '*') throw new PyUnsupported('* width or precision in % formatting');
    const conv = m[5];
    if (conv === undefined) throw new PyError('ValueError', 'incomplete format');
    if (conv === '%') {
      out += '%';
      i = pct + m[0].length;
      continue;
    }
    if (!'sridueEfFgGxXoca'.includes(conv)) {
      const code = conv.codePointAt(0)!;
      throw new PyError('ValueError', `unsupported format character '${conv}' (0x${code.toString(16)}) at index ${pct + m[0].length - 1}`);
    }
    if (used >= args.length) throw typeError('not enough arguments for format string');
    const width = m[3] === undefined ? undefined : Number(m[3]);
    const prec = m[4] === undefined ? undefined : Number(m[4] || '0');
    if ((width ?? 0) > MAX_STR) throw new PyLimit(`strings longer than ${MAX_STR} characters`);
    if ((prec ?? 0) > 100 && 'eEfFgG'.includes(conv)) throw new PyUnsupported('a float precision over 100 digits');
    if (conv === 'a') throw new PyUnsupported('the %a conversion');
    out += formatOne(conv, m[2] ?? '', width, prec, args[used++]!);
    i = pct + m[0].length;
  }
  if (used < args.length && !mappingLike) throw typeError('not all arguments converted during string formatting');
  return checkStr(out);
}

