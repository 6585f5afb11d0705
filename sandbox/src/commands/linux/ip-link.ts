/**
 * `ip link` and `ip address` (iproute2 5.15 as on Ubuntu 22.04; reference/mininet.md §3.3):
 * listing interfaces with their link line, addresses and -s statistics, and changing them
 * (`ip link set`, `ip addr add|del|flush`). Formats follow ip/ipaddress.c: every token is
 * printed as "%s " so some lines end with a space (`scope link `), and the brief (-br) and
 * one-line (-o) variants join the same tokens differently.
 */
import type { ExecContext } from '../../shell/context';
import type { Intf } from '../../net/interface';
import type { Ipv4Cidr } from '../../wire/addr';
import { broadcastOf, formatIpv4, networkOf, parseMac } from '../../wire/addr';
import {
  IFF, findIntf, hasCarrier, ipv6Addrs, masterOf, namespaceIntfs, operState, peerInfo, qdiscOf,
  setAdmin, setUserFlag, stackFor, ifaceFlags,
} from './iface-list';
import { broadcastFor, isSecondary, setBroadcast } from './addr-info';
import type { IpOptions } from './ip-args';
import {
  ArgCursor, IpError, duparg, duparg2, extack, getAddr, getPrefix, getU32, invarg, matches, nodev, notEmulated, rtnl,
} from './ip-args';

// ---- printing ------------------------------------------------------------------------

/** print_link_flags(): NO-CARRIER first, then the IFF names in iproute2's order. */
export function linkFlags(intf: Intf): string {
  const f = ifaceFlags(intf) | (hasCarrier(intf) && intf.adminUp ? IFF.LOWER_UP : 0);
  const names: string[] = [];
  if (f & IFF.UP && !(f & IFF.RUNNING)) names.push('NO-CARRIER');
  const order: Array<[number, string]> = [
    [0x8, 'LOOPBACK'], [0x2, 'BROADCAST'], [0x10, 'POINTOPOINT'], [0x1000, 'MULTICAST'], [0x80, 'NOARP'],
    [0x200, 'ALLMULTI'], [0x100, 'PROMISC'], [0x400, 'MASTER'], [0x800, 'SLAVE'], [0x1, 'UP'], [0x10000, 'LOWER_UP'],
  ];
  for (const [b, n] of order) if (f & b) names.push(n);
  return `<${names.join(',')}>`;
}

function linkHeader(ctx: ExecContext, intf: Intf, forLink: boolean): string {
  const master = masterOf(intf);
  return (
    `${intf.ifindex}: ${intf.name}${peerInfo(ctx, intf).suffix}: ${linkFlags(intf)} mtu ${intf.mtu} qdisc ${qdiscOf(intf)}` +
    `${master ? ` master ${master}` : ''} state ${operState(intf)} ${forLink ? 'mode DEFAULT ' : ''}group default ` +
    // print_queuelen(): "qlen N" only when non-zero (bridges, Docker's veths), so "group default " keeps its space.
    `${intf.txqueuelen ? `qlen ${intf.txqueuelen}` : ''}`
  );
}

function linkAddressLine(ctx: ExecContext, intf: Intf): string {
  if (intf.kind === 'loopback') return '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00';
  const id = peerInfo(ctx, intf).netnsid;
  const netns = id === undefined ? '' : ` link-netnsid ${id}`;
  return `    link/ether ${intf.mac} brd ff:ff:ff:ff:ff:ff${netns}`;
}

/** size_columns(): widen a column to fit a value (iproute2's digit count, quirk included). */
function widen(cols: number[], vals: number[]): void {
  vals.forEach((v, i) => {
    let len = 1;
    for (let p = 10; p < v; p *= 10) len++;
    if (len > cols[i]!) cols[i] = len;
  });
}

