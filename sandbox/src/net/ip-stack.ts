/**
 * The IPv4 stack of one network namespace (a Mininet host, a Linux router, the lab machine):
 * addresses, the main routing table, ARP, ICMP, UDP sockets and TCP.
 * A namespace with net.ipv4.ip_forward=1 forwards: TTL decremented, ICMP time exceeded at
 * TTL 1, net unreachable with no route, host unreachable when ARP fails (RFC 1812 as Linux does it).
 */
import type { Ipv4, Ipv4Cidr, Mac } from '../wire/addr';
import { broadcastOf, inSubnet, isLoopback, maskOf, networkOf } from '../wire/addr';
import type { EthernetFrame } from '../wire/ethernet';
import type { Ipv4Packet } from '../wire/ipv4';
import { DEFAULT_TTL } from '../wire/ipv4';
import type { Masquerade } from './masquerade';
import type { IcmpMessage } from '../wire/icmp';
import {
  ICMP_DEST_UNREACH, ICMP_ECHO_REPLY, ICMP_ECHO_REQUEST, ICMP_TIME_EXCEEDED,
  UNREACH_ADMIN_PROHIBITED, UNREACH_HOST, UNREACH_NET, UNREACH_PORT,
} from '../wire/icmp';
import type { UdpDatagram } from '../wire/udp';
import type { Intf } from './interface';
import { LATENCY } from './latency';
import type { Network } from './network';
import { Neighbors } from './neighbor';
import type { Route } from './route-table';
import { RouteTable } from './route-table';
import type { FlowKey } from './multipath';
import { flowKeyOf, routeForFlow } from './multipath';
import { TcpLayer } from './tcp';

/** net.ipv4.icmp_ratemask's default: bits for types 3, 4, 11 and 12. */
const ICMP_RATEMASK = 6168;
/** The ICMP error bucket's depth in errors (XRLIM_BURST_FACTOR). */
const ICMP_BURST = 6;
/** Destination unreachable, fragmentation needed: never rate limited (path MTU discovery). */
const UNREACH_FRAG_NEEDED = 4;

export type IcmpListener = (ip: Ipv4Packet, icmp: IcmpMessage) => void;
export type UdpHandler = (ip: Ipv4Packet, udp: UdpDatagram) => void;
/**
 * What sending (or connect()) reports at once: no route (ENETUNREACH), or a route of type
 * unreachable (EHOSTUNREACH), blackhole (EINVAL) or prohibit (EACCES), as fib_props[] says.
 */
export type SendResult = 'ok' | 'ENETUNREACH' | 'EHOSTUNREACH' | 'EINVAL' | 'EACCES';

/** The errno a route of a non-unicast type gives a local sender (fib_props[] in fib_semantics.c). */
export function routeTypeErrno(type: Route['type']): Exclude<SendResult, 'ok' | 'ENETUNREACH'> | undefined {
  if (type === 'unreachable') return 'EHOSTUNREACH';
  if (type === 'blackhole') return 'EINVAL';
  if (type === 'prohibit') return 'EACCES';
  return undefined;
}

export class IpStack {
  readonly routes = new RouteTable();
  readonly neighbors: Neighbors;
  readonly tcp: TcpLayer;
  /**
   * net.ipv4.ip_forward as last written. proc_dointvec keeps any integer, and the kernel
   * forwards when it is not 0.
   */
  ipForward = 0;
  /** net.ipv4.icmp_ratelimit in ms: the minimum spacing of ICMP errors to one host (0: no limit). */
  icmpRatelimitMs = 1000;
  /** A firewall on the forward path (Docker's isolation between bridges): false drops the packet silently. */
  forwardFilter: ((pkt: Ipv4Packet, inIntf: Intf, outIntf: Intf) => boolean) | undefined;
  /** Source NAT on the forward path (Docker's MASQUERADE rules on the lab machine). */
  nat: Masquerade | undefined;
  /**
   * AnyIP: addresses answered as local without being on an interface, as a
   * `ip route add local PREFIX dev lo` route makes Linux do (the emulated internet uses it).
   */
  anyIp: ((ip: Ipv4) => boolean) | undefined;
  /** net.ipv4.ip_default_ttl for packets this namespace originates. */
  defaultTtl = DEFAULT_TTL;
  /** Seed of the multipath hash (net/multipath.ts): which next hop of a multipath route a flow takes. */
  multipathSeed = 0;
  /**
   * net.ipv4.icmp_errors_use_inbound_ifaddr: ICMP errors about forwarded packets come from the
   * address of the interface the packet arrived on (fabrics set it, so traceroute names the
   * link each hop was entered by).
   */
  icmpErrorsUseInboundIfaddr = false;
  /** Told after an interface of this namespace went administratively up or down (a routing daemon listens). */
  adminChanged: ((intf: Intf) => void) | undefined;
  private icmpListeners = new Set<IcmpListener>();
  private udpSockets = new Map<number, UdpHandler>();
  private nextIpId: number;

