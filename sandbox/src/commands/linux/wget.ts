/**
 * GNU Wget 1.20 (Ubuntu 20.04: 1.20.3), HTTP only, over the emulated TCP. Output formats from
 * wget's http.c, connect.c, host.c, progress.c and retr.c; walkthrough transcript in
 * reference/mininet.md §3.7 (`h2 wget -O - h1`).
 *
 *   wget [-q | -nv | -v] [-S] [-O FILE|-] [-t N] [-T SECS] [--connect-timeout S] [--read-timeout S]
 *        [--waitretry S] [--max-redirect N] [--header 'Name: value'] [--post-data DATA] [-U AGENT] URL...
 *
 * Behaviour kept: the "--date--  URL" header per try; "Resolving"/"Connecting to" lines;
 * refused, unreachable and no-route are fatal (exit 4) while timeouts and resets are retried
 * up to --tries (default 20) with 1, 2, ... 10 s between tries; 301/302/303/307/308 are
 * followed; an HTTP error prints "ERROR 404: <reason>." (exit 8); without -O the file is
 * named after the URL (index.html for a directory) and never overwritten (name.1, name.2 ...).
 * The progress bar is drawn for an 80-column terminal, redrawn with "\r" as wget does. The
 * download time wget reports is the body's transfer time plus the cost of reading it.
 * Ctrl-C stops it silently (exit 130), as SIGINT kills wget.
 */
import type { CommandSpec } from '../../shell/registry';
import type { ExecContext } from '../../shell/context';
import type { Proc, Wait, Wake } from '../../shell/process';
import { sleep } from '../../shell/process';
import { getopt } from '../../shell/args';
import { fsErrorText, resolvePath } from '../../fs/vfs';
import type { Ipv4 } from '../../wire/addr';
import { formatIpv4, parseIpv4 } from '../../wire/addr';
import type { Micros } from '../../sim/time';
import { HttpConnection } from '../../net/http/client';
import { headerValue } from '../../net/http/message';
import { percentDecodeBytes, utf8Decode, utf8Encode } from '../../net/http/bytes';
import type { HttpUrl } from '../../net/http/url';
import { formatUrl, hostHeader, parseHttpUrl, resolveLocation } from '../../net/http/url';
import { resolveIn } from './resolve';
import { ERRNO_TEXT, waitOnHttp } from './http-wait';
import { barImage, datetimeStr, humanReadable, retrRate, secsToHumanTime } from './wget-format';
import { reportParseFailure } from '../../shell/parsed-args';
import type { Parsed as ParsedOptions } from '../../shell/parsed-args';

export const WGET_VERSION = '1.20.3';
const USER_AGENT = `Wget/${WGET_VERSION} (linux-gnu)`;
const TRY_HELP = "Usage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n";
/** Columns of the terminal the bar is drawn for. */
const COLUMNS = 80;
/** progress.c REFRESH_INTERVAL: the bar is redrawn at most five times a second. */
const REFRESH_US: Micros = 200_000;
/** update_speed_ring's DLSPEED_SAMPLE_MIN: no speed is shown before 0.15 s of transfer. */
const SPEED_SAMPLE_MIN_S = 0.15;
/** Reading the body out of the socket: a fixed cost plus a memory-copy rate (bytes per µs). */
const READ_COST_US = 6;
const READ_BYTES_PER_US = 200;

/** wget's exit statuses (src/exits.h). */
const EXIT = { ok: 0, generic: 1, parse: 2, io: 3, network: 4, server: 8 } as const;

const HELP = `GNU Wget ${WGET_VERSION}, a non-interactive network retriever.
Usage: wget [OPTION]... [URL]...

Fetches each URL over HTTP and saves it to a file named after the URL (index.html for a
directory), or where -O says. This sandbox speaks plain HTTP only.

Logging:
  -q,  --quiet                 print nothing
  -nv, --no-verbose            print one line per file and the errors
  -v,  --verbose               print every step (the default)
  -S,  --server-response       print the response's header lines

Download:
  -O,  --output-document=FILE  write the documents to FILE ('-' for standard output)
  -t,  --tries=NUMBER          try NUMBER times on a timeout or reset (0 means no limit; default 20)
  -T,  --timeout=SECONDS       set the connect and read timeouts
       --connect-timeout=SECS  give up connecting after SECS
       --read-timeout=SECS     give up waiting for data after SECS (default 900)
       --waitretry=SECONDS     wait 1, 2, ... up to SECONDS between tries (default 10)
       --max-redirect=NUMBER   follow at most NUMBER redirections (default 20)
       --header=STRING         add a request header ('Name: value')
       --post-data=STRING      send a POST request with STRING as its body
  -U,  --user-agent=AGENT      identify as AGENT

  -h,  --help                  print this help
  -V,  --version               print the version
`;

