import { describe, expect, it } from 'vitest';
import { Vfs, utf8Length } from '../../fs/vfs';
import { RequestReader } from '../../net/http/message';
import { labSession } from '../../../test/lab-session';
import { errorPage, listingHtml, sortListing } from './python-http-pages';
import { handlePythonRequest } from './python-http-handler';
import { guessType } from './python-mime-types';
import { parseHttpServerArgs, parseSimpleHttpServerArgs, pythonLogTime } from './http-server';

function request(raw: string) {
  return new RequestReader().push(raw)[0]!;
}

function fsWith(files: Record<string, string>): Vfs {
  const fs = new Vfs();
  for (const [p, c] of Object.entries(files)) {
    if (p.endsWith('/')) fs.mkdir(p.slice(0, -1), true);
    else {
      fs.mkdir(p.slice(0, p.lastIndexOf('/')) || '/', true);
      fs.writeFile(p, c);
    }
  }
  return fs;
}

const PY3 = { flavour: 'py3' as const, directory: '/srv', pythonVersion: '3.8.10' };
const PY2 = { flavour: 'py2' as const, directory: '/srv', pythonVersion: '2.7.18' };

describe("Python's pages", () => {
  it('list a directory as Python 3.8 does (reference/mininet.md §3.7)', () => {
    expect(listingHtml('py3', '/', [{ name: 'mininet', isDir: true }])).toBe(
      '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN" "http://www.w3.org/TR/html4/strict.dtd">\n<html>\n<head>\n' +
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n<title>Directory listing for /</title>\n</head>\n' +
        '<body>\n<h1>Directory listing for /</h1>\n<hr>\n<ul>\n<li><a href="mininet/">mininet/</a></li>\n</ul>\n<hr>\n</body>\n</html>\n',
    );
  });

  it('list a directory as Python 2.7 does, quoting and escaping names', () => {
    expect(listingHtml('py2', '/a&b/', [{ name: 'x y~', isDir: false }, { name: 'd', isDir: true }])).toBe(
      '<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 3.2 Final//EN"><html>\n<title>Directory listing for /a&amp;b/</title>\n' +
        '<body>\n<h2>Directory listing for /a&amp;b/</h2>\n<hr>\n<ul>\n<li><a href="x%20y%7E">x y~</a>\n<li><a href="d/">d/</a>\n' +
        '</ul>\n<hr>\n</body>\n</html>\n',
    );
  });

  it('sort case-insensitively, dotfiles included', () => {
    expect(sortListing([{ name: 'b' }, { name: 'A' }, { name: '.profile' }, { name: 'a.txt' }]).map((e) => e.name)).toEqual([
      '.profile', 'A', 'a.txt', 'b',
    ]);
  });

  it("write Python 3.8's and 2.7's error pages", () => {
    const p3 = errorPage('py3', 404, 'File not found');
    expect(p3).toContain('        <p>Message: File not found.</p>\n        <p>Error code explanation: 404 - Nothing matches the given URI.</p>\n');
    expect(utf8Length(p3)).toBe(452);
    expect(errorPage('py2', 501, "Unsupported method ('POST')")).toBe(
      '<head>\n<title>Error response</title>\n</head>\n<body>\n<h1>Error response</h1>\n<p>Error code 501.\n' +
        "<p>Message: Unsupported method ('POST').\n<p>Error code explanation: 501 = Server does not support this operation.\n</body>\n",
    );
  });

  it('guess types from the extension as SimpleHTTPRequestHandler on Ubuntu does', () => {
    expect(['a.html', 'b.TXT', 'c.py', 'd.json', '.bashrc', 'README', 'x.tar.gz'].map(guessType)).toEqual([
      'text/html', 'text/plain', 'text/plain', 'application/json', 'application/octet-stream', 'application/octet-stream', 'application/gzip',
    ]);
  });
});

