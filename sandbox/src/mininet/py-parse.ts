/**
 * The parser behind the Mininet CLI's `py EXPR` and `px STMT`: a tokenizer and a
 * recursive-descent parser for a small subset of Python 3 (grammar and error messages of
 * CPython 3.8, the Python of the Mininet 2.3.0 VM; reference/mininet.md §2.3).
 *
 * Contract: `parseEval` parses what `eval()` accepts, `parseExec` what `exec()` accepts on
 * one line. Each returns the AST, or a SyntaxError text exactly as `str(e)` prints it
 * (`invalid syntax (<string>, line 1)`), or the name of a construct that is valid Python but
 * outside the subset (`unsupported`), so the caller can say so instead of pretending it is
 * a syntax error. Source length and nesting are capped (`limit`). Nothing here evaluates.
 */

export type Const = null | boolean | bigint | number | string;

export interface FPart {
  readonly expr: Expr;
  /** `!r`, `!s`, or `=` (self-documenting, implies repr). */
  readonly conv: 's' | 'r';
  /** Text printed before the value for `{x=}`. */
  readonly label?: string;
}

export type CmpOp = '==' | '!=' | '<' | '>' | '<=' | '>=' | 'in' | 'not in' | 'is' | 'is not';
export type BinOp = '+' | '-' | '*' | '/' | '//' | '%';

export type Expr =
  | { readonly k: 'const'; readonly v: Const }
  | { readonly k: 'fstr'; readonly parts: ReadonlyArray<string | FPart> }
  | { readonly k: 'name'; readonly id: string }
  | { readonly k: 'attr'; readonly obj: Expr; readonly name: string }
  | { readonly k: 'call'; readonly fn: Expr; readonly args: readonly Expr[]; readonly kwargs: ReadonlyArray<{ name: string; value: Expr }> }
  | { readonly k: 'index'; readonly obj: Expr; readonly index: Expr }
  | { readonly k: 'slice'; readonly obj: Expr; readonly lo?: Expr; readonly hi?: Expr; readonly step?: Expr }
  | { readonly k: 'list'; readonly items: readonly Expr[] }
  | { readonly k: 'tuple'; readonly items: readonly Expr[] }
  | { readonly k: 'dict'; readonly entries: ReadonlyArray<{ key: Expr; value: Expr }> }
  | { readonly k: 'unary'; readonly op: '-' | '+' | 'not'; readonly operand: Expr }
  | { readonly k: 'bin'; readonly op: BinOp; readonly left: Expr; readonly right: Expr }
  | { readonly k: 'cmp'; readonly first: Expr; readonly rest: ReadonlyArray<{ op: CmpOp; right: Expr }> }
  | { readonly k: 'bool'; readonly op: 'and' | 'or'; readonly left: Expr; readonly right: Expr };

/** An assignment target: a name, or a tuple/list of targets to unpack into. */
export type Target = { readonly k: 'name'; readonly id: string } | { readonly k: 'unpack'; readonly items: readonly Target[] };

export type Stmt =
  | { readonly k: 'expr'; readonly expr: Expr }
  | { readonly k: 'assign'; readonly targets: readonly Target[]; readonly value: Expr }
  | { readonly k: 'augassign'; readonly id: string; readonly op: BinOp; readonly value: Expr }
  | { readonly k: 'del'; readonly ids: readonly string[] }
  | { readonly k: 'pass' };

export type ParseResult<T> =
  | { readonly ok: true; readonly value: T }
  /** `str(SyntaxError)`, e.g. `invalid syntax (<string>, line 1)`. */
  | { readonly ok: false; readonly syntax: string }
  /** A valid construct outside the subset, as a noun phrase: "a lambda expression". */
  | { readonly ok: false; readonly unsupported: string }
  /** The sandbox's own bounds (source length, nesting). */
  | { readonly ok: false; readonly limit: string };

export const MAX_SOURCE = 4096;
export const MAX_NESTING = 60;

export const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del',
  'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
  'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

/** Statements that are valid Python but not part of the subset. */
const UNSUPPORTED_STATEMENTS: Record<string, string> = {
  import: 'import', from: 'import', def: 'def (defining functions)', class: 'class (defining classes)',
  for: 'a for loop', while: 'a while loop', if: 'an if statement', with: 'a with statement', try: 'try/except',
  global: 'a global statement', nonlocal: 'a nonlocal statement', assert: 'assert', raise: 'raise', async: 'async',
};

