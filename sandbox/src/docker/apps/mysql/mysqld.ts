/**
 * The mysql:8 image's main process: docker-entrypoint.sh then mysqld (MySQL Community Server
 * 8.4, docker-library/mysql). On the first start the entrypoint initializes the data directory,
 * runs a temporary server without networking (port 0) to create MYSQL_DATABASE and MYSQL_USER,
 * stops it, then starts mysqld for real; only then does port 3306 accept connections, a few
 * virtual seconds after `docker run` (so an app started at once finds the database refusing).
 * A restart with the data directory already there skips the initialization.
 *
 * Log lines (`docker logs`): the entrypoint's notes on stdout
 * ("2026-01-12 09:00:00+00:00 [Note] [Entrypoint]: ..."), mysqld's error log on stderr
 * ("2026-01-12T09:00:08.700000Z 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for
 * connections. Version: '8.4.7'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL
 * Community Server - GPL."), shapes from real mysql:8.4 container logs.
 *
 * Connections speak the sandbox protocol of wire.ts; the data is a SqlStore kept with the
 * container's filesystem, so it survives `docker stop`/`start` and dies with `docker rm`.
 */
import type { Vfs } from '../../../fs/vfs';
import type { TcpConnection } from '../../../net/tcp';
import { formatIpv4 } from '../../../wire/addr';
import { civilFromUnix, pad2 } from '../../../sim/calendar';
import type { ContainerService, ServiceContext, StopSignal } from '../../service';
import type { SqlSession } from './sql-store';
import { SqlStore, sqlError } from './sql-store';
import type { ClientMessage, ServerMessage } from './wire';
import { JsonLineReader, MYSQL_PORT } from './wire';

export const MYSQL_VERSION = '8.4.7';
const PACKAGE_VERSION = `${MYSQL_VERSION}-1.el9`;
/** The first connection id after the entrypoint's own sessions. */
const FIRST_CONNECTION_ID = 8;

/** What mysqld keeps on disk: here, beside the container's filesystem object. */
interface DataDir {
  readonly store: SqlStore;
  readonly users: Map<string, { password: string; db?: string }>;
  nextConnectionId: number;
}
const dataDirs = new WeakMap<Vfs, DataDir>();

/** The database of a mysql container (by its filesystem), for lesson checks; undefined before initialization. */
export function mysqlStoreOf(fs: Vfs): SqlStore | undefined {
  return dataDirs.get(fs)?.store;
}

function utcParts(unix: number): { date: string; time: string; micros: string } {
  const t = civilFromUnix(unix);
  return {
    date: `${t.year}-${pad2(t.month)}-${pad2(t.day)}`,
    time: `${pad2(t.hour)}:${pad2(t.minute)}:${pad2(t.second)}`,
    micros: String(Math.floor((unix - Math.floor(unix)) * 1e6)).padStart(6, '0'),
  };
}

/** A mysqld error-log line: "2026-01-12T09:00:00.123456Z 0 [System] [MY-010931] [Server] ...". */
export function serverLogLine(unix: number, thread: number, level: string, code: string, subsystem: string, text: string): string {
  const p = utcParts(unix);
  return `${p.date}T${p.time}.${p.micros}Z ${thread} [${level}] [${code}] [${subsystem}] ${text}\n`;
}

/** An entrypoint line: "2026-01-12 09:00:00+00:00 [Note] [Entrypoint]: ...". */
export function entrypointLine(unix: number, level: 'Note' | 'Warn' | 'ERROR', text: string): string {
  const p = utcParts(unix);
  return `${p.date} ${p.time}+00:00 [${level}] [Entrypoint]: ${text}\n`;
}

type LogStep = readonly [atSeconds: number, stream: 'stdout' | 'stderr', line: (unix: number) => string];

