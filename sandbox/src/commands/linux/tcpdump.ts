/**
 * tcpdump 4.99.1 with libpcap 1.10.1 (Ubuntu 22.04): capture on one interface of the command's
 * namespace (or `any`), filter with a pcap expression (capture/filter.ts), print one line per
 * packet (capture/summary.ts) stamped with the lab clock, and at the end the three counts.
 *
 *   tcpdump [-i IF] [-n|-nn] [-c N] [-e] [-v|-vv|-vvv] [-q] [-S] [-t...] [-p] [-Q in|out|inout] [-D] [expr]
 *
 * Behaviour after tcpdump.c: the default interface is the first of pcap_findalldevs() (running
 * interfaces before `any`, then lo, then the rest); status lines go to stderr ("verbose output
 * suppressed, use -v[v]..." unless -v, then "listening on IF, link-type EN10MB (Ethernet),
 * snapshot length 262144 bytes"); -c N stops after N packets; Ctrl-C (the terminal echoes ^C)
 * makes tcpdump print a newline, then "N packets captured" / "N packets received by filter" /
 * "0 packets dropped by kernel" (singular "1 packet"). Errors: "tcpdump: IF: No such device
 * exists" + "(SIOCGIFHWADDR: No such device)", "tcpdump: invalid packet count X", filter errors
 * from libpcap. Frames are seen as the interface sends and receives them (net/link.ts captures),
 * in promiscuous mode unless -p. Options that write or read files, or dump packet bytes, are not
 * supported in this sandbox and say so.
 */
import type { CommandSpec } from '../../shell/registry';
import type { ExecContext } from '../../shell/context';
import type { Proc } from '../../shell/process';
import { Signal, waitFor } from '../../shell/process';
import { getopt } from '../../shell/args';
import type { Capture, CaptureDirection, Intf } from '../../net/interface';
import type { EthernetFrame } from '../../wire/ethernet';
import { labTime, LAB_EPOCH_SECONDS, pad2 } from '../../sim/calendar';
import { compileFilter } from '../../capture/filter';
import type { CookedInfo } from '../../capture/summary';
import { FrameSummarizer } from '../../capture/summary';
import { isRunning, namespaceIntfs } from './iface-list';
import { resolveIn, reverseIn } from './resolve';

const VERSION_TEXT = 'tcpdump version 4.99.1\nlibpcap version 1.10.1 (with TPACKET_V3)\nOpenSSL 3.0.2 15 Mar 2022\n';

/** print_usage() of tcpdump 4.99.1 (the synopsis; tcpdump(8) explains each option). */
const USAGE = `${VERSION_TEXT}Usage: tcpdump [-AbdDefhHIJKlLnNOpqStuUvxX#] [ -B size ] [ -c count ] [--count]
\t\t[ -C file_size ] [ -E algo:secret ] [ -F file ] [ -G seconds ]
\t\t[ -i interface ] [ --immediate-mode ] [ -j tstamptype ]
\t\t[ -M secret ] [ --number ] [ --print ] [ -Q in|out|inout ]
\t\t[ -r file ] [ -s snaplen ] [ -T type ] [ --version ]
\t\t[ -V file ] [ -w file ] [ -W filecount ] [ -y datalinktype ]
\t\t[ --time-stamp-precision precision ] [ --micro ] [ --nano ]
\t\t[ -z postrotate-command ] [ -Z user ] [ expression ]
`;

/** The default snapshot length (MAXIMUM_SNAPLEN); -s 0 means it too. */
const SNAPLEN = 262144;
/** The largest frame the sandbox sends (1500-byte MTU + Ethernet header): -s below it would cut frames. */
const LARGEST_FRAME = 1514;

/** Options tcpdump has that the sandbox does not emulate. */
const UNSUPPORTED: Record<string, string> = {
  A: '-A', b: '-b', B: '-B', C: '-C', d: '-d', E: '-E', f: '-f', F: '-F', G: '-G', H: '-H', I: '-I', j: '-j', J: '-J',
  K: '-K', L: '-L', m: '-m', M: '-M', N: '-N', O: '-O', r: '-r', T: '-T', u: '-u', V: '-V', w: '-w',
  W: '-W', x: '-x', X: '-X', y: '-y', Y: '-Y', z: '-z', Z: '-Z', '#': '-#', count: '--count', number: '--number',
  print: '--print', 'time-stamp-precision': '--time-stamp-precision', micro: '--micro', nano: '--nano',
};