describe("SimpleHTTPRequestHandler's answers", () => {
  const fs = fsWith({ '/srv/hello.txt': 'hi\n', '/srv/sub/': '', '/srv/site/index.html': '<p>home</p>\n' });

  it('serves a file with its type, length and Last-Modified, and logs the request', () => {
    const r = handlePythonRequest(fs, PY3, request('GET /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n'), 0);
    expect(r.bytes).toBe(
      'HTTP/1.0 200 OK\r\nServer: SimpleHTTP/0.6 Python/3.8.10\r\nDate: Mon, 12 Jan 2026 09:00:00 GMT\r\n' +
        'Content-type: text/plain\r\nContent-Length: 3\r\nLast-Modified: Mon, 12 Jan 2026 09:00:00 GMT\r\n\r\nhi\n',
    );
    expect(r.logs).toEqual(['"GET /hello.txt HTTP/1.1" 200 -']);
  });

  it('redirects a directory without its slash, serves index.html, lists the rest', () => {
    const moved = handlePythonRequest(fs, PY3, request('GET /sub?q=1 HTTP/1.1\r\n\r\n'), 0);
    expect(moved.bytes).toBe('HTTP/1.0 301 Moved Permanently\r\nServer: SimpleHTTP/0.6 Python/3.8.10\r\nDate: Mon, 12 Jan 2026 09:00:00 GMT\r\nLocation: /sub/?q=1\r\n\r\n');
    expect(handlePythonRequest(fs, PY3, request('GET /site/ HTTP/1.1\r\n\r\n'), 0).bytes).toMatch(/Content-type: text\/html\r\n.*\r\n\r\n<p>home<\/p>\n$/s);
    const list = handlePythonRequest(fs, PY3, request('GET / HTTP/1.1\r\n\r\n'), 0);
    expect(list.bytes).toContain('Content-type: text/html; charset=utf-8\r\n');
    expect(list.bytes).toContain('<li><a href="hello.txt">hello.txt</a></li>\n<li><a href="site/">site/</a></li>\n<li><a href="sub/">sub/</a></li>');
  });

  it('answers 404 with its log pair, and 404 for a file asked with a trailing slash', () => {
    const r = handlePythonRequest(fs, PY3, request('GET /nope HTTP/1.1\r\n\r\n'), 0);
    expect(r.bytes.startsWith('HTTP/1.0 404 File not found\r\nServer: SimpleHTTP/0.6 Python/3.8.10\r\nDate: Mon, 12 Jan 2026 09:00:00 GMT\r\nConnection: close\r\nContent-Type: text/html;charset=utf-8\r\nContent-Length: 452\r\n\r\n<!DOCTYPE')).toBe(true);
    expect(r.logs).toEqual(['code 404, message File not found', '"GET /nope HTTP/1.1" 404 -']);
    expect(handlePythonRequest(fs, PY3, request('GET /hello.txt/ HTTP/1.1\r\n\r\n'), 0).status).toBe(404);
  });

  it('never leaves the served directory', () => {
    const outside = fsWith({ '/etc/passwd': 'root:x:0:0\n', '/srv/a': 'a' });
    const r = handlePythonRequest(outside, PY3, request('GET /../../etc/passwd HTTP/1.1\r\n\r\n'), 0);
    expect(r.status).toBe(404);
    expect(handlePythonRequest(outside, PY3, request('GET /%2e%2e/a HTTP/1.1\r\n\r\n'), 0).status).toBe(200);
  });

  it('HEAD gets the headers alone; other methods 501; bad request lines 400 and 505', () => {
    const head = handlePythonRequest(fs, PY3, request('HEAD /hello.txt HTTP/1.1\r\n\r\n'), 0);
    expect(head.bytes.endsWith('\r\n\r\n')).toBe(true);
    const post = handlePythonRequest(fs, PY3, request('POST / HTTP/1.1\r\nContent-Length: 1\r\n\r\nx'), 0);
    expect(post.logs).toEqual(["code 501, message Unsupported method ('POST')", '"POST / HTTP/1.1" 501 -']);
    expect(handlePythonRequest(fs, PY3, request('GET / FTP/1.0\r\n\r\n'), 0).logs[0]).toBe("code 400, message Bad request version ('FTP/1.0')");
    expect(handlePythonRequest(fs, PY3, request('GET / HTTP/2.0\r\n\r\n'), 0).logs[0]).toBe('code 505, message Invalid HTTP version (2.0)');
    // HTTP/0.9: no status line, no headers, just the document.
    expect(handlePythonRequest(fs, PY3, request('GET /hello.txt\r\n\r\n'), 0).bytes).toBe('hi\n');
  });

  it('Python 2 says the same things its own way', () => {
    const r = handlePythonRequest(fs, PY2, request('GET /nope HTTP/1.1\r\n\r\n'), 0);
    expect(r.bytes.startsWith('HTTP/1.0 404 File not found\r\nServer: SimpleHTTP/0.6 Python/2.7.18\r\nDate: Mon, 12 Jan 2026 09:00:00 GMT\r\nConnection: close\r\nContent-Type: text/html\r\n\r\n<head>')).toBe(true);
    expect(handlePythonRequest(fs, PY2, request('GET / HTTP/1.1\r\n\r\n'), 0).bytes).toContain('Content-type: text/html; charset=UTF-8\r\n');
  });
});

