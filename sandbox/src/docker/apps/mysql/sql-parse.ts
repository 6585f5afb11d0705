/**
 * The SQL a lesson types at `mysql>`, parsed into statements: a small subset of MySQL 8.4's
 * grammar (CREATE/DROP DATABASE and TABLE, INSERT, SELECT with a simple WHERE/ORDER BY/LIMIT,
 * UPDATE, DELETE, SHOW DATABASES/TABLES/COLUMNS, USE, DESCRIBE). Anything outside it is a syntax
 * error worded as the server words it: ERROR 1064 with the text "near" the first token it could
 * not use and its line number.
 */

export type SqlValue = string | number | null;

export type Expr =
  | { readonly kind: 'literal'; readonly value: SqlValue }
  | { readonly kind: 'column'; readonly name: string; readonly text: string }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Expr[]; readonly star: boolean; readonly text: string }
  | { readonly kind: 'binary'; readonly op: string; readonly left: Expr; readonly right: Expr; readonly text: string }
  | { readonly kind: 'not'; readonly arg: Expr; readonly text: string }
  | { readonly kind: 'isNull'; readonly arg: Expr; readonly negated: boolean; readonly text: string };

export interface ColumnDef {
  readonly name: string;
  /** The type as DESCRIBE shows it: 'int unsigned', 'varchar(255)', 'timestamp'. */
  readonly type: string;
  readonly notNull: boolean;
  readonly autoIncrement: boolean;
  readonly primaryKey: boolean;
  /** DEFAULT: a literal, or the text 'CURRENT_TIMESTAMP'. */
  readonly defaultValue?: SqlValue;
  readonly defaultNow: boolean;
}

export interface TableName {
  readonly db?: string;
  readonly name: string;
}

export interface SelectItem {
  readonly expr: Expr | '*';
  /** The column heading: the alias, or the expression as typed. */
  readonly heading: string;
}

export type Statement =
  | { readonly kind: 'createDatabase'; readonly name: string; readonly ifNotExists: boolean }
  | { readonly kind: 'dropDatabase'; readonly name: string; readonly ifExists: boolean }
  | { readonly kind: 'createTable'; readonly table: TableName; readonly ifNotExists: boolean; readonly columns: readonly ColumnDef[] }
  | { readonly kind: 'dropTable'; readonly tables: readonly TableName[]; readonly ifExists: boolean }
  | { readonly kind: 'insert'; readonly table: TableName; readonly columns?: readonly string[]; readonly rows: readonly (readonly Expr[])[] }
  | {
      readonly kind: 'select'; readonly items: readonly SelectItem[]; readonly from?: TableName; readonly where?: Expr;
      readonly orderBy?: { readonly expr: Expr; readonly desc: boolean }; readonly limit?: number;
    }
  | { readonly kind: 'update'; readonly table: TableName; readonly sets: readonly (readonly [string, Expr])[]; readonly where?: Expr }
  | { readonly kind: 'delete'; readonly table: TableName; readonly where?: Expr }
  | { readonly kind: 'showDatabases' }
  | { readonly kind: 'showTables'; readonly db?: string }
  | { readonly kind: 'describe'; readonly table: TableName }
  | { readonly kind: 'use'; readonly name: string };

export type ParseResult = { readonly ok: true; readonly statement: Statement } | { readonly ok: false; readonly near: string; readonly line: number };

type TokKind = 'word' | 'quotedId' | 'string' | 'number' | 'punct' | 'end';
interface Tok {
  readonly kind: TokKind;
  readonly text: string;
  /** Identifier or string value (unquoted, escapes applied). */
  readonly value: string;
  readonly pos: number;
}

