/**
 * `ip route` (iproute2 5.15; reference/mininet.md §3.3): list, add, replace, change, prepend,
 * append, delete, flush and get, over the namespace's main table (net/route-table.ts).
 *
 * Line shapes follow print_route(): every token is "%s " so lines end with a space
 * (`10.0.0.0/8 dev h1-eth0 proto kernel scope link src 10.0.0.1 `); `proto boot` (routes made
 * by `ip route add`, `route add` or Mininet) and `scope global` are not printed; a metric of 0 is
 * not printed; `linkdown` marks a route whose device is up without carrier. A multipath route
 * (a fabric's equal-cost routes) prints its next hops on their own lines, print_rta_multipath():
 * `\tnexthop via 172.16.0.0 dev leaf1-eth3 weight 1 `, flagged `dead linkdown ` when their
 * device went down. `ip route get` picks the next hop a flow would take (its `ipproto`, `sport`
 * and `dport` feed the multipath hash, net/multipath.ts). Kernel checks and their messages are
 * Linux 5.15's (extended acks print as "Error: ...").
 */
import type { ExecContext } from '../../shell/context';
import type { Intf } from '../../net/interface';
import type { Nexthop, Route, RouteProto, RouteScope, RouteType } from '../../net/route-table';
import type { Ipv4 } from '../../wire/addr';
import { broadcastOf, formatIpv4, inSubnet, maskOf } from '../../wire/addr';
import { findIntf, hasCarrier, namespaceIntfs } from './iface-list';
import type { IpOptions, Prefix } from './ip-args';
import {
  ArgCursor, IpError, duparg2, extack, getAddr, getPrefix, getU32, invarg, matches, nodev, notEmulated, rtnl,
} from './ip-args';

const ROUTE_TYPES = ['unicast', 'local', 'broadcast', 'multicast', 'throw', 'unreachable', 'prohibit', 'blackhole', 'nat', 'anycast'];
const METRIC_KEYS = [
  'mtu', 'hoplimit', 'advmss', 'reordering', 'rtt', 'rto_min', 'window', 'cwnd', 'initcwnd', 'initrwnd', 'features',
  'quickack', 'congctl', 'rttvar', 'ssthresh', 'realms', 'pref', 'fastopen_no_cookie', 'as', 'from', 'encap',
];

function dstText(r: { dst: Ipv4; prefixLen: number }): string {
  if (r.prefixLen === 0) return 'default';
  return r.prefixLen === 32 ? formatIpv4(r.dst) : `${formatIpv4(r.dst)}/${r.prefixLen}`;
}

interface Hide {
  dev?: boolean;
  proto?: boolean;
  scope?: boolean;
}

/** Protocol names `ip route get ... ipproto` accepts (/etc/protocols). */
const IP_PROTOS: Readonly<Record<string, number>> = { icmp: 1, tcp: 6, udp: 17 };

/** The routing protocols `ip route` names (iproute2's rt_protos); others are not emulated. */
const PROTOS: readonly RouteProto[] = ['kernel', 'boot', 'static', 'ospf'];

/** One `ip route` line (print_route). */
export function routeLine(r: Route, hide: Hide = {}): string {
  const multipath = r.nexthops !== undefined;
  let s = '';
  if (r.type !== 'unicast') s += `${r.type} `;
  s += `${dstText(r)} `;
  if (r.via !== undefined && !multipath) s += `via ${formatIpv4(r.via)} `;
  if (r.dev && !hide.dev && !multipath) s += `dev ${r.dev.name} `;
  if (r.proto !== 'boot' && !hide.proto) s += `proto ${r.proto} `;
  if (r.scope !== 'global' && !hide.scope) s += `scope ${r.scope} `;
  if (r.src !== undefined) s += `src ${formatIpv4(r.src)} `;
  if (r.metric) s += `metric ${r.metric} `;
  if (r.dev && !multipath && r.dev.adminUp && !hasCarrier(r.dev)) s += 'linkdown ';
  for (const nh of r.nexthops ?? []) s += nexthopText(nh);
  return s + '\n';
}