interface Options {
  urls: string[];
  output: string | undefined;
  verbosity: 'quiet' | 'nv' | 'verbose';
  serverResponse: boolean;
  tries: number;
  connectTimeoutS: number | undefined;
  readTimeoutS: number;
  waitRetryS: number;
  maxRedirect: number;
  headers: Array<[string, string]>;
  postData: string | undefined;
  userAgent: string;
}

type Parsed = ParsedOptions<Options>;

/** wget's numeric option values (--tries=inf allowed). */
function parseNumber(opt: string, v: string, allowInf: boolean): number | string {
  if (allowInf && /^inf$/i.test(v)) return 0;
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v);
  return `wget: ${opt}: Invalid number ‘${v}’.\n`;
}

function parseArgs(argv: string[]): Parsed {
  const p = getopt('wget', argv, {
    short: 'O:qvn:St:T:U:hV',
    long: [
      { name: 'output-document', arg: 'required', key: 'O' }, { name: 'quiet', arg: 'none', key: 'q' },
      { name: 'verbose', arg: 'none', key: 'v' }, { name: 'no-verbose', arg: 'none', key: 'nv' },
      { name: 'server-response', arg: 'none', key: 'S' }, { name: 'tries', arg: 'required', key: 't' },
      { name: 'timeout', arg: 'required', key: 'T' }, { name: 'connect-timeout', arg: 'required' },
      { name: 'read-timeout', arg: 'required' }, { name: 'dns-timeout', arg: 'required' },
      { name: 'waitretry', arg: 'required' }, { name: 'max-redirect', arg: 'required' },
      { name: 'header', arg: 'required' }, { name: 'post-data', arg: 'required' },
      { name: 'user-agent', arg: 'required', key: 'U' }, { name: 'help', arg: 'none', key: 'h' },
      { name: 'version', arg: 'none', key: 'V' },
    ],
  });
  if (!p.ok) return { ok: false, status: EXIT.parse, err: `${p.error}\n${TRY_HELP}` };
  const a = p.opts;
  if (a.has('h')) return { ok: false, status: 0, out: HELP };
  if (a.has('V')) {
    return {
      ok: false, status: 0,
      out: `GNU Wget ${WGET_VERSION} built on linux-gnu.\n\n+cares +digest -gpgme +https +ipv6 +iri +large-file -metalink +nls \n+ntlm +opie +psl +ssl/openssl \n\nCopyright (C) 2015 Free Software Foundation, Inc.\nLicense GPLv3+: GNU GPL version 3 or later\n<http://www.gnu.org/licenses/gpl.html>.\nThis is free software: you are free to change and redistribute it.\nThere is NO WARRANTY, to the extent permitted by law.\n\nOriginally written by Hrvoje Niksic <hniksic@xemacs.org>.\nPlease send bug reports and questions to <bug-wget@gnu.org>.\n`,
    };
  }
  const o: Options = {
    urls: p.opts.operands, output: undefined, verbosity: 'verbose', serverResponse: false, tries: 20,
    connectTimeoutS: undefined, readTimeoutS: 900, waitRetryS: 10, maxRedirect: 20, headers: [], postData: undefined,
    userAgent: USER_AGENT,
  };
  for (const [k, v] of a.list) {
    const val = v === true ? '' : v;
    const num = (name: string, allowInf = false): number | undefined => {
      const n = parseNumber(name, val, allowInf);
      if (typeof n === 'string') throw new ArgError(n);
      return n;
    };
    try {
      switch (k) {
        case 'O': o.output = val; break;
        case 'q': o.verbosity = 'quiet'; break;
        case 'v': o.verbosity = 'verbose'; break;
        case 'nv': o.verbosity = 'nv'; break;
        case 'n':
          if (val === 'v') o.verbosity = 'nv';
          else if (val === 'c' || val === 'd' || val === 'H') return { ok: false, status: EXIT.generic, err: `wget: -n${val}: not supported in this sandbox\n` };
          else return { ok: false, status: EXIT.parse, err: `wget: illegal option -- \`-n${val}'\n${TRY_HELP}` };
          break;
        case 'S': o.serverResponse = true; break;
        case 't': o.tries = num('tries', true)!; break;
        case 'T': {
          const n = num('timeout')!;
          o.connectTimeoutS = n || undefined;
          o.readTimeoutS = n;
          break;
        }
        case 'connect-timeout': o.connectTimeoutS = num('connecttimeout') || undefined; break;
        case 'read-timeout': o.readTimeoutS = num('readtimeout')!; break;
        case 'dns-timeout': num('dnstimeout'); break;
        case 'waitretry': o.waitRetryS = num('waitretry')!; break;
        case 'max-redirect': o.maxRedirect = num('maxredirect')!; break;
        case 'header': {
          const m = /^([^:\s]+):\s*(.*)$/.exec(val);
          if (!m) return { ok: false, status: EXIT.parse, err: `wget: header: Invalid header ‘${val}’.\n` };
          o.headers.push([m[1]!, m[2]!]);
          break;
        }
        case 'post-data': o.postData = val; break;
        case 'U': o.userAgent = val; break;
      }
    } catch (e) {
      if (e instanceof ArgError) return { ok: false, status: EXIT.parse, err: e.message };
      throw e;
    }
  }
  if (o.urls.length === 0) return { ok: false, status: EXIT.generic, err: `wget: missing URL\n${TRY_HELP}` };
  return { ok: true, o };
}