  constructor(
    readonly net: Network,
    /** The interfaces of this namespace (the owning node's list, shared). */
    readonly intfs: Intf[],
    /** The first IP id; by default drawn from the seeded RNG (nodes outside the lab pass one so as not to shift it). */
    firstIpId?: number,
  ) {
    this.neighbors = new Neighbors(this);
    this.tcp = new TcpLayer(this);
    this.nextIpId = firstIpId ?? net.rng.int(65536);
  }

  /** Does this namespace route packets that are not for it (ip_forward != 0)? */
  get forwarding(): boolean {
    return this.ipForward !== 0;
  }

  set forwarding(on: boolean) {
    this.ipForward = on ? 1 : 0;
  }

  get loopback(): Intf | undefined {
    return this.intfs.find((i) => i.kind === 'loopback');
  }

  private cost(base: number): number {
    return this.net.rng.jitter(base, LATENCY.spread);
  }

  private lastAt = { tx: 0, rx: 0 };

  /**
   * When a packet entering the send or receive path comes out of it: a jittered processing
   * cost, but never before the previous packet on the same path (a stack does not reorder).
   */
  private fifo(path: 'tx' | 'rx', base: number): number {
    const at = Math.max(this.net.sched.now + Math.round(this.cost(base)), this.lastAt[path]);
    this.lastAt[path] = at;
    return at;
  }

  // ---- addresses and interface state -------------------------------------------------

  /** Add an address and, if the interface is up, its connected route (proto kernel scope link). */
  addAddress(intf: Intf, cidr: Ipv4Cidr): boolean {
    if (intf.addrs.some((a) => a.addr === cidr.addr && a.prefixLen === cidr.prefixLen)) return false;
    intf.addrs.push(cidr);
    if (intf.adminUp && intf.kind !== 'loopback') this.addConnectedRoute(intf, cidr);
    return true;
  }

  removeAddress(intf: Intf, cidr: Ipv4Cidr): boolean {
    const i = intf.addrs.findIndex((a) => a.addr === cidr.addr && a.prefixLen === cidr.prefixLen);
    if (i < 0) return false;
    intf.addrs.splice(i, 1);
    this.routes.delete({ dst: networkOf(cidr), prefixLen: cidr.prefixLen, dev: intf });
    // Routes whose gateway is no longer reachable on a connected network go too.
    for (const r of [...this.routes.list()]) {
      if (r.dev === intf && r.via !== undefined && !intf.addrs.some((a) => inSubnet(r.via!, a.addr, a.prefixLen))) {
        this.routes.delete({ dst: r.dst, prefixLen: r.prefixLen, via: r.via, dev: intf });
      }
    }
    return true;
  }

  /** Replace all addresses of an interface (ifconfig h1-eth0 10.0.0.5/8). */
  setAddress(intf: Intf, cidr: Ipv4Cidr): void {
    for (const a of [...intf.addrs]) this.removeAddress(intf, a);
    this.addAddress(intf, cidr);
  }

  private addConnectedRoute(intf: Intf, cidr: Ipv4Cidr): void {
    if (cidr.prefixLen === 32) return;
    this.routes.add({
      dst: networkOf(cidr), prefixLen: cidr.prefixLen, dev: intf, proto: 'kernel', scope: 'link', src: cidr.addr, metric: 0, type: 'unicast',
    });
  }

