/**
 * The bulk-transfer model behind iperf: instead of simulating every segment of a multi-gigabyte
 * transfer, find the path the traffic takes and compute what TCP (or a paced UDP sender) gets
 * out of it. The handshake and the control datagrams still cross the emulated network; only the
 * bulk bytes are computed here.
 *
 * Path: the one the flow's packets take. Each router (the sender, a Linux router, a fabric
 * switch) looks the destination up in its routing table and, on a multipath route, takes the next
 * hop its hash picks for the flow's 5-tuple (net/multipath.ts), exactly as it forwards packets;
 * across a layer-2 segment the frames go breadth-first through running bridges (never through a
 * port STP blocks) to the node that answers ARP for the next hop (it owns the address, or a
 * fabric switch answers for it). Links must be up (both ends administratively up, cable up).
 * Concurrent transfers share the shaped links they cross (net/bulk-flows.ts).
 *
 * Rates (every constant below names its source):
 *  - A TCLink with `bw` is an HTB class (reference/mininet.md §6, TCLink row): it meters whole
 *    Ethernet frames, so TCP goodput is bw × 1448/1514 (MSS 1448 with timestamps in a
 *    1514-byte frame: 1448 + 32 TCP + 20 IP + 14 Ethernet), e.g. bw=10 → 9.56 Mbit/s.
 *  - Default links are veth pairs through the kernel OVS datapath: CPU-bound, several to tens of
 *    Gbit/s (reference/mininet.md §2.3 "Typical iperf result values", §6 default links row).
 *  - TCP is also capped by the receive window over the round trip (Linux tcp_rmem max 6 MB) and,
 *    with netem loss, by the Mathis et al. formula rate = MSS/RTT × sqrt(3/2)/sqrt(p).
 *  - The client counts bytes it wrote, the server bytes it read: the difference is what sits in
 *    the bottleneck queue when the client stops (netem limit / max_queue_size, default 1000
 *    packets of 1514 bytes, at most the 4 MB tcp_wmem maximum). With bw=10 over 5 s this gives
 *    the reference's ['9.50 Mbits/sec', '12.0 Mbits/sec'] (§2.3).
 *  - UDP: received = min(offered, bottleneck goodput) × (1 − loss).
 */
import type { Rng } from '../sim/rng';
import type { Micros } from '../sim/time';
import type { Ipv4 } from '../wire/addr';
import { Host } from '../devices/host';
import { OvsSwitch } from '../devices/ovs-switch';
import { FabricSwitch } from '../devices/fabric-switch';
import type { FlowKey } from './multipath';
import type { Intf } from './interface';
import { LATENCY } from './latency';
import { MSS } from './tcp';

/** One link crossed by the data: sent out of `egress`, received on `ingress` (its peer). */
export interface PathHop {
  readonly egress: Intf;
  readonly ingress: Intf;
}

export interface FlowPath {
  readonly hops: readonly PathHop[];
  /** The host that receives the traffic. */
  readonly dest: Host;
  /** Switches crossed (OVS bridges, Linux bridges). */
  readonly switches: number;
  /** Hosts crossed that forward (Linux routers). */
  readonly routers: number;
}

/** The Ethernet frame carrying one full-sized TCP segment: 1448 + 32 + 20 + 14. */
export const TCP_FRAME = 1514;
/** IPv4 + UDP + Ethernet headers around a UDP payload. */
export const UDP_OVERHEAD = 8 + 20 + 14;
/** Linux net.ipv4.tcp_rmem maximum: the largest window autotuning grows to. */
export const MAX_WINDOW_BYTES = 6 * 1024 * 1024;
/** Linux net.ipv4.tcp_wmem maximum: the most a sender can have buffered. */
export const MAX_SNDBUF_BYTES = 4 * 1024 * 1024;
/** netem's default limit (packets), which Mininet's max_queue_size replaces; also txqueuelen. */
export const DEFAULT_QUEUE_PACKETS = 1000;
/** Initial congestion window, segments (RFC 6928, Linux default). */
export const INITIAL_CWND = 10;
/**
 * CPU-bound TCP over one veth pair and one kernel OVS switch (bit/s): the middle of the
 * reference's transcripts (19.6–26.4 Gbit/s, §2.3 and §2.5).
 */
export const CPU_TCP_BPS = 24e9;
/**
 * Each further switch costs another datapath pass and veth crossing. Our estimate: it keeps a
 * linear,4 path (three extra switches) above 10 Gbit/s, inside the reference's range.
 */
