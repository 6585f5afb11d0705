/**
 * A running Mininet network (mininet/net.py): built from a Topo and options, started,
 * tested, stopped. Every message is printed exactly as Mininet 2.3.0 prints it
 * (reference/mininet.md §1.4–1.6, §2.3). Commands run on nodes through each node's own bash,
 * as Mininet does with node.cmd().
 */
import type { Sandbox } from '../sandbox';
import type { Intf, TcParams } from '../net/interface';
import type { Link } from '../net/link';
import { Host } from '../devices/host';
import { OvsSwitch } from '../devices/ovs-switch';
import { FABRIC_SWITCH_CLASS, FABRIC_TIERS, FabricSwitch } from '../devices/fabric-switch';
import type { FabricTier } from '../devices/fabric-switch';
import { FabricRouting } from '../devices/fabric-routing';
import { ControllerNode } from '../devices/controller-node';
import { LearningController } from '../devices/learning-controller';
import type { NetNode } from '../devices/node';
import type { Ipv4 } from '../wire/addr';
import { formatIpv4, ipAdd, macFromIndex, parseCidr, parseIpv4 } from '../wire/addr';
import type { Proc, Wait, Wake } from '../shell/process';
import { sleep } from '../shell/process';
import { ShellState } from '../shell/shell-state';
import { runBashLine } from '../shell/bash';
import type { Session } from '../shell/session';
import type { MininetOptions } from './options';
import { parseDelay, tcStatus } from './tc';
import { naturalSort } from '../topo/natural';
import { applySpanningTree } from '../devices/stp';
import type { Rng } from '../sim/rng';

export type Task<T> = Generator<Wait, T, Wake>;
export type Out = (text: string) => void;

export interface MnLink {
  readonly node1: NetNode;
  readonly node2: NetNode;
  readonly intf1: Intf;
  readonly intf2: Intf;
  readonly link: Link;
}

/** Any switch Mininet runs: an OVS or Linux bridge, or a routed fabric switch. */
export type MnSwitch = OvsSwitch | FabricSwitch;

export class Mininet {
  hosts: Host[] = [];
  /** The OVS, Linux and user-space bridges (what ovs-vsctl, dpctl and the controllers see). */
  switches: OvsSwitch[] = [];
  /** The routed fabric switches (topo/fabric.ts), routed by `fabric` once started. */
  fabricSwitches: FabricSwitch[] = [];
  /** The fabric's addressing and routing daemon, while the network runs. */
  fabric: FabricRouting | undefined;
  /** Every switch, in the order added (Mininet's net.switches). */
  private switchList: MnSwitch[] = [];
  controllers: ControllerNode[] = [];
  links: MnLink[] = [];
  private byName = new Map<string, NetNode>();
  private shells = new Map<string, ShellState>();
  private nextIP = 1;
  started = false;
  stopped = false;
  /** Set when a terminal asked for an xterm on a node (the UI opens a tab). */
  terms = 0;

  constructor(
    readonly sandbox: Sandbox,
    readonly opts: MininetOptions,
  ) {}

  get(name: string): NetNode | undefined {
    return this.byName.get(name);
  }

  /** Hosts, then switches, then controllers: Mininet's iteration order. */
  nodes(): NetNode[] {
    return [...this.hosts, ...this.switchList, ...this.controllers];
  }

  /** Every switch, bridges and fabric switches alike, in the order added. */
  allSwitches(): readonly MnSwitch[] {
    return this.switchList;
  }

  hostByName(name: string): Host | undefined {
    const n = this.byName.get(name);
    return n instanceof Host && !(n instanceof FabricSwitch) ? n : undefined;
  }

  /** The bash a node's commands run in (switches and controllers share the root namespace). */
  shellFor(node: NetNode): ShellState {
    let s = this.shells.get(node.name);
    if (!s) {
      const ns = node instanceof Host ? node : this.sandbox.lab;
      s = new ShellState(ns);
      this.shells.set(node.name, s);
    }
    return s;
  }

  /** Random source for the cost of talking to a node's shell, forked on first use. */
  private cmdRng: Rng | undefined;

  /**
   * What a node command costs before it runs: node.sendCmd() writes the line to the node's
   * bash and waitOutput() polls for its sentinel, about 1-2 ms on a real machine (`time h1 true`
   * prints e.g. `*** Elapsed time: 0.001843 secs`, reference/mininet.md §2.5). False if Ctrl-C
   * arrived meanwhile.
   */
  *shellRoundTrip(): Task<boolean> {
    this.cmdRng ??= this.sandbox.net.rng.fork();
    const w = yield sleep(this.cmdRng.range(900, 1900));
    return w.reason !== 'interrupt';
  }

