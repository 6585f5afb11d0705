/**
 * An Open vSwitch bridge as Mininet drives it (OVSSwitch / OVSKernelSwitch, OVSBridge), and the
 * Linux bridge and user switch classes mapped onto the same model.
 *
 * Forwarding: the kernel datapath caches microflows; a miss costs an upcall to ovs-vswitchd,
 * which looks the packet up in the OpenFlow table. A table miss goes to the controller as a
 * packet_in (secure fail mode, Mininet's default) or, in standalone mode without a connected
 * controller, to the NORMAL learning-switch pipeline. A bridge with no controllers configured
 * and fail_mode standalone carries OVS's visible `priority=0 actions=NORMAL` flow
 * (ofproto connmgr behaviour). Timing comes from net/latency.ts.
 */
import type { Mac } from '../wire/addr';
import { isMulticastMac } from '../wire/addr';
import type { EthernetFrame } from '../wire/ethernet';
import { frameSize } from '../wire/ethernet';
import type { FlowAction, FlowEntry, FlowMatch } from '../net/flow-table';
import { exactKeyOf, extractFields, FlowTable, isExact, packetKey } from '../net/flow-table';
import type { EventHandle } from '../sim/scheduler';
import { Intf } from '../net/interface';
import { DATAPATH_FLOW_IDLE, LATENCY } from '../net/latency';
import type { Network } from '../net/network';
import { STORM_WINDOW } from '../net/network';
import type { ControllerTarget, OpenFlowController } from './openflow-listeners';
import { NetNode } from './node';
import type { NodeKind } from './node';

export type SwitchClass = 'OVSSwitch' | 'OVSBridge' | 'LinuxBridge' | 'UserSwitch';
export type FailMode = 'secure' | 'standalone';

export interface SwitchOptions {
  cls: SwitchClass;
  dpid: string;
  failMode: FailMode;
  /** e.g. ['OpenFlow13']; empty means OVS's default (OpenFlow10). */
  protocols: string[];
  /** Passive listening port (ptcp:6654 for s1 under mn), or undefined. */
  listenPort?: number;
  /** The spec string Mininet's dump shows after the class name ({'protocols': 'OpenFlow13'}). */
  specParams?: string;
  stp?: boolean;
}

interface MegaflowEntry {
  flow: FlowEntry | undefined;
  lastUsed: number;
}

const MAC_AGING = 300_000_000;
const RECONNECT_BACKOFF = 1_000_000;

export class OvsSwitch extends NetNode {
  readonly kind: NodeKind = 'switch';
  readonly flows = new FlowTable();
  readonly opts: SwitchOptions;
  /** Port number of each data interface, the reverse map, and the ports in number order. */
  private portNos = new Map<Intf, number>();
  private portsByNo = new Map<number, Intf>();
  private portList: Array<{ no: number; intf: Intf }> = [];
  running = false;
  controllers: ControllerTarget[] = [];
  /** Connected controller sessions, by target key. */
  readonly connected = new Map<string, OpenFlowController>();
  /** The OpenFlow version of each session, by target key (1 = OpenFlow 1.0, 4 = 1.3). */
  readonly sessionVersions = new Map<string, number>();
  /**
   * Whether a table miss becomes a packet_in: only while some session speaks OpenFlow 1.0-1.2.
   * From 1.3 on a miss is dropped unless a flow sends it to the controller (OVS
   * connmgr_wants_packet_in_on_miss), which is why ONOS installs its packet-in flows.
   */
  private packetInOnMiss = false;
  /**
   * The kernel datapath's flow cache, by packet key: packets that hit an OpenFlow flow, and
   * packets that missed. A new flow invalidates every cached miss and any cached hit it could
   * shadow; a removal invalidates everything (as OVS's revalidators do).
   */
  private megaflows = new Map<string, MegaflowEntry>();
  private missCache = new Map<string, MegaflowEntry>();
  private macTable = new Map<Mac, { port: number; at: number }>();
  private floodWindowStart = 0;
  private floodCount = 0;
  /** Ports STP keeps blocking (Linux bridge with stp=1). */
  readonly blockedPorts = new Set<number>();
  /** When spanning tree lets ports forward (virtual time), for bridges with stp=1. */
  stpForwardingAt = 0;
  /** Bridge-internal interface (OpenFlow LOCAL port), created at the first start. */
  bridgeIntf: Intf | undefined;
  bridgeMac: Mac;
  startedAt = 0;
  /** Database UUID shown by ovs-vsctl show is the machine's; this is the bridge's own. */
  readonly uuid: string;