// ---- errors used inside the parser (never leave this module) ------------------------------

class SyntaxErr {
  constructor(readonly msg: string, readonly atEnd: boolean) {}
}
class Unsupported {
  constructor(readonly what: string) {}
}
class Limit {
  constructor(readonly what: string) {}
}

// ---- tokenizer ----------------------------------------------------------------------------

type Tok =
  | { readonly t: 'name'; readonly v: string }
  | { readonly t: 'kw'; readonly v: string }
  | { readonly t: 'int'; readonly v: bigint }
  | { readonly t: 'float'; readonly v: number }
  /** A string literal; f-strings keep their raw body for the parser to split. */
  | { readonly t: 'str'; readonly v: string; readonly f: boolean; readonly raw: boolean; readonly bytes: boolean }
  | { readonly t: 'op'; readonly v: string }
  | { readonly t: 'end' };

const OPS = [
  '**=', '//=', '>>=', '<<=', '...', '->', ':=', '**', '//', '<<', '>>', '<=', '>=', '==', '!=', '+=', '-=', '*=', '/=',
  '%=', '&=', '|=', '^=', '@=', '+', '-', '*', '/', '%', '@', '<', '>', '&', '|', '^', '~', '(', ')', '[', ']', '{',
  '}', ',', ':', '.', ';', '=',
];

const ID_START = /[\p{L}\p{Nl}_]/u;
const ID_CONT = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}_]/u;
const NUMBER = /^(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?)/;

function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\f' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') break;
    const strStart = /^([rRbBuUfF]{0,2})(['"])/.exec(src.slice(i, i + 3));
    if (strStart && validPrefix(strStart[1]!)) {
      const r = readString(src, i + strStart[1]!.length, strStart[1]!.toLowerCase());
      toks.push(r.tok);
      i = r.end;
      continue;
    }
    if (/\d/.test(c) || (c === '.' && /\d/.test(src[i + 1] ?? ''))) {
      const m = NUMBER.exec(src.slice(i))!;
      const text = m[0];
      const after = src[i + text.length] ?? '';
      if (after === 'j' || after === 'J') throw new Unsupported('a complex number');
      if (ID_CONT.test(after)) throw new SyntaxErr('invalid syntax', false);
      const clean = text.replace(/_/g, '');
      if (/^[0-9]+$/.test(clean)) {
        if (/^0+[1-9]/.test(clean)) throw new SyntaxErr('invalid token', false);
        toks.push({ t: 'int', v: BigInt(clean) });
      } else if (/^0[xXoObB]/.test(clean)) {
        toks.push({ t: 'int', v: BigInt(clean.toLowerCase()) });
      } else {
        toks.push({ t: 'float', v: Number(clean) });
      }
      i += text.length;
      continue;
    }
    if (ID_START.test(c)) {
      let j = i + 1;
      while (j < src.length && ID_CONT.test(src[j]!)) j++;
      const word = src.slice(i, j);
      toks.push(KEYWORDS.has(word) ? { t: 'kw', v: word } : { t: 'name', v: word });
      i = j;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new SyntaxErr('invalid syntax', false);
    toks.push({ t: 'op', v: op });
    i += op.length;
  }
  toks.push({ t: 'end' });
  return toks;
}

function validPrefix(p: string): boolean {
  const l = p.toLowerCase();
  return ['', 'r', 'u', 'b', 'f', 'br', 'rb', 'fr', 'rf'].includes(l);
}

function readString(src: string, q: number, prefix: string): { tok: Tok; end: number } {
  const quote = src[q]!;
  const triple = src.startsWith(quote.repeat(3), q);
  const delim = triple ? quote.repeat(3) : quote;
  let j = q + delim.length;
  let body = '';
  for (;;) {
    if (j >= src.length) {
      throw new SyntaxErr(triple ? 'EOF while scanning triple-quoted string literal' : 'EOL while scanning string literal', false);
    }
    if (src.startsWith(delim, j)) break;
    const ch = src[j]!;
    if (ch === '\\' && j + 1 < src.length) {
      body += ch + src[j + 1]!;
      j += 2;
      continue;
    }
    if ((ch === '\n' || ch === '\r') && !triple) throw new SyntaxErr('EOL while scanning string literal', false);
    body += ch;
    j++;
  }
  const raw = prefix.includes('r');
  const f = prefix.includes('f');
  const bytes = prefix.includes('b');
  const v = raw || f ? body : decodeEscapes(body);
  return { tok: { t: 'str', v, f, raw, bytes }, end: j + delim.length };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\n': '',
};

/** Python's escape sequences in a non-raw str literal (unknown escapes stay as written). */
export function decodeEscapes(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\' || i + 1 >= body.length) {
      out += ch;
      continue;
    }
    const e = body[i + 1]!;
    if (e in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[e];
      i++;
    } else if (/[0-7]/.test(e)) {
      const m = /^[0-7]{1,3}/.exec(body.slice(i + 1))!;
      out += String.fromCodePoint(parseInt(m[0], 8));
      i += m[0].length;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 2, i + 2 + n);
      const valid = /^[0-9a-fA-F]*/.exec(hex)![0].length;
      if (valid < n) {
        const what = e === 'x' ? '\\xXX' : e === 'u' ? '\\uXXXX' : '\\UXXXXXXXX';
        throw new SyntaxErr(`(unicode error) 'unicodeescape' codec can't decode bytes in position ${i}-${i + 1 + valid}: truncated ${what} escape`, false);
      }
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff) {
        throw new SyntaxErr(`(unicode error) 'unicodeescape' codec can't decode bytes in position ${i}-${i + 1 + n}: illegal Unicode character`, false);
      }
      out += String.fromCodePoint(cp);
      i += 1 + n;
    } else if (e === 'N') {
      throw new Unsupported('a \\N{...} escape');
    } else {
      out += ch;
    }
  }
  return out;
}

