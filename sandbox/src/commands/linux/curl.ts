/**
 * curl 7.68.0 (Ubuntu 20.04), HTTP only, over the emulated TCP. Formats from curl's
 * src/tool_*.c and lib/{connect,http,progress,multi}.c:
 *
 *   curl [-s] [-S] [-v] [-i|-I] [-f] [-L] [-o FILE|-O] [-X METHOD] [-d DATA] [-H 'Name: value']
 *        [-w FORMAT] [-m SECS] [--connect-timeout SECS] [-A AGENT] URL...
 *
 * The body goes to stdout; the progress meter to stderr, only while the output is not the
 * terminal; errors as "curl: (7) Failed to connect to 10.0.0.1 port 80: Connection refused"
 * with curl's exit codes (6 resolve, 7 connect, 22 -f on an HTTP error, 28 timeout,
 * 52 empty reply, 56 receive failure). -v traces the exchange ("*", ">" and "<" lines) on
 * stderr. There is no default timeout: a silent network ends with the kernel's connect
 * timeout (127 s) or with Ctrl-C (exit 130, nothing printed, as SIGINT kills curl).
 */
import type { CommandSpec } from '../../shell/registry';
import type { ExecContext } from '../../shell/context';
import type { Proc, Wait, Wake } from '../../shell/process';
import { fsErrorText, resolvePath } from '../../fs/vfs';
import type { Ipv4 } from '../../wire/addr';
import { formatIpv4, parseIpv4 } from '../../wire/addr';
import type { Micros } from '../../sim/time';
import { HttpConnection } from '../../net/http/client';
import { headerValue } from '../../net/http/message';
import { percentDecodeBytes, percentEncode, utf8Decode, utf8Encode } from '../../net/http/bytes';
import type { HttpUrl } from '../../net/http/url';
import { formatUrl, hostHeader, parseHttpUrl, resolveLocation } from '../../net/http/url';
import { resolveIn } from './resolve';
import { ERRNO_TEXT, waitOnHttp } from './http-wait';
import { METER_HEADER, meterLine } from './curl-format';
import { reportParseFailure } from '../../shell/parsed-args';

export const CURL_VERSION = '7.68.0';
const TRY_HELP = "curl: try 'curl --help' or 'curl --manual' for more information\n";
const SECOND: Micros = 1_000_000;

const VERSION_TEXT =
  `curl ${CURL_VERSION} (x86_64-pc-linux-gnu) libcurl/${CURL_VERSION} OpenSSL/1.1.1f zlib/1.2.11 brotli/1.0.7 libidn2/2.2.0 libpsl/0.21.0 (+libidn2/2.2.0) libssh/0.9.3/openssl/zlib nghttp2/1.40.0 librtmp/2.3\n` +
  'Release-Date: 2020-01-08\n' +
  'Protocols: dict file ftp ftps gopher http https imap imaps ldap ldaps pop3 pop3s rtmp rtsp scp sftp smb smbs smtp smtps telnet tftp \n' +
  'Features: AsynchDNS brotli GSS-API HTTP2 HTTPS-proxy IDN IPv6 Kerberos Largefile libz NTLM NTLM_WB PSL SPNEGO SSL TLS-SRP UnixSockets\n';

const HELP = `Usage: curl [options...] <url>
Transfer a URL. This sandbox speaks plain HTTP only.
 -A, --user-agent <name>   Send this User-Agent
     --connect-timeout <s> Give up connecting after this many seconds
 -d, --data <data>         Send data in a POST request (also --data-raw, --data-binary, --data-urlencode)
 -f, --fail                Fail silently (exit 22) on HTTP errors
 -H, --header <header>     Add a request header ('Name: value'; 'Name:' removes one)
 -h, --help                This help text
 -i, --include             Include the response headers in the output
 -I, --head                Ask for the headers only (HEAD)
 -L, --location            Follow redirects
 -m, --max-time <s>        Give up the whole transfer after this many seconds
 -o, --output <file>       Write the body to <file> instead of stdout
 -O, --remote-name         Write the body to a file named like the remote one
 -s, --silent              No progress meter, no error messages
 -S, --show-error          Show error messages even with -s
 -v, --verbose             Show the conversation (lines starting with *, > and <)
 -V, --version             Show the version
 -w, --write-out <format>  Print this after the transfer (%{http_code}, %{size_download}, ...)
 -X, --request <method>    Use this request method
`;