export const PER_SWITCH_FACTOR = 0.85;
/** A Linux router forwards in software (a full IP stack pass): our estimate, below a switch. */
export const PER_ROUTER_FACTOR = 0.7;
/** Loopback (client and server in one namespace) skips veth and switch: our estimate. */
export const LOOPBACK_FACTOR = 1.5;
/** Seeded spread of CPU-bound rates from run to run (±8%, the spread of the §2.3 transcripts). */
export const CPU_SPREAD = 0.08;
/**
 * iperf2's UDP sender is bound by one system call per 1470-byte datagram long before veth is:
 * our estimate of about 2 Gbit/s (a -b above that is not reached).
 */
export const CPU_UDP_BPS = 2e9;

/** The fields of a flow the path depends on: the destination, and what the multipath hash reads. */
export type PathKey = Pick<FlowKey, 'dst'> & Partial<FlowKey>;

/** The most routers a path may cross (a routing loop ends there, as TTL 64 would end it). */
const MAX_ROUTED_HOPS = 64;

/**
 * The path a flow from `from` to `key.dst` takes, hop by hop as the routers forward it.
 * Undefined when a router has no route, or no working link reaches the next hop.
 */
export function findPath(from: Host, key: PathKey): FlowPath | undefined {
  const dst = key.dst;
  if (from.stack.isLocal(dst)) return { hops: [], dest: from, switches: 0, routers: 0 };
  const hops: PathHop[] = [];
  let switches = 0;
  let routers = 0;
  let node = from;
  for (let n = 0; n < MAX_ROUTED_HOPS; n++) {
    const found = node.stack.routes.lookup(dst);
    if (!found || found.type !== 'unicast') return undefined;
    const src = key.src ?? (found.dev ? node.stack.sourceFor(found.dev, found.via ?? dst) : undefined) ?? 0;
    const rt = node.stack.pathFor(found, { src, dst, proto: key.proto ?? 0, sport: key.sport ?? 0, dport: key.dport ?? 0 });
    if (!rt?.dev || !rt.dev.adminUp) return undefined;
    const seg = crossSegment(rt.dev, rt.via ?? dst);
    if (!seg) return undefined;
    hops.push(...seg.hops);
    switches += seg.switches;
    if (seg.to.stack.isLocal(dst)) return { hops, dest: seg.to, switches, routers };
    if (!seg.to.stack.forwarding) return undefined;
    routers++;
    node = seg.to;
  }
  return undefined;
}

/**
 * From `egress` across its layer-2 segment (breadth-first through running bridges, never through a
 * port STP blocks) to the node that takes frames for `nextHop`: the one that owns it, or a fabric
 * switch answering for it. Lesson checks walk routed paths with it too (lessons/fabric-checks.ts).
 */
export function crossSegment(egress: Intf, nextHop: Ipv4): { hops: PathHop[]; switches: number; to: Host } | undefined {
  const takes = (h: Host, ingress: Intf): boolean => {
    if (h.stack.ownsOn(nextHop, ingress)) return true;
    const spa = egress.addrs[0]?.addr ?? 0;
    return h instanceof FabricSwitch && h.running && h.proxiesFor({ spa, tpa: nextHop }, ingress);
  };
  // Each interface is entered at most once.
  const entered = new Set<Intf>();
  let frontier: Array<{ out: Intf; hops: PathHop[]; switches: number }> = [{ out: egress, hops: [], switches: 0 }];
  while (frontier.length > 0) {
    const next: typeof frontier = [];
    for (const { out, hops, switches } of frontier) {
      const ingress = out.peer;
      if (!ingress || !linkUsable(out) || entered.has(ingress)) continue;
      entered.add(ingress);
      const owner = ingress.owner;
      const path = [...hops, { egress: out, ingress }];
      if (owner instanceof Host) {
        if (takes(owner, ingress)) return { hops: path, switches, to: owner };
      } else if (owner instanceof OvsSwitch) {
        const no = owner.portNo(ingress);
        if (!owner.running || no === undefined || owner.blockedPorts.has(no)) continue;
        for (const p of owner.ports()) {
          if (p.intf !== ingress && !owner.blockedPorts.has(p.no)) next.push({ out: p.intf, hops: path, switches: switches + 1 });
        }
      }
    }
    frontier = next;
  }
  return undefined;
}

function linkUsable(i: Intf): boolean {
  const peer = i.peer;
  return i.adminUp && peer !== undefined && peer.adminUp && (i.link?.up ?? false);
}

/** What a path offers a transfer: its bottleneck, delays and losses. */
export interface PathSummary {
  /** The smallest HTB rate on the data's egress interfaces (Mbit/s), if any. */
  readonly bottleneckMbit: number | undefined;
  /** The interface holding that bottleneck (its queue fills). */
  readonly bottleneck: Intf | undefined;
  /** Round trip without queueing: netem delays both ways plus the stacks and datapaths. */
  readonly rttUs: Micros;
  /** Probability that a data packet is lost on the way (netem loss on the egress interfaces). */
  readonly lossForward: number;
  /** Sum of netem jitter on the way (µs). */
  readonly jitterUs: Micros;
  readonly switches: number;
  readonly routers: number;
  readonly loopback: boolean;
}

