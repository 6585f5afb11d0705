/**
 * traceroute (Dmitry Butskoy's "Modern traceroute for Linux" 2.1.0, as Ubuntu ships it;
 * reference/mininet.md §3.6). Probes really cross the emulated network: UDP datagrams to ports
 * 33434 and up (or ICMP echo requests with -I) with TTL 1, 2, ... and the replies that come
 * back (time exceeded from routers, port unreachable or echo reply from the destination,
 * other unreachables as !H !N !X ...) are matched to their probes.
 *
 * Scheduling follows the original: up to 16 probes in flight at once (-N), each waiting at most
 * MAX seconds, or HERE times the round trip of an answered probe of the same hop, or NEAR times
 * that of a later hop (-w MAX,HERE,NEAR, default 5,3,10); hops print in order as soon as their
 * probes are settled; the trace ends after the hop where a probe reached the destination or met
 * an unreachable. Output format: print_header/print_probe/print_end of traceroute.c; option
 * errors are libclif's (CLIF_parse_cmdline) words.
 */
import type { CommandSpec } from '../../shell/registry';
import type { ExecContext } from '../../shell/context';
import type { Proc } from '../../shell/process';
import { Signal, waitFor } from '../../shell/process';
import type { Ipv4 } from '../../wire/addr';
import { formatIpv4 } from '../../wire/addr';
import type { IcmpMessage } from '../../wire/icmp';
import type { Ipv4Packet } from '../../wire/ipv4';
import {
  ICMP_DEST_UNREACH, ICMP_ECHO_REPLY, ICMP_ECHO_REQUEST, ICMP_TIME_EXCEEDED, UNREACH_PORT,
} from '../../wire/icmp';
import type { Micros } from '../../sim/time';
import { resolveIn, reverseIn } from './resolve';

const MAX_HOPS = 255;
const MAX_PROBES = 10;
const DEF_HOPS = 30;
const DEF_SIM_PROBES = 16;
const DEF_NUM_PROBES = 3;
const DEF_WAIT_SECS = 5.0;
const DEF_HERE_FACTOR = 3;
const DEF_NEAR_FACTOR = 10;
/** +1 ms added to a measured round trip before scaling it (DEF_WAIT_PREC). */
const WAIT_PREC_US = 1000;
/** Probe data when no packetlen is given: everything but the IP header (DEF_DATA_LEN). */
const DEF_DATA_LEN = 40;
const MAX_PACKET_LEN = 65000;
const DEF_START_PORT = 33434;
const DEF_UDP_PORT = 53;
const IP_HEADER = 20;
const UDP_HEADER = 8;
const ICMP_HEADER = 8;
/** System time one probe's send costs (socket, setsockopt, connect, sendto on a VM). */
const SEND_COST_US = 12;

export const TRACEROUTE_VERSION = 'Modern traceroute for Linux, version 2.1.0\nCopyright (c) 2016  Dmitry Butskoy,   License: GPL v2 or any later';

type Method = 'default' | 'udp' | 'icmp';

interface Settings {
  firstHop: number;
  maxHops: number;
  simProbes: number;
  probesPerHop: number;
  waitUs: Micros;
  hereFactor: number;
  nearFactor: number;
  sendWaitUs: Micros;
  noResolve: boolean;
  method: Method;
  port: number | undefined;
}

/** One probe: traceroute.c's `probe` structure. */
interface Probe {
  /** Virtual send time; undefined until sent. */
  sendTime: Micros | undefined;
  recvTime: Micros | undefined;
  done: boolean;
  final: boolean;
  /** Address that answered. */
  res: Ipv4 | undefined;
  errStr: string;
  recvTtl: number;
  /** UDP: source and destination port; ICMP: sequence number. */
  sport: number;
  key: number;
}

function newProbe(): Probe {
  return { sendTime: undefined, recvTime: undefined, done: false, final: false, res: undefined, errStr: '', recvTtl: 0, sport: 0, key: -1 };
}

// ---- command line (libclif) ------------------------------------------------------------

interface OptDef {
  readonly short?: string;
  readonly long?: string;
  /** The argument's name in messages (`-m max_ttl`); undefined for flags. */
  readonly argName?: string;
  readonly apply: (s: Settings, arg: string) => boolean;
  /** Real options this sandbox does not emulate. */
  readonly unsupported?: boolean;
  readonly help: string;
}