interface Opt {
  readonly letter: string;
  readonly long: string;
  readonly arg: boolean;
}

const OPTIONS: readonly Opt[] = [
  { letter: 'i', long: 'include', arg: false }, { letter: 'I', long: 'head', arg: false },
  { letter: 's', long: 'silent', arg: false }, { letter: 'S', long: 'show-error', arg: false },
  { letter: 'v', long: 'verbose', arg: false }, { letter: 'o', long: 'output', arg: true },
  { letter: 'O', long: 'remote-name', arg: false }, { letter: 'X', long: 'request', arg: true },
  { letter: 'd', long: 'data', arg: true }, { letter: '', long: 'data-ascii', arg: true },
  { letter: '', long: 'data-raw', arg: true }, { letter: '', long: 'data-binary', arg: true },
  { letter: '', long: 'data-urlencode', arg: true }, { letter: 'H', long: 'header', arg: true },
  { letter: 'L', long: 'location', arg: false }, { letter: 'w', long: 'write-out', arg: true },
  { letter: 'f', long: 'fail', arg: false }, { letter: 'm', long: 'max-time', arg: true },
  { letter: '', long: 'connect-timeout', arg: true }, { letter: 'A', long: 'user-agent', arg: true },
  { letter: 'e', long: 'referer', arg: true }, { letter: 'h', long: 'help', arg: false },
  { letter: 'V', long: 'version', arg: false }, { letter: '4', long: 'ipv4', arg: false },
  { letter: '6', long: 'ipv6', arg: false }, { letter: 'k', long: 'insecure', arg: false },
  { letter: 'q', long: 'disable', arg: false }, { letter: 'N', long: 'no-buffer', arg: false },
  { letter: '', long: 'max-redirs', arg: true }, { letter: '0', long: 'http1.0', arg: false },
  { letter: '', long: 'http1.1', arg: false },
];

interface Options {
  urls: string[];
  include: boolean;
  head: boolean;
  silent: boolean;
  showError: boolean;
  verbose: boolean;
  output: string | undefined;
  remoteName: boolean;
  method: string | undefined;
  data: string[];
  headers: string[];
  location: boolean;
  writeOut: string | undefined;
  fail: boolean;
  maxTimeS: number | undefined;
  connectTimeoutS: number | undefined;
  userAgent: string;
  maxRedirs: number;
  http10: boolean;
}

type Parsed = { ok: true; o: Options } | { ok: false; status: number; out?: string; err?: string };

function paramError(opt: string, text: string): Parsed {
  return { ok: false, status: 2, err: `curl: option ${opt}: ${text}\n${TRY_HELP}` };
}