class ArgError extends Error {}

/** How one URL ended, for the exit status and the lesson log. */
interface Outcome {
  readonly status: number;
  readonly url: string;
  readonly host: string;
  readonly http: number | undefined;
  readonly bytes: number;
}

/** Where the documents go: the -O target (shared by every URL) or a file per URL. */
interface Sink {
  /** Standard output (-O -). */
  readonly stdout: boolean;
  /** The -O file, opened (truncated) at start, written by every URL in turn. */
  readonly docPath: string | undefined;
}

/** url_file_name: the last path component, percent-decoded; index.html for a directory. */
function urlFileName(u: HttpUrl): string {
  const [path, query] = u.target.split('?', 2) as [string, string | undefined];
  let name = utf8Decode(percentDecodeBytes(path.slice(path.lastIndexOf('/') + 1)));
  if (name === '') name = 'index.html';
  return query !== undefined ? `${name}?${query}` : name;
}

/** unique_name: "name" if free, else name.1, name.2, ... */
function uniqueName(ctx: ExecContext, name: string): string {
  const fs = ctx.fs;
  const at = (n: string): string => resolvePath(n, ctx.shell.cwd, ctx.shell.home);
  if (!fs.exists(at(name))) return name;
  for (let i = 1; ; i++) if (!fs.exists(at(`${name}.${i}`))) return `${name}.${i}`;
}

export function* wgetMain(ctx: ExecContext, argv: string[]): Proc {
  const parsed = parseArgs(argv);
  if (!parsed.ok) return reportParseFailure(ctx, parsed);
  const o = parsed.o;
  const fs = ctx.fs;
  let docPath: string | undefined;
  if (o.output !== undefined && o.output !== '-' && o.output !== '/dev/null') {
    docPath = resolvePath(o.output, ctx.shell.cwd, ctx.shell.home);
    const e = fs.writeFile(docPath, '');
    if (e) {
      ctx.err(`${o.output}: ${fsErrorText(e)}\n`);
      return EXIT.generic;
    }
  }
  const sink: Sink = { stdout: o.output === '-', docPath };
  const startedAt = ctx.net.sched.now;
  const dnsCache = new Map<string, Ipv4>();
  let final = 0;
  let files = 0;
  let totalBytes = 0;
  let totalTimeS = 0;
  for (const text of o.urls) {
    const r = yield* fetchUrl(ctx, o, sink, text, dnsCache);
    if (r === 'interrupt') {
      // SIGINT kills wget; the shell moves to a fresh line (as sleep does here).
      ctx.out('\n');
      return 130;
    }
    if (r.status === EXIT.ok) {
      files++;
      totalBytes += r.bytes;
      totalTimeS += r.timeS;
    }
    // exits.c: apart from 0 and 1, the lowest status wins.
    if (r.status !== 0 && (final === 0 || final === 1 || (r.status !== 1 && r.status < final))) final = r.status;
    ctx.sandbox.lessonLog.recordFetch({ node: ctx.node.name, url: r.url, host: r.host, status: r.http, ok: r.status === 0 });
  }
  if (o.urls.length > 1 && totalBytes > 0 && o.verbosity !== 'quiet') {
    const wall = (ctx.net.sched.now - startedAt) / 1e6;
    ctx.err(
      `FINISHED --${datetimeStr(ctx.net.sched.now)}--\nTotal wall clock time: ${secsToHumanTime(wall)}\n` +
        `Downloaded: ${files} files, ${humanReadable(totalBytes, 10, 1)} in ${secsToHumanTime(totalTimeS)} (${retrRate(totalBytes, totalTimeS)})\n`,
    );
  }
  return final;
}