  /** Run a bash line on a node and return what it printed (node.cmd). */
  *cmd(session: Session, node: NetNode, line: string): Task<string> {
    if (!(yield* this.shellRoundTrip())) return '';
    let text = '';
    yield* runBashLine(this.sandbox, session, this.shellFor(node), line, (t) => (text += t), { interactive: false });
    return text;
  }

  // ---- building ----------------------------------------------------------------------

  /** Build the network: controllers, hosts, switches, links, host configuration. */
  *build(out: Out, printAddingController: boolean): Task<string | undefined> {
    const { topo } = this.opts;
    out('*** Creating network\n');
    if (printAddingController) out('*** Adding controller\n');
    const ctrlErr = this.addControllers(out);
    if (ctrlErr) return ctrlErr;
    yield sleep(40_000);
    out('*** Adding hosts:\n');
    for (const name of topo.hosts()) {
      const h = this.addHost(name, topo.node(name)!.opts);
      out(h.name + ' ');
    }
    out('\n*** Adding switches:\n');
    for (const name of topo.switches()) {
      const r = this.addSwitch(name, topo.node(name)!.opts);
      if (typeof r === 'string') return r;
      out(name + ' ');
    }
    out('\n*** Adding links:\n');
    for (const l of topo.links()) {
      const params: Record<string, unknown> = { ...this.opts.link.params, ...l.opts };
      const shaped = params['cls'] === 'TCLink' || this.opts.link.cls === 'TCLink';
      const r = this.addLink(this.byName.get(l.node1)!, this.byName.get(l.node2)!, l.port1, l.port2, params, shaped);
      for (const t of r.status) out(t);
      out(`(${l.node1}, ${l.node2}) `);
    }
    yield sleep(20_000 + 300 * this.links.length);
    out('\n*** Configuring hosts\n');
    for (const h of this.hosts) {
      this.configHost(h, topo.node(h.name)!.opts);
      out(h.name + ' ');
    }
    out('\n');
    if (this.opts.autoStaticArp) this.staticArp();
    return undefined;
  }

  /**
   * Link two nodes (Link.__init__): interfaces named intfName1/2 or <node>-eth<port>, per-end
   * params1/params2 (ip, mac), and TC shaping when the link is a TCLink. Returns Mininet's TC
   * status text for each shaped end, in order.
   */
  addLink(
    n1: NetNode, n2: NetNode, port1: number, port2: number, params: Record<string, unknown>, shaped: boolean,
  ): { link: MnLink; status: string[] } {
    const name1 = (params['intfName1'] as string | undefined) ?? `${n1.name}-eth${port1}`;
    const name2 = (params['intfName2'] as string | undefined) ?? `${n2.name}-eth${port2}`;
    const i1 = this.makeIntf(n1, name1, port1, params['addr1']);
    const i2 = this.makeIntf(n2, name2, port2, params['addr2']);
    const link = this.sandbox.net.connect(i1, i2, shaped ? 'TCLink' : 'Link');
    const mnLink = { node1: n1, node2: n2, intf1: i1, intf2: i2, link };
    this.links.push(mnLink);
    const status: string[] = [];
    for (const [intf, own] of [[i1, params['params1']], [i2, params['params2']]] as const) {
      const ends = (own as Record<string, unknown> | undefined) ?? {};
      const ip = ends['ip'];
      if (typeof ip === 'string' && intf.owner instanceof Host) {
        const c = parseCidr(ip, 8);
        if (c) intf.owner.stack.setAddress(intf, c);
      }
      if (typeof ends['mac'] === 'string') intf.mac = ends['mac'];
      if (shaped) {
        const r = this.configTc(intf, { ...params, ...ends });
        if (r) status.push(r);
      }
    }
    return { link: mnLink, status };
  }