function tokenize(sql: string): Tok[] | number {
  const toks: Tok[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === '-' && sql[i + 1] === '-' && (i + 2 >= sql.length || /\s/.test(sql[i + 2]!))) {
      while (i < sql.length && sql[i] !== '\n') i++;
      continue;
    }
    if (c === '#') {
      while (i < sql.length && sql[i] !== '\n') i++;
      continue;
    }
    if (/[A-Za-z_$]/.test(c) || (/[0-9]/.test(c) && /^[0-9]*[A-Za-z_$]/.test(sql.slice(i)))) {
      while (i < sql.length && /[A-Za-z0-9_$]/.test(sql[i]!)) i++;
      toks.push({ kind: 'word', text: sql.slice(start, i), value: sql.slice(start, i), pos: start });
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      while (i < sql.length && /[0-9.]/.test(sql[i]!)) i++;
      toks.push({ kind: 'number', text: sql.slice(start, i), value: sql.slice(start, i), pos: start });
      continue;
    }
    if (c === '`' || c === "'" || c === '"') {
      let v = '';
      i++;
      for (;;) {
        if (i >= sql.length) return start; // unterminated: the error is "near" the quote
        const d = sql[i]!;
        if (d === c) {
          if (sql[i + 1] === c) {
            v += c;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (d === '\\' && c !== '`' && i + 1 < sql.length) {
          const e = sql[i + 1]!;
          v += e === 'n' ? '\n' : e === 't' ? '\t' : e === '0' ? '\0' : e;
          i += 2;
          continue;
        }
        v += d;
        i++;
      }
      toks.push({ kind: c === '`' ? 'quotedId' : 'string', text: sql.slice(start, i), value: v, pos: start });
      continue;
    }
    const two = sql.slice(i, i + 2);
    if (['<=', '>=', '<>', '!='].includes(two)) {
      toks.push({ kind: 'punct', text: two, value: two, pos: start });
      i += 2;
      continue;
    }
    toks.push({ kind: 'punct', text: c, value: c, pos: start });
    i++;
  }
  toks.push({ kind: 'end', text: '', value: '', pos: sql.length });
  return toks;
}

/** Words that cannot be used as bare identifiers here (MySQL reserves many more). */
const RESERVED = new Set([
  'SELECT', 'FROM', 'WHERE', 'INSERT', 'INTO', 'VALUES', 'UPDATE', 'SET', 'DELETE', 'CREATE', 'DROP', 'TABLE',
  'DATABASE', 'SCHEMA', 'SHOW', 'USE', 'AND', 'OR', 'NOT', 'NULL', 'IS', 'ORDER', 'BY', 'LIMIT', 'DESC', 'ASC',
  'DESCRIBE', 'PRIMARY', 'KEY', 'DEFAULT', 'IF', 'EXISTS', 'AS', 'LIKE', 'IN', 'GROUP', 'HAVING', 'JOIN', 'ON',
]);

class SyntaxError_ {
  constructor(readonly tok: Tok) {}
}

class Parser {
  private i = 0;
  constructor(
    private readonly sql: string,
    private readonly toks: Tok[],
  ) {}

  peek(n = 0): Tok {
    return this.toks[Math.min(this.i + n, this.toks.length - 1)]!;
  }

  next(): Tok {
    const t = this.peek();
    if (t.kind !== 'end') this.i++;
    return t;
  }

  fail(t: Tok = this.peek()): never {
    throw new SyntaxError_(t);
  }

  isWord(w: string, n = 0): boolean {
    const t = this.peek(n);
    return t.kind === 'word' && t.text.toUpperCase() === w;
  }

  acceptWord(w: string): boolean {
    if (!this.isWord(w)) return false;
    this.i++;
    return true;
  }

  expectWord(w: string): void {
    if (!this.acceptWord(w)) this.fail();
  }

  acceptPunct(p: string): boolean {
    const t = this.peek();
    if (t.kind !== 'punct' || t.text !== p) return false;
    this.i++;
    return true;
  }

  expectPunct(p: string): void {
    if (!this.acceptPunct(p)) this.fail();
  }

  ident(): string {
    const t = this.peek();
    if (t.kind === 'quotedId' || (t.kind === 'word' && !RESERVED.has(t.text.toUpperCase()))) {
      this.i++;
      return t.value;
    }
    return this.fail();
  }

  tableName(): TableName {
    const a = this.ident();
    if (this.acceptPunct('.')) return { db: a, name: this.ident() };
    return { name: a };
  }

  end(): void {
    if (this.peek().kind !== 'end') this.fail();
  }

  textFrom(pos: number): string {
    return this.sql.slice(pos, this.peek().pos).trim();
  }

  statement(): Statement {
    const t = this.peek();
    const w = t.kind === 'word' ? t.text.toUpperCase() : '';
    let s: Statement;
    switch (w) {
      case 'CREATE':
        s = this.create();
        break;
      case 'DROP':
        s = this.drop();
        break;
      case 'INSERT':
        s = this.insert();
        break;
      case 'SELECT':
        s = this.select();
        break;
      case 'UPDATE':
        s = this.update();
        break;
      case 'DELETE':
        s = this.del();
        break;
      case 'SHOW':
        s = this.show();
        break;
      case 'USE':
        this.next();
        s = { kind: 'use', name: this.ident() };
        break;
      case 'DESCRIBE':
      case 'DESC':
      case 'EXPLAIN':
        this.next();
        s = { kind: 'describe', table: this.tableName() };
        break;
      default:
        return this.fail();
    }
    this.end();
    return s;
  }

  private create(): Statement {
    this.next();
    if (this.acceptWord('DATABASE') || this.acceptWord('SCHEMA')) {
      const ifNotExists = this.ifNotExists();
      return { kind: 'createDatabase', name: this.ident(), ifNotExists };
    }
    this.expectWord('TABLE');
    const ifNotExists = this.ifNotExists();
    const table = this.tableName();
    this.expectPunct('(');
    const columns: ColumnDef[] = [];
    const pk: string[] = [];
    do {
      if (this.acceptWord('PRIMARY')) {
        this.expectWord('KEY');
        this.expectPunct('(');
        do pk.push(this.ident());
        while (this.acceptPunct(','));
        this.expectPunct(')');
        continue;
      }
      columns.push(this.columnDef());
    } while (this.acceptPunct(','));
    this.expectPunct(')');
    while (this.peek().kind !== 'end') this.tableOption();
    const cols = columns.map((c) => (pk.includes(c.name) ? { ...c, primaryKey: true, notNull: true } : c));
    return { kind: 'createTable', table, ifNotExists, columns: cols };
  }

  /** ENGINE=InnoDB, DEFAULT CHARSET=utf8mb4 and the like: accepted and ignored. */
  private tableOption(): void {
    this.acceptWord('DEFAULT');
    const t = this.next();
    if (t.kind !== 'word') this.fail(t);
    this.acceptPunct('=');
    const v = this.next();
    if (v.kind === 'end' || v.kind === 'punct') this.fail(v);
  }

  private ifNotExists(): boolean {
    if (!this.acceptWord('IF')) return false;
    this.expectWord('NOT');
    this.expectWord('EXISTS');
    return true;
  }

  private columnDef(): ColumnDef {
    const name = this.ident();
    const typeTok = this.next();
    if (typeTok.kind !== 'word') this.fail(typeTok);
    let type = typeTok.text.toLowerCase();
    const aliases: Record<string, string> = { integer: 'int', bool: 'tinyint(1)', boolean: 'tinyint(1)' };
    type = aliases[type] ?? type;
    const known = ['int', 'tinyint', 'smallint', 'bigint', 'varchar', 'char', 'text', 'timestamp', 'datetime', 'date', 'float', 'double', 'decimal', 'tinyint(1)'];
    if (!known.includes(type)) this.fail(typeTok);
    if (this.acceptPunct('(')) {
      const n = this.next();
      if (n.kind !== 'number') this.fail(n);
      let args = n.text;
      if (this.acceptPunct(',')) {
        const m = this.next();
        if (m.kind !== 'number') this.fail(m);
        args += `,${m.text}`;
      }
      this.expectPunct(')');
      // MySQL 8 drops display widths of integer types.
      if (!/int$/.test(type)) type += `(${args})`;
    } else if (type === 'varchar' || type === 'char') {
      if (type === 'varchar') this.fail();
      type = 'char(1)';
    } else if (type === 'decimal') {
      type = 'decimal(10,0)';
    }
    if (this.acceptWord('UNSIGNED')) type += ' unsigned';
    let notNull = false;
    let autoIncrement = false;
    let primaryKey = false;
    let defaultValue: SqlValue | undefined;
    let defaultNow = false;
    for (;;) {
      if (this.acceptWord('NOT')) {
        this.expectWord('NULL');
        notNull = true;
      } else if (this.acceptWord('NULL')) {
        notNull = false;
      } else if (this.acceptWord('AUTO_INCREMENT')) {
        autoIncrement = true;
      } else if (this.acceptWord('PRIMARY')) {
        this.expectWord('KEY');
        primaryKey = true;
        notNull = true;
      } else if (this.acceptWord('UNIQUE')) {
        this.acceptWord('KEY');
      } else if (this.acceptWord('DEFAULT')) {
        if (this.isWord('CURRENT_TIMESTAMP') || this.isWord('NOW')) {
          this.next();
          if (this.acceptPunct('(')) this.expectPunct(')');
          defaultNow = true;
        } else {
          const e = this.primary();
          if (e.kind !== 'literal') this.fail();
          defaultValue = e.value;
        }
      } else if (this.acceptWord('ON')) {
        this.expectWord('UPDATE');
        if (!this.acceptWord('CURRENT_TIMESTAMP')) this.fail();
      } else {
        break;
      }
    }
    return { name, type, notNull, autoIncrement, primaryKey, defaultValue, defaultNow };
  }

  private drop(): Statement {
    this.next();
    const ifExists = (): boolean => {
      if (!this.acceptWord('IF')) return false;
      this.expectWord('EXISTS');
      return true;
    };
    if (this.acceptWord('DATABASE') || this.acceptWord('SCHEMA')) {
      const e = ifExists();
      return { kind: 'dropDatabase', name: this.ident(), ifExists: e };
    }
    this.expectWord('TABLE');
    const e = ifExists();
    const tables: TableName[] = [];
    do tables.push(this.tableName());
    while (this.acceptPunct(','));
    return { kind: 'dropTable', tables, ifExists: e };
  }

  private insert(): Statement {
    this.next();
    this.acceptWord('INTO');
    const table = this.tableName();
    let columns: string[] | undefined;
    if (this.acceptPunct('(')) {
      columns = [];
      if (!this.acceptPunct(')')) {
        do columns.push(this.ident());
        while (this.acceptPunct(','));
        this.expectPunct(')');
      }
    }
    if (!this.acceptWord('VALUES')) this.expectWord('VALUE');
    const rows: Expr[][] = [];
    do {
      this.expectPunct('(');
      const row: Expr[] = [];
      if (!this.acceptPunct(')')) {
        do row.push(this.isWord('DEFAULT') ? (this.next(), { kind: 'call', name: 'DEFAULT', args: [], star: false, text: 'DEFAULT' }) : this.expr());
        while (this.acceptPunct(','));
        this.expectPunct(')');
      }
      rows.push(row);
    } while (this.acceptPunct(','));
    return { kind: 'insert', table, columns, rows };
  }

  private select(): Statement {
    this.next();
    const items: SelectItem[] = [];
    do {
      if (this.acceptPunct('*')) {
        items.push({ expr: '*', heading: '*' });
        continue;
      }
      const start = this.peek().pos;
      const expr = this.expr();
      let heading = this.textFrom(start);
      if (this.acceptWord('AS')) heading = this.aliasName();
      else if (this.peek().kind === 'quotedId' || this.peek().kind === 'string' || (this.peek().kind === 'word' && !RESERVED.has(this.peek().text.toUpperCase()))) heading = this.aliasName();
      items.push({ expr, heading });
    } while (this.acceptPunct(','));
    let from: TableName | undefined;
    let where: Expr | undefined;
    let orderBy: { expr: Expr; desc: boolean } | undefined;
    let limit: number | undefined;
    if (this.acceptWord('FROM')) from = this.tableName();
    if (this.acceptWord('WHERE')) where = this.expr();
    if (this.acceptWord('ORDER')) {
      this.expectWord('BY');
      const expr = this.expr();
      const desc = this.acceptWord('DESC');
      if (!desc) this.acceptWord('ASC');
      orderBy = { expr, desc };
    }
    if (this.acceptWord('LIMIT')) {
      const n = this.next();
      if (n.kind !== 'number' || !/^\d+$/.test(n.text)) this.fail(n);
      limit = Number(n.text);
    }
    return { kind: 'select', items, from, where, orderBy, limit };
  }

  private aliasName(): string {
    const t = this.next();
    if (t.kind === 'quotedId' || t.kind === 'string' || t.kind === 'word') return t.value;
    return this.fail(t);
  }

  private update(): Statement {
    this.next();
    const table = this.tableName();
    this.expectWord('SET');
    const sets: Array<readonly [string, Expr]> = [];
    do {
      const c = this.ident();
      this.expectPunct('=');
      sets.push([c, this.expr()]);
    } while (this.acceptPunct(','));
    const where = this.acceptWord('WHERE') ? this.expr() : undefined;
    return { kind: 'update', table, sets, where };
  }

  private del(): Statement {
    this.next();
    this.expectWord('FROM');
    const table = this.tableName();
    const where = this.acceptWord('WHERE') ? this.expr() : undefined;
    return { kind: 'delete', table, where };
  }

  private show(): Statement {
    this.next();
    if (this.acceptWord('DATABASES') || this.acceptWord('SCHEMAS')) return { kind: 'showDatabases' };
    this.acceptWord('FULL');
    if (this.acceptWord('TABLES')) {
      if (this.acceptWord('FROM') || this.acceptWord('IN')) return { kind: 'showTables', db: this.ident() };
      return { kind: 'showTables' };
    }
    if (this.acceptWord('COLUMNS') || this.acceptWord('FIELDS')) {
      if (!this.acceptWord('FROM')) this.expectWord('IN');
      return { kind: 'describe', table: this.tableName() };
    }
    return this.fail();
  }

  // Expressions: OR < AND < NOT < comparison < primary.
  expr(): Expr {
    const start = this.peek().pos;
    let left = this.andExpr();
    while (this.acceptWord('OR') || this.acceptPunct('||')) {
      const right = this.andExpr();
      left = { kind: 'binary', op: 'OR', left, right, text: this.textFrom(start) };
    }
    return left;
  }

  private andExpr(): Expr {
    const start = this.peek().pos;
    let left = this.notExpr();
    while (this.acceptWord('AND')) {
      const right = this.notExpr();
      left = { kind: 'binary', op: 'AND', left, right, text: this.textFrom(start) };
    }
    return left;
  }

  private notExpr(): Expr {
    const start = this.peek().pos;
    if (this.acceptWord('NOT')) {
      const arg = this.notExpr();
      return { kind: 'not', arg, text: this.textFrom(start) };
    }
    return this.comparison();
  }

  private comparison(): Expr {
    const start = this.peek().pos;
    const left = this.primary();
    const t = this.peek();
    if (t.kind === 'punct' && ['=', '<>', '!=', '<', '>', '<=', '>='].includes(t.text)) {
      this.next();
      const right = this.primary();
      return { kind: 'binary', op: t.text === '!=' ? '<>' : t.text, left, right, text: this.textFrom(start) };
    }
    if (this.acceptWord('LIKE')) {
      const right = this.primary();
      return { kind: 'binary', op: 'LIKE', left, right, text: this.textFrom(start) };
    }
    if (this.acceptWord('IS')) {
      const negated = this.acceptWord('NOT');
      this.expectWord('NULL');
      return { kind: 'isNull', arg: left, negated, text: this.textFrom(start) };
    }
    return left;
  }

  primary(): Expr {
    const t = this.peek();
    if (t.kind === 'punct' && t.text === '(') {
      this.next();
      const e = this.expr();
      this.expectPunct(')');
      return e;
    }
    if (t.kind === 'punct' && t.text === '-' && this.peek(1).kind === 'number') {
      this.next();
      const n = this.next();
      return { kind: 'literal', value: -Number(n.text) };
    }
    if (t.kind === 'number') {
      this.next();
      return { kind: 'literal', value: Number(t.text) };
    }
    if (t.kind === 'string') {
      this.next();
      return { kind: 'literal', value: t.value };
    }
    if (t.kind === 'word' && t.text.toUpperCase() === 'NULL') {
      this.next();
      return { kind: 'literal', value: null };
    }
    if (t.kind === 'word' && ['TRUE', 'FALSE'].includes(t.text.toUpperCase())) {
      this.next();
      return { kind: 'literal', value: t.text.toUpperCase() === 'TRUE' ? 1 : 0 };
    }
    if (t.kind === 'word' && ['CURRENT_TIMESTAMP', 'CURRENT_USER'].includes(t.text.toUpperCase()) && this.peek(1).text !== '(') {
      this.next();
      return { kind: 'call', name: t.text.toUpperCase(), args: [], star: false, text: t.text };
    }
    if (t.kind === 'word' && this.peek(1).kind === 'punct' && this.peek(1).text === '(') {
      this.next();
      this.next();
      const args: Expr[] = [];
      let star = false;
      if (this.acceptPunct('*')) star = true;
      else if (!(this.peek().kind === 'punct' && this.peek().text === ')')) {
        do args.push(this.expr());
        while (this.acceptPunct(','));
      }
      this.expectPunct(')');
      return { kind: 'call', name: t.text.toUpperCase(), args, star, text: this.textFrom(t.pos) };
    }
    if (t.kind === 'quotedId' || t.kind === 'word') {
      const start = t.pos;
      let name = this.ident();
      if (this.acceptPunct('.')) name = this.ident(); // table.column
      return { kind: 'column', name, text: this.textFrom(start) };
    }
    return this.fail();
  }
}

/** Parse one statement (without its terminator). */
export function parseStatement(sql: string): ParseResult {
  const toks = tokenize(sql);
  const nearAt = (pos: number): ParseResult => {
    const line = sql.slice(0, pos).split('\n').length;
    return { ok: false, near: sql.slice(pos).replace(/\s+$/, '').slice(0, 80), line };
  };
  if (typeof toks === 'number') return nearAt(toks);
  try {
    return { ok: true, statement: new Parser(sql, toks).statement() };
  } catch (e) {
    if (e instanceof SyntaxError_) return nearAt(e.tok.pos);
    throw e;
  }
}
