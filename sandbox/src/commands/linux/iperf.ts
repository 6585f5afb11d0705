/**
 * iperf 2 (2.0.13's human-readable output, reference/mininet.md §3.8 and §2.3; formats from
 * iperf2's Locale.c, ReportDefault.c and stdio.c byte_snprintf).
 *
 *   iperf -s [-u] [-p port] [-i secs] [-f fmt]          server: runs until Ctrl-C or killed
 *   iperf -c host [-u] [-b rate] [-t secs] [-p port] [-i secs] [-f fmt] [-l len] [-w win]
 *
 * The control traffic is real: a TCP client opens a connection through the emulated TCP (so a
 * closed port answers "connect failed: Connection refused", a dead path times out, ...), a UDP
 * client sends real first and closing datagrams and waits for the server's report datagram.
 * The bulk bytes are not simulated segment by segment: net/flow-model.ts computes the rate
 * along the path the flow's packets take (its ECMP next hops included), net/bulk-flows.ts shares
 * shaped links among concurrent transfers (max-min fair), the client tells the server over the
 * connection what it sent, and both sides print what iperf would. Virtual time passes for the whole test (-t), and Ctrl-C
 * stops the client with the partial report, as iperf does.
 */
import type { CommandSpec } from '../../shell/registry';
import type { ExecContext } from '../../shell/context';
import type { Proc, Wake } from '../../shell/process';
import { Signal, waitFor } from '../../shell/process';
import { getopt } from '../../shell/args';
import type { Ipv4 } from '../../wire/addr';
import { formatIpv4 } from '../../wire/addr';
import type { IcmpMessage } from '../../wire/icmp';
import { ICMP_DEST_UNREACH } from '../../wire/icmp';
import type { Ipv4Packet } from '../../wire/ipv4';
import type { UdpDatagram } from '../../wire/udp';
import type { Micros } from '../../sim/time';
import type { Intf } from '../../net/interface';
import type { TcpConnection, TcpError } from '../../net/tcp';
import type { FlowPath, PathKey, PathSummary, TcpFlow } from '../../net/flow-model';
import {
  chargeInterfaces, findPath, summarize, tcpFlow, TCP_FRAME, UDP_OVERHEAD, udpFlow,
} from '../../net/flow-model';
import type { BulkFlow } from '../../net/bulk-flows';
import { bulkFlows } from '../../net/bulk-flows';
import { MSS } from '../../net/tcp';
import { resolveHost } from './resolve';
import { reportParseFailure } from '../../shell/parsed-args';
import type { Parsed as ParsedOptions } from '../../shell/parsed-args';

export const IPERF_VERSION = 'iperf version 2.0.13 (21 Jan 2019) pthreads';
const SEPARATOR = '------------------------------------------------------------\n';
const USAGE_SHORT = "Usage: iperf [-s|-c host] [options]\nTry `iperf --help' for more information.\n";
const DEFAULT_PORT = 5001;
/** kDefault_UDPRate: 1 Mbit/s, counted as 1024 × 1024 bits (iperf2's uppercase-M convention). */
const DEFAULT_UDP_RATE = 1024 * 1024;
/** kDefault_UDPBufLen: 1470-byte datagrams fit a 1500-byte MTU. */
const DEFAULT_UDP_LEN = 1470;
/** Default socket buffers as iperf reports them on Ubuntu (getsockopt after the kernel's doubling). */
const TCP_CLIENT_WINDOW = 87380;
const TCP_SERVER_WINDOW = 131072;
const UDP_BUFFER = 212992;
/** write_UDP_FIN: up to 10 tries, 250 ms apart. */
const FIN_TRIES = 10;
const FIN_WAIT_US = 250_000;
/** The UDP server answers a closing datagram with its report (server_hdr) in one datagram. */
const REPORT_DATAGRAM_LEN = 128;

const ERRNO_TEXT: Record<TcpError, string> = {
  ECONNREFUSED: 'Connection refused',
  ETIMEDOUT: 'Connection timed out',
  EHOSTUNREACH: 'No route to host',
  ENETUNREACH: 'Network is unreachable',
  ECONNRESET: 'Connection reset by peer',
};

// ---- formatting (stdio.c, Locale.c) ---------------------------------------------------------

/**
 * byte_snprintf: a byte count in the unit `fmt` asks for (b k m g a: bits, 1000-based;
 * B K M G A: bytes, 1024-based; a/A adaptive), in four places: 9.56, 25.9, " 118".
 * The caller appends "s" (Bytes, bits) as iperf's formats do.
 */
export function byteSnprintf(bytes: number, fmt: string): string {
  const bits = fmt !== fmt.toUpperCase();
  let num = bits ? bytes * 8 : bytes;
  const base = bits ? 1000 : 1024;
  let conv: number;
  switch (fmt.toUpperCase()) {
    case 'B': conv = 0; break;
    case 'K': conv = 1; break;
    case 'M': conv = 2; break;
    case 'G': conv = 3; break;
    default: {
      conv = 0;
      let t = num;
      while (t >= base && conv < 3) {
        t /= base;
        conv++;
      }
    }
  }
  num /= base ** conv;
  const suffix = (bits ? ['bit', 'Kbit', 'Mbit', 'Gbit'] : ['Byte', 'KByte', 'MByte', 'GByte'])[conv]!;
  const digits = num < 9.995 ? 2 : num < 99.95 ? 1 : 0;
  return `${num.toFixed(digits).padStart(4)} ${suffix}`;
}

