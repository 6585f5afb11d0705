/**
 * arp (net-tools arp.c; reference/mininet.md §3.5): the namespace's ARP cache as
 * /proc/net/arp shows it, in the Linux table style (default, -e) or the BSD style (-a), and
 * changes through SIOCSARP / SIOCDARP (-s, -d, -f).
 *
 * Table rows: `%-23.23s  ` address, `%-8.8s%-20.20s` type and hardware address (or
 * `(incomplete)`), `%-6.6s%-15.15s %s` flags, mask and interface; the header comes with the
 * first row, so an empty cache prints nothing. Flags: C learned, CM static (arp -s, Mininet --arp).
 */
import type { CommandSpec } from '../../shell/registry';
import type { ExecContext } from '../../shell/context';
import type { Proc } from '../../shell/process';
import type { NeighEntry } from '../../net/arp-cache';
import type { Intf } from '../../net/interface';
import type { Ipv4 } from '../../wire/addr';
import { formatIpv4, inSubnet, parseMac } from '../../wire/addr';
import { getopt } from '../../shell/args';
import { resolveHost } from './resolve';
import { findIntf } from './iface-list';
import { reverseName } from './host-names';

const E_USAGE = 4;
const E_VERSION = 5;

export const ARP_USAGE =
  'Usage:\n' +
  '  arp [-vn]  [<HW>] [-i <if>] [-a] [<hostname>]             <-Display ARP cache\n' +
  '  arp [-v]          [-i <if>] -d  <host> [pub]               <-Delete ARP entry\n' +
  '  arp [-vnD] [<HW>] [-i <if>] -f  [<filename>]            <-Add entry from file\n' +
  '  arp [-v]   [<HW>] [-i <if>] -s  <host> <hwaddr> [temp]            <-Add entry\n' +
  "  arp [-v]   [<HW>] [-i <if>] -Ds <host> <if> [netmask <nm>] pub          <-''-\n\n" +
  '        -a                       display (all) hosts in alternative (BSD) style\n' +
  '        -e                       display (all) hosts in default (Linux) style\n' +
  '        -s, --set                set a new ARP entry\n' +
  '        -d, --delete             delete a specified entry\n' +
  '        -v, --verbose            be verbose\n' +
  "        -n, --numeric            don't resolve names\n" +
  '        -i, --device             specify network interface (e.g. eth0)\n' +
  '        -D, --use-device         read <hwaddr> from given device\n' +
  '        -A, -p, --protocol       specify protocol family\n' +
  '        -f, --file               read new entries from file or from /etc/ethers\n\n' +
  "  <HW>=Use '-H <hw>' to specify hardware address type. Default: ether\n" +
  '  List of possible hardware types (which support ARP):\n' +
  '    ash (Ash) ether (Ethernet) ax25 (AMPR AX.25) \n' +
  '    netrom (AMPR NET/ROM) rose (AMPR ROSE) arcnet (ARCnet) \n' +
  '    dlci (Frame Relay DLCI) fddi (Fiber Distributed Data Interface) hippi (HIPPI) \n' +
  '    irda (IrLAP) x25 (generic X.25) infiniband (InfiniBand) \n' +
  '    eui64 (Generic EUI-64) \n';

/** What /proc/net/arp says about an entry: complete (ATF_COM), permanent (ATF_PERM). */
function procFlags(e: NeighEntry): { complete: boolean; perm: boolean } {
  const complete = e.mac !== undefined && e.state !== 'INCOMPLETE' && e.state !== 'FAILED';
  return { complete, perm: e.state === 'PERMANENT' };
}

function tableRow(name: string, e: NeighEntry): string {
  const f = procFlags(e);
  const hw = f.complete ? 'ether'.padEnd(8) + e.mac!.padEnd(20) : ''.padEnd(8) + '(incomplete)'.padEnd(20);
  const flags = (f.complete ? 'C' : '') + (f.perm ? 'M' : '');
  return `${name.slice(0, 23).padEnd(23)}  ${hw}${flags.padEnd(6)}${''.padEnd(15)} ${e.intf.name}\n`;
}

function bsdRow(name: string, e: NeighEntry): string {
  const f = procFlags(e);
  const hw = f.complete ? `${e.mac} [ether] ` : '<incomplete> ';
  return `${name} (${formatIpv4(e.ip)}) at ${hw}${f.perm ? 'PERM ' : ''}on ${e.intf.name}\n`;
}

interface ShowOpts {
  numeric: boolean;
  bsd: boolean;
  all: boolean;
  device: string | undefined;
}