export function summarize(path: Pick<FlowPath, 'hops' | 'switches' | 'routers'>): PathSummary {
  let bottleneckMbit: number | undefined;
  let bottleneck: Intf | undefined;
  let delay = 0;
  let keep = 1;
  let jitter = 0;
  for (const { egress, ingress } of path.hops) {
    const tc = egress.tc;
    if (tc?.bw !== undefined && tc.bw > 0 && (bottleneckMbit === undefined || tc.bw < bottleneckMbit)) {
      bottleneckMbit = tc.bw;
      bottleneck = egress;
    }
    delay += (tc?.delay ?? 0) + (ingress.tc?.delay ?? 0);
    keep *= 1 - Math.min(100, Math.max(0, tc?.loss ?? 0)) / 100;
    jitter += tc?.jitter ?? 0;
  }
  // Processing both ways: two stack passes per host end, one per router pass each way,
  // a veth per link and a datapath hit per switch (net/latency.ts).
  const links = path.hops.length;
  const oneWay = 2 * LATENCY.hostStack + links * LATENCY.veth + path.switches * LATENCY.datapathHit + path.routers * 2 * LATENCY.hostStack;
  const base = links === 0 ? 2 * LATENCY.loopback : 2 * oneWay;
  return {
    bottleneckMbit, bottleneck, rttUs: delay + base, lossForward: 1 - keep, jitterUs: jitter,
    switches: path.switches, routers: path.routers, loopback: links === 0,
  };
}

/** The CPU-bound rate of a path without shaping (bit/s), with the run's seeded spread. */
export function cpuRate(s: PathSummary, rng: Rng, base = CPU_TCP_BPS): number {
  let r = base;
  if (s.loopback) r *= LOOPBACK_FACTOR;
  r *= PER_SWITCH_FACTOR ** Math.max(0, s.switches - 1);
  r *= PER_ROUTER_FACTOR ** s.routers;
  return rng.jitter(r, CPU_SPREAD);
}

export type TcpLimit = 'link' | 'window' | 'loss' | 'cpu' | 'rate';

export interface TcpFlow {
  /** Steady-state goodput (bit/s of payload). */
  readonly goodputBps: number;
  readonly limitedBy: TcpLimit;
  /** Bytes the client has written beyond what the server has read, once the pipe is full. */
  readonly queuedBytes: number;
  /** Time to fill that queue from the start (µs). */
  readonly fillUs: Micros;
  /** Slow start: how long the server's reads lag behind a full-rate start (µs). */
  readonly rampUs: Micros;
  readonly rttUs: Micros;
}

/**
 * Model a bulk TCP transfer over a path. `rateLimitBps` is iperf's -b on a TCP client;
 * `windowBytes` a receive window set by hand (-w), which Linux doubles and caps at 6 MB.
 */
export function tcpFlow(s: PathSummary, rng: Rng, opts: { rateLimitBps?: number; windowBytes?: number } = {}): TcpFlow {
  const { rateLimitBps } = opts;
  const window = Math.min(MAX_WINDOW_BYTES, opts.windowBytes ?? MAX_WINDOW_BYTES);
  const rttS = s.rttUs / 1e6;
  const candidates: Array<[number, TcpLimit]> = [];
  if (s.bottleneckMbit !== undefined) candidates.push([s.bottleneckMbit * 1e6 * (MSS / TCP_FRAME), 'link']);
  else candidates.push([cpuRate(s, rng), 'cpu']);
  if (rttS > 0) candidates.push([(window * 8) / rttS, 'window']);
  if (s.lossForward > 0 && rttS > 0) candidates.push([((MSS * 8) / rttS) * (Math.sqrt(1.5) / Math.sqrt(s.lossForward)), 'loss']);
  if (rateLimitBps !== undefined && rateLimitBps > 0) candidates.push([rateLimitBps, 'rate']);
  let [goodputBps, limitedBy] = candidates[0]!;
  for (const [r, why] of candidates) {
    if (r < goodputBps) {
      goodputBps = r;
      limitedBy = why;
    }
  }
  const bytesPerS = goodputBps / 8;
  const bdpBytes = bytesPerS * rttS;
  let queuedBytes: number;
  if (limitedBy === 'link') {
    const packets = s.bottleneck?.tc?.maxQueueSize ?? DEFAULT_QUEUE_PACKETS;
    queuedBytes = Math.min(MAX_SNDBUF_BYTES, packets * TCP_FRAME);
  } else if (limitedBy === 'rate') {
    // iperf paces its own writes (-b on TCP): nothing piles up beyond what the path carries.
    queuedBytes = 0;
  } else {
    // Not queue-bound: the sender's buffer autotunes to about twice the bandwidth-delay product.
    queuedBytes = Math.min(MAX_SNDBUF_BYTES, Math.max(2 * bdpBytes, 64 * 1024));
  }
  // Slow start doubles the window each round trip from INITIAL_CWND segments.
  const bdpPackets = bdpBytes / MSS;
  const rounds = bdpPackets > INITIAL_CWND ? Math.log2(bdpPackets / INITIAL_CWND) : 0;
  const rampUs = Math.round(rounds * s.rttUs);
  const fillUs = Math.round(Math.max(2 * s.rttUs, rampUs, bytesPerS > 0 ? (queuedBytes / bytesPerS) * 1e6 * 0.1 : 0));
  return { goodputBps, limitedBy, queuedBytes, fillUs, rampUs, rttUs: s.rttUs };
}