function parseArgs(ctx: ExecContext, argv: string[]): Parsed {
  const o: Options = {
    urls: [], include: false, head: false, silent: false, showError: false, verbose: false, output: undefined,
    remoteName: false, method: undefined, data: [], headers: [], location: false, writeOut: undefined, fail: false,
    maxTimeS: undefined, connectTimeoutS: undefined, userAgent: `curl/${CURL_VERSION}`, maxRedirs: 50, http10: false,
  };
  let dataPost = false;
  const apply = (opt: Opt, shown: string, value: string | undefined, on: boolean): Parsed | undefined => {
    const num = (): number | undefined => (/^\d+(\.\d+)?$/.test(value!) ? Number(value) : undefined);
    switch (opt.long) {
      case 'include': o.include = on; break;
      case 'head': o.head = on; break;
      case 'silent': o.silent = on; break;
      case 'show-error': o.showError = on; break;
      case 'verbose': o.verbose = on; break;
      case 'output': o.output = value; break;
      case 'remote-name': o.remoteName = on; break;
      case 'request': o.method = value; break;
      case 'data': case 'data-ascii': case 'data-raw': case 'data-binary': case 'data-urlencode': {
        const d = dataValue(ctx, opt.long, value!);
        if (typeof d !== 'string') return d;
        o.data.push(d);
        dataPost = true;
        break;
      }
      case 'header': o.headers.push(value!); break;
      case 'location': o.location = on; break;
      case 'write-out': {
        if (value!.startsWith('@')) {
          const f = readInput(ctx, value!.slice(1));
          if (f === undefined) return { ok: false, status: 26, err: `Warning: Failed to read ${value!.slice(1)}\n` };
          o.writeOut = f;
        } else {
          o.writeOut = value;
        }
        break;
      }
      case 'fail': o.fail = on; break;
      case 'max-time': case 'connect-timeout': case 'max-redirs': {
        const n = num();
        if (n === undefined) return paramError(shown, 'expected a proper numerical parameter');
        if (opt.long === 'max-time') o.maxTimeS = n;
        else if (opt.long === 'connect-timeout') o.connectTimeoutS = n;
        else o.maxRedirs = n;
        break;
      }
      case 'user-agent': o.userAgent = value!; break;
      case 'referer': o.headers.push(`Referer: ${value}`); break;
      case 'help': return { ok: false, status: 0, out: HELP };
      case 'version': return { ok: false, status: 0, out: VERSION_TEXT };
      case 'ipv6': return { ok: false, status: 1, err: 'curl: -6/--ipv6: IPv6 is not supported in this sandbox\n' };
      case 'http1.0': o.http10 = on; break;
      default: break; // -4, -k, -q, -N, --http1.1: nothing to change here
    }
    return undefined;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--') && a.length > 2) {
      let word = a.slice(2);
      let on = true;
      let matches = OPTIONS.filter((x) => x.long.startsWith(word));
      let exact = OPTIONS.find((x) => x.long === word);
      if (!exact && matches.length === 0 && word.startsWith('no-')) {
        word = word.slice(3);
        on = false;
        matches = OPTIONS.filter((x) => x.long.startsWith(word) && !x.arg);
        exact = OPTIONS.find((x) => x.long === word && !x.arg);
      }
      const opt = exact ?? (matches.length === 1 ? matches[0] : undefined);
      if (!opt) return paramError(a, matches.length > 1 ? 'is ambiguous' : 'is unknown');
      let value: string | undefined;
      if (opt.arg) {
        value = argv[++i];
        if (value === undefined) return paramError(a, 'requires parameter');
      }
      const r = apply(opt, a, value, on);
      if (r) return r;
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const opt = OPTIONS.find((x) => x.letter === a[j]);
        if (!opt) return paramError(`-${a[j]}`, 'is unknown');
        let value: string | undefined;
        if (opt.arg) {
          value = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
          if (value === undefined) return paramError(`-${a[j]}`, 'requires parameter');
        }
        const r = apply(opt, `-${a[j]}`, value, true);
        if (r) return r;
        if (opt.arg) break;
      }
      continue;
    }
    o.urls.push(a);
  }
  if (dataPost && o.head) {
    return {
      ok: false, status: 2,
      err: 'Warning: You can only select one HTTP request method! You asked for both POST \nWarning: (-d, --data) and HEAD (-I, --head).\n',
    };
  }
  if (o.urls.length === 0) return { ok: false, status: 2, err: `curl: no URL specified!\n${TRY_HELP}` };
  return { ok: true, o };
}