  private addControllers(out: Out): string | undefined {
    const listeners = this.sandbox.net.ofListeners;
    for (const c of this.opts.controllers) {
      if (c.cls === 'NullController') continue;
      const name = `c${this.controllers.length}`;
      let port = c.port;
      if (c.cls === 'RemoteController') {
        const ip = c.ip ?? '127.0.0.1';
        const listening = (p: number) => this.controllerListening(ip, p);
        if (port !== undefined) {
          if (!listening(port)) out(`Unable to contact the remote controller at ${ip}:${port}\n`);
        } else if (listening(6653)) {
          out(`Connecting to remote controller at ${ip}:6653\n`);
          port = 6653;
        } else {
          out(`Unable to contact the remote controller at ${ip}:6653\n`);
          if (listening(6633)) {
            out(`Connecting to remote controller at ${ip}:6633\n`);
            port = 6633;
          } else {
            out(`Unable to contact the remote controller at ${ip}:6633\n`);
            out(`Setting remote controller to ${ip}:6653\n`);
            port = 6653;
          }
        }
      }
      this.addController(name, c.cls, c.ip, port, c.specParams);
    }
    for (const c of this.controllers) {
      if (c.impl && listeners.isListening({ ip: '127.0.0.1', port: c.port })) {
        return `Exception: Please shut down the controller which is running on port ${c.port}:\n` +
          'Active Internet connections (only servers)\n' +
          'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name\n' +
          `tcp6       0      0 :::${c.port}                 :::*                    LISTEN      ${this.sandbox.allocPid(0) - 4321}/java`;
      }
    }
    return undefined;
  }

  /** Is something (ONOS, a controller) listening for OpenFlow at ip:port, as seen from the lab machine? */
  controllerListening(ip: string, port: number): boolean {
    return controllerListeningOn(this.sandbox, ip, port);
  }

  /** Add a controller node (a RemoteController's port already probed); returns its pid. */
  addController(name: string, cls: ControllerNode['cls'], ip: string | undefined, port: number | undefined, specParams?: string): ControllerNode {
    const pid = this.sandbox.allocPid(7);
    let node: ControllerNode;
    if (cls === 'RemoteController') {
      node = new ControllerNode(this.sandbox.net, name, 'RemoteController', ip ?? '127.0.0.1', port ?? 6653, undefined, specParams);
    } else {
      const p = port ?? 6653;
      const impl = new LearningController(this.sandbox.net, name, { ip: '127.0.0.1', port: p });
      node = new ControllerNode(this.sandbox.net, name, cls, ip ?? '127.0.0.1', p, impl, specParams);
    }
    node.pid = pid;
    this.controllers.push(node);
    this.byName.set(name, node);
    return node;
  }

  /** 127.0.0.0/8 and the lab machine's own addresses reach its listeners. */
  isLocalAddress(ip: string): boolean {
    return isLabAddress(this.sandbox, ip);
  }

  addHost(name: string, opts: Record<string, unknown>): Host {
    const h = new Host(this.sandbox.net, name);
    if (typeof opts['cls'] === 'string') h.cls = opts['cls'];
    h.pid = this.sandbox.allocPid(2);
    this.hosts.push(h);
    this.byName.set(name, h);
    this.sandbox.net.addNode(h);
    (h as Host & { mnIndex: number }).mnIndex = this.nextIP++;
    return h;
  }

  addSwitch(name: string, opts: Record<string, unknown>): MnSwitch | string {
    const choice = this.opts.switch;
    let dpid = typeof opts['dpid'] === 'string' ? opts['dpid'] : undefined;
    if (dpid === undefined) {
      const m = /\d+/.exec(name);
      if (!m) {
        return 'Exception: Unable to derive default datapath ID - please either specify a dpid or use a canonical switch name such as s23.';
      }
      dpid = BigInt(m[0]).toString(16);
    }
    if (opts['cls'] === FABRIC_SWITCH_CLASS) return this.addFabricSwitch(name, dpid.padStart(16, '0').slice(-16), opts);
    const width = (opts['switchCls'] ?? choice.cls) === 'UserSwitch' ? 12 : 16;
    const idx = this.switchList.length;
    const cls = typeof opts['switchCls'] === 'string' ? (opts['switchCls'] as OvsSwitch['opts']['cls']) : choice.cls;
    const sw = new OvsSwitch(this.sandbox.net, name, {
      cls,
      dpid: dpid.padStart(width, '0').slice(-width),
      failMode: (opts['failMode'] as 'secure' | 'standalone' | undefined) ?? choice.failMode,
      protocols: typeof opts['protocols'] === 'string' ? [opts['protocols']] : choice.protocols,
      listenPort: this.opts.listenPort !== undefined ? this.opts.listenPort + idx : undefined,
      specParams: choice.specParams,
      stp: choice.stp || opts['stp'] === true,
    });
    sw.pid = this.sandbox.allocPid(3);
    this.switches.push(sw);
    this.switchList.push(sw);
    this.byName.set(name, sw);
    this.sandbox.net.addNode(sw);
    return sw;
  }