  constructor(net: Network, name: string, opts: SwitchOptions) {
    super(net, name);
    this.opts = opts;
    const lo = new Intf('lo', '00:00:00:00:00:00', this, 1, 'loopback');
    lo.addrs.push({ addr: 0x7f000001, prefixLen: 8 });
    this.intfs.push(lo);
    this.bridgeMac = net.randomMac();
    this.uuid = uuidFrom(net);
  }

  get dpid(): string {
    return this.opts.dpid;
  }

  get isOpenFlow(): boolean {
    return this.opts.cls !== 'LinuxBridge';
  }

  /** Add a port: interface `name` as OpenFlow port `portNo`. */
  addPort(name: string, portNo: number, mac: Mac): Intf {
    const i = new Intf(name, mac, this, this.net.allocRootIfindex());
    this.intfs.push(i);
    this.portNos.set(i, portNo);
    this.portsByNo.set(portNo, i);
    this.portList = [...this.portList, { no: portNo, intf: i }].sort((a, b) => a.no - b.no);
    return i;
  }

  portNo(i: Intf): number | undefined {
    return this.portNos.get(i);
  }

  portByNo(n: number): Intf | undefined {
    return this.portsByNo.get(n);
  }

  /** Data ports in port-number order (do not modify the array). */
  ports(): ReadonlyArray<{ no: number; intf: Intf }> {
    return this.portList;
  }

  /** OVS adds a visible NORMAL flow to a standalone bridge with no controllers. */
  private get hasDefaultNormalFlow(): boolean {
    return this.isOpenFlow && this.opts.failMode === 'standalone' && this.controllers.length === 0;
  }

  // ---- lifecycle -----------------------------------------------------------------------

  start(controllers: ControllerTarget[]): void {
    this.running = true;
    if (this.isOpenFlow && !this.bridgeIntf) {
      this.bridgeIntf = new Intf(this.name, this.bridgeMac, this, this.net.allocRootIfindex(), 'internal');
      this.bridgeIntf.adminUp = false;
    }
    this.startedAt = this.net.sched.now;
    this.controllers = controllers;
    this.flows.clear();
    this.flushDatapath();
    this.macTable.clear();
    if (this.hasDefaultNormalFlow) {
      this.flows.add(this.newFlow({ priority: 0, match: {}, actions: [{ type: 'normal' }] }));
    }
    for (const t of controllers) this.tryConnect(t, this.net.rng.range(2_000, 6_000));
  }

  stop(): void {
    this.running = false;
    for (const [, c] of this.connected) c.switchDisconnected(this);
    this.connected.clear();
    this.sessionVersions.clear();
    this.packetInOnMiss = false;
    this.net.ofListeners.stopWaiting(this);
    this.flows.clear();
    this.flushDatapath();
    for (const t of this.expiryTimers) this.net.sched.cancel(t);
    this.expiryTimers = [];
    this.expiryBuckets.clear();
  }

