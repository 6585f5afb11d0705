/**
 * A simplified but real TCP (RFC 9293): three-way handshake, in-order data with cumulative
 * ACKs and retransmission, FIN close, RST for closed ports. No congestion control or window
 * scaling: bulk throughput (iperf) is computed by the flow model, not packet by packet.
 * Errors reach the application as the errno names Linux tools turn into messages
 * (ECONNREFUSED → "Connection refused", ETIMEDOUT → "Connection timed out", ...).
 */
import type { Ipv4 } from '../wire/addr';
import type { Ipv4Packet } from '../wire/ipv4';
import type { IcmpMessage } from '../wire/icmp';
import { ICMP_DEST_UNREACH } from '../wire/icmp';
import type { TcpFlags, TcpSegment } from '../wire/tcp';
import type { EventHandle } from '../sim/scheduler';
import type { IpStack } from './ip-stack';

export const MSS = 1448;
const INITIAL_RTO = 1_000_000;
const MIN_RTO = 200_000;
const SYN_RETRIES = 6;
const DATA_RETRIES = 15;

export type TcpState =
  | 'SYN_SENT' | 'SYN_RECEIVED' | 'ESTABLISHED' | 'FIN_WAIT_1' | 'FIN_WAIT_2'
  | 'CLOSE_WAIT' | 'LAST_ACK' | 'CLOSING' | 'TIME_WAIT' | 'CLOSED';

export type TcpError = 'ECONNREFUSED' | 'ETIMEDOUT' | 'EHOSTUNREACH' | 'ENETUNREACH' | 'ECONNRESET';

export interface TcpHandlers {
  onConnect?(c: TcpConnection): void;
  onData?(c: TcpConnection, data: string): void;
  /** The peer closed its side (FIN received). */
  onEnd?(c: TcpConnection): void;
  onError?(c: TcpConnection, err: TcpError): void;
  /** Both sides closed. */
  onClose?(c: TcpConnection): void;
}

interface Unacked {
  seg: TcpSegment;
  end: number;
  tries: number;
  timer?: EventHandle;
}

export class TcpConnection {
  state: TcpState;
  sndNxt: number;
  sndUna: number;
  rcvNxt = 0;
  private unacked: Unacked[] = [];
  /** When an ACK last acknowledged new data (restarts the retransmission timer). */
  private lastAckAt = -Infinity;
  handlers: TcpHandlers;
  bytesReceived = 0;

  constructor(
    readonly layer: TcpLayer,
    readonly localIp: Ipv4,
    readonly localPort: number,
    readonly remoteIp: Ipv4,
    readonly remotePort: number,
    state: TcpState,
    handlers: TcpHandlers,
  ) {
    this.state = state;
    const iss = layer.stack.net.rng.u32();
    this.sndNxt = iss;
    this.sndUna = iss;
    this.handlers = handlers;
  }

  get key(): string {
    return TcpLayer.key(this.localIp, this.localPort, this.remoteIp, this.remotePort);
  }

  /** Queue application data; it is segmented at the MSS and sent at once. */
  send(data: string): void {
    if (this.state !== 'ESTABLISHED' && this.state !== 'CLOSE_WAIT') return;
    for (let i = 0; i < data.length; i += MSS) {
      const chunk = data.slice(i, i + MSS);
      this.emit({ ack: true, psh: true }, chunk.length, chunk);
    }
  }

  /** Close our side (send FIN). */
  close(): void {
    if (this.state === 'ESTABLISHED') {
      this.state = 'FIN_WAIT_1';
      this.emit({ fin: true, ack: true }, 0);
    } else if (this.state === 'CLOSE_WAIT') {
      this.state = 'LAST_ACK';
      this.emit({ fin: true, ack: true }, 0);
    } else if (this.state === 'SYN_SENT' || this.state === 'SYN_RECEIVED') {
      this.destroy();
    }
  }

  /** Abort with RST. */
  abort(): void {
    if (this.state !== 'CLOSED' && this.state !== 'SYN_SENT') this.rawSend({ rst: true, ack: true }, this.sndNxt, 0);
    this.destroy();
  }

  /** Send a segment that occupies sequence space (SYN, FIN or data) and keep it for retransmission. */
  emit(flags: TcpFlags, length: number, data?: string): void {
    const seq = this.sndNxt;
    const seqLen = length + (flags.syn ? 1 : 0) + (flags.fin ? 1 : 0);
    const seg = this.rawSend(flags, seq, length, data);
    this.sndNxt = (this.sndNxt + seqLen) >>> 0;
    if (seqLen > 0 && seg) {
      const u: Unacked = { seg, end: this.sndNxt, tries: 0 };
      this.unacked.push(u);
      this.arm(u);
    }
  }

