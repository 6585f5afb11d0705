/**
 * The Mininet CLI's `py EXPR` and `px STMT` (mininet/cli.py 2.3.0 do_py/do_px;
 * reference/mininet.md §2.3): a small, safe evaluator for a subset of Python 3 — our own
 * code, no JavaScript eval. Names resolve as in `eval(line, globals(), self.getLocals())`:
 * the CLI's locals (`net`, every node name, refreshed on each command, and variables `px`
 * assigned), then cli.py's globals, then builtins.
 *
 * Output rules: `py` prints a str result as-is, anything else as its repr, and nothing for a
 * falsy result (2.3.0 tests `if not result`); an exception prints `str(e)` only. Constructs
 * outside the subset print one `*** sandbox: ...` line. Evaluation is a generator because
 * node.cmd() and net.pingAll() run commands in virtual time.
 */
import type { Session } from '../shell/session';
import type { Proc, Wait, Wake } from '../shell/process';
import type { Mininet, Out, Task } from './mininet';
import type { Expr, Stmt, Target } from './py-parse';
import { parseEval, parseExec } from './py-parse';
import type { PyCtx, PyValue } from './py-values';
import {
  EvalState, PyDict, PyError, PyFunction, PyLimit, PyList, PyObj, PyTuple, PyUnsupported,
  attributeError, checkStr, isPyValue, iterate, repr, str, truthy, typeError, typeName,
} from './py-values';
import { binop, compare, getitem, getslice, unaryop } from './py-ops';
import { builtin, builtinAttr, isUnsupportedBuiltin } from './py-builtins';
import { CLI_GLOBALS_UNSUPPORTED, cliGlobal, wrapNet, wrapNode } from './py-mininet';

interface CliLike {
  readonly pyLocals: Map<string, unknown>;
  readonly mn: Mininet;
}

/** The evaluation context plus the CLI's locals. */
interface Ctx extends PyCtx {
  readonly locals: Map<string, unknown>;
}

const states = new WeakMap<Map<string, unknown>, EvalState>();

/** getLocals(): `net` once (a px may rebind or delete it), every node name each time. */
function context(cli: CliLike, session: Session, out: Out): Ctx {
  let state = states.get(cli.pyLocals);
  if (!state) {
    state = new EvalState(cli.mn.hosts[0]?.pid ?? 1);
    states.set(cli.pyLocals, state);
    cli.pyLocals.set('net', wrapNet(state, cli.mn));
  }
  for (const n of cli.mn.nodes()) cli.pyLocals.set(n.name, wrapNode(state, n));
  state.interrupted = false;
  state.busy = undefined;
  return { mn: cli.mn, session, out, state, locals: cli.pyLocals };
}

function unsupportedLine(what: string): string {
  return `*** sandbox: ${what} is not supported in this sandbox (py and px understand a small subset of Python)\n`;
}

/** Print what an evaluation raised: str(e) for Python exceptions, a sandbox line otherwise. */
function report(e: unknown, out: Out): void {
  if (e instanceof PyError) out(e.message + '\n');
  else if (e instanceof PyUnsupported) out(unsupportedLine(e.what));
  else if (e instanceof PyLimit) out(`*** sandbox: py/px stop at ${e.message}\n`);
  else out(`*** sandbox: py/px could not evaluate this (${e instanceof Error ? e.message : String(e)})\n`);
}

/**
 * Drive an evaluation; on Ctrl-C, let the running command see it, abandon the rest, and
 * print what Mininet's CLI prints for a KeyboardInterrupt (cli.py run(): "Interrupt", then
 * "stopping <node>" for a node still running a command).
 */
function* interruptible<T>(c: Ctx, g: Task<T>): Generator<Wait, { value: T } | undefined, Wake> {
  let r = g.next();
  while (!r.done) {
    const w = yield r.value;
    if (w.reason === 'interrupt') {
      c.state.interrupted = true;
      const busy = c.state.busy;
      try {
        r = g.next(w);
        if (!r.done) g.return(undefined as never);
      } catch {
        // Whatever the interrupted code raised is moot: KeyboardInterrupt wins.
      }
      c.out('\nInterrupt\n');
      if (busy) c.out(`stopping ${busy} \n`);
      return undefined;
    }
    r = g.next(w);
  }
  return { value: r.value };
}

/** `py EXPR` */
export function* evalPy(cli: CliLike, session: Session, args: string, out: Out): Proc {
  try {
    const c = context(cli, session, out);
    const parsed = parseEval(args);
    if (!parsed.ok) return printParseError(parsed, out);
    const r = yield* interruptible(c, evalExpr(c, parsed.value));
    if (!r) return 0;
    const result = r.value;
    if (truthy(result)) out((typeof result === 'string' ? result : repr(result)) + '\n');
  } catch (e) {
    report(e, out);
  }
  return 0;
}

/** `px STMT` */
export function* execPy(cli: CliLike, session: Session, args: string, out: Out): Proc {
  try {
    const c = context(cli, session, out);
    const parsed = parseExec(args);
    if (!parsed.ok) return printParseError(parsed, out);
    yield* interruptible(c, execAll(c, parsed.value));
  } catch (e) {
    report(e, out);
  }
  return 0;
}

function printParseError(p: { syntax: string } | { unsupported: string } | { limit: string }, out: Out): number {
  if ('syntax' in p) out(p.syntax + '\n');
  else if ('unsupported' in p) out(unsupportedLine(p.unsupported));
  else out(`*** sandbox: py/px stop at ${p.limit}\n`);
  return 0;
}

// ---- statements --------------------------------------------------------------------------------------

function* execAll(c: Ctx, stmts: readonly Stmt[]): Task<void> {
  for (const s of stmts) yield* execStmt(c, s);
}

