/**
 * The nginx image's main process: /docker-entrypoint.sh, then `nginx -g 'daemon off;'` (1.27.4).
 * Facts from reference/docker.md §5:
 *  - startup: the entrypoint's lines on stdout, nginx's [notice] lines on stderr (§5.3);
 *  - upstream names in proxy_pass are resolved once, at config load: a name that does not
 *    resolve stops nginx with `[emerg] host not found in upstream "app:7555" in FILE:LINE`, exit 1;
 *  - each proxied request opens a new connection to the upstream (HTTP/1.0, Host: $proxy_host,
 *    Connection: close); a refused connect is a 502 with the built-in page and an [error] line
 *    `connect() failed (111: Connection refused) while connecting to upstream, ...`; no answer
 *    within proxy_connect_timeout (60 s) is a 504;
 *  - access log lines in the `main` format on stdout; error log lines on stderr;
 *  - static files from `root` with `index`, 404 page otherwise; `error_page` serves a file.
 * The configuration is read from the container's filesystem; `nginx -s reload` reads it again.
 */
import type { ContainerService, ServiceContext, StopSignal } from '../../service';
import type { Vfs } from '../../../fs/vfs';
import { HttpServer } from '../../../net/http/server';
import type { HttpReply, HttpRequestEvent } from '../../../net/http/server';
import { HttpConnection } from '../../../net/http/client';
import { formatHead, headerValue } from '../../../net/http/message';
import type { HeaderList } from '../../../net/http/message';
import { httpDate } from '../../../net/http/date';
import type { TcpError } from '../../../net/tcp';
import { formatIpv4 } from '../../../wire/addr';
import type { Ipv4 } from '../../../wire/addr';
import { MONTH_NAMES, civilFromUnix, pad2 } from '../../../sim/calendar';
import type { Location, NginxConfig, Server } from './config';
import { loadConfig, matchLocation } from './config';
import { DEFAULT_CONF, HTML_MTIME, NGINX_VERSION, PACKAGED_DEFAULT_CONF, mimeType } from './files';

const SERVER = `nginx/${NGINX_VERSION}`;
const CONNECT_TIMEOUT_US = 60_000_000;
const READ_TIMEOUT_US = 60_000_000;
const SERVICE_US = 150;

const REASONS: Record<number, string> = {
  200: 'OK', 301: 'Moved Permanently', 302: 'Moved Temporarily', 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found',
  405: 'Not Allowed', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out',
};

/** nginx's built-in error page (ngx_http_special_response.c, server_tokens on), CRLF line ends. */
export function specialPage(status: number): string {
  const title = `${status} ${REASONS[status] ?? ''}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>${SERVER}</center>\r\n</body>\r\n</html>\r\n`;
}

/** "2026/01/12 09:00:00" (error log). */
function errorLogTime(unix: number): string {
  const t = civilFromUnix(unix);
  return `${t.year}/${pad2(t.month)}/${pad2(t.day)} ${pad2(t.hour)}:${pad2(t.minute)}:${pad2(t.second)}`;
}

/** "12/Jan/2026:09:00:00 +0000" (access log $time_local; the container runs on UTC). */
function accessLogTime(unix: number): string {
  const t = civilFromUnix(unix);
  return `${pad2(t.day)}/${MONTH_NAMES[t.month - 1]}/${t.year}:${pad2(t.hour)}:${pad2(t.minute)}:${pad2(t.second)} +0000`;
}

const ERRNO_TEXT: Record<TcpError, string> = {
  ECONNREFUSED: '111: Connection refused',
  EHOSTUNREACH: '113: No route to host',
  ENETUNREACH: '101: Network is unreachable',
  ETIMEDOUT: '110: Connection timed out',
  ECONNRESET: '104: Connection reset by peer',
};

/** Running nginx masters, by container filesystem (for `nginx -s reload` inside the container). */
const running = new WeakMap<Vfs, Nginx>();

export function nginxOf(fs: Vfs): Nginx | undefined {
  return running.get(fs);
}

interface Resolved {
  readonly config: NginxConfig;
  /** Upstream addresses by "host:port" as written. */
  readonly upstreams: ReadonlyMap<string, Ipv4>;
}

export class Nginx implements ContainerService {
  private ctx: ServiceContext | undefined;
  private current: Resolved | undefined;
  private readonly servers = new Map<number, HttpServer>();
  private readonly workerPid = 29;
  private connNumbers = new Map<string, number>();
  private nextConn = 1;

