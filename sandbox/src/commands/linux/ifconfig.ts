/**
 * ifconfig (net-tools, the "new" output format of Ubuntu ≥ 18.04; reference/mininet.md §3.2).
 *
 *   ifconfig [-a]                 up interfaces (all with -a), in name order, one block each
 *   ifconfig IFACE                one interface, up or down
 *   ifconfig IFACE up|down
 *   ifconfig IFACE ADDR[/len] [netmask M] [broadcast B] [up|down] [mtu N] [txqueuelen N] ...
 *
 * Argument processing follows net-tools ifconfig.c: options first, then the interface, then
 * each keyword acts in turn (setting an address also brings the interface up; a /len is
 * applied last). Errors are the ioctl messages net-tools prints.
 */
import type { CommandSpec } from '../../shell/registry';
import type { ExecContext } from '../../shell/context';
import type { Proc } from '../../shell/process';
import type { Intf } from '../../net/interface';
import type { Ipv4, Ipv4Cidr } from '../../wire/addr';
import { broadcastOf, formatIpv4, maskOf, parseMac, prefixOfMask } from '../../wire/addr';
import { naturalCompare } from '../../topo/natural';
import { resolveHost } from './resolve';
import {
  IFF, findIntf, humanBytes, ifaceFlags, ipv6Addrs, namespaceIntfs, setAdmin, setUserFlag, stackFor,
} from './iface-list';
import { broadcastFor, classfulPrefix, setBroadcast } from './addr-info';

const FLAG_NAMES: Array<[number, string]> = [
  [0x1, 'UP'], [0x2, 'BROADCAST'], [0x4, 'DEBUG'], [0x8, 'LOOPBACK'], [0x10, 'POINTOPOINT'],
  [0x20, 'NOTRAILERS'], [0x40, 'RUNNING'], [0x80, 'NOARP'], [0x100, 'PROMISC'], [0x200, 'ALLMULTI'],
  [0x800, 'SLAVE'], [0x400, 'MASTER'], [0x1000, 'MULTICAST'], [0x8000, 'DYNAMIC'],
];

/** One interface block, ending with the blank line (lib/interface.c ife_print_long). */
export function ifconfigBlock(intf: Intf): string {
  const flags = ifaceFlags(intf);
  const names = FLAG_NAMES.filter(([b]) => flags & b).map(([, n]) => n).join(',');
  let out = `${intf.name}: flags=${flags}<${names}>  mtu ${intf.mtu}\n`;
  const a = intf.addrs[0];
  if (a) {
    out += `        inet ${formatIpv4(a.addr)}  netmask ${formatIpv4(maskOf(a.prefixLen))}`;
    if (flags & IFF.BROADCAST) out += `  broadcast ${formatIpv4(broadcastFor(intf, a) ?? 0)}`;
    out += '\n';
  }
  for (const v6 of ipv6Addrs(intf)) {
    const scope = v6.scope === 'host' ? '0x10<host>' : '0x20<link>';
    out += `        inet6 ${v6.addr}  prefixlen ${v6.prefixLen}  scopeid ${scope}\n`;
  }
  if (intf.kind === 'loopback') out += `        loop  txqueuelen ${intf.txqueuelen}  (Local Loopback)\n`;
  else out += `        ether ${intf.mac}  txqueuelen ${intf.txqueuelen}  (Ethernet)\n`;
  const s = intf.stats;
  out += `        RX packets ${s.rxPackets}  bytes ${s.rxBytes} (${humanBytes(s.rxBytes)})\n`;
  out += `        RX errors ${s.rxErrors}  dropped ${s.rxDropped}  overruns 0  frame 0\n`;
  out += `        TX packets ${s.txPackets}  bytes ${s.txBytes} (${humanBytes(s.txBytes)})\n`;
  // The single space before "overruns" is net-tools' own.
  out += `        TX errors ${s.txErrors}  dropped ${s.txDropped} overruns 0  carrier 0  collisions 0\n`;
  return out + '\n';
}

