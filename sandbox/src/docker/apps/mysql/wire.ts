/**
 * The sandbox's stand-in for the MySQL client/server protocol: one JSON message per line over
 * a real emulated TCP connection to port 3306, so "the database is down" or "unreachable" is
 * what the network says (ECONNREFUSED, EHOSTUNREACH, ETIMEDOUT). Not the real wire format: only
 * the programs of this sandbox (the `mysql` client, the lesson's Node.js app) speak it.
 *
 *   client → server  {"t":"hello","user":"root","password":"x","db":"shop"}   (db optional)
 *   server → client  {"t":"ready","id":8,"version":"8.4.7"} | {"t":"error",...SqlError}
 *   client → server  {"t":"query","sql":"select 1"}
 *   server → client  {"t":"result","result":SqlResult,"us":1200}
 *
 * MysqlLink is the client side: connect, log in, send statements one at a time; progress is
 * read from its fields after onChange, like net/http/client.ts.
 */
import type { Ipv4 } from '../../../wire/addr';
import type { IpStack } from '../../../net/ip-stack';
import type { TcpConnection, TcpError } from '../../../net/tcp';
import type { SqlError, SqlResult } from './sql-store';

export const MYSQL_PORT = 3306;

export type ClientMessage =
  | { readonly t: 'hello'; readonly user: string; readonly password: string; readonly db?: string }
  | { readonly t: 'query'; readonly sql: string };

export type ServerMessage =
  | { readonly t: 'ready'; readonly id: number; readonly version: string }
  | ({ readonly t: 'error' } & Omit<SqlError, 'kind'>)
  | { readonly t: 'result'; readonly result: SqlResult; readonly us: number };

/** Split a byte stream into lines and parse each as JSON; malformed lines are dropped. */
export class JsonLineReader<T> {
  private buf = '';
  push(data: string): T[] {
    this.buf += data;
    const out: T[] = [];
    for (;;) {
      const nl = this.buf.indexOf('\n');
      if (nl < 0) return out;
      const line = this.buf.slice(0, nl);
      this.buf = this.buf.slice(nl + 1);
      try {
        out.push(JSON.parse(line) as T);
      } catch {
        // not ours: ignore
      }
    }
  }
}

export type LinkState = 'connecting' | 'authenticating' | 'ready' | 'busy' | 'failed' | 'closed';

export class MysqlLink {
  state: LinkState = 'connecting';
  /** Why the TCP connection failed or broke. */
  netError: TcpError | undefined;
  /** The server refused the login. */
  authError: SqlError | undefined;
  connectionId = 0;
  serverVersion = '';
  /** The result of the last statement, with the server's time for it. */
  result: SqlResult | undefined;
  resultUs = 0;
  private conn: TcpConnection | undefined;
  private readonly reader = new JsonLineReader<ServerMessage>();
  private readonly listeners = new Set<() => void>();

  private constructor(private readonly stack: IpStack) {}

  /** Connect to ip:port and log in as user. */
  static open(stack: IpStack, ip: Ipv4, port: number, login: { user: string; password: string; db?: string }): MysqlLink {
    const link = new MysqlLink(stack);
    const c = stack.tcp.connect(ip, port, {
      onConnect: (conn) => {
        link.state = 'authenticating';
        conn.send(JSON.stringify({ t: 'hello', ...login } satisfies ClientMessage) + '\n');
        link.changed();
      },
      onData: (_c, data) => {
        for (const m of link.reader.push(data)) link.received(m);
      },
      onEnd: (conn) => {
        conn.close();
        if (link.state !== 'failed') link.state = 'closed';
        link.changed();
      },
      onError: (_c, err) => {
        link.netError = err;
        link.state = 'failed';
        link.changed();
      },
    });
    if (typeof c === 'string') {
      link.netError = c;
      link.state = 'failed';
      stack.net.sched.after(0, () => link.changed());
    } else {
      link.conn = c;
    }
    return link;
  }

  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Send one statement (state must be 'ready'); the answer sets `result` and returns to 'ready'. */
  query(sql: string): void {
    if (this.state !== 'ready') return;
    this.state = 'busy';
    this.result = undefined;
    this.conn?.send(JSON.stringify({ t: 'query', sql } satisfies ClientMessage) + '\n');
  }

  /** Close politely (COM_QUIT, then FIN). */
  close(): void {
    if (this.state === 'closed' || this.state === 'failed') return;
    this.state = 'closed';
    this.conn?.close();
  }

  private received(m: ServerMessage): void {
    if (m.t === 'ready' && this.state === 'authenticating') {
      this.state = 'ready';
      this.connectionId = m.id;
      this.serverVersion = m.version;
    } else if (m.t === 'error' && this.state === 'authenticating') {
      this.authError = { kind: 'error', code: m.code, state: m.state, message: m.message };
      this.state = 'failed';
    } else if (m.t === 'result' && this.state === 'busy') {
      this.result = m.result;
      this.resultUs = m.us;
      this.state = 'ready';
    }
    this.changed();
  }

  private changed(): void {
    for (const l of [...this.listeners]) l();
  }
}