interface Device {
  readonly name: string;
  readonly intf?: Intf;
  readonly description?: string;
  readonly flags: string;
  readonly merit: number;
}

/**
 * pcap_findalldevs() for the namespace (libpcap 1.10.1, pcap.c get_figure_of_merit()): devices
 * sorted by a figure of merit, lower first: the number ending the name plus one (`any` gets
 * 0x1FFFFFFF), with bits for not running (0x80000000), not up (0x40000000), disconnected
 * (0x20000000) and loopback (0x10000000); ties keep the order found (ifindex). So a running
 * interface comes first, then lo, then `any`, as Ubuntu 22.04's `tcpdump -D` lists them; the
 * Bluetooth monitor and netfilter pseudo-devices (flags none) come last. The first is tcpdump's
 * default interface. Flags are printed as tcpdump -D prints them.
 */
export function captureDevices(ctx: ExecContext): Device[] {
  const devs: Device[] = [];
  for (const intf of namespaceIntfs(ctx)) {
    const num = /(\d+)$/.exec(intf.name);
    const running = isRunning(intf);
    const loop = intf.kind === 'loopback';
    let merit = num ? Number(num[1]) + 1 : 0;
    if (!running) merit += 0x80000000;
    if (!intf.adminUp) merit += 0x40000000;
    if (!loop && !running) merit += 0x20000000;
    if (loop) merit += 0x10000000;
    const flags: string[] = [];
    if (intf.adminUp) flags.push('Up');
    if (running) flags.push('Running');
    if (loop) flags.push('Loopback');
    else flags.push(running ? 'Connected' : 'Disconnected');
    devs.push({ name: intf.name, intf, flags: flags.join(', '), merit });
  }
  const pseudo = 0xc0000000;
  devs.push(
    { name: 'any', description: 'Pseudo-device that captures on all interfaces', flags: 'Up, Running', merit: 0x1fffffff },
    { name: 'bluetooth-monitor', description: 'Bluetooth Linux Monitor', flags: 'none', merit: pseudo },
    { name: 'nflog', description: 'Linux netfilter log (NFLOG) interface', flags: 'none', merit: pseudo },
    { name: 'nfqueue', description: 'Linux netfilter queue (NFQUEUE) interface', flags: 'none', merit: pseudo },
  );
  // Array.prototype.sort is stable: equal merits keep the order they were found in.
  return devs.sort((a, b) => a.merit - b.merit);
}

/** The timestamp tcpdump prints before a packet (-t family: none, epoch, delta, date, since first). */
function timestamp(tFlags: number, now: number, prev: number | undefined, first: number | undefined): string {
  const us = Math.floor(now);
  const frac = (x: number): string => String(Math.floor(x) % 1e6).padStart(6, '0');
  const hms = (x: number): string => {
    const c = labTime(x);
    return `${pad2(c.hour)}:${pad2(c.minute)}:${pad2(c.second)}.${frac(x)}`;
  };
  const delta = (d: number): string => {
    const s = Math.floor(d / 1e6);
    return `${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}.${frac(d)}`;
  };
  switch (tFlags) {
    case 0:
      return hms(us) + ' ';
    case 1:
      return '';
    case 2:
      return `${LAB_EPOCH_SECONDS + Math.floor(us / 1e6)}.${frac(us)} `;
    case 3:
      return delta(prev === undefined ? 0 : us - prev) + ' ';
    case 4: {
      const c = labTime(us);
      return `${c.year}-${pad2(c.month)}-${pad2(c.day)} ${hms(us)} `;
    }
    default:
      return delta(first === undefined ? 0 : us - first) + ' ';
  }
}

/** The packet type a frame has on an interface (PACKET_HOST, _BROADCAST, _MULTICAST, _OTHERHOST, _OUTGOING). */
function packetType(frame: EthernetFrame, dir: CaptureDirection, intf: Intf): CookedInfo['pkttype'] {
  if (dir === 'out') return 'Out';
  if (frame.dst === intf.mac) return 'In';
  if (frame.dst === 'ff:ff:ff:ff:ff:ff') return 'B';
  if (parseInt(frame.dst.slice(0, 2), 16) & 1) return 'M';
  return 'P';
}

