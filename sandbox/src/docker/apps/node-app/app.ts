/**
 * The lesson's Node.js app as an emulated process: what `npm start` does in its image
 * (`knex migrate:latest && node .`), behaving as the seed post's Express app does (reference:
 * seed/source-posts.txt, "Building modern web applications - Part 2"):
 *
 *  - the migration connects to the database of its environment (DB_HOST, DB_USER, DB_PASSWORD,
 *    DB_NAME; defaults localhost, root, '', tutorial_node_database) and creates table `user`
 *    (id, username, password, created_at, updated_at) plus knex's bookkeeping tables; if the
 *    database cannot be reached the knex CLI prints the error, npm fails, the container exits 1;
 *  - `node .` listens on 7555 and prints "Server running on http://localhost:7555";
 *  - POST /createUser with a JSON body {username, password} logs "Add user NAME with password
 *    PASS", inserts the row and answers 200 "OK" (Express res.sendStatus); a body that is not JSON
 *    leaves both undefined (body-parser's json() skips it), as the real app does;
 *  - GET / and /app.js serve public/ (express.static); anything else is Express's 404 page;
 *  - the insert has no .catch(): when the database fails, the rejection is unhandled and Node 22
 *    prints the error and exits 1 (the request never gets an answer).
 *
 * The post used the `mysql` driver against MySQL 5.7; against mysql:8.4 that driver cannot log in
 * (caching_sha2_password), so the image's app uses mysql2, whose errors are worded the same.
 * Header order and pages: Express 4.21 on Node 22 (X-Powered-By first, Keep-Alive: timeout=5).
 */
import type { ContainerService, ServiceContext, StopSignal } from '../../service';
import type { Proc, Wait, Wake } from '../../../shell/process';
import { Signal, waitFor } from '../../../shell/process';
import { HttpServer } from '../../../net/http/server';
import type { HttpRequestEvent } from '../../../net/http/server';
import { formatHead, headerValue } from '../../../net/http/message';
import type { HeaderList } from '../../../net/http/message';
import { httpDate } from '../../../net/http/date';
import { utf8Decode, utf8Encode } from '../../../net/http/bytes';
import type { TcpError } from '../../../net/tcp';
import { formatIpv4 } from '../../../wire/addr';
import { LAB_EPOCH_SECONDS, civilFromUnix, pad2 } from '../../../sim/calendar';
import { MysqlLink, MYSQL_PORT } from '../mysql/wire';
import type { SqlResult } from '../mysql/sql-store';
import { APP_DIR, APP_FILES, APP_FILES_MTIME_MS, NODE_VERSION } from './files';

export const APP_PORT = 7555;
const SERVICE_US = 600;

/** The migration's statements, as knex 3 sends them for the post's schema. */
const MIGRATION_SQL = [
  'create table if not exists `knex_migrations` (`id` int unsigned not null auto_increment primary key, `name` varchar(255), `batch` int, `migration_time` timestamp)',
  'create table if not exists `knex_migrations_lock` (`index` int unsigned not null auto_increment primary key, `is_locked` int)',
  'create table `user` (`id` int unsigned not null auto_increment primary key, `username` varchar(255), `password` varchar(255), ' +
    '`created_at` timestamp not null default CURRENT_TIMESTAMP, `updated_at` timestamp not null default CURRENT_TIMESTAMP)',
  "insert into `knex_migrations` (`name`, `batch`, `migration_time`) values ('20170924060137_new_user_for_node.js', 1, NOW())",
];

interface DbConfig {
  host: string;
  user: string;
  password: string;
  database: string;
}

/** A failed database call, as mysql2 reports it: the message and the fields Node prints. */
interface DbFailure {
  message: string;
  fields: string;
}

function dbConfig(ctx: ServiceContext): DbConfig {
  const e = ctx.env;
  return {
    host: e.get('DB_HOST') || 'localhost',
    user: e.get('DB_USER') || 'root',
    password: e.get('DB_PASSWORD') ?? '',
    database: e.get('DB_NAME') || 'tutorial_node_database',
  };
}

const ERRNO: Record<TcpError, number> = { ECONNREFUSED: -111, ETIMEDOUT: -110, EHOSTUNREACH: -113, ENETUNREACH: -101, ECONNRESET: -104 };

class UserApp implements ContainerService {
  private ctx: ServiceContext | undefined;
  private server: HttpServer | undefined;
  private link: MysqlLink | undefined;
  private stopped = false;

  start(ctx: ServiceContext): Proc {
    this.ctx = ctx;
    return this.main();
  }