  start(ctx: ServiceContext): void {
    this.ctx = ctx;
    ctx.stdout(
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration\n' +
        '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/\n' +
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh\n',
    );
    const conf = ctx.fs.readFile(DEFAULT_CONF);
    if (typeof conf !== 'string' || conf === 'ENOENT' || conf === 'EISDIR' || conf === 'ENOTDIR') {
      ctx.stdout(`10-listen-on-ipv6-by-default.sh: info: ${DEFAULT_CONF} is not a file or does not exist\n`);
    } else {
      ctx.stdout(`10-listen-on-ipv6-by-default.sh: info: Getting the checksum of ${DEFAULT_CONF}\n`);
      if (conf === PACKAGED_DEFAULT_CONF) {
        ctx.fs.writeFile(DEFAULT_CONF, conf.replace('    listen       80;\n', '    listen       80;\n    listen  [::]:80;\n'));
        ctx.stdout(`10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in ${DEFAULT_CONF}\n`);
      } else {
        ctx.stdout(`10-listen-on-ipv6-by-default.sh: info: ${DEFAULT_CONF} differs from the packaged version\n`);
      }
    }
    ctx.stdout(
      '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh\n' +
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh\n' +
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh\n' +
        '/docker-entrypoint.sh: Configuration complete; ready for start up\n',
    );
    const r = this.load();
    if (typeof r === 'string') {
      const now = ctx.wallSeconds();
      ctx.stderr(`${errorLogTime(now)} [emerg] 1#1: ${r}\nnginx: [emerg] ${r}\n`);
      ctx.exit(1);
      return;
    }
    for (const port of new Set(r.config.servers.flatMap((s) => s.ports))) {
      const srv = HttpServer.listen(ctx.host.stack, { port, serviceUs: SERVICE_US }, (req, reply) => this.handle(req, reply, port));
      if (typeof srv === 'string') {
        const now = ctx.wallSeconds();
        ctx.stderr(`${errorLogTime(now)} [emerg] 1#1: bind() to 0.0.0.0:${port} failed (98: Address already in use)\nnginx: [emerg] bind() to 0.0.0.0:${port} failed (98: Address already in use)\n`);
        this.closeAll();
        ctx.exit(1);
        return;
      }
      this.servers.set(port, srv);
    }
    this.current = r;
    running.set(ctx.fs, this);
    const t = errorLogTime(ctx.wallSeconds());
    const n = (s: string): string => `${t} [notice] 1#1: ${s}\n`;
    ctx.stderr(
      n('using the "epoll" event method') + n(SERVER) + n('built by gcc 12.2.0 (Debian 12.2.0-14)') + n('OS: Linux 6.8.0-51-generic') +
        n('getrlimit(RLIMIT_NOFILE): 1048576:1048576') + n('start worker processes') + n(`start worker process ${this.workerPid}`),
    );
  }

  /** Parse the configuration and resolve its upstreams: the result or nginx's [emerg] message. */
  load(): Resolved | string {
    const ctx = this.ctx!;
    const c = loadConfig(ctx.fs);
    if (!c.ok) return c.message;
    const upstreams = new Map<string, Ipv4>();
    for (const s of c.config.servers) {
      for (const l of s.locations) {
        const p = l.proxyPass;
        if (!p) continue;
        const ip = ctx.resolve(p.host);
        if (ip === undefined) return `host not found in upstream "${p.hostPort}" in ${p.file}:${p.line}`;
        upstreams.set(p.hostPort, ip);
      }
    }
    return { config: c.config, upstreams };
  }

  /** The error log's time stamp now. */
  logTime(): string {
    return errorLogTime(this.ctx!.wallSeconds());
  }

  /** `nginx -t`: check the configuration; undefined when it is fine, else the [emerg] message. */
  test(): string | undefined {
    const r = this.load();
    return typeof r === 'string' ? r : undefined;
  }

  /** `nginx -s reload` (SIGHUP): load the configuration again; a bad one is logged and the old one kept. */
  reload(signallerPid: number): void {
    const ctx = this.ctx!;
    const t = errorLogTime(ctx.wallSeconds());
    const n = (pid: number, s: string): string => `${t} [notice] ${pid}#${pid}: ${s}\n`;
    let out = n(1, `signal 1 (SIGHUP) received from ${signallerPid}, reconfiguring`) + n(1, 'reconfiguring');
    const r = this.load();
    if (typeof r === 'string') {
      ctx.stderr(out + `${t} [emerg] 1#1: ${r}\n`);
      return;
    }
    this.current = r;
    out += n(1, 'using the "epoll" event method') + n(1, 'start worker processes') + n(1, `start worker process ${this.workerPid + 1}`);
    ctx.stderr(out);
  }