/** `\tnexthop via X dev Y weight 1 ` and the next hop's flags (print_rt_flags: dead, linkdown). */
function nexthopText(nh: Nexthop): string {
  let s = '\n\tnexthop ';
  if (nh.via !== undefined) s += `via ${formatIpv4(nh.via)} `;
  s += `dev ${nh.dev.name} weight ${nh.weight} `;
  if (nh.dead) s += 'dead ';
  if (nh.dead || (nh.dev.adminUp && !hasCarrier(nh.dev))) s += 'linkdown ';
  return s;
}

/** The IPv6 routes the kernel keeps for link-local addressing (`ip -6 route`). */
function ipv6Routes(ctx: ExecContext, dev: Intf | undefined): string {
  let out = '';
  const list = namespaceIntfs(ctx).filter((i) => i.adminUp && (!dev || i === dev));
  const lo = list.find((i) => i.kind === 'loopback');
  const tail = (i: Intf) => `${i.adminUp && !hasCarrier(i) ? 'linkdown ' : ''}pref medium\n`;
  if (lo) out += `::1 ${dev ? '' : 'dev lo '}proto kernel metric 256 ${tail(lo)}`;
  for (const i of list) if (i.kind !== 'loopback') out += `fe80::/64 ${dev ? '' : `dev ${i.name} `}proto kernel metric 256 ${tail(i)}`;
  return out;
}

interface Selector {
  dev?: Intf;
  proto?: RouteProto;
  scope?: RouteScope;
  type?: RouteType;
  via?: Ipv4;
  exact?: Prefix;
  root?: Prefix;
  match?: Prefix;
  table: 'main' | 'none';
}

function parseSelector(ctx: ExecContext, o: IpOptions, c: ArgCursor, flush: boolean): Selector {
  const sel: Selector = { table: 'main' };
  while (!c.done) {
    const w = c.take();
    if (matches(w, 'table')) {
      const v = c.value();
      if (v === 'local') throw notEmulated('the local routing table');
      if (v !== 'main' && v !== 'all' && v !== '254') {
        if (getU32(v) === undefined && v !== 'default') throw invarg('"table" value is invalid\n', v);
        sel.table = 'none';
      }
    } else if (matches(w, 'cached') || matches(w, 'cloned')) sel.table = 'none';
    else if (w === 'tos' || matches(w, 'dsfield') || matches(w, 'realms') || w === 'iif' || w === 'mark' || w === 'src' || w === 'from') c.value();
    else if (matches(w, 'protocol')) {
      const v = c.value();
      if (!(PROTOS as readonly string[]).includes(v)) {
        if (getU32(v) === undefined && !['redirect', 'ra', 'dhcp', 'zebra', 'bird', 'bgp', 'isis', 'rip', 'eigrp'].includes(v)) throw invarg('invalid "protocol"\n', v);
        sel.table = 'none';
      } else sel.proto = v as RouteProto;
    } else if (w === 'scope') {
      const v = c.value();
      if (!['link', 'global', 'host', 'universe'].includes(v)) throw invarg('invalid "scope"\n', v);
      sel.scope = v === 'universe' ? 'global' : (v as RouteScope);
    } else if (w === 'type') {
      const v = c.value();
      if (!ROUTE_TYPES.includes(v)) throw invarg('node type value is invalid\n', v);
      sel.type = v as RouteType;
    } else if (w === 'dev' || w === 'oif') {
      const v = c.value();
      const i = findIntf(ctx, v);
      if (!i) throw nodev(v);
      sel.dev = i;
    } else if (w === 'via') {
      sel.via = getAddr(c.value(), o.family);
    } else if (matches(w, 'help')) throw routeUsage();
    else {
      let p = w;
      let kind: 'exact' | 'root' | 'match' = 'exact';
      if (matches(p, 'exact') || matches(p, 'to')) p = c.value();
      else if (matches(p, 'root')) {
        p = c.value();
        kind = 'root';
      } else if (matches(p, 'match')) {
        p = c.value();
        kind = 'match';
      }
      if (flush && p === 'cache') continue;
      sel[kind] = getPrefix(p, o.family);
    }
  }
  return sel;
}