  /**
   * Set an interface administratively up or down. Going down flushes its routes and
   * neighbours, as the kernel does; coming up restores only the connected routes.
   */
  setAdminState(intf: Intf, up: boolean): void {
    if (intf.adminUp === up) return;
    intf.adminUp = up;
    if (!up) {
      this.routes.flushDev(intf);
      this.neighbors.cache.flushDev(intf);
    } else if (intf.kind !== 'loopback') {
      for (const a of intf.addrs) this.addConnectedRoute(intf, a);
      this.routes.reviveDev(intf);
    }
    intf.peer?.owner.carrierChanged?.(intf.peer);
    this.adminChanged?.(intf);
  }

  /**
   * The single path a packet of flow `k` takes by route `rt`: the route itself, or the next hop a
   * multipath route's hash picks (undefined if none of its next hops is alive).
   */
  pathFor(rt: Route, k: FlowKey): Route | undefined {
    return routeForFlow(rt, k, this.multipathSeed);
  }

  /** Is `ip` one of this namespace's addresses (any interface: Linux's weak host model)? */
  isLocal(ip: Ipv4): boolean {
    if (isLoopback(ip)) return this.loopback?.adminUp ?? false;
    return this.intfs.some((i) => i.adminUp && i.addrs.some((a) => a.addr === ip)) || (this.anyIp?.(ip) ?? false);
  }

  /** Does this interface answer ARP for `ip`? (arp_ignore=0: any local address.) */
  ownsOn(ip: Ipv4, intf: Intf): boolean {
    return intf.adminUp && this.intfs.some((i) => i.addrs.some((a) => a.addr === ip));
  }

  /** Source address for talking to `dst` out of `intf`: one on the same subnet, else the primary. */
  sourceFor(intf: Intf, dst: Ipv4): Ipv4 | undefined {
    const same = intf.addrs.find((a) => inSubnet(dst, a.addr, a.prefixLen));
    if (same) return same.addr;
    if (intf.addrs[0]) return intf.addrs[0].addr;
    for (const i of this.intfs) if (i.kind !== 'loopback' && i.addrs[0]) return i.addrs[0].addr;
    return undefined;
  }

  /** The route and source address a packet to `dst` would use (ip route get). */
  routeTo(dst: Ipv4): { route: Route; src: Ipv4 } | { local: true; src: Ipv4 } | undefined {
    if (this.isLocal(dst)) return { local: true, src: isLoopback(dst) ? dst : dst };
    const found = this.routes.lookup(dst);
    const route = found && this.pathFor(found, { src: 0, dst, proto: 0, sport: 0, dport: 0 });
    if (!route || route.type !== 'unicast' || !route.dev) return undefined;
    const src = route.src ?? this.sourceFor(route.dev, route.via ?? dst);
    if (src === undefined) return undefined;
    return { route, src };
  }

  /**
   * What connect() of a datagram socket to `dst` reports (ip_route_output_key): 'ok', or the
   * errno for no route, or for a route of type unreachable, blackhole or prohibit.
   */
  connectResult(dst: Ipv4): SendResult {
    if (this.isLocal(dst)) return 'ok';
    const route = this.routes.lookup(dst);
    if (!route) return 'ENETUNREACH';
    const refused = routeTypeErrno(route.type);
    if (refused) return refused;
    return this.routeTo(dst) ? 'ok' : 'ENETUNREACH';
  }

  allocIpId(): number {
    this.nextIpId = (this.nextIpId + 1) & 0xffff;
    return this.nextIpId;
  }

  // ---- sending -----------------------------------------------------------------------

  /**
   * Send a locally originated packet. `src` 0 means "choose". Returns ENETUNREACH at once
   * when there is no route, as connect()/sendto() do.
   */
  send(partial: Omit<Ipv4Packet, 'proto' | 'id' | 'ttl' | 'tos' | 'src'> & { src?: Ipv4; ttl?: number; tos?: number }): SendResult {
    const dst = partial.dst;
    if (this.isLocal(dst)) {
      const pkt: Ipv4Packet = {
        proto: 'ipv4', src: partial.src ?? dst, dst, ttl: partial.ttl ?? this.defaultTtl, tos: partial.tos ?? 0, id: this.allocIpId(), payload: partial.payload,
      };
      this.deliverLoopback(pkt);
      return 'ok';
    }
    const found = this.routes.lookup(dst);
    if (!found) return 'ENETUNREACH';
    const refused = routeTypeErrno(found.type);
    if (refused) return refused;
    // ip_route_output: the hash of an unbound socket's flow sees source address 0.
    const rt = this.pathFor(found, flowKeyOf({ src: partial.src ?? 0, dst, payload: partial.payload }));
    if (!rt?.dev) return 'ENETUNREACH';
    const src = partial.src ?? rt.src ?? this.sourceFor(rt.dev, rt.via ?? dst);
    if (src === undefined) return 'ENETUNREACH';
    const pkt: Ipv4Packet = {
      proto: 'ipv4', src, dst, ttl: partial.ttl ?? this.defaultTtl, tos: partial.tos ?? 0, id: this.allocIpId(), payload: partial.payload,
    };
    this.net.sched.at(this.fifo('tx', LATENCY.hostStack), () => this.output(pkt, rt));
    return 'ok';
  }

