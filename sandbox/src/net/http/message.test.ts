import { describe, expect, it } from 'vitest';
import { ChunkedDecoder, RequestReader, ResponseReader, formatHead, headerValue, parseStatusLine } from './message';
import { percentDecodeBytes, percentEncode, utf8Decode, utf8Encode } from './bytes';
import { formatUrl, hostHeader, parseHttpUrl, resolveLocation } from './url';
import { httpDate } from './date';

describe('http bytes', () => {
  it('round-trips UTF-8 through byte strings', () => {
    const text = 'héllo → 世界 🌍';
    const bytes = utf8Encode(text);
    expect(bytes.length).toBe(22);
    expect([...bytes].every((c) => c.charCodeAt(0) < 256)).toBe(true);
    expect(utf8Decode(bytes)).toBe(text);
  });

  it('decodes invalid sequences to U+FFFD', () => {
    expect(utf8Decode('a\xffb\xc3')).toBe('a\ufffdb\ufffd');
  });

  it('percent-encodes as Python 3 quote (keeps ~) and Python 2 quote (does not)', () => {
    expect(percentEncode('a b~&é/', '/')).toBe('a%20b~%26%C3%A9/');
    expect(percentEncode('a~', '/', /[A-Za-z0-9_.-]/)).toBe('a%7E');
    expect(utf8Decode(percentDecodeBytes('%C3%A9%zz'))).toBe('é%zz');
  });
});

describe('http messages', () => {
  it('reads pipelined requests with bodies, as TCP delivers them in pieces', () => {
    const r = new RequestReader();
    expect(r.push('GET / HTTP/1.1\r\nHost: a\r\n')).toEqual([]);
    const got = r.push('\r\nPOST /x HTTP/1.1\r\nContent-Length: 3\r\n\r\nab');
    expect(got).toHaveLength(1);
    expect(got[0]!.head).toEqual({ line: 'GET / HTTP/1.1', words: ['GET', '/', 'HTTP/1.1'], headers: [['Host', 'a']] });
    const more = r.push('cGET /y HTTP/1.0\r\n\r\n');
    expect(more.map((q) => [q.head.words[1], q.body])).toEqual([['/x', 'abc'], ['/y', '']]);
  });

  it('decodes a chunked request body and gives up on an endless head', () => {
    const r = new RequestReader();
    const got = r.push('POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;ext\r\nde\r\n0\r\n\r\n');
    expect(got[0]!.body).toBe('abcde');
    const big = new RequestReader();
    big.push('GET /' + 'a'.repeat(70000));
    expect(big.failed).toBe(true);
  });

  it('frames a response by Content-Length and keeps the raw head', () => {
    const r = new ResponseReader('GET');
    r.push('HTTP/1.0 200 OK\r\nServer: x\r\nContent-Length: 5\r\n\r\nhel');
    expect(r.head).toMatchObject({ version: 'HTTP/1.0', status: 200, reason: 'OK' });
    expect(r.rawHead).toBe('HTTP/1.0 200 OK\r\nServer: x\r\nContent-Length: 5\r\n\r\n');
    expect(r.complete).toBe(false);
    r.push('loEXTRA');
    expect(r.complete).toBe(true);
    expect(r.body).toBe('hello');
  });

  it('reads a close-delimited body until the server closes; a short framed one is truncated', () => {
    const r = new ResponseReader('GET');
    r.push('HTTP/1.0 301 Moved Permanently\r\nLocation: /d/\r\n\r\n');
    expect(r.complete).toBe(false);
    r.end();
    expect(r.complete).toBe(true);
    const t = new ResponseReader('GET');
    t.push('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc');
    t.end();
    expect([t.complete, t.truncated]).toEqual([false, true]);
  });

  it('expects no body after HEAD, 204 and 304; decodes chunked responses', () => {
    const h = new ResponseReader('HEAD');
    h.push('HTTP/1.0 200 OK\r\nContent-Length: 377\r\n\r\n');
    expect([h.complete, h.contentLength]).toEqual([true, 377]);
    const n = new ResponseReader('GET');
    n.push('HTTP/1.1 304 Not Modified\r\n\r\n');
    expect(n.complete).toBe(true);
    const c = new ResponseReader('GET');
    c.push('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n');
    c.push('0\r\n\r\n');
    expect([c.complete, c.body]).toEqual([true, 'hello']);
  });

  it('flags an answer without a status line', () => {
    const r = new ResponseReader('GET');
    r.push('<html>hi</html>\n');
    expect(r.malformed).toBe(true);
  });

  it('parses status lines, finds headers case-insensitively and formats heads', () => {
    expect(parseStatusLine('HTTP/1.0 404 File not found')).toEqual({ version: 'HTTP/1.0', status: 404, reason: 'File not found' });
    expect(parseStatusLine('HTTP/1.1 200')).toEqual({ version: 'HTTP/1.1', status: 200, reason: '' });
    expect(parseStatusLine('<html>')).toBeUndefined();
    expect(headerValue([['Content-type', 'text/html']], 'content-type')).toBe('text/html');
    expect(formatHead('HTTP/1.0 200 OK', [['A', '1']])).toBe('HTTP/1.0 200 OK\r\nA: 1\r\n\r\n');
    const d = new ChunkedDecoder();
    expect(d.push('4\r\nab')).toBe(5);
  });
});

describe('http urls and dates', () => {
  it('takes the forms clients accept', () => {
    expect(parseHttpUrl('h1')).toEqual({ ok: true, url: { scheme: 'http', host: 'h1', port: 80, portGiven: false, target: '/' } });
    const u = parseHttpUrl('http://10.0.0.1:8000/dir/f.txt?x=1#frag');
    expect(u).toEqual({ ok: true, url: { scheme: 'http', host: '10.0.0.1', port: 8000, portGiven: true, target: '/dir/f.txt?x=1' } });
    expect(parseHttpUrl('h1:abc')).toEqual({ ok: false, error: 'bad-port' });
    expect(parseHttpUrl('HTTPS://X')).toMatchObject({ ok: true, url: { scheme: 'https', host: 'x', port: 443, target: '/' } });
    if (u.ok) {
      expect(formatUrl(u.url)).toBe('http://10.0.0.1:8000/dir/f.txt?x=1');
      expect(hostHeader(u.url)).toBe('10.0.0.1:8000');
      const rel = resolveLocation(u.url, 'g/');
      expect(rel.ok && rel.url.target).toBe('/dir/g/');
      const abs = resolveLocation(u.url, '/sub/');
      expect(abs.ok && formatUrl(abs.url)).toBe('http://10.0.0.1:8000/sub/');
    }
  });

  it('formats IMF-fixdate from virtual time on the lab clock', () => {
    expect(httpDate(0)).toBe('Mon, 12 Jan 2026 09:00:00 GMT');
    expect(httpDate(86_400_000_000 * 6 + 3_723_000_000)).toBe('Sun, 18 Jan 2026 10:02:03 GMT');
  });
});