function selects(sel: Selector, r: Route): boolean {
  if (sel.table !== 'main') return false;
  if (sel.dev && r.dev !== sel.dev) return false;
  if (sel.proto && r.proto !== sel.proto) return false;
  if (sel.scope && r.scope !== sel.scope) return false;
  if (sel.type && r.type !== sel.type) return false;
  if (sel.via !== undefined && r.via !== sel.via) return false;
  const e = sel.exact;
  if (e && !e.isAll && (r.prefixLen !== e.prefixLen || !inSubnet(r.dst, e.addr, e.prefixLen))) return false;
  const root = sel.root;
  if (root && !root.isAll && (r.prefixLen < root.prefixLen || !inSubnet(r.dst, root.addr, root.prefixLen))) return false;
  const m = sel.match;
  if (m && !m.isAll && (r.prefixLen > m.prefixLen || !inSubnet(m.addr, r.dst, r.prefixLen))) return false;
  return true;
}

function list(ctx: ExecContext, o: IpOptions, c: ArgCursor): number {
  const sel = parseSelector(ctx, o, c, false);
  if (o.family === 6) {
    ctx.out(ipv6Routes(ctx, sel.dev));
    return 0;
  }
  const hide: Hide = { dev: sel.dev !== undefined, proto: sel.proto !== undefined, scope: sel.scope !== undefined };
  ctx.out(ctx.node.stack.routes.sortedForIproute().filter((r) => selects(sel, r)).map((r) => routeLine(r, hide)).join(''));
  return 0;
}

function flush(ctx: ExecContext, o: IpOptions, c: ArgCursor): number {
  if (c.done) throw new IpError('"ip route flush" requires arguments.\n', 1);
  const sel = parseSelector(ctx, o, c, true);
  if (o.family === 6) return 0;
  const routes = ctx.node.stack.routes;
  for (const r of routes.list().filter((x) => selects(sel, x))) {
    routes.delete({ dst: r.dst, prefixLen: r.prefixLen, via: r.via, dev: r.dev, metric: r.metric });
  }
  return 0;
}

type ModifyCmd = 'add' | 'replace' | 'change' | 'prepend' | 'append' | 'delete';

