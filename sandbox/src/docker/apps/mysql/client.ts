/**
 * The `mysql` command-line client (MySQL 8.4, client/mysql.cc) as the mysql image has it:
 *
 *   mysql [-u USER] [-p[PASS]] [-h HOST] [-P PORT] [-D DB | DB] [-e SQL] [-A] [-B] [-V]
 *
 * Interactive on a terminal: the hidden "Enter password: " prompt, the welcome banner,
 * `mysql> ` and `    -> ` prompts, statements ended by `;`, `\g` or `\G`, client commands
 * (use, exit/quit/\q, \c, help), boxed results with "N rows in set (0.00 sec)" and a blank line.
 * Batch (-e, or statements on stdin): boxed tables without summaries when stdout is a terminal,
 * tab-separated otherwise; the first error ("ERROR 1146 (42S02) at line 1: ...") ends it, status 1.
 * Connection failures: ERROR 2002 (socket, when no host or localhost), 2003 (TCP, with errno),
 * 2005 (unknown host); access denied is the server's ERROR 1045.
 *
 * It talks to the server over the emulated TCP with the sandbox protocol (wire.ts).
 */
import type { ExecContext } from '../../../shell/context';
import type { CommandSpec } from '../../../shell/registry';
import type { Proc, Wait, Wake } from '../../../shell/process';
import { Signal, readLine, waitFor } from '../../../shell/process';
import type { TcpError } from '../../../net/tcp';
import type { Ipv4 } from '../../../wire/addr';
import { resolveIn } from '../../../commands/linux/resolve';
import type { SqlResult } from './sql-store';
import { errorLine, formatBatch, formatTable, queryOk, rowsInSet } from './result-format';
import { MysqlLink, MYSQL_PORT } from './wire';
import { MYSQL_VERSION } from './mysqld';

export interface MysqlOptions {
  user?: string;
  /** undefined: no password; null: ask for it. */
  password?: string | null;
  host?: string;
  port: number;
  database?: string;
  execute?: string;
  noAutoRehash: boolean;
  batch: boolean;
}

export type ParsedMysqlArgs = { ok: true; options: MysqlOptions } | { ok: false; status: number; out?: string; err?: string };

const VERSION_LINE = `mysql  Ver ${MYSQL_VERSION} for Linux on x86_64 (MySQL Community Server - GPL)\n`;

const HELP =
  VERSION_LINE +
  `Copyright (c) 2000, 2025, Oracle and/or its affiliates.

Usage: mysql [OPTIONS] [database]
  -?, --help          Display this help and exit.
  -A, --no-auto-rehash
                      Do not read table names for completion (faster start).
  -B, --batch         Print results with tabs between columns, one row per line.
  -D, --database=name Database to use.
  -e, --execute=name  Run the statements given and quit.
  -h, --host=name     Connect to host.
  -p, --password[=name]
                      Password to use; asked for when not given on the line.
  -P, --port=#        Port number to use for the connection (default 3306).
  -u, --user=name     User for login if not the current user.
  -V, --version       Output version information and exit.
(This sandbox's client knows only the options above.)
`;

/** Short options that take a value, and their long names. */
const SHORT_WITH_VALUE: Record<string, string> = { u: 'user', h: 'host', P: 'port', D: 'database', e: 'execute' };