function serverStartSteps(t0: number, pid: number, port: number): LogStep[] {
  const sys = (at: number, thread: number, code: string, sub: string, text: string): LogStep => [
    at, 'stderr', (u) => serverLogLine(u, thread, 'System', code, sub, text),
  ];
  const warn = (at: number, code: string, text: string): LogStep => [at, 'stderr', (u) => serverLogLine(u, 0, 'Warning', code, 'Server', text)];
  const xplugin = port === 0 ? 'X Plugin ready for connections. Socket: /var/run/mysqld/mysqlx.sock' : "X Plugin ready for connections. Bind-address: '::' port: 33060, socket: /var/run/mysqld/mysqlx.sock";
  return [
    sys(t0, 0, 'MY-015015', 'Server', 'MySQL Server - start.'),
    sys(t0 + 0.32, 0, 'MY-010116', 'Server', `/usr/sbin/mysqld (mysqld ${MYSQL_VERSION}) starting as process ${pid}`),
    sys(t0 + 0.34, 1, 'MY-013576', 'InnoDB', 'InnoDB initialization has started.'),
    sys(t0 + 0.85, 1, 'MY-013577', 'InnoDB', 'InnoDB initialization has ended.'),
    warn(t0 + 1.31, 'MY-010068', 'CA certificate ca.pem is self signed.'),
    sys(t0 + 1.31, 0, 'MY-013602', 'Server', 'Channel mysql_main configured to support TLS. Encrypted connections are now supported for this channel.'),
    warn(t0 + 1.32, 'MY-011810', "Insecure configuration for --pid-file: Location '/var/run/mysqld' in the path is accessible to all OS users. Consider choosing a different directory."),
    sys(t0 + 1.34, 0, 'MY-011323', 'Server', xplugin),
    sys(t0 + 1.34, 0, 'MY-010931', 'Server', `/usr/sbin/mysqld: ready for connections. Version: '${MYSQL_VERSION}'  socket: '/var/run/mysqld/mysqld.sock'  port: ${port}  MySQL Community Server - GPL.`),
  ];
}

/** Virtual seconds from start to listening on 3306: first start, and restart with data. */
export const FIRST_START_READY_S = 7.7 + 1.34;
export const RESTART_READY_S = 0.8 + 1.34;

class Mysqld implements ContainerService {
  private ctx: ServiceContext | undefined;
  private listening = false;
  private readonly conns = new Set<TcpConnection>();

