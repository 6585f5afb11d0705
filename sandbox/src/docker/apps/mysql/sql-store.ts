/**
 * The server side of the tiny MySQL: databases of tables held in memory, and the execution of
 * parsed statements against them for one client session. Results and errors carry what the
 * server would send (error numbers, SQLSTATEs and messages as MySQL 8.4 words them; affected
 * rows and the info string the client prints after "Query OK"). How they look at `mysql>` is
 * result-format.ts's business.
 *
 * Fit for the lessons, not a database: no indexes, no joins, no types beyond what DESCRIBE
 * shows, no transactions; AUTO_INCREMENT counts from 1; timestamps are the lab clock's text.
 */
import type { ColumnDef, Expr, Statement, SqlValue, TableName } from './sql-parse';
import { parseStatement } from './sql-parse';
import { civilFromUnix, pad2 } from '../../../sim/calendar';

export interface Table {
  readonly name: string;
  readonly columns: ColumnDef[];
  readonly rows: SqlValue[][];
  nextId: number;
}

export interface Database {
  readonly name: string;
  readonly tables: Map<string, Table>;
}

export interface ResultColumn {
  readonly name: string;
  /** Numbers are right-aligned by the client. */
  readonly numeric: boolean;
}

export type SqlResult =
  | { readonly kind: 'rows'; readonly columns: readonly ResultColumn[]; readonly rows: readonly (readonly SqlValue[])[] }
  | { readonly kind: 'ok'; readonly affected: number; readonly info?: string; readonly insertId?: number }
  | { readonly kind: 'use'; readonly db: string }
  | SqlError;

export interface SqlError {
  readonly kind: 'error';
  readonly code: number;
  readonly state: string;
  readonly message: string;
}

/** Who runs the statement, and where: the session's state the server keeps. */
export interface SqlSession {
  db: string | undefined;
  readonly user: string;
  /** The client's address as the server sees it ('localhost' over the socket). */
  readonly clientHost: string;
  /** Databases this user may use; every one when absent (root). */
  readonly allowed?: (db: string) => boolean;
}

/** ERROR 1044: a user without privileges on a database. */
export function dbAccessDenied(session: SqlSession, db: string): SqlError {
  return sqlError(1044, '42000', `Access denied for user '${session.user}'@'%' to database '${db}'`);
}

function mayUse(session: SqlSession, db: string): boolean {
  return !session.allowed || db === 'information_schema' || db === 'performance_schema' || session.allowed(db);
}

export const SYSTEM_DATABASES = ['information_schema', 'mysql', 'performance_schema', 'sys'];

export function sqlError(code: number, state: string, message: string): SqlError {
  return { kind: 'error', code, state, message };
}

export function syntaxError(near: string, line: number): SqlError {
  return sqlError(
    1064, '42000',
    `You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near '${near}' at line ${line}`,
  );
}

const NUMERIC_TYPE = /^(tinyint|smallint|int|bigint|float|double|decimal)/;

/** "2026-01-12 09:00:05" from Unix seconds (UTC, as the official image's server runs). */
export function sqlTimestamp(unixSeconds: number): string {
  const t = civilFromUnix(unixSeconds);
  return `${t.year}-${pad2(t.month)}-${pad2(t.day)} ${pad2(t.hour)}:${pad2(t.minute)}:${pad2(t.second)}`;
}

export class SqlStore {
  readonly databases = new Map<string, Database>();

  constructor(
    /** The lab clock in Unix seconds (NOW(), CURRENT_TIMESTAMP defaults). */
    private readonly clock: () => number,
    readonly version: string,
  ) {}

  /** The user databases, in name order (what SHOW DATABASES adds to the system ones). */
  databaseNames(): string[] {
    return [...this.databases.keys()].sort();
  }

  createDatabase(name: string): void {
    if (!this.databases.has(name)) this.databases.set(name, { name, tables: new Map() });
  }