/** printf("%.<p>g"): C's shortest-of-fixed-or-exponential with p significant digits. */
export function formatG(v: number, p: number): string {
  if (v === 0 || !Number.isFinite(v)) return v === 0 ? '0' : String(v);
  let exp = Math.floor(Math.log10(Math.abs(v)));
  // Rounding to p digits may carry into the next power of ten.
  if (Number(Math.abs(v).toPrecision(p)) >= 10 ** (exp + 1)) exp++;
  const strip = (s: string): string => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);
  if (exp < -4 || exp >= p) {
    const m = strip((v / 10 ** exp).toFixed(p - 1));
    return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return strip(v.toFixed(Math.max(0, p - 1 - exp)));
}

function interval(startS: number, endS: number): string {
  return `${startS.toFixed(1).padStart(4)}-${endS.toFixed(1).padStart(4)} sec`;
}

function idTag(id: number): string {
  return `[${String(id).padStart(3)}]`;
}

/** report_bw_format: "[  3]  0.0-10.0 sec  30.6 GBytes  26.3 Gbits/sec". */
function bwLine(id: number, startS: number, endS: number, bytes: number, fmt: string): string {
  const secs = endS - startS;
  const rate = secs > 0 ? bytes / secs : 0;
  return `${idTag(id)} ${interval(startS, endS)}  ${byteSnprintf(bytes, fmt.toUpperCase())}s  ${byteSnprintf(rate, fmt)}s/sec\n`;
}

/** report_bw_jitter_loss_format: adds "  %6.3f ms %4d/%5d (%.2g%%)". */
function jitterLine(id: number, r: UdpReport, fmt: string): string {
  const head = bwLine(id, 0, r.durationUs / 1e6, r.bytes, fmt).slice(0, -1);
  const pct = r.total > 0 ? (100 * r.lost) / r.total : 0;
  return `${head}  ${r.jitterMs.toFixed(3).padStart(6)} ms ${String(r.lost).padStart(4)}/${String(r.total).padStart(5)} (${formatG(pct, 2)}%)\n`;
}

const BW_HEADER = '[ ID] Interval       Transfer     Bandwidth\n';

/** A printer that writes `header` before its first line (iperf's column header, once per report). */
function withHeader(ctx: ExecContext, header: string): (line: string) => void {
  let printed = false;
  return (line) => {
    if (!printed) ctx.out(header);
    printed = true;
    ctx.out(line);
  };
}
const JITTER_HEADER = '[ ID] Interval       Transfer     Bandwidth        Jitter   Lost/Total Datagrams\n';

function peerLine(id: number, localIp: Ipv4, localPort: number, remoteIp: Ipv4, remotePort: number): string {
  return `${idTag(id)} local ${formatIpv4(localIp)} port ${localPort} connected with ${formatIpv4(remoteIp)} port ${remotePort}\n`;
}

function settingsBanner(lines: string[], windowBytes: number, udp: boolean, requested?: number): string {
  let win = `${udp ? 'UDP buffer size' : 'TCP window size'}: ${byteSnprintf(windowBytes, 'A')}`;
  win += requested === undefined ? ' (default)' : requested !== windowBytes ? ` (WARNING: requested ${byteSnprintf(requested, 'A')})` : '';
  return SEPARATOR + lines.join('') + win + '\n' + SEPARATOR;
}

// ---- command line (Settings.cpp) ------------------------------------------------------------