  private arm(u: Unacked, delay?: number): void {
    const limit = u.seg.flags.syn ? SYN_RETRIES : DATA_RETRIES;
    const rto = (u.seg.flags.syn ? INITIAL_RTO : MIN_RTO) * 2 ** u.tries;
    const sched = this.layer.stack.net.sched;
    u.timer = sched.after(delay ?? rto, () => {
      if (this.state === 'CLOSED') return;
      // RFC 6298 §5.3: an ACK for new data restarts the retransmission timer, so segments still
      // queued behind a slow link are not resent while the receiver keeps acknowledging.
      const quiet = sched.now - this.lastAckAt;
      if (quiet < rto) {
        this.arm(u, rto - quiet);
        return;
      }
      if (u.tries >= limit) {
        this.fail('ETIMEDOUT');
        return;
      }
      u.tries++;
      this.layer.transmit(this, u.seg);
      this.arm(u);
    });
  }

  rawSend(flags: TcpFlags, seq: number, length: number, data?: string): TcpSegment | undefined {
    const seg: TcpSegment = {
      proto: 'tcp', sport: this.localPort, dport: this.remotePort, seq, ack: flags.ack ? this.rcvNxt : 0,
      flags, window: 64240, length, options: flags.syn ? 20 : 12, data,
    };
    this.layer.transmit(this, seg);
    return seg;
  }

  /** Handle an ACK: drop acknowledged segments from the retransmission queue. */
  acked(ack: number): void {
    if (((ack - this.sndUna) | 0) <= 0) return;
    this.sndUna = ack;
    this.lastAckAt = this.layer.stack.net.sched.now;
    this.unacked = this.unacked.filter((u) => {
      if (((u.end - ack) | 0) <= 0) {
        this.layer.stack.net.sched.cancel(u.timer);
        return false;
      }
      return true;
    });
  }

  fail(err: TcpError): void {
    if (this.state === 'CLOSED') return;
    this.destroy();
    this.handlers.onError?.(this, err);
  }

  destroy(): void {
    for (const u of this.unacked) this.layer.stack.net.sched.cancel(u.timer);
    this.unacked = [];
    const wasOpen = this.state !== 'CLOSED';
    this.state = 'CLOSED';
    this.layer.forget(this);
    if (wasOpen) this.handlers.onClose?.(this);
  }
}

export interface TcpListener {
  readonly port: number;
  /** The local address it is bound to; undefined for every address (INADDR_ANY). */
  readonly ip?: Ipv4;
  accept(c: TcpConnection): TcpHandlers;
}

export class TcpLayer {
  private conns = new Map<string, TcpConnection>();
  private listeners = new Map<number, TcpListener>();

  constructor(readonly stack: IpStack) {}

  static key(lip: Ipv4, lport: number, rip: Ipv4, rport: number): string {
    return `${lip}:${lport}>${rip}:${rport}`;
  }

  /** Listen on a port (on one local address when `ip` is given); false if the port is taken. */
  listen(port: number, accept: (c: TcpConnection) => TcpHandlers, ip?: Ipv4): boolean {
    if (this.listeners.has(port)) return false;
    this.listeners.set(port, { port, ip, accept });
    return true;
  }

  unlisten(port: number): void {
    this.listeners.delete(port);
  }

  isListening(port: number): boolean {
    return this.listeners.has(port);
  }

  listeningPorts(): number[] {
    return [...this.listeners.keys()].sort((a, b) => a - b);
  }

  connections(): TcpConnection[] {
    return [...this.conns.values()];
  }

  /** Open a connection; errors arrive through handlers.onError. */
  connect(dst: Ipv4, dport: number, handlers: TcpHandlers): TcpConnection | TcpError {
    const r = this.stack.routeTo(dst);
    if (!r) return 'ENETUNREACH';
    const sport = this.ephemeralPort();
    const c = new TcpConnection(this, r.src, sport, dst, dport, 'SYN_SENT', handlers);
    this.conns.set(c.key, c);
    c.emit({ syn: true }, 0);
    return c;
  }

  private ephemeralPort(): number {
    for (;;) {
      const p = this.stack.net.rng.range(32768, 60999);
      if (![...this.conns.values()].some((c) => c.localPort === p)) return p;
    }
  }

  forget(c: TcpConnection): void {
    this.conns.delete(c.key);
  }

  transmit(c: TcpConnection, seg: TcpSegment): void {
    this.stack.send({ src: c.localIp, dst: c.remoteIp, payload: seg });
  }

