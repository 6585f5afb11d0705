/**
 * The Python 3 value model behind the Mininet CLI's `py`/`px`: None, bool, int (bigint),
 * float (number), str (string), and objects (lists, tuples, dicts, functions, Mininet's
 * nodes...), with Python's repr()/str(), truthiness, equality, hashing and the exceptions
 * `py` prints as `str(e)` (CPython 3.8 messages). Mininet's own objects live in py-mininet.ts.
 */
import type { Session } from '../shell/session';
import type { Mininet, Out, Task } from './mininet';

export type PyValue = null | boolean | bigint | number | string | PyObj;

// ---- exceptions ------------------------------------------------------------------------------

/** A Python exception; `py` prints `str(e)`, which is `message`. */
export class PyError extends Error {
  constructor(
    readonly pyType: string,
    message: string,
  ) {
    super(message);
  }
}

export const typeError = (m: string) => new PyError('TypeError', m);
export const valueError = (m: string) => new PyError('ValueError', m);
export const attributeError = (v: PyValue, name: string) =>
  new PyError('AttributeError', `'${typeName(v)}' object has no attribute '${name}'`);
/** str(KeyError(k)) is repr(k). */
export const keyError = (k: PyValue) => new PyError('KeyError', repr(k));

/** Valid Python that this sandbox does not evaluate; `what` is a noun phrase. */
export class PyUnsupported extends Error {
  constructor(readonly what: string) {
    super(what);
  }
}

/** A value over the sandbox's size bounds. */
export class PyLimit extends Error {}

export const MAX_STR = 1_000_000;
export const MAX_ITEMS = 100_000;

export function checkStr(s: string): string {
  if (s.length > MAX_STR) throw new PyLimit(`strings longer than ${MAX_STR} characters`);
  return s;
}

export function checkItems<T>(items: T[]): T[] {
  if (items.length > MAX_ITEMS) throw new PyLimit(`lists longer than ${MAX_ITEMS} items`);
  return items;
}

// ---- evaluation context -------------------------------------------------------------------------

/** Per-CLI state: wrapper identity (so `h1 is net['h1']`) and fake object addresses. */
export class EvalState {
  readonly wrappers = new WeakMap<object, PyObj>();
  /** Ctrl-C arrived during this command (KeyboardInterrupt: the rest is abandoned). */
  interrupted = false;
  /** The node whose node.cmd() is running, which Mininet "stops" after an interrupt. */
  busy: string | undefined;
  private nextAddr: number;

  constructor(seed: number) {
    // CPython heap addresses look like 0x7f3c5a2e1d90; derive a plausible base from the run.
    this.nextAddr = 0x7f0000000000 + ((seed * 0x9e3779b1) % 0xffffff) * 0x10000;
  }

  /** A new `0x7f...` address for an object's default repr. */
  address(): string {
    this.nextAddr += 0x30 + ((this.nextAddr >>> 4) % 7) * 0x10;
    return '0x' + this.nextAddr.toString(16);
  }
}

export interface PyCtx {
  readonly mn: Mininet;
  readonly session: Session;
  readonly out: Out;
  readonly state: EvalState;
}

// ---- objects ----------------------------------------------------------------------------------------

/** Anything that is not a primitive: the Python object protocol this evaluator needs. */
export abstract class PyObj {
  /** type(x).__name__ */
  abstract typeName(): string;
  abstract repr(seen: Set<PyObj>): string;
  str(): string {
    return this.repr(new Set());
  }
  truthy(): boolean {
    const n = this.len();
    return n === undefined ? true : n > 0;
  }
  /** __len__, if the type has one. */
  len(): number | undefined {
    return undefined;
  }
  /** Iteration, if the type is iterable: a snapshot of the items. */
  iter(): PyValue[] | undefined {
    return undefined;
  }
  /** __contains__, if the type has one (otherwise `in` iterates). */
  contains(_v: PyValue): boolean | undefined {
    return undefined;
  }
  /** __getitem__, if the type has one (see hasGetitem). */
  getitem(_k: PyValue): PyValue | undefined {
    return undefined;
  }
  /** Does the type define __getitem__ (a "mapping" to printf-style formatting)? */
  hasGetitem(): boolean {
    return this.getitem !== PyObj.prototype.getitem;
  }
  /** Attribute lookup; undefined means AttributeError. */
  getattr(_c: PyCtx, _name: string): PyValue | undefined {
    return undefined;
  }
  /** Equality beyond identity (containers). */
  equals(other: PyValue, _depth: number): boolean {
    return other === this;
  }
}