  private tryConnect(t: ControllerTarget, delay: number): void {
    this.net.sched.after(delay, () => {
      if (!this.running || this.connected.has(`${t.ip}:${t.port}`)) return;
      const c = this.net.ofListeners.at(t);
      const version = c ? (c.negotiate ? c.negotiate(this) : 1) : undefined;
      if (!c || version === undefined) {
        // Nothing listening, or version negotiation failed: wait for a (new) listener.
        this.net.ofListeners.wait(t, this);
        return;
      }
      const key = `${t.ip}:${t.port}`;
      this.connected.set(key, c);
      this.sessionVersions.set(key, version);
      this.updateMissBehaviour();
      this.channel(() => c.switchConnected(this));
    });
  }

  /** A controller started listening on a target we wait for: connect within one backoff. */
  controllerAppeared(t: ControllerTarget): void {
    if (!this.running) return;
    this.tryConnect(t, this.net.rng.range(50_000, RECONNECT_BACKOFF));
  }

  /** The controller closed the session (it stopped); keep retrying as OVS does. */
  controllerLost(t: ControllerTarget): void {
    this.connected.delete(`${t.ip}:${t.port}`);
    this.sessionVersions.delete(`${t.ip}:${t.port}`);
    this.updateMissBehaviour();
    if (this.running) this.net.ofListeners.wait(t, this);
  }

  private updateMissBehaviour(): void {
    let miss = false;
    for (const v of this.sessionVersions.values()) if (v < 4) miss = true;
    this.packetInOnMiss = miss;
  }

  get isConnected(): boolean {
    return this.connected.size > 0;
  }

  /**
   * When the control channel's next message may arrive, per direction ('up': to the
   * controllers, 'down': to this switch). The channel is a TCP connection, so a message never
   * overtakes one sent before it: packet_ins reach the controller in the order the packets
   * arrived, and its packet_outs come back in the order it sent them.
   */
  private channelFree = { up: 0, down: 0 };

  /** Microseconds from now until a message sent `after` µs from now has crossed the channel. */
  private crossing(dir: 'up' | 'down', after = 0): number {
    const now = this.net.sched.now;
    let delay = after + this.net.rng.jitter(LATENCY.controlChannel, LATENCY.spread);
    if (now + delay < this.channelFree[dir]) delay = this.channelFree[dir] - now;
    this.channelFree[dir] = now + delay;
    return delay;
  }

  /** Run fn after one trip over the control channel. */
  private channel(fn: () => void, dir: 'up' | 'down' = 'up'): void {
    this.net.sched.after(this.crossing(dir), fn);
  }

  // ---- the controller's side of the protocol ----------------------------------------

  newFlow(p: {
    priority: number; match: FlowMatch; actions: FlowAction[]; idleTimeout?: number; hardTimeout?: number;
    cookie?: bigint; sendFlowRem?: boolean; appId?: string; table?: number;
  }): FlowEntry {
    const now = this.net.sched.now;
    return {
      cookie: p.cookie ?? 0n, table: p.table ?? 0, priority: p.priority, match: p.match, actions: p.actions,
      idleTimeout: p.idleTimeout ?? 0, hardTimeout: p.hardTimeout ?? 0, sendFlowRem: p.sendFlowRem ?? false,
      createdAt: now, lastUsed: now, nPackets: 0, nBytes: 0, appId: p.appId,
    };
  }

  /** OFPT_FLOW_MOD add (called when the message arrives at the switch). */
  installFlow(e: FlowEntry): void {
    if (!this.running) return;
    e.createdAt = this.net.sched.now;
    e.lastUsed = e.createdAt;
    this.flows.add(e);
    this.missCache.clear();
    if (isExact(e.match)) this.megaflows.delete(exactKeyOf(e.match));
    else this.megaflows.clear();
    this.armExpiry(e);
  }

  /** OFPT_FLOW_MOD delete: remove flows the predicate selects. */
  deleteFlows(pred: (e: FlowEntry) => boolean): FlowEntry[] {
    const gone = this.flows.remove(pred);
    if (gone.length) this.flushDatapath();
    return gone;
  }

  /** Controller → switch messages travel over the channel. */
  sendFlowMod(e: FlowEntry): void {
    this.channel(() => this.installFlow(e), 'down');
  }