  private deliverLoopback(pkt: Ipv4Packet): void {
    const lo = this.loopback;
    this.net.sched.after(this.cost(LATENCY.loopback), () => {
      if (lo) {
        lo.stats.txPackets++;
        lo.stats.rxPackets++;
        const size = 20 + (pkt.payload.proto === 'icmp' ? 64 : 40);
        lo.stats.txBytes += size;
        lo.stats.rxBytes += size;
        // A capture on lo (tcpdump -i lo) sees each packet once: libpcap drops lo's outgoing copy.
        if (lo.captures.size) {
          const frame: EthernetFrame = { src: '00:00:00:00:00:00', dst: '00:00:00:00:00:00', payload: pkt };
          for (const c of lo.captures) c(frame, 'in', lo);
        }
      }
      this.deliverLocal(pkt, lo);
    });
  }

  /** Route a packet out (used for both local and forwarded traffic). */
  private output(pkt: Ipv4Packet, rt: Route): void {
    const dev = rt.dev!;
    if (!dev.adminUp) return;
    const dst = pkt.dst;
    // Broadcast on the connected subnet goes straight to ff:ff:ff:ff:ff:ff.
    if (dev.addrs.some((a) => a.prefixLen < 31 && broadcastOf(a) === dst) || dst === 0xffffffff) {
      this.sendFrame(dev, 'ff:ff:ff:ff:ff:ff', pkt);
      return;
    }
    const nextHop = rt.via ?? dst;
    this.neighbors.output(nextHop, dev, { packet: pkt });
  }

  /** Wrap a packet in Ethernet and transmit it. */
  sendFrame(intf: Intf, dstMac: Mac, pkt: Ipv4Packet): void {
    this.transmit(intf, { src: intf.mac, dst: dstMac, payload: pkt });
  }

  transmit(intf: Intf, frame: EthernetFrame): void {
    if (!intf.link) {
      intf.stats.txDropped++;
      return;
    }
    intf.link.transmit(intf, frame);
  }

  // ---- receiving ---------------------------------------------------------------------

  /** A frame arrived on one of this namespace's interfaces. */
  receive(frame: EthernetFrame, intf: Intf): void {
    if (!intf.adminUp) return;
    const d = frame.dst;
    if (d !== intf.mac && d !== 'ff:ff:ff:ff:ff:ff' && (parseInt(d.slice(0, 2), 16) & 1) === 0) {
      return; // not for us, and not promiscuous
    }
    const p = frame.payload;
    // An ARP request for someone else is dropped by the driver path at once (no work to model).
    if (p.proto === 'arp' && p.op === 1 && !this.ownsOn(p.tpa, intf)) return;
    this.net.sched.at(this.fifo('rx', LATENCY.hostStack), () => {
      if (p.proto === 'arp') this.neighbors.receive(p, intf);
      else if (p.proto === 'ipv4') this.receiveIp(p, intf);
    });
  }

  private receiveIp(received: Ipv4Packet, intf: Intf): void {
    const pkt = this.nat ? this.nat.prerouting(received) : received;
    const isBcast = pkt.dst === 0xffffffff || intf.addrs.some((a) => broadcastOf(a) === pkt.dst);
    if (this.isLocal(pkt.dst) || isBcast) {
      this.deliverLocal(pkt, intf);
      return;
    }
    if (!this.forwarding) return; // Linux silently drops packets not for it when not routing
    this.forward(pkt, intf);
  }