export class PyList extends PyObj {
  constructor(public items: PyValue[]) {
    super();
  }
  typeName(): string {
    return 'list';
  }
  repr(seen: Set<PyObj>): string {
    if (seen.has(this)) return '[...]';
    seen.add(this);
    const s = '[' + this.items.map((v) => reprIn(v, seen)).join(', ') + ']';
    seen.delete(this);
    return s;
  }
  override len(): number {
    return this.items.length;
  }
  override iter(): PyValue[] {
    return [...this.items];
  }
  override equals(o: PyValue, depth: number): boolean {
    return o instanceof PyList && seqEq(this.items, o.items, depth);
  }
}

export class PyTuple extends PyObj {
  constructor(readonly items: readonly PyValue[]) {
    super();
  }
  typeName(): string {
    return 'tuple';
  }
  repr(seen: Set<PyObj>): string {
    if (this.items.length === 1) return '(' + reprIn(this.items[0]!, seen) + ',)';
    return '(' + this.items.map((v) => reprIn(v, seen)).join(', ') + ')';
  }
  override len(): number {
    return this.items.length;
  }
  override iter(): PyValue[] {
    return [...this.items];
  }
  override equals(o: PyValue, depth: number): boolean {
    return o instanceof PyTuple && seqEq(this.items, o.items, depth);
  }
}

/** A dict; keys are hashed as Python hashes them (1 == 1.0 == True). Insertion-ordered. */
export class PyDict extends PyObj {
  readonly map = new Map<string, [PyValue, PyValue]>();

  static of(entries: Array<[PyValue, PyValue]>): PyDict {
    const d = new PyDict();
    for (const [k, v] of entries) d.set(k, v);
    return d;
  }
  typeName(): string {
    return 'dict';
  }
  set(k: PyValue, v: PyValue): void {
    const h = hashKey(k);
    const old = this.map.get(h);
    this.map.set(h, [old ? old[0] : k, v]);
  }
  get(k: PyValue): PyValue | undefined {
    return this.map.get(hashKey(k))?.[1];
  }
  keys(): PyValue[] {
    return [...this.map.values()].map((e) => e[0]);
  }
  values(): PyValue[] {
    return [...this.map.values()].map((e) => e[1]);
  }
  repr(seen: Set<PyObj>): string {
    if (seen.has(this)) return '{...}';
    seen.add(this);
    const s = '{' + [...this.map.values()].map(([k, v]) => `${reprIn(k, seen)}: ${reprIn(v, seen)}`).join(', ') + '}';
    seen.delete(this);
    return s;
  }
  override len(): number {
    return this.map.size;
  }
  override iter(): PyValue[] {
    return this.keys();
  }
  override contains(v: PyValue): boolean {
    return this.map.has(hashKey(v));
  }
  override getitem(k: PyValue): PyValue {
    const v = this.get(k);
    if (v === undefined) throw keyError(k);
    return v;
  }
  override equals(o: PyValue, depth: number): boolean {
    if (!(o instanceof PyDict) || o.map.size !== this.map.size) return false;
    for (const [h, [, v]] of this.map) {
      const other = o.map.get(h);
      if (!other || !pyEq(v, other[1], depth + 1)) return false;
    }
    return true;
  }
}