/** strtoul(arg, &q, 0) consuming the whole string. */
function parseUint(arg: string): number | undefined {
  const m = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)$/.exec(arg);
  if (!m) return undefined;
  const body = m[2]!;
  let v = /^0[xX]/.test(body) ? parseInt(body.slice(2), 16) : body.length > 1 && body.startsWith('0') ? parseInt(body, 8) : Number(body);
  if (m[1] === '-') v = 2 ** 32 - v;
  return v > 0xffffffff ? 0xffffffff : v;
}

/** strtol(arg, &q, 0) consuming the whole string. */
function parseInt0(arg: string): number | undefined {
  const m = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)$/.exec(arg);
  if (!m) return undefined;
  const body = m[2]!;
  const v = /^0[xX]/.test(body) ? parseInt(body.slice(2), 16) : body.length > 1 && body.startsWith('0') ? parseInt(body, 8) : Number(body);
  return m[1] === '-' ? -v : v;
}

/** strtod's prefix: the number and the rest of the string. */
function strtod(s: string): { value: number; rest: string } | undefined {
  const m = /^\s*[+-]?(\d+\.?\d*(e[+-]?\d+)?|\.\d+(e[+-]?\d+)?)/i.exec(s);
  if (!m) return undefined;
  return { value: Number(m[0]), rest: s.slice(m[0].length) };
}

function setUint(field: 'firstHop' | 'maxHops' | 'simProbes' | 'probesPerHop'): (s: Settings, a: string) => boolean {
  return (s, a) => {
    const v = parseUint(a);
    if (v === undefined) return false;
    s[field] = v;
    return true;
  };
}

const OPTIONS: readonly OptDef[] = [
  { short: '4', apply: () => true, help: 'Use IPv4' },
  { short: '6', apply: () => true, unsupported: true, help: 'Use IPv6' },
  { short: 'd', long: 'debug', apply: () => true, help: 'Turn on socket-level debugging' },
  { short: 'F', long: 'dont-fragment', apply: () => true, help: 'Set the do-not-fragment bit on probes' },
  { short: 'f', long: 'first', argName: 'first_ttl', apply: setUint('firstHop'), help: 'Begin at hop first_ttl instead of hop 1' },
  { short: 'g', long: 'gateway', argName: 'gate', apply: () => true, unsupported: true, help: 'Route probes through the given gateway' },
  { short: 'I', long: 'icmp', apply: (s) => ((s.method = 'icmp'), true), help: 'Probe with ICMP echo requests' },
  { short: 'T', long: 'tcp', apply: () => true, unsupported: true, help: 'Probe with TCP SYN segments' },
  { short: 'i', long: 'interface', argName: 'device', apply: () => true, unsupported: true, help: 'Send probes out of this interface' },
  { short: 'm', long: 'max-hops', argName: 'max_ttl', apply: setUint('maxHops'), help: 'Give up after max_ttl hops (default 30)' },
  { short: 'N', long: 'sim-queries', argName: 'squeries', apply: setUint('simProbes'), help: 'Probes in flight at once (default 16)' },
  { short: 'n', apply: (s) => ((s.noResolve = true), true), help: 'Print addresses without looking up names' },
  {
    short: 'p', long: 'port', argName: 'port',
    apply: (s, a) => {
      const v = parseUint(a);
      if (v === undefined) return false;
      s.port = v;
      return true;
    },
    help: 'First destination port (UDP, default 33434) or first sequence number (ICMP)',
  },
  { short: 't', long: 'tos', argName: 'tos', apply: () => true, help: 'Type of service of the probes' },
  {
    short: 'w', long: 'wait', argName: 'MAX,HERE,NEAR',
    apply: (s, a) => {
      // set_wait_specs: MAX[,HERE[,NEAR]]
      s.hereFactor = 0;
      s.nearFactor = 0;
      const max = strtod(a);
      if (!max) return false;
      s.waitUs = max.value * 1e6;
      if (max.rest === '') return true;
      const here = strtod(max.rest.slice(1));
      if (!here) return false;
      s.hereFactor = here.value;
      if (here.rest === '') return true;
      const near = strtod(here.rest.slice(1));
      if (!near || near.rest !== '') return false;
      s.nearFactor = near.value;
      return true;
    },
    help: 'Wait at most MAX seconds for a reply, or HERE times the round trip of this hop, or NEAR times that of a later hop (default 5,3,10)',
  },
  { short: 'q', long: 'queries', argName: 'nqueries', apply: setUint('probesPerHop'), help: 'Probes per hop (default 3)' },
  { short: 'r', apply: () => true, help: 'Send straight to a host on an attached network, bypassing routes' },
  { short: 's', long: 'source', argName: 'src_addr', apply: () => true, unsupported: true, help: 'Source address of the probes' },
  {
    short: 'z', long: 'sendwait', argName: 'sendwait',
    apply: (s, a) => {
      const v = strtod(a);
      if (!v || v.rest !== '') return false;
      s.sendWaitUs = v.value * 1e6;
      return true;
    },
    help: 'Pause between probes (seconds, or milliseconds above 10)',
  },
  { short: 'e', long: 'extensions', apply: () => true, help: 'Show ICMP extensions' },
  { short: 'A', long: 'as-path-lookups', apply: () => true, unsupported: true, help: 'Look up AS paths' },
  { short: 'U', long: 'udp', apply: (s) => ((s.method = 'udp'), true), help: 'Probe one UDP port (default 53) instead of increasing ports' },
  { short: 'D', long: 'dccp', apply: () => true, unsupported: true, help: 'Probe with DCCP requests' },
  { short: 'V', long: 'version', apply: () => true, help: 'Print the version and exit' },
  { long: 'help', apply: () => true, help: 'Print this help and exit' },
];

