/**
 * `ip neigh` (iproute2 5.15, ip/ipneigh.c; reference/mininet.md §3.3): the namespace's ARP
 * table (net/arp-cache.ts) — show, add, replace, change, delete, flush.
 *
 * Line shape: `10.0.0.2 dev h1-eth0 lladdr 00:00:00:00:00:02 REACHABLE`; without a link-layer
 * address the state follows two spaces (`10.0.0.9 dev h1-eth0  FAILED`); `dev X` is left out
 * when the listing is filtered by device. Permanent and noarp entries survive a flush.
 */
import type { ExecContext } from '../../shell/context';
import type { Intf } from '../../net/interface';
import type { NeighEntry, NeighState } from '../../net/arp-cache';
import type { Mac } from '../../wire/addr';
import { formatIpv4, inSubnet, parseMac } from '../../wire/addr';
import { findIntf, stackFor } from './iface-list';
import type { IpOptions, Prefix } from './ip-args';
import { ArgCursor, IpError, duparg, duparg2, getAddr, getPrefix, invarg, matches, nodev, notEmulated, rtnl } from './ip-args';

const NUD: Record<string, NeighState | 'NOARP' | 'NONE'> = {
  permanent: 'PERMANENT', reachable: 'REACHABLE', stale: 'STALE', delay: 'DELAY', probe: 'PROBE', failed: 'FAILED',
  incomplete: 'INCOMPLETE', noarp: 'NOARP', none: 'NONE',
};

/** One `ip neigh` line (print_neigh). */
export function neighLine(e: NeighEntry, showDev: boolean): string {
  let s = `${formatIpv4(e.ip)} `;
  if (showDev) s += `dev ${e.intf.name} `;
  if (e.mac && e.state !== 'INCOMPLETE' && e.state !== 'FAILED') s += `lladdr ${e.mac}`;
  return `${s} ${e.state}\n`;
}

function entriesOf(ctx: ExecContext): NeighEntry[] {
  return ctx.node.stack.neighbors.cache.list();
}

function showOrFlush(ctx: ExecContext, o: IpOptions, c: ArgCursor, flush: boolean): number {
  if (flush && c.done) throw new IpError('Flush requires arguments.\n', 1);
  let dev: Intf | undefined;
  let devGiven = false;
  let states: Set<string> | undefined;
  let to: Prefix | undefined;
  while (!c.done) {
    const w = c.take();
    if (w === 'dev') {
      const v = c.value();
      if (devGiven) throw duparg('dev', v);
      devGiven = true;
      dev = findIntf(ctx, v);
      if (!dev) throw nodev(v);
    } else if (w === 'unused' || w === 'proxy' || w === 'router' || w === 'extern_learn') continue;
    else if (w === 'nud') {
      const v = c.value();
      states ??= new Set();
      if (v === 'all') for (const s of Object.values(NUD)) states.add(s);
      else if (NUD[v]) states.add(NUD[v]);
      else throw invarg('nud state is bad', v);
    } else if (w === 'master' || w === 'vrf') c.value();
    else {
      let p = w;
      if (p === 'to') p = c.value();
      if (matches(p, 'help')) throw neighUsage();
      to = getPrefix(p, o.family);
    }
  }
  if (o.family === 6) return 0;
  const picked = entriesOf(ctx).filter((e) => {
    if (dev && e.intf !== dev) return false;
    if (to && !to.isAll && !inSubnet(e.ip, to.addr, to.prefixLen)) return false;
    if (states) return states.has(e.state);
    // Listing shows every state; flushing spares permanent entries.
    return !flush || e.state !== 'PERMANENT';
  });
  if (flush) {
    const cache = ctx.node.stack.neighbors.cache;
    for (const e of picked) cache.delete(e.ip);
    return 0;
  }
  ctx.out(picked.map((e) => neighLine(e, !dev)).join(''));
  return 0;
}

type NeighCmd = 'add' | 'replace' | 'change' | 'delete';