  private *main(): Proc {
    const ctx = this.ctx!;
    const cfg = dbConfig(ctx);
    ctx.stdout('\n> tutorial_node_database@1.0.0 start\n> knex migrate:latest && node .\n\n');
    yield* this.pause(450_000); // node and knex load
    ctx.stdout('Using environment: development\n');
    // knex migrate:latest
    const connected = yield* this.connect(cfg);
    if (!(connected instanceof MysqlLink)) {
      ctx.stdout(`${connected.message}\n`);
      ctx.stdout(`Error: ${connected.message}\n    at ${connected.message.startsWith('getaddrinfo') ? 'GetAddrInfoReqWrap.onlookupall [as oncomplete] (node:dns:120:26)' : 'TCPConnectWrap.afterConnect [as oncomplete] (node:net:1637:16)'}\n`);
      ctx.stderr(
        'npm error code 1\n' +
          `npm error path ${APP_DIR}\n` +
          'npm error command failed\n' +
          'npm error command sh -c knex migrate:latest && node .\n' +
          `npm error A complete log of this run can be found in: /root/.npm/_logs/${npmLogStamp(ctx.wallSeconds())}-debug-0.log\n`,
      );
      return 1;
    }
    const link = connected;
    const check = yield* this.query(link, "show tables like 'knex_migrations'");
    const done = yield* this.query(link, 'select `name` from `knex_migrations`');
    const applied = check.kind === 'rows' && done.kind === 'rows' && done.rows.length > 0;
    if (applied) {
      ctx.stdout('Already up to date\n');
    } else {
      for (const sql of MIGRATION_SQL) {
        const r = yield* this.query(link, sql);
        if (r.kind === 'error') {
          ctx.stdout(`migration file "20170924060137_new_user_for_node.js" failed\nmigration failed with error: ${sql} - ${r.message}\n${r.message}\n`);
          ctx.stderr(`npm error code 1\nnpm error path ${APP_DIR}\nnpm error command failed\nnpm error command sh -c knex migrate:latest && node .\n`);
          link.close();
          return 1;
        }
      }
      ctx.stdout('Batch 1 run: 1 migrations\n');
    }
    link.close();
    // node .
    yield* this.pause(300_000);
    const server = HttpServer.listen(ctx.host.stack, { port: APP_PORT, serviceUs: SERVICE_US }, (req, reply) => this.handle(req, reply));
    if (typeof server === 'string') {
      ctx.stderr(`node:events:497\n      throw er; // Unhandled 'error' event\n      ^\n\nError: listen EADDRINUSE: address already in use :::${APP_PORT}\n\nNode.js ${NODE_VERSION}\n`);
      return 1;
    }
    this.server = server;
    ctx.stdout(`Server running on http://localhost:${APP_PORT}\n`);
    const forever = new Signal(ctx.host.net.sched);
    for (;;) yield waitFor(forever);
  }

  private *pause(us: number): Generator<Wait, void, Wake> {
    const sig = new Signal(this.ctx!.host.net.sched);
    yield waitFor(sig, us);
  }

  /** Open a connection to the database (mysql2): the link, or the failure. */
  private *connect(cfg: DbConfig): Generator<Wait, MysqlLink | DbFailure, Wake> {
    const ctx = this.ctx!;
    const ip = ctx.resolve(cfg.host);
    if (ip === undefined) {
      return { message: `getaddrinfo ENOTFOUND ${cfg.host}`, fields: `  errno: -3008,\n  code: 'ENOTFOUND',\n  syscall: 'getaddrinfo',\n  hostname: '${cfg.host}',\n  fatal: true\n` };
    }
    const link = MysqlLink.open(ctx.host.stack, ip, MYSQL_PORT, { user: cfg.user, password: cfg.password, db: cfg.database });
    const sig = new Signal(ctx.host.net.sched);
    const off = link.onChange(() => sig.fire());
    try {
      while (link.state === 'connecting' || link.state === 'authenticating') yield waitFor(sig);
    } finally {
      off();
    }
    if (link.state === 'ready') return link;
    if (link.authError) {
      const code = link.authError.code === 1045 ? 'ER_ACCESS_DENIED_ERROR' : link.authError.code === 1049 ? 'ER_BAD_DB_ERROR' : 'ER_DBACCESS_DENIED_ERROR';
      return {
        message: link.authError.message,
        fields: `  code: '${code}',\n  errno: ${link.authError.code},\n  sqlState: '${link.authError.state}',\n  sqlMessage: "${link.authError.message}",\n  sql: undefined\n`,
      };
    }
    const e = link.netError ?? 'ECONNRESET';
    const addr = formatIpv4(ip);
    return {
      message: `connect ${e} ${addr}:${MYSQL_PORT}`,
      fields: `  errno: ${ERRNO[e]},\n  code: '${e}',\n  syscall: 'connect',\n  address: '${addr}',\n  port: ${MYSQL_PORT},\n  fatal: true\n`,
    };
  }

