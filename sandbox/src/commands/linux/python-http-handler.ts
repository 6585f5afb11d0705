/**
 * SimpleHTTPRequestHandler answering one request, as Python 3.8's http.server and Python
 * 2.7's SimpleHTTPServer do: parse_request, do_GET/do_HEAD (send_head: the 301 to add a
 * trailing slash, index.html, the directory listing, the file with its guessed type, 404
 * "File not found"), 501 for any other method, with the log lines each writes to stderr.
 * Both speak HTTP/1.0 (protocol_version), so every connection closes after its response.
 * Pure: the filesystem and the time are passed in.
 */
import type { Vfs } from '../../fs/vfs';
import type { Micros } from '../../sim/time';
import type { ReceivedRequest } from '../../net/http/message';
import { httpDate } from '../../net/http/date';
import { percentDecodeBytes, utf8Decode, utf8Encode } from '../../net/http/bytes';
import type { PythonFlavour } from './python-http-pages';
import { errorPage, listingHtml, sortListing, statusPhrase } from './python-http-pages';
import { guessType } from './python-mime-types';

export interface PythonHandlerSpec {
  readonly flavour: PythonFlavour;
  /** The directory served (absolute). */
  readonly directory: string;
  /** sys.version's first word: "3.8.10", "2.7.18". */
  readonly pythonVersion: string;
}

export interface PythonResponse {
  /** The response bytes. */
  readonly bytes: string;
  /** Log messages, each to be written as "<client> - - [<date>] <message>\n" on stderr. */
  readonly logs: readonly string[];
  /** The status sent (for lesson records); undefined when the request line was empty. */
  readonly status: number | undefined;
}

/** Python's repr() of a str, as "%r" formats it in the error messages. */
export function pyRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = q;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === q) out += '\\' + q;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0)) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + q;
}

/** posixpath.normpath followed by translate_path's filter: the path's simple components. */
function pathWords(path: string): string[] {
  const out: string[] = [];
  for (const w of path.split('/')) {
    if (w === '' || w === '.') continue;
    if (w === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!path.startsWith('/')) out.push('..');
      continue;
    }
    out.push(w);
  }
  return out.filter((w) => w !== '..' && w !== '.');
}