/** A file operand (`-` is standard input); undefined when it cannot be read. */
function readInput(ctx: ExecContext, name: string): string | undefined {
  if (name === '-') return ctx.stdin ?? '';
  const c = ctx.fs.readFile(resolvePath(name, ctx.shell.cwd, ctx.shell.home));
  return typeof c === 'string' && ctx.fs.isFile(resolvePath(name, ctx.shell.cwd, ctx.shell.home)) ? c : undefined;
}

/** The bytes one -d/--data-* option contributes (curl joins several with '&'). */
function dataValue(ctx: ExecContext, kind: string, value: string): string | Parsed {
  const fromFile = (name: string, strip: boolean): string | Parsed => {
    const c = readInput(ctx, name);
    if (c === undefined) return { ok: false, status: 26, err: `Warning: Couldn't read data from file "${name}", this makes an empty \nWarning: POST.\n` };
    return strip ? c.replace(/[\r\n]/g, '') : c;
  };
  if (kind === 'data-raw') return value;
  if (kind === 'data-urlencode') {
    const enc = (s: string): string => percentEncode(s, '', /[A-Za-z0-9_.\-~]/);
    const eq = value.indexOf('=');
    const at = value.indexOf('@');
    if (eq === 0) return enc(value.slice(1));
    if (eq > 0 && (at < 0 || eq < at)) return `${value.slice(0, eq)}=${enc(value.slice(eq + 1))}`;
    if (at >= 0) {
      const c = fromFile(value.slice(at + 1), false);
      if (typeof c !== 'string') return c;
      return at === 0 ? enc(c) : `${value.slice(0, at)}=${enc(c)}`;
    }
    return enc(value);
  }
  if (value.startsWith('@')) return fromFile(value.slice(1), kind !== 'data-binary');
  return value;
}

/** How a transfer ended: curl's exit code and, for the lesson log, what came back. */
interface Result {
  readonly code: number;
  readonly url: string;
  readonly host: string;
  readonly http: number | undefined;
}

export function* curlMain(ctx: ExecContext, argv: string[]): Proc {
  const parsed = parseArgs(ctx, argv);
  if (!parsed.ok) return reportParseFailure(ctx, parsed);
  const o = parsed.o;
  let code = 0;
  const dnsCache = new Map<string, Ipv4>();
  for (let n = 0; n < o.urls.length; n++) {
    const r = yield* transfer(ctx, o, o.urls[n]!, dnsCache);
    if (r === 'interrupt') {
      // SIGINT kills curl; the shell moves to a fresh line (as sleep does here).
      ctx.out('\n');
      return 130;
    }
    code = r.code;
    ctx.sandbox.lessonLog.recordFetch({ node: ctx.node.name, url: r.url, host: r.host, status: r.http, ok: r.code === 0 && r.http !== undefined && r.http < 300 });
  }
  return code;
}

/** The numbers -w variables and the meter read. */
interface Stats {
  start: Micros;
  connectAt?: Micros;
  firstByteAt?: Micros;
  http?: number;
  httpVersion?: string;
  contentType?: string;
  sizeDownload: number;
  sizeHeader: number;
  sizeUpload: number;
  remoteIp?: Ipv4;
  remotePort?: number;
  localIp?: Ipv4;
  localPort?: number;
  connects: number;
  redirects: number;
  redirectUrl?: string;
  url: HttpUrl | undefined;
}