  private forward(pkt: Ipv4Packet, inIntf: Intf): void {
    // The route lookup (ip_route_input) comes before ip_forward's TTL check: an unroutable
    // packet gets net unreachable even with TTL 1. ip_error() answers by the route's errno:
    // no route: net unreachable; `unreachable`: host unreachable; `prohibit`: communication
    // administratively prohibited (code 13); `blackhole`: nothing.
    const found = this.routes.lookup(pkt.dst);
    const rt = found && this.pathFor(found, flowKeyOf(pkt));
    if (!rt || (rt.type === 'unicast' && !rt.dev)) {
      this.sendIcmpError(pkt, ICMP_DEST_UNREACH, UNREACH_NET, inIntf);
      return;
    }
    if (rt.type !== 'unicast') {
      if (rt.type === 'unreachable') this.sendIcmpError(pkt, ICMP_DEST_UNREACH, UNREACH_HOST, inIntf);
      else if (rt.type === 'prohibit') this.sendIcmpError(pkt, ICMP_DEST_UNREACH, UNREACH_ADMIN_PROHIBITED, inIntf);
      return;
    }
    if (pkt.ttl <= 1) {
      this.sendIcmpError(pkt, ICMP_TIME_EXCEEDED, 0, inIntf);
      return;
    }
    if (this.forwardFilter && rt.dev && !this.forwardFilter(pkt, inIntf, rt.dev)) return;
    const out: Ipv4Packet = { ...pkt, ttl: pkt.ttl - 1 };
    this.output(this.nat ? this.nat.postrouting(out, rt.dev!) : out, rt);
  }

  /** ARP for a packet's next hop failed. */
  neighborUnreachable(pkt: Ipv4Packet): void {
    if (this.isLocal(pkt.src)) {
      // Reported to the sending socket as if from our own address (iputils prints "From <own ip>").
      const err: IcmpMessage = { proto: 'icmp', type: ICMP_DEST_UNREACH, code: UNREACH_HOST, original: pkt };
      const fake: Ipv4Packet = { proto: 'ipv4', src: pkt.src, dst: pkt.src, ttl: this.defaultTtl, tos: 0, id: 0, payload: err };
      for (const l of [...this.icmpListeners]) l(fake, err);
      this.tcp.hostUnreachable(pkt);
      return;
    }
    this.sendIcmpError(pkt, ICMP_DEST_UNREACH, UNREACH_HOST);
  }

  /** Send an ICMP error about `orig` back to its source (never about an ICMP error or broadcast). */
  sendIcmpError(orig: Ipv4Packet, type: number, code: number, inIntf?: Intf): void {
    if (orig.payload.proto === 'icmp' && orig.payload.type !== ICMP_ECHO_REQUEST && orig.payload.type !== ICMP_ECHO_REPLY) return;
    if (orig.dst === 0xffffffff) return;
    const msg = { proto: 'icmp', type, code, original: orig } as IcmpMessage;
    if (this.isLocal(orig.src)) {
      // About our own packet to ourselves (traceroute 127.0.0.1): back over loopback.
      this.send({ src: orig.dst, dst: orig.src, tos: 0xc0, payload: msg });
      return;
    }
    const found = this.routes.lookup(orig.src);
    const rt = found && this.pathFor(found, flowKeyOf(orig));
    if (!rt || !rt.dev) return;
    // icmp_send(): about a packet addressed to us (port unreachable), the error comes from the
    // address it was sent to; about one we forward, from the address that routes back to its
    // sender, or with icmp_errors_use_inbound_ifaddr from the interface it came in by.
    const inbound = this.icmpErrorsUseInboundIfaddr && inIntf ? this.inboundAddress(inIntf, orig.src) : undefined;
    const src = this.isLocal(orig.dst) ? orig.dst : inbound ?? rt.src ?? this.sourceFor(rt.dev, orig.src);
    if (src === undefined) return;
    if (!this.icmpRateAllows(type, code, orig.src)) return;
    const pkt: Ipv4Packet = { proto: 'ipv4', src, dst: orig.src, ttl: this.defaultTtl, tos: 0xc0, id: this.allocIpId(), payload: msg };
    this.output(pkt, rt);
  }

  /** inet_select_addr(dev, dst, RT_SCOPE_LINK): the interface's address on dst's subnet, else its first. */
  private inboundAddress(intf: Intf, dst: Ipv4): Ipv4 | undefined {
    return (intf.addrs.find((a) => inSubnet(dst, a.addr, a.prefixLen)) ?? intf.addrs[0])?.addr;
  }