// ---- parser ---------------------------------------------------------------------------------

type Mode = 'eval' | 'exec';

class Parser {
  private i = 0;
  /** Open brackets: an unexpected end inside them is an EOF error, as in CPython. */
  private depth = 0;
  /** Brackets and unary operators, for the nesting bound. */
  private nest = 0;

  constructor(
    private readonly toks: readonly Tok[],
    private readonly mode: Mode,
    private readonly nesting: number,
  ) {}

  private get tok(): Tok {
    return this.toks[this.i]!;
  }

  private peek(k: number): Tok {
    return this.toks[Math.min(this.i + k, this.toks.length - 1)]!;
  }

  private atEnd(): boolean {
    return this.tok.t === 'end';
  }

  private isOp(v: string): boolean {
    const t = this.tok;
    return t.t === 'op' && t.v === v;
  }

  private isKw(v: string): boolean {
    const t = this.tok;
    return t.t === 'kw' && t.v === v;
  }

  private eatOp(v: string): boolean {
    if (!this.isOp(v)) return false;
    this.i++;
    return true;
  }

  private fail(): never {
    throw new SyntaxErr('invalid syntax', this.tok.t === 'end');
  }

  private expectOp(v: string): void {
    if (!this.eatOp(v)) this.fail();
  }

  private enter(): void {
    this.nest++;
    if (this.nest + this.nesting > MAX_NESTING) throw new Limit(`more than ${MAX_NESTING} levels of nesting`);
  }

  private open(): void {
    this.depth++;
    this.enter();
  }

  private close(v: string): void {
    this.expectOp(v);
    this.depth--;
    this.nest--;
  }

  /** An unexpected end of input inside brackets (or anywhere in eval mode) is an EOF error. */
  eofIsError(): boolean {
    return this.mode === 'eval' || this.depth > 0;
  }

  parseEvalInput(): Expr {
    const e = this.testlist();
    if (this.tok.t !== 'end') this.fail();
    return e;
  }

  parseExecInput(): Stmt[] {
    const out: Stmt[] = [];
    while (!this.atEnd()) {
      out.push(this.statement());
      if (this.eatOp(';')) continue;
      if (!this.atEnd()) this.fail();
    }
    return out;
  }