function* transfer(ctx: ExecContext, o: Options, text: string, dnsCache: Map<string, Ipv4>): Generator<Wait, Result | 'interrupt', Wake> {
  const sched = ctx.net.sched;
  const fs = ctx.fs;
  const showErrors = !o.silent || o.showError;
  const trace = (s: string): void => {
    if (o.verbose) ctx.err(s);
  };
  const stats: Stats = { start: sched.now, sizeDownload: 0, sizeHeader: 0, sizeUpload: 0, connects: 0, redirects: 0, url: undefined };
  const outputToFile = o.output !== undefined && o.output !== '-' || o.remoteName;
  const meterOn = !o.silent && (outputToFile || !ctx.isTty);
  let meterShown = false;
  let downloadSize: number | undefined;
  let uploadSize: number | undefined;
  const drawMeter = (): void => {
    if (!meterOn) return;
    if (!meterShown) ctx.err(METER_HEADER);
    meterShown = true;
    ctx.err('\r' + meterLine({ elapsedUs: sched.now - stats.start, downloaded: stats.sizeDownload, uploaded: stats.sizeUpload, downloadSize, uploadSize }));
  };
  let connNo = 0;
  /** Curl_pgrsDone: the last meter line and its newline. */
  const meterDone = (): void => {
    if (!meterOn) return;
    drawMeter();
    ctx.err('\n');
  };
  const writeOut = (): void => {
    if (o.writeOut !== undefined) ctx.out(formatWriteOut(o.writeOut, stats, sched.now, ctx));
  };
  let url: HttpUrl;
  /** failf: the error goes to the trace at once, then the transfer ends (meter, connection), then curl reports it. */
  const finish = (code: number, message: string, http?: number): Result => {
    trace(`* ${message}\n`);
    meterDone();
    trace(`* Closing connection ${connNo}\n`);
    if (showErrors) ctx.err(`curl: (${code}) ${message}\n`);
    writeOut();
    return { code, url: url ? formatUrl(url) : text, host: url ? url.host : '', http };
  };

  const p = parseHttpUrl(text);
  if (!p.ok) {
    if (showErrors) ctx.err('curl: (3) URL using bad/illegal format or missing URL\n');
    return { code: 3, url: text, host: '', http: undefined };
  }
  url = p.url;
  if (url.scheme !== 'http') {
    const known = ['https', 'ftp', 'ftps', 'dict', 'file', 'gopher', 'imap', 'ldap', 'pop3', 'rtsp', 'scp', 'sftp', 'smb', 'smtp', 'telnet', 'tftp'];
    if (showErrors) {
      ctx.err(known.includes(url.scheme) ? `curl: (1) ${url.scheme} is not supported in this sandbox (plain http only)\n` : `curl: (1) Protocol "${url.scheme}" not supported or disabled in libcurl\n`);
    }
    return { code: 1, url: text, host: url.host, http: undefined };
  }
  // -o FILE / -O: create the file now (curl creates it when the first byte comes; errors read the same).
  let outPath: string | undefined;
  if (o.remoteName || (o.output !== undefined && o.output !== '-')) {
    let name = o.output;
    if (o.remoteName && name === undefined) {
      const path = url.target.split('?')[0]!;
      name = utf8Decode(percentDecodeBytes(path.slice(path.lastIndexOf('/') + 1)));
      if (name === '') {
        ctx.err(`curl: Remote file name has no length!\n${TRY_HELP}`);
        return { code: 23, url: formatUrl(url), host: url.host, http: undefined };
      }
    }
    if (name !== '/dev/null') outPath = resolvePath(name!, ctx.shell.cwd, ctx.shell.home);
  }
  const maxDeadline = o.maxTimeS !== undefined && o.maxTimeS > 0 ? stats.start + o.maxTimeS * SECOND : undefined;
  const elapsedMs = (): number => Math.trunc((sched.now - stats.start) / 1000) + 1;
  drawMeter();
  let body = '';
  for (;;) {
    stats.url = url;
    // Resolve.
    let ip = parseIpv4(url.host);
    if (ip === undefined) {
      ip = dnsCache.get(url.host);
      if (ip === undefined) {
        const r = resolveIn(ctx, url.host);
        if (!r.ok) {
          return finish(6, `Could not resolve host: ${url.host}`);
        }
        ip = r.ip;
        dnsCache.set(url.host, ip);
      }
    }
    stats.remoteIp = ip;
    stats.remotePort = url.port;
    trace(`*   Trying ${formatIpv4(ip)}:${url.port}...\n* TCP_NODELAY set\n`);
    const http = HttpConnection.open(ctx.node.stack, ip, url.port);
    let keep = false;
    try {
      const connectLimit = o.connectTimeoutS !== undefined && o.connectTimeoutS > 0 ? stats.start + o.connectTimeoutS * SECOND : undefined;
      const deadline = [connectLimit, maxDeadline].filter((d): d is number => d !== undefined).reduce<number | undefined>((a, b) => (a === undefined || b < a ? b : a), undefined);
      const c = yield* waitOnHttp(ctx, http, () => http.connected, { deadline, tickUs: meterOn ? SECOND : undefined, onTick: drawMeter });
      if (c === 'interrupt') return 'interrupt';
      if (c === 'timeout') {
        return finish(28, `Connection timed out after ${elapsedMs()} milliseconds`);
      }
      if (c !== 'ready') {
        const why = ERRNO_TEXT[http.error ?? 'ECONNRESET'];
        trace(`* connect to ${formatIpv4(ip)} port ${url.port} failed: ${why}\n`);
        return finish(7, `Failed to connect to ${url.host} port ${url.port}: ${why}`);
      }
      stats.connects++;
      stats.connectAt ??= sched.now;
      stats.localIp = http.localIp;
      stats.localPort = http.localPort;
      trace(`* Connected to ${url.host} (${formatIpv4(ip)}) port ${url.port} (#${connNo})\n`);
      // The request.
      const hasData = o.data.length > 0;
      const method = o.method ?? (o.head ? 'HEAD' : hasData ? 'POST' : 'GET');
      const postBody = hasData ? utf8Encode(o.data.join('&')) : '';
      const custom = o.headers.map((h) => {
        const m = /^([^:;]+)([:;])\s*(.*)$/.exec(h);
        return m ? { name: m[1]!.trim(), sep: m[2]!, value: m[3]! } : undefined;
      }).filter((h): h is { name: string; sep: string; value: string } => h !== undefined);
      const overridden = (name: string): boolean => custom.some((h) => h.name.toLowerCase() === name.toLowerCase());
      let req = `${method} ${url.target} HTTP/${o.http10 ? '1.0' : '1.1'}\r\n`;
      if (!overridden('Host')) req += `Host: ${hostHeader(url)}\r\n`;
      if (!overridden('User-Agent') && o.userAgent !== '') req += `User-Agent: ${o.userAgent}\r\n`;
      if (!overridden('Accept')) req += 'Accept: */*\r\n';
      for (const h of custom) {
        if (h.sep === ':' && h.value === '') continue; // "Name:" removes an internal header
        req += `${h.name}: ${h.value}\r\n`;
      }
      if (hasData) {
        if (!overridden('Content-Length')) req += `Content-Length: ${postBody.length}\r\n`;
        if (!overridden('Content-Type')) req += 'Content-Type: application/x-www-form-urlencoded\r\n';
      }
      req += '\r\n';
      uploadSize = hasData ? postBody.length : undefined;
      http.send(req + postBody, o.head ? 'HEAD' : method === 'HEAD' ? 'GET' : method);
      if (o.verbose) for (const line of req.split(/(?<=\r\n)/)) if (line) ctx.err(`> ${line}`);
      if (hasData) {
        stats.sizeUpload = postBody.length;
        if (outputToFile || !ctx.isTty) trace(`} [${postBody.length} bytes data]\n`);
        trace(`* upload completely sent off: ${postBody.length} out of ${postBody.length} bytes\n`);
      }
      // The response head.
      const h = yield* waitOnHttp(ctx, http, () => http.response?.head !== undefined || http.response?.malformed === true, {
        deadline: maxDeadline, tickUs: meterOn ? SECOND : undefined, onTick: drawMeter,
      });
      if (h === 'interrupt') return 'interrupt';
      const res = http.response!;
      if (h === 'timeout') {
        return finish(28, `Operation timed out after ${elapsedMs()} milliseconds with 0 bytes received`);
      }
      if (h !== 'ready' || !res.head) {
        if (http.error !== undefined) return finish(56, `Recv failure: ${ERRNO_TEXT[http.error]}`);
        return finish(52, 'Empty reply from server');
      }
      const head = res.head;
      stats.firstByteAt ??= http.firstByteAt;
      stats.http = head.status;
      stats.httpVersion = head.version.slice(5);
      stats.contentType = headerValue(head.headers, 'Content-Type');
      stats.sizeHeader += res.rawHead.length;
      downloadSize = res.contentLength;
      trace('* Mark bundle as not supporting multiuse\n');
      if (head.version === 'HTTP/1.0') trace('* HTTP 1.0, assume close after body\n');
      if (o.verbose) for (const line of res.rawHead.split(/(?<=\n)/)) if (line) ctx.err(`< ${line}`);
      const location = headerValue(head.headers, 'Location');
      const redirect = o.location && location !== undefined && [301, 302, 303, 307, 308].includes(head.status);
      if (o.fail && head.status >= 400) {
        return finish(22, `The requested URL returned error: ${head.line.replace(/^\S+\s+/, '')}`, head.status);
      }
      if (o.include || o.head) ctx.out(utf8Decode(res.rawHead));
      // The body, streamed to stdout or the file.
      let written = 0;
      const toStdout = outPath === undefined && !(o.output === '/dev/null') && !redirect;
      const flush = (): void => {
        if (res.body.length > written) {
          const chunk = res.body.slice(written);
          // The trace notes data it does not show once, when the body is not on the terminal.
          if (o.verbose && written === 0 && (outputToFile || !ctx.isTty)) ctx.err(`{ [${Math.min(chunk.length, 16384)} bytes data]\n`);
          written = res.body.length;
          stats.sizeDownload = written;
          if (toStdout) ctx.out(utf8Decode(chunk));
          else if (!redirect) body += chunk;
        }
      };
      const b = yield* waitOnHttp(ctx, http, () => res.complete, {
        deadline: maxDeadline, tickUs: meterOn ? SECOND : undefined, onTick: () => {
          flush();
          drawMeter();
        },
      });
      if (b === 'interrupt') return 'interrupt';
      flush();
      if (b === 'timeout') {
        const of = res.contentLength !== undefined ? ` out of ${res.contentLength}` : '';
        return finish(28, `Operation timed out after ${elapsedMs()} milliseconds with ${written}${of} bytes received`, head.status);
      }
      if (b !== 'ready') {
        if (http.error !== undefined) return finish(56, `Recv failure: ${ERRNO_TEXT[http.error]}`, head.status);
        const left = (res.contentLength ?? 0) - written;
        return finish(18, `transfer closed with ${left} bytes remaining to read`, head.status);
      }
      const persistent = head.version !== 'HTTP/1.0' && !/close/i.test(headerValue(head.headers, 'Connection') ?? '');
      if (redirect) {
        const next = resolveLocation(url, location!);
        if (!next.ok) return finish(3, 'URL using bad/illegal format or missing URL', head.status);
        if (++stats.redirects > o.maxRedirs) return finish(47, `Maximum (${o.maxRedirs}) redirects followed`, head.status);
        trace(`* Issue another request to this URL: '${formatUrl(next.url)}'\n`);
        trace(persistent ? `* Connection #${connNo} to host ${url.host} left intact\n` : `* Closing connection ${connNo}\n`);
        stats.redirectUrl = undefined;
        url = next.url;
        connNo++;
        keep = true;
        http.close();
        continue;
      }
      if (location !== undefined && [301, 302, 303, 307, 308].includes(head.status)) {
        const next = resolveLocation(url, location);
        if (next.ok) stats.redirectUrl = formatUrl(next.url);
      }
      if (outPath !== undefined) {
        const e = fs.writeFile(outPath, utf8Decode(body));
        if (e) {
          ctx.err(`Warning: Failed to create the file ${o.output ?? outPath}: ${fsErrorText(e)}\n`);
          return finish(23, `Failed writing body (0 != ${body.length})`, head.status);
        }
      }
      meterDone();
      trace(persistent ? `* Connection #${connNo} to host ${url.host} left intact\n` : `* Closing connection ${connNo}\n`);
      keep = true;
      http.close();
      writeOut();
      return { code: 0, url: formatUrl(url), host: url.host, http: head.status };
    } finally {
      if (!keep) http.abort();
    }
  }
}