  start(ctx: ServiceContext): void {
    this.ctx = ctx;
    const env = ctx.env;
    const note = (text: string) => (u: number) => entrypointLine(u, 'Note', text);
    const steps: LogStep[] = [
      [0, 'stdout', note(`Entrypoint script for MySQL Server ${PACKAGE_VERSION} started.`)],
      [0.55, 'stdout', note("Switching to dedicated user 'mysql'")],
      [0.6, 'stdout', note(`Entrypoint script for MySQL Server ${PACKAGE_VERSION} started.`)],
    ];
    const existing = dataDirs.get(ctx.fs);
    let readyAt: number;
    if (existing) {
      steps.push([0.7, 'stdout', () => "'/var/lib/mysql/mysql.sock' -> '/var/run/mysqld/mysqld.sock'\n"]);
      steps.push(...serverStartSteps(0.8, 1, MYSQL_PORT));
      readyAt = RESTART_READY_S;
    } else {
      const rootPassword = env.get('MYSQL_ROOT_PASSWORD');
      const allowEmpty = env.has('MYSQL_ALLOW_EMPTY_PASSWORD') && env.get('MYSQL_ALLOW_EMPTY_PASSWORD') !== '';
      if (rootPassword === undefined || (rootPassword === '' && !allowEmpty)) {
        if (!allowEmpty && !env.get('MYSQL_RANDOM_ROOT_PASSWORD')) {
          steps.push([0.62, 'stderr', (u) =>
            entrypointLine(u, 'ERROR', 'Database is uninitialized and password option is not specified') +
            '    You need to specify one of the following as an environment variable:\n' +
            '    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD\n']);
          this.play(steps, () => ctx.exit(1));
          return;
        }
      }
      const users = new Map<string, { password: string; db?: string }>();
      let root = rootPassword ?? '';
      if (!rootPassword && env.get('MYSQL_RANDOM_ROOT_PASSWORD')) {
        root = '';
        for (let i = 0; i < 32; i++) root += 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'[ctx.rng.range(0, 61)];
      }
      users.set('root', { password: root });
      const store = new SqlStore(() => ctx.wallSeconds(), MYSQL_VERSION);
      const db = env.get('MYSQL_DATABASE') || undefined;
      const user = env.get('MYSQL_USER') || undefined;
      const sys = (at: number, thread: number, code: string, sub: string, text: string): LogStep => [at, 'stderr', (u) => serverLogLine(u, thread, 'System', code, sub, text)];
      steps.push(
        [0.6, 'stdout', note('Initializing database files')],
        sys(0.9, 0, 'MY-015017', 'Server', 'MySQL Server Initialization - start.'),
        sys(0.9, 0, 'MY-013169', 'Server', `/usr/sbin/mysqld (mysqld ${MYSQL_VERSION}) initializing of server in progress as process 80`),
        sys(0.92, 1, 'MY-013576', 'InnoDB', 'InnoDB initialization has started.'),
        sys(1.6, 1, 'MY-013577', 'InnoDB', 'InnoDB initialization has ended.'),
        [2.3, 'stderr', (u) => serverLogLine(u, 6, 'Warning', 'MY-010453', 'Server', 'root@localhost is created with an empty password ! Please consider switching off the --initialize-insecure option.')],
        sys(4.0, 0, 'MY-015018', 'Server', 'MySQL Server Initialization - end.'),
        [4.0, 'stdout', note('Database files initialized')],
        [4.0, 'stdout', note('Starting temporary server')],
        ...serverStartSteps(4.1, 123, 0),
        [5.45, 'stdout', note('Temporary server started.')],
        [5.46, 'stdout', () => "'/var/lib/mysql/mysql.sock' -> '/var/run/mysqld/mysqld.sock'\n"],
        [5.6, 'stderr', () => "Warning: Unable to load '/usr/share/zoneinfo/iso3166.tab' as time zone. Skipping it.\n"],
        [5.6, 'stderr', () => "Warning: Unable to load '/usr/share/zoneinfo/leap-seconds.list' as time zone. Skipping it.\n"],
        [5.6, 'stderr', () => "Warning: Unable to load '/usr/share/zoneinfo/leapseconds' as time zone. Skipping it.\n"],
      );
      if (env.get('MYSQL_RANDOM_ROOT_PASSWORD') && !rootPassword) steps.push([5.9, 'stdout', note(`GENERATED ROOT PASSWORD: ${root}`)]);
      if (db) steps.push([6.0, 'stdout', note(`Creating database ${db}`)]);
      if (user) {
        steps.push([6.0, 'stdout', note(`Creating user ${user}`)]);
        if (db) steps.push([6.0, 'stdout', note(`Giving user ${user} access to schema ${db}`)]);
      }
      steps.push(
        [6.1, 'stdout', () => '\n'],
        [6.1, 'stdout', note('Stopping temporary server')],
        sys(6.1, 0, 'MY-013172', 'Server', `Received SHUTDOWN from user root. Shutting down mysqld (Version: ${MYSQL_VERSION}).`),
        sys(7.5, 0, 'MY-010910', 'Server', `/usr/sbin/mysqld: Shutdown complete (mysqld ${MYSQL_VERSION})  MySQL Community Server - GPL.`),
        [7.5, 'stdout', note('Temporary server stopped')],
        [7.5, 'stdout', () => '\n'],
        [7.5, 'stdout', note('MySQL init process done. Ready for start up.')],
        [7.5, 'stdout', () => '\n'],
        [7.6, 'stdout', note(`Entrypoint script for MySQL Server ${PACKAGE_VERSION} started.`)],
        [7.7, 'stdout', () => "'/var/lib/mysql/mysql.sock' -> '/var/run/mysqld/mysqld.sock'\n"],
        ...serverStartSteps(7.7, 1, MYSQL_PORT),
      );
      readyAt = FIRST_START_READY_S;
      // The data directory exists from the moment initialization ends.
      ctx.after(6_000_000, () => {
        if (db) store.createDatabase(db);
        if (user) users.set(user, { password: env.get('MYSQL_PASSWORD') ?? '', db });
        dataDirs.set(ctx.fs, { store, users, nextConnectionId: FIRST_CONNECTION_ID });
        for (const dir of ['/var/lib/mysql', ...(db ? [`/var/lib/mysql/${db}`] : [])]) ctx.fs.mkdir(dir, true);
        for (const f of ['auto.cnf', 'ibdata1', 'mysql.ibd', 'undo_001', 'undo_002']) ctx.fs.writeFile(`/var/lib/mysql/${f}`, '');
      });
    }
    this.play(steps);
    ctx.after(Math.round(readyAt * 1e6), () => this.listen());
  }