  /** OFPT_PACKET_OUT: the switch sends the frame once the message has crossed the channel. */
  sendPacketOut(frame: EthernetFrame, inPort: number, actions: FlowAction[]): void {
    if (!this.running) return;
    this.applyActions(frame, inPort, actions, Math.round(this.crossing('down')));
  }

  private flushDatapath(): void {
    this.megaflows.clear();
    this.missCache.clear();
  }

  /** When a flow expires if nothing hits it again (Infinity without timeouts). */
  private expiresAt(e: FlowEntry): number {
    let t = Infinity;
    if (e.idleTimeout) t = Math.min(t, e.lastUsed + e.idleTimeout * 1_000_000);
    if (e.hardTimeout) t = Math.min(t, e.createdAt + e.hardTimeout * 1_000_000);
    return t;
  }

  /** Flows waiting to be checked for expiry, by the whole second at which they might expire. */
  private expiryBuckets = new Map<number, FlowEntry[]>();
  private expiryTimers: EventHandle[] = [];

  /**
   * Flow expiry, checked once a second as ovs-vswitchd does: each flow with a timeout waits in the
   * bucket of the second it would expire if unused; when that second comes, it is removed if it
   * really expired, or moved to the bucket of its new deadline (so each flow costs one check per
   * idle period, not one per second).
   */
  private armExpiry(e: FlowEntry): void {
    const at = this.expiresAt(e);
    if (at === Infinity) return;
    const second = Math.ceil(at / 1_000_000);
    const bucket = this.expiryBuckets.get(second);
    if (bucket) {
      bucket.push(e);
      return;
    }
    this.expiryBuckets.set(second, [e]);
    this.expiryTimers.push(this.net.sched.at(second * 1_000_000, () => this.sweep(second)));
  }

  private sweep(second: number): void {
    const bucket = this.expiryBuckets.get(second) ?? [];
    this.expiryBuckets.delete(second);
    const now = this.net.sched.now;
    const expired = new Set<FlowEntry>();
    for (const e of bucket) {
      if (!this.flows.has(e)) continue;
      if (now >= this.expiresAt(e)) expired.add(e);
      else this.armExpiry(e);
    }
    if (expired.size === 0) return;
    const gone = this.deleteFlows((x) => expired.has(x));
    for (const g of gone) if (g.sendFlowRem) for (const c of this.connected.values()) this.channel(() => c.flowRemoved?.(this, g));
  }

  // ---- the datapath ----------------------------------------------------------------------

  receive(frame: EthernetFrame, intf: Intf): void {
    if (!this.running) return;
    const inPort = this.portNos.get(intf);
    if (inPort === undefined || this.blockedPorts.has(inPort)) return;
    // The frame is handled at once; the datapath's processing time is added to what it sends.
    if (!this.isOpenFlow) {
      this.normal(frame, inPort, this.processing(LATENCY.bridgeForward));
      return;
    }
    const key = packetKey(frame, inPort);
    const now = this.net.sched.now;
    const mf = this.megaflows.get(key) ?? this.missCache.get(key);
    if (mf && now - mf.lastUsed < DATAPATH_FLOW_IDLE) {
      mf.lastUsed = now;
      this.execute(mf.flow, frame, inPort, this.processing(LATENCY.datapathHit));
      return;
    }
    const flow = this.flows.lookup(() => extractFields(frame, inPort), key);
    (flow ? this.megaflows : this.missCache).set(key, { flow, lastUsed: now });
    this.execute(flow, frame, inPort, this.processing(LATENCY.datapathUpcall));
  }

  /** `d`: microseconds from now until the switch has finished with the frame. */
  private execute(flow: FlowEntry | undefined, frame: EthernetFrame, inPort: number, d: number): void {
    if (flow) {
      FlowTable.hit(flow, frame, this.net.sched.now);
      this.applyActions(frame, inPort, flow.actions, d);
      return;
    }
    // Table miss.
    if (this.connected.size > 0) {
      if (this.packetInOnMiss) this.toControllers(frame, inPort, d);
      return;
    }
    if (this.opts.failMode === 'standalone') this.normal(frame, inPort, d);
    // secure fail mode with no controller: dropped.
  }

