/**
 * Python's directory web servers, for the `python`/`python3` command to run:
 *
 *   python3 -m http.server [-h] [--cgi] [--bind ADDRESS] [--directory DIRECTORY] [port]   (Python 3.8)
 *   python  -m SimpleHTTPServer [port]                                                  (Python 2.7)
 *
 * Formats (reference/mininet.md §3.7): the startup line on stdout ("Serving HTTP on 0.0.0.0
 * port 80 (http://0.0.0.0:80/) ..." / "Serving HTTP on 0.0.0.0 port 80 ..."), one log line per
 * request on stderr ('10.0.0.2 - - [12/Jan/2026 09:00:00] "GET / HTTP/1.1" 200 -'), the
 * tracebacks Python prints when the port is taken, and what each prints on Ctrl-C (3.8 catches
 * KeyboardInterrupt and exits 0; 2.7 dies with the traceback, status 1). Requests are answered
 * by python-http-handler.ts over net/http/server.ts; the directory is the lab machine's
 * filesystem, shared by every Mininet host. Hosts run as root, so ports below 1024 are fine.
 *
 * Entry points: parseHttpServerArgs / parseSimpleHttpServerArgs turn the module's arguments
 * into options (or the error Python prints), pythonHttpServer runs the server until it is
 * interrupted or killed; runPythonHttpServerModule does both.
 */
import type { ExecContext } from '../../shell/context';
import type { Proc } from '../../shell/process';
import { Signal, waitFor } from '../../shell/process';
import { resolvePath } from '../../fs/vfs';
import { formatIpv4 } from '../../wire/addr';
import type { Ipv4 } from '../../wire/addr';
import { HttpServer } from '../../net/http/server';
import { MONTH_NAMES, labTime, pad2 } from '../../sim/calendar';
import type { Micros } from '../../sim/time';
import type { PythonFlavour } from './python-http-pages';
import { handlePythonRequest } from './python-http-handler';
import { resolveHost } from './resolve';
import { reportParseFailure } from '../../shell/parsed-args';

export type PythonHttpModule = 'http.server' | 'SimpleHTTPServer';

export interface PythonHttpServerOptions {
  readonly module: PythonHttpModule;
  readonly port: number;
  /** --bind ADDRESS as given (Python 3 only); all interfaces when undefined. */
  readonly bind?: string;
  /** --directory as given (Python 3 only); the shell's working directory when undefined. */
  readonly directory?: string;
  /** sys.version's first word; defaults: 3.8.10 (Ubuntu 20.04's python3), 2.7.18. */
  readonly pythonVersion?: string;
}

export type ParsedServerArgs =
  | { readonly ok: true; readonly options: PythonHttpServerOptions }
  | { readonly ok: false; readonly status: number; readonly out?: string; readonly err?: string };

export const PYTHON3_VERSION = '3.8.10';
export const PYTHON2_VERSION = '2.7.18';

/** Virtual time CPython takes to read, parse and answer one request. */
const SERVICE_US: Micros = 400;

const USAGE = 'usage: server.py [-h] [--cgi] [--bind ADDRESS] [--directory DIRECTORY] [port]\n';

/** argparse's help for http.server's parser (Python 3.8, 80 columns). */
const HELP =
  USAGE +
  `
positional arguments:
  port                  Specify alternate port [default: 8000]

optional arguments:
  -h, --help            show this help message and exit
  --cgi                 Run as CGI Server
  --bind ADDRESS, -b ADDRESS
                        Specify alternate bind address [default: all
                        interfaces]
  --directory DIRECTORY, -d DIRECTORY
                        Specify alternative directory [default:current
                        directory]
`;

function argparseError(message: string): ParsedServerArgs {
  return { ok: false, status: 2, err: `${USAGE}server.py: error: ${message}\n` };
}

/** Python's int() of a command-line string (3.6+: underscores between digits are allowed). */
function pyInt(s: string, underscores: boolean): number | undefined {
  const re = underscores ? /^\s*[+-]?\d+(_\d+)*\s*$/ : /^\s*[+-]?\d+\s*$/;
  return re.test(s) ? Number(s.replace(/_/g, '').trim()) : undefined;
}

/**
 * http.server's command line, parsed as argparse does in Python 3.8: long options may be
 * abbreviated and take `=value`, -b/-d take the next word or an attached value, the one
 * positional is the port, anything left over is "unrecognized".
 */
