/**
 * An IPv4 routing table (Linux main table) with longest-prefix match.
 * Semantics follow iproute2: connected routes are `proto kernel scope link` with a
 * preferred source; static routes are `proto boot` (from `ip route add`) or `proto static`;
 * routes a routing daemon installs carry its protocol (`proto ospf`, as FRR's zebra does).
 * Ties on prefix length go to the lowest metric, then to the route added first.
 *
 * Multipath: a route may hold several next hops (RTA_MULTIPATH, `ip route` prints them as
 * `nexthop via X dev Y weight 1` lines). Its `via`/`dev` are then those of its first live next
 * hop, which is what /proc/net/route (`route -n`) shows for it. Choosing among the next hops
 * per flow is the IP stack's business (net/multipath.ts). When a device goes down the kernel
 * marks the next hops through it dead (fib_sync_down_dev: RTNH_F_DEAD) and removes a route only
 * when none is left alive; when it comes back up they revive (fib_sync_up).
 *
 * Lookups use an index of the host (/32) routes, rebuilt after changes, so a table holding a
 * fabric's thousand host routes still answers in constant time.
 */
import type { Ipv4 } from '../wire/addr';
import { inSubnet, maskOf } from '../wire/addr';
import type { Intf } from './interface';

export type RouteProto = 'kernel' | 'boot' | 'static' | 'ospf';
export type RouteScope = 'link' | 'global' | 'host';
export type RouteType = 'unicast' | 'unreachable' | 'blackhole' | 'prohibit';

/** One next hop of a multipath route (struct rtnexthop). */
export interface Nexthop {
  readonly via?: Ipv4;
  readonly dev: Intf;
  /** rtnh_hops + 1, as `ip route` prints it. */
  readonly weight: number;
  /** RTNH_F_DEAD: its device went down; lookups skip it until the device comes back up. */
  readonly dead?: boolean;
}

export interface Route {
  readonly dst: Ipv4;
  readonly prefixLen: number;
  readonly via?: Ipv4;
  readonly dev?: Intf;
  readonly proto: RouteProto;
  readonly scope: RouteScope;
  readonly src?: Ipv4;
  readonly metric: number;
  readonly type: RouteType;
  /** Two or more next hops: an equal-cost multipath route (via/dev repeat the first live one). */
  readonly nexthops?: readonly Nexthop[];
}

/** A route with several next hops, its via/dev taken from the first live one. */
export function multipathRoute(base: Omit<Route, 'via' | 'dev' | 'nexthops'>, nexthops: readonly Nexthop[]): Route {
  if (nexthops.length === 1) {
    const nh = nexthops[0]!;
    return { ...base, via: nh.via, dev: nh.dev };
  }
  const first = nexthops.find((n) => !n.dead) ?? nexthops[0]!;
  return { ...base, via: first.via, dev: first.dev, nexthops };
}

/** The next hops a lookup may use: all of a multipath route's live ones, or the route itself. */
export function liveNexthops(r: Route): readonly Nexthop[] {
  if (r.nexthops) return r.nexthops.filter((n) => !n.dead);
  return r.dev ? [{ via: r.via, dev: r.dev, weight: 1 }] : [];
}

export class RouteTable {
  private routes: Route[] = [];
  /** Host routes by destination, in table order; undefined until the next lookup rebuilds it. */
  private hostIndex: Map<Ipv4, Route[]> | undefined;
  /** The routes shorter than /32, in table order (rebuilt with hostIndex). */
  private shorter: Route[] = [];

  list(): readonly Route[] {
    return this.routes;
  }

  private changed(): void {
    this.hostIndex = undefined;
  }

  /** Add a route; false if an identical destination/metric already exists (RTNETLINK "File exists"). */
  add(r: Route): boolean {
    return this.insert(r, 'exclusive');
  }

  /**
   * Add a route as fib_table_insert() does for the request's flags:
   * - 'exclusive' (NLM_F_EXCL: `ip route add`): fails if any route has the same destination and metric;
   * - 'prepend' (no flag: the SIOCADDRT ioctl of `route add`, `ip route prepend`) and
   *   'append' (NLM_F_APPEND: `ip route append`): fail only on an exact duplicate (same type,
   *   gateway, device, source, protocol and scope); otherwise the route goes before (prepend)
   *   or after (append) the others with the same destination and metric. Lookups use the first.
   */
  insert(r: Route, mode: 'exclusive' | 'prepend' | 'append'): boolean {
    const dst = (r.dst & maskOf(r.prefixLen)) >>> 0;
    const route: Route = { ...r, dst };
    const same = (x: Route) => x.dst === dst && x.prefixLen === r.prefixLen && x.metric === r.metric;
    const first = this.routes.findIndex(same);
    if (first >= 0) {
      if (mode === 'exclusive') return false;
      if (this.routes.some((x) => same(x) && sameRoute(x, route))) return false;
      if (mode === 'prepend') {
        this.routes.splice(first, 0, route);
        this.changed();
        return true;
      }
    }
    this.routes.push(route);
    this.changed();
    return true;
  }