  /** A routed fabric switch (the topology's `cls: 'FabricSwitch'`, with its tier and pod). */
  private addFabricSwitch(name: string, dpid: string, opts: Record<string, unknown>): FabricSwitch {
    const tier = FABRIC_TIERS.includes(opts['tier'] as FabricTier) ? (opts['tier'] as FabricTier) : undefined;
    const pod = typeof opts['pod'] === 'number' ? opts['pod'] : undefined;
    const sw = new FabricSwitch(this.sandbox.net, name, { dpid, tier, pod });
    // The topology data keeps every fabric switch's tier and pod (a Python-built network's too).
    if (!this.opts.topo.node(name)) this.opts.topo.addSwitch(name, pod === undefined ? { cls: FABRIC_SWITCH_CLASS, tier } : { cls: FABRIC_SWITCH_CLASS, tier, pod });
    sw.pid = this.sandbox.allocPid(3);
    this.fabricSwitches.push(sw);
    this.switchList.push(sw);
    this.byName.set(name, sw);
    this.sandbox.net.addNode(sw);
    return sw;
  }

  private makeIntf(node: NetNode, name: string, port: number, givenMac?: unknown): Intf {
    const mac = typeof givenMac === 'string' ? givenMac : this.sandbox.net.randomMac();
    let i: Intf;
    if (node instanceof OvsSwitch) i = node.addPort(name, port, mac);
    // A fabric switch's ports are interfaces of its namespace (it is a Host underneath).
    else if (node instanceof Host) i = node.addIntf(name, mac);
    else throw new Error(`cannot link ${node.name}`);
    i.port = port;
    return i;
  }

  /** TCLink parameters on one interface; returns Mininet's status string for it, if any. */
  private configTc(intf: Intf, params: Record<string, unknown>): string {
    const tc: TcParams = {};
    let warn = '';
    const bw = params['bw'];
    if (typeof bw === 'number') {
      if (bw < 0 || bw > 1000) warn += `Bandwidth limit ${bw} is outside supported range 0..1000 - ignoring\n`;
      else tc.bw = bw;
    }
    if (params['delay'] !== undefined) {
      tc.delay = parseDelay(String(params['delay']));
      tc.delayText = String(params['delay']);
    }
    if (params['jitter'] !== undefined) {
      tc.jitter = parseDelay(String(params['jitter']));
      tc.jitterText = String(params['jitter']);
    }
    if (typeof params['loss'] === 'number') tc.loss = params['loss'];
    if (typeof params['max_queue_size'] === 'number') tc.maxQueueSize = params['max_queue_size'];
    intf.tc = tc;
    return warn + tcStatus(tc);
  }

  private configHost(h: Host, opts: Record<string, unknown>): void {
    const i = h.defaultIntf();
    const idx = (h as Host & { mnIndex: number }).mnIndex;
    if (i) {
      if (typeof opts['ip'] === 'string') {
        const c = parseCidr(opts['ip'], 8);
        if (c && !i.addrs.some((a) => a.addr === c.addr && a.prefixLen === c.prefixLen)) h.stack.setAddress(i, c);
      } else if (i.addrs.length === 0) {
        h.stack.setAddress(i, { addr: ipAdd(this.opts.ipBase, idx), prefixLen: this.opts.ipBase.prefixLen });
      }
      if (typeof opts['mac'] === 'string') i.mac = opts['mac'];
      else if (this.opts.autoSetMacs) i.mac = macFromIndex(idx);
    }
    const dr = opts['defaultRoute'];
    if (typeof dr === 'string') {
      const m = /^via\s+(\S+)/.exec(dr);
      const via = m ? parseIpv4(m[1]!) : undefined;
      const dev = m ? i : h.intf(dr);
      if (dev) {
        h.stack.routes.add({ dst: 0, prefixLen: 0, via, dev, proto: 'boot', scope: via !== undefined ? 'global' : 'link', metric: 0, type: 'unicast' });
      }
    }
    if (h.cls === 'LinuxRouter' || opts['forwarding'] === true) h.stack.forwarding = true;
  }