  private pageReply(status: number, keepAlive: boolean, head: boolean): { bytes: string; close: boolean; length: number } {
    const body = specialPage(status);
    const headers: Array<[string, string]> = [
      ['Server', SERVER], ['Date', httpDate(this.ctx!.now())], ['Content-Type', 'text/html'], ['Content-Length', String(body.length)],
      ['Connection', keepAlive ? 'keep-alive' : 'close'],
    ];
    return { bytes: formatHead(`HTTP/1.1 ${status} ${REASONS[status]}`, headers) + (head ? '' : body), close: !keepAlive, length: head ? 0 : body.length };
  }

  private handle(req: HttpRequestEvent, reply: (r: HttpReply) => void, port: number): void {
    const ctx = this.ctx!;
    const cur = this.current;
    if (!cur) return;
    const key = `${req.remoteIp}:${req.remotePort}`;
    let connNo = this.connNumbers.get(key);
    if (connNo === undefined) {
      connNo = this.nextConn++;
      this.connNumbers.set(key, connNo);
    }
    const [method = '', target = '/', version = 'HTTP/1.0'] = req.head.words;
    const hostHeader = headerValue(req.head.headers, 'Host');
    const connHeader = headerValue(req.head.headers, 'Connection') ?? '';
    const keepAlive = version === 'HTTP/1.1' ? !/close/i.test(connHeader) : /keep-alive/i.test(connHeader);
    const head = method === 'HEAD';
    const candidates = cur.config.servers.filter((s) => s.ports.includes(port));
    const hostName = (hostHeader ?? '').replace(/:\d+$/, '').toLowerCase();
    const server = candidates.find((s) => s.serverNames.includes(hostName)) ?? candidates[0]!;
    const client = formatIpv4(req.remoteIp);
    const uri = target.split('?')[0] ?? '/';
    const finish = (status: number, bytes: string, close: boolean, bodyLength: number): void => {
      const ua = headerValue(req.head.headers, 'User-Agent') ?? '-';
      const ref = headerValue(req.head.headers, 'Referer') ?? '-';
      const xff = headerValue(req.head.headers, 'X-Forwarded-For') ?? '-';
      ctx.stdout(`${client} - - [${accessLogTime(ctx.wallSeconds())}] "${req.head.line}" ${status} ${bodyLength} "${ref}" "${ua}" "${xff}"\n`);
      reply({ bytes, close });
    };
    const errorLine = (msg: string, upstream?: string): void => {
      const parts = [`${errorLogTime(ctx.wallSeconds())} [error] ${this.workerPid}#${this.workerPid}: *${connNo} ${msg}, client: ${client}, server: ${server.serverNames[0] ?? ''}, request: "${req.head.line}"`];
      if (upstream) parts.push(`upstream: "${upstream}"`);
      if (hostHeader !== undefined) parts.push(`host: "${hostHeader}"`);
      ctx.stderr(parts.join(', ') + '\n');
    };
    const fail = (status: number): void => {
      const page = server.errorPages.get(status);
      if (page) {
        const loc = matchLocation(server, page);
        const file = loc && !loc.proxyPass ? this.readFile(`${loc.root ?? server.root}${page}`) : undefined;
        if (file !== undefined) {
          const headers: Array<[string, string]> = [
            ['Server', SERVER], ['Date', httpDate(ctx.now())], ['Content-Type', 'text/html'], ['Content-Length', String(file.length)],
            ['Connection', keepAlive ? 'keep-alive' : 'close'],
          ];
          finish(status, formatHead(`HTTP/1.1 ${status} ${REASONS[status]}`, headers) + (head ? '' : file), !keepAlive, head ? 0 : file.length);
          return;
        }
      }
      const r = this.pageReply(status, keepAlive, head);
      finish(status, r.bytes, r.close, r.length);
    };
    const loc = matchLocation(server, uri);
    if (!loc) {
      errorLine(`open() "${server.root}${uri}" failed (2: No such file or directory)`);
      fail(404);
      return;
    }
    if (loc.ret) {
      const body = loc.ret.text ?? '';
      if (loc.ret.text === undefined && REASONS[loc.ret.status]) {
        fail(loc.ret.status);
        return;
      }
      const headers: Array<[string, string]> = [['Server', SERVER], ['Date', httpDate(ctx.now())], ['Content-Type', 'application/octet-stream'], ['Content-Length', String(body.length)], ['Connection', keepAlive ? 'keep-alive' : 'close']];
      finish(loc.ret.status, formatHead(`HTTP/1.1 ${loc.ret.status} ${REASONS[loc.ret.status] ?? ''}`, headers) + (head ? '' : body), !keepAlive, head ? 0 : body.length);
      return;
    }
    if (loc.proxyPass) {
      this.proxy(req, loc, cur, server, keepAlive, { finish, errorLine, fail });
      return;
    }
    this.serveStatic(loc, server, uri, method, keepAlive, { finish, errorLine, fail });
  }

