/**
 * The probing loop shared by the ping programs (iputils ping.ts, busybox-ping.ts): send ICMP
 * echo requests through the namespace's IP stack at an interval, collect replies and ICMP
 * errors, stop at a count, a deadline or Ctrl-C, then linger for late replies. RTTs are
 * virtual time from the echo's send time. It prints nothing: the caller formats the events.
 */
import type { ExecContext } from '../../shell/context';
import type { Wait, Wake } from '../../shell/process';
import { Signal, waitFor } from '../../shell/process';
import type { Ipv4 } from '../../wire/addr';
import type { IcmpEcho, IcmpMessage } from '../../wire/icmp';
import type { Ipv4Packet } from '../../wire/ipv4';
import { ICMP_DEST_UNREACH, ICMP_ECHO_REPLY, ICMP_ECHO_REQUEST, ICMP_TIME_EXCEEDED } from '../../wire/icmp';
import type { SendResult } from '../../net/ip-stack';

export interface PingProbeOptions {
  readonly dst: Ipv4;
  readonly count: number | undefined;
  /** Seconds between probes. */
  readonly interval: number;
  /** -w: seconds from the start after which no probe is sent and the wait ends. */
  readonly deadline: number | undefined;
  readonly size: number;
  readonly ttl: number;
  /** Sequence number of the first probe (iputils 1, busybox 0). */
  readonly firstSeq: number;
}

export interface PingProbeEvents {
  reply(ip: Ipv4Packet, m: IcmpEcho, rttMs: number, dup: boolean): void;
  /** An ICMP error quoting one of our probes. */
  error(ip: Ipv4Packet, m: IcmpMessage, seq: number): void;
  /** A send failed (no route): 'continue' counts it as an error, 'abort' ends the loop at once. */
  sendError(e: Exclude<SendResult, 'ok'>): 'continue' | 'abort';
  /** After the last probe (no deadline): how long to wait for the outstanding replies, in µs. */
  lingerUs(s: PingProbeStats): number;
}

export interface PingProbeStats {
  transmitted: number;
  received: number;
  errors: number;
  dups: number;
  rtts: number[];
  ttls: number[];
  /** Largest number of probes outstanding at once (iputils' pipesize). */
  pipesize: number;
  start: number;
  lastSendAt: number;
  interrupted: boolean;
  aborted: boolean;
}

export function* probe(ctx: ExecContext, o: PingProbeOptions, ev: PingProbeEvents): Generator<Wait, PingProbeStats, Wake> {
  const stack = ctx.node.stack;
  const sched = ctx.net.sched;
  const ident = ctx.net.rng.int(65536);
  const s: PingProbeStats = {
    transmitted: 0, received: 0, errors: 0, dups: 0, rtts: [], ttls: [], pipesize: 0,
    start: sched.now, lastSendAt: sched.now, interrupted: false, aborted: false,
  };
  const seen = new Set<number>();
  const wake = new Signal(sched);
  const acknowledge = (seq: number): void => {
    s.pipesize = Math.max(s.pipesize, s.transmitted - (seq - o.firstSeq));
  };
  const onIcmp = (ip: Ipv4Packet, m: IcmpMessage): void => {
    if (m.type === ICMP_ECHO_REPLY) {
      if (m.ident !== ident) return;
      const rtt = (sched.now - m.sentAt) / 1000;
      const dup = seen.has(m.seq);
      if (dup) s.dups++;
      else {
        seen.add(m.seq);
        s.received++;
        s.rtts.push(rtt);
      }
      acknowledge(m.seq);
      if (!s.ttls.includes(ip.ttl)) s.ttls.push(ip.ttl);
      ev.reply(ip, m, rtt, dup);
      wake.fire();
      return;
    }
    if (m.type === ICMP_DEST_UNREACH || m.type === ICMP_TIME_EXCEEDED) {
      const orig = m.original;
      if (orig.payload.proto !== 'icmp' || orig.payload.type !== ICMP_ECHO_REQUEST || orig.payload.ident !== ident) return;
      s.errors++;
      acknowledge(orig.payload.seq);
      ev.error(ip, m, orig.payload.seq);
      wake.fire();
    }
  };
  const unsubscribe = stack.onIcmp(onIcmp);
  const deadlineAt = o.deadline !== undefined ? s.start + o.deadline * 1e6 : undefined;
  try {
    for (let seq = o.firstSeq; ; seq++) {
      if (deadlineAt !== undefined && sched.now >= deadlineAt) break;
      const sent = stack.send({
        dst: o.dst, ttl: o.ttl, payload: { proto: 'icmp', type: ICMP_ECHO_REQUEST, code: 0, ident, seq, dataLen: o.size, sentAt: sched.now },
      });
      if (sent !== 'ok') {
        if (ev.sendError(sent) === 'abort') {
          s.aborted = true;
          return s;
        }
        s.errors++;
      }
      s.transmitted++;
      s.lastSendAt = sched.now;
      if (o.count !== undefined && s.transmitted >= o.count) break;
      const until = sched.now + o.interval * 1e6;
      let w: Wake;
      do {
        w = yield waitFor(wake, Math.max(0, until - sched.now));
      } while (w.reason === 'signal' && sched.now < until);
      if (w.reason === 'interrupt') {
        s.interrupted = true;
        break;
      }
    }
    // Wait for the last replies (or until the -w deadline).
    if (!s.interrupted) {
      const lingerEnd = deadlineAt ?? sched.now + ev.lingerUs(s);
      while (s.received + s.errors < s.transmitted && sched.now < lingerEnd) {
        const w = yield waitFor(wake, lingerEnd - sched.now);
        if (w.reason === 'interrupt') {
          s.interrupted = true;
          break;
        }
      }
    }
  } finally {
    unsubscribe();
  }
  return s;
}