  private statement(): Stmt {
    const t = this.tok;
    if (t.t === 'kw') {
      switch (t.v) {
        case 'pass':
          this.i++;
          return { k: 'pass' };
        case 'del': {
          this.i++;
          const ids: string[] = [];
          do {
            const n = this.tok;
            if (n.t !== 'name') {
              if (n.t === 'op' && (n.v === '(' || n.v === '[')) throw new Unsupported('del of anything but plain names');
              this.fail();
            }
            this.i++;
            if (this.isOp('.') || this.isOp('[')) throw new Unsupported('del of anything but plain names');
            ids.push(n.v);
          } while (this.eatOp(',') && this.tok.t !== 'end' && !this.isOp(';'));
          return { k: 'del', ids };
        }
        case 'return':
          throw new SyntaxErr("'return' outside function", false);
        case 'break':
          throw new SyntaxErr("'break' outside loop", false);
        case 'continue':
          throw new SyntaxErr("'continue' not properly in loop", false);
        case 'yield':
          throw new SyntaxErr("'yield' outside function", false);
        default: {
          const what = UNSUPPORTED_STATEMENTS[t.v];
          if (what) throw new Unsupported(what);
        }
      }
    }
    const first = this.testlist();
    if (this.isOp('=')) {
      const targets: Target[] = [];
      let value = first;
      while (this.eatOp('=')) {
        targets.push(toTarget(value));
        value = this.testlist();
      }
      return { k: 'assign', targets, value };
    }
    const aug = this.tok;
    if (aug.t === 'op' && aug.v.length >= 2 && aug.v.endsWith('=') && !['==', '<=', '>=', '!='].includes(aug.v)) {
      const op = aug.v.slice(0, -1);
      if (first.k !== 'name') {
        if (first.k === 'attr' || first.k === 'index' || first.k === 'slice') throw new Unsupported('assigning to an attribute or item');
        throw new SyntaxErr('illegal expression for augmented assignment', false);
      }
      if (op !== '+' && op !== '-' && op !== '*' && op !== '/' && op !== '//' && op !== '%') throw new Unsupported(`the ${aug.v} operator`);
      this.i++;
      const value = this.testlist();
      return { k: 'augassign', id: first.id, op, value };
    }
    if (this.isOp(':')) throw new Unsupported('an annotated assignment');
    return { k: 'expr', expr: first };
  }

  /** testlist: test (',' test)* [','] — a bare tuple when there is a comma. */
  private testlist(): Expr {
    const first = this.test();
    if (!this.isOp(',')) return first;
    const items = [first];
    while (this.eatOp(',')) {
      if (this.atTestlistEnd()) break;
      items.push(this.test());
    }
    return { k: 'tuple', items };
  }

  private atTestlistEnd(): boolean {
    const t = this.tok;
    return t.t === 'end' || (t.t === 'op' && [')', ']', '}', '=', ';', ':'].includes(t.v)) || (t.t === 'op' && t.v.endsWith('=') && t.v.length > 1 && !['==', '<=', '>=', '!='].includes(t.v));
  }

  private test(): Expr {
    if (this.isKw('lambda')) throw new Unsupported('a lambda expression');
    const e = this.orTest();
    if (this.isKw('if')) throw new Unsupported('a conditional expression (x if c else y)');
    if (this.isOp(':=')) throw new Unsupported('an assignment expression (:=)');
    return e;
  }

  private orTest(): Expr {
    let e = this.andTest();
    while (this.isKw('or')) {
      this.i++;
      e = { k: 'bool', op: 'or', left: e, right: this.andTest() };
    }
    return e;
  }

  private andTest(): Expr {
    let e = this.notTest();
    while (this.isKw('and')) {
      this.i++;
      e = { k: 'bool', op: 'and', left: e, right: this.notTest() };
    }
    return e;
  }

  private notTest(): Expr {
    if (this.isKw('not')) {
      this.i++;
      this.enter();
      const operand = this.notTest();
      this.nest--;
      return { k: 'unary', op: 'not', operand };
    }
    return this.comparison();
  }

