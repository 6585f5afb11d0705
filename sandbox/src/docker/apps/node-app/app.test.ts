import { describe, expect, it } from 'vitest';
import { labSession } from '../../../../test/lab-session';
import { HttpConnection } from '../../../net/http/client';
import { startOnHost } from '../test-context';
import { FIRST_START_READY_S, mysqldService, mysqlStoreOf } from '../mysql/mysqld';
import { APP_PORT, userAppService } from './app';

/** mysqld on h2 (name `db`), the app on h1, the client on h3. */
function lab() {
  const l = labSession({ mn: 'mn --topo single,3' });
  const db = startOnHost(l.host('h2'), mysqldService(), { env: { MYSQL_ROOT_PASSWORD: 'secret', MYSQL_DATABASE: 'tutorial_node_database' } });
  const startApp = () => startOnHost(l.host('h1'), userAppService(), { env: { DB_HOST: 'db', DB_PASSWORD: 'secret' }, names: { db: '10.0.0.2' } });
  const wait = (s: number) => l.sb.idle(s * 1e6);
  /** One HTTP/1.1 request from h3 to the app; the raw response bytes. */
  const request = (raw: string, method: string): string => {
    const c = HttpConnection.open(l.host('h3').stack, 0x0a000001, APP_PORT);
    wait(0.1);
    c.send(raw, method);
    wait(0.5);
    return c.response?.head ? `${c.response.head.line}\n${c.response.head.headers.map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${c.response.body}` : `no response (${c.error ?? 'open'})`;
  };
  return { ...l, db, startApp, wait, request };
}

const json = (body: string): string =>
  `POST /createUser HTTP/1.1\r\nHost: 10.0.0.1:7555\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`;

describe("the lesson's Node.js app", () => {
  it('fails through npm when the database is not up yet', () => {
    const { startApp, wait } = lab();
    const app = startApp();
    wait(2);
    expect(app.exitStatus).toBe(1);
    expect(app.logText()).toMatch(
      /^\n> tutorial_node_database@1\.0\.0 start\n> knex migrate:latest && node \.\n\nUsing environment: development\nconnect ECONNREFUSED 10\.0\.0\.2:3306\nError: connect ECONNREFUSED 10\.0\.0\.2:3306\n {4}at TCPConnectWrap/,
    );
    expect(app.logText()).toContain('npm error command sh -c knex migrate:latest && node .\n');
  });

  it('migrates, listens on 7555 and stores a user posted as JSON', () => {
    const { startApp, wait, request, db } = lab();
    wait(FIRST_START_READY_S);
    const app = startApp();
    wait(2);
    expect(app.exitStatus).toBeUndefined();
    expect(app.logText()).toContain('Using environment: development\nBatch 1 run: 1 migrations\nServer running on http://localhost:7555\n');
    const r = request(json('{"username":"sree6","password":"sree6"}'), 'POST');
    expect(r).toMatch(/^HTTP\/1\.1 200 OK\nX-Powered-By: Express\nContent-Type: text\/plain; charset=utf-8\nContent-Length: 2\nETag: W\/"2-nOO9QiTIwXgNtWtBJezz8kv3SLc"\nDate: .* GMT\nConnection: keep-alive\nKeep-Alive: timeout=5\n\nOK$/);
    expect(app.logText()).toContain('Add user sree6 with password sree6\n');
    const rows = mysqlStoreOf(db.ctx.fs)!.records('tutorial_node_database', 'user')!;
    expect(rows.map((u) => [u.id, u.username, u.password])).toEqual([[1, 'sree6', 'sree6']]);
    expect(mysqlStoreOf(db.ctx.fs)!.databases.get('tutorial_node_database')!.tables.has('knex_migrations')).toBe(true);
  });

  it('serves the form, and answers 404 like Express', () => {
    const { startApp, wait, request } = lab();
    wait(FIRST_START_READY_S);
    startApp();
    wait(2);
    expect(request('GET / HTTP/1.1\r\nHost: x\r\n\r\n', 'GET')).toContain('<h1>Create a new user</h1>');
    const nf = request('GET /users HTTP/1.1\r\nHost: x\r\n\r\n', 'GET');
    expect(nf).toContain("HTTP/1.1 404 Not Found\nX-Powered-By: Express\nContent-Security-Policy: default-src 'none'\n");
    expect(nf).toContain('\n\n<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot GET /users</pre>\n</body>\n</html>\n');
  });

  it('crashes with an unhandled rejection when the database goes away', () => {
    const { startApp, wait, request, db } = lab();
    wait(FIRST_START_READY_S);
    const app = startApp();
    wait(2);
    db.stop('SIGTERM');
    expect(db.logText()).toContain('[Server] Received SHUTDOWN from user <via user signal>. Shutting down mysqld (Version: 8.4.7).\n');
    expect(request(json('{"username":"a","password":"b"}'), 'POST')).toBe('no response (ECONNRESET)');
    expect(app.exitStatus).toBe(1);
    expect(app.logText()).toContain(
      'Add user a with password b\nnode:internal/process/promises:394\n    triggerUncaughtException(err, true /* fromPromise */);\n    ^\n\n' +
        "Error: connect ECONNREFUSED 10.0.0.2:3306\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1637:16) {\n  errno: -111,\n  code: 'ECONNREFUSED',\n",
    );
    expect(app.logText()).toMatch(/\}\n\nNode\.js v22\.21\.1\n$/);
  });
});