/** -w FORMAT: %{variable}, %% and the backslash escapes curl expands. */
function formatWriteOut(fmt: string, s: Stats, now: Micros, ctx: ExecContext): string {
  const secs = (t: Micros | undefined): string => ((t === undefined ? 0 : t - s.start) / 1e6).toFixed(6);
  const vars: Record<string, () => string> = {
    http_code: () => String(s.http ?? 0).padStart(3, '0'),
    response_code: () => String(s.http ?? 0).padStart(3, '0'),
    http_version: () => s.httpVersion ?? '0',
    size_download: () => String(s.sizeDownload),
    size_upload: () => String(s.sizeUpload),
    size_header: () => String(s.sizeHeader),
    size_request: () => '0',
    content_type: () => s.contentType ?? '',
    time_total: () => secs(now),
    time_namelookup: () => secs(s.start + 20),
    time_connect: () => secs(s.connectAt),
    time_appconnect: () => '0.000000',
    time_pretransfer: () => secs(s.connectAt),
    time_starttransfer: () => secs(s.firstByteAt),
    time_redirect: () => '0.000000',
    speed_download: () => (s.sizeDownload / Math.max(1e-6, (now - s.start) / 1e6)).toFixed(3),
    speed_upload: () => (s.sizeUpload / Math.max(1e-6, (now - s.start) / 1e6)).toFixed(3),
    url_effective: () => (s.url ? formatUrl(s.url) : ''),
    redirect_url: () => s.redirectUrl ?? '',
    remote_ip: () => (s.remoteIp !== undefined ? formatIpv4(s.remoteIp) : ''),
    remote_port: () => (s.remotePort !== undefined ? String(s.remotePort) : '0'),
    local_ip: () => (s.localIp !== undefined ? formatIpv4(s.localIp) : ''),
    local_port: () => (s.localPort !== undefined ? String(s.localPort) : '0'),
    num_connects: () => String(s.connects),
    num_redirects: () => String(s.redirects),
    scheme: () => 'HTTP',
  };
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]!;
    if (c === '%' && fmt[i + 1] === '%') {
      out += '%';
      i++;
    } else if (c === '%' && fmt[i + 1] === '{') {
      const end = fmt.indexOf('}', i);
      if (end < 0) {
        out += c;
        continue;
      }
      const name = fmt.slice(i + 2, end);
      const v = vars[name];
      if (v) out += v();
      else if (name !== 'stdout' && name !== 'stderr') ctx.err(`curl: unknown --write-out variable: '${name}'\n`);
      i = end;
    } else if (c === '\\' && i + 1 < fmt.length) {
      const e = fmt[i + 1]!;
      out += e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e === '\\' ? '\\' : '\\' + e;
      i++;
    } else {
      out += c;
    }
  }
  return out;
}

export const curlCommand: CommandSpec = {
  name: 'curl',
  family: 'linux',
  summary: 'transfer a URL over HTTP',
  usage: "curl [-s] [-v] [-i|-I] [-f] [-L] [-o FILE] [-X METHOD] [-d DATA] [-H 'Name: value'] [-w FORMAT] URL...",
  where: 'any',
  options: ['-i', '-I', '-s', '-S', '-v', '-o', '-O', '-X', '-d', '-H', '-L', '-w', '-f', '-m', '--connect-timeout', '--data', '--header', '--help', '--version'],
  run: curlMain,
};