  /** Per destination: the ICMP error token bucket (icmpv4_xrlim_allow's inet_peer), µs. */
  private icmpPeers = new Map<Ipv4, { tokens: number; last: number }>();

  /**
   * Linux's ICMP error rate limit (net.ipv4.icmp_ratelimit, 1000 ms by default; icmp_ratemask 6168:
   * destination unreachable except "fragmentation needed", source quench, time exceeded,
   * parameter problem): per destination a token bucket that starts full, holds 6 errors
   * (XRLIM_BURST_FACTOR) and gains one per icmp_ratelimit (a second). So a traceroute right after
   * another loses answers, as on Linux. Errors back over loopback are not limited.
   */
  private icmpRateAllows(type: number, code: number, dst: Ipv4): boolean {
    if (!((ICMP_RATEMASK >> type) & 1) || (type === ICMP_DEST_UNREACH && code === UNREACH_FRAG_NEEDED)) return true;
    const cost = this.icmpRatelimitMs * 1000;
    const now = this.net.sched.now;
    const peer = this.icmpPeers.get(dst) ?? { tokens: 0, last: now - 60_000_000 };
    this.icmpPeers.set(dst, peer);
    let tokens = Math.min(peer.tokens + (now - peer.last), ICMP_BURST * cost);
    peer.last = now;
    const allowed = tokens >= cost;
    if (allowed) tokens -= cost;
    peer.tokens = tokens;
    return allowed;
  }

  private deliverLocal(pkt: Ipv4Packet, intf: Intf | undefined): void {
    const pl = pkt.payload;
    switch (pl.proto) {
      case 'icmp':
        if (pl.type === ICMP_ECHO_REQUEST) {
          const reply: IcmpMessage = { ...pl, type: ICMP_ECHO_REPLY };
          this.send({ src: pkt.dst, dst: pkt.src, payload: reply });
        }
        for (const l of [...this.icmpListeners]) l(pkt, pl);
        if (pl.type === ICMP_DEST_UNREACH || pl.type === ICMP_TIME_EXCEEDED) this.tcp.icmpError(pkt, pl);
        return;
      case 'udp': {
        const h = this.udpSockets.get(pl.dport);
        if (h) h(pkt, pl);
        else if (intf && !this.isBroadcastFor(pkt.dst)) this.sendIcmpError(pkt, ICMP_DEST_UNREACH, UNREACH_PORT);
        for (const l of [...this.udpTaps]) l(pkt, pl);
        return;
      }
      case 'tcp':
        this.tcp.receive(pkt, pl);
        return;
    }
  }

  private isBroadcastFor(ip: Ipv4): boolean {
    return ip === 0xffffffff || this.intfs.some((i) => i.addrs.some((a) => broadcastOf(a) === ip));
  }

  // ---- sockets -----------------------------------------------------------------------

  /** Listen to every ICMP message delivered here (a raw ICMP socket, as ping opens). */
  onIcmp(l: IcmpListener): () => void {
    this.icmpListeners.add(l);
    return () => this.icmpListeners.delete(l);
  }

  private udpTaps = new Set<UdpHandler>();

  /** Bind a UDP port; false if it is taken (EADDRINUSE). */
  bindUdp(port: number, h: UdpHandler): boolean {
    if (this.udpSockets.has(port)) return false;
    this.udpSockets.set(port, h);
    return true;
  }

  unbindUdp(port: number): void {
    this.udpSockets.delete(port);
  }

  /** Observe UDP datagrams delivered here even when no socket is bound (traceroute). */
  onUdpDelivered(h: UdpHandler): () => void {
    this.udpTaps.add(h);
    return () => this.udpTaps.delete(h);
  }

  sendUdp(dst: Ipv4, sport: number, dport: number, length: number, opts: { ttl?: number; data?: unknown } = {}): SendResult {
    const udp: UdpDatagram = { proto: 'udp', sport, dport, length, data: opts.data };
    return this.send({ dst, payload: udp, ttl: opts.ttl });
  }

  /** Network address helpers for commands. */
  static connectedNetwork(c: Ipv4Cidr): { net: Ipv4; mask: Ipv4 } {
    return { net: networkOf(c), mask: maskOf(c.prefixLen) };
  }
}