/** The -s block (iproute2 ≥ 5.13: right-aligned, columns sized to fit). */
function statsBlock(intf: Intf): string[] {
  const s = intf.stats;
  const cols = [10, 7, 6, 7, 7, 7, 10];
  const rx = [s.rxBytes, s.rxPackets, s.rxErrors, s.rxDropped, 0, 0];
  const tx = [s.txBytes, s.txPackets, s.txErrors, s.txDropped, 0, 0];
  widen(cols, rx);
  widen(cols, tx);
  const pad = (v: string | number, w: number) => String(v).padStart(w);
  const head = (dir: string, names: string[]) =>
    `    ${dir}: ${pad('bytes', cols[0]! - 4)} ${names.map((n, i) => pad(n, cols[i + 1]!)).join(' ')} ${pad('', cols[6]!)}`;
  const row = (vals: number[]) => `    ${vals.map((v, i) => pad(v, cols[i]!) + ' ').join('')}`;
  return [
    head('RX', ['packets', 'errors', 'dropped', 'missed', 'mcast']),
    row(rx),
    head('TX', ['packets', 'errors', 'dropped', 'carrier', 'collsns']),
    row(tx),
  ];
}

interface AddrLine {
  readonly family: 'inet' | 'inet6';
  readonly text: string;
  readonly brief: string;
}

function addrLines(intf: Intf): AddrLine[] {
  const out: AddrLine[] = [];
  for (const a of intf.addrs) {
    const brd = broadcastFor(intf, a);
    const scope = a.addr >>> 24 === 127 ? 'host' : 'global';
    const text =
      `inet ${formatIpv4(a.addr)}/${a.prefixLen} ${brd !== undefined ? `brd ${formatIpv4(brd)} ` : ''}scope ${scope} ` +
      `${isSecondary(intf, a) ? 'secondary ' : ''}${intf.name}`;
    out.push({ family: 'inet', text, brief: `${formatIpv4(a.addr)}/${a.prefixLen}` });
  }
  for (const v6 of ipv6Addrs(intf)) {
    out.push({ family: 'inet6', text: `inet6 ${v6.addr}/${v6.prefixLen} scope ${v6.scope} `, brief: `${v6.addr}/${v6.prefixLen}` });
  }
  return out;
}

function showOne(ctx: ExecContext, intf: Intf, o: IpOptions, forLink: boolean): string {
  const name = intf.name + peerInfo(ctx, intf).suffix;
  let lines = forLink || o.family === 'link' ? [] : addrLines(intf);
  if (o.family === 4) lines = lines.filter((l) => l.family === 'inet');
  if (o.family === 6) lines = lines.filter((l) => l.family === 'inet6');
  // -4 / -6 hide interfaces without such addresses.
  if (!forLink && (o.family === 4 || o.family === 6) && lines.length === 0) return '';
  if (o.brief) {
    const head = `${name.padEnd(16)} ${operState(intf).padEnd(14)} `;
    if (forLink) return `${head}${intf.kind === 'loopback' ? '00:00:00:00:00:00' : intf.mac} ${linkFlags(intf)} \n`;
    return head + lines.map((l) => l.brief + ' ').join('') + '\n';
  }
  const lft = '       valid_lft forever preferred_lft forever';
  if (o.oneline && !forLink) {
    return lines.map((l) => `${intf.ifindex}: ${intf.name}    ${l.text}\\${lft}\n`).join('');
  }
  const block: string[] = [linkHeader(ctx, intf, forLink)];
  if (o.family !== 4 && o.family !== 6) block.push(linkAddressLine(ctx, intf));
  if (forLink && o.stats > 0) block.push(...statsBlock(intf));
  for (const l of lines) block.push(`    ${l.text}`, lft);
  return block.join(o.oneline ? '\\' : '\n') + '\n';
}