  /** A table's rows as column → value records (for lesson checks and tests). */
  records(db: string, table: string): Array<Record<string, SqlValue>> | undefined {
    const t = this.databases.get(db)?.tables.get(table);
    if (!t) return undefined;
    return t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c.name, r[i] ?? null])));
  }

  /** Parse and run one statement (no terminator) for a session. */
  run(session: SqlSession, sql: string): SqlResult {
    const p = parseStatement(sql);
    if (!p.ok) return syntaxError(p.near, p.line);
    return this.execute(session, p.statement);
  }

  execute(session: SqlSession, s: Statement): SqlResult {
    switch (s.kind) {
      case 'createDatabase':
        if (!mayUse(session, s.name)) return dbAccessDenied(session, s.name);
        if (this.databases.has(s.name) || SYSTEM_DATABASES.includes(s.name)) {
          return s.ifNotExists ? { kind: 'ok', affected: 1 } : sqlError(1007, 'HY000', `Can't create database '${s.name}'; database exists`);
        }
        this.createDatabase(s.name);
        return { kind: 'ok', affected: 1 };
      case 'dropDatabase': {
        if (!mayUse(session, s.name)) return dbAccessDenied(session, s.name);
        const d = this.databases.get(s.name);
        if (!d) return s.ifExists ? { kind: 'ok', affected: 0 } : sqlError(1008, 'HY000', `Can't drop database '${s.name}'; database doesn't exist`);
        this.databases.delete(s.name);
        if (session.db === s.name) session.db = undefined;
        return { kind: 'ok', affected: d.tables.size };
      }
      case 'use':
        if (!mayUse(session, s.name)) return dbAccessDenied(session, s.name);
        if (!this.databases.has(s.name) && !SYSTEM_DATABASES.includes(s.name)) return sqlError(1049, '42000', `Unknown database '${s.name}'`);
        session.db = s.name;
        return { kind: 'use', db: s.name };
      case 'showDatabases':
        return {
          kind: 'rows', columns: [{ name: 'Database', numeric: false }],
          rows: [...SYSTEM_DATABASES, ...this.databaseNames()].filter((n) => mayUse(session, n)).sort().map((n) => [n]),
        };
      case 'showTables': {
        const dbName = s.db ?? session.db;
        if (dbName === undefined) return sqlError(1046, '3D000', 'No database selected');
        const d = this.databases.get(dbName);
        if (!d && !SYSTEM_DATABASES.includes(dbName)) return sqlError(1049, '42000', `Unknown database '${dbName}'`);
        return { kind: 'rows', columns: [{ name: `Tables_in_${dbName}`, numeric: false }], rows: [...(d?.tables.keys() ?? [])].sort().map((n) => [n]) };
      }
      case 'describe': {
        const t = this.table(session, s.table);
        if ('kind' in t) return t;
        const cols = ['Field', 'Type', 'Null', 'Key', 'Default', 'Extra'].map((name) => ({ name, numeric: false }));
        return {
          kind: 'rows', columns: cols,
          rows: t.table.columns.map((c) => [
            c.name, c.type, c.notNull ? 'NO' : 'YES', c.primaryKey ? 'PRI' : '',
            c.defaultNow ? 'CURRENT_TIMESTAMP' : c.defaultValue === undefined ? null : String(c.defaultValue),
            c.autoIncrement ? 'auto_increment' : c.defaultNow ? 'DEFAULT_GENERATED' : '',
          ]),
        };
      }
      case 'createTable': {
        const dbName = s.table.db ?? session.db;
        if (dbName === undefined) return sqlError(1046, '3D000', 'No database selected');
        if (!mayUse(session, dbName)) return dbAccessDenied(session, dbName);
        const d = this.databases.get(dbName);
        if (!d) return sqlError(1049, '42000', `Unknown database '${dbName}'`);
        if (d.tables.has(s.table.name)) {
          return s.ifNotExists ? { kind: 'ok', affected: 0 } : sqlError(1050, '42S01', `Table '${s.table.name}' already exists`);
        }
        d.tables.set(s.table.name, { name: s.table.name, columns: [...s.columns], rows: [], nextId: 1 });
        return { kind: 'ok', affected: 0 };
      }
      case 'dropTable': {
        for (const tn of s.tables) {
          const dbName = tn.db ?? session.db;
          if (dbName === undefined) return sqlError(1046, '3D000', 'No database selected');
          const d = this.databases.get(dbName);
          if (!d?.tables.has(tn.name)) {
            if (s.ifExists) continue;
            return sqlError(1051, '42S02', `Unknown table '${dbName}.${tn.name}'`);
          }
          d.tables.delete(tn.name);
        }
        return { kind: 'ok', affected: 0 };
      }
      case 'insert':
        return this.insert(session, s);
      case 'select':
        return this.select(session, s);
      case 'update':
        return this.update(session, s);
      case 'delete': {
        const t = this.table(session, s.table);
        if ('kind' in t) return t;
        const keep: SqlValue[][] = [];
        let n = 0;
        for (const r of t.table.rows) {
          const m = s.where ? this.test(session, t.table, r, s.where) : true;
          if (typeof m === 'object') return m;
          if (m) n++;
          else keep.push(r);
        }
        t.table.rows.splice(0, t.table.rows.length, ...keep);
        return { kind: 'ok', affected: n };
      }
    }
  }

  private table(session: SqlSession, tn: TableName): { table: Table; db: string } | SqlError {
    const dbName = tn.db ?? session.db;
    if (dbName === undefined) return sqlError(1046, '3D000', 'No database selected');
    if (!mayUse(session, dbName)) return sqlError(1142, '42000', `SELECT command denied to user '${session.user}'@'${session.clientHost}' for table '${tn.name}'`);
    const t = this.databases.get(dbName)?.tables.get(tn.name);
    if (!t) return sqlError(1146, '42S02', `Table '${dbName}.${tn.name}' doesn't exist`);
    return { table: t, db: dbName };
  }

  private insert(session: SqlSession, s: Extract<Statement, { kind: 'insert' }>): SqlResult {
    const found = this.table(session, s.table);
    if ('kind' in found) return found;
    const t = found.table;
    const names = s.columns ?? t.columns.map((c) => c.name);
    for (const n of names) if (!t.columns.some((c) => c.name === n)) return sqlError(1054, '42S22', `Unknown column '${n}' in 'field list'`);
    const newRows: SqlValue[][] = [];
    let nextId = t.nextId;
    let firstId: number | undefined;
    for (let ri = 0; ri < s.rows.length; ri++) {
      const given = s.rows[ri]!;
      if (given.length !== names.length) return sqlError(1136, '21S01', `Column count doesn't match value count at row ${ri + 1}`);
      const row: SqlValue[] = [];
      for (const c of t.columns) {
        const at = names.indexOf(c.name);
        let v: SqlValue | undefined;
        const e = at >= 0 ? given[at]! : undefined;
        if (e && !(e.kind === 'call' && e.name === 'DEFAULT')) {
          const r = this.eval(session, undefined, undefined, e, 'field list');
          if (typeof r === 'object' && r !== null) return r;
          v = r;
        }
        if (c.autoIncrement && (v === undefined || v === null || v === 0)) {
          v = nextId;
          firstId ??= v;
        }
        if (v === undefined) {
          if (c.defaultNow) v = sqlTimestamp(this.clock());
          else if (c.defaultValue !== undefined) v = c.defaultValue;
          else if (c.notNull) return sqlError(1364, 'HY000', `Field '${c.name}' doesn't have a default value`);
          else v = null;
        }
        if (v === null && c.notNull) return sqlError(1048, '23000', `Column '${c.name}' cannot be null`);
        row.push(this.coerce(c, v));
      }
      const pk = t.columns.findIndex((c) => c.primaryKey);
      if (pk >= 0 && [...t.rows, ...newRows].some((r) => r[pk] === row[pk])) {
        return sqlError(1062, '23000', `Duplicate entry '${String(row[pk])}' for key '${t.name}.PRIMARY'`);
      }
      const ai = t.columns.findIndex((c) => c.autoIncrement);
      if (ai >= 0 && typeof row[ai] === 'number') nextId = Math.max(nextId, (row[ai] as number) + 1);
      newRows.push(row);
    }
    t.rows.push(...newRows);
    t.nextId = nextId;
    const info = newRows.length > 1 ? `Records: ${newRows.length}  Duplicates: 0  Warnings: 0` : undefined;
    return { kind: 'ok', affected: newRows.length, info, insertId: firstId };
  }

  private coerce(c: ColumnDef, v: SqlValue): SqlValue {
    if (v === null) return null;
    if (NUMERIC_TYPE.test(c.type)) {
      const n = Number(v);
      return Number.isFinite(n) ? (/int/.test(c.type) ? Math.round(n) : n) : 0;
    }
    return typeof v === 'number' ? String(v) : v;
  }

  private select(session: SqlSession, s: Extract<Statement, { kind: 'select' }>): SqlResult {
    let table: Table | undefined;
    if (s.from) {
      const found = this.table(session, s.from);
      if ('kind' in found) return found;
      table = found.table;
    }
    const columns: ResultColumn[] = [];
    const getters: Array<(row: SqlValue[] | undefined) => SqlValue | SqlError> = [];
    let aggregate = false;
    for (const item of s.items) {
      if (item.expr === '*') {
        if (!table) return sqlError(1096, 'HY000', 'No tables used');
        for (let i = 0; i < table.columns.length; i++) {
          const c = table.columns[i]!;
          columns.push({ name: c.name, numeric: NUMERIC_TYPE.test(c.type) });
          getters.push((row) => row?.[i] ?? null);
        }
        continue;
      }
      const e = item.expr;
      if (e.kind === 'call' && e.name === 'COUNT') aggregate = true;
      columns.push({ name: item.heading, numeric: this.isNumeric(table, e) });
      getters.push((row) => this.eval(session, table, row, e, 'field list'));
    }
    for (const item of s.items) {
      const bad = item.expr === '*' ? undefined : unknownColumn(table, item.expr, 'field list');
      if (bad) return bad;
    }
    const badWhere = s.where && unknownColumn(table, s.where, 'where clause');
    if (badWhere) return badWhere;
    const badOrder = s.orderBy && unknownColumn(table, s.orderBy.expr, 'order clause');
    if (badOrder) return badOrder;
    let rows: SqlValue[][] = [];
    const source = table ? table.rows : [undefined];
    const matched: Array<SqlValue[] | undefined> = [];
    for (const r of source) {
      if (s.where) {
        const m = r && table ? this.test(session, table, r, s.where) : true;
        if (typeof m === 'object') return m;
        if (!m) continue;
      }
      matched.push(r);
    }
    if (aggregate) {
      const row: SqlValue[] = [];
      for (const item of s.items) {
        const e = item.expr;
        if (e !== '*' && e.kind === 'call' && e.name === 'COUNT') row.push(matched.length);
        else {
          const v = e === '*' ? null : this.eval(session, table, matched[0], e, 'field list');
          if (typeof v === 'object' && v !== null) return v;
          row.push(v);
        }
      }
      rows = [row];
    } else {
      for (const r of matched) {
        const out: SqlValue[] = [];
        for (const g of getters) {
          const v = g(r);
          if (typeof v === 'object' && v !== null) return v;
          out.push(v);
        }
        rows.push(out);
      }
      if (s.orderBy && table) {
        const keys: SqlValue[] = [];
        for (const r of matched) {
          const k = this.eval(session, table, r, s.orderBy.expr, 'order clause');
          if (typeof k === 'object' && k !== null) return k;
          keys.push(k);
        }
        const idx = rows.map((_, i) => i);
        idx.sort((a, b) => compare(keys[a]!, keys[b]!) * (s.orderBy!.desc ? -1 : 1) || a - b);
        rows = idx.map((i) => rows[i]!);
      }
    }
    if (s.limit !== undefined) rows = rows.slice(0, s.limit);
    return { kind: 'rows', columns, rows };
  }

  private update(session: SqlSession, s: Extract<Statement, { kind: 'update' }>): SqlResult {
    const found = this.table(session, s.table);
    if ('kind' in found) return found;
    const t = found.table;
    const idx: number[] = [];
    for (const [c] of s.sets) {
      const i = t.columns.findIndex((col) => col.name === c);
      if (i < 0) return sqlError(1054, '42S22', `Unknown column '${c}' in 'field list'`);
      idx.push(i);
    }
    let matched = 0;
    let changed = 0;
    for (const r of t.rows) {
      const m = s.where ? this.test(session, t, r, s.where) : true;
      if (typeof m === 'object') return m;
      if (!m) continue;
      matched++;
      let rowChanged = false;
      for (let k = 0; k < s.sets.length; k++) {
        const v = this.eval(session, t, r, s.sets[k]![1], 'field list');
        if (typeof v === 'object' && v !== null) return v;
        const nv = this.coerce(t.columns[idx[k]!]!, v);
        if (r[idx[k]!] !== nv) {
          r[idx[k]!] = nv;
          rowChanged = true;
        }
      }
      if (rowChanged) changed++;
    }
    return { kind: 'ok', affected: changed, info: `Rows matched: ${matched}  Changed: ${changed}  Warnings: 0` };
  }

  private isNumeric(table: Table | undefined, e: Expr): boolean {
    if (e.kind === 'literal') return typeof e.value === 'number';
    if (e.kind === 'column') return NUMERIC_TYPE.test(table?.columns.find((c) => c.name === e.name)?.type ?? '');
    if (e.kind === 'call') return e.name === 'COUNT';
    return e.kind === 'binary' || e.kind === 'not' || e.kind === 'isNull';
  }

  private test(session: SqlSession, table: Table, row: SqlValue[], where: Expr): boolean | SqlError {
    const v = this.eval(session, table, row, where, 'where clause');
    if (typeof v === 'object' && v !== null) return v;
    return truthy(v);
  }

  private eval(session: SqlSession, table: Table | undefined, row: SqlValue[] | undefined, e: Expr, clause: string): SqlValue | SqlError {
    switch (e.kind) {
      case 'literal':
        return e.value;
      case 'column': {
        const i = table ? table.columns.findIndex((c) => c.name.toLowerCase() === e.name.toLowerCase()) : -1;
        if (i < 0) return sqlError(1054, '42S22', `Unknown column '${e.text.replace(/`/g, '')}' in '${clause}'`);
        return row?.[i] ?? null;
      }
      case 'call':
        switch (e.name) {
          case 'NOW':
          case 'CURRENT_TIMESTAMP':
            return sqlTimestamp(this.clock());
          case 'DATABASE':
            return session.db ?? null;
          case 'VERSION':
            return this.version;
          case 'USER':
            return `${session.user}@${session.clientHost}`;
          case 'CURRENT_USER':
            return `${session.user}@%`;
          default:
            return sqlError(1305, '42000', `FUNCTION ${session.db ?? 'mysql'}.${e.name.toLowerCase()} does not exist`);
        }
      case 'not': {
        const v = this.eval(session, table, row, e.arg, clause);
        if (typeof v === 'object' && v !== null) return v;
        return v === null ? null : truthy(v) ? 0 : 1;
      }
      case 'isNull': {
        const v = this.eval(session, table, row, e.arg, clause);
        if (typeof v === 'object' && v !== null) return v;
        return (v === null) !== e.negated ? 1 : 0;
      }
      case 'binary': {
        const a = this.eval(session, table, row, e.left, clause);
        if (typeof a === 'object' && a !== null) return a;
        const b = this.eval(session, table, row, e.right, clause);
        if (typeof b === 'object' && b !== null) return b;
        if (e.op === 'AND') return a === null || b === null ? (a === 0 || b === 0 ? 0 : null) : truthy(a) && truthy(b) ? 1 : 0;
        if (e.op === 'OR') return (a !== null && truthy(a)) || (b !== null && truthy(b)) ? 1 : a === null || b === null ? null : 0;
        if (a === null || b === null) return null;
        if (e.op === 'LIKE') return likeRegex(String(b)).test(String(a)) ? 1 : 0;
        const c = compare(a, b);
        const ops: Record<string, boolean> = { '=': c === 0, '<>': c !== 0, '<': c < 0, '>': c > 0, '<=': c <= 0, '>=': c >= 0 };
        return ops[e.op] ? 1 : 0;
      }
    }
  }
}