function show(ctx: ExecContext, o: ShowOpts, hostArg: string | undefined): number {
  let host: Ipv4 | undefined;
  if (hostArg !== undefined) {
    const r = resolveHost(ctx.sandbox.fs, hostArg);
    if (!r.ok) {
      ctx.err(`${hostArg}: Unknown host\n`);
      return 255;
    }
    host = r.ip;
  }
  const entries = ctx.node.stack.neighbors.cache.list();
  let out = '';
  let shown = 0;
  for (const e of entries) {
    if (host !== undefined && e.ip !== host) continue;
    if (o.device && e.intf.name !== o.device) continue;
    const ip = formatIpv4(e.ip);
    const name = o.numeric ? undefined : reverseName(ctx, e.ip);
    if (o.bsd) out += bsdRow(name ?? '?', e);
    else {
      if (shown === 0) out += 'Address                  HWtype  HWaddress           Flags Mask            Iface\n';
      out += tableRow(name ?? ip, e);
    }
    shown++;
  }
  if (shown === 0) {
    if (host !== undefined && !o.all) out += `${hostArg} (${formatIpv4(host)}) -- no entry\n`;
    else if (host !== undefined || o.device) out += `arp: in ${entries.length} entries no match found.\n`;
  }
  ctx.out(out);
  return 0;
}

/** The interface the kernel would use for `ip` (an on-link route), for -s and -d without a device. */
function deviceFor(ctx: ExecContext, ip: Ipv4, device: string | undefined): Intf | string {
  if (device) return findIntf(ctx, device) ?? 'No such device';
  const r = ctx.node.stack.routes
    .list()
    .filter((x) => x.type === 'unicast' && x.via === undefined && x.dev && inSubnet(ip, x.dst, x.prefixLen))
    .sort((a, b) => b.prefixLen - a.prefixLen)[0];
  return r?.dev ?? 'Network is unreachable';
}

/** The address of the host operand of -d/-s, or undefined after arp's message. */
function hostOf(ctx: ExecContext, hostArg: string | undefined): { ip: number } | undefined {
  if (hostArg === undefined) {
    ctx.err('arp: need host name\n');
    return undefined;
  }
  const r = resolveHost(ctx.sandbox.fs, hostArg);
  if (r.ok) return r;
  ctx.err(`${hostArg}: Unknown host\n`);
  return undefined;
}

function del(ctx: ExecContext, args: string[], device: string | undefined): number {
  const hostArg = args[0];
  const r = hostOf(ctx, hostArg);
  if (r === undefined) return 255;
  let dev = device;
  for (let k = 1; k < args.length; k++) {
    const w = args[k]!;
    if (w === 'pub' || w === 'priv' || w === 'temp' || w === 'trail' || w === 'dontpub' || w === 'auto') continue;
    if ((w === 'dev' || w === 'netmask') && args[k + 1] !== undefined) {
      if (w === 'dev') dev = args[k + 1];
      k++;
      continue;
    }
    ctx.err(ARP_USAGE);
    return E_USAGE;
  }
  const intf = deviceFor(ctx, r.ip, dev);
  if (typeof intf === 'string') {
    ctx.err(`SIOCDARP(dontpub): ${intf}\n`);
    return 255;
  }
  const cache = ctx.node.stack.neighbors.cache;
  const e = cache.get(r.ip);
  if (!e || e.intf !== intf) {
    ctx.out(`No ARP entry for ${hostArg}\n`);
    return 255;
  }
  cache.delete(r.ip);
  return 0;
}

function set(ctx: ExecContext, args: string[], device: string | undefined): number {
  const hostArg = args[0];
  const r = hostOf(ctx, hostArg);
  if (r === undefined) return 255;
  const hwArg = args[1];
  if (hwArg === undefined) {
    ctx.err('arp: need hardware address\n');
    return 255;
  }
  const mac = parseMac(hwArg);
  if (!mac) {
    ctx.err('arp: invalid hardware address\n');
    return 255;
  }
  let perm = true;
  let dev = device;
  for (let k = 2; k < args.length; k++) {
    const w = args[k]!;
    if (w === 'temp') perm = false;
    else if (w === 'priv' || w === 'trail' || w === 'dontpub' || w === 'auto') continue;
    else if (w === 'pub') {
      ctx.err('arp: proxy ARP entries are not emulated in this sandbox\n');
      return 255;
    } else if ((w === 'dev' || w === 'netmask') && args[k + 1] !== undefined) {
      if (w === 'dev') dev = args[k + 1];
      k++;
    } else {
      ctx.err(ARP_USAGE);
      return E_USAGE;
    }
  }
  const intf = deviceFor(ctx, r.ip, dev);
  if (typeof intf === 'string') {
    ctx.err(`SIOCSARP: ${intf}\n`);
    return 255;
  }
  const neighbors = ctx.node.stack.neighbors;
  if (perm) neighbors.addPermanent(r.ip, mac, intf);
  else {
    // A temporary entry is a confirmed one that will age like any learned entry.
    neighbors.cache.delete(r.ip);
    neighbors.cache.set({
      ip: r.ip, intf, mac, state: 'STALE', probes: 0, pending: [], timer: undefined, confirmedAt: ctx.net.sched.now,
    });
  }
  return 0;
}