  /** Mininet --arp: every host gets a permanent entry for every other host. */
  staticArp(): void {
    for (const a of this.hosts) {
      for (const b of this.hosts) {
        if (a === b) continue;
        const bi = b.defaultIntf();
        const ai = a.defaultIntf();
        const ip = bi?.addrs[0]?.addr;
        if (bi && ai && ip !== undefined) a.stack.neighbors.addPermanent(ip, bi.mac, ai);
      }
    }
  }

  // ---- starting and stopping ------------------------------------------------------------

  /** Start controllers and switches; returns an error message if a controller cannot start. */
  *start(out: Out): Task<string | undefined> {
    out('*** Starting controller\n');
    for (const c of this.controllers) {
      out(c.name + ' ');
      if (c.cls === 'Controller') {
        return 'Cannot find required executable controller.\nPlease make sure that it is installed and available in your $PATH:\n' +
          '(/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)\n';
      }
      c.impl?.start();
    }
    out('\n');
    yield sleep(60_000);
    out(`*** Starting ${this.switchList.length} switches\n`);
    const targets = this.controllers.map((c) => ({ ip: this.isLocalAddress(c.ip) ? '127.0.0.1' : c.ip, port: c.port }));
    for (const sw of this.switchList) {
      out(sw.name + ' ');
      if (sw instanceof FabricSwitch) {
        sw.start();
        continue;
      }
      const standaloneBridge = sw.opts.cls === 'OVSBridge' || sw.opts.cls === 'LinuxBridge';
      sw.start(standaloneBridge ? [] : targets);
    }
    if (this.fabricSwitches.length > 0 && !this.fabric) {
      // The fabric's routing daemons come up converged (fabric-routing.ts).
      this.fabric = new FabricRouting(this.sandbox.net, this.fabricSwitches, this.opts.ipBase);
      this.fabric.configure(this.links);
      this.fabric.start();
    }
    applySpanningTree(this.switches.filter((s) => s.opts.stp));
    const batch = this.switches.some((s) => s.opts.cls === 'OVSSwitch' || s.opts.cls === 'OVSBridge');
    if (batch) {
      out('...');
      // batchStartup reconfigures the switches' TCLink interfaces, printing their status again.
      for (const sw of this.switches) for (const i of sw.intfs) if (i.tc) out(tcStatus(i.tc));
    }
    out('\n');
    yield sleep(100_000 + 200 * this.switchList.length);
    this.started = true;
    if (this.opts.waitConnected) yield* this.waitConnected(out);
    return undefined;
  }

  /** Has the switch reached a controller (or does it need none)? */
  switchConnected(sw: MnSwitch): boolean {
    if (sw instanceof FabricSwitch) return sw.running;
    if (sw.opts.stp) return this.sandbox.now >= sw.stpForwardingAt;
    if (sw.opts.cls === 'OVSBridge' || sw.opts.cls === 'LinuxBridge') return true;
    if (this.controllers.length === 0) return sw.opts.failMode === 'standalone';
    return sw.isConnected;
  }

  /** `*** Waiting for switches to connect`, polling every 0.5 s as Mininet does. */
  *waitConnected(out: Out): Task<boolean> {
    out('*** Waiting for switches to connect\n');
    const remaining = new Set<MnSwitch>(this.switchList);
    for (;;) {
      for (const sw of [...remaining]) {
        if (this.switchConnected(sw)) {
          out(sw.name + ' ');
          remaining.delete(sw);
        }
      }
      if (remaining.size === 0) break;
      const w = yield sleep(500_000);
      if (w.reason === 'interrupt') return false;
    }
    out('\n');
    return true;
  }

  *stop(out: Out): Task<void> {
    if (this.stopped) return;
    yield* this.stopSwitches(out);
    out(`*** Stopping ${this.hosts.length} hosts\n`);
    for (const h of this.hosts) {
      this.stopHost(h);
      out(h.name + ' ');
    }
    out('\n*** Done\n');
    this.finish();
  }

  /** The first part of stop(): controllers, links and switches (net.py stop() up to the hosts). */
  *stopSwitches(out: Out): Task<void> {
    if (this.stopped) return;
    this.stopped = true;
    const net = this.sandbox.net;
    if (this.terms > 0) out(`*** Stopping ${this.terms} terms\n`);
    out(`*** Stopping ${this.controllers.length} controllers\n`);
    for (const c of this.controllers) {
      c.impl?.stop();
      out(c.name + ' ');
    }
    out('\n');
    out(`*** Stopping ${this.links.length} links\n`);
    for (const l of this.links) {
      net.disconnect(l.link);
      out('.');
    }
    out('\n');
    this.fabric?.stop();
    out(`*** Stopping ${this.switchList.length} switches\n`);
    for (const s of this.switchList) {
      this.stopSwitch(s);
      out(s.name + ' ');
    }
    out('\n');
    yield sleep(50_000);
  }

