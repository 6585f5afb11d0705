/**
 * route (net-tools, Ubuntu build; reference/mininet.md §3.4): show the main routing table as
 * /proc/net/route lists it, and change it with the SIOCADDRT/SIOCDELRT ioctls.
 *
 *   route [-n]                                   the table (names resolved without -n)
 *   route add|del [-net|-host] TARGET[/len] [netmask M] [gw G] [metric N] [[dev] IF] [reject]
 *   route add default gw G
 *
 * Parsing and its messages are lib/inet_sr.c's (INET_setroute); the kernel's answers are those
 * of ip_rt_ioctl() (net/ipv4/fib_frontend.c), printed by perror: "SIOCADDRT: File exists".
 * Rows: `%-15s %-15s %-15s %-5s %-6d %-2d %7d %s` (lib/inet_gr.c). Without -n, 0.0.0.0 is
 * `default` as a destination and `0.0.0.0` as a gateway (Ubuntu's patch), gateways and host
 * routes are reverse-resolved (host-names.ts), networks stay numeric (no /etc/networks match).
 */
import type { CommandSpec } from '../../shell/registry';
import type { ExecContext } from '../../shell/context';
import type { Proc } from '../../shell/process';
import type { Intf } from '../../net/interface';
import type { Route } from '../../net/route-table';
import type { Ipv4 } from '../../wire/addr';
import { formatIpv4, inSubnet, maskOf, prefixOfMask } from '../../wire/addr';
import { getopt } from '../../shell/args';
import { resolveHost } from './resolve';
import { findIntf } from './iface-list';
import { reverseName } from './host-names';

const E_OPTERR = 3;
const E_USAGE = 4;
const E_VERSION = 5;
const E_LOOKUP = 6;
const E_SOCK = 7;

export const ROUTE_USAGE =
  'Usage: route [-nNvee] [-FC] [<AF>]           List kernel routing tables\n' +
  '       route [-v] [-FC] {add|del|flush} ...  Modify routing table for AF.\n\n' +
  '       route {-h|--help} [<AF>]              Detailed usage syntax for specified AF.\n' +
  '       route {-V|--version}                  Display version/author and exit.\n\n' +
  '        -v, --verbose            be verbose\n' +
  "        -n, --numeric            don't resolve names\n" +
  '        -e, --extend             display other/more information\n' +
  '        -F, --fib                display Forwarding Information Base (default)\n' +
  '        -C, --cache              display routing cache instead of FIB\n\n' +
  "  <AF>=Use -4, -6, '-A <af>' or '--<af>'; default: inet\n" +
  '  List of possible address families (which support routing):\n' +
  '    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) \n' +
  '    netrom (AMPR NET/ROM) ipx (Novell IPX) ddp (Appletalk DDP) \n' +
  '    x25 (CCITT X.25) \n';

export const INET_ROUTE_USAGE =
  'Usage: inet_route [-vF] del {-host|-net} Target[/prefix] [gw Gw] [metric M] [[dev] If]\n' +
  '       inet_route [-vF] add {-host|-net} Target[/prefix] [gw Gw] [metric M]\n' +
  '                              [netmask N] [mss Mss] [window W] [irtt I]\n' +
  '                              [mod] [dyn] [reinstate] [[dev] If]\n' +
  '       inet_route [-vF] add {-host|-net} Target[/prefix] [metric M] reject\n' +
  '       inet_route [-FC] flush      NOT supported\n';

const HEADER = 'Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n';

function row(cols: [string, string, string, string, number, number, number, string]): string {
  const [d, g, m, f, metric, ref, use, iface] = cols;
  return `${d.slice(0, 15).padEnd(15)} ${g.slice(0, 15).padEnd(15)} ${m.padEnd(15)} ${f.padEnd(5)} ${String(metric).padEnd(6)} ${String(ref).padEnd(2)} ${String(use).padStart(7)} ${iface}\n`;
}

/** The flags /proc/net/route reports, spelled as net-tools does. */
function flagsOf(r: Route): string {
  let f = 'U';
  if (r.via !== undefined) f += 'G';
  if (r.prefixLen === 32) f += 'H';
  if (r.type === 'unreachable' || r.type === 'prohibit') f += '!';
  return f;
}