describe('the command lines', () => {
  it('parse http.server as argparse does in Python 3.8', () => {
    expect(parseHttpServerArgs([])).toEqual({ ok: true, options: { module: 'http.server', port: 8000, bind: undefined, directory: undefined } });
    expect(parseHttpServerArgs(['--bi=127.0.0.1', '-d', '/tmp', '80'])).toEqual({
      ok: true, options: { module: 'http.server', port: 80, bind: '127.0.0.1', directory: '/tmp' },
    });
    const usage = 'usage: server.py [-h] [--cgi] [--bind ADDRESS] [--directory DIRECTORY] [port]\n';
    expect(parseHttpServerArgs(['abc'])).toEqual({ ok: false, status: 2, err: `${usage}server.py: error: argument port: invalid int value: 'abc'\n` });
    expect(parseHttpServerArgs(['80', '-x', '90'])).toEqual({ ok: false, status: 2, err: `${usage}server.py: error: unrecognized arguments: -x 90\n` });
    expect(parseHttpServerArgs(['-b'])).toEqual({ ok: false, status: 2, err: `${usage}server.py: error: argument --bind/-b: expected one argument\n` });
    const help = parseHttpServerArgs(['-h']);
    expect(help.ok === false && help.status === 0 && help.out?.startsWith(usage + '\npositional arguments:\n')).toBe(true);
  });

  it('parse SimpleHTTPServer as int(sys.argv[1])', () => {
    expect(parseSimpleHttpServerArgs(['80', 'ignored'])).toEqual({ ok: true, options: { module: 'SimpleHTTPServer', port: 80 } });
    const bad = parseSimpleHttpServerArgs(['eighty']);
    expect(bad.ok === false && bad.err?.endsWith("ValueError: invalid literal for int() with base 10: 'eighty'\n")).toBe(true);
  });

  it('log times as dd/Mon/YYYY HH:MM:SS', () => {
    expect(pythonLogTime(3_723_000_000)).toBe('12/Jan/2026 10:02:03');
  });
});

describe('the server process', () => {
  function lab() {
    return labSession({ mn: 'mn' });
  }

  it('prints its banner and one log line per request, in h1 output (Mininet shows it with h1\'s next command)', () => {
    const { run } = lab();
    expect(run('h1 python3 -m http.server 80 &')).toBe('');
    expect(run('h2 wget -q -O /dev/null h1')).toBe('');
    expect(run('h1 true')).toBe(
      'Serving HTTP on 0.0.0.0 port 80 (http://0.0.0.0:80/) ...\n10.0.0.2 - - [12/Jan/2026 09:00:00] "GET / HTTP/1.1" 200 -\n',
    );
  });

  it('fails with the traceback when the port is taken, and frees it when killed', () => {
    const { run } = lab();
    run('h1 python3 -m http.server 80 &');
    const out = run('h1 python3 -m http.server 80');
    expect(out.startsWith('Serving HTTP')).toBe(true); // the first server's banner, shown now
    expect(out).toContain('  File "/usr/lib/python3.8/socketserver.py", line 466, in server_bind\n    self.socket.bind(self.server_address)\nOSError: [Errno 98] Address already in use\n');
    expect(run('h1 jobs')).toBe('[1]+  Running                 python3 -m http.server 80 &\n');
    expect(run('h1 kill %python')).toBe('');
    expect(run('h2 curl -s h1')).toBe('');
    expect(run('h2 echo $?')).toBe('7\n');
  });

  it('Ctrl-C: Python 3 says goodbye and exits 0; Python 2 dies with a traceback', () => {
    const { run, session } = labSession({});
    const py3 = run('python3 -m http.server 8000', 2_000_000);
    expect(py3).toBe('Serving HTTP on 0.0.0.0 port 8000 (http://0.0.0.0:8000/) ...\n^C\nKeyboard interrupt received, exiting.\n');
    expect(run('echo $?')).toBe('0\n');
    const py2 = run('python -m SimpleHTTPServer', 2_000_000);
    expect(py2.startsWith('Serving HTTP on 0.0.0.0 port 8000 ...\n^CTraceback (most recent call last):\n')).toBe(true);
    expect(py2.endsWith('    return func(*args)\nKeyboardInterrupt\n')).toBe(true);
    expect(run('echo $?')).toBe('1\n');
    expect(session.closed).toBe(false);
  });

  it('serves the shell\'s working directory, or --directory', () => {
    const { run, sb } = labSession({});
    sb.fs.mkdir('/srv/www', true);
    sb.fs.writeFile('/srv/www/page.html', '<h1>hi</h1>\n');
    run('cd /srv');
    run('python3 -m http.server -d www 8080 &');
    expect(run('curl -s localhost:8080/page.html')).toContain('<h1>hi</h1>\n');
    run('python3 -m http.server --bind 127.0.0.1 8081 &');
    expect(run('curl -s 192.168.122.10:8081')).toBe('');
    expect(run('echo $?')).toBe('7\n');
    expect(run('curl -s 127.0.0.1:8081')).toContain('Directory listing for /');
  });
});