function modify(ctx: ExecContext, o: IpOptions, c: ArgCursor, cmd: ModifyCmd): number {
  const stack = ctx.node.stack;
  let family: IpOptions['family'] | 'inet' = o.family;
  let dst: Prefix | undefined;
  let via: Ipv4 | undefined;
  let devName: string | undefined;
  let metric: number | undefined;
  let proto: RouteProto | undefined;
  let scope: RouteScope | undefined;
  let src: Ipv4 | undefined;
  let type: RouteType | undefined;
  let onlink = false;
  while (!c.done) {
    const w = c.take();
    if (w === 'src') {
      src = getAddr(c.value(), family);
      if (family === 0) family = 'inet';
    } else if (w === 'via') {
      let v = c.value();
      if (v === 'inet') v = c.value();
      else if (v === 'inet6' || v === 'link' || v === 'mpls') throw notEmulated(`"via ${v}"`);
      via = getAddr(v, family);
      if (family === 0) family = 'inet';
    } else if (w === 'tos' || matches(w, 'dsfield')) c.value();
    else if (matches(w, 'metric') || matches(w, 'priority') || w === 'preference') {
      const v = c.value();
      const n = getU32(v);
      if (n === undefined) throw invarg('"metric" value is invalid\n', v);
      metric = n;
    } else if (w === 'scope') {
      const v = c.value();
      if (v === 'global' || v === 'universe') scope = 'global';
      else if (v === 'link' || v === 'host') scope = v;
      else if (getU32(v) !== undefined || v === 'site' || v === 'nowhere') throw notEmulated(`"scope ${v}"`);
      else throw invarg('invalid "scope" value\n', v);
    } else if (w === 'onlink') onlink = true;
    else if (w === 'nexthop' || w === 'nhid') throw notEmulated('multipath routes');
    else if (matches(w, 'protocol')) {
      const v = c.value();
      if (v === 'kernel' || v === 'boot' || v === 'static' || v === 'ospf') proto = v;
      else if (getU32(v) !== undefined || ['redirect', 'ra', 'dhcp', 'zebra', 'bird', 'bgp', 'isis', 'rip', 'eigrp'].includes(v)) throw notEmulated(`"proto ${v}"`);
      else throw invarg('"protocol" value is invalid\n', v);
    } else if (matches(w, 'table')) {
      const v = c.value();
      if (v !== 'main' && v !== '254') {
        if (getU32(v) === undefined && v !== 'local' && v !== 'default') throw invarg('"table" value is invalid\n', v);
        throw notEmulated('routing tables other than main');
      }
    } else if (w === 'dev' || w === 'oif') devName = c.value();
    else if (w === 'expires') c.value();
    else if (METRIC_KEYS.includes(w)) {
      c.value();
      throw notEmulated(`"${w}"`);
    } else {
      let p = w;
      if (p === 'to') p = c.value();
      if (!/^[0-9]/.test(p) && ROUTE_TYPES.includes(p)) {
        type = p as RouteType;
        p = c.value();
      }
      if (matches(p, 'help')) throw routeUsage();
      if (dst) throw duparg2('to', p);
      dst = getPrefix(p, family);
      if (family === 0 && !dst.isDefault) family = 'inet';
    }
  }
  if (!dst) throw routeUsage();
  let dev: Intf | undefined;
  if (devName !== undefined) {
    dev = findIntf(ctx, devName);
    if (!dev) throw nodev(devName);
  }
  if (dst.prefixLen < 32 && (dst.addr & ~maskOf(dst.prefixLen)) !== 0) throw extack('Invalid prefix for given prefix length');
  const dstAddr = dst.addr;

  if (cmd === 'delete') {
    const routes = stack.routes;
    const victim = routes.list().find(
      (r) =>
        r.dst === dstAddr &&
        r.prefixLen === dst!.prefixLen &&
        (via === undefined || r.via === via) &&
        (dev === undefined || r.dev === dev) &&
        (metric === undefined || r.metric === metric) &&
        (proto === undefined || r.proto === proto) &&
        (type === undefined || r.type === type),
    );
    if (!victim) throw rtnl('No such process');
    routes.delete({ dst: victim.dst, prefixLen: victim.prefixLen, via: victim.via, dev: victim.dev, metric: victim.metric });
    return 0;
  }

  const rtype: RouteType = type ?? 'unicast';
  if (rtype !== 'unicast' && rtype !== 'unreachable' && rtype !== 'prohibit' && rtype !== 'blackhole') {
    throw notEmulated(`"${rtype}" routes`);
  }
  let route: Route;
  if (rtype !== 'unicast') {
    if (via !== undefined || dev) throw extack('Gateway, device and multipath can not be specified for this route type');
    route = { dst: dstAddr, prefixLen: dst.prefixLen, proto: proto ?? 'boot', scope: 'global', metric: metric ?? 0, type: rtype };
  } else {
    if (via !== undefined) {
      if (onlink) {
        if (!dev) throw extack('Nexthop device required for onlink');
        if (!dev.adminUp) throw extack('Nexthop device is not up');
      } else {
        const gw = via;
        if (stack.isLocal(gw)) throw extack('Nexthop has invalid gateway');
        // The gateway must be on a connected network (a link-scope route), through `dev` if given.
        const onLink = stack.routes
          .list()
          .filter((r) => r.type === 'unicast' && r.via === undefined && r.dev && (!dev || r.dev === dev) && inSubnet(gw, r.dst, r.prefixLen))
          .sort((a, b) => b.prefixLen - a.prefixLen)[0];
        if (!onLink) throw extack('Nexthop has invalid gateway');
        dev = onLink.dev;
      }
    } else {
      if (!dev) throw rtnl('No such device');
      if (!dev.adminUp) throw extack('Device for nexthop is not up');
    }
    if (src !== undefined && !stack.isLocal(src)) throw extack('Invalid prefsrc address');
    route = {
      dst: dstAddr,
      prefixLen: dst.prefixLen,
      via,
      dev,
      proto: proto ?? 'boot',
      scope: scope ?? (via !== undefined ? 'global' : 'link'),
      src,
      metric: metric ?? 0,
      type: 'unicast',
    };
  }
  const routes = stack.routes;
  const existing = routes.list().find((r) => r.dst === dstAddr && r.prefixLen === dst!.prefixLen && r.metric === route.metric);
  if (cmd === 'add') {
    if (existing || !routes.add(route)) throw rtnl('File exists');
  } else if (cmd === 'prepend' || cmd === 'append') {
    if (!routes.insert(route, cmd)) throw rtnl('File exists');
  } else if (cmd === 'change') {
    if (!existing) throw rtnl('No such file or directory');
    routes.replace(route);
  } else routes.replace(route);
  return 0;
}