function showTable(ctx: ExecContext, numeric: boolean): void {
  let out = 'Kernel IP routing table\n' + HEADER;
  for (const r of ctx.node.stack.routes.sortedForProc()) {
    let dest = formatIpv4(r.dst);
    if (!numeric) {
      if (r.dst === 0) dest = 'default';
      else if (r.prefixLen === 32) dest = reverseName(ctx, r.dst) ?? dest;
    }
    let gw = formatIpv4(r.via ?? 0);
    if (!numeric && r.via !== undefined) gw = reverseName(ctx, r.via) ?? gw;
    out += row([dest, gw, formatIpv4(maskOf(r.prefixLen)), flagsOf(r), r.metric, 0, 0, r.dev?.name ?? '*']);
  }
  ctx.out(out);
}

class Fail {
  constructor(
    readonly text: string,
    readonly status: number,
    /** E_OPTERR makes route print its own usage after the message. */
    readonly usage: 'inet' | 'route' | 'none' = 'none',
  ) {}
}

interface RtEntry {
  dst: Ipv4;
  /** undefined: no genmask given. */
  mask: Ipv4 | undefined;
  host: boolean;
  gateway: Ipv4 | undefined;
  metric: number | undefined;
  dev: string | undefined;
  reject: boolean;
}

/** INET_resolve(): numbers (inet_aton forms), "default", /etc/hosts names. */
function resolve(ctx: ExecContext, name: string): { ip: Ipv4; isNet: boolean } | undefined {
  if (name === 'default') return { ip: 0, isNet: true };
  const r = resolveHost(ctx.sandbox.fs, name);
  return r.ok ? { ip: r.ip, isNet: false } : undefined;
}

/** lib/inet_sr.c INET_setroute(): build the rtentry from the words. */
function parseEntry(ctx: ExecContext, args: string[], adding: boolean): RtEntry {
  let k = 0;
  let xflag = 0;
  if (args[k] === '#net') {
    xflag = 1;
    k++;
  } else if (args[k] === '#host') {
    xflag = 2;
    k++;
  }
  const usage = () => new Fail('', E_USAGE, 'inet');
  let target = args[k++];
  if (target === undefined) throw usage();
  let mask: Ipv4 | undefined;
  let maskText = '';
  const slash = target.indexOf('/');
  if (slash >= 0) {
    const p = target.slice(slash + 1);
    target = target.slice(0, slash);
    if (!/^\d+$/.test(p)) throw usage();
    const n = Number(p);
    maskText = `/${n}`;
    const m = n >= 32 ? 0xffffffff : n === 0 ? 0 : maskOf(n);
    if (m !== 0) mask = m;
  }
  const t = resolve(ctx, target);
  if (!t) throw new Fail(`${target}: Unknown host\n`, 1);
  const isNet = xflag === 1 ? true : xflag === 2 ? false : t.isNet;
  const e: RtEntry = { dst: t.ip, mask, host: !isNet, gateway: undefined, metric: undefined, dev: undefined, reject: false };
  while (k < args.length) {
    const w = args[k++]!;
    if (w === 'metric') {
      const v = args[k++];
      if (v === undefined || !/^\d/.test(v)) throw usage();
      e.metric = parseInt(v, 10);
    } else if (w === 'netmask') {
      const v = args[k++];
      if (v === undefined || e.mask !== undefined) throw usage();
      const m = resolve(ctx, v);
      if (!m) throw new Fail(`${v}: Unknown host\n`, E_LOOKUP);
      maskText = v;
      if (m.ip !== 0) e.mask = m.ip;
    } else if (w === 'gw' || w === 'gateway') {
      const v = args[k++];
      if (v === undefined || e.gateway !== undefined) throw usage();
      const g = resolve(ctx, v);
      if (!g) throw new Fail(`${v}: Unknown host\n`, E_LOOKUP);
      if (g.isNet) throw new Fail(`route: ${v}: cannot use a NETWORK as gateway!\n`, E_OPTERR, 'route');
      e.gateway = g.ip;
    } else if (w === 'mss' || w === 'mtu') {
      const v = args[k++];
      if (v === undefined) throw usage();
      const n = parseInt(v, 10) || 0;
      if (n < 64 || n > 65536) throw new Fail('route: Invalid MSS/MTU.\n', E_OPTERR, 'route');
    } else if (w === 'window') {
      const v = args[k++];
      if (v === undefined) throw usage();
      if ((parseInt(v, 10) || 0) < 128) throw new Fail('route: Invalid window.\n', E_OPTERR, 'route');
    } else if (w === 'irtt') {
      if (args[k++] === undefined) throw usage();
    } else if (w === 'reject') e.reject = true;
    else if (w === 'mod' || w === 'dyn' || w === 'reinstate') continue;
    else if (w === 'device' || w === 'dev') {
      const v = args[k++];
      if (e.dev !== undefined || v === undefined) throw usage();
      e.dev = v;
    } else if (e.dev === undefined) {
      // A bare word is the device, and must be the last one (to catch typos).
      e.dev = w;
      if (k < args.length) throw usage();
    } else throw usage();
  }
  if (e.reject && e.dev === undefined) e.dev = 'lo';
  if (e.mask !== undefined) {
    const inv = ~e.mask >>> 0;
    if (e.host && inv !== 0) {
      throw new Fail(`route: netmask ${inv.toString(16).padStart(8, '0')} doesn't make sense with host route\n`, E_OPTERR, 'route');
    }
    if ((inv & (inv + 1)) !== 0) throw new Fail(`route: bogus netmask ${maskText}\n`, E_OPTERR, 'route');
    if ((e.dst & inv) !== 0) throw new Fail("route: netmask doesn't match route address\n", E_OPTERR, 'route');
  }
  if (adding && e.host) e.mask = 0xffffffff;
  return e;
}