function showList(ctx: ExecContext, o: IpOptions, c: ArgCursor, forLink: boolean): number {
  let dev: string | undefined;
  let upOnly = false;
  while (!c.done) {
    const w = c.take();
    if (w === 'dev') {
      const v = c.value();
      if (dev !== undefined) throw duparg2('dev', v);
      dev = v;
    } else if (w === 'up') upOnly = true;
    else if (w === 'scope' || w === 'label' || w === 'to' || w === 'type' || w === 'master' || w === 'vrf' || w === 'group') c.value();
    else if (['permanent', 'dynamic', 'secondary', 'primary', 'tentative', 'deprecated', 'temporary'].includes(w)) continue;
    else if (matches(w, 'help')) throw usage(forLink);
    else {
      if (dev !== undefined) throw duparg2('dev', w);
      dev = w;
    }
  }
  let list = namespaceIntfs(ctx);
  if (dev !== undefined) {
    const one = list.find((i) => i.name === dev);
    if (!one) throw new IpError(`Device "${dev}" does not exist.\n`, 1);
    list = [one];
  }
  if (upOnly) list = list.filter((i) => i.adminUp);
  ctx.out(list.map((i) => showOne(ctx, i, o, forLink)).join(''));
  return 0;
}

// ---- ip address ----------------------------------------------------------------------

function addrModify(ctx: ExecContext, o: IpOptions, c: ArgCursor, cmd: 'add' | 'del' | 'replace'): number {
  let dev: string | undefined;
  let local: ReturnType<typeof getPrefix> | undefined;
  let localArg = '';
  let brd: 'plus' | 'minus' | number | undefined;
  let label: string | undefined;
  while (!c.done) {
    const w = c.take();
    if (w === 'peer' || w === 'remote' || w === 'anycast') {
      c.value();
      throw notEmulated(`"${w}"`);
    } else if (matches(w, 'broadcast') || w === 'brd') {
      const v = c.value();
      if (brd !== undefined) throw duparg('broadcast', v);
      if (v === '+') brd = 'plus';
      else if (v === '-') brd = 'minus';
      else brd = getAddr(v, o.family);
    } else if (w === 'scope') {
      const v = c.value();
      if (!['host', 'link', 'global', 'site', 'nowhere'].includes(v) && getU32(v) === undefined) throw invarg('invalid scope value.', v);
    } else if (w === 'dev') dev = c.value();
    else if (w === 'label') label = c.value();
    else if (matches(w, 'metric') || matches(w, 'priority') || matches(w, 'preference')) {
      const v = c.value();
      if (getU32(v) === undefined) throw invarg('"metric" value is invalid\n', v);
    } else if (matches(w, 'valid_lft') || matches(w, 'preferred_lft')) c.value();
    else if (['home', 'nodad', 'mngtmpaddr', 'noprefixroute', 'autojoin', 'optimistic'].includes(w)) continue;
    else {
      let a = w;
      if (a === 'local') a = c.value();
      if (matches(a, 'help')) throw usage(false);
      if (local) throw duparg2('local', a);
      localArg = a;
      local = getPrefix(a, o.family);
    }
  }
  if (dev === undefined) throw new IpError('Not enough information: "dev" argument is required.\n', 1);
  if (label !== undefined && label !== dev && !label.startsWith(dev + ':')) {
    throw new IpError(`"label" (${label}) must match "dev" (${dev}) or be prefixed by "dev" with a colon.\n`, 1);
  }
  if (cmd === 'del' && local && !local.lenGiven) {
    ctx.err(
      'Warning: Executing wildcard deletion to stay compatible with old scripts.\n' +
        `         Explicitly specify the prefix length (${localArg}/32) to avoid this warning.\n` +
        '         This special behaviour is likely to disappear in further releases,\n' +
        '         fix your scripts!\n',
    );
  }
  const intf = findIntf(ctx, dev);
  if (!intf) throw nodev(dev);
  if (!local) throw rtnl(cmd === 'del' ? 'Cannot assign requested address' : 'Invalid argument');
  const stack = stackFor(ctx, intf);
  if (cmd === 'del') {
    const victim = intf.addrs.find(
      (a) => a.addr === local!.addr && (!local!.lenGiven || (a.prefixLen === local!.prefixLen && networkOf(a) === networkOf(local!))),
    );
    if (!victim) throw rtnl('Cannot assign requested address');
    const wasPrimary = !isSecondary(intf, victim);
    stack.removeAddress(intf, victim);
    // promote_secondaries: the next address of that subnet takes over its connected route.
    const heir = wasPrimary ? intf.addrs.find((a) => a.prefixLen === victim.prefixLen && networkOf(a) === networkOf(victim)) : undefined;
    if (heir && intf.adminUp && heir.prefixLen < 32) {
      stack.routes.add({
        dst: networkOf(heir), prefixLen: heir.prefixLen, dev: intf, proto: 'kernel', scope: 'link', src: heir.addr, metric: 0, type: 'unicast',
      });
    }
    return 0;
  }
  if (local.isDefault) throw rtnl('Invalid argument');
  const cidr: Ipv4Cidr = { addr: local.addr, prefixLen: local.prefixLen };
  const exists = intf.addrs.find((a) => a.addr === cidr.addr && a.prefixLen === cidr.prefixLen);
  if (exists) {
    if (cmd === 'replace') return 0;
    throw rtnl('File exists');
  }
  stack.addAddress(intf, cidr);
  if (brd === 'plus' && cidr.prefixLen <= 30) setBroadcast(cidr, broadcastOf(cidr));
  else if (brd === 'minus' && cidr.prefixLen <= 30) setBroadcast(cidr, networkOf(cidr));
  else if (typeof brd === 'number') setBroadcast(cidr, brd);
  else setBroadcast(cidr, null);
  return 0;
}