  private *query(link: MysqlLink, sql: string): Generator<Wait, SqlResult, Wake> {
    const sig = new Signal(this.ctx!.host.net.sched);
    const off = link.onChange(() => sig.fire());
    try {
      link.query(sql);
      while (link.state === 'busy') yield waitFor(sig);
    } finally {
      off();
    }
    return link.result ?? { kind: 'error', code: 2013, state: 'HY000', message: 'Connection lost: The server closed the connection.' };
  }

  private handle(req: HttpRequestEvent, reply: (r: { bytes: string; close: boolean }) => void): void {
    const ctx = this.ctx!;
    const [method = '', target = '/', version = 'HTTP/1.0'] = req.head.words;
    const path = target.split('?')[0] ?? '/';
    const keepAlive = version === 'HTTP/1.1' ? !/close/i.test(headerValue(req.head.headers, 'Connection') ?? '') : /keep-alive/i.test(headerValue(req.head.headers, 'Connection') ?? '');
    const send = (status: string, headers: HeaderList, body: string, head = false): void => {
      const all: Array<readonly [string, string]> = [['X-Powered-By', 'Express'], ...headers, ['Date', httpDate(ctx.now())]];
      all.push(['Connection', keepAlive ? 'keep-alive' : 'close']);
      if (keepAlive) all.push(['Keep-Alive', 'timeout=5']);
      reply({ bytes: formatHead(`HTTP/1.1 ${status}`, all) + (head ? '' : body), close: !keepAlive });
    };
    if (method === 'POST' && path === '/createUser') {
      this.createUser(req, send);
      return;
    }
    const file = (method === 'GET' || method === 'HEAD') && APP_FILES[`public${path === '/' ? '/index.html' : path}`];
    if (file !== undefined && file !== false) {
      const body = utf8Encode(file);
      const type = path.endsWith('.js') ? 'application/javascript; charset=UTF-8' : 'text/html; charset=UTF-8';
      send('200 OK', [
        ['Accept-Ranges', 'bytes'], ['Cache-Control', 'public, max-age=0'], ['Last-Modified', httpDate((APP_FILES_MTIME_MS / 1000 - LAB_EPOCH_SECONDS) * 1e6)],
        ['ETag', `W/"${body.length.toString(16)}-${APP_FILES_MTIME_MS.toString(16)}"`], ['Content-Type', type], ['Content-Length', String(body.length)],
      ], body, method === 'HEAD');
      return;
    }
    const page = errorPage(`Cannot ${method} ${escapeHtml(path)}`);
    send('404 Not Found', [
      ['Content-Security-Policy', "default-src 'none'"], ['X-Content-Type-Options', 'nosniff'],
      ['Content-Type', 'text/html; charset=utf-8'], ['Content-Length', String(page.length)],
    ], page, method === 'HEAD');
  }