/** urllib.parse.urlsplit of a request target: path, query, fragment. */
function splitTarget(target: string): { path: string; query: string | undefined; fragment: string | undefined } {
  let rest = target;
  let fragment: string | undefined;
  let query: string | undefined;
  const h = rest.indexOf('#');
  if (h >= 0) {
    fragment = rest.slice(h + 1);
    rest = rest.slice(0, h);
  }
  const q = rest.indexOf('?');
  if (q >= 0) {
    query = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  return { path: rest, query, fragment };
}

export function handlePythonRequest(fs: Vfs, spec: PythonHandlerSpec, req: ReceivedRequest, now: Micros): PythonResponse {
  const py3 = spec.flavour === 'py3';
  const logs: string[] = [];
  const requestline = req.head.line;
  let requestVersion = 'HTTP/0.9';
  let command = '';
  let head = '';
  let status: number | undefined;

  const sendResponse = (code: number, message?: string): void => {
    logs.push(`"${requestline}" ${code} -`);
    status = code;
    if (requestVersion !== 'HTTP/0.9') head += `HTTP/1.0 ${code} ${message ?? statusPhrase(code)}\r\n`;
    sendHeader('Server', `SimpleHTTP/0.6 Python/${spec.pythonVersion}`);
    sendHeader('Date', httpDate(now));
  };
  const sendHeader = (k: string, v: string): void => {
    if (requestVersion !== 'HTTP/0.9') head += `${k}: ${v}\r\n`;
  };
  const endHeaders = (): void => {
    if (requestVersion !== 'HTTP/0.9') head += '\r\n';
  };
  const done = (body = ''): PythonResponse => ({ bytes: head + (command === 'HEAD' ? '' : body), logs, status });

  const sendError = (code: number, message?: string): PythonResponse => {
    const msg = message ?? statusPhrase(code);
    logs.push(`code ${code}, message ${msg}`);
    sendResponse(code, msg);
    sendHeader('Connection', 'close');
    let body = '';
    if (code >= 200 && code !== 204 && code !== 205 && code !== 304) {
      body = utf8Encode(errorPage(spec.flavour, code, msg));
      if (py3) {
        sendHeader('Content-Type', 'text/html;charset=utf-8');
        sendHeader('Content-Length', String(body.length));
      } else {
        sendHeader('Content-Type', 'text/html');
      }
    }
    endHeaders();
    return done(body);
  };

  // parse_request
  const words = req.head.words;
  if (words.length === 0) return { bytes: '', logs, status: undefined };
  if (py3) {
    if (words.length >= 3) {
      const version = words[words.length - 1]!;
      const num = /^HTTP\/(\d+)\.(\d+)$/.exec(version);
      if (!version.startsWith('HTTP/') || !num) return sendError(400, `Bad request version (${pyRepr(version)})`);
      if (Number(num[1]) >= 2) return sendError(505, `Invalid HTTP version (${version.slice(5)})`);
      requestVersion = version;
    }
    if (words.length > 3 || words.length < 2) return sendError(400, `Bad request syntax (${pyRepr(requestline)})`);
    if (words.length === 2 && words[0] !== 'GET') return sendError(400, `Bad HTTP/0.9 request type (${pyRepr(words[0]!)})`);
  } else {
    if (words.length === 3) {
      const version = words[2]!;
      const num = /^HTTP\/(\d+)\.(\d+)$/.exec(version);
      if (!version.startsWith('HTTP/') || !num) return sendError(400, `Bad request version (${pyRepr(version)})`);
      if (Number(num[1]) >= 2) return sendError(505, `Invalid HTTP Version (${version.slice(5)})`);
      requestVersion = version;
    } else if (words.length === 2) {
      if (words[0] !== 'GET') return sendError(400, `Bad HTTP/0.9 request type (${pyRepr(words[0]!)})`);
    } else {
      return sendError(400, `Bad request syntax (${pyRepr(requestline)})`);
    }
  }
  command = words[0]!;
  const target = words[1]!;
  if (command !== 'GET' && command !== 'HEAD') return sendError(501, `Unsupported method (${pyRepr(command)})`);

  // send_head: translate_path
  const bare = target.split('?')[0]!.split('#')[0]!;
  const trailingSlash = bare.trimEnd().endsWith('/');
  const words2 = pathWords(utf8Decode(percentDecodeBytes(bare)));
  // os.path.join(directory, *words): no ~ or .. interpretation, the words are plain names.
  let fsPath = words2.length === 0 ? spec.directory : `${spec.directory === '/' ? '' : spec.directory}/${words2.join('/')}`;
  if (fs.isDir(fsPath)) {
    const parts = splitTarget(target);
    if (!parts.path.endsWith('/')) {
      sendResponse(301);
      let location = parts.path + '/';
      if (parts.query) location += '?' + parts.query;
      if (parts.fragment) location += '#' + parts.fragment;
      sendHeader('Location', location);
      endHeaders();
      return done();
    }
    let index: string | undefined;
    for (const name of ['index.html', 'index.htm']) {
      const p = `${fsPath === '/' ? '' : fsPath}/${name}`;
      if (fs.exists(p)) {
        index = p;
        break;
      }
    }
    if (index === undefined) {
      // list_directory
      const list = fs.list(fsPath);
      if (typeof list === 'string') return sendError(404, 'No permission to list directory');
      // unquote(self.path): the raw target, query string included (as 3.8 and 2.7 show it).
      const displayPath = utf8Decode(percentDecodeBytes(target));
      const html = utf8Encode(listingHtml(spec.flavour, displayPath, sortListing(list).map((e) => ({ name: e.name, isDir: e.kind === 'dir' }))));
      sendResponse(200);
      sendHeader('Content-type', `text/html; charset=${py3 ? 'utf-8' : 'UTF-8'}`);
      sendHeader('Content-Length', String(html.length));
      endHeaders();
      return done(html);
    }
    fsPath = index;
  } else if (trailingSlash) {
    return sendError(404, 'File not found');
  }
  const ctype = guessType(fsPath);
  if (!fs.isFile(fsPath)) return sendError(404, 'File not found');
  const body = utf8Encode(fs.readFile(fsPath) as string);
  const st = fs.stat(fsPath);
  sendResponse(200);
  sendHeader('Content-type', ctype);
  sendHeader('Content-Length', String(body.length));
  sendHeader('Last-Modified', httpDate(typeof st === 'string' ? now : st.mtime));
  endHeaders();
  return done(body);
}