const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

function* tcpdumpMain(ctx: ExecContext, argv: string[]): Proc {
  const p = getopt('tcpdump', argv, {
    short: 'AbB:c:C:dDeE:fF:G:hHi:IjJKlLm:M:nNOpqQ:r:s:StT:uUvV:w:W:xXy:Yz:Z:#',
    long: [
      { name: 'help', arg: 'none', key: 'h' },
      { name: 'version', arg: 'none' },
      { name: 'interface', arg: 'required', key: 'i' },
      { name: 'list-interfaces', arg: 'none', key: 'D' },
      { name: 'direction', arg: 'required', key: 'Q' },
      { name: 'immediate-mode', arg: 'none' },
      { name: 'snapshot-length', arg: 'required', key: 's' },
      { name: 'count', arg: 'none' },
      { name: 'number', arg: 'none' },
      { name: 'print', arg: 'none' },
      { name: 'time-stamp-precision', arg: 'required' },
      { name: 'micro', arg: 'none' },
      { name: 'nano', arg: 'none' },
    ],
  });
  if (!p.ok) {
    ctx.err(`${p.error}\n${USAGE}`);
    return 1;
  }
  const o = p.opts;
  if (o.has('h')) {
    ctx.out(USAGE);
    return 0;
  }
  if (o.has('version')) {
    ctx.out(VERSION_TEXT);
    return 0;
  }
  for (const [k] of o.list) {
    const name = UNSUPPORTED[k];
    if (name) {
      ctx.err(`tcpdump: ${name}: not supported in this sandbox\n`);
      return 1;
    }
  }
  if (o.has('D')) {
    captureDevices(ctx).forEach((d, i) => ctx.out(`${i + 1}.${d.name}${d.description ? ` (${d.description})` : ''} [${d.flags}]\n`));
    return 0;
  }
  let count: number | undefined;
  if (o.has('c')) {
    const c = o.get('c')!;
    // cnt = atoi(optarg); if (cnt <= 0) error("invalid packet count %s", optarg)
    const m = /^\s*[+-]?\d+/.exec(c);
    count = m ? Number(m[0]) : 0;
    if (count <= 0) {
      ctx.err(`tcpdump: invalid packet count ${c}\n`);
      return 1;
    }
  }
  let snaplen = SNAPLEN;
  if (o.has('s')) {
    // ndo_snaplen = (int)strtol(optarg, &end, 0); if (optarg == end || *end != '\0' || < 0 || > MAXIMUM_SNAPLEN) error
    const v = o.get('s')!;
    const n = /^\s*[+-]?(0x[0-9a-f]+|0[0-7]*|[1-9]\d*)$/i.test(v) ? Number(v.trim().replace(/^([+-]?)0(?=[0-7])/, '$1')) : NaN;
    if (!Number.isInteger(n) || n < 0 || n > SNAPLEN) {
      ctx.err(`tcpdump: invalid snaplen ${v}\n`);
      return 1;
    }
    if (n !== 0 && n < LARGEST_FRAME) {
      ctx.err(`tcpdump: -s ${v}: cutting packets short is not supported in this sandbox (use -s 0 or at least ${LARGEST_FRAME})\n`);
      return 1;
    }
    snaplen = n === 0 ? SNAPLEN : n;
  }
  let direction: 'in' | 'out' | 'inout' = 'inout';
  if (o.has('Q')) {
    const q = o.get('Q')!;
    if (q !== 'in' && q !== 'out' && q !== 'inout') {
      ctx.err(`tcpdump: unknown capture direction '${q}'\n`);
      return 1;
    }
    direction = q;
  }
  const devices = captureDevices(ctx);
  let name = o.get('i') ?? devices[0]!.name;
  // -i N: the Nth interface of -D's list.
  if (/^\d+$/.test(name) && !devices.some((d) => d.name === name)) {
    const n = Number(name);
    if (n < 1 || n > devices.length) {
      ctx.err(`tcpdump: Invalid adapter index ${name}: only ${devices.length} interfaces found\n`);
      return 1;
    }
    name = devices[n - 1]!.name;
  }
  const cookedMode = name === 'any';
  const dev = devices.find((d) => d.name === name);
  if (!dev || (!dev.intf && !cookedMode)) {
    if (dev && !dev.intf) {
      ctx.err(`tcpdump: ${name}: capturing on this pseudo-device is not supported in this sandbox\n`);
      return 1;
    }
    ctx.err(`tcpdump: ${name}: No such device exists\n(SIOCGIFHWADDR: No such device)\n`);
    return 1;
  }
  if (dev.intf && !dev.intf.adminUp) {
    ctx.err(`tcpdump: ${name}: That device is not up\n`);
    return 1;
  }
  const expr = o.operands.join(' ');
  const filter = compileFilter(expr, {
    resolveHost: (host) => {
      const r = resolveIn(ctx, host);
      return r.ok ? r.ip : undefined;
    },
  });
  if (!filter.ok) {
    ctx.err(`tcpdump: ${filter.error}\n`);
    return 1;
  }
  const verbose = o.all('v').length;
  const numeric = o.has('n');
  const tFlags = o.all('t').length;
  const promiscuous = !o.has('p');
  const summarizer = new FrameSummarizer({
    numeric,
    link: o.has('e'),
    verbose,
    quiet: o.has('q'),
    absoluteSeq: o.has('S'),
    names: { host: (ip) => reverseIn(ctx, ip) },
  });

  if (!verbose) ctx.err('tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\n');
  else ctx.err('tcpdump: ');
  ctx.err(`listening on ${name}, link-type ${cookedMode ? 'LINUX_SLL2 (Linux cooked v2)' : 'EN10MB (Ethernet)'}, snapshot length ${snaplen} bytes\n`);

  const sched = ctx.net.sched;
  const queue: Array<{ frame: EthernetFrame; at: number; cooked?: CookedInfo }> = [];
  let received = 0;
  const wake = new Signal(sched);
  const tap: Capture = (frame, dir, intf) => {
    if (direction !== 'inout' && dir !== direction) return;
    if (!promiscuous && dir === 'in' && packetType(frame, dir, intf) === 'P') return;
    if (!filter.match(frame)) return;
    received++;
    const cooked = cookedMode ? { ifname: intf.name, ifindex: intf.ifindex, pkttype: packetType(frame, dir, intf) } : undefined;
    queue.push({ frame, at: sched.now, cooked });
    wake.fire();
  };
  const intfs = cookedMode ? namespaceIntfs(ctx) : [dev.intf!];
  for (const i of intfs) i.captures.add(tap);
  let captured = 0;
  let interrupted = false;
  let prev: number | undefined;
  let first: number | undefined;
  try {
    for (;;) {
      while (queue.length && (count === undefined || captured < count)) {
        const { frame, at, cooked } = queue.shift()!;
        ctx.out(timestamp(tFlags, at, prev, first) + summarizer.summarize(frame, at, cooked) + '\n');
        prev = at;
        first ??= at;
        captured++;
      }
      if (count !== undefined && captured >= count) break;
      const w = yield waitFor(wake);
      if (w.reason === 'interrupt') {
        interrupted = true;
        break;
      }
    }
  } finally {
    for (const i of intfs) i.captures.delete(tap);
  }
  // Interrupted mid-line perhaps: tcpdump prints an extra newline (tcpdump.c, after pcap_loop).
  if (interrupted) ctx.out('\n');
  ctx.err(`${plural(captured, 'packet')} captured\n${plural(received, 'packet')} received by filter\n0 packets dropped by kernel\n`);
  return 0;
}

export const tcpdumpCommand: CommandSpec = {
  name: 'tcpdump',
  family: 'linux',
  summary: 'capture packets on an interface and print a line for each',
  usage: 'tcpdump [-i interface] [-n] [-c count] [-e] [-v] [-q] [-D] [expression]',
  where: 'any',
  options: ['-i', '-n', '-nn', '-c', '-e', '-v', '-vv', '-q', '-S', '-t', '-p', '-Q', '-D', '--version'],
  run: tcpdumpMain,
};