  private comparison(): Expr {
    const first = this.bitwise();
    const rest: Array<{ op: CmpOp; right: Expr }> = [];
    for (;;) {
      const t = this.tok;
      let op: CmpOp | undefined;
      if (t.t === 'op' && ['==', '!=', '<', '>', '<=', '>='].includes(t.v)) {
        op = t.v as CmpOp;
        this.i++;
      } else if (t.t === 'kw' && t.v === 'in') {
        op = 'in';
        this.i++;
      } else if (t.t === 'kw' && t.v === 'not') {
        const n = this.peek(1);
        if (n.t !== 'kw' || n.v !== 'in') this.fail();
        op = 'not in';
        this.i += 2;
      } else if (t.t === 'kw' && t.v === 'is') {
        this.i++;
        if (this.isKw('not')) {
          this.i++;
          op = 'is not';
        } else op = 'is';
      }
      if (!op) break;
      rest.push({ op, right: this.bitwise() });
    }
    return rest.length ? { k: 'cmp', first, rest } : first;
  }

  /** `| ^ & << >>` are valid Python but not in the subset. */
  private bitwise(): Expr {
    const e = this.arith();
    const t = this.tok;
    if (t.t === 'op' && ['|', '^', '&', '<<', '>>'].includes(t.v)) throw new Unsupported(`the ${t.v} operator`);
    return e;
  }

  private arith(): Expr {
    let e = this.term();
    for (;;) {
      const t = this.tok;
      if (t.t !== 'op' || (t.v !== '+' && t.v !== '-')) return e;
      this.i++;
      e = { k: 'bin', op: t.v, left: e, right: this.term() };
    }
  }

  private term(): Expr {
    let e = this.factor();
    for (;;) {
      const t = this.tok;
      if (t.t !== 'op') return e;
      if (t.v === '@') throw new Unsupported('the @ operator');
      if (t.v !== '*' && t.v !== '/' && t.v !== '//' && t.v !== '%') return e;
      this.i++;
      e = { k: 'bin', op: t.v, left: e, right: this.factor() };
    }
  }

  private factor(): Expr {
    const t = this.tok;
    if (t.t === 'op' && (t.v === '-' || t.v === '+' || t.v === '~')) {
      if (t.v === '~') throw new Unsupported('the ~ operator');
      this.i++;
      this.enter();
      const operand = this.factor();
      this.nest--;
      return { k: 'unary', op: t.v, operand };
    }
    return this.power();
  }

  private power(): Expr {
    const e = this.atomExpr();
    if (this.isOp('**')) throw new Unsupported('the ** operator');
    return e;
  }

  private atomExpr(): Expr {
    if (this.isKw('await')) throw new Unsupported('await');
    let e = this.atom();
    for (;;) {
      if (this.eatOp('.')) {
        const n = this.tok;
        if (n.t !== 'name') this.fail();
        this.i++;
        e = { k: 'attr', obj: e, name: n.v };
      } else if (this.isOp('(')) {
        this.i++;
        this.open();
        e = this.callArgs(e);
        this.close(')');
      } else if (this.isOp('[')) {
        this.i++;
        this.open();
        e = this.subscript(e);
        this.close(']');
      } else return e;
    }
  }

  private callArgs(fn: Expr): Expr {
    const args: Expr[] = [];
    const kwargs: Array<{ name: string; value: Expr }> = [];
    while (!this.isOp(')')) {
      if (this.isOp('*') || this.isOp('**')) throw new Unsupported('*args / **kwargs unpacking in a call');
      const n = this.tok;
      const next = this.peek(1);
      if (next.t === 'op' && next.v === '=') {
        if (n.t !== 'name') {
          if (n.t === 'kw' && (n.v === 'True' || n.v === 'False' || n.v === 'None')) throw new SyntaxErr(`cannot assign to ${n.v}`, false);
          throw new SyntaxErr("keyword can't be an expression", false);
        }
        this.i += 2;
        if (kwargs.some((k) => k.name === n.v)) throw new SyntaxErr('keyword argument repeated', false);
        kwargs.push({ name: n.v, value: this.test() });
      } else {
        const v = this.test();
        if (this.isKw('for') || this.isKw('async')) throw new Unsupported('a generator expression');
        if (this.isOp('=')) throw new SyntaxErr("keyword can't be an expression", false);
        if (kwargs.length) throw new SyntaxErr('positional argument follows keyword argument', false);
        args.push(v);
      }
      if (!this.eatOp(',')) break;
    }
    return { k: 'call', fn, args, kwargs };
  }