  private createUser(req: HttpRequestEvent, send: (status: string, headers: HeaderList, body: string) => void): void {
    const ctx = this.ctx!;
    const type = headerValue(req.head.headers, 'Content-Type') ?? '';
    let body: Record<string, unknown> = {};
    if (/^application\/json\b/i.test(type) && req.body !== '') {
      try {
        const parsed: unknown = JSON.parse(utf8Decode(req.body));
        if (parsed === null || typeof parsed !== 'object') throw new SyntaxError(`Unexpected token '${String(parsed).charAt(0)}', "${utf8Decode(req.body).slice(0, 10)}" is not valid JSON`);
        body = parsed as Record<string, unknown>;
      } catch (e) {
        // body-parser's error through Express's default handler (development: the stack is shown).
        const msg = e instanceof Error ? e.message : String(e);
        const stack = `SyntaxError: ${msg}<br> &nbsp; &nbsp;at JSON.parse (&lt;anonymous&gt;)<br> &nbsp; &nbsp;at parse (${APP_DIR}/node_modules/body-parser/lib/types/json.js:92:19)`;
        ctx.stderr(`SyntaxError: ${msg}\n    at JSON.parse (<anonymous>)\n    at parse (${APP_DIR}/node_modules/body-parser/lib/types/json.js:92:19)\n`);
        const page = errorPage(stack);
        send('400 Bad Request', [
          ['Content-Security-Policy', "default-src 'none'"], ['X-Content-Type-Options', 'nosniff'],
          ['Content-Type', 'text/html; charset=utf-8'], ['Content-Length', String(page.length)],
        ], page);
        return;
      }
    }
    const show = (v: unknown): string => (v === undefined ? 'undefined' : typeof v === 'string' ? v : JSON.stringify(v));
    const username = body['username'];
    const password = body['password'];
    ctx.stdout(utf8Encode(`Add user ${show(username)} with password ${show(password)}\n`));
    const cols: string[] = [];
    const vals: string[] = [];
    const lit = (v: unknown): string => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${String(typeof v === 'object' ? JSON.stringify(v) : v).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`);
    // knex drops undefined values; {} becomes "insert into `user` () values ()".
    if (password !== undefined) {
      cols.push('`password`');
      vals.push(lit(password));
    }
    if (username !== undefined) {
      cols.push('`username`');
      vals.push(lit(username));
    }
    const sql = `insert into \`user\` (${cols.join(', ')}) values (${vals.join(', ')})`;
    const job = this.insert(sql);
    const sched = ctx.host.net.sched;
    // Drive the insert as a small task on the scheduler (the request stays open meanwhile).
    const step = (w: Wake): void => {
      if (this.stopped) return;
      const r = job.next(w);
      if (r.done) {
        if (r.value === undefined) {
          send('200 OK', [['Content-Type', 'text/plain; charset=utf-8'], ['Content-Length', '2'], ['ETag', 'W/"2-nOO9QiTIwXgNtWtBJezz8kv3SLc"']], 'OK');
        } else {
          this.crash(r.value);
        }
        return;
      }
      const wait = r.value;
      if (wait.kind === 'signal') {
        wait.signal.subscribe(() => step({ reason: 'signal' }));
      } else if (wait.kind === 'sleep') {
        sched.after(wait.us, () => step({ reason: 'timeout' }));
      }
    };
    step({ reason: 'start' });
  }

  /** Run the insert on the app's pooled connection (opened on first use): undefined, or the failure. */
  private *insert(sql: string): Generator<Wait, DbFailure | undefined, Wake> {
    if (!this.link || this.link.state !== 'ready') {
      const c = yield* this.connect(dbConfig(this.ctx!));
      if (!(c instanceof MysqlLink)) return c;
      this.link = c;
    }
    const r = yield* this.query(this.link, sql);
    if (r.kind !== 'error') return undefined;
    const code: Record<number, string> = { 1146: 'ER_NO_SUCH_TABLE', 1054: 'ER_BAD_FIELD_ERROR', 2013: 'PROTOCOL_CONNECTION_LOST' };
    return {
      message: r.code === 2013 ? r.message : `${sql} - ${r.message}`,
      fields: `  code: '${code[r.code] ?? 'ER_UNKNOWN_ERROR'}',\n  errno: ${r.code},\n  sqlState: '${r.state}',\n  sqlMessage: "${r.message}",\n  sql: '${sql}'\n`,
    };
  }

  /** An unhandled rejection: Node 22 prints it and exits 1. */
  private crash(f: DbFailure): void {
    const ctx = this.ctx!;
    ctx.stderr(
      'node:internal/process/promises:394\n    triggerUncaughtException(err, true /* fromPromise */);\n    ^\n\n' +
        `Error: ${f.message}\n` +
        (f.message.startsWith('connect') ? '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1637:16) {\n' : '    at Packet.asError (/usr/src/app/node_modules/mysql2/lib/packets/packet.js:740:17) {\n') +
        f.fields + '}\n\n' + `Node.js ${NODE_VERSION}\n`,
    );
    this.shutdown();
    ctx.exit(1);
  }

  private shutdown(): void {
    this.stopped = true;
    this.server?.close();
    this.server = undefined;
    this.link?.close();
    this.link = undefined;
  }

  stop(signal: StopSignal): number | undefined {
    // Node as PID 1 (npm start) has no SIGTERM handler: docker stop waits, then kills (137).
    if (signal === 'SIGKILL') {
      this.shutdown();
      return 137;
    }
    if (signal === 'SIGINT') {
      this.shutdown();
      return 130;
    }
    return undefined;
  }
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** finalhandler's page (Express 4). */
function errorPage(message: string): string {
  return `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>${message}</pre>\n</body>\n</html>\n`;
}

/** npm's debug-log name: 2026-01-12T09_00_03_123Z. */
function npmLogStamp(unix: number): string {
  const t = civilFromUnix(unix);
  const ms = Math.floor(unix * 1000) % 1000;
  return `${t.year}-${pad2(t.month)}-${pad2(t.day)}T${pad2(t.hour)}_${pad2(t.minute)}_${pad2(t.second)}_${String(ms).padStart(3, '0')}Z`;
}

export function userAppService(): ContainerService {
  return new UserApp();
}
