/**
 * An HTTP server socket over the emulated TCP: listen on a namespace's port, read requests,
 * hand each to a handler, write the bytes it answers. What the answer says (status line,
 * header order, pages, log lines) is the server program's business: Python's http.server,
 * later nginx or a Node.js app each format their own. The handler may answer at once or later
 * (a reverse proxy answers when its upstream has), through `reply`.
 *
 * Connections are served one request at a time; a reply with `close` ends the connection
 * after it is sent (HTTP/1.0 servers always do), otherwise the next request on the same
 * connection is read (HTTP/1.1 keep-alive).
 */
import type { Ipv4 } from '../../wire/addr';
import type { IpStack } from '../ip-stack';
import type { TcpConnection } from '../tcp';
import type { Micros } from '../../sim/time';
import type { ReceivedRequest } from './message';
import { RequestReader } from './message';

export interface HttpRequestEvent extends ReceivedRequest {
  readonly remoteIp: Ipv4;
  readonly remotePort: number;
  readonly localIp: Ipv4;
  readonly localPort: number;
}

export interface HttpReply {
  /** The whole response as bytes: status line, header fields, blank line, body. */
  readonly bytes: string;
  /** Close the connection once it is sent. */
  readonly close: boolean;
}

export type HttpHandler = (req: HttpRequestEvent, reply: (r: HttpReply) => void) => void;

export interface HttpListenOptions {
  readonly port: number;
  /** Accept connections to this local address only (bind()); every address when undefined. */
  readonly bind?: Ipv4;
  /**
   * Virtual time between a request's arrival and the handler running (the program reading
   * and parsing it); a CPython server takes a fraction of a millisecond.
   */
  readonly serviceUs?: Micros;
  /** Called when a request head is too long to read (the server may answer 414). */
  readonly onOversized?: (conn: TcpConnection) => void;
}

/** bind() errors, as errno names. */
export type ListenError = 'EADDRINUSE' | 'EADDRNOTAVAIL';

export class HttpServer {
  private readonly conns = new Set<TcpConnection>();
  private closed = false;

  private constructor(
    readonly stack: IpStack,
    readonly port: number,
  ) {}

  /** Start listening; the handler runs for every request. */
  static listen(stack: IpStack, opts: HttpListenOptions, handler: HttpHandler): HttpServer | ListenError {
    if (opts.bind !== undefined && opts.bind !== 0 && !stack.isLocal(opts.bind)) return 'EADDRNOTAVAIL';
    const server = new HttpServer(stack, opts.port);
    const ok = stack.tcp.listen(opts.port, (c) => server.accept(c, opts, handler), opts.bind || undefined);
    return ok ? server : 'EADDRINUSE';
  }

  /** Open connections (for tests and `ss`-like views). */
  connections(): TcpConnection[] {
    return [...this.conns];
  }

  /** Stop listening and drop every connection (the process ended: the kernel resets them). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stack.tcp.unlisten(this.port);
    for (const c of [...this.conns]) c.abort();
    this.conns.clear();
  }

  private accept(conn: TcpConnection, opts: HttpListenOptions, handler: HttpHandler) {
    const sched = this.stack.net.sched;
    const reader = new RequestReader();
    const queue: ReceivedRequest[] = [];
    let busy = false;
    let finished = false;
    let peerClosed = false;
    this.conns.add(conn);
    const serveNext = (): void => {
      if (busy || finished || this.closed) return;
      const req = queue.shift();
      if (!req) return;
      busy = true;
      sched.after(opts.serviceUs ?? 0, () => {
        if (conn.state === 'CLOSED' || this.closed) return;
        let answered = false;
        handler(
          { ...req, remoteIp: conn.remoteIp, remotePort: conn.remotePort, localIp: conn.localIp, localPort: conn.localPort },
          (r) => {
            if (answered || conn.state === 'CLOSED') return;
            answered = true;
            conn.send(r.bytes);
            busy = false;
            if (r.close || (peerClosed && queue.length === 0)) {
              finished = true;
              conn.close();
            } else {
              serveNext();
            }
          },
        );
      });
    };
    return {
      onData: (_c: TcpConnection, data: string) => {
        if (finished) return;
        queue.push(...reader.push(data));
        if (reader.failed && queue.length === 0 && !busy) {
          finished = true;
          if (opts.onOversized) opts.onOversized(conn);
          else conn.close();
          return;
        }
        serveNext();
      },
      onEnd: () => {
        // The client closed its side: answer what it asked, then close ours.
        peerClosed = true;
        if (!busy && queue.length === 0 && !finished) {
          finished = true;
          conn.close();
        }
      },
      onClose: () => {
        this.conns.delete(conn);
      },
      onError: () => {
        this.conns.delete(conn);
      },
    };
  }
}