  /** A switch stops and leaves the network (a fabric switch's namespace with its shell's jobs). */
  private stopSwitch(s: MnSwitch): void {
    s.stop();
    if (s instanceof FabricSwitch) for (const j of this.shells.get(s.name)?.jobs ?? []) j.job.kill();
    this.sandbox.net.removeNode(s.name);
  }

  /** Host.terminate(): its shell's jobs end and the namespace goes. */
  stopHost(h: Host): void {
    if (!this.sandbox.net.node(h.name)) return;
    h.stack.forwarding = false;
    for (const j of this.shells.get(h.name)?.jobs ?? []) j.job.kill();
    this.sandbox.net.removeNode(h.name);
  }

  /** The network is gone: the machine can run another. */
  finish(): void {
    this.stopped = true;
    if (this.sandbox.mininet === this) this.sandbox.mininet = undefined;
  }

  /** Remove everything without printing (after an error, as mn -c would). */
  cleanup(): void {
    const net = this.sandbox.net;
    for (const c of this.controllers) c.impl?.stop();
    this.fabric?.stop();
    for (const l of this.links) net.disconnect(l.link);
    for (const s of this.switchList) this.stopSwitch(s);
    for (const h of this.hosts) net.removeNode(h.name);
    this.stopped = true;
    if (this.sandbox.mininet === this) this.sandbox.mininet = undefined;
  }

  // ---- link state --------------------------------------------------------------------------

  linksBetween(a: NetNode, b: NetNode): MnLink[] {
    return this.links.filter((l) => (l.node1 === a && l.node2 === b) || (l.node1 === b && l.node2 === a));
  }

  /** Set both ends of the links between two nodes up or down (ifconfig X up/down on each end). */
  configLinkStatus(a: NetNode, b: NetNode, up: boolean): void {
    for (const l of this.linksBetween(a, b)) {
      for (const i of [l.intf1, l.intf2]) setIntfState(i, up);
    }
  }

  /**
   * Changes whenever a link end goes up or down (even down and back up): a pingall remembers it,
   * so a lesson check can tell that the network changed since (lessons/evaluate.ts, lastPingall).
   */
  /** Changes whenever a link goes up or down or a switch stops or starts (`switch spine1 stop`). */
  linkStateKey(): string {
    let changes = 0;
    for (const l of this.links) changes += l.intf1.adminChanges + l.intf2.adminChanges;
    const stopped = this.switchList.filter((s) => !s.running).map((s) => s.name);
    return `${this.links.length}:${changes}:${stopped.join(',')}`;
  }

  /** The IP Mininet substitutes for a node name: its default interface's first address. */
  ipOf(node: NetNode): Ipv4 | undefined {
    const i = node.defaultIntf();
    return i?.addrs[0]?.addr;
  }

  sortedNodeNames(): string[] {
    return this.nodes().map((n) => n.name).sort();
  }

  hostNames(): string[] {
    return naturalSort(this.hosts.map((h) => h.name));
  }

  static format = formatIpv4;
}

/** ifconfig <intf> up|down, wherever the interface lives. */
/** 127.0.0.0/8 and the lab machine's own addresses reach the lab machine's listeners. */
export function isLabAddress(sandbox: Sandbox, ip: string): boolean {
  const a = parseIpv4(ip);
  if (a === undefined) return false;
  return a >>> 24 === 127 || sandbox.lab.stack.isLocal(a);
}

/** Is an OpenFlow controller (ONOS, a Mininet controller) listening at ip:port, as seen from the lab machine? */
export function controllerListeningOn(sandbox: Sandbox, ip: string, port: number): boolean {
  return isLabAddress(sandbox, ip) && sandbox.net.ofListeners.isListening({ ip: '127.0.0.1', port });
}

export function setIntfState(i: Intf, up: boolean): void {
  const owner = i.owner;
  if (owner instanceof Host) owner.stack.setAdminState(i, up);
  else {
    if (i.adminUp === up) return;
    i.adminUp = up;
    owner.carrierChanged?.(i);
    i.peer?.owner.carrierChanged?.(i.peer);
  }
}

/** A process that runs nothing (for Mininet CLI commands with no output). */
export function* nothing(): Proc {
  return 0;
}