  private subscript(obj: Expr): Expr {
    const parts: Array<Expr | { lo?: Expr; hi?: Expr; step?: Expr }> = [];
    do {
      if (this.isOp(']')) break;
      let lo: Expr | undefined;
      if (!this.isOp(':')) lo = this.test();
      if (this.eatOp(':')) {
        let hi: Expr | undefined;
        let step: Expr | undefined;
        if (!this.isOp(':') && !this.isOp(']') && !this.isOp(',')) hi = this.test();
        if (this.eatOp(':') && !this.isOp(']') && !this.isOp(',')) step = this.test();
        parts.push({ lo, hi, step });
      } else parts.push(lo!);
    } while (this.eatOp(','));
    if (parts.length === 0) this.fail();
    if (parts.length === 1 && !isSliceSpec(parts[0]!)) return { k: 'index', obj, index: parts[0] as Expr };
    if (parts.length === 1) {
      const s = parts[0] as { lo?: Expr; hi?: Expr; step?: Expr };
      return { k: 'slice', obj, lo: s.lo, hi: s.hi, step: s.step };
    }
    if (parts.some(isSliceSpec)) throw new Unsupported('a multi-dimensional slice');
    return { k: 'index', obj, index: { k: 'tuple', items: parts as Expr[] } };
  }

  private atom(): Expr {
    const t = this.tok;
    switch (t.t) {
      case 'name':
        this.i++;
        return { k: 'name', id: t.v };
      case 'int':
      case 'float':
        this.i++;
        return { k: 'const', v: t.v };
      case 'str':
        return this.strings();
      case 'kw':
        if (t.v === 'True' || t.v === 'False') {
          this.i++;
          return { k: 'const', v: t.v === 'True' };
        }
        if (t.v === 'None') {
          this.i++;
          return { k: 'const', v: null };
        }
        if (t.v === 'yield') throw new Unsupported('yield');
        if (t.v === 'lambda') throw new Unsupported('a lambda expression');
        return this.fail();
      case 'op':
        if (t.v === '(') return this.parenthesized();
        if (t.v === '[') return this.listDisplay();
        if (t.v === '{') return this.dictDisplay();
        if (t.v === '...') throw new Unsupported('Ellipsis (...)');
        return this.fail();
      case 'end':
        return this.fail();
    }
  }

  private parenthesized(): Expr {
    this.i++;
    this.open();
    if (this.isOp(')')) {
      this.close(')');
      return { k: 'tuple', items: [] };
    }
    if (this.isKw('yield')) throw new Unsupported('yield');
    if (this.isOp('*')) throw new Unsupported('* unpacking');
    const first = this.test();
    if (this.isKw('for') || this.isKw('async')) throw new Unsupported('a generator expression');
    if (this.isOp(')')) {
      this.close(')');
      return first;
    }
    const items = [first];
    while (this.eatOp(',')) {
      if (this.isOp(')')) break;
      if (this.isOp('*')) throw new Unsupported('* unpacking');
      items.push(this.test());
    }
    this.close(')');
    return { k: 'tuple', items };
  }

  private listDisplay(): Expr {
    this.i++;
    this.open();
    const items: Expr[] = [];
    while (!this.isOp(']')) {
      if (this.isOp('*')) throw new Unsupported('* unpacking');
      items.push(this.test());
      if (items.length === 1 && (this.isKw('for') || this.isKw('async'))) throw new Unsupported('a list comprehension');
      if (!this.eatOp(',')) break;
    }
    this.close(']');
    return { k: 'list', items };
  }

  private dictDisplay(): Expr {
    this.i++;
    this.open();
    const entries: Array<{ key: Expr; value: Expr }> = [];
    while (!this.isOp('}')) {
      if (this.isOp('**')) throw new Unsupported('** unpacking');
      if (this.isOp('*')) throw new Unsupported('a set display');
      const key = this.test();
      if (!this.isOp(':')) {
        if (this.isOp(',') || this.isOp('}') || this.isKw('for')) throw new Unsupported(this.isKw('for') ? 'a set comprehension' : 'a set display');
        this.fail();
      }
      this.i++;
      const value = this.test();
      if (entries.length === 0 && (this.isKw('for') || this.isKw('async'))) throw new Unsupported('a dict comprehension');
      entries.push({ key, value });
      if (!this.eatOp(',')) break;
    }
    this.close('}');
    return { k: 'dict', entries };
  }

