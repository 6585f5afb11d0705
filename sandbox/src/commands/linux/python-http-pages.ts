/**
 * The pages Python's web servers write: SimpleHTTPRequestHandler.list_directory and
 * BaseHTTPRequestHandler's error page, for Python 3.8 (http.server) and Python 2.7
 * (SimpleHTTPServer / BaseHTTPServer), byte for byte, with the status phrases and
 * explanations of each version's `responses` table.
 */
import { percentEncode } from '../../net/http/bytes';

export type PythonFlavour = 'py3' | 'py2';

/** (phrase, explanation) per status: http.HTTPStatus in 3.8, BaseHTTPRequestHandler.responses in 2.7. */
const RESPONSES: Readonly<Record<number, readonly [string, string]>> = {
  200: ['OK', 'Request fulfilled, document follows'],
  301: ['Moved Permanently', 'Object moved permanently -- see URI list'],
  304: ['Not Modified', 'Document has not changed since given time'],
  400: ['Bad Request', 'Bad request syntax or unsupported method'],
  403: ['Forbidden', 'Request forbidden -- authorization will not help'],
  404: ['Not Found', 'Nothing matches the given URI'],
  414: ['Request-URI Too Long', 'URI is too long'],
  500: ['Internal Server Error', 'Server got itself in trouble'],
  501: ['Not Implemented', 'Server does not support this operation'],
  505: ['HTTP Version Not Supported', 'Cannot fulfill request'],
};

/** Python 2.7's table differs from 3.8's in one explanation. */
const PY2_EXPLAIN: Readonly<Record<number, string>> = { 505: 'Cannot fulfill request.' };

export function statusPhrase(code: number): string {
  return RESPONSES[code]?.[0] ?? '';
}

function explanation(flavour: PythonFlavour, code: number): string {
  if (flavour === 'py2' && PY2_EXPLAIN[code]) return PY2_EXPLAIN[code]!;
  return RESPONSES[code]?.[1] ?? '???';
}

/** html.escape(s, quote=False) / cgi.escape(s): &, < and >. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Python 3.8's DEFAULT_ERROR_MESSAGE filled in (message HTML-escaped, explain as is). */
export function errorPage(flavour: PythonFlavour, code: number, message: string): string {
  const explain = explanation(flavour, code);
  if (flavour === 'py2') {
    return (
      '<head>\n<title>Error response</title>\n</head>\n<body>\n<h1>Error response</h1>\n' +
      `<p>Error code ${code}.\n<p>Message: ${escapeHtml(message)}.\n<p>Error code explanation: ${code} = ${explain}.\n</body>\n`
    );
  }
  return (
    '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN"\n        "http://www.w3.org/TR/html4/strict.dtd">\n' +
    '<html>\n    <head>\n        <meta http-equiv="Content-Type" content="text/html;charset=utf-8">\n' +
    '        <title>Error response</title>\n    </head>\n    <body>\n        <h1>Error response</h1>\n' +
    `        <p>Error code: ${code}</p>\n        <p>Message: ${escapeHtml(message)}.</p>\n` +
    `        <p>Error code explanation: ${code} - ${escapeHtml(explain)}.</p>\n    </body>\n</html>\n`
  );
}

export interface ListingEntry {
  readonly name: string;
  readonly isDir: boolean;
}

/** Python's list.sort(key=lambda a: a.lower()): stable, by the lower-cased name. */
export function sortListing<T extends { name: string }>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => {
    const x = a.name.toLowerCase();
    const y = b.name.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/**
 * list_directory's HTML. `displayPath` is the request path already unquoted; entries are in
 * Python's order (sortListing). Python 3 links with urllib.parse.quote (keeps `~`), Python 2
 * with urllib.quote (escapes it); both keep `/`.
 */
export function listingHtml(flavour: PythonFlavour, displayPath: string, entries: readonly ListingEntry[]): string {
  const title = `Directory listing for ${escapeHtml(displayPath)}`;
  if (flavour === 'py2') {
    let s = '<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">';
    s += `<html>\n<title>${title}</title>\n<body>\n<h2>${title}</h2>\n<hr>\n<ul>\n`;
    for (const e of entries) {
      const link = e.isDir ? e.name + '/' : e.name;
      s += `<li><a href="${percentEncode(link, '/', /[A-Za-z0-9_.-]/)}">${escapeHtml(link)}</a>\n`;
    }
    return s + '</ul>\n<hr>\n</body>\n</html>\n';
  }
  const r: string[] = [
    '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN" "http://www.w3.org/TR/html4/strict.dtd">',
    '<html>\n<head>',
    '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
    `<title>${title}</title>\n</head>`,
    `<body>\n<h1>${title}</h1>`,
    '<hr>\n<ul>',
  ];
  for (const e of entries) {
    const link = e.isDir ? e.name + '/' : e.name;
    r.push(`<li><a href="${percentEncode(link, '/')}">${escapeHtml(link)}</a></li>`);
  }
  r.push('</ul>\n<hr>\n</body>\n</html>\n');
  return r.join('\n');
}