export function parseHttpServerArgs(argv: readonly string[]): ParsedServerArgs {
  const longs = ['--help', '--cgi', '--bind', '--directory'];
  const positionals: string[] = [];
  const extras: string[] = [];
  let bind: string | undefined;
  let directory: string | undefined;
  let cgi = false;
  const isOptionLike = (a: string): boolean => a.startsWith('-') && a.length > 1 && !/^-\d+$|^-\d*\.\d+$/.test(a);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!isOptionLike(a)) {
      positionals.push(a);
      continue;
    }
    let name: string;
    let attached: string | undefined;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const typed = eq < 0 ? a : a.slice(0, eq);
      attached = eq < 0 ? undefined : a.slice(eq + 1);
      const matches = longs.filter((l) => l === typed || l.startsWith(typed));
      const exact = longs.find((l) => l === typed);
      if (!exact && matches.length > 1) return argparseError(`ambiguous option: ${typed} could match ${matches.join(', ')}`);
      if (!exact && matches.length === 0) {
        extras.push(a);
        continue;
      }
      name = exact ?? matches[0]!;
    } else {
      const flag = a.slice(0, 2);
      const map: Record<string, string> = { '-h': '--help', '-b': '--bind', '-d': '--directory' };
      if (!map[flag]) {
        extras.push(a);
        continue;
      }
      name = map[flag]!;
      if (a.length > 2) attached = a.slice(2);
    }
    if (name === '--help') return { ok: false, status: 0, out: HELP };
    if (name === '--cgi') {
      if (attached !== undefined) return argparseError(`argument --cgi: ignored explicit argument '${attached}'`);
      cgi = true;
      continue;
    }
    let value = attached;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || isOptionLike(next)) {
        return argparseError(`argument ${name === '--bind' ? '--bind/-b' : '--directory/-d'}: expected one argument`);
      }
      value = next;
      i++;
    }
    if (name === '--bind') bind = value;
    else directory = value;
  }
  let port = 8000;
  if (positionals.length > 0) {
    const p = pyInt(positionals[0]!, true);
    if (p === undefined) return argparseError(`argument port: invalid int value: '${positionals[0]}'`);
    port = p;
    extras.push(...positionals.slice(1));
  }
  if (extras.length > 0) return argparseError(`unrecognized arguments: ${extras.join(' ')}`);
  if (cgi) return { ok: false, status: 1, err: 'http.server: --cgi (CGI scripts) is not supported in this sandbox\n' };
  return { ok: true, options: { module: 'http.server', port, bind, directory } };
}

const PY2_TRACE_HEAD =
  'Traceback (most recent call last):\n' +
  '  File "/usr/lib/python2.7/runpy.py", line 174, in _run_module_as_main\n    "__main__", fname, loader, pkg_name)\n' +
  '  File "/usr/lib/python2.7/runpy.py", line 72, in _run_code\n    exec code in run_globals\n' +
  '  File "/usr/lib/python2.7/SimpleHTTPServer.py", line 235, in <module>\n    test()\n' +
  '  File "/usr/lib/python2.7/SimpleHTTPServer.py", line 231, in test\n    BaseHTTPServer.test(HandlerClass, ServerClass)\n';

/** SimpleHTTPServer's command line (Python 2.7 BaseHTTPServer.test): int(sys.argv[1]) or 8000; the rest is ignored. */
export function parseSimpleHttpServerArgs(argv: readonly string[]): ParsedServerArgs {
  if (argv.length === 0) return { ok: true, options: { module: 'SimpleHTTPServer', port: 8000 } };
  const p = pyInt(argv[0]!, false);
  if (p === undefined) {
    return {
      ok: false, status: 1,
      err: PY2_TRACE_HEAD + '  File "/usr/lib/python2.7/BaseHTTPServer.py", line 600, in test\n    port = int(sys.argv[1])\n' +
        `ValueError: invalid literal for int() with base 10: '${argv[0]}'\n`,
    };
  }
  return { ok: true, options: { module: 'SimpleHTTPServer', port: p } };
}

/** The traceback each version prints when bind() fails. */
function bindTraceback(flavour: PythonFlavour, errno: number, text: string): string {
  if (flavour === 'py2') {
    return (
      PY2_TRACE_HEAD +
      '  File "/usr/lib/python2.7/BaseHTTPServer.py", line 606, in test\n    httpd = ServerClass(server_address, HandlerClass)\n' +
      '  File "/usr/lib/python2.7/SocketServer.py", line 420, in __init__\n    self.server_bind()\n' +
      '  File "/usr/lib/python2.7/BaseHTTPServer.py", line 108, in server_bind\n    SocketServer.TCPServer.server_bind(self)\n' +
      '  File "/usr/lib/python2.7/SocketServer.py", line 434, in server_bind\n    self.socket.bind(self.server_address)\n' +
      '  File "/usr/lib/python2.7/socket.py", line 228, in meth\n    return getattr(self._sock,name)(*args)\n' +
      `socket.error: [Errno ${errno}] ${text}\n`
    );
  }
  return (
    'Traceback (most recent call last):\n' +
    '  File "/usr/lib/python3.8/runpy.py", line 194, in _run_module_as_main\n    return _run_code(code, main_globals, None,\n' +
    '  File "/usr/lib/python3.8/runpy.py", line 87, in _run_code\n    exec(code, run_globals)\n' +
    '  File "/usr/lib/python3.8/http/server.py", line 1294, in <module>\n    test(\n' +
    '  File "/usr/lib/python3.8/http/server.py", line 1249, in test\n    with ServerClass(addr, HandlerClass) as httpd:\n' +
    '  File "/usr/lib/python3.8/socketserver.py", line 452, in __init__\n    self.server_bind()\n' +
    '  File "/usr/lib/python3.8/http/server.py", line 1292, in server_bind\n    return super().server_bind()\n' +
    '  File "/usr/lib/python3.8/http/server.py", line 138, in server_bind\n    socketserver.TCPServer.server_bind(self)\n' +
    '  File "/usr/lib/python3.8/socketserver.py", line 466, in server_bind\n    self.socket.bind(self.server_address)\n' +
    `OSError: [Errno ${errno}] ${text}\n`
  );
}

