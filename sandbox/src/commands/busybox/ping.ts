/**
 * BusyBox ping (busybox 1.37 networking/ping.c, the applet in the alpine and busybox images;
 * reference/docker.md §3.5, §4.2, §4.4): `PING c2 (172.18.0.3): 56 data bytes`, replies as
 * `64 bytes from 172.18.0.3: seq=0 ttl=64 time=0.085 ms` (no reverse lookup, seq from 0, always
 * three decimals), `N packets transmitted, M packets received, L% packet loss` with an integer
 * loss, `round-trip min/avg/max = …`, and `ping: bad address 'x'` for names that do not resolve.
 * The probing itself is the shared engine (linux/ping-engine.ts).
 */
import type { CommandSpec } from '../../shell/registry';
import type { ExecContext } from '../../shell/context';
import type { Proc } from '../../shell/process';
import { getopt } from '../../shell/args';
import { formatIpv4 } from '../../wire/addr';
import { ICMP_TIME_EXCEEDED } from '../../wire/icmp';
import { resolveIn } from '../linux/resolve';
import { probe } from '../linux/ping-engine';

/** busybox's %u.%03u of a time in microseconds. */
export function formatBusyboxMs(us: number): string {
  const u = Math.max(0, Math.round(us));
  return `${Math.floor(u / 1000)}.${String(u % 1000).padStart(3, '0')}`;
}

/** Our words for the applet's help; the header is BusyBox's. */
export const BUSYBOX_PING_USAGE = `BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.

Usage: ping [OPTIONS] HOST

Send ICMP ECHO_REQUESTs to HOST

\t-c CNT\t\tSend only CNT pings
\t-s SIZE\t\tSend SIZE data bytes in packets (default 56)
\t-i SECS\t\tInterval
\t-t TTL\t\tSet TTL
\t-W SEC\t\tSeconds to wait for the first response (default 10)
\t\t\t(after all -c CNT packets are sent)
\t-w SEC\t\tSeconds until ping exits (default:infinite)
\t\t\t(can exit earlier with -c CNT)
\t-q\t\tQuiet, only display output at start/finish
`;

/** xatou(): a whole non-negative decimal, else "invalid number 'X'" and exit 1. */
function unsignedArg(ctx: ExecContext, text: string): number | undefined {
  if (!/^\d+$/.test(text) || Number(text) > 4294967295) {
    ctx.err(`ping: invalid number '${text}'\n`);
    return undefined;
  }
  return Number(text);
}

export function* busyboxPingMain(ctx: ExecContext, argv: string[]): Proc {
  const p = getopt('ping', argv, { short: 'c:s:i:t:W:w:qI:46Ap:' });
  if (!p.ok) {
    ctx.err(p.error.replace(/\n[\s\S]*$/, '') + '\n' + BUSYBOX_PING_USAGE);
    return 1;
  }
  const o = p.opts;
  if (o.operands.length !== 1) {
    ctx.err(BUSYBOX_PING_USAGE);
    return 1;
  }
  /** An option's xatou() value, its default when absent, or null after printing the error. */
  const num = (k: string, dflt: number): number | null => {
    const v = o.get(k);
    if (v === undefined) return dflt;
    return unsignedArg(ctx, v) ?? null;
  };
  const count = num('c', 0);
  const size = num('s', 56);
  const ttl = num('t', 64);
  const timeout = num('W', 10);
  const deadline = num('w', 0);
  if (count === null || size === null || ttl === null || timeout === null || deadline === null) return 1;
  let interval = 1;
  if (o.has('i')) {
    const t = o.get('i')!;
    if (!/^(\d+\.?\d*|\.\d+)$/.test(t)) {
      ctx.err(`ping: invalid number '${t}'\n`);
      return 1;
    }
    interval = Number(t);
  }
  const quiet = o.has('q');
  const host = o.operands[0]!;
  const r = resolveIn(ctx, host);
  if (!r.ok) {
    ctx.err(`ping: bad address '${host}'\n`);
    return 1;
  }
  const dst = r.ip;
  ctx.out(`PING ${host} (${formatIpv4(dst)}): ${size} data bytes\n`);
  let tsum = 0;
  let tmin = Infinity;
  let tmax = 0;
  let replies = 0;
  const s = yield* probe(ctx, { dst, count: count || undefined, interval, deadline: deadline || undefined, size, ttl, firstSeq: 0 }, {
    reply(ip, m, rttMs, dup) {
      const us = Math.round(rttMs * 1000);
      tsum += us;
      replies++;
      tmin = Math.min(tmin, us);
      tmax = Math.max(tmax, us);
      if (!quiet) ctx.out(`${m.dataLen + 8} bytes from ${formatIpv4(ip.src)}: seq=${m.seq} ttl=${ip.ttl} time=${formatBusyboxMs(us)} ms${dup ? ' (DUP!)' : ''}\n`);
    },
    error(_ip, m) {
      // unpack4(): any ICMP other than an echo (reply) is a warning on stderr.
      const name = m.type === ICMP_TIME_EXCEEDED ? 'Time Exceeded' : 'Destination Unreachable';
      ctx.err(`ping: warning: got ICMP ${m.type} (${name})\n`);
    },
    sendError(e) {
      // xsendto(): bb_perror_msg_and_die("sendto").
      ctx.err(`ping: sendto: ${e === 'ENETUNREACH' ? 'Network is unreachable' : e === 'EHOSTUNREACH' ? 'No route to host' : e === 'EACCES' ? 'Permission denied' : 'Invalid argument'}\n`);
      return 'abort';
    },
    // sendping_tail(): after the last -c probe, wait -W seconds if nothing came back, else about two RTTs (at least 1 s).
    lingerUs: (st) => (st.received ? Math.max(1, Math.floor(tmax / (512 * 1024))) : timeout) * 1e6,
  });
  if (s.aborted) return 1;
  // print_stats_and_exit()
  const loss = s.transmitted ? Math.floor(((s.transmitted - s.received) * 100) / s.transmitted) : 0;
  let text = `\n--- ${host} ping statistics ---\n${s.transmitted} packets transmitted, ${s.received} packets received, `;
  if (s.dups) text += `${s.dups} duplicates, `;
  text += `${loss}% packet loss\n`;
  if (replies > 0) {
    const avg = Math.floor(tsum / replies);
    text += `round-trip min/avg/max = ${formatBusyboxMs(tmin)}/${formatBusyboxMs(avg)}/${formatBusyboxMs(tmax)} ms\n`;
  }
  ctx.out(text);
  const rtt = s.received > 0 ? { min: tmin / 1000, avg: tsum / replies / 1000, max: tmax / 1000 } : undefined;
  ctx.sandbox.lessonLog.recordPing({ from: ctx.node, dst, transmitted: s.transmitted, received: s.received, rtt, ttls: s.ttls, at: ctx.net.sched.now });
  return s.received === 0 || (deadline && s.received < count) ? 1 : 0;
}

export const busyboxPingCommand: CommandSpec = {
  name: 'ping',
  family: 'linux',
  summary: 'send ICMP echo requests and report the replies (BusyBox applet)',
  usage: 'ping [-c CNT] [-s SIZE] [-i SECS] [-t TTL] [-W SEC] [-w SEC] [-q] HOST',
  where: 'any',
  options: ['-c', '-s', '-i', '-t', '-W', '-w', '-q'],
  run: busyboxPingMain,
};