/** One `ifconfig -s` row (lib/interface.c ife_print_short, as `netstat -i` prints it). */
export function ifconfigShortRow(intf: Intf): string {
  const f = ifaceFlags(intf);
  const letters: Array<[number, string]> = [
    [0x200, 'A'], [0x2, 'B'], [0x4, 'D'], [0x8, 'L'], [0x1000, 'M'], [0x8000, 'd'], [0x100, 'P'], [0x20, 'N'],
    [0x80, 'O'], [0x10, 'P'], [0x800, 's'], [0x400, 'm'], [0x40, 'R'], [0x1, 'U'],
  ];
  const flags = f === 0 ? '[NO FLAGS]' : letters.filter(([b]) => f & b).map(([, l]) => l).join('');
  const s = intf.stats;
  const n = (v: number, w: number) => String(v).padStart(w);
  return (
    `${intf.name.slice(0, 15).padEnd(15)} ${n(intf.mtu, 5)} ${n(s.rxPackets, 8)} ${n(s.rxErrors, 6)} ${n(s.rxDropped, 6)} ${'0'.padEnd(6)} ` +
    `${n(s.txPackets, 8)} ${n(s.txErrors, 6)} ${n(s.txDropped, 6)} ${n(0, 6)} ${flags}\n`
  );
}

export const IFCONFIG_SHORT_HEADER = 'Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\n';

const HELP_HINT = "ifconfig: `--help' gives usage information.\n";

export const IFCONFIG_USAGE =
  'Usage:\n' +
  '  ifconfig [-a] [-v] [-s] <interface> [[<AF>] <address>]\n' +
  '  [add <address>[/<prefixlen>]]\n' +
  '  [del <address>[/<prefixlen>]]\n' +
  '  [[-]broadcast [<address>]]  [[-]pointopoint [<address>]]\n' +
  '  [netmask <address>]  [dstaddr <address>]  [tunnel <address>]\n' +
  '  [outfill <NN>] [keepalive <NN>]\n' +
  '  [hw <HW> <address>]  [mtu <NN>]\n' +
  '  [[-]trailers]  [[-]arp]  [[-]allmulti]\n' +
  '  [multicast]  [[-]promisc]\n' +
  '  [mem_start <NN>]  [io_addr <NN>]  [irq <NN>]  [media <type>]\n' +
  '  [txqueuelen <NN>]\n' +
  '  [[-]dynamic]\n' +
  '  [up|down] ...\n\n' +
  '  <HW>=Hardware Type.\n' +
  '  List of possible hardware types:\n' +
  '    loop (Local Loopback) slip (Serial Line IP) cslip (VJ Serial Line IP) \n' +
  '    slip6 (6-bit Serial Line IP) cslip6 (VJ 6-bit Serial Line IP) adaptive (Adaptive Serial Line IP) \n' +
  '    ash (Ash) ether (Ethernet) ax25 (AMPR AX.25) \n' +
  '    netrom (AMPR NET/ROM) rose (AMPR ROSE) tunnel (IPIP Tunnel) \n' +
  '    ppp (Point-to-Point Protocol) hdlc ((Cisco)-HDLC) lapb (LAPB) \n' +
  '    arcnet (ARCnet) dlci (Frame Relay DLCI) frad (Frame Relay Access Device) \n' +
  '    sit (IPv6-in-IPv4) fddi (Fiber Distributed Data Interface) hippi (HIPPI) \n' +
  '    irda (IrLAP) ec (Econet) x25 (generic X.25) \n' +
  '    infiniband (InfiniBand) eui64 (Generic EUI-64) \n' +
  '  <AF>=Address family. Default: inet\n' +
  '  List of possible address families:\n' +
  '    unix (UNIX Domain) inet (DARPA Internet) inet6 (IPv6) \n' +
  '    ax25 (AMPR AX.25) netrom (AMPR NET/ROM) rose (AMPR ROSE) \n' +
  '    ipx (Novell IPX) ddp (Appletalk DDP) ec (Econet) \n' +
  '    ash (Ash) x25 (CCITT X.25) \n';

const E_USAGE = 4;

class UsageError {}

/** Replace the interface's primary address (SIOCSIFADDR): classful prefix, subnet broadcast. */
function setPrimaryAddress(ctx: ExecContext, intf: Intf, ip: Ipv4): void {
  const old = intf.addrs[0];
  if (old && old.addr === ip) return;
  const stack = stackFor(ctx, intf);
  const fresh: Ipv4Cidr = { addr: ip, prefixLen: classfulPrefix(ip) };
  if (old) stack.removeAddress(intf, old);
  stack.addAddress(intf, fresh);
  // The new primary goes first, ahead of any secondaries.
  const i = intf.addrs.indexOf(fresh);
  if (i > 0) {
    intf.addrs.splice(i, 1);
    intf.addrs.unshift(fresh);
  }
}