/** dict.keys()/values()/items(): a live view. */
export class PyDictView extends PyObj {
  constructor(
    readonly dict: PyDict,
    readonly kind: 'keys' | 'values' | 'items',
  ) {
    super();
  }
  typeName(): string {
    return 'dict_' + this.kind;
  }
  repr(seen: Set<PyObj>): string {
    return `dict_${this.kind}(${new PyList(this.iter()).repr(seen)})`;
  }
  override len(): number {
    return this.dict.map.size;
  }
  override iter(): PyValue[] {
    if (this.kind === 'keys') return this.dict.keys();
    if (this.kind === 'values') return this.dict.values();
    return [...this.dict.map.values()].map(([k, v]) => new PyTuple([k, v]));
  }
}

/** A one-shot iterator (zip(), as Mininet's net.items() returns). */
export class PyIterator extends PyObj {
  constructor(
    private items: PyValue[],
    private readonly kind: string,
    private readonly addr: string,
  ) {
    super();
  }
  typeName(): string {
    return this.kind;
  }
  repr(): string {
    return `<${this.kind} object at ${this.addr}>`;
  }
  override iter(): PyValue[] {
    const out = this.items;
    this.items = [];
    return out;
  }
}

export interface CallArgs {
  readonly args: readonly PyValue[];
  readonly kwargs: ReadonlyMap<string, PyValue>;
}

export type PyImpl = (a: CallArgs) => Task<PyValue>;

/** A Python signature, for binding arguments with CPython 3.8's error messages. */
export interface Sig {
  /** Parameter names (after self, for methods). */
  readonly params: readonly string[];
  /** How many leading params have no default. */
  readonly required: number;
  /** Collects extra positionals (*args). */
  readonly varargs?: boolean;
  /** Accepts any keyword (**kwargs). */
  readonly varkw?: boolean;
  /** A bound method: the counts in messages include self. */
  readonly method?: boolean;
}

export interface Bound {
  /** One slot per param; undefined where the caller left a default. */
  readonly vals: ReadonlyArray<PyValue | undefined>;
  readonly rest: readonly PyValue[];
  readonly kw: ReadonlyMap<string, PyValue>;
}

function nameList(names: string[]): string {
  const q = names.map((n) => `'${n}'`);
  if (q.length === 1) return q[0]!;
  if (q.length === 2) return `${q[0]} and ${q[1]}`;
  return `${q.slice(0, -1).join(', ')}, and ${q[q.length - 1]}`;
}

/** Bind call arguments to a signature (ceval.c _PyEval_EvalCodeWithName order and messages). */
export function bind(name: string, sig: Sig, a: CallArgs): Bound {
  const n = sig.params.length;
  const vals: Array<PyValue | undefined> = sig.params.map((_, i) => a.args[i]);
  const rest = sig.varargs ? a.args.slice(n) : [];
  const kw = new Map<string, PyValue>();
  for (const [k, v] of a.kwargs) {
    const idx = sig.params.indexOf(k);
    if (idx < 0) {
      if (!sig.varkw) throw typeError(`${name}() got an unexpected keyword argument '${k}'`);
      kw.set(k, v);
    } else {
      if (vals[idx] !== undefined) throw typeError(`${name}() got multiple values for argument '${k}'`);
      vals[idx] = v;
    }
  }
  const self = sig.method ? 1 : 0;
  if (!sig.varargs && a.args.length > n) {
    const given = a.args.length + self;
    const max = n + self;
    const min = sig.required + self;
    const takes = min === max ? `${max} positional argument${max === 1 ? '' : 's'}` : `from ${min} to ${max} positional arguments`;
    throw typeError(`${name}() takes ${takes} but ${given} ${given === 1 ? 'was' : 'were'} given`);
  }
  const missing = sig.params.slice(0, sig.required).filter((_, i) => vals[i] === undefined);
  if (missing.length) {
    throw typeError(`${name}() missing ${missing.length} required positional argument${missing.length === 1 ? '' : 's'}: ${nameList(missing)}`);
  }
  return { vals, rest, kw };
}

