/**
 * ping (iputils s20190709, as on Ubuntu; reference/mininet.md §3.1). Sends ICMP echo requests
 * through the namespace's IP stack (ping-engine.ts) and reports what comes back; RTTs are measured
 * in virtual time from the echo's send time, so they come from the model. Ctrl-C prints the statistics.
 */
import type { CommandSpec } from '../../shell/registry';
import type { ExecContext } from '../../shell/context';
import type { Proc } from '../../shell/process';
import { getopt } from '../../shell/args';
import { formatIpv4 } from '../../wire/addr';
import { ICMP_TIME_EXCEEDED } from '../../wire/icmp';
import type { SendResult } from '../../net/ip-stack';
import { resolveIn, reverseIn } from './resolve';
import { probe } from './ping-engine';
import { ContainerHost } from '../../docker/container';

const UNREACH_TEXT: Record<number, string> = {
  0: 'Destination Net Unreachable',
  1: 'Destination Host Unreachable',
  2: 'Destination Protocol Unreachable',
  3: 'Destination Port Unreachable',
  4: 'Frag needed and DF set',
  5: 'Source Route Failed',
  6: 'Destination Net Unknown',
  7: 'Destination Host Unknown',
  9: 'Destination Net Prohibited',
  10: 'Destination Host Prohibited',
  13: 'Packet filtered',
};

/** strerror() of the errnos a send or connect can fail with. */
const ERRNO_TEXT: Record<Exclude<SendResult, 'ok'>, string> = {
  ENETUNREACH: 'Network is unreachable',
  EHOSTUNREACH: 'No route to host',
  EINVAL: 'Invalid argument',
  EACCES: 'Permission denied',
};

/** iputils prints an RTT with precision by magnitude: 0.058, 5.32, 40.6, 145. */
export function formatRtt(ms: number): string {
  if (ms < 1) return ms.toFixed(3);
  if (ms < 10) return ms.toFixed(2);
  if (ms < 100) return ms.toFixed(1);
  return ms.toFixed(0);
}