/** SIOCSIFNETMASK on the primary address; the broadcast follows if it was the subnet's. */
function setNetmask(ctx: ExecContext, intf: Intf, prefixLen: number): string | undefined {
  const old = intf.addrs[0];
  if (!old) return 'SIOCSIFNETMASK: Cannot assign requested address\n';
  if (old.prefixLen === prefixLen) return undefined;
  const stack = stackFor(ctx, intf);
  const brd = broadcastFor(intf, old);
  const fresh: Ipv4Cidr = { addr: old.addr, prefixLen };
  stack.removeAddress(intf, old);
  stack.addAddress(intf, fresh);
  const i = intf.addrs.indexOf(fresh);
  if (i > 0) {
    intf.addrs.splice(i, 1);
    intf.addrs.unshift(fresh);
  }
  if (brd !== undefined && brd !== broadcastOf(old)) setBroadcast(fresh, brd);
  else if (brd === undefined) setBroadcast(fresh, null);
  return undefined;
}

function* run(ctx: ExecContext, argv: string[]): Proc {
  let all = false;
  let short = false;
  let i = 0;
  for (; i < argv.length && argv[i]!.startsWith('-'); i++) {
    const a = argv[i]!;
    if (a === '-a') all = true;
    else if (a === '-s') short = true;
    else if (a === '-v') continue;
    else if (a === '-V' || a === '-version' || a === '--version') {
      ctx.err('net-tools 2.10-alpha\n');
      return 5;
    } else if (a === '-?' || a === '-h' || a === '-help' || a === '--help') {
      ctx.err(IFCONFIG_USAGE);
      return E_USAGE;
    } else {
      ctx.err(`ifconfig: option \`${a}' not recognised.\n` + HELP_HINT);
      return 1;
    }
  }
  const args = argv.slice(i);
  if (args.length === 0) {
    const list = namespaceIntfs(ctx)
      .filter((x) => all || x.adminUp)
      .sort((x, y) => naturalCompare(x.name, y.name));
    ctx.out(short ? IFCONFIG_SHORT_HEADER + list.map(ifconfigShortRow).join('') : list.map(ifconfigBlock).join(''));
    return 0;
  }
  const name = args[0]!;
  const intf = findIntf(ctx, name);
  if (args.length === 1) {
    if (!intf) {
      ctx.err(`${name}: error fetching interface information: Device not found\n`);
      return 1;
    }
    ctx.out(short ? IFCONFIG_SHORT_HEADER + ifconfigShortRow(intf) : ifconfigBlock(intf));
    return 0;
  }
  try {
    return configure(ctx, name, intf, args.slice(1));
  } catch (e) {
    if (e instanceof UsageError) {
      ctx.err(IFCONFIG_USAGE);
      return E_USAGE;
    }
    throw e;
  }
}

