/**
 * HTTP/1.0 and HTTP/1.1 messages (RFC 9112) as byte strings (see bytes.ts): parsing the head
 * (start line and header fields), framing the body (Content-Length, chunked, or until the
 * connection closes) and formatting. Incremental readers take data as TCP delivers it.
 * Servers and clients build their exact bytes themselves (header order and spelling are part
 * of each tool's fidelity); this module only frames and parses.
 */

/** Header fields in the order received, names as spelled on the wire. */
export type HeaderList = ReadonlyArray<readonly [string, string]>;

/** The first value of a header, matched case-insensitively. */
export function headerValue(headers: HeaderList, name: string): string | undefined {
  const n = name.toLowerCase();
  for (const [k, v] of headers) if (k.toLowerCase() === n) return v;
  return undefined;
}

export interface RequestHead {
  /** The request line as received, without its line ending (servers log it). */
  readonly line: string;
  /** Whitespace-separated words of the request line (method, target, version when well formed). */
  readonly words: readonly string[];
  readonly headers: HeaderList;
}

export interface ResponseHead {
  /** The status line without its line ending. */
  readonly line: string;
  readonly version: string;
  readonly status: number;
  /** The reason phrase as sent (Python says "File not found" where nginx says "Not Found"). */
  readonly reason: string;
  readonly headers: HeaderList;
}

/** Longest head a reader accepts before giving up (Python's readline limit is 64 KiB). */
export const MAX_HEAD_BYTES = 65536;

/** Split a head block (without the blank line) into its start line and header fields. */
function splitHead(block: string): { line: string; headers: Array<[string, string]> } {
  const lines = block.split(/\r?\n/);
  const line = lines.shift() ?? '';
  const headers: Array<[string, string]> = [];
  for (const l of lines) {
    if (/^[ \t]/.test(l) && headers.length > 0) {
      // obs-fold: a continuation of the previous field's value
      const last = headers[headers.length - 1]!;
      last[1] = `${last[1]} ${l.trim()}`;
      continue;
    }
    const colon = l.indexOf(':');
    if (colon <= 0) continue;
    headers.push([l.slice(0, colon), l.slice(colon + 1).trim()]);
  }
  return { line, headers };
}

/** Where the head ends: the index just after the blank line, or -1 while incomplete. */
function headEnd(buf: string): number {
  const m = /\r?\n\r?\n/.exec(buf);
  return m ? m.index + m[0].length : -1;
}

/** Parse a status line "HTTP/1.0 200 OK"; undefined when it is not one. */
export function parseStatusLine(line: string): { version: string; status: number; reason: string } | undefined {
  const m = /^(HTTP\/\d+(?:\.\d+)?)[ \t]+(\d{3})(?:[ \t]+(.*))?$/.exec(line);
  if (!m) return undefined;
  return { version: m[1]!, status: Number(m[2]), reason: m[3] ?? '' };
}

/** Format a head: start line, header fields and the blank line, CRLF-terminated. */
export function formatHead(startLine: string, headers: HeaderList): string {
  let s = startLine + '\r\n';
  for (const [k, v] of headers) s += `${k}: ${v}\r\n`;
  return s + '\r\n';
}

/** A request as a server receives it. */
export interface ReceivedRequest {
  readonly head: RequestHead;
  /** Body bytes (Content-Length or chunked; empty otherwise). */
  readonly body: string;
}

/**
 * Reads requests from a connection's byte stream. Several may arrive back to back on a
 * persistent connection; each complete one is returned once. A head longer than
 * MAX_HEAD_BYTES makes the reader fail (the server answers 414 or closes).
 */
export class RequestReader {
  private buf = '';
  private pendingHead: RequestHead | undefined;
  private bodyLength = 0;
  private chunked: ChunkedDecoder | undefined;
  failed = false;

  push(data: string): ReceivedRequest[] {
    if (this.failed) return [];
    this.buf += data;
    const out: ReceivedRequest[] = [];
    for (;;) {
      if (!this.pendingHead) {
        // Blank lines before a request line are ignored (RFC 9112 §2.2).
        this.buf = this.buf.replace(/^(\r?\n)+/, '');
        const end = headEnd(this.buf);
        if (end < 0) {
          if (this.buf.length > MAX_HEAD_BYTES) this.failed = true;
          return out;
        }
        const { line, headers } = splitHead(this.buf.slice(0, end).replace(/\r?\n\r?\n$/, ''));
        this.buf = this.buf.slice(end);
        this.pendingHead = { line, words: line.split(/\s+/).filter((w) => w !== ''), headers };
        const te = headerValue(headers, 'Transfer-Encoding');
        if (te && /chunked/i.test(te)) {
          this.chunked = new ChunkedDecoder();
        } else {
          const cl = Number(headerValue(headers, 'Content-Length') ?? '0');
          this.bodyLength = Number.isInteger(cl) && cl > 0 ? cl : 0;
        }
      }
      let body: string;
      if (this.chunked) {
        const used = this.chunked.push(this.buf);
        this.buf = this.buf.slice(used);
        if (!this.chunked.done) return out;
        body = this.chunked.body;
        this.chunked = undefined;
      } else {
        if (this.buf.length < this.bodyLength) return out;
        body = this.buf.slice(0, this.bodyLength);
        this.buf = this.buf.slice(this.bodyLength);
      }
      out.push({ head: this.pendingHead, body });
      this.pendingHead = undefined;
      this.bodyLength = 0;
    }
  }
}