function addrFlush(ctx: ExecContext, o: IpOptions, c: ArgCursor): number {
  if (c.done) throw new IpError('Flush requires arguments.\n', 1);
  let dev: string | undefined;
  while (!c.done) {
    const w = c.take();
    if (w === 'dev') dev = c.value();
    else if (w === 'scope' || w === 'label' || w === 'to') c.value();
    else {
      if (dev !== undefined) throw duparg2('dev', w);
      dev = w;
    }
  }
  const list = dev === undefined ? namespaceIntfs(ctx) : [findIntf(ctx, dev)];
  if (dev !== undefined && !list[0]) throw new IpError(`Device "${dev}" does not exist.\n`, 1);
  if (o.family === 6) return 0;
  for (const intf of list) {
    if (!intf || (intf.kind === 'loopback' && dev === undefined)) continue;
    const stack = stackFor(ctx, intf);
    for (const a of [...intf.addrs]) stack.removeAddress(intf, a);
  }
  return 0;
}

export function doAddress(ctx: ExecContext, o: IpOptions, c: ArgCursor): number {
  if (c.done) return showList(ctx, o, c, false);
  const w = c.take();
  if (matches(w, 'add')) return addrModify(ctx, o, c, 'add');
  if (matches(w, 'change') || w === 'chg') throw notEmulated('"ip address change"');
  if (matches(w, 'replace')) return addrModify(ctx, o, c, 'replace');
  if (matches(w, 'delete')) return addrModify(ctx, o, c, 'del');
  if (matches(w, 'list') || matches(w, 'show') || matches(w, 'lst')) return showList(ctx, o, c, false);
  if (matches(w, 'flush')) return addrFlush(ctx, o, c);
  if (matches(w, 'save') || matches(w, 'showdump') || matches(w, 'restore')) throw notEmulated(`"ip address ${w}"`);
  if (matches(w, 'help')) throw usage(false);
  throw new IpError(`Command "${w}" is unknown, try "ip address help".\n`, 255);
}

// ---- ip link -------------------------------------------------------------------------

function onOff(key: string, v: string): boolean {
  if (v === 'on') return true;
  if (v === 'off') return false;
  throw new IpError(`Error: argument of "${key}" must be "on" or "off", not "${v}"\n`, 255);
}