function configure(ctx: ExecContext, name: string, intf: Intf | undefined, rest: string[]): number {
  let err = 0;
  const noDev = (what: string) => {
    ctx.err(`${what}: No such device\n`);
    err = 1;
  };
  const flagError = () => {
    ctx.err(`${name}: ERROR while getting interface flags: No such device\n`);
    err = 1;
  };
  const value = (k: number): string => {
    const v = rest[k];
    if (v === undefined) throw new UsageError();
    return v;
  };
  const unknownHost = (host: string) => {
    ctx.err(`${host}: Unknown host\n`);
    err = 1;
  };
  let pendingPrefix: number | undefined;
  let didNetmask = false;
  let k = 0;
  // An address family name may come first (ifconfig eth0 inet 10.0.0.1).
  if (rest[0] === 'inet') k++;
  for (; k < rest.length; k++) {
    const w = rest[k]!;
    switch (w) {
      case 'up':
        if (!intf) flagError();
        else setAdmin(intf, true);
        continue;
      case 'down':
        if (!intf) flagError();
        else setAdmin(intf, false);
        continue;
      case 'promisc':
      case '-promisc':
      case 'allmulti':
      case '-allmulti':
        if (!intf) flagError();
        else setUserFlag(intf, w.endsWith('promisc') ? IFF.PROMISC : IFF.ALLMULTI, !w.startsWith('-'));
        continue;
      case 'arp':
      case 'multicast':
      case 'trailers':
      case '-trailers':
        if (!intf) flagError();
        continue;
      case '-arp':
      case '-multicast':
      case 'dynamic':
      case '-dynamic':
      case 'pointopoint':
      case '-pointopoint':
      case '-broadcast':
        if (!intf) flagError();
        else {
          ctx.err(`ifconfig: '${w}' is not emulated in this sandbox\n`);
          err = 1;
        }
        continue;
      case 'add':
      case 'del':
      case 'dstaddr':
      case 'tunnel':
      case 'keepalive':
      case 'outfill':
      case 'media':
      case 'port':
      case 'mem_start':
      case 'io_addr':
      case 'irq':
        value(++k);
        if (!intf) flagError();
        else {
          ctx.err(`ifconfig: '${w}' is not emulated in this sandbox\n`);
          err = 1;
        }
        continue;
      case 'mtu': {
        const v = value(++k);
        const n = /^-?\d+/.test(v) ? parseInt(v, 10) : 0;
        if (!intf) noDev('SIOCSIFMTU');
        else if (n < 68 || n > (intf.kind === 'loopback' ? 2147483647 : 65535)) {
          ctx.err('SIOCSIFMTU: Invalid argument\n');
          err = 1;
        } else intf.mtu = n;
        continue;
      }
      case 'txqueuelen': {
        const v = value(++k);
        const n = /^\d+/.test(v) ? parseInt(v, 10) : 0;
        if (!intf) noDev('SIOCSIFTXQLEN');
        else intf.txqueuelen = n;
        continue;
      }
      case 'netmask': {
        const v = value(++k);
        if (didNetmask) throw new UsageError();
        const r = resolveHost(ctx.sandbox.fs, v);
        if (!r.ok) {
          unknownHost(v);
          continue;
        }
        didNetmask = true;
        const p = prefixOfMask(r.ip);
        if (!intf) noDev('SIOCSIFNETMASK');
        else if (p === undefined) {
          ctx.err('SIOCSIFNETMASK: Invalid argument\n');
          err = 1;
        } else {
          const e = setNetmask(ctx, intf, p);
          if (e) {
            ctx.err(e);
            err = 1;
          }
        }
        continue;
      }
      case 'broadcast': {
        const v = rest[k + 1];
        if (v === undefined) {
          if (!intf) flagError();
          continue;
        }
        k++;
        const r = resolveHost(ctx.sandbox.fs, v);
        if (!r.ok) {
          unknownHost(v);
          continue;
        }
        if (!intf) noDev('SIOCSIFBRDADDR');
        else if (intf.addrs[0]) setBroadcast(intf.addrs[0], r.ip);
        else {
          ctx.err('SIOCSIFBRDADDR: Cannot assign requested address\n');
          err = 1;
        }
        continue;
      }
      case 'hw': {
        const type = value(++k);
        if (type !== 'ether') throw new UsageError();
        const v = value(++k);
        const mac = parseMac(v);
        if (!mac) {
          ctx.err(`${v}: invalid ether address.\n`);
          err = 1;
        } else if (!intf) noDev('SIOCSIFHWADDR');
        else intf.mac = mac;
        continue;
      }
      default: {
        // Anything else is an address to set, optionally with /prefixlen.
        let host = w;
        const slash = w.indexOf('/');
        if (slash >= 0) {
          host = w.slice(0, slash);
          const p = w.slice(slash + 1);
          if (!/^\d+$/.test(p) || Number(p) > 32) throw new UsageError();
          if (didNetmask) throw new UsageError();
          pendingPrefix = Number(p);
        }
        const r = resolveHost(ctx.sandbox.fs, host);
        if (!r.ok) {
          ctx.err(`${host}: Unknown host\n` + HELP_HINT);
          return 1;
        }
        if (!intf) {
          noDev('SIOCSIFADDR');
          flagError();
          continue;
        }
        setPrimaryAddress(ctx, intf, r.ip);
        setAdmin(intf, true);
      }
    }
  }
  if (pendingPrefix !== undefined && intf) {
    const e = setNetmask(ctx, intf, pendingPrefix);
    if (e) {
      ctx.err(e);
      err = 1;
    }
  }
  return err;
}

export const ifconfigCommand: CommandSpec = {
  name: 'ifconfig',
  family: 'linux',
  where: 'any',
  summary: 'show or configure network interfaces (net-tools)',
  usage: 'ifconfig [-a] [interface [address[/len]] [netmask mask] [up|down] ...]',
  options: ['-a', 'up', 'down', 'netmask', 'broadcast', 'mtu', 'txqueuelen', 'hw'],
  run: (ctx, argv) => run(ctx, argv),
};