function* execStmt(c: Ctx, s: Stmt): Task<void> {
  const locals = c.locals;
  switch (s.k) {
    case 'pass':
      return;
    case 'expr':
      yield* evalExpr(c, s.expr);
      return;
    case 'assign': {
      const v = yield* evalExpr(c, s.value);
      for (const t of s.targets) assign(locals, t, v);
      return;
    }
    case 'augassign': {
      const cur = lookup(c, s.id);
      const v = yield* evalExpr(c, s.value);
      if (cur instanceof PyList && s.op === '+') {
        // list += iterable extends in place (list.__iadd__).
        cur.items.push(...iterate(v));
        return;
      }
      locals.set(s.id, binop(s.op, cur, v));
      return;
    }
    case 'del':
      for (const id of s.ids) {
        if (!locals.has(id)) throw new PyError('NameError', `name '${id}' is not defined`);
        locals.delete(id);
      }
      return;
  }
}

function assign(locals: Map<string, unknown>, t: Target, v: PyValue): void {
  if (t.k === 'name') {
    locals.set(t.id, v);
    return;
  }
  const items = iterate(v);
  const n = t.items.length;
  if (items.length > n) throw new PyError('ValueError', `too many values to unpack (expected ${n})`);
  if (items.length < n) throw new PyError('ValueError', `not enough values to unpack (expected ${n}, got ${items.length})`);
  t.items.forEach((sub, i) => assign(locals, sub, items[i]!));
}

// ---- expressions ---------------------------------------------------------------------------------------

/** A name: locals (net, nodes, px variables), cli.py's globals, then builtins. */
function lookup(c: Ctx, id: string): PyValue {
  const local = c.locals.get(id);
  if (local !== undefined && isPyValue(local)) return local;
  const g = cliGlobal(c, id);
  if (g !== undefined) return g;
  const unsupportedGlobal = CLI_GLOBALS_UNSUPPORTED[id];
  if (unsupportedGlobal) throw new PyUnsupported(unsupportedGlobal);
  const b = builtin(c, id);
  if (b !== undefined) return b;
  if (isUnsupportedBuiltin(id)) throw new PyUnsupported(builtinWhat(id));
  throw new PyError('NameError', `name '${id}' is not defined`);
}

function builtinWhat(id: string): string {
  if (/^__\w+__$/.test(id) || id === 'Ellipsis' || id === 'NotImplemented') return `the name ${id}`;
  if (/^[A-Z]/.test(id)) return `the exception class ${id}`;
  return `${id}()`;
}

function* evalExpr(c: Ctx, e: Expr): Task<PyValue> {
  switch (e.k) {
    case 'const':
      return e.v;
    case 'fstr': {
      let s = '';
      for (const p of e.parts) {
        if (typeof p === 'string') s += p;
        else {
          const v = yield* evalExpr(c, p.expr);
          s += (p.label ?? '') + (p.conv === 'r' ? repr(v) : str(v));
        }
        checkStr(s);
      }
      return s;
    }
    case 'name':
      return lookup(c, e.id);
    case 'attr':
      return getattr(c, yield* evalExpr(c, e.obj), e.name);
    case 'call': {
      const fn = yield* evalExpr(c, e.fn);
      const args: PyValue[] = [];
      for (const a of e.args) args.push(yield* evalExpr(c, a));
      const kwargs = new Map<string, PyValue>();
      for (const k of e.kwargs) kwargs.set(k.name, yield* evalExpr(c, k.value));
      if (!(fn instanceof PyFunction)) throw typeError(`'${typeName(fn)}' object is not callable`);
      return yield* fn.impl({ args, kwargs });
    }
    case 'index': {
      const obj = yield* evalExpr(c, e.obj);
      return getitem(obj, yield* evalExpr(c, e.index));
    }
    case 'slice': {
      const obj = yield* evalExpr(c, e.obj);
      const lo = e.lo && (yield* evalExpr(c, e.lo));
      const hi = e.hi && (yield* evalExpr(c, e.hi));
      const step = e.step && (yield* evalExpr(c, e.step));
      return getslice(obj, lo, hi, step);
    }
    case 'list':
    case 'tuple': {
      const items: PyValue[] = [];
      for (const i of e.items) items.push(yield* evalExpr(c, i));
      return e.k === 'list' ? new PyList(items) : new PyTuple(items);
    }
    case 'dict': {
      const d = new PyDict();
      for (const { key, value } of e.entries) {
        const k = yield* evalExpr(c, key);
        d.set(k, yield* evalExpr(c, value));
      }
      return d;
    }
    case 'unary':
      return unaryop(e.op, yield* evalExpr(c, e.operand));
    case 'bin': {
      const a = yield* evalExpr(c, e.left);
      return binop(e.op, a, yield* evalExpr(c, e.right));
    }
    case 'cmp': {
      let left = yield* evalExpr(c, e.first);
      for (const { op, right } of e.rest) {
        const r = yield* evalExpr(c, right);
        if (!compare(op, left, r)) return false;
        left = r;
      }
      return true;
    }
    case 'bool': {
      const a = yield* evalExpr(c, e.left);
      if (e.op === 'and' ? !truthy(a) : truthy(a)) return a;
      return yield* evalExpr(c, e.right);
    }
  }
}

function getattr(c: PyCtx, v: PyValue, name: string): PyValue {
  if (name.startsWith('__') && name.endsWith('__')) throw new PyUnsupported(`the special attribute ${name}`);
  const a = v instanceof PyObj && !(v instanceof PyList || v instanceof PyTuple || v instanceof PyDict) ? v.getattr(c, name) : builtinAttr(c, v, name);
  if (a === undefined) throw attributeError(v, name);
  return a;
}