/** arp -f: lines of "host hwaddr [flags]" (or ethers' "hwaddr host"). */
function file(ctx: ExecContext, name: string, device: string | undefined): number {
  const fs = ctx.sandbox.fs;
  if (!fs.isFile(name)) {
    ctx.err(`arp: cannot open etherfile ${name} !\n`);
    return 255;
  }
  const text = fs.readFile(name) as string;
  text.split('\n').forEach((line, i) => {
    const l = line.trim();
    if (l === '' || l.startsWith('#')) return;
    const f = l.split(/\s+/);
    if (f.length < 2) {
      ctx.err(`arp: format error on line ${i + 1} of etherfile ${name} !\n`);
      return;
    }
    if (f[0]!.includes(':')) [f[0], f[1]] = [f[1]!, f[0]!];
    if (set(ctx, f, device) !== 0) ctx.err(`arp: cannot set entry on line ${i + 1} of etherfile ${name} !\n`);
  });
  return 0;
}

function* run(ctx: ExecContext, argv: string[]): Proc {
  const p = getopt('arp', argv, {
    short: 'A:H:adfp:nsei:t:vh?DNV',
    long: [
      { name: 'verbose', arg: 'none', key: 'v' }, { name: 'version', arg: 'none', key: 'V' },
      { name: 'all', arg: 'none', key: 'a' }, { name: 'delete', arg: 'none', key: 'd' },
      { name: 'file', arg: 'none', key: 'f' }, { name: 'numeric', arg: 'none', key: 'n' },
      { name: 'set', arg: 'none', key: 's' }, { name: 'protocol', arg: 'required', key: 'A' },
      { name: 'hw-type', arg: 'required', key: 'H' }, { name: 'device', arg: 'required', key: 'i' },
      { name: 'help', arg: 'none', key: 'h' }, { name: 'use-device', arg: 'none', key: 'D' },
      { name: 'symbolic', arg: 'none', key: 'N' },
    ],
  });
  if (!p.ok) {
    ctx.err(p.error + '\n' + ARP_USAGE);
    return E_USAGE;
  }
  const o = p.opts;
  let what = 0;
  for (const [k, v] of o.list) {
    if (k === 'a') what = 1;
    else if (k === 'f') what = 2;
    else if (k === 'd') what = 3;
    else if (k === 's') what = 4;
    else if (k === 'N') ctx.err('arp: -N not yet supported.\n');
    else if (k === 'A' || k === 'p') {
      if (v !== 'inet') {
        ctx.err(`arp: ${v}: unknown address family.\n`);
        return 255;
      }
    } else if (k === 'H' || k === 't') {
      if (v !== 'ether') {
        ctx.err(`arp: ${v}: unknown hardware type.\n`);
        return 255;
      }
    } else if (k === 'V') {
      ctx.err('net-tools 2.10-alpha\n');
      return E_VERSION;
    } else if (k === 'h' || k === '?') {
      ctx.err(ARP_USAGE);
      return E_USAGE;
    }
  }
  if (o.has('D') && what === 4) {
    ctx.err('arp: -D (hardware address from a device) is not emulated in this sandbox\n');
    return 255;
  }
  const device = o.get('i');
  const ops = o.operands;
  switch (what) {
    case 0:
    case 1:
      return show(ctx, { numeric: o.has('n'), bsd: what === 1 && !o.has('e'), all: what === 1, device }, ops[0]);
    case 2:
      return file(ctx, ops[0] ?? '/etc/ethers', device);
    case 3:
      return del(ctx, ops, device);
    default:
      return set(ctx, ops, device);
  }
}

export const arpCommand: CommandSpec = {
  name: 'arp',
  family: 'linux',
  where: 'any',
  summary: 'show or change the ARP cache (net-tools)',
  usage: 'arp [-n] [-a] [-i if] [host] | arp -s host hwaddr [temp] | arp -d host',
  options: ['-n', '-a', '-e', '-i', '-s', '-d', '-f'],
  run: (ctx, argv) => run(ctx, argv),
};