  /** Write each log line at its time (seconds after start). */
  private play(steps: readonly LogStep[], then?: () => void): void {
    const ctx = this.ctx!;
    const t0 = ctx.wallSeconds();
    for (const [at, stream, line] of steps) {
      ctx.after(Math.round(at * 1e6), () => {
        const text = line(t0 + at);
        if (stream === 'stdout') ctx.stdout(text);
        else ctx.stderr(text);
      });
    }
    if (then) {
      const last = steps.reduce((m, s) => Math.max(m, s[0]), 0);
      ctx.after(Math.round(last * 1e6) + 1, then);
    }
  }

  private listen(): void {
    const ctx = this.ctx!;
    const data = dataDirs.get(ctx.fs);
    if (!data) return;
    this.listening = ctx.host.stack.tcp.listen(MYSQL_PORT, (conn) => this.accept(conn, data));
  }

  private accept(conn: TcpConnection, data: DataDir) {
    const ctx = this.ctx!;
    const reader = new JsonLineReader<ClientMessage>();
    let session: SqlSession | undefined;
    this.conns.add(conn);
    const send = (m: ServerMessage): void => conn.send(JSON.stringify(m) + '\n');
    return {
      onData: (_c: TcpConnection, chunk: string) => {
        for (const m of reader.push(chunk)) {
          if (m.t === 'hello' && !session) {
            const clientHost = conn.remoteIp === 0x7f000001 ? 'localhost' : formatIpv4(conn.remoteIp);
            const u = data.users.get(m.user);
            if (!u || u.password !== m.password) {
              send({ t: 'error', ...omitKind(sqlError(1045, '28000', `Access denied for user '${m.user}'@'${clientHost}' (using password: ${m.password === '' ? 'NO' : 'YES'})`)) });
              conn.close();
              continue;
            }
            const s: SqlSession = { db: undefined, user: m.user, clientHost, allowed: m.user === 'root' ? undefined : (d) => d === u.db };
            if (m.db !== undefined) {
              const r = data.store.execute(s, { kind: 'use', name: m.db });
              if (r.kind === 'error') {
                send({ t: 'error', ...omitKind(r) });
                conn.close();
                continue;
              }
            }
            session = s;
            send({ t: 'ready', id: data.nextConnectionId++, version: MYSQL_VERSION });
          } else if (m.t === 'query' && session) {
            const result = data.store.run(session, m.sql);
            const us = result.kind === 'rows' ? 400 : result.kind === 'ok' ? (/^\s*(create|drop)/i.test(m.sql) ? 18_000 : 6_000) : 200;
            ctx.after(us, () => send({ t: 'result', result, us }));
          }
        }
      },
      onEnd: () => conn.close(),
      onClose: () => this.conns.delete(conn),
      onError: () => this.conns.delete(conn),
    };
  }

  stop(signal: StopSignal): number | undefined {
    const ctx = this.ctx;
    if (ctx && signal !== 'SIGKILL' && this.listening) {
      const now = ctx.wallSeconds();
      ctx.stderr(serverLogLine(now, 0, 'System', 'MY-013172', 'Server', `Received SHUTDOWN from user <via user signal>. Shutting down mysqld (Version: ${MYSQL_VERSION}).`));
      ctx.stderr(serverLogLine(now + 1.2, 0, 'System', 'MY-010910', 'Server', `/usr/sbin/mysqld: Shutdown complete (mysqld ${MYSQL_VERSION})  MySQL Community Server - GPL.`));
    }
    if (ctx && this.listening) ctx.host.stack.tcp.unlisten(MYSQL_PORT);
    this.listening = false;
    for (const c of [...this.conns]) c.abort();
    this.conns.clear();
    return signal === 'SIGKILL' ? 137 : 0;
  }
}

function omitKind<T extends { kind: string }>(e: T): Omit<T, 'kind'> {
  const { kind: _kind, ...rest } = e;
  return rest;
}

export function mysqldService(): ContainerService {
  return new Mysqld();
}