  private readFile(path: string): string | undefined {
    const t = this.ctx!.fs.readFile(path);
    return typeof t === 'string' && !['ENOENT', 'EISDIR', 'ENOTDIR'].includes(t) && this.ctx!.fs.isFile(path) ? t : undefined;
  }

  private serveStatic(
    loc: Location, server: Server, uri: string, method: string, keepAlive: boolean,
    k: { finish: (s: number, b: string, c: boolean, l: number) => void; errorLine: (m: string) => void; fail: (s: number) => void },
  ): void {
    const ctx = this.ctx!;
    const root = loc.root ?? server.root;
    let path = `${root}${uri}`;
    if (uri.endsWith('/')) {
      const found = (loc.index ?? server.index).map((i) => `${path}${i}`).find((p) => this.readFile(p) !== undefined);
      if (!found) {
        if (ctx.fs.isDir(path)) {
          k.errorLine(`directory index of "${path}" is forbidden`);
          k.fail(403);
        } else {
          k.errorLine(`"${path}${(loc.index ?? server.index)[0]}" is not found (2: No such file or directory)`);
          k.fail(404);
        }
        return;
      }
      path = found;
    }
    const body = this.readFile(path);
    if (body === undefined) {
      k.errorLine(`open() "${path}" failed (2: No such file or directory)`);
      k.fail(404);
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      k.fail(405);
      return;
    }
    const st = ctx.fs.stat(path);
    const mtime = typeof st === 'object' && st.mtime > 0 ? Math.floor(1768208400 + st.mtime / 1e6) : HTML_MTIME;
    const headers: Array<[string, string]> = [
      ['Server', SERVER], ['Date', httpDate(ctx.now())], ['Content-Type', mimeType(path)], ['Content-Length', String(body.length)],
      ['Last-Modified', httpDate((mtime - 1768208400) * 1e6)], ['Connection', keepAlive ? 'keep-alive' : 'close'],
      ['ETag', `"${mtime.toString(16)}-${body.length.toString(16)}"`], ['Accept-Ranges', 'bytes'],
    ];
    const head = method === 'HEAD';
    k.finish(200, formatHead('HTTP/1.1 200 OK', headers) + (head ? '' : body), !keepAlive, head ? 0 : body.length);
  }