export function parseMysqlArgs(argv: readonly string[]): ParsedMysqlArgs {
  const o: MysqlOptions = { port: MYSQL_PORT, noAutoRehash: false, batch: false };
  const positionals: string[] = [];
  const unknown = (opt: string): ParsedMysqlArgs => ({ ok: false, status: 7, err: `mysql: [ERROR] unknown option '${opt}'.\n` });
  const needsArg = (name: string): ParsedMysqlArgs => ({ ok: false, status: 1, err: `mysql: [ERROR] mysql: option '${name}' requires an argument.\n` });
  const set = (name: string, value: string): ParsedMysqlArgs | undefined => {
    switch (name) {
      case 'user':
        o.user = value;
        break;
      case 'host':
        o.host = value;
        break;
      case 'port':
        if (!/^\d+$/.test(value)) return { ok: false, status: 1, err: `mysql: [ERROR] Unknown suffix '${value.replace(/^\d+/, '').charAt(0)}' used for variable 'port' (value '${value}').\nmysql: [ERROR] mysql: Error while setting value '${value}' to 'port'.\n` };
        o.port = Number(value);
        break;
      case 'database':
        o.database = value;
        break;
      case 'execute':
        o.execute = value;
        break;
      case 'password':
        o.password = value;
        break;
    }
    return undefined;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const value = eq < 0 ? undefined : a.slice(eq + 1);
      if (name === 'help') return { ok: false, status: 0, out: HELP };
      if (name === 'version') return { ok: false, status: 0, out: VERSION_LINE };
      if (name === 'no-auto-rehash' || name === 'skip-auto-rehash') o.noAutoRehash = true;
      else if (name === 'batch') o.batch = true;
      else if (name === 'password') o.password = value ?? null;
      else if (['user', 'host', 'port', 'database', 'execute'].includes(name)) {
        let v = value;
        if (v === undefined) {
          if (i + 1 >= argv.length) return needsArg(name);
          v = argv[++i]!;
        }
        const bad = set(name, v);
        if (bad) return bad;
      } else return unknown(a);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (c === '?') return { ok: false, status: 0, out: HELP };
        if (c === 'V') return { ok: false, status: 0, out: VERSION_LINE };
        if (c === 'A') o.noAutoRehash = true;
        else if (c === 'B') o.batch = true;
        else if (c === 'p') {
          o.password = j + 1 < a.length ? a.slice(j + 1) : null;
          break;
        } else if (SHORT_WITH_VALUE[c]) {
          let v = a.slice(j + 1);
          if (v === '') {
            if (i + 1 >= argv.length) return needsArg(SHORT_WITH_VALUE[c]!);
            v = argv[++i]!;
          }
          const bad = set(SHORT_WITH_VALUE[c]!, v);
          if (bad) return bad;
          break;
        } else return unknown(`-${c}`);
      }
      continue;
    }
    positionals.push(a);
  }
  if (positionals.length > 0 && o.database === undefined) o.database = positionals[0];
  return { ok: true, options: o };
}

const ERRNO: Record<TcpError, number> = { ECONNREFUSED: 111, ETIMEDOUT: 110, EHOSTUNREACH: 113, ENETUNREACH: 101, ECONNRESET: 104 };

const BANNER = (id: number): string =>
  'Welcome to the MySQL monitor.  Commands end with ; or \\g.\n' +
  `Your MySQL connection id is ${id}\n` +
  `Server version: ${MYSQL_VERSION} MySQL Community Server - GPL\n\n` +
  'Copyright (c) 2000, 2025, Oracle and/or its affiliates.\n\n' +
  'Oracle is a registered trademark of Oracle Corporation and/or its\n' +
  'affiliates. Other names may be trademarks of their respective\n' +
  'owners.\n\n' +
  "Type 'help;' or '\\h' for help. Type '\\c' to clear the current input statement.\n\n";

const READING_TABLES = 'Reading table information for completion of table and column names\nYou can turn off this feature to get a quicker startup with -A\n\n';

const INTERACTIVE_HELP = `
For information about MySQL products and services, visit:
   http://www.mysql.com/
For developer information, including the MySQL Reference Manual, visit:
   http://dev.mysql.com/

List of all MySQL commands:
Note that all text commands must be first on line and end with ';'
?         (\\?) Synonym for \`help'.
clear     (\\c) Clear the current input statement.
ego       (\\G) Send command to mysql server, display result vertically.
exit      (\\q) Exit mysql. Same as quit.
go        (\\g) Send command to mysql server.
help      (\\h) Display this help.
quit      (\\q) Quit mysql.
use       (\\u) Use another database. Takes database name as argument.
(Other client commands are not supported in this sandbox.)

`;

/** Run a statement and wait for its result; undefined if the connection broke. */
function* query(link: MysqlLink, sched: ExecContext['net']['sched'], sql: string): Generator<Wait, SqlResult | undefined, Wake> {
  const sig = new Signal(sched);
  const off = link.onChange(() => sig.fire());
  try {
    link.query(sql);
    while (link.state === 'busy') yield waitFor(sig);
    return link.result;
  } finally {
    off();
  }
}

/** Vertical output (\G). */
function formatVertical(r: Extract<SqlResult, { kind: 'rows' }>): string {
  const w = Math.max(0, ...r.columns.map((c) => c.name.length));
  let out = '';
  r.rows.forEach((row, n) => {
    out += `${'*'.repeat(27)} ${n + 1}. row ${'*'.repeat(27)}\n`;
    r.columns.forEach((c, i) => (out += `${c.name.padStart(w)}: ${row[i] === null ? 'NULL' : String(row[i])}\n`));
  });
  return out;
}

/**
 * Split input into statements at `;`, `\g`, `\G` outside quotes. Returns the complete ones and the
 * unfinished rest, and the quote still open (for the continuation prompt).
 */