  /** Replace the route with the same destination and metric, or add it. */
  replace(r: Route): void {
    const dst = (r.dst & maskOf(r.prefixLen)) >>> 0;
    this.routes = this.routes.filter((x) => !(x.dst === dst && x.prefixLen === r.prefixLen && x.metric === r.metric));
    this.routes.push({ ...r, dst });
    this.changed();
  }

  /**
   * Swap every route `owned` selects for `fresh` in one step, as a routing daemon replaces what it
   * installed after a recomputation. The caller guarantees `fresh` has no duplicates and masked
   * destinations; the other routes keep their order, the fresh ones follow them.
   */
  replaceAll(owned: (r: Route) => boolean, fresh: readonly Route[]): void {
    this.routes = this.routes.filter((r) => !owned(r));
    for (const r of fresh) this.routes.push(r);
    this.changed();
  }

  /**
   * Delete the first route matching the given fields; returns it, or undefined ("No such process").
   * Unspecified fields match anything, as `ip route del` does.
   */
  delete(q: { dst: Ipv4; prefixLen: number; via?: Ipv4; dev?: Intf; metric?: number }): Route | undefined {
    const dst = (q.dst & maskOf(q.prefixLen)) >>> 0;
    const i = this.routes.findIndex(
      (x) =>
        x.dst === dst &&
        x.prefixLen === q.prefixLen &&
        (q.via === undefined || x.via === q.via) &&
        (q.dev === undefined || x.dev === q.dev) &&
        (q.metric === undefined || x.metric === q.metric),
    );
    if (i < 0) return undefined;
    this.changed();
    return this.routes.splice(i, 1)[0];
  }

  /**
   * The device went down (fib_sync_down_dev): single-path routes through it go; in a multipath
   * route its next hops are marked dead, and the route goes only when all of them are.
   */
  flushDev(dev: Intf): void {
    const kept: Route[] = [];
    for (const r of this.routes) {
      if (!r.nexthops) {
        if (r.dev !== dev) kept.push(r);
        continue;
      }
      if (!r.nexthops.some((n) => n.dev === dev && !n.dead)) {
        kept.push(r);
        continue;
      }
      const nexthops = r.nexthops.map((n) => (n.dev === dev ? { ...n, dead: true } : n));
      if (nexthops.some((n) => !n.dead)) kept.push(multipathRoute(r, nexthops));
    }
    this.routes = kept;
    this.changed();
  }

  /** The device came back up (fib_sync_up): next hops through it live again. */
  reviveDev(dev: Intf): void {
    let any = false;
    this.routes = this.routes.map((r) => {
      if (!r.nexthops?.some((n) => n.dev === dev && n.dead)) return r;
      any = true;
      return multipathRoute(r, r.nexthops.map((n) => (n.dev === dev ? { via: n.via, dev: n.dev, weight: n.weight } : n)));
    });
    if (any) this.changed();
  }

  private index(): Map<Ipv4, Route[]> {
    if (this.hostIndex) return this.hostIndex;
    const idx = new Map<Ipv4, Route[]>();
    const shorter: Route[] = [];
    for (const r of this.routes) {
      if (r.prefixLen !== 32) {
        shorter.push(r);
        continue;
      }
      const list = idx.get(r.dst);
      if (list) list.push(r);
      else idx.set(r.dst, [r]);
    }
    this.hostIndex = idx;
    this.shorter = shorter;
    return idx;
  }

  /** Longest-prefix match. */
  lookup(ip: Ipv4): Route | undefined {
    const hosts = this.index().get(ip >>> 0);
    if (hosts) return lowestMetric(hosts);
    let best: Route | undefined;
    for (const r of this.shorter) {
      if (!inSubnet(ip, r.dst, r.prefixLen)) continue;
      if (!best || r.prefixLen > best.prefixLen || (r.prefixLen === best.prefixLen && r.metric < best.metric)) best = r;
    }
    return best;
  }

  /** Routes sorted as /proc/net/route lists them (what `route -n` prints): by destination. */
  sortedForProc(): Route[] {
    return [...this.routes].sort((a, b) => a.dst - b.dst || b.prefixLen - a.prefixLen || a.metric - b.metric);
  }

  /** Routes in the order `ip route` prints them: default first, then by destination. */
  sortedForIproute(): Route[] {
    return [...this.routes].sort((a, b) => {
      if (a.prefixLen === 0 && b.prefixLen !== 0) return -1;
      if (b.prefixLen === 0 && a.prefixLen !== 0) return 1;
      return a.dst - b.dst || b.prefixLen - a.prefixLen || a.metric - b.metric;
    });
  }
}

function lowestMetric(list: readonly Route[]): Route {
  let best = list[0]!;
  for (const r of list) if (r.metric < best.metric) best = r;
  return best;
}

/** The same route in every field the kernel compares for a duplicate (fib_info and type). */
function sameRoute(a: Route, b: Route): boolean {
  return a.type === b.type && a.via === b.via && a.dev === b.dev && a.src === b.src && a.proto === b.proto && a.scope === b.scope;
}