  /** One or more adjacent string literals, concatenated (f-strings split into parts). */
  private strings(): Expr {
    const parts: Array<string | FPart> = [];
    let anyF = false;
    let anyBytes = false;
    let anyStr = false;
    while (this.tok.t === 'str') {
      const s = this.tok;
      this.i++;
      if (s.bytes) anyBytes = true;
      else anyStr = true;
      if (s.f) {
        anyF = true;
        parts.push(...splitFString(s.v, s.raw, this.nesting + this.nest));
      } else parts.push(s.v);
    }
    if (anyBytes && anyStr) throw new SyntaxErr('cannot mix bytes and nonbytes literals', false);
    if (anyBytes) throw new Unsupported('a bytes literal');
    if (!anyF) return { k: 'const', v: parts.join('') };
    const merged: Array<string | FPart> = [];
    for (const p of parts) {
      const last = merged[merged.length - 1];
      if (typeof p === 'string' && typeof last === 'string') merged[merged.length - 1] = last + p;
      else if (p !== '') merged.push(p);
    }
    return { k: 'fstr', parts: merged };
  }
}

function isSliceSpec(p: Expr | { lo?: Expr; hi?: Expr; step?: Expr }): boolean {
  return !('k' in p);
}

/** Turn the left side of `=` into a target, with CPython 3.8's message when it cannot be one. */
function toTarget(e: Expr): Target {
  switch (e.k) {
    case 'name':
      return { k: 'name', id: e.id };
    case 'tuple':
    case 'list':
      if (e.items.length === 0 && e.k === 'tuple') throw new SyntaxErr('cannot assign to ()', false);
      return { k: 'unpack', items: e.items.map(toTarget) };
    case 'attr':
    case 'index':
    case 'slice':
      throw new Unsupported('assigning to an attribute or item');
    case 'const':
      if (e.v === null || typeof e.v === 'boolean') throw new SyntaxErr(`cannot assign to ${e.v === null ? 'None' : e.v ? 'True' : 'False'}`, false);
      throw new SyntaxErr('cannot assign to literal', false);
    case 'fstr':
      throw new SyntaxErr('cannot assign to f-string expression', false);
    case 'call':
      throw new SyntaxErr('cannot assign to function call', false);
    case 'dict':
      throw new SyntaxErr('cannot assign to dict display', false);
    case 'cmp':
      throw new SyntaxErr('cannot assign to comparison', false);
    case 'unary':
    case 'bin':
    case 'bool':
      throw new SyntaxErr('cannot assign to operator', false);
  }
}

/** Split an f-string body into literal text and `{expr}` parts (3.8 rules and messages). */
function splitFString(body: string, raw: boolean, nesting: number): Array<string | FPart> {
  const parts: Array<string | FPart> = [];
  let lit = '';
  const flush = () => {
    if (lit) parts.push(raw ? lit : decodeEscapes(lit));
    lit = '';
  };
  let i = 0;
  while (i < body.length) {
    const ch = body[i]!;
    if (ch === '{' && body[i + 1] === '{') {
      lit += '{';
      i += 2;
      continue;
    }
    if (ch === '}') {
      if (body[i + 1] === '}') {
        lit += '}';
        i += 2;
        continue;
      }
      throw new SyntaxErr("f-string: single '}' is not allowed", false);
    }
    if (ch !== '{') {
      lit += ch;
      i++;
      continue;
    }
    flush();
    // Find the end of the expression: a ! : = or } at bracket depth 0, outside quotes.
    let j = i + 1;
    let depth = 0;
    let quote = '';
    for (; j < body.length; j++) {
      const c = body[j]!;
      if (quote) {
        if (c === quote) quote = '';
        continue;
      }
      if (c === '\\') throw new SyntaxErr('f-string expression part cannot include a backslash', false);
      if (c === "'" || c === '"') quote = c;
      else if ('([{'.includes(c)) depth++;
      else if (')]}'.includes(c) && depth > 0) depth--;
      else if (depth === 0 && (c === '}' || c === ':' || (c === '!' && body[j + 1] !== '='))) break;
      else if (c === '#') throw new SyntaxErr("f-string expression part cannot include '#'", false);
    }
    if (j >= body.length) throw new SyntaxErr("f-string: expecting '}'", false);
    let text = body.slice(i + 1, j);
    let conv: 's' | 'r' = 's';
    let label: string | undefined;
    const selfDoc = /^(.*[^=!<>])=(\s*)$/s.exec(text);
    if (selfDoc) {
      label = text;
      text = selfDoc[1]!;
      conv = 'r';
    }
    if (text.trim() === '') throw new SyntaxErr('f-string: empty expression not allowed', false);
    if (body[j] === '!') {
      const c = body[j + 1];
      if (c !== 'r' && c !== 's') {
        if (c === 'a') throw new Unsupported('the !a conversion in an f-string');
        throw new SyntaxErr("f-string: invalid conversion character: expected 's', 'r', or 'a'", false);
      }
      conv = c;
      j += 2;
    }
    if (body[j] === ':') throw new Unsupported('an f-string format spec ({x:...})');
    if (body[j] !== '}') throw new SyntaxErr("f-string: expecting '}'", false);
    const inner = parseInner(`(${text})`, nesting + 1);
    parts.push({ expr: inner, conv, label });
    i = j + 1;
  }
  flush();
  return parts;
}