export function splitStatements(buf: string): { done: Array<{ sql: string; vertical: boolean; end: number }>; rest: string; open: string | undefined } {
  const done: Array<{ sql: string; vertical: boolean; end: number }> = [];
  let start = 0;
  let quote: string | undefined;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i]!;
    if (quote) {
      if (c === '\\' && quote !== '`') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === ';') {
      done.push({ sql: buf.slice(start, i), vertical: false, end: i });
      start = i + 1;
    } else if (c === '\\' && (buf[i + 1] === 'g' || buf[i + 1] === 'G')) {
      done.push({ sql: buf.slice(start, i), vertical: buf[i + 1] === 'G', end: i });
      start = i + 2;
      i++;
    }
  }
  return { done, rest: buf.slice(start), open: quote };
}

export type Resolver = (ctx: ExecContext, name: string) => Ipv4 | undefined;

/** As a program in the command's namespace resolves: /etc/hosts, then Docker's embedded DNS in a container. */
const labResolver: Resolver = (ctx, name) => {
  const r = resolveIn(ctx, name);
  return r.ok ? r.ip : undefined;
};

export function* runMysql(ctx: ExecContext, argv: readonly string[], resolve: Resolver = labResolver): Proc {
  const parsed = parseMysqlArgs(argv);
  if (!parsed.ok) {
    if (parsed.out) ctx.out(parsed.out);
    if (parsed.err) ctx.err(parsed.err);
    return parsed.status;
  }
  const o = parsed.options;
  const sched = ctx.net.sched;
  const interactive = o.execute === undefined && ctx.stdin === undefined && ctx.isTty && !o.batch;
  const tty = (t: string): void => ctx.session.write(t);
  // The password.
  let password = '';
  if (o.password === null) {
    tty('Enter password: ');
    sched.after(0, () => ctx.session.inputRequested());
    const w: Wake = yield readLine(false);
    if (w.reason === 'interrupt') {
      tty('\n');
      return 1;
    }
    password = w.line ?? '';
  } else if (o.password !== undefined) {
    ctx.err('mysql: [Warning] Using a password on the command line interface can be insecure.\n');
    password = o.password;
  }
  const user = o.user ?? 'root';
  // Connect: localhost (or no host) is the server's Unix socket; anything else is TCP.
  const host = o.host ?? 'localhost';
  const viaSocket = host === 'localhost';
  let ip: Ipv4 | undefined = viaSocket ? 0x7f000001 : resolve(ctx, host);
  if (ip === undefined) {
    ctx.err(`ERROR 2005 (HY000): Unknown MySQL server host '${host}' (-2)\n`);
    return 1;
  }
  const link = MysqlLink.open(ctx.node.stack, ip, o.port, { user, password, db: o.database });
  const sig = new Signal(sched);
  const off = link.onChange(() => sig.fire());
  try {
    while (link.state === 'connecting' || link.state === 'authenticating') {
      const w = yield waitFor(sig);
      if (w.reason === 'interrupt') {
        link.close();
        tty('\n');
        return 1;
      }
    }
    if (link.authError) {
      ctx.err(errorLine(link.authError));
      return 1;
    }
    if (link.state !== 'ready') {
      const e = link.netError ?? 'ECONNRESET';
      if (viaSocket) ctx.err("ERROR 2002 (HY000): Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)\n");
      else if (e === 'ECONNRESET') ctx.err("ERROR 2013 (HY000): Lost connection to MySQL server at 'reading initial communication packet', system error: 104\n");
      else ctx.err(`ERROR 2003 (HY000): Can't connect to MySQL server on '${host}:${o.port}' (${ERRNO[e]})\n`);
      return 1;
    }
    ip = undefined;
    if (!interactive) return yield* batch(ctx, link, o);
    return yield* monitor(ctx, link, o, sig);
  } finally {
    off();
    link.close();
  }
}

/** -e or statements on stdin: run each until the first error. */
function* batch(ctx: ExecContext, link: MysqlLink, o: MysqlOptions): Proc {
  const text = o.execute ?? ctx.stdin ?? '';
  const { done, rest } = splitStatements(text);
  const stmts = [...done];
  if (rest.trim() !== '') stmts.push({ sql: rest, vertical: false, end: text.trimEnd().length });
  // -e on a terminal prints boxed tables; statements read from a pipe are tab-separated.
  const boxed = o.execute !== undefined && ctx.isTty && !o.batch;
  for (const s of stmts) {
    // "at line N": the line the statement ends on.
    const line = text.slice(0, s.end).split('\n').length;
    const sql = s.sql.trim();
    if (sql === '') continue;
    if (/^(exit|quit|\\q)$/i.test(sql)) return 0;
    const r = yield* query(link, ctx.net.sched, sql.replace(/^use\s+(\S+?);?$/i, 'use $1'));
    if (!r) {
      ctx.err("ERROR 2013 (HY000): Lost connection to MySQL server during query\n");
      return 1;
    }
    if (r.kind === 'error') {
      ctx.err(`ERROR ${r.code} (${r.state}) at line ${line}: ${r.message}\n`);
      return 1;
    }
    if (r.kind === 'rows' && r.rows.length > 0) {
      if (s.vertical) ctx.out(formatVertical(r));
      else ctx.out(boxed ? formatTable(r.columns, r.rows) : formatBatch(r.columns, r.rows));
    }
  }
  return 0;
}