/** Python 2's traceback on Ctrl-C: serve_forever is interrupted inside select(). */
const PY2_INTERRUPT =
  PY2_TRACE_HEAD +
  '  File "/usr/lib/python2.7/BaseHTTPServer.py", line 610, in test\n    httpd.serve_forever()\n' +
  '  File "/usr/lib/python2.7/SocketServer.py", line 231, in serve_forever\n    poll_interval)\n' +
  '  File "/usr/lib/python2.7/SocketServer.py", line 150, in _eintr_retry\n    return func(*args)\n' +
  'KeyboardInterrupt\n';

/** BaseHTTPRequestHandler.log_date_time_string: "12/Jan/2026 09:00:00" in local (lab) time. */
export function pythonLogTime(us: Micros): string {
  const t = labTime(us);
  return `${pad2(t.day)}/${MONTH_NAMES[t.month - 1]}/${t.year} ${pad2(t.hour)}:${pad2(t.minute)}:${pad2(t.second)}`;
}

/** Run the server until Ctrl-C (or until killed: the listening socket closes with the process). */
export function* pythonHttpServer(ctx: ExecContext, o: PythonHttpServerOptions): Proc {
  const flavour: PythonFlavour = o.module === 'http.server' ? 'py3' : 'py2';
  const pythonVersion = o.pythonVersion ?? (flavour === 'py3' ? PYTHON3_VERSION : PYTHON2_VERSION);
  const stack = ctx.node.stack;
  if (o.port < 0 || o.port > 65535) {
    ctx.err(`python: port ${o.port} is outside 0-65535; not supported in this sandbox\n`);
    return 1;
  }
  let bindIp: Ipv4 | undefined;
  if (o.bind !== undefined && o.bind !== '') {
    const r = resolveHost(ctx.sandbox.fs, o.bind);
    if (!r.ok) {
      ctx.err(`python: bind address ${o.bind}: only IPv4 addresses and /etc/hosts names are supported in this sandbox\n`);
      return 1;
    }
    bindIp = r.ip === 0 ? undefined : r.ip;
  }
  let port = o.port;
  if (port === 0) {
    // bind(('', 0)): the kernel picks a free ephemeral port.
    do port = ctx.net.rng.range(32768, 60999);
    while (stack.tcp.isListening(port));
  }
  const directory = resolvePath(o.directory ?? '.', ctx.shell.cwd, ctx.shell.home);
  const spec = { flavour, directory, pythonVersion };
  const fs = ctx.sandbox.fs;
  const server = HttpServer.listen(stack, { port, bind: bindIp, serviceUs: SERVICE_US }, (req, reply) => {
    const now = ctx.net.sched.now;
    const res = handlePythonRequest(fs, spec, req, now);
    const client = formatIpv4(req.remoteIp);
    for (const l of res.logs) ctx.err(`${client} - - [${pythonLogTime(now)}] ${l}\n`);
    reply({ bytes: res.bytes, close: true });
  });
  if (server === 'EADDRINUSE') {
    ctx.err(bindTraceback(flavour, 98, 'Address already in use'));
    return 1;
  }
  if (server === 'EADDRNOTAVAIL') {
    ctx.err(bindTraceback(flavour, 99, 'Cannot assign requested address'));
    return 1;
  }
  const host = bindIp === undefined ? '0.0.0.0' : formatIpv4(bindIp);
  ctx.out(flavour === 'py3' ? `Serving HTTP on ${host} port ${port} (http://${host}:${port}/) ...\n` : `Serving HTTP on ${host} port ${port} ...\n`);
  const forever = new Signal(ctx.net.sched);
  try {
    for (;;) {
      const w = yield waitFor(forever);
      if (w.reason === 'interrupt') {
        if (flavour === 'py3') {
          ctx.out('\nKeyboard interrupt received, exiting.\n');
          return 0;
        }
        ctx.err(PY2_INTERRUPT);
        return 1;
      }
    }
  } finally {
    server.close();
  }
}

/** `python3 -m http.server ARGS` / `python -m SimpleHTTPServer ARGS`: parse, then serve. */
export function* runPythonHttpServerModule(ctx: ExecContext, module: PythonHttpModule, argv: readonly string[], pythonVersion?: string): Proc {
  const parsed = module === 'http.server' ? parseHttpServerArgs(argv) : parseSimpleHttpServerArgs(argv);
  if (!parsed.ok) return reportParseFailure(ctx, parsed);
  return yield* pythonHttpServer(ctx, { ...parsed.options, pythonVersion });
}