function modify(ctx: ExecContext, o: IpOptions, c: ArgCursor, cmd: NeighCmd): number {
  let lla: string | undefined;
  let state: NeighState = 'PERMANENT';
  let devName: string | undefined;
  let dst: number | undefined;
  let dstArg = '';
  while (!c.done) {
    const w = c.take();
    if (matches(w, 'lladdr')) {
      const v = c.value();
      if (lla !== undefined) throw duparg('lladdr', v);
      lla = v;
    } else if (w === 'nud') {
      const v = c.value();
      const s = NUD[v];
      if (!s) throw invarg('nud state is bad', v);
      if (s === 'NOARP' || s === 'NONE') throw notEmulated(`"nud ${v}"`);
      state = s;
    } else if (matches(w, 'proxy') || w === 'router' || w === 'extern_learn' || w === 'use' || w === 'managed') {
      throw notEmulated(`"${w}"`);
    } else if (w === 'dev') devName = c.value();
    else if (matches(w, 'protocol')) c.value();
    else {
      let p = w;
      if (p === 'to') p = c.value();
      if (matches(p, 'help')) throw neighUsage();
      if (dst !== undefined) throw duparg2('to', p);
      dstArg = p;
      dst = getAddr(p, o.family);
    }
  }
  if (devName === undefined || dst === undefined) throw new IpError('Device and destination are required arguments.\n', 255);
  let mac: Mac | undefined;
  if (lla !== undefined && lla !== 'null') {
    mac = parseMac(lla);
    if (!mac) throw new IpError(`"${lla}" is invalid lladdr.\n`, 1);
  }
  const intf = findIntf(ctx, devName);
  if (!intf) throw nodev(devName);
  void dstArg;
  const stack = stackFor(ctx, intf);
  const cache = stack.neighbors.cache;
  const existing = cache.get(dst);
  if (cmd === 'delete') {
    if (!existing || existing.intf !== intf) throw rtnl('No such file or directory');
    cache.delete(dst);
    return 0;
  }
  if (cmd === 'add' && existing) throw rtnl('File exists');
  if (cmd === 'change' && !existing) throw rtnl('No such file or directory');
  const hw = mac ?? existing?.mac ?? '00:00:00:00:00:00';
  if (state === 'PERMANENT') stack.neighbors.addPermanent(dst, hw, intf);
  else {
    cache.delete(dst);
    const noMac = state === 'INCOMPLETE' || state === 'FAILED';
    cache.set({
      ip: dst, intf, mac: noMac ? undefined : hw, state, probes: 0, pending: [], timer: undefined, confirmedAt: ctx.net.sched.now,
    });
  }
  return 0;
}

export function doNeigh(ctx: ExecContext, o: IpOptions, c: ArgCursor): number {
  if (c.done) return showOrFlush(ctx, o, c, false);
  const w = c.take();
  if (matches(w, 'add')) return modify(ctx, o, c, 'add');
  if (matches(w, 'change') || w === 'chg') return modify(ctx, o, c, 'change');
  if (matches(w, 'replace')) return modify(ctx, o, c, 'replace');
  if (matches(w, 'delete')) return modify(ctx, o, c, 'delete');
  if (matches(w, 'get')) throw notEmulated('"ip neigh get"');
  if (matches(w, 'show') || matches(w, 'lst') || matches(w, 'list')) return showOrFlush(ctx, o, c, false);
  if (matches(w, 'flush')) return showOrFlush(ctx, o, c, true);
  if (matches(w, 'help')) throw neighUsage();
  throw new IpError(`Command "${w}" is unknown, try "ip neigh help".\n`, 255);
}

function neighUsage(): IpError {
  return new IpError(
    'Usage: ip neigh { add | del | change | replace }\n' +
      '                { ADDR [ lladdr LLADDR ] [ nud STATE ] } dev DEV\n' +
      '       ip neigh { show | flush } [ to PREFIX ] [ dev DEV ] [ nud STATE ]\n' +
      'STATE := { permanent | reachable | stale | delay | probe | failed | incomplete | all }\n',
    255,
  );
}