/** The interactive monitor: prompts, statements, client commands. */
function* monitor(ctx: ExecContext, link: MysqlLink, o: MysqlOptions, sig: Signal): Proc {
  const tty = (t: string): void => ctx.session.write(t);
  const sched = ctx.net.sched;
  const out = (t: string): void => ctx.out(t);
  if (o.database !== undefined && !o.noAutoRehash) {
    const t = yield* query(link, sched, 'show tables');
    if (t?.kind === 'rows' && t.rows.length > 0) out(READING_TABLES);
  }
  out(BANNER(link.connectionId));
  let buf = '';
  for (;;) {
    const split = splitStatements(buf);
    const prompt = buf.trim() === '' ? 'mysql> ' : split.open ? `    ${split.open}> ` : '    -> ';
    tty(prompt);
    sched.after(0, () => ctx.session.inputRequested());
    const w: Wake = yield readLine(true);
    if (w.reason === 'interrupt') {
      tty('\n');
      buf = '';
      continue;
    }
    if (w.reason === 'eof') {
      out('Bye\n');
      return 0;
    }
    const line = w.line ?? '';
    // Client commands: only when they start the statement.
    if (buf.trim() === '') {
      const cmd = line.trim();
      if (/^(exit|quit)\s*;?$/i.test(cmd) || /^\\q$/.test(cmd)) {
        out('Bye\n');
        return 0;
      }
      if (/^(help|\\h|\?|\\\?)\s*;?$/i.test(cmd)) {
        out(INTERACTIVE_HELP);
        continue;
      }
      const use = /^(?:use|\\u)\s+`?([^`;\s]+)`?\s*;?$/i.exec(cmd);
      if (use) {
        const r = yield* query(link, sched, `use \`${use[1]}\``);
        if (!r) return lost(ctx);
        if (r.kind === 'error') out(errorLine(r));
        else {
          if (!o.noAutoRehash) {
            const t = yield* query(link, sched, 'show tables');
            if (t?.kind === 'rows' && t.rows.length > 0) out(READING_TABLES);
          }
          out('Database changed\n');
        }
        continue;
      }
    }
    if (/\\c\s*$/.test(line) && !splitStatements(buf + line).open) {
      buf = '';
      continue;
    }
    buf += (buf === '' ? '' : '\n') + line;
    const { done, rest } = splitStatements(buf);
    buf = rest.trim() === '' ? '' : rest;
    for (const s of done) {
      const sql = s.sql.trim();
      if (sql === '') {
        out('ERROR: \nNo query specified\n\n');
        continue;
      }
      const r = yield* query(link, sched, sql);
      if (!r) return lost(ctx);
      switch (r.kind) {
        case 'rows':
          if (r.rows.length > 0) out(s.vertical ? formatVertical(r) : formatTable(r.columns, r.rows));
          out(rowsInSet(r.rows.length, link.resultUs) + '\n');
          break;
        case 'ok':
          out(queryOk(r.affected, link.resultUs, r.info) + '\n');
          break;
        case 'use':
          out('Database changed\n');
          break;
        case 'error':
          out(errorLine(r));
          break;
      }
    }
    void sig;
  }
}

function lost(ctx: ExecContext): number {
  ctx.out('ERROR 2013 (HY000): Lost connection to MySQL server during query\n');
  return 1;
}

export const mysqlCommand: CommandSpec = {
  name: 'mysql',
  family: 'docker',
  summary: 'the MySQL command-line client (talks to the mysql container\'s server)',
  usage: 'mysql [-u USER] [-p[PASSWORD]] [-h HOST] [-P PORT] [-D DB] [-e SQL] [DB]',
  where: 'any',
  options: ['-u', '-p', '-h', '-P', '-D', '-e', '-A', '-B', '-V', '--help', '--user=', '--password', '--host=', '--port=', '--database=', '--execute='],
  run: (ctx, argv) => runMysql(ctx, argv),
};