function showShort(o: OptDef, withArg: boolean): string {
  return `-${o.short}${withArg && o.argName ? ' ' + o.argName : ''}`;
}

function showLong(o: OptDef, withArg: boolean): string {
  return `--${o.long}${withArg && o.argName ? '=' + o.argName : ''}`;
}

/** Break text into lines of at most `width` characters at spaces (libclif's box_output). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const w of text.split(' ')) {
    if (cur && cur.length + 1 + w.length > width) {
      lines.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) lines.push(cur);
  return lines;
}

function helpText(): string {
  const flags = OPTIONS.filter((o) => o.short && !o.argName).map((o) => o.short).join('');
  const withArgs = OPTIONS.filter((o) => o.short && o.argName).map((o) => ` [ ${showShort(o, true)} ]`).join('');
  let s = `Usage:\n  traceroute [ -${flags} ]${withArgs} host [ packetlen ]\nOptions:\n`;
  for (const o of OPTIONS) {
    const name = o.short && o.long ? `${showShort(o, true)}  ${showLong(o, true)}` : o.short ? showShort(o, true) : showLong(o, true);
    const left = `  ${name}`;
    const lines = wrap(o.help, 50);
    s += left.length < 30 ? left.padEnd(30) : left + '\n' + ' '.repeat(30);
    s += lines.join('\n' + ' '.repeat(30)) + '\n';
  }
  s += '\nArguments:\n+     host          The host to trace the route to\n      packetlen     Full probe length (default: IP header + 40 bytes)\n';
  return s;
}

type Parsed =
  | { ok: true; settings: Settings; host: string; hostArgc: number; packetLen?: { text: string; argc: number } }
  | { ok: false; status: number; text: string };

function parseArgs(argv: string[]): Parsed {
  const s: Settings = {
    firstHop: 1, maxHops: DEF_HOPS, simProbes: DEF_SIM_PROBES, probesPerHop: DEF_NUM_PROBES, waitUs: DEF_WAIT_SECS * 1e6,
    hereFactor: DEF_HERE_FACTOR, nearFactor: DEF_NEAR_FACTOR, sendWaitUs: 0, noResolve: false, method: 'default', port: undefined,
  };
  if (argv.length === 0) return { ok: false, status: 0, text: helpText() };
  const args: Array<{ text: string; argc: number }> = [];
  let optionsDone = false;
  const fail = (text: string): Parsed => ({ ok: false, status: 2, text: text + '\n' });
  for (let i = 0; i < argv.length; i++) {
    const argc = i + 1;
    const a = argv[i]!;
    if (optionsDone || !a.startsWith('-') || a === '-') {
      args.push({ text: a, argc });
      continue;
    }
    if (a.startsWith('--')) {
      if (a === '--') {
        optionsDone = true;
        continue;
      }
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const o = OPTIONS.find((x) => x.long === name);
      if (!o) return fail(eq < 0 ? `Bad option \`${a}' (argc ${argc})` : `Bad option \`${a}' (with arg \`${a.slice(eq + 1)}') (argc ${argc})`);
      if (o.long === 'help') return { ok: false, status: 0, text: helpText() };
      if (o.long === 'version') return { ok: false, status: 0, text: TRACEROUTE_VERSION + '\n' };
      if (o.unsupported) return fail(`traceroute: ${showLong(o, false)}: not supported in this sandbox`);
      if (o.argName && eq < 0) return fail(`Option \`${showLong(o, false)}' (argc ${argc}) requires an argument: \`${showLong(o, true)}'`);
      const val = eq < 0 ? '' : a.slice(eq + 1);
      if (!o.apply(s, val)) return fail(o.argName ? `Cannot handle \`${showLong(o, false)}' option with arg \`${val}' (argc ${argc})` : `Cannot handle \`${showLong(o, false)}' option (argc ${argc})`);
      continue;
    }
    // One or several short options.
    for (let k = 1; k < a.length; k++) {
      const c = a[k]!;
      const o = OPTIONS.find((x) => x.short === c);
      if (!o) return fail(`Bad option \`-${c}' (argc ${argc})`);
      if (o.short === 'V') return { ok: false, status: 0, text: TRACEROUTE_VERSION + '\n' };
      if (o.unsupported) return fail(`traceroute: ${showShort(o, false)}: not supported in this sandbox`);
      if (!o.argName) {
        o.apply(s, '');
        continue;
      }
      let val: string;
      if (k === a.length - 1) {
        if (i + 1 >= argv.length) return fail(`Option \`${showShort(o, false)}' (argc ${argc}) requires an argument: \`${showShort(o, true)}'`);
        i++;
        val = argv[i]!;
      } else if (k === 1) {
        val = a.slice(2);
      } else {
        return fail(`Option \`${showShort(o, false)}' (argc ${argc}) requires an argument: \`${showShort(o, true)}'`);
      }
      if (!o.apply(s, val)) return fail(`Cannot handle \`${showShort(o, false)}' option with arg \`${val}' (argc ${i + 1})`);
      break;
    }
  }
  if (args.length === 0) return fail('Specify "host" missing argument.');
  if (args.length > 2) return fail(`Extra arg \`${args[2]!.text}' (position 3, argc ${args[2]!.argc})`);
  return { ok: true, settings: s, host: args[0]!.text, hostArgc: args[0]!.argc, packetLen: args[1] };
}

/** printf's %g for the bad-wait message. */
function fmtG(v: number): string {
  if (v === 0) return '0';
  const s = v.toPrecision(6);
  return s.includes('e') ? s : s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

// ---- the trace -----------------------------------------------------------------------------

export function* tracerouteMain(ctx: ExecContext, argv: string[]): Proc {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    ctx.err(parsed.text);
    return parsed.status;
  }
  const st = parsed.settings;
  const r = resolveIn(ctx, parsed.host);
  if (!r.ok) {
    ctx.err(`${parsed.host}: ${r.error === 'unknown' ? 'Temporary failure in name resolution' : 'Name or service not known'}\n`);
    ctx.err(`Cannot handle "host" cmdline arg \`${parsed.host}' on position 1 (argc ${parsed.hostArgc})\n`);
    return 2;
  }
  let packetLen = -1;
  if (parsed.packetLen) {
    const v = parseInt0(parsed.packetLen.text);
    if (v === undefined) {
      ctx.err(`Cannot handle "packetlen" cmdline arg \`${parsed.packetLen.text}' on position 2 (argc ${parsed.packetLen.argc})\n`);
      return 2;
    }
    packetLen = v;
  }
  // main(): range checks (ex_error, exit 2).
  const exError = (m: string): number => {
    ctx.err(m + '\n');
    return 2;
  };
  if (!st.firstHop || st.firstHop > st.maxHops) return exError('first hop out of range');
  if (st.maxHops > MAX_HOPS) return exError(`max hops cannot be more than ${MAX_HOPS}`);
  if (!st.probesPerHop || st.probesPerHop > MAX_PROBES) return exError(`no more than ${MAX_PROBES} probes per hop`);
  if (st.waitUs < 0 || st.hereFactor < 0 || st.nearFactor < 0) {
    return exError(`bad wait specifications \`${fmtG(st.waitUs / 1e6)},${fmtG(st.hereFactor)},${fmtG(st.nearFactor)}' used`);
  }
  if (packetLen > MAX_PACKET_LEN) return exError(`too big packetlen ${packetLen} specified`);
  if (st.sendWaitUs < 0) return exError(`bad sendtime \`${fmtG(st.sendWaitUs / 1e6)}' specified`);
  if (st.sendWaitUs >= 10e6) st.sendWaitUs /= 1000;
  if (st.simProbes < 1) st.simProbes = 1;

  const icmp = st.method === 'icmp';
  const headerLen = IP_HEADER + (icmp ? 0 : UDP_HEADER);
  let dataLen = 0;
  if (packetLen < 0) dataLen = DEF_DATA_LEN - (icmp ? 0 : UDP_HEADER);
  else if (packetLen >= headerLen) dataLen = packetLen - headerLen;
  if (icmp && dataLen < ICMP_HEADER) dataLen = ICMP_HEADER;

  const dst = r.ip;
  const stack = ctx.node.stack;
  const sched = ctx.net.sched;
  const out = (t: string): void => ctx.out(t);
  /** error(): a newline, then perror's "what: Error text", exit 1. */
  const fatal = (what: string, text: string): number => {
    ctx.err(`\n${what}: ${text}\n`);
    return 1;
  };
  /** What connect() says about `dst` given the routing table (ip_route_connect's errors). */
  const connectError = (): string | undefined => {
    if (stack.isLocal(dst)) return undefined;
    const rt = stack.routes.lookup(dst);
    if (!rt) return 'Network is unreachable';
    if (rt.type === 'unreachable') return 'No route to host';
    if (rt.type === 'prohibit') return 'Permission denied';
    if (rt.type === 'blackhole') return 'Invalid argument';
    return rt.dev ? undefined : 'Network is unreachable';
  };

  // The ICMP method connects its one raw socket before printing anything.
  if (icmp) {
    const e = connectError();
    if (e) return fatal('connect', e);
  }
  const ident = ctx.net.rng.int(65536);
  let nextPort = st.method === 'default' ? (st.port ?? DEF_START_PORT) : st.method === 'udp' ? (st.port ?? DEF_UDP_PORT) : 0;
  let nextSeq = icmp ? (st.port || 1) : 0;

  const numProbes = st.maxHops * st.probesPerHop;
  const probes: Probe[] = Array.from({ length: numProbes }, newProbe);
  const q = st.probesPerHop;
  const wake = new Signal(sched);

  const parseIcmpRes = (pb: Probe, type: number, code: number): void => {
    if (type === ICMP_TIME_EXCEEDED && code === 0) return;
    if (type === ICMP_DEST_UNREACH) {
      switch (code) {
        case 0: case 6: case 8: case 11: pb.errStr = '!N'; break;
        case 1: case 7: case 12: pb.errStr = '!H'; break;
        case 9: case 10: case 13: pb.errStr = '!X'; break;
        case UNREACH_PORT: break;
        case 2: pb.errStr = '!P'; break;
        case 4: pb.errStr = '!F-0'; break;
        case 5: pb.errStr = '!S'; break;
        case 14: pb.errStr = '!V'; break;
        case 15: pb.errStr = '!C'; break;
        default: pb.errStr = `!<${code}>`; break;
      }
    } else {
      pb.errStr = `!<${type}-${code}>`;
    }
    pb.final = true;
  };

  const onIcmp = (ip: Ipv4Packet, m: IcmpMessage): void => {
    let pb: Probe | undefined;
    if (m.type === ICMP_ECHO_REPLY) {
      if (!icmp || m.ident !== ident) return;
      pb = probes.find((p) => p.key === m.seq && p.sendTime !== undefined && !p.done);
      if (!pb) return;
      pb.final = true;
    } else if (m.type === ICMP_DEST_UNREACH || m.type === ICMP_TIME_EXCEEDED) {
      const o = m.original.payload;
      if (m.original.dst !== dst) return;
      if (icmp) {
        if (o.proto !== 'icmp' || o.type !== ICMP_ECHO_REQUEST || o.ident !== ident) return;
        const seq = o.seq;
        pb = probes.find((p) => p.key === seq && p.sendTime !== undefined && !p.done);
      } else {
        if (o.proto !== 'udp') return;
        pb = probes.find((p) => p.key === o.dport && p.sport === o.sport && p.sendTime !== undefined && !p.done);
      }
      if (!pb) return;
      parseIcmpRes(pb, m.type, m.code);
    } else {
      return;
    }
    pb.res = ip.src;
    pb.recvTime = sched.now;
    pb.recvTtl = ip.ttl;
    pb.done = true;
    wake.fire();
  };

  // Probes leave one after another: each costs a socket, a few setsockopt()s, connect() and
  // sendto() (about SEND_COST_US of system time), and traceroute is one thread, so a probe sent
  // after an answer never leaves before those of the pass still being sent.
  let busyUntil = 0;
  const sendCost = (): Micros => {
    busyUntil = Math.max(sched.now, busyUntil) + SEND_COST_US;
    return busyUntil - sched.now;
  };

  const sendProbe = (pb: Probe, ttl: number): number | undefined => {
    if (icmp) {
      const seq = nextSeq & 0xffff;
      const e = connectError();
      if (e === 'Network is unreachable') return fatal('send', e);
      pb.sendTime = sched.now + sendCost();
      pb.key = seq;
      nextSeq++;
      sched.at(pb.sendTime, () => {
        stack.send({
          dst, ttl, payload: { proto: 'icmp', type: ICMP_ECHO_REQUEST, code: 0, ident, seq, dataLen: dataLen - ICMP_HEADER, sentAt: sched.now },
        });
      });
      return undefined;
    }
    // One connected UDP socket per probe: connect() fails at once without a route.
    const e = connectError();
    if (e) return fatal('connect', e);
    const sport = ctx.net.rng.range(32768, 60999);
    const dport = nextPort & 0xffff;
    pb.sendTime = sched.now + sendCost();
    pb.sport = sport;
    pb.key = dport;
    if (st.method === 'default') nextPort++;
    sched.at(pb.sendTime, () => {
      stack.sendUdp(dst, sport, dport, dataLen, { ttl });
    });
    return undefined;
  };

  // get_timeout(): MAX, or HERE × a same-hop round trip, or NEAR × a later hop's.
  const getTimeout = (idx: number): Micros => {
    if (st.hereFactor) {
      const base = idx - (idx % q);
      for (let i = base; i < base + q; i++) {
        const p = probes[i]!;
        if (p.done && p.recvTime !== undefined && p.sendTime !== undefined && p.recvTime - p.sendTime > 0) {
          const v = (p.recvTime - p.sendTime + WAIT_PREC_US) * st.hereFactor;
          return Math.min(v, st.waitUs);
        }
      }
    }
    if (st.nearFactor) {
      for (let i = idx + 1; i < numProbes && probes[i]!.sendTime !== undefined; i++) {
        const p = probes[i]!;
        if (p.done && p.recvTime !== undefined && p.recvTime - p.sendTime! > 0) {
          const v = (p.recvTime - p.sendTime! + WAIT_PREC_US) * st.nearFactor;
          return Math.min(v, st.waitUs);
        }
      }
    }
    return st.waitUs;
  };

  const ttl2hops = (x: number): number => (x <= 64 ? 65 : x <= 128 ? 129 : 256) - x;

  // check_expired(): an expired probe may really be the place of a later "final" answer.
  const checkExpired = (idx: number): void => {
    const pb = probes[idx]!;
    if (!pb.done) return;
    let pfp: Probe | undefined;
    for (let i = idx - (idx % q); i < idx; i++) {
      const p = probes[i]!;
      if (!p.done || !p.final) return;
      pfp = p;
    }
    let fpIdx = -1;
    for (let i = idx + 1; i < numProbes && probes[i]!.sendTime !== undefined; i++) {
      const p = probes[i]!;
      if (p.done) {
        if (!p.final) return;
        fpIdx = i;
        break;
      }
    }
    if (fpIdx < 0) return;
    const fp = probes[fpIdx]!;
    if (!fp.errStr) return;
    let replace = pfp !== undefined || (idx % q) + (fpIdx - idx) < q;
    if (!replace) {
      for (let i = idx - 1; i >= 0; i--) {
        if (probes[i]!.res !== undefined && probes[i]!.res === fp.res) {
          replace = true;
          break;
        }
      }
    }
    if (!replace && fp.recvTtl) {
      let backHops = ttl2hops(fp.recvTtl);
      for (let i = idx - 1; i >= 0; i--) {
        const p = probes[i]!;
        if (p.done && !p.final && p.recvTtl) {
          const hops = ttl2hops(p.recvTtl);
          if (hops < backHops) {
            backHops = backHops - hops + (Math.floor(i / q) + 1);
            break;
          }
        }
      }
      if (backHops <= Math.floor(idx / q) + 1) replace = true;
    }
    if (!replace) return;
    probes[idx] = { ...fp };
    probes[fpIdx] = { ...newProbe(), sendTime: 1 };
  };

  const names = new Map<Ipv4, string>();
  const printAddr = (ip: Ipv4): void => {
    const text = formatIpv4(ip);
    if (st.noResolve) {
      out(` ${text}`);
      return;
    }
    let name = names.get(ip);
    if (name === undefined) {
      name = reverseIn(ctx, ip) ?? text;
      names.set(ip, name);
    }
    out(` ${name} (${text})`);
  };

  const printProbe = (idx: number): void => {
    const pb = probes[idx]!;
    const ttl = Math.floor(idx / q) + 1;
    let np = idx % q;
    if (np === 0) out(`\n${String(ttl).padStart(2)} `);
    if (pb.res === undefined) {
      out(' *');
    } else {
      let prn = np === 0;
      if (np) {
        let i = idx - 1;
        while (np && probes[i]!.res === undefined) {
          i--;
          np--;
        }
        if (!np || probes[i]!.res !== pb.res) prn = true;
      }
      if (prn) printAddr(pb.res);
    }
    if (pb.recvTime !== undefined && pb.sendTime !== undefined) out(`  ${((pb.recvTime - pb.sendTime) / 1000).toFixed(3)} ms`);
    if (pb.errStr) out(` ${pb.errStr}`);
  };

  const unsubscribe = stack.onIcmp(onIcmp);
  try {
    // do_it()
    let start = (st.firstHop - 1) * q;
    let end = numProbes;
    let lastSend: Micros | undefined;
    out(`traceroute to ${parsed.host} (${formatIpv4(dst)}), ${st.maxHops} hops max, ${headerLen + dataLen} byte packets`);
    while (start < end) {
      let num = 0;
      let nextTime: Micros | undefined;
      const now = sched.now;
      for (let n = start; n < end; n++) {
        let pb = probes[n]!;
        if (n === start && !pb.done && pb.sendTime !== undefined) {
          const expire = pb.sendTime + getTimeout(n);
          if (expire > now) nextTime = expire;
          else {
            pb.done = true; // expire_probe: probe_done()
            checkExpired(n);
            pb = probes[n]!;
          }
        }
        if (pb.done) {
          if (n === start) {
            printProbe(n);
            start++;
          }
          if (pb.final) end = (Math.floor(n / q) + 1) * q;
          continue;
        }
        if (pb.sendTime === undefined) {
          if (st.sendWaitUs && lastSend !== undefined && lastSend + st.sendWaitUs > now) {
            nextTime = lastSend + st.sendWaitUs;
            break;
          }
          const failed = sendProbe(pb, Math.floor(n / q) + 1);
          if (failed !== undefined) return failed;
          lastSend = pb.sendTime;
        }
        if (nextTime === undefined) nextTime = pb.sendTime! + getTimeout(n);
        num++;
        if (num >= st.simProbes) break;
      }
      if (nextTime !== undefined) {
        const w = yield waitFor(wake, Math.max(1, Math.ceil(nextTime - sched.now)));
        if (w.reason === 'interrupt') {
          // No handler for SIGINT: the process dies and bash moves to a new line.
          out('\n');
          return 130;
        }
      }
    }
    out('\n');
    return 0;
  } finally {
    unsubscribe();
  }
}

export const tracerouteCommand: CommandSpec = {
  name: 'traceroute',
  family: 'linux',
  summary: 'show the routers a packet crosses on its way to a host',
  usage: 'traceroute [-nI] [-f first_ttl] [-m max_ttl] [-q nqueries] [-w MAX,HERE,NEAR] [-N squeries] [-p port] host [packetlen]',
  where: 'any',
  options: ['-n', '-I', '-U', '-f', '-m', '-q', '-w', '-N', '-p', '-z', '--help'],
  run: tracerouteMain,
};
