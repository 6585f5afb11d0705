/**
 * An IPv4 routing table (Linux main table) with longest-prefix match.
 * Semantics follow iproute2: connected routes are `proto kernel scope link` with a
 * preferred source; static routes are `proto boot` (from `ip route add`) or `proto static`.
 * Ties on prefix length go to the lowest metric, then to the route added first.
 */
import type { Ipv4 } from '../wire/addr';
import { inSubnet, maskOf } from '../wire/addr';
import type { Intf } from './interface';

export type RouteProto = 'kernel' | 'boot' | 'static';
export type RouteScope = 'link' | 'global' | 'host';
export type RouteType = 'unicast' | 'unreachable' | 'blackhole' | 'prohibit';

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
}

export class RouteTable {
  private routes: Route[] = [];

  list(): readonly Route[] {
    return this.routes;
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
        return true;
      }
    }
    this.routes.push(route);
    return true;
  }

  /** Replace the route with the same destination and metric, or add it. */
  replace(r: Route): void {
    const dst = (r.dst & maskOf(r.prefixLen)) >>> 0;
    this.routes = this.routes.filter((x) => !(x.dst === dst && x.prefixLen === r.prefixLen && x.metric === r.metric));
    this.routes.push({ ...r, dst });
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
    return this.routes.splice(i, 1)[0];
  }

  /** Remove every route through an interface (the kernel does this when it goes down). */
  flushDev(dev: Intf): void {
    this.routes = this.routes.filter((r) => r.dev !== dev);
  }

  /** Longest-prefix match. */
  lookup(ip: Ipv4): Route | undefined {
    let best: Route | undefined;
    for (const r of this.routes) {
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

/** The same route in every field the kernel compares for a duplicate (fib_info and type). */
function sameRoute(a: Route, b: Route): boolean {
  return a.type === b.type && a.via === b.via && a.dev === b.dev && a.src === b.src && a.proto === b.proto && a.scope === b.scope;
}
