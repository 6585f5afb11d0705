/**
 * The client side of one HTTP connection over the emulated TCP: connect, send request bytes,
 * read the response as it arrives. It records when each step happened (virtual time) so a
 * client program can print its progress and rates; it never prints anything itself.
 * Failures are TcpError names (ECONNREFUSED, ETIMEDOUT, EHOSTUNREACH, ENETUNREACH,
 * ECONNRESET); each program words them its own way.
 *
 * A program waits for progress by subscribing with onChange (e.g. firing a process Signal)
 * and checking the fields after each wake-up.
 */
import type { Ipv4 } from '../../wire/addr';
import type { Micros } from '../../sim/time';
import type { IpStack } from '../ip-stack';
import type { TcpConnection, TcpError } from '../tcp';
import { ResponseReader } from './message';

export class HttpConnection {
  readonly openedAt: Micros;
  connectedAt: Micros | undefined;
  /** Why the connection failed (before or after connecting). */
  error: TcpError | undefined;
  /** The server closed its side (FIN). */
  peerClosed = false;
  /** The response to the request last sent. */
  response: ResponseReader | undefined;
  /** When the request was sent, the first response byte came, the head and the whole response were in. */
  sentAt: Micros | undefined;
  firstByteAt: Micros | undefined;
  headAt: Micros | undefined;
  completeAt: Micros | undefined;
  /** Response bytes received on this connection. */
  bytesReceived = 0;
  private conn: TcpConnection | undefined;
  private listeners = new Set<() => void>();

  private constructor(
    private readonly stack: IpStack,
    readonly remoteIp: Ipv4,
    readonly remotePort: number,
  ) {
    this.openedAt = stack.net.sched.now;
  }

  /** Start connecting; progress and failure are reported through the fields and onChange. */
  static open(stack: IpStack, dst: Ipv4, port: number): HttpConnection {
    const h = new HttpConnection(stack, dst, port);
    const c = stack.tcp.connect(dst, port, {
      onConnect: () => {
        h.connectedAt = stack.net.sched.now;
        h.changed();
      },
      onData: (_c, data) => h.received(data),
      onEnd: () => {
        h.peerClosed = true;
        h.response?.end();
        h.noteComplete();
        h.changed();
      },
      onError: (_c, err) => {
        h.error = err;
        h.response?.end();
        h.changed();
      },
    });
    if (typeof c === 'string') {
      h.error = c;
      // Reported on the next turn, like a failure from the network.
      stack.net.sched.after(0, () => h.changed());
    } else {
      h.conn = c;
    }
    return h;
  }

  get connected(): boolean {
    return this.connectedAt !== undefined && this.error === undefined;
  }

  get localIp(): Ipv4 | undefined {
    return this.conn?.localIp;
  }

  get localPort(): number | undefined {
    return this.conn?.localPort;
  }

  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Send a request (its bytes as formatted by the program); `method` frames the response. */
  send(bytes: string, method: string): void {
    this.response = new ResponseReader(method);
    this.sentAt = this.stack.net.sched.now;
    this.firstByteAt = undefined;
    this.headAt = undefined;
    this.completeAt = undefined;
    this.conn?.send(bytes);
  }

  /** close() was called: our FIN is on its way. */
  closing = false;

  /** Close our side (FIN). */
  close(): void {
    this.closing = true;
    this.conn?.close();
  }

  /** Reset the connection (the program was interrupted or gave up). */
  abort(): void {
    if (this.conn && this.conn.state !== 'CLOSED') this.conn.abort();
  }

  private received(data: string): void {
    const now = this.stack.net.sched.now;
    this.bytesReceived += data.length;
    const r = this.response;
    if (r) {
      if (this.firstByteAt === undefined) this.firstByteAt = now;
      const hadHead = r.head !== undefined;
      r.push(data);
      if (!hadHead && r.head) this.headAt = now;
      this.noteComplete();
    }
    this.changed();
  }

  private noteComplete(): void {
    if (this.response?.complete && this.completeAt === undefined) this.completeAt = this.stack.net.sched.now;
  }

  private changed(): void {
    for (const l of [...this.listeners]) l();
  }
}