function get(ctx: ExecContext, o: IpOptions, c: ArgCursor): number {
  let dst: Prefix | undefined;
  let oif: Intf | undefined;
  // The flow's fields that feed the multipath hash (fib_multipath_hash_policy=1).
  let from = 0;
  let proto = 0;
  let sport = 0;
  let dport = 0;
  while (!c.done) {
    const w = c.take();
    if (w === 'from') from = getAddr(c.value(), o.family);
    else if (w === 'ipproto') {
      const v = c.value();
      const n = IP_PROTOS[v] ?? getU32(v);
      if (n === undefined || n > 255) throw invarg('Invalid "ipproto" value\n', v);
      proto = n;
    } else if (w === 'sport' || w === 'dport') {
      const v = c.value();
      const n = getU32(v);
      if (n === undefined || n > 0xffff) throw invarg(`invalid ${w}\n`, v);
      if (w === 'sport') sport = n;
      else dport = n;
    } else if (w === 'tos' || matches(w, 'dsfield') || w === 'iif' || w === 'mark' || w === 'uid' || w === 'vrf' || w === 'as') c.value();
    else if (w === 'oif' || w === 'dev') {
      const v = c.value();
      oif = findIntf(ctx, v);
      if (!oif) throw nodev(v);
    } else if (matches(w, 'connected') || w === 'fibmatch' || w === 'notify') continue;
    else {
      let p = w;
      if (p === 'to') p = c.value();
      if (matches(p, 'help')) throw routeUsage();
      dst = getPrefix(p, o.family);
    }
  }
  if (!dst || dst.prefixLen === 0) throw new IpError('need at least a destination address\n', 1);
  const stack = ctx.node.stack;
  const addr = dst.addr;
  const a = formatIpv4(addr);
  if (stack.isLocal(addr)) {
    ctx.out(`local ${a} dev lo src ${a} uid 0 \n    cache <local> \n`);
    return 0;
  }
  const bcastOn = namespaceIntfs(ctx).find((i) => i.adminUp && i.addrs.some((x) => x.prefixLen < 31 && broadcastOf(x) === addr));
  if (bcastOn || addr === 0xffffffff) {
    const i = bcastOn ?? oif;
    const src = i?.addrs[0]?.addr;
    ctx.out(`broadcast ${a} ${i ? `dev ${i.name} ` : ''}${src !== undefined ? `src ${formatIpv4(src)} ` : ''}uid 0 \n    cache <local,brd> \n`);
    return 0;
  }
  const found = stack.routes.lookup(addr);
  if (!found) throw rtnl('Network is unreachable');
  if (found.type === 'unreachable') throw rtnl('No route to host');
  if (found.type === 'blackhole') throw rtnl('Invalid argument');
  if (found.type === 'prohibit') throw rtnl('Permission denied');
  // A multipath route: the next hop this flow's hash picks.
  const r = stack.pathFor(found, { src: from, dst: addr, proto, sport, dport });
  if (!r?.dev || (oif && r.dev !== oif)) throw rtnl('Network is unreachable');
  const src = from || (r.src ?? stack.sourceFor(r.dev, r.via ?? addr));
  if (src === undefined) throw rtnl('Network is unreachable');
  // rt_fill_info(): a given source prints as `from`, and no preferred source then.
  const source = from ? '' : `src ${formatIpv4(src)} `;
  ctx.out(`${a} ${from ? `from ${formatIpv4(from)} ` : ''}${r.via !== undefined ? `via ${formatIpv4(r.via)} ` : ''}dev ${r.dev.name} ${source}uid 0 \n    cache \n`);
  return 0;
}