function linkSet(ctx: ExecContext, c: ArgCursor): number {
  let dev: string | undefined;
  const actions: Array<(i: Intf) => void> = [];
  while (!c.done) {
    const w = c.take();
    if (w === 'up') actions.push((i) => setAdmin(i, true));
    else if (w === 'down') actions.push((i) => setAdmin(i, false));
    else if (w === 'mtu') {
      const v = c.value();
      const n = getU32(v);
      if (n === undefined) throw invarg('Invalid "mtu" value\n', v);
      actions.push((i) => {
        if (n < 68) throw extack('mtu less than device minimum');
        if (n > (i.kind === 'loopback' ? 2147483647 : 65535)) throw extack('mtu greater than device maximum');
        i.mtu = n;
      });
    } else if (w === 'address') {
      const v = c.value();
      const mac = parseMac(v);
      if (!mac) throw new IpError(`"${v}" is invalid lladdr.\n`, 1);
      actions.push((i) => (i.mac = mac));
    } else if (matches(w, 'txqueuelen') || w === 'qlen' || matches(w, 'txqlen')) {
      const v = c.value();
      const n = getU32(v);
      if (n === undefined) throw invarg('Invalid "txqueuelen" value\n', v);
      actions.push((i) => (i.txqueuelen = n));
    } else if (w === 'promisc' || w === 'allmulticast') {
      const on = onOff(w, c.value());
      actions.push((i) => setUserFlag(i, w === 'promisc' ? IFF.PROMISC : IFF.ALLMULTI, on));
    } else if (w === 'arp' || w === 'multicast') {
      const on = onOff(w, c.value());
      if (!on) throw notEmulated(`"${w} off"`);
    } else if (['name', 'netns', 'master', 'alias', 'group', 'type', 'vf', 'link-netns', 'link-netnsid', 'xdp', 'broadcast', 'brd'].includes(w)) {
      c.value();
      throw notEmulated(`"ip link set ... ${w}"`);
    } else if (w === 'nomaster') throw notEmulated('"ip link set ... nomaster"');
    else if (matches(w, 'help')) throw usage(true);
    else {
      let name = w;
      if (name === 'dev') name = c.value();
      if (dev !== undefined) throw duparg2('dev', name);
      dev = name;
    }
  }
  if (dev === undefined) throw new IpError('Not enough information: "dev" argument is required.\n', 255);
  const intf = findIntf(ctx, dev);
  if (!intf) throw nodev(dev);
  for (const a of actions) a(intf);
  return 0;
}

export function doLink(ctx: ExecContext, o: IpOptions, c: ArgCursor): number {
  if (c.done) return showList(ctx, o, c, true);
  const w = c.take();
  if (matches(w, 'add')) throw notEmulated('"ip link add" (Mininet creates the links)');
  if (matches(w, 'set') || matches(w, 'change')) return linkSet(ctx, c);
  if (matches(w, 'replace') || matches(w, 'delete')) throw notEmulated(`"ip link ${w}"`);
  if (matches(w, 'show') || matches(w, 'lst') || matches(w, 'list')) return showList(ctx, o, c, true);
  if (matches(w, 'xstats') || matches(w, 'afstats') || matches(w, 'property')) throw notEmulated(`"ip link ${w}"`);
  if (matches(w, 'help')) throw usage(true);
  throw new IpError(`Command "${w}" is unknown, try "ip link help".\n`, 255);
}

function usage(link: boolean): IpError {
  if (link) {
    return new IpError(
      'Usage: ip link set DEVICE { up | down | mtu MTU | address LLADDR | txqueuelen PACKETS |\n' +
        '                           promisc { on | off } | allmulticast { on | off } }\n' +
        '       ip link show [ DEVICE ] [ up ]\n' +
        '       ip link help\n',
      255,
    );
  }
  return new IpError(
    'Usage: ip address {add|replace} IFADDR dev IFNAME [ brd { ADDR | + | - } ]\n' +
      '       ip address del IFADDR dev IFNAME\n' +
      '       ip address flush dev IFNAME\n' +
      '       ip address [ show [ dev IFNAME ] [ up ] ]\n' +
      'IFADDR := PREFIX\n',
    255,
  );
}