/** ip_rt_ioctl(): apply the entry to the namespace's table; errno text on failure. */
function apply(ctx: ExecContext, e: RtEntry, adding: boolean): void {
  const op = adding ? 'SIOCADDRT' : 'SIOCDELRT';
  const fail = (errno: string) => new Fail(`${op}: ${errno}\n`, E_SOCK);
  const stack = ctx.node.stack;
  const prefixLen = e.host ? 32 : e.mask === undefined ? 0 : prefixOfMask(e.mask) ?? 0;
  if (!e.host && (e.dst & ~maskOf(prefixLen)) !== 0) throw fail('Invalid argument');
  const metric = e.metric;
  let dev: Intf | undefined;
  if (!e.reject && e.dev !== undefined) {
    dev = findIntf(ctx, e.dev);
    if (!dev) throw fail('No such device');
  }
  const routes = stack.routes;
  if (!adding) {
    const victim = routes.list().find(
      (r) =>
        r.dst === e.dst &&
        r.prefixLen === prefixLen &&
        (e.reject ? r.type === 'unreachable' : r.type === 'unicast') &&
        (e.gateway === undefined || r.via === e.gateway) &&
        (dev === undefined || r.dev === dev) &&
        (metric === undefined || r.metric === metric),
    );
    if (!victim) throw fail('No such process');
    routes.delete({ dst: victim.dst, prefixLen: victim.prefixLen, via: victim.via, dev: victim.dev, metric: victim.metric });
    return;
  }
  let route: Route;
  if (e.reject) {
    route = { dst: e.dst, prefixLen, proto: 'boot', scope: 'host', metric: metric ?? 0, type: 'unreachable' };
  } else if (e.gateway !== undefined) {
    const gw = e.gateway;
    if (stack.isLocal(gw)) throw fail('Network is unreachable');
    const onLink = routes
      .list()
      .filter((r) => r.type === 'unicast' && r.via === undefined && r.dev && (!dev || r.dev === dev) && inSubnet(gw, r.dst, r.prefixLen))
      .sort((a, b) => b.prefixLen - a.prefixLen)[0];
    if (!onLink) throw fail('Network is unreachable');
    route = { dst: e.dst, prefixLen, via: gw, dev: onLink.dev, proto: 'boot', scope: 'global', metric: metric ?? 0, type: 'unicast' };
  } else {
    if (!dev) throw fail('No such device');
    if (!dev.adminUp) throw fail('Network is down');
    route = { dst: e.dst, prefixLen, dev, proto: 'boot', scope: 'link', metric: metric ?? 0, type: 'unicast' };
  }
  // SIOCADDRT carries no NLM_F_EXCL: a route with another gateway or device is added before
  // the existing ones (so it is the one used); only an exact duplicate is "File exists".
  if (!routes.insert(route, 'prepend')) throw fail('File exists');
}