  private proxy(
    req: HttpRequestEvent, loc: Location, cur: Resolved, server: Server, keepAlive: boolean,
    k: { finish: (s: number, b: string, c: boolean, l: number) => void; errorLine: (m: string, u?: string) => void; fail: (s: number) => void },
  ): void {
    const ctx = this.ctx!;
    const p = loc.proxyPass!;
    const ip = cur.upstreams.get(p.hostPort)!;
    const [method = 'GET', target = '/'] = req.head.words;
    const upstreamUri = p.uri === '' ? target : p.uri + target.slice(loc.path.length);
    const upstreamUrl = `http://${formatIpv4(ip)}:${p.port}${upstreamUri}`;
    const client = formatIpv4(req.remoteIp);
    const vars = (v: string): string =>
      v.replace(/\$(proxy_add_x_forwarded_for|remote_addr|host|http_host|scheme|proxy_host|request_uri)/g, (_m, name: string) => {
        const hostHdr = headerValue(req.head.headers, 'Host');
        switch (name) {
          case 'remote_addr':
            return client;
          case 'host':
            return (hostHdr ?? server.serverNames[0] ?? '').replace(/:\d+$/, '');
          case 'http_host':
            return hostHdr ?? '';
          case 'scheme':
            return 'http';
          case 'proxy_host':
            return p.hostPort;
          case 'request_uri':
            return target;
          default: {
            const xff = headerValue(req.head.headers, 'X-Forwarded-For');
            return xff ? `${xff}, ${client}` : client;
          }
        }
      });
    // proxy_set_header defaults (Host $proxy_host, Connection close), then the client's own fields.
    const set = new Map<string, [string, string]>([['host', ['Host', p.hostPort]], ['connection', ['Connection', 'close']]]);
    for (const [name, value] of loc.setHeaders) set.set(name.toLowerCase(), [name, vars(value)]);
    const headers: Array<readonly [string, string]> = [...set.values()].filter(([, v]) => v !== '');
    for (const [name, value] of req.head.headers) if (!set.has(name.toLowerCase())) headers.push([name, value]);
    const bytes = formatHead(`${method} ${upstreamUri} HTTP/1.0`, headers) + req.body;
    const up = HttpConnection.open(ctx.host.stack, ip, p.port);
    let done = false;
    let sent = false;
    const cancelConnect = ctx.after(CONNECT_TIMEOUT_US, () => {
      if (done || up.connected) return;
      done = true;
      up.abort();
      k.errorLine('upstream timed out (110: Connection timed out) while connecting to upstream', upstreamUrl);
      k.fail(504);
    });
    let cancelRead: (() => void) | undefined;
    const off = up.onChange(() => {
      if (done) return;
      if (up.error && !up.connectedAt) {
        done = true;
        cancelConnect();
        off();
        k.errorLine(`connect() failed (${ERRNO_TEXT[up.error]}) while connecting to upstream`, upstreamUrl);
        k.fail(502);
        return;
      }
      if (up.connected && !sent) {
        sent = true;
        cancelConnect();
        up.send(bytes, method);
        cancelRead = ctx.after(READ_TIMEOUT_US, () => {
          if (done) return;
          done = true;
          up.abort();
          k.errorLine('upstream timed out (110: Connection timed out) while reading response header from upstream', upstreamUrl);
          k.fail(504);
        });
        return;
      }
      const res = up.response;
      if (res?.complete && res.head) {
        done = true;
        off();
        cancelRead?.();
        up.close();
        this.relay(res.head.status, res.head.reason, res.head.headers, res.body, keepAlive, method === 'HEAD', k.finish);
        return;
      }
      if (up.error || up.peerClosed) {
        done = true;
        off();
        cancelRead?.();
        if (up.error === 'ECONNRESET') k.errorLine('recv() failed (104: Connection reset by peer) while reading response header from upstream', upstreamUrl);
        else k.errorLine('upstream prematurely closed connection while reading response header from upstream', upstreamUrl);
        k.fail(502);
      }
    });
  }

  /** Pass the upstream's answer on: nginx's own Server/Date/Connection, the rest in order. */
  private relay(status: number, reason: string, upstream: HeaderList, body: string, keepAlive: boolean, head: boolean, finish: (s: number, b: string, c: boolean, l: number) => void): void {
    const drop = new Set(['server', 'date', 'connection', 'keep-alive', 'transfer-encoding', 'content-type', 'content-length', 'last-modified']);
    const type = headerValue(upstream, 'Content-Type');
    const lastModified = headerValue(upstream, 'Last-Modified');
    const headers: Array<readonly [string, string]> = [['Server', SERVER], ['Date', httpDate(this.ctx!.now())]];
    if (type !== undefined) headers.push(['Content-Type', type]);
    headers.push(['Content-Length', String(body.length)]);
    if (lastModified !== undefined) headers.push(['Last-Modified', lastModified]);
    headers.push(['Connection', keepAlive ? 'keep-alive' : 'close']);
    for (const [name, value] of upstream) if (!drop.has(name.toLowerCase())) headers.push([name, value]);
    finish(status, formatHead(`HTTP/1.1 ${status} ${reason}`, headers) + (head ? '' : body), !keepAlive, head ? 0 : body.length);
  }

  private closeAll(): void {
    for (const s of this.servers.values()) s.close();
    this.servers.clear();
  }

  stop(signal: StopSignal): number | undefined {
    const ctx = this.ctx;
    if (ctx && this.current && signal !== 'SIGKILL') {
      const t = errorLogTime(ctx.wallSeconds());
      const w = this.workerPid;
      const n = (pid: number, s: string): string => `${t} [notice] ${pid}#${pid}: ${s}\n`;
      const first = signal === 'SIGQUIT' ? n(1, 'signal 3 (SIGQUIT) received, shutting down') : n(1, `signal ${signal === 'SIGINT' ? '2 (SIGINT)' : '15 (SIGTERM)'} received, exiting`);
      ctx.stderr(
        first + n(w, signal === 'SIGQUIT' ? 'gracefully shutting down' : 'exiting') + (signal === 'SIGQUIT' ? n(w, 'exiting') : '') + n(w, 'exit') +
          n(1, `signal 17 (SIGCHLD) received from ${w}`) + n(1, `worker process ${w} exited with code 0`) + n(1, 'exit'),
      );
    }
    this.closeAll();
    if (ctx) running.delete(ctx.fs);
    this.current = undefined;
    return signal === 'SIGKILL' ? 137 : 0;
  }
}

export function nginxService(): ContainerService {
  return new Nginx();
}