/** printf's %g for the loss percentage (0, 100, 33.3333, 66.6667). */
export function formatG(v: number): string {
  if (v === 0) return '0';
  const s = v.toPrecision(6);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

function parseNumber(s: string | undefined): number | undefined {
  if (s === undefined || !/^\s*[+-]?(\d+\.?\d*|\.\d+)\s*$/.test(s)) return undefined;
  return Number(s);
}

/**
 * iputils' strtol_or_err: a whole decimal number within [min, max], else exit 1 with
 * "invalid argument: 'X'" or "invalid argument: 'X': out of range: min <= value <= max".
 */
function integerArg(ctx: ExecContext, text: string, min: number, max: string): number | undefined {
  if (!/^\s*[+-]?\d+$/.test(text)) {
    ctx.err(`ping: invalid argument: '${text}'\n`);
    return undefined;
  }
  const v = Number(text);
  if (v < min || v > Number(max)) {
    ctx.err(`ping: invalid argument: '${text}': out of range: ${min} <= value <= ${max}\n`);
    return undefined;
  }
  return v;
}

const LONG_MAX = '9223372036854775807';
const INT_MAX = '2147483647';
/** Largest payload of one IPv4 datagram: 65535 - 20 (IP header) - 8 (ICMP header). */
const MAX_PAYLOAD = 65507;

export function* pingMain(ctx: ExecContext, argv: string[]): Proc {
  const p = getopt('ping', argv, { short: 'c:i:W:w:s:t:qnvhI:4DO' });
  if (!p.ok) {
    ctx.err(p.error + '\n' + PING_USAGE);
    return 2;
  }
  const o = p.opts;
  if (o.has('h')) {
    ctx.err(PING_USAGE);
    return 2;
  }
  // Option values are checked in command-line order by getopt's loop; the checks below follow
  // ping.c's main() (iputils 20211215, Ubuntu 22.04).
  let count: number | undefined;
  if (o.has('c')) {
    count = integerArg(ctx, o.get('c')!, 1, LONG_MAX);
    if (count === undefined) return 1;
  }
  const interval = o.has('i') ? parseNumber(o.get('i')) : 1;
  if (interval === undefined || interval < 0) {
    ctx.err(`ping: bad timing interval: ${o.get('i')}\n`);
    return 2;
  }
  const waitS = o.has('W') ? parseNumber(o.get('W')) : 10;
  if (waitS === undefined || waitS < 0.001) {
    ctx.err(`ping: bad linger time: ${o.get('W')}\n`);
    return 2;
  }
  let deadline: number | undefined;
  if (o.has('w')) {
    deadline = integerArg(ctx, o.get('w')!, 0, INT_MAX);
    if (deadline === undefined) return 1;
  }
  let size = 56;
  if (o.has('s')) {
    const v = integerArg(ctx, o.get('s')!, 0, INT_MAX);
    if (v === undefined) return 1;
    size = v;
  }
  let ttl = 64;
  if (o.has('t')) {
    const v = integerArg(ctx, o.get('t')!, 0, '255');
    if (v === undefined) return 1;
    ttl = v;
  }
  if (o.operands.length === 0) {
    ctx.err('ping: usage error: Destination address required\n');
    return 1;
  }
  const quiet = o.has('q');
  const target = o.operands[o.operands.length - 1]!;
  const r = resolveIn(ctx, target);
  if (!r.ok) {
    // Inside a container the embedded DNS (or the fallback servers) answers NXDOMAIN (reference/docker.md §4.1).
    const inContainer = ctx.node instanceof ContainerHost;
    ctx.err(`ping: ${target}: ${r.error === 'unknown' && !inContainer ? 'Temporary failure in name resolution' : 'Name or service not known'}\n`);
    return 2;
  }
  const dst = r.ip;
  // ping connect()s a UDP probe socket first to learn its source address (iputils ping.c).
  const connected = ctx.node.stack.connectResult(dst);
  if (connected !== 'ok') {
    ctx.err(`ping: connect: ${ERRNO_TEXT[connected]}\n`);
    return 2;
  }
  if (ttl === 0) {
    // setsockopt(IP_TTL, 0) is refused by the kernel.
    ctx.err('ping: cannot set unicast time-to-live: Invalid argument\n');
    return 2;
  }
  if (size > MAX_PAYLOAD) {
    ctx.err(`ping: packet size ${size} is too large. Maximum is ${MAX_PAYLOAD}\n`);
    return 2;
  }
  const dstText = formatIpv4(dst);
  // A target given by name gets reverse lookups: inside a container the embedded DNS answers PTR
  // queries with `c2.mynet` (reference/docker.md §4.1, §4.4); unanswered, iputils shows the address twice.
  const node = ctx.node;
  const fromText = (src: number): string => {
    const ip = formatIpv4(src);
    if (r.name === ip || /^[\d.]+$/.test(target)) return ip;
    // Mininet hosts cannot reach a resolver; their /etc/hosts lookups are not shown (iputils).
    if (!(node instanceof ContainerHost) && node !== ctx.sandbox.lab) return ip;
    return `${reverseIn(ctx, src) ?? ip} (${ip})`;
  };
  ctx.out(`PING ${target} (${dstText}) ${size}(${size + 28}) bytes of data.\n`);
  const s = yield* probe(ctx, { dst, count, interval, deadline, size, ttl, firstSeq: 1 }, {
    reply(ip, m, rtt, dup) {
      if (!quiet) ctx.out(`${m.dataLen + 8} bytes from ${fromText(ip.src)}: icmp_seq=${m.seq} ttl=${ip.ttl} time=${formatRtt(rtt)} ms${dup ? ' (DUP!)' : ''}\n`);
    },
    error(ip, m, seq) {
      const text = m.type === ICMP_TIME_EXCEEDED ? 'Time to live exceeded' : (UNREACH_TEXT[m.code] ?? `Dest Unreachable, Bad Code: ${m.code}`);
      if (!quiet) ctx.out(`From ${formatIpv4(ip.src)} icmp_seq=${seq} ${text}\n`);
    },
    sendError(e) {
      // The route vanished while pinging (link down): iputils reports the sendmsg error.
      ctx.out(`ping: sendmsg: ${ERRNO_TEXT[e]}\n`);
      return 'continue';
    },
    // After the last probe (ping_common.c schedule_exit): with replies so far, twice the largest
    // RTT but at least one interval; with none, -W seconds (default 10).
    lingerUs: (st) => (st.received > 0 ? Math.max(2 * st.rtts.reduce((m, r) => Math.max(m, r), 0), interval * 1e6) : waitS * 1e6),
  });
  const { transmitted, received, errors, dups, rtts, ttls, pipesize, start, lastSendAt } = s;
  // Summary (ping_common.c finish()).
  const timeMs = Math.round((lastSendAt - start) / 1000);
  let line = `${transmitted} packets transmitted, ${received} received`;
  if (dups) line += `, +${dups} duplicates`;
  if (errors) line += `, +${errors} errors`;
  const loss = transmitted ? ((transmitted - received) * 100) / transmitted : 0;
  line += `, ${formatG(loss)}% packet loss, time ${timeMs}ms`;
  ctx.out(`\n--- ${target} ping statistics ---\n${line}\n`);
  let tail = '';
  let rtt: { min: number; avg: number; max: number } | undefined;
  if (received > 0) {
    const min = Math.min(...rtts);
    const max = Math.max(...rtts);
    const avg = rtts.reduce((a, b) => a + b, 0) / rtts.length;
    const mdev = Math.sqrt(Math.max(0, rtts.reduce((a, b) => a + b * b, 0) / rtts.length - avg * avg));
    tail = `rtt min/avg/max/mdev = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)}/${mdev.toFixed(3)} ms`;
    rtt = { min, avg, max };
  }
  if (pipesize > 1) tail += `${tail ? ', ' : ''}pipe ${pipesize}`;
  ctx.out(tail + '\n');
  ctx.sandbox.lessonLog.recordPing({ from: ctx.node, dst, transmitted, received, rtt, ttls, at: ctx.net.sched.now });
  return received > 0 ? 0 : 1;
}

export const PING_USAGE = `
Usage
  ping [options] <destination>

Options:
  <destination>      dns name or ip address
  -c <count>         stop after <count> replies
  -i <interval>      seconds between sending each packet
  -q                 quiet output
  -s <size>          use <size> as number of data bytes to be sent
  -t <ttl>           define time to live
  -w <deadline>      reply wait <deadline> in seconds
  -W <timeout>       time to wait for response

For more details see ping(8).
`;

export const pingCommand: CommandSpec = {
  name: 'ping',
  family: 'linux',
  summary: 'send ICMP echo requests and report the replies',
  usage: 'ping [-c count] [-i interval] [-W timeout] [-w deadline] [-s size] [-t ttl] [-q] destination',
  where: 'any',
  options: ['-c', '-i', '-W', '-w', '-s', '-t', '-q'],
  run: pingMain,
};