/** Decodes a chunked body (RFC 9112 §7.1); trailers are read and dropped. */
export class ChunkedDecoder {
  body = '';
  done = false;
  private state: 'size' | 'data' | 'data-crlf' | 'trailer' = 'size';
  private remaining = 0;

  /** Consume what it can of `data`; returns how many bytes it used. */
  push(data: string): number {
    let i = 0;
    while (!this.done && i < data.length) {
      if (this.state === 'size' || this.state === 'trailer' || this.state === 'data-crlf') {
        const nl = data.indexOf('\n', i);
        if (nl < 0) return i;
        const line = data.slice(i, nl).replace(/\r$/, '');
        i = nl + 1;
        if (this.state === 'data-crlf') {
          this.state = 'size';
        } else if (this.state === 'size') {
          const size = parseInt(line.split(';')[0]!.trim(), 16);
          if (!Number.isFinite(size) || size < 0) {
            this.done = true;
            return i;
          }
          if (size === 0) this.state = 'trailer';
          else {
            this.remaining = size;
            this.state = 'data';
          }
        } else if (line === '') {
          this.done = true;
        }
        continue;
      }
      const take = Math.min(this.remaining, data.length - i);
      this.body += data.slice(i, i + take);
      this.remaining -= take;
      i += take;
      if (this.remaining === 0) this.state = 'data-crlf';
    }
    return i;
  }
}

/**
 * Reads one response from a connection's byte stream. `method` decides whether a body may
 * follow (none for HEAD, as for 1xx, 204 and 304). The body is framed by Content-Length, by
 * chunked encoding, or by the server closing the connection (HTTP/1.0 style).
 */
export class ResponseReader {
  private buf = '';
  /** The head's bytes exactly as received, blank line included (curl -i and -v print them). */
  rawHead = '';
  head: ResponseHead | undefined;
  /** Body bytes received so far (decoded from chunks when chunked). */
  body = '';
  /** Content-Length when the server sent one. */
  contentLength: number | undefined;
  complete = false;
  /** The bytes did not start with a status line (HTTP/0.9 answer or garbage). */
  malformed = false;
  /** The connection closed before the framed body was all there. */
  truncated = false;
  private chunked: ChunkedDecoder | undefined;
  private noBody = false;

  constructor(readonly method: string) {}

  push(data: string): void {
    if (this.complete) return;
    if (!this.head) {
      this.buf += data;
      const end = headEnd(this.buf);
      if (end < 0) {
        if (this.buf.length >= 5 && !/^HTTP\//.test(this.buf)) this.malformed = true;
        return;
      }
      this.rawHead = this.buf.slice(0, end);
      const { line, headers } = splitHead(this.rawHead.replace(/\r?\n\r?\n$/, ''));
      const st = parseStatusLine(line);
      if (!st) {
        this.malformed = true;
        return;
      }
      this.head = { line, ...st, headers };
      const rest = this.buf.slice(end);
      this.buf = '';
      const te = headerValue(headers, 'Transfer-Encoding');
      const cl = headerValue(headers, 'Content-Length');
      this.noBody = this.method === 'HEAD' || st.status < 200 || st.status === 204 || st.status === 304;
      if (te && /chunked/i.test(te)) this.chunked = new ChunkedDecoder();
      else if (cl !== undefined && /^\d+$/.test(cl.trim())) this.contentLength = Number(cl.trim());
      if (this.noBody || this.contentLength === 0) {
        this.complete = true;
        return;
      }
      data = rest;
    }
    if (this.chunked) {
      this.chunked.push(data);
      this.body = this.chunked.body;
      if (this.chunked.done) this.complete = true;
      return;
    }
    this.body += data;
    if (this.contentLength !== undefined && this.body.length >= this.contentLength) {
      this.body = this.body.slice(0, this.contentLength);
      this.complete = true;
    }
  }

  /** The server closed the connection (FIN): a close-delimited body is now complete. */
  end(): void {
    if (this.complete || !this.head) return;
    if (this.contentLength === undefined && !this.chunked) this.complete = true;
    else this.truncated = true;
  }
}