/** ERROR 1054 for the first column reference the table does not have (checked even when no row matches). */
function unknownColumn(table: Table | undefined, e: Expr, clause: string): SqlError | undefined {
  switch (e.kind) {
    case 'column':
      return table?.columns.some((c) => c.name.toLowerCase() === e.name.toLowerCase())
        ? undefined
        : sqlError(1054, '42S22', `Unknown column '${e.text.replace(/`/g, '')}' in '${clause}'`);
    case 'binary':
      return unknownColumn(table, e.left, clause) ?? unknownColumn(table, e.right, clause);
    case 'not':
    case 'isNull':
      return unknownColumn(table, e.arg, clause);
    case 'call':
      for (const a of e.args) {
        const r = unknownColumn(table, a, clause);
        if (r) return r;
      }
      return undefined;
    default:
      return undefined;
  }
}

function truthy(v: SqlValue): boolean {
  if (v === null) return false;
  if (typeof v === 'number') return v !== 0;
  const n = parseFloat(v);
  return Number.isFinite(n) && n !== 0;
}

/** MySQL compares a number with a string as numbers; strings case-insensitively (utf8mb4_0900_ai_ci). */
function compare(a: SqlValue, b: SqlValue): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  if (typeof a === 'number' || typeof b === 'number') {
    const x = typeof a === 'number' ? a : parseFloat(a) || 0;
    const y = typeof b === 'number' ? b : parseFloat(b) || 0;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = a.toLowerCase().replace(/ +$/, '');
  const y = b.toLowerCase().replace(/ +$/, '');
  return x < y ? -1 : x > y ? 1 : 0;
}

function likeRegex(pattern: string): RegExp {
  let re = '';
  for (const ch of pattern) re += ch === '%' ? '.*' : ch === '_' ? '.' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${re}$`, 'is');
}