/** How a callable prints: `<built-in function len>`, `<bound method Node.IP of ...>`... */
export type FnKind =
  | { readonly kind: 'builtin' }
  | { readonly kind: 'type' }
  | { readonly kind: 'function'; readonly addr: string }
  | { readonly kind: 'method'; readonly qualname: string; readonly self: PyValue }
  | { readonly kind: 'builtin-method'; readonly self: PyValue; readonly addr: string };

export class PyFunction extends PyObj {
  constructor(
    readonly name: string,
    readonly how: FnKind,
    readonly impl: PyImpl,
  ) {
    super();
  }
  typeName(): string {
    switch (this.how.kind) {
      case 'builtin':
        return 'builtin_function_or_method';
      case 'type':
        return 'type';
      case 'function':
        return 'function';
      case 'method':
        return 'method';
      case 'builtin-method':
        return 'builtin_function_or_method';
    }
  }
  repr(seen: Set<PyObj>): string {
    const h = this.how;
    switch (h.kind) {
      case 'builtin':
        return `<built-in function ${this.name}>`;
      case 'type':
        return `<class '${this.name}'>`;
      case 'function':
        return `<function ${this.name} at ${h.addr}>`;
      case 'method':
        return `<bound method ${h.qualname} of ${reprIn(h.self, seen)}>`;
      case 'builtin-method':
        return `<built-in method ${this.name} of ${typeName(h.self)} object at ${h.addr}>`;
    }
  }
}

// ---- type names, truth, repr, str ------------------------------------------------------------------

export function typeName(v: PyValue): string {
  if (v === null) return 'NoneType';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
    case 'string':
      return 'str';
    default:
      return v.typeName();
  }
}

export function truthy(v: PyValue): boolean {
  if (v === null) return false;
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'bigint':
      return v !== 0n;
    case 'number':
      return v !== 0;
    case 'string':
      return v.length > 0;
    default:
      return v.truthy();
  }
}

export function repr(v: PyValue): string {
  return reprIn(v, new Set());
}

function reprIn(v: PyValue, seen: Set<PyObj>): string {
  if (v === null) return 'None';
  switch (typeof v) {
    case 'boolean':
      return v ? 'True' : 'False';
    case 'bigint':
      return v.toString();
    case 'number':
      return floatRepr(v);
    case 'string':
      return strRepr(v);
    default:
      return v.repr(seen);
  }
}

/** str(x): a str is itself; objects may define their own (a node's is its name). */
export function str(v: PyValue): string {
  if (typeof v === 'string') return v;
  if (v instanceof PyObj) return v.str();
  return repr(v);
}

/** float.__repr__: the shortest round-trip digits, exponent form outside 1e-4 <= |x| < 1e16. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mant, expText] = x.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  const sign = mant.startsWith('-') ? '-' : '';
  const digits = mant.replace('-', '').replace('.', '');
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = String(Math.abs(exp)).padStart(2, '0');
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${e}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${sign}${digits}${'0'.repeat(exp + 1 - digits.length)}.0`;
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** str.__repr__: single quotes unless the text has ' and no ", escapes for the unprintable. */
export function strRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = q;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === q || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c >= 0x80 && NON_PRINTABLE.test(ch)) {
      if (c <= 0xff) out += '\\x' + c.toString(16).padStart(2, '0');
      else if (c <= 0xffff) out += '\\u' + c.toString(16).padStart(4, '0');
      else out += '\\U' + c.toString(16).padStart(8, '0');
    } else out += ch;
  }
  return out + q;
}

// ---- equality, ordering, hashing ------------------------------------------------------------------------

const MAX_DEPTH = 200;