/**
 * A transfer alone on its path: bytes the client has written `elapsedUs` into it (the rate, plus
 * what fills the bottleneck queue). iperf uses net/bulk-flows.ts, which gives the same numbers
 * for a transfer alone and shares links among concurrent ones.
 */
export function clientBytesAt(f: TcpFlow, elapsedUs: Micros): number {
  if (elapsedUs <= 0) return 0;
  const fill = f.fillUs > 0 ? Math.min(1, elapsedUs / f.fillUs) : 1;
  return Math.round((f.goodputBps / 8) * (elapsedUs / 1e6) + f.queuedBytes * fill);
}

/** A transfer alone: how long after its accept the server reads the last of `total` bytes (µs). */
export function serverDurationUs(f: Pick<TcpFlow, 'goodputBps' | 'rampUs'>, total: number): Micros {
  const bytesPerS = f.goodputBps / 8;
  return Math.round(f.rampUs / 2 + (bytesPerS > 0 ? (total / bytesPerS) * 1e6 : 0));
}

export interface UdpFlow {
  /** What the client manages to send (bit/s of payload): the request, unless the CPU can't. */
  readonly sentBps: number;
  /** What the path delivers at most (bit/s of payload). */
  readonly capacityBps: number;
  /** Fraction of datagrams netem drops on the way. */
  readonly loss: number;
  /** Bytes the bottleneck queue holds when the sender outpaces it. */
  readonly queueBytes: number;
  /** RFC 1889 interarrival jitter the server will see (ms). */
  readonly jitterMs: number;
}

/** Model a paced UDP sender of `len`-byte datagrams offering `offeredBps`. */
export function udpFlow(s: PathSummary, rng: Rng, offeredBps: number, len: number): UdpFlow {
  const cpu = cpuRate(s, rng, CPU_UDP_BPS);
  const sentBps = Math.min(offeredBps, cpu);
  const frame = len + UDP_OVERHEAD;
  const capacityBps = s.bottleneckMbit !== undefined ? Math.min(cpu, s.bottleneckMbit * 1e6 * (len / frame)) : cpu;
  const packets = s.bottleneck?.tc?.maxQueueSize ?? DEFAULT_QUEUE_PACKETS;
  const queueBytes = s.bottleneckMbit !== undefined ? packets * frame : 0;
  // Jitter: a few µs of scheduling noise; when the link paces the datagrams, every one is
  // delayed by the gap between the link's and the sender's spacing; netem jitter adds its own.
  let jitterUs = rng.range(2, 20);
  if (sentBps > capacityBps && capacityBps > 0) {
    jitterUs += Math.abs((len * 8 * 1e6) / capacityBps - (len * 8 * 1e6) / sentBps);
  }
  jitterUs += s.jitterUs * 0.6;
  return { sentBps, capacityBps, loss: s.lossForward, queueBytes, jitterMs: jitterUs / 1000 };
}

/**
 * Add a computed transfer to the interface counters along the path, as if its packets had
 * crossed it: `payload` bytes in `segment`-byte pieces of `frame` bytes each way forward,
 * and, for TCP, one 66-byte ACK back for every two segments (delayed ACKs).
 */
export function chargeInterfaces(path: FlowPath, payload: number, segment: number, frameOverhead: number, acks: boolean): void {
  if (payload <= 0) return;
  const packets = Math.ceil(payload / segment);
  const bytes = payload + packets * frameOverhead;
  const ackPackets = acks ? Math.ceil(packets / 2) : 0;
  for (const { egress, ingress } of path.hops) {
    egress.stats.txPackets += packets;
    egress.stats.txBytes += bytes;
    ingress.stats.rxPackets += packets;
    ingress.stats.rxBytes += bytes;
    if (ackPackets) {
      ingress.stats.txPackets += ackPackets;
      ingress.stats.txBytes += ackPackets * 66;
      egress.stats.rxPackets += ackPackets;
      egress.stats.rxBytes += ackPackets * 66;
    }
  }
}