  receive(ip: Ipv4Packet, seg: TcpSegment): void {
    const c = this.conns.get(TcpLayer.key(ip.dst, seg.dport, ip.src, seg.sport));
    if (!c) {
      this.noConnection(ip, seg);
      return;
    }
    const f = seg.flags;
    if (f.rst) {
      if (c.state === 'SYN_SENT') c.fail('ECONNREFUSED');
      else c.fail('ECONNRESET');
      return;
    }
    if (f.ack) c.acked(seg.ack);
    this.stack.neighbors.confirmFromUpperLayer(ip.src);
    switch (c.state) {
      case 'SYN_SENT':
        if (f.syn && f.ack) {
          c.rcvNxt = (seg.seq + 1) >>> 0;
          c.state = 'ESTABLISHED';
          c.rawSend({ ack: true }, c.sndNxt, 0);
          c.handlers.onConnect?.(c);
        }
        return;
      case 'SYN_RECEIVED':
        if (f.ack) {
          c.state = 'ESTABLISHED';
          c.handlers.onConnect?.(c);
        }
        break;
      default:
        break;
    }
    // Data and FIN, in order only (out-of-order segments are dropped and retransmitted).
    if (seg.length > 0 || f.fin) {
      if (seg.seq !== c.rcvNxt) {
        c.rawSend({ ack: true }, c.sndNxt, 0);
        return;
      }
      c.rcvNxt = (c.rcvNxt + seg.length + (f.fin ? 1 : 0)) >>> 0;
      c.rawSend({ ack: true }, c.sndNxt, 0);
      if (seg.length > 0) {
        c.bytesReceived += seg.length;
        if (seg.data !== undefined) c.handlers.onData?.(c, seg.data);
      }
      if (f.fin) this.peerClosed(c);
    }
    if (f.ack) this.ourFinAcked(c, seg.ack);
  }

  private peerClosed(c: TcpConnection): void {
    switch (c.state) {
      case 'ESTABLISHED':
        c.state = 'CLOSE_WAIT';
        c.handlers.onEnd?.(c);
        break;
      case 'FIN_WAIT_1':
        c.state = 'CLOSING';
        c.handlers.onEnd?.(c);
        break;
      case 'FIN_WAIT_2':
        c.handlers.onEnd?.(c);
        c.destroy();
        break;
      default:
        break;
    }
  }

  private ourFinAcked(c: TcpConnection, ack: number): void {
    if (ack !== c.sndNxt) return;
    if (c.state === 'FIN_WAIT_1') c.state = 'FIN_WAIT_2';
    else if (c.state === 'CLOSING' || c.state === 'LAST_ACK') c.destroy();
  }

  private noConnection(ip: Ipv4Packet, seg: TcpSegment): void {
    if (seg.flags.rst) return;
    const l = this.listeners.get(seg.dport);
    if (seg.flags.syn && !seg.flags.ack && l && (l.ip === undefined || l.ip === ip.dst)) {
      const c = new TcpConnection(this, ip.dst, seg.dport, ip.src, seg.sport, 'SYN_RECEIVED', {});
      c.rcvNxt = (seg.seq + 1) >>> 0;
      this.conns.set(c.key, c);
      c.handlers = l.accept(c);
      c.emit({ syn: true, ack: true }, 0);
      return;
    }
    // RST for anything else (a closed port answers a SYN with RST/ACK).
    const ack = (seg.seq + seg.length + (seg.flags.syn ? 1 : 0) + (seg.flags.fin ? 1 : 0)) >>> 0;
    const rst: TcpSegment = {
      proto: 'tcp', sport: seg.dport, dport: seg.sport, seq: seg.flags.ack ? seg.ack : 0, ack,
      flags: seg.flags.ack ? { rst: true } : { rst: true, ack: true }, window: 0, length: 0,
    };
    this.stack.send({ src: ip.dst, dst: ip.src, payload: rst });
  }

  /** An ICMP error about one of our segments. */
  icmpError(_ip: Ipv4Packet, icmp: IcmpMessage): void {
    if (!('original' in icmp)) return;
    const orig = icmp.original;
    if (orig.payload.proto !== 'tcp') return;
    const c = this.conns.get(TcpLayer.key(orig.src, orig.payload.sport, orig.dst, orig.payload.dport));
    if (!c || c.state !== 'SYN_SENT') return;
    if (icmp.type === ICMP_DEST_UNREACH) c.fail(icmp.code === 0 ? 'ENETUNREACH' : icmp.code === 3 ? 'ECONNREFUSED' : 'EHOSTUNREACH');
  }

  /** ARP for one of our segments failed. */
  hostUnreachable(pkt: Ipv4Packet): void {
    if (pkt.payload.proto !== 'tcp') return;
    const c = this.conns.get(TcpLayer.key(pkt.src, pkt.payload.sport, pkt.dst, pkt.payload.dport));
    if (c && c.state === 'SYN_SENT') c.fail('EHOSTUNREACH');
  }
}