function numeric(v: PyValue): bigint | number | undefined {
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'bigint' || typeof v === 'number') return v;
  return undefined;
}

/** Compare two numbers exactly (ints are arbitrary precision). Returns -1, 0, 1, or NaN. */
export function numCmp(a: bigint | number, b: bigint | number): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : a === b ? 0 : NaN;
  const [big, num, flip] = typeof a === 'bigint' ? [a, b as number, 1] : [b as bigint, a as number, -1];
  if (Number.isNaN(num)) return NaN;
  if (!Number.isFinite(num)) return num > 0 ? -flip : flip;
  const fl = Math.floor(num);
  const bf = BigInt(fl);
  let c: number;
  if (big < bf) c = -1;
  else if (big > bf) c = 1;
  else c = num > fl ? -1 : 0;
  return c * flip;
}

function seqEq(a: readonly PyValue[], b: readonly PyValue[], depth: number): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!pyEq(a[i]!, b[i]!, depth + 1)) return false;
  return true;
}

export function pyEq(a: PyValue, b: PyValue, depth = 0): boolean {
  if (depth > MAX_DEPTH) throw new PyError('RecursionError', 'maximum recursion depth exceeded in comparison');
  if (a === b) return typeof a !== 'number' || !Number.isNaN(a);
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined && nb !== undefined) return numCmp(na, nb) === 0;
  if (a instanceof PyObj) return a.equals(b, depth);
  return false;
}

/**
 * Order two values for `op` (one of < <= > >=): -1, 0, 1, or NaN (unordered floats), with
 * Python's TypeError for types that do not order. Sequences order by their first difference.
 */
export function pyOrder(a: PyValue, b: PyValue, op: string, depth = 0): number {
  if (depth > MAX_DEPTH) throw new PyError('RecursionError', 'maximum recursion depth exceeded in comparison');
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined && nb !== undefined) return numCmp(na, nb);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  const seqs = (a instanceof PyList && b instanceof PyList) || (a instanceof PyTuple && b instanceof PyTuple);
  if (seqs) {
    const x = (a as PyList | PyTuple).items;
    const y = (b as PyList | PyTuple).items;
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      if (!pyEq(x[i]!, y[i]!, depth + 1)) return pyOrder(x[i]!, y[i]!, op, depth + 1);
    }
    return x.length < y.length ? -1 : x.length > y.length ? 1 : 0;
  }
  throw typeError(`'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

const ids = new WeakMap<object, number>();
let nextId = 1;

/** The dict key of a value: equal values that Python hashes equally share a key. */
export function hashKey(v: PyValue): string {
  if (v === null) return 'N';
  switch (typeof v) {
    case 'boolean':
      return 'i' + (v ? '1' : '0');
    case 'bigint':
      return 'i' + v.toString();
    case 'number':
      return Number.isInteger(v) ? 'i' + BigInt(v).toString() : 'f' + String(v);
    case 'string':
      return 's' + v;
  }
  if (v instanceof PyTuple) return 't(' + v.items.map(hashKey).join(',') + ')';
  if (v instanceof PyList || v instanceof PyDict || v instanceof PyDictView) throw typeError(`unhashable type: '${v.typeName()}'`);
  let id = ids.get(v);
  if (id === undefined) {
    id = nextId++;
    ids.set(v, id);
  }
  return 'o' + id;
}

/** Iterate a value as a for loop would, or raise Python's TypeError. */
export function iterate(v: PyValue): PyValue[] {
  if (typeof v === 'string') return checkItems([...v]);
  const items = v instanceof PyObj ? v.iter() : undefined;
  if (!items) throw typeError(`'${typeName(v)}' object is not iterable`);
  return items;
}

/** A value stored in the CLI's locals map (unknown there) back as a Python value. */
export function isPyValue(u: unknown): u is PyValue {
  return u === null || ['boolean', 'bigint', 'number', 'string'].includes(typeof u) || u instanceof PyObj;
}