function parseInner(src: string, nesting: number): Expr {
  if (nesting > MAX_NESTING) throw new Limit(`more than ${MAX_NESTING} levels of nesting`);
  let toks: Tok[];
  try {
    toks = tokenize(src);
    return new Parser(toks, 'eval', nesting).parseEvalInput();
  } catch (e) {
    if (e instanceof SyntaxErr) {
      throw new SyntaxErr(e.msg.startsWith('f-string') ? e.msg : `f-string: ${e.atEnd ? 'unexpected EOF while parsing' : e.msg}`, false);
    }
    throw e;
  }
}

// ---- entry points ------------------------------------------------------------------------------

function run<T>(src: string, mode: Mode, go: (p: Parser) => T): ParseResult<T> {
  if (src.length > MAX_SOURCE) return { ok: false, limit: `lines longer than ${MAX_SOURCE} characters` };
  if (mode === 'eval' && src.trim() === '') return { ok: false, syntax: 'unexpected EOF while parsing (<string>, line 0)' };
  let parser: Parser | undefined;
  try {
    parser = new Parser(tokenize(src), mode, 0);
    return { ok: true, value: go(parser) };
  } catch (e) {
    if (e instanceof SyntaxErr) {
      let msg = e.msg;
      if (e.atEnd && parser?.eofIsError()) msg = 'unexpected EOF while parsing';
      if (msg === 'invalid syntax') msg = legacyPrintMessage(src) ?? msg;
      return { ok: false, syntax: `${msg} (<string>, line 1)` };
    }
    if (e instanceof Unsupported) return { ok: false, unsupported: e.what };
    if (e instanceof Limit) return { ok: false, limit: e.what };
    throw e;
  }
}

/**
 * Python 2's `print x`: CPython 3.8 replaces "invalid syntax" with a hint, but only when the
 * line has no '(' at all (exceptions.c _report_missing_parentheses).
 */
function legacyPrintMessage(src: string): string | undefined {
  if (src.includes('(')) return undefined;
  const text = src.replace(/^\s+/, '');
  for (const word of ['print', 'exec']) {
    if (!text.startsWith(word + ' ')) continue;
    if (word === 'exec') return "Missing parentheses in call to 'exec'";
    let rest = text.slice(6);
    const semi = rest.indexOf(';');
    if (semi >= 0) rest = rest.slice(0, semi);
    rest = rest.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
    const end = rest.endsWith(',') ? ' end=" "' : '';
    return `Missing parentheses in call to 'print'. Did you mean print(${rest}${end})?`;
  }
  return undefined;
}

/** What `eval(src)` would parse. */
export function parseEval(src: string): ParseResult<Expr> {
  return run(src, 'eval', (p) => p.parseEvalInput());
}

/** What `exec(src)` would parse: simple statements separated by `;`. */
export function parseExec(src: string): ParseResult<Stmt[]> {
  return run(src, 'exec', (p) => p.parseExecInput());
}