/** byte_atoi / byte_atof: a number with an optional k m g (×1000) or K M G (×1024) suffix. */
function byteAtof(s: string): number {
  const m = /^\s*([+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?)(.?)/i.exec(s);
  if (!m) return 0;
  const n = Number(m[1]);
  const mult: Record<string, number> = { k: 1e3, m: 1e6, g: 1e9, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };
  return n * (mult[m[4] ?? ''] ?? 1);
}

/** atof / atoi: the leading number, 0 if none. */
function atof(s: string): number {
  const m = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/i.exec(s);
  return m ? Number(m[0]) : 0;
}

function atoi(s: string): number {
  const m = /^\s*[+-]?\d+/.exec(s);
  return m ? Number(m[0]) : 0;
}

interface Options {
  mode: 'server' | 'client';
  host: string;
  udp: boolean;
  port: number;
  timeS: number;
  intervalS: number;
  fmt: string;
  udpRateBps: number;
  tcpRateBps: number | undefined;
  len: number;
  windowBytes: number | undefined;
}

const HELP = `Usage: iperf [-s|-c host] [options]
       iperf [-h|--help] [-v|--version]

Measure the throughput between two hosts: start a server on one, a client on the other.

Client/Server:
  -f, --format    [kmgKMG]  units of the reports: bits (k m g) or Bytes (K M G); default adaptive
  -i, --interval  #         also report every # seconds
  -l, --len       #[KM]     datagram length for UDP (default 1470 bytes)
  -p, --port      #         port to listen on / connect to (default 5001)
  -u, --udp                 use UDP instead of TCP
  -w, --window    #[KM]     socket buffer size (TCP window)

Server specific:
  -s, --server              run as the server

Client specific:
  -b, --bandwidth #[KMG]    UDP sending rate in bits/sec (default 1 Mbit/sec); for TCP, a cap
  -c, --client    <host>    run as a client sending to <host>
  -t, --time      #         seconds to send for (default 10)

Miscellaneous:
  -h, --help                print this help and exit
  -v, --version             print the version and exit

Lowercase unit suffixes count in thousands (1k = 1000), uppercase in 1024s (1K = 1024).
`;

type ParsedArgs = ParsedOptions<Options>;

function parseArgs(argv: string[]): ParsedArgs {
  const p = getopt('iperf', argv, {
    short: 'sc:ub:t:p:i:f:l:w:hvP:drn:',
    long: [
      { name: 'server', arg: 'none', key: 's' }, { name: 'client', arg: 'required', key: 'c' },
      { name: 'udp', arg: 'none', key: 'u' }, { name: 'bandwidth', arg: 'required', key: 'b' },
      { name: 'time', arg: 'required', key: 't' }, { name: 'port', arg: 'required', key: 'p' },
      { name: 'interval', arg: 'required', key: 'i' }, { name: 'format', arg: 'required', key: 'f' },
      { name: 'len', arg: 'required', key: 'l' }, { name: 'window', arg: 'required', key: 'w' },
      { name: 'help', arg: 'none', key: 'h' }, { name: 'version', arg: 'none', key: 'v' },
      { name: 'parallel', arg: 'required', key: 'P' }, { name: 'dualtest', arg: 'none', key: 'd' },
      { name: 'tradeoff', arg: 'none', key: 'r' }, { name: 'num', arg: 'required', key: 'n' },
    ],
  });
  if (!p.ok) return { ok: false, status: 1, err: `${p.error}\n${USAGE_SHORT}` };
  const a = p.opts;
  if (a.has('h')) return { ok: false, status: 0, out: HELP };
  if (a.has('v')) return { ok: false, status: 1, err: IPERF_VERSION + '\n' };
  for (const k of ['P', 'd', 'r', 'n']) {
    if (a.has(k)) return { ok: false, status: 1, err: `iperf: -${k}: not supported in this sandbox\n` };
  }
  // The last of -s / -c decides the mode, as each sets mThreadMode in turn.
  let mode: 'server' | 'client' | undefined;
  let host = '';
  for (const [k, v] of a.list) {
    if (k === 's') mode = 'server';
    if (k === 'c') {
      mode = 'client';
      host = v as string;
    }
  }
  if (!mode) return { ok: false, status: 1, err: USAGE_SHORT };
  const udp = a.has('u');
  const b = a.get('b');
  const o: Options = {
    mode, host, udp,
    port: a.has('p') ? atoi(a.get('p')!) : DEFAULT_PORT,
    timeS: a.has('t') ? atof(a.get('t')!) : 10,
    intervalS: a.has('i') ? atof(a.get('i')!) : 0,
    fmt: a.has('f') ? (a.get('f')![0] ?? 'a') : 'a',
    udpRateBps: udp && b !== undefined ? byteAtof(b) : DEFAULT_UDP_RATE,
    tcpRateBps: !udp && b !== undefined ? byteAtof(b) : undefined,
    len: a.has('l') ? Math.round(byteAtof(a.get('l')!)) : DEFAULT_UDP_LEN,
    windowBytes: a.has('w') ? Math.round(byteAtof(a.get('w')!)) : undefined,
  };
  if (o.intervalS > 0 && o.intervalS < 0.005) o.intervalS = 0.005;
  return { ok: true, o };
}

export function* iperfMain(ctx: ExecContext, argv: string[]): Proc {
  const parsed = parseArgs(argv);
  if (!parsed.ok) return reportParseFailure(ctx, parsed);
  const o = parsed.o;
  if (o.mode === 'server') return o.udp ? yield* udpServer(ctx, o) : yield* tcpServer(ctx, o);
  return o.udp ? yield* udpClient(ctx, o) : yield* tcpClient(ctx, o);
}

/** Messages the client sends the server over the test connection (the flow model's results). */
interface StartMsg {
  readonly kind: 'start';
  /** The transfer in the network's bulk-flow model (its rate over time). */
  readonly flow: number;
  readonly rampUs: number;
}
interface EndMsg {
  readonly kind: 'end';
  readonly bytes: number;
  /** How long after its last read the server's reporting thread notices (scheduling slack). */
  readonly slackUs: number;
}
type FlowMsg = StartMsg | EndMsg;

function encode(m: FlowMsg): string {
  return JSON.stringify(m) + '\n';
}

/**
 * A wait long enough to reach a deadline: whole microseconds, rounded up (the clock can sit
 * between integers after a shaped link's serialization delay), never zero.
 */
function waitUs(us: number): Micros {
  return Math.max(1, Math.ceil(us));
}

/** The lowest free descriptor at or above `from`: iperf's transfer IDs are socket numbers. */
function allocId(used: Set<number>, from: number): number {
  let id = from;
  while (used.has(id)) id++;
  used.add(id);
  return id;
}

/** The path this flow's packets take from this namespace (undefined if none works). */
function pathTo(ctx: ExecContext, key: PathKey): FlowPath | undefined {
  return findPath(ctx.node, key);
}

/** The shaped interfaces a path's data leaves by (what it shares with other transfers). */
function shapedEgresses(path: FlowPath | undefined): Intf[] {
  return (path?.hops ?? []).map((h) => h.egress).filter((i) => (i.tc?.bw ?? 0) > 0);
}

/**
 * Bytes the TCP client has written `elapsedUs` into the transfer: what the network delivered
 * (its share of the links over time) plus what fills the bottleneck queue, in proportion to its
 * share of the rate it would have alone.
 */
function clientBytes(model: TcpFlow, bulk: BulkFlow, elapsedUs: Micros): number {
  if (elapsedUs <= 0) return 0;
  const fill = model.fillUs > 0 ? Math.min(1, elapsedUs / model.fillUs) : 1;
  const share = model.goodputBps > 0 ? Math.min(1, bulk.rateBps / model.goodputBps) : 1;
  return Math.round(bulk.bytesAt(bulk.startAt + elapsedUs) + model.queuedBytes * share * fill);
}

/** The path's summary; without one (should not happen once connected), one switch away. */
function defaultSummary(path: FlowPath | undefined): PathSummary {
  return summarize(path ?? { hops: [], switches: 1, routers: 0 });
}

/** The server's address, or undefined after printing iperf's resolution error. */
function resolveServer(ctx: ExecContext, host: string): number | undefined {
  const r = resolveHost(ctx.sandbox.fs, host);
  if (r.ok) return r.ip;
  ctx.err(`error: ${r.error === 'unknown' ? 'Temporary failure in name resolution' : 'Name or service not known'}\n`);
  return undefined;
}

// ---- TCP client ---------------------------------------------------------------------------

function* tcpClient(ctx: ExecContext, o: Options): Proc {
  const dst = resolveServer(ctx, o.host);
  if (dst === undefined) return 1;
  const sched = ctx.net.sched;
  const wake = new Signal(sched);
  let connected = false;
  let failure: TcpError | undefined;
  const c = ctx.node.stack.tcp.connect(dst, o.port, {
    onConnect: () => {
      connected = true;
      wake.fire();
    },
    onError: (_c, e) => {
      failure = e;
      wake.fire();
    },
  });
  if (typeof c === 'string') {
    ctx.err(`connect failed: ${ERRNO_TEXT[c]}\n`);
    return 1;
  }
  while (!connected && !failure) {
    const w = yield waitFor(wake);
    if (w.reason === 'interrupt') {
      c.abort();
      ctx.err('connect failed: Interrupted system call\n');
      return 1;
    }
  }
  if (!connected) {
    ctx.err(`connect failed: ${ERRNO_TEXT[failure!]}\n`);
    return 1;
  }
  const win = o.windowBytes !== undefined ? Math.min(2 * o.windowBytes, 6 * 1024 * 1024) : TCP_CLIENT_WINDOW;
  ctx.out(settingsBanner([`Client connecting to ${o.host}, TCP port ${o.port}\n`], win, false, o.windowBytes));
  const id = 3;
  ctx.out(peerLine(id, c.localIp, c.localPort, c.remoteIp, c.remotePort));

  const path = pathTo(ctx, { src: c.localIp, dst, proto: 6, sport: c.localPort, dport: o.port });
  const flow = tcpFlow(defaultSummary(path), ctx.net.rng, { rateLimitBps: o.tcpRateBps, windowBytes: o.windowBytes !== undefined ? 2 * o.windowBytes : undefined });
  const flows = bulkFlows(ctx.net);
  const bulk = flows.start(shapedEgresses(path), flow.goodputBps, MSS / TCP_FRAME);
  c.send(encode({ kind: 'start', flow: bulk.id, rampUs: flow.rampUs }));
  const start = sched.now;
  const endAt = start + Math.round(o.timeS * 1e6);
  const print = withHeader(ctx, BW_HEADER);
  let lastMark = start;
  let lastBytes = 0;
  let broken: TcpError | undefined;
  let finished = false;
  const finish = (): number => {
    finished = true;
    const elapsed = sched.now - start;
    const bytes = clientBytes(flow, bulk, elapsed);
    // What is still queued goes on being delivered; then the transfer leaves the links.
    flows.finish(bulk, bytes);
    if (c.state === 'ESTABLISHED') {
      c.send(encode({ kind: 'end', bytes, slackUs: ctx.net.rng.range(2_000, 15_000) }));
      c.close();
    }
    if (path) chargeInterfaces(path, bytes, MSS, TCP_FRAME - MSS, true);
    return bytes;
  };
  c.handlers = {
    ...c.handlers,
    onError: (_c, e) => {
      broken = e;
      wake.fire();
    },
  };
  try {
    for (;;) {
      const next = o.intervalS > 0 ? Math.min(endAt, lastMark + Math.round(o.intervalS * 1e6)) : endAt;
      let w: Wake = { reason: 'timeout' };
      if (next > sched.now) w = yield waitFor(wake, waitUs(next - sched.now));
      if (broken) {
        ctx.err(`write failed: ${broken === 'ECONNRESET' ? 'Connection reset by peer' : ERRNO_TEXT[broken]}\n`);
        break;
      }
      if (w.reason === 'interrupt') break;
      if (w.reason === 'signal') continue;
      if (sched.now >= endAt) break;
      // An interval report.
      const bytes = clientBytes(flow, bulk, sched.now - start);
      print(bwLine(id, (lastMark - start) / 1e6, (sched.now - start) / 1e6, bytes - lastBytes, o.fmt));
      lastMark = sched.now;
      lastBytes = bytes;
    }
    const total = finish();
    const end = (sched.now - start) / 1e6;
    if (o.intervalS > 0 && sched.now > lastMark && end > 0) {
      print(bwLine(id, (lastMark - start) / 1e6, end, total - lastBytes, o.fmt));
    }
    print(bwLine(id, 0, end, total, o.fmt));
    return 0;
  } finally {
    // Killed: the kernel still closes the socket.
    if (!finished) finish();
  }
}

// ---- TCP server ---------------------------------------------------------------------------

interface ServerConn {
  readonly id: number;
  readonly conn: TcpConnection;
  acceptedAt: Micros;
  announced: boolean;
  /** The transfer's rate over time (from the client's start message) and its slow-start lag. */
  flow: { readonly bulk: BulkFlow; readonly rampUs: Micros } | undefined;
  total: number | undefined;
  slackUs: number;
  buf: string;
  ended: boolean;
  reportAt: Micros | undefined;
  nextInterval: Micros | undefined;
  lastMark: Micros;
  lastBytes: number;
}

/**
 * Bytes the server has read by time `t`: the transfer's deliveries, as seen from its accept,
 * lagging half a slow start behind (the reads trail the writes while the window opens).
 */
function serverRead(s: ServerConn, t: Micros, total: number): number {
  if (!s.flow) return 0;
  const active = t - s.acceptedAt - s.flow.rampUs / 2;
  if (active <= 0) return 0;
  return Math.min(total, Math.round(s.flow.bulk.bytesAt(s.flow.bulk.startAt + active)));
}

/** When the server will have read all `total` bytes at the transfer's current rates. */
function serverDone(s: ServerConn, total: number): Micros {
  if (!s.flow) return -Infinity;
  const { bulk, rampUs } = s.flow;
  return s.acceptedAt + Math.round(rampUs / 2 + (bulk.timeOf(total) - bulk.startAt));
}

function* tcpServer(ctx: ExecContext, o: Options): Proc {
  const stack = ctx.node.stack;
  const sched = ctx.net.sched;
  const wake = new Signal(sched);
  const conns: ServerConn[] = [];
  const ids = new Set<number>([3]);
  const intervalUs = Math.round(o.intervalS * 1e6);
  const flows = bulkFlows(ctx.net);
  // Rates change when other transfers start or leave: the report times move with them.
  const unwatch = flows.onChange(() => {
    for (const s of conns) if (s.ended) due(s);
    wake.fire();
  });

  /** The report time of an ended transfer: when its last byte is read, plus the reporter's slack. */
  const due = (s: ServerConn): void => {
    const at = s.flow ? serverDone(s, s.total ?? 0) + s.slackUs : sched.now;
    s.reportAt = Math.max(sched.now, at);
  };
  const ended = (s: ServerConn): void => {
    if (s.ended) return;
    s.ended = true;
    due(s);
    wake.fire();
  };
  const listening = stack.tcp.listen(o.port, (conn) => {
    const s: ServerConn = {
      id: allocId(ids, 4), conn, acceptedAt: sched.now, announced: false, flow: undefined, total: undefined, slackUs: 0, buf: '',
      ended: false, reportAt: undefined, nextInterval: undefined, lastMark: 0, lastBytes: 0,
    };
    return {
      onConnect: () => {
        s.acceptedAt = sched.now;
        s.lastMark = sched.now;
        conns.push(s);
        wake.fire();
      },
      onData: (_c, data) => {
        s.buf += data;
        let nl: number;
        while ((nl = s.buf.indexOf('\n')) >= 0) {
          const line = s.buf.slice(0, nl);
          s.buf = s.buf.slice(nl + 1);
          let m: FlowMsg | undefined;
          try {
            m = JSON.parse(line) as FlowMsg;
          } catch {
            m = undefined; // anything else a client sends is just data to discard
          }
          const bulk = m?.kind === 'start' ? flows.get(m.flow) : undefined;
          if (m?.kind === 'start' && bulk) {
            s.flow = { bulk, rampUs: m.rampUs };
            if (intervalUs > 0) s.nextInterval = s.acceptedAt + intervalUs;
          } else if (m?.kind === 'end') {
            // The client's last word: it closes right after, so the transfer is over even if
            // its FIN overtakes this segment and has to be retransmitted.
            s.total = m.bytes;
            s.slackUs = m.slackUs;
            ended(s);
          }
        }
        wake.fire();
      },
      onEnd: (c) => {
        // EOF: iperf's server thread reports and closes its socket.
        ended(s);
        c.close();
      },
      onError: () => ended(s),
      onClose: () => ended(s),
    };
  });
  if (!listening) {
    ctx.err('bind failed: Address already in use\n');
    return 1;
  }
  ctx.out(settingsBanner([`Server listening on TCP port ${o.port}\n`], o.windowBytes !== undefined ? 2 * o.windowBytes : TCP_SERVER_WINDOW, false, o.windowBytes));
  const print = withHeader(ctx, BW_HEADER);
  let interrupted = false;
  try {
    for (;;) {
      const now = sched.now;
      for (const s of [...conns]) {
        if (!s.announced) {
          ctx.out(peerLine(s.id, s.conn.localIp, s.conn.localPort, s.conn.remoteIp, s.conn.remotePort));
          s.announced = true;
        }
        while (s.flow && s.nextInterval !== undefined && s.nextInterval <= now && (s.reportAt === undefined || s.nextInterval < s.reportAt)) {
          const bytes = serverRead(s, s.nextInterval, s.total ?? Infinity);
          print(bwLine(s.id, (s.lastMark - s.acceptedAt) / 1e6, (s.nextInterval - s.acceptedAt) / 1e6, bytes - s.lastBytes, o.fmt));
          s.lastMark = s.nextInterval;
          s.lastBytes = bytes;
          s.nextInterval += intervalUs;
        }
        if (s.reportAt !== undefined && s.reportAt <= now) {
          const total = s.total ?? 0;
          const end = (s.reportAt - s.acceptedAt) / 1e6;
          if (intervalUs > 0 && s.flow && s.reportAt > s.lastMark) {
            print(bwLine(s.id, (s.lastMark - s.acceptedAt) / 1e6, end, total - s.lastBytes, o.fmt));
          }
          print(bwLine(s.id, 0, end, total, o.fmt));
          conns.splice(conns.indexOf(s), 1);
          ids.delete(s.id);
        }
      }
      if (interrupted && conns.length === 0) return 0;
      let deadline: Micros | undefined;
      for (const s of conns) {
        for (const t of [s.nextInterval, s.reportAt]) if (t !== undefined && (deadline === undefined || t < deadline)) deadline = t;
      }
      const w = yield waitFor(wake, deadline === undefined ? undefined : waitUs(deadline - sched.now));
      if (w.reason === 'interrupt') {
        if (interrupted || conns.length === 0) {
          ctx.out('\n');
          return interrupted ? 1 : 0;
        }
        // Sig_Interupt with live transfers: wait for them, a second ^C forces the exit.
        interrupted = true;
        ctx.out('\n' + 'Waiting for server threads to complete. Interrupt again to force quit.\n');
      }
    }
  } finally {
    unwatch();
    stack.tcp.unlisten(o.port);
    for (const s of conns) s.conn.abort();
  }
}

// ---- UDP ------------------------------------------------------------------------------------

/** The numbers the UDP server reports (and sends back in its report datagram). */
interface UdpReport {
  readonly bytes: number;
  readonly durationUs: Micros;
  readonly jitterMs: number;
  readonly lost: number;
  readonly total: number;
}

/** Datagram payloads of the test (the first carries the model, the last asks for the report). */
type UdpMsg =
  | { readonly iperf: 'first' }
  | {
      readonly iperf: 'fin';
      readonly sent: number;
      readonly len: number;
      readonly durationUs: Micros;
      readonly sentBps: number;
      readonly capacityBps: number;
      readonly loss: number;
      readonly queueBytes: number;
      readonly jitterMs: number;
    }
  | { readonly iperf: 'report'; readonly report: UdpReport };

function isUdpMsg(d: unknown): d is UdpMsg {
  return typeof d === 'object' && d !== null && 'iperf' in d;
}

function* udpClient(ctx: ExecContext, o: Options): Proc {
  const dst = resolveServer(ctx, o.host);
  if (dst === undefined) return 1;
  const stack = ctx.node.stack;
  const sched = ctx.net.sched;
  const route = stack.routeTo(dst);
  if (!route) {
    ctx.err('connect failed: Network is unreachable\n');
    return 1;
  }
  const wake = new Signal(sched);
  let report: UdpReport | undefined;
  let pendingError: string | undefined;
  let lport = 0;
  for (;;) {
    lport = ctx.net.rng.range(32768, 60999);
    if (stack.bindUdp(lport, (_ip, udp) => {
      if (isUdpMsg(udp.data) && udp.data.iperf === 'report') {
        report = udp.data.report;
        wake.fire();
      }
    })) break;
  }
  const unsubscribe = stack.onIcmp((_ip: Ipv4Packet, m: IcmpMessage) => {
    if (m.type !== ICMP_DEST_UNREACH) return;
    const p = m.original.payload;
    if (p.proto !== 'udp' || p.sport !== lport || p.dport !== o.port) return;
    pendingError = m.code === 3 ? 'Connection refused' : m.code === 0 ? 'Network is unreachable' : 'No route to host';
    wake.fire();
  });
  const flows = bulkFlows(ctx.net);
  let bulk: BulkFlow | undefined;
  try {
    const rate = o.udpRateBps;
    const ipgUs = rate > 0 ? (o.len * 8e6) / rate : Infinity;
    const lines = [`Client connecting to ${o.host}, UDP port ${o.port}\n`, `Sending ${o.len} byte datagrams, IPG target: ${ipgUs.toFixed(2)} us (kalman adjust)\n`];
    if (ipgUs > 1e6) ctx.err(`WARNING: delay too large, reducing from ${(ipgUs / 1e6).toFixed(1)} to 1.0 seconds.\n`);
    ctx.out(settingsBanner(lines, o.windowBytes !== undefined ? 2 * o.windowBytes : UDP_BUFFER, true, o.windowBytes));
    const id = 3;
    ctx.out(peerLine(id, 'src' in route ? route.src : dst, lport, dst, o.port));
    const src = 'src' in route ? route.src : dst;
    const path = pathTo(ctx, { src, dst, proto: 17, sport: lport, dport: o.port });
    const offered = ipgUs > 1e6 ? (o.len * 8) : rate;
    const flow = udpFlow(defaultSummary(path), ctx.net.rng, offered, o.len);
    // Its share of the shaped links while it sends (a UDP sender does not back off, but the
    // links' queues serve the transfers crossing them in turn).
    bulk = flows.start(shapedEgresses(path), Math.min(flow.sentBps, flow.capacityBps), o.len / (o.len + UDP_OVERHEAD));
    stack.sendUdp(dst, lport, o.port, o.len, { data: { iperf: 'first' } satisfies UdpMsg });
    const start = sched.now;
    const endAt = start + Math.round(o.timeS * 1e6);
    const count = (us: Micros): number => (us <= 0 ? 0 : Math.floor(((us / 1e6) * flow.sentBps) / (o.len * 8)) + 1);
    const print = withHeader(ctx, BW_HEADER);
    let lastMark = start;
    let lastCount = 0;
    for (;;) {
      const next = o.intervalS > 0 ? Math.min(endAt, lastMark + Math.round(o.intervalS * 1e6)) : endAt;
      let w: Wake = { reason: 'timeout' };
      if (next > sched.now) w = yield waitFor(wake, waitUs(next - sched.now));
      if (w.reason === 'interrupt') break;
      if (w.reason === 'signal') continue;
      if (sched.now >= endAt) break;
      const n = count(sched.now - start);
      print(bwLine(id, (lastMark - start) / 1e6, (sched.now - start) / 1e6, (n - lastCount) * o.len, o.fmt));
      lastMark = sched.now;
      lastCount = n;
    }
    const elapsed = sched.now - start;
    const sent = count(elapsed);
    const end = elapsed / 1e6;
    // Shared with other transfers, the path carried this one's average share (and this one
    // holds as much of the shared bottleneck queue).
    const sending = bulk;
    const shareBps = elapsed > 0 ? (sending.bytesAt(sched.now) * 8) / (elapsed / 1e6) : sending.rateBps;
    const capacityBps = shareBps < Math.min(flow.sentBps, flow.capacityBps) * (1 - 1e-9) ? shareBps : flow.capacityBps;
    flows.remove(sending);
    if (o.intervalS > 0 && sched.now > lastMark) print(bwLine(id, (lastMark - start) / 1e6, end, (sent - lastCount) * o.len, o.fmt));
    print(bwLine(id, 0, end, sent * o.len, o.fmt));
    ctx.out(`${idTag(id)} Sent ${sent} datagrams\n`);
    if (path) chargeInterfaces(path, Math.min(sent * o.len, (flow.capacityBps / 8) * (end + 1)), o.len, UDP_OVERHEAD, false);
    // write_UDP_FIN: the closing datagram, resent every 250 ms until the server's report arrives.
    const fin: UdpMsg = {
      iperf: 'fin', sent, len: o.len, durationUs: elapsed, sentBps: flow.sentBps, capacityBps,
      loss: flow.loss, queueBytes: flow.queueBytes * Math.min(1, capacityBps / flow.capacityBps), jitterMs: flow.jitterMs,
    };
    for (let tries = 1; tries <= FIN_TRIES; tries++) {
      if (pendingError === undefined) stack.sendUdp(dst, lport, o.port, o.len, { data: fin });
      const until = sched.now + FIN_WAIT_US;
      while (!report && pendingError === undefined && sched.now < until) {
        const w = yield waitFor(wake, waitUs(until - sched.now));
        if (w.reason === 'interrupt') return 1;
      }
      if (pendingError !== undefined) {
        ctx.err(`read failed: ${pendingError}\n`);
        ctx.err(`${idTag(id)} WARNING: did not receive ack of last datagram after ${tries} tries.\n`);
        return 0;
      }
      if (report) {
        ctx.out(`${idTag(id)} Server Report:\n`);
        ctx.out(jitterLine(id, report, o.fmt));
        return 0;
      }
    }
    ctx.err(`${idTag(id)} WARNING: did not receive ack of last datagram after ${FIN_TRIES} tries.\n`);
    return 0;
  } finally {
    if (bulk) flows.remove(bulk);
    unsubscribe();
    stack.unbindUdp(lport);
  }
}

interface UdpSession {
  readonly id: number;
  readonly peer: Ipv4;
  readonly peerPort: number;
  readonly local: Ipv4;
  readonly firstAt: Micros;
  announced: boolean;
  reportAt: Micros | undefined;
  report: UdpReport | undefined;
  done: boolean;
}

function* udpServer(ctx: ExecContext, o: Options): Proc {
  const stack = ctx.node.stack;
  const sched = ctx.net.sched;
  const rng = ctx.net.rng;
  const wake = new Signal(sched);
  const sessions = new Map<string, UdpSession>();
  const ids = new Set<number>();

  const reply = (s: UdpSession): void => {
    if (!s.report) return;
    stack.sendUdp(s.peer, o.port, s.peerPort, REPORT_DATAGRAM_LEN, { data: { iperf: 'report', report: s.report } satisfies UdpMsg, });
  };
  const handler = (ip: Ipv4Packet, udp: UdpDatagram): void => {
    const key = `${ip.src}:${udp.sport}`;
    let s = sessions.get(key);
    const msg = isUdpMsg(udp.data) ? udp.data : undefined;
    if (s?.done) {
      if (msg?.iperf === 'fin') reply(s); // a resent closing datagram: answer again
      return;
    }
    if (!s) {
      s = {
        id: allocId(ids, 3), peer: ip.src, peerPort: udp.sport, local: ip.dst, firstAt: sched.now, announced: false,
        reportAt: undefined, report: undefined, done: false,
      };
      sessions.set(key, s);
    }
    if (msg?.iperf === 'fin' && s.reportAt === undefined) {
      // What crossed the path: everything sent if it fitted, else what the bottleneck passed
      // during the test and while its queue drained; netem loss on top.
      const overloaded = msg.sentBps > msg.capacityBps;
      const backlog = overloaded ? Math.min(msg.queueBytes, ((msg.sentBps - msg.capacityBps) / 8) * (msg.durationUs / 1e6)) : 0;
      const drainUs = overloaded ? ((backlog * 8) / msg.capacityBps) * 1e6 : 0;
      const durationUs = msg.durationUs + drainUs;
      const through = overloaded ? Math.min(msg.sent, Math.floor(((msg.capacityBps / 8) * (durationUs / 1e6)) / msg.len)) : msg.sent;
      const spread = Math.sqrt(through * msg.loss * (1 - msg.loss));
      const lostOnWire = msg.loss > 0 ? Math.max(0, Math.min(through, Math.round(through * msg.loss + (rng.float() * 2 - 1) * spread))) : 0;
      const received = through - lostOnWire;
      s.report = {
        bytes: received * msg.len, durationUs, jitterMs: msg.jitterMs, lost: msg.sent - received, total: msg.sent,
      };
      s.reportAt = Math.max(sched.now, s.firstAt + Math.round(durationUs));
    }
    wake.fire();
  };
  if (!stack.bindUdp(o.port, handler)) {
    ctx.err('bind failed: Address already in use\n');
    return 1;
  }
  ctx.out(settingsBanner([`Server listening on UDP port ${o.port}\n`, `Receiving ${o.len} byte datagrams\n`], o.windowBytes !== undefined ? 2 * o.windowBytes : UDP_BUFFER, true, o.windowBytes));
  let headerPrinted = false;
  try {
    for (;;) {
      const now = sched.now;
      let deadline: Micros | undefined;
      for (const s of sessions.values()) {
        if (s.done) continue;
        if (!s.announced) {
          ctx.out(peerLine(s.id, s.local, o.port, s.peer, s.peerPort));
          s.announced = true;
        }
        if (s.reportAt !== undefined && s.report) {
          if (s.reportAt <= now) {
            if (!headerPrinted) ctx.out(JITTER_HEADER);
            headerPrinted = true;
            ctx.out(jitterLine(s.id, s.report, o.fmt));
            s.done = true;
            ids.delete(s.id);
            reply(s);
          } else if (deadline === undefined || s.reportAt < deadline) {
            deadline = s.reportAt;
          }
        }
      }
      const w = yield waitFor(wake, deadline === undefined ? undefined : waitUs(deadline - sched.now));
      if (w.reason === 'interrupt') {
        ctx.out('\n');
        return 0;
      }
    }
  } finally {
    stack.unbindUdp(o.port);
  }
}

export const iperfCommand: CommandSpec = {
  name: 'iperf',
  family: 'linux',
  summary: 'measure TCP or UDP throughput between two hosts',
  usage: 'iperf -s [-u] [-p port] | iperf -c host [-u] [-b rate] [-t secs] [-i secs] [-p port] [-f units]',
  where: 'any',
  options: ['-s', '-c', '-u', '-b', '-t', '-p', '-i', '-f', '-l', '-w', '-h', '-v'],
  run: iperfMain,
};