export function doRoute(ctx: ExecContext, o: IpOptions, c: ArgCursor): number {
  if (c.done) return list(ctx, o, c);
  const w = c.take();
  if (o.family === 6 && !matches(w, 'list') && !matches(w, 'show') && !matches(w, 'lst') && !matches(w, 'help')) {
    throw notEmulated('IPv6 route configuration');
  }
  if (matches(w, 'add')) return modify(ctx, o, c, 'add');
  if (matches(w, 'change') || w === 'chg') return modify(ctx, o, c, 'change');
  if (matches(w, 'replace')) return modify(ctx, o, c, 'replace');
  if (matches(w, 'prepend')) return modify(ctx, o, c, 'prepend');
  if (matches(w, 'append')) return modify(ctx, o, c, 'append');
  if (matches(w, 'test')) throw notEmulated(`"ip route ${w}"`);
  if (matches(w, 'delete')) return modify(ctx, o, c, 'delete');
  if (matches(w, 'list') || matches(w, 'show') || matches(w, 'lst')) return list(ctx, o, c);
  if (matches(w, 'get')) return get(ctx, o, c);
  if (matches(w, 'flush')) return flush(ctx, o, c);
  if (matches(w, 'save') || matches(w, 'restore') || matches(w, 'showdump')) throw notEmulated(`"ip route ${w}"`);
  if (matches(w, 'help')) throw routeUsage();
  throw new IpError(`Command "${w}" is unknown, try "ip route help".\n`, 255);
}

function routeUsage(): IpError {
  return new IpError(
    'Usage: ip route { list | flush } SELECTOR\n' +
      '       ip route get ADDRESS [ oif STRING ]\n' +
      '       ip route { add | del | change | append | replace } ROUTE\n' +
      'SELECTOR := [ root PREFIX ] [ match PREFIX ] [ exact PREFIX ]\n' +
      '            [ table TABLE_ID ] [ proto RTPROTO ] [ type TYPE ] [ scope SCOPE ]\n' +
      'ROUTE := [ TYPE ] PREFIX [ via ADDRESS ] [ dev STRING ] [ metric METRIC ]\n' +
      '         [ proto RTPROTO ] [ scope SCOPE ] [ src ADDRESS ] [ onlink ]\n' +
      'TYPE := { unicast | unreachable | prohibit | blackhole }\n' +
      'SCOPE := { host | link | global }\n' +
      'RTPROTO := { kernel | boot | static }\n',
    255,
  );
}