function* run(ctx: ExecContext, argv: string[]): Proc {
  // "getopts and -net wont work": route rewrites them before option parsing.
  const words = argv.map((a) => (a === '-net' ? '#net' : a === '-host' ? '#host' : a));
  const p = getopt('route', words, {
    short: 'A:eCFhnNvV64?',
    long: [
      { name: 'extend', arg: 'none', key: 'e' }, { name: 'verbose', arg: 'none', key: 'v' },
      { name: 'version', arg: 'none', key: 'V' }, { name: 'numeric', arg: 'none', key: 'n' },
      { name: 'symbolic', arg: 'none', key: 'N' }, { name: 'protocol', arg: 'required', key: 'A' },
      { name: 'cache', arg: 'none', key: 'C' }, { name: 'fib', arg: 'none', key: 'F' },
      { name: 'help', arg: 'none', key: 'h' }, { name: 'inet', arg: 'none', key: '4' }, { name: 'inet6', arg: 'none', key: '6' },
    ],
  });
  if (!p.ok) {
    ctx.err(p.error + '\n' + ROUTE_USAGE);
    return E_USAGE;
  }
  const o = p.opts;
  if (o.has('V')) {
    ctx.err('net-tools 2.10-alpha\n');
    return E_VERSION;
  }
  let af = 'inet';
  if (o.has('6')) af = 'inet6';
  if (o.has('A')) {
    af = o.get('A')!;
    if (!['inet', 'inet6', 'ax25', 'netrom', 'ipx', 'ddp', 'x25'].includes(af)) {
      ctx.err(`route: Unsupported address family \`${af}'!\n`);
      return E_OPTERR;
    }
  }
  if (o.has('h') || o.has('?')) {
    ctx.err(o.has('A') || o.has('4') || o.has('6') ? INET_ROUTE_USAGE : ROUTE_USAGE);
    return E_USAGE;
  }
  const ops = o.operands;
  const action = ops[0];
  if (action !== undefined && action !== 'add' && action !== 'del' && action !== 'delete' && action !== 'flush') {
    ctx.err(ROUTE_USAGE);
    return E_USAGE;
  }
  if (af !== 'inet') {
    ctx.err(`route: the ${af} routing table is not emulated in this sandbox\n`);
    return 1;
  }
  if (action === undefined) {
    if (o.has('C')) {
      ctx.out('Kernel IP routing cache\nSource          Destination     Gateway         Flags Metric Ref    Use Iface\n');
      return 0;
    }
    showTable(ctx, o.has('n'));
    return 0;
  }
  if (action === 'flush') {
    ctx.err("Flushing `inet' routing table not supported\n" + INET_ROUTE_USAGE);
    return E_USAGE;
  }
  if (o.has('C')) {
    ctx.err("Modifying `inet' routing cache not supported\n" + INET_ROUTE_USAGE);
    return E_USAGE;
  }
  const adding = action === 'add';
  try {
    if (ops.length < 2) throw new Fail('', E_USAGE, 'inet');
    apply(ctx, parseEntry(ctx, ops.slice(1), adding), adding);
    return 0;
  } catch (e) {
    if (!(e instanceof Fail)) throw e;
    ctx.err(e.text + (e.usage === 'inet' ? INET_ROUTE_USAGE : e.usage === 'route' ? ROUTE_USAGE : ''));
    return e.usage === 'route' ? E_USAGE : e.status;
  }
}

export const routeCommand: CommandSpec = {
  name: 'route',
  family: 'linux',
  where: 'any',
  summary: 'show or change the IP routing table (net-tools)',
  usage: 'route [-n] | route {add|del} [-net|-host] target [netmask mask] [gw gateway] [metric n] [[dev] iface]',
  options: ['-n', 'add', 'del', '-net', '-host', 'netmask', 'gw', 'dev', 'default'],
  run: (ctx, argv) => run(ctx, argv),
};