  /** OFPT_PACKET_IN to every connected controller; it arrives after the control channel's delay. */
  private toControllers(frame: EthernetFrame, inPort: number, d: number): void {
    const arrival = this.crossing('up', d);
    for (const c of this.connected.values()) c.packetIn(this, inPort, frame, arrival);
  }

  applyActions(frame: EthernetFrame, inPort: number, actions: FlowAction[], d = 0): void {
    for (const a of actions) {
      switch (a.type) {
        case 'output':
          this.output(a.port, frame, d);
          break;
        case 'in_port':
          this.output(inPort, frame, d);
          break;
        case 'flood':
        case 'all':
          this.flood(frame, a.type === 'all' ? -1 : inPort, d);
          break;
        case 'normal':
          this.normal(frame, inPort, d);
          break;
        case 'controller':
          this.toControllers(frame, inPort, d);
          break;
        case 'local':
        case 'clear_actions':
          break;
      }
    }
  }

  private output(port: number, frame: EthernetFrame, d: number): void {
    const i = this.portsByNo.get(port);
    if (!i || !i.link || this.blockedPorts.has(port)) return;
    i.link.transmit(i, frame, d);
  }

  private flood(frame: EthernetFrame, except: number, d: number): void {
    const now = this.net.sched.now;
    if (now - this.floodWindowStart > STORM_WINDOW) {
      this.floodWindowStart = now;
      this.floodCount = 0;
    }
    this.floodCount++;
    this.net.reportFlooding(this.name, this.floodCount);
    if (this.net.stormActive) return;
    for (const { no } of this.portList) if (no !== except) this.output(no, frame, d);
  }

  /** The NORMAL action: a MAC-learning bridge (aging 300 s). */
  private normal(frame: EthernetFrame, inPort: number, d: number): void {
    const now = this.net.sched.now;
    if (!isMulticastMac(frame.src)) this.macTable.set(frame.src, { port: inPort, at: now });
    const known = this.macTable.get(frame.dst);
    if (!isMulticastMac(frame.dst) && known && now - known.at < MAC_AGING) {
      if (known.port !== inPort) this.output(known.port, frame, d);
      return;
    }
    this.flood(frame, inPort, d);
  }

  private lastProcessedAt = 0;

  /** A jittered processing cost from now, never finishing before the previous frame (no reordering). */
  private processing(base: number): number {
    const now = this.net.sched.now;
    const at = Math.max(now + Math.round(this.net.rng.jitter(base, LATENCY.spread)), this.lastProcessedAt);
    this.lastProcessedAt = at;
    return at - now;
  }

  /** A port's link went up or down: tell the controllers (OFPT_PORT_STATUS). */
  carrierChanged(intf: Intf): void {
    const no = this.portNos.get(intf);
    if (no === undefined) return;
    this.flushDatapath();
    for (const [, c] of this.connected) this.channel(() => c.portStatus?.(this, no, intf.running));
  }

  /** Learned MAC entries, for `ovs-appctl fdb/show`. */
  fdb(): Array<{ mac: Mac; port: number; age: number }> {
    const now = this.net.sched.now;
    return [...this.macTable].map(([mac, e]) => ({ mac, port: e.port, age: Math.floor((now - e.at) / 1e6) }));
  }

  /** Total bytes a frame takes, for counters kept outside the flow table. */
  static size(frame: EthernetFrame): number {
    return frameSize(frame);
  }
}

function uuidFrom(net: Network): string {
  const h = () => net.rng.u32().toString(16).padStart(8, '0');
  const a = h(), b = h(), c = h(), d = h();
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${((parseInt(c[0]!, 16) & 3) | 8).toString(16)}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}