type FetchResult = (Outcome & { timeS: number }) | 'interrupt';

function* fetchUrl(ctx: ExecContext, o: Options, sink: Sink, text: string, dnsCache: Map<string, Ipv4>): Generator<Wait, FetchResult, Wake> {
  const verbose = o.verbosity === 'verbose';
  const notQuiet = o.verbosity !== 'quiet';
  const log = (s: string): void => {
    if (verbose) ctx.err(s);
  };
  const logNq = (s: string): void => {
    if (notQuiet) ctx.err(s);
  };
  const sched = ctx.net.sched;
  const parsed = parseHttpUrl(text);
  if (!parsed.ok) {
    logNq(parsed.error === 'bad-port' ? `${text}: Bad port number.\n` : `${text}: Invalid host name.\n`);
    return { status: EXIT.generic, url: text, host: '', http: undefined, bytes: 0, timeS: 0 };
  }
  let url = parsed.url;
  const fail = (status: number, http?: number): FetchResult => ({ status, url: formatUrl(url), host: url.host, http, bytes: 0, timeS: 0 });
  if (url.scheme !== 'http') {
    if (url.scheme === 'https' || url.scheme === 'ftp' || url.scheme === 'ftps') logNq(`wget: ${url.scheme.toUpperCase()} is not supported in this sandbox\n`);
    else logNq(`${text}: Unsupported scheme ‘${url.scheme}’.\n`);
    return fail(EXIT.generic);
  }
  let redirects = 0;
  let count = 0;
  // The local name comes from the URL given, not where it redirects to.
  const originalUrl = url;
  for (;;) {
    count++;
    if (count > 1) {
      const waitS = Math.min(count - 1, o.waitRetryS);
      if (waitS > 0) {
        const w = yield sleep(waitS * 1e6);
        if (w.reason === 'interrupt') return 'interrupt';
      }
    }
    log(count > 1 ? `--${datetimeStr(sched.now)}--  (try:${String(count).padStart(2)})  ${formatUrl(url)}\n` : `--${datetimeStr(sched.now)}--  ${formatUrl(url)}\n`);
    // lookup_host
    let ip = parseIpv4(url.host);
    if (ip === undefined) {
      ip = dnsCache.get(url.host);
      if (ip === undefined) {
        log(`Resolving ${url.host} (${url.host})... `);
        const r = resolveIn(ctx, url.host);
        if (!r.ok) {
          log(`failed: ${r.error === 'unknown' ? 'Temporary failure in name resolution' : 'Name or service not known'}.\n`);
          logNq(`wget: unable to resolve host address ‘${url.host}’\n`);
          return fail(EXIT.network);
        }
        ip = r.ip;
        dnsCache.set(url.host, ip);
        log(`${formatIpv4(ip)}\n`);
      }
      log(`Connecting to ${url.host} (${url.host})|${formatIpv4(ip)}|:${url.port}... `);
    } else {
      log(`Connecting to ${formatIpv4(ip)}:${url.port}... `);
    }
    const http = HttpConnection.open(ctx.node.stack, ip, url.port);
    const retry = (): boolean => {
      const last = o.tries !== 0 && count >= o.tries;
      log(last ? 'Giving up.\n\n' : 'Retrying.\n\n');
      return !last;
    };
    try {
      const connectDeadline = o.connectTimeoutS !== undefined ? sched.now + o.connectTimeoutS * 1e6 : undefined;
      const c = yield* waitOnHttp(ctx, http, () => http.connected, { deadline: connectDeadline });
      if (c === 'interrupt') return 'interrupt';
      if (c !== 'ready') {
        const err = c === 'timeout' ? 'ETIMEDOUT' : http.error ?? 'ECONNRESET';
        logNq(`failed: ${ERRNO_TEXT[err]}.\n`);
        // retryable_socket_connect_error: refused and unreachable are final.
        if (err === 'ECONNREFUSED' || err === 'EHOSTUNREACH' || err === 'ENETUNREACH') return fail(EXIT.network);
        if (retry()) continue;
        return fail(EXIT.network);
      }
      log('connected.\n');
      // The request, in wget's header order.
      const method = o.postData !== undefined ? 'POST' : 'GET';
      const headers: Array<[string, string]> = [
        ['User-Agent', o.userAgent], ['Accept', '*/*'], ['Accept-Encoding', 'identity'], ['Host', hostHeader(url)],
        ['Connection', 'Keep-Alive'],
      ];
      const body = o.postData !== undefined ? utf8Encode(o.postData) : '';
      if (o.postData !== undefined) headers.push(['Content-Type', 'application/x-www-form-urlencoded'], ['Content-Length', String(body.length)]);
      for (const [k, v] of o.headers) {
        const i = headers.findIndex(([h]) => h.toLowerCase() === k.toLowerCase());
        if (i >= 0) headers[i] = [k, v];
        else headers.push([k, v]);
      }
      let req = `${method} ${url.target} HTTP/1.1\r\n`;
      for (const [k, v] of headers) req += `${k}: ${v}\r\n`;
      http.send(req + '\r\n' + body, method);
      log('HTTP request sent, awaiting response... ');
      const h = yield* waitOnHttp(ctx, http, () => http.response?.head !== undefined || http.response?.malformed === true, {
        deadline: o.readTimeoutS > 0 ? sched.now + o.readTimeoutS * 1e6 : undefined,
      });
      if (h === 'interrupt') return 'interrupt';
      if (h !== 'ready') {
        if (h === 'timeout') logNq('Read error (Connection timed out) in headers.\n');
        else if (http.error !== undefined) logNq(`Read error (${ERRNO_TEXT[http.error]}) in headers.\n`);
        else logNq('No data received.\n');
        if (retry()) continue;
        return fail(EXIT.network);
      }
      const res = http.response!;
      if (!res.head) {
        logNq('Malformed status line.\n');
        return fail(EXIT.network);
      }
      const head = res.head;
      if (o.serverResponse) {
        log('\n');
        if (notQuiet) {
          for (const line of res.rawHead.replace(/\r?\n\r?\n$/, '').split(/\r?\n/)) ctx.err(`  ${line}\n`);
        }
      } else {
        log(`${String(head.status).padStart(2)} ${head.reason}\n`);
      }
      const location = headerValue(head.headers, 'Location');
      if ([301, 302, 303, 307, 308].includes(head.status)) {
        log(`Location: ${location ?? 'unspecified'}${location !== undefined ? ' [following]' : ''}\n`);
        if (location === undefined) {
          logNq(`ERROR: Redirection (${head.status}) without location.\n`);
          return fail(EXIT.server, head.status);
        }
        const next = resolveLocation(url, location);
        if (!next.ok) return fail(EXIT.generic, head.status);
        if (++redirects > o.maxRedirect) {
          logNq(`${o.maxRedirect} redirections exceeded.\n`);
          return fail(EXIT.server, head.status);
        }
        url = next.url;
        count = 0;
        continue;
      }
      if (head.status === 504) {
        if (retry()) continue;
        return fail(EXIT.server, head.status);
      }
      if (head.status < 200 || head.status >= 300) {
        const tms = datetimeStr(sched.now);
        if (o.verbosity === 'nv') ctx.err(`${formatUrl(url)}:\n`);
        logNq(`${tms} ERROR ${head.status}: ${head.reason}.\n`);
        log('\n');
        return fail(EXIT.server, head.status);
      }
      // A document: where it goes, then the transfer with its progress bar.
      const contentLength = res.contentLength;
      const type = headerValue(head.headers, 'Content-Type')?.replace(/\s*;.*$/, '');
      if (verbose) {
        let len = 'Length: ';
        if (contentLength !== undefined) {
          len += String(contentLength);
          if (contentLength >= 1024) len += ` (${humanReadable(contentLength, 10, 1)})`;
        } else {
          len += 'unspecified';
        }
        ctx.err(type ? `${len} [${type}]\n` : `${len}\n`);
      }
      let localName: string;
      let filePath: string | undefined;
      if (sink.stdout) localName = '-';
      else if (o.output !== undefined) {
        localName = o.output;
        filePath = sink.docPath;
      } else {
        localName = uniqueName(ctx, urlFileName(originalUrl));
        filePath = resolvePath(localName, ctx.shell.cwd, ctx.shell.home);
        const e = ctx.fs.writeFile(filePath, '');
        if (e) {
          logNq(`${localName}: ${fsErrorText(e)}\n`);
          return fail(EXIT.io, head.status);
        }
      }
      log(`Saving to: ‘${sink.stdout ? 'STDOUT' : localName}’\n`);
      const bodyStart = http.headAt ?? sched.now;
      let tick = 0;
      let written = 0;
      const flush = (): void => {
        const now = res.body.length;
        if (now > written) {
          const chunk = res.body.slice(written, now);
          written = now;
          if (sink.stdout) ctx.out(utf8Decode(chunk));
        }
      };
      // The bar shows what has been read (written out) so far.
      const bar = (done: boolean, dlTimeS: number): string => {
        const speed = dlTimeS >= SPEED_SAMPLE_MIN_S && written > 0 ? { bytes: written, secs: dlTimeS } : undefined;
        return barImage({ name: localName, total: contentLength, size: written, dlTime: dlTimeS, done, columns: COLUMNS, tick: tick++, speed });
      };
      if (verbose) ctx.err('\n\r' + bar(false, 0));
      const b = yield* waitOnHttp(ctx, http, () => res.complete, {
        deadline: o.readTimeoutS > 0 ? sched.now + o.readTimeoutS * 1e6 : undefined,
        tickUs: verbose ? REFRESH_US : undefined,
        onTick: () => {
          flush();
          if (verbose) ctx.err('\r' + bar(false, (sched.now - bodyStart) / 1e6));
        },
      });
      if (b === 'interrupt') return 'interrupt';
      flush();
      const bytes = res.body.length;
      const dlTimeS = ((http.completeAt ?? sched.now) - bodyStart + READ_COST_US + bytes / READ_BYTES_PER_US) / 1e6;
      if (filePath !== undefined) ctx.fs.writeFile(filePath, utf8Decode(res.body), true);
      if (verbose) ctx.err('\r' + bar(true, dlTimeS) + '\n\n');
      const tms = datetimeStr(sched.now);
      const rate = retrRate(bytes, dlTimeS);
      if (b !== 'ready') {
        // The connection ended (or stalled) before the whole body came.
        const at = contentLength !== undefined ? `${bytes}/${contentLength}` : String(bytes);
        const readError = b === 'timeout' ? 'ETIMEDOUT' : http.error;
        logNq(readError !== undefined ? `${tms} (${rate}) - Read error at byte ${at} (${ERRNO_TEXT[readError]}). ` : `${tms} (${rate}) - Connection closed at byte ${bytes}. `);
        if (retry()) continue;
        return fail(EXIT.network, head.status);
      }
      const sizes = contentLength !== undefined ? `[${bytes}/${contentLength}]` : `[${bytes}]`;
      log(sink.stdout ? `${tms} (${rate}) - written to stdout ${sizes}\n\n` : `${tms} (${rate}) - ‘${localName}’ saved ${sizes}\n\n`);
      if (o.verbosity === 'nv') ctx.err(`${tms} URL:${formatUrl(url)} ${sizes} -> "${localName}" [${count}]\n`);
      http.close();
      return { status: EXIT.ok, url: formatUrl(url), host: url.host, http: head.status, bytes, timeS: dlTimeS };
    } finally {
      // Interrupted or failed: the socket is closed with data unread (a reset); a finished
      // transfer was closed normally above.
      if (!http.closing) http.abort();
    }
  }
}

export const wgetCommand: CommandSpec = {
  name: 'wget',
  family: 'linux',
  summary: 'download a file over HTTP',
  usage: 'wget [-q|-nv] [-S] [-O FILE|-] [-t N] [-T SECS] URL...',
  where: 'any',
  options: ['-O', '-q', '-nv', '-v', '-S', '-t', '-T', '--tries', '--timeout', '--connect-timeout', '--read-timeout', '--header', '--post-data', '--help', '--version'],
  run: wgetMain,
};
