/**
 * Mininet's Python objects as `py`/`px` see them (mininet/net.py, node.py, link.py, util.py
 * 2.3.0; reference/mininet.md §5.2–5.3): the network `net`, nodes, interfaces and links, and
 * the names cli.py imports into its globals. Reprs and strs are Mininet's own (a node's repr
 * ends with a space, its str is its name); messages printed along the way (warnings, the
 * pingall block) are Mininet's.
 */
import type { NetNode } from '../devices/node';
import { Host } from '../devices/host';
import { OvsSwitch } from '../devices/ovs-switch';
import { FabricSwitch } from '../devices/fabric-switch';
import { ControllerNode } from '../devices/controller-node';
import type { Intf } from '../net/interface';
import { runBashLine } from '../shell/bash';
import { formatIpv4, ipAdd, macFromIndex, parseCidr } from '../wire/addr';
import type { Mininet, MnLink, Task } from './mininet';
import { className, mnIntfs, nodeRepr } from './repr';
import { iperfHosts, pingHosts } from './tests';
import type { Bound, CallArgs, EvalState, PyCtx, PyValue, Sig } from './py-values';
import {
  PyDict, PyError, PyFunction, PyIterator, PyList, PyObj, PyTuple, PyUnsupported,
  attributeError, bind, hashKey, iterate, keyError, repr, str, truthy, typeError, typeName,
} from './py-values';

// ---- wrappers (one per underlying object, so identity holds) -----------------------------------------

function cached<T extends PyObj>(st: EvalState, key: object, make: () => T): T {
  const w = st.wrappers.get(key);
  if (w) return w as T;
  const made = make();
  st.wrappers.set(key, made);
  return made;
}

export function wrapNode(st: EvalState, n: NetNode): PyNode {
  return cached(st, n, () => new PyNode(n, st));
}

export function wrapIntf(st: EvalState, i: Intf): PyIntf {
  return cached(st, i, () => new PyIntf(i, st));
}

export function wrapLink(st: EvalState, l: MnLink): PyLink {
  return cached(st, l, () => new PyLink(l, st, st.address()));
}

export function wrapNet(st: EvalState, mn: Mininet): PyNet {
  return cached(st, mn, () => new PyNet(mn, st, st.address()));
}

// ---- helpers ------------------------------------------------------------------------------------------

const NO_ARGS: CallArgs = { args: [], kwargs: new Map() };

/** A bound method of a Mininet object; `cls` is the class that defines it (for its repr). */
function method(self: PyObj, cls: string, name: string, sig: Sig, run: (b: Bound) => Task<PyValue>): PyFunction {
  return new PyFunction(name, { kind: 'method', qualname: `${cls}.${name}`, self }, (a) => run(bind(name, { ...sig, method: true }, a)));
}

/** obj.name() on whatever a Mininet method got back (Python would call any object's method). */
function* callMethod(c: PyCtx, v: PyValue, name: string): Task<PyValue> {
  const m = v instanceof PyObj ? v.getattr(c, name) : undefined;
  if (!(m instanceof PyFunction)) throw attributeError(v, name);
  return yield* m.impl(NO_ARGS);
}

/** Node.cmd's output as read from the node's pty: every newline is \r\n. */
export function pty(text: string): string {
  return text.replace(/\n/g, '\r\n');
}

/**
 * Run a line in the node's shell and return what it printed (node.cmd). Output a background
 * job prints later is kept for the node's next command, as the CLI's node dispatch does.
 */
export function* nodeCmd(c: PyCtx, node: NetNode, line: string, live: boolean): Task<string> {
  const shell = c.mn.shellFor(node);
  let text = shell.pendingOutput;
  shell.pendingOutput = '';
  if (live && text) c.out(pty(text));
  c.state.busy = node.name;
  yield* runBashLine(c.mn.sandbox, c.session, shell, line, (t) => {
    text += t;
    // After Ctrl-C, Mininet drains the node's output without printing it.
    if (live && !c.state.interrupted) c.out(pty(t));
  }, { interactive: false, backgroundOut: (t) => (shell.pendingOutput += t) });
  c.state.busy = undefined;
  return pty(text);
}

/** A value from a topology's options as Python sees it. */
function fromJs(u: unknown): PyValue {
  if (u === null || u === undefined) return null;
  if (typeof u === 'string' || typeof u === 'boolean') return u;
  if (typeof u === 'number') return Number.isInteger(u) ? BigInt(u) : u;
  if (Array.isArray(u)) return new PyList(u.map(fromJs));
  if (typeof u === 'object') return PyDict.of(Object.entries(u).map(([k, v]) => [k, fromJs(v)]));
  return String(u);
}

/** (interface, port) in port order: hosts number their data interfaces from 0, a switch's lo is 0. */
function portsOf(n: NetNode): Array<[Intf, number]> {
  if (n instanceof OvsSwitch) return n.intfs.map((i) => [i, i.kind === 'loopback' ? 0 : n.portNo(i) ?? 0]);
  if (n instanceof FabricSwitch) return mnIntfs(n).map((i) => [i, i.port ?? 0]);
  return mnIntfs(n).map((i, k) => [i, k]);
}

/** Mininet API names this sandbox does not provide (anything else is an AttributeError). */
const NODE_UNSUPPORTED = new Set([
  'sendCmd', 'waitOutput', 'monitor', 'popen', 'pexec', 'setMAC', 'setARP', 'setDefaultRoute', 'setHostRoute',
  'config', 'configDefault', 'linkTo', 'stop', 'start', 'terminate', 'sendInt', 'startShell', 'cleanup', 'addIntf',
  'delIntf', 'deleteIntfs', 'newPort', 'waiting', 'shell', 'stdin', 'stdout', 'read', 'readline', 'write',
  'lastPid', 'lastCmd', 'execed', 'mountPrivateDirs', 'unmountPrivateDirs', 'setParam', 'waitReadable', 'readbuf',
  'pollOut', 'privateDirs', 'outToNode', 'inToNode', 'portBase', 'cmdBatch', 'attach', 'detach', 'vsctl',
  'controllerUUIDs', 'batchStartup', 'batchShutdown', 'controlIntf', 'defaultDpid', 'isOldOVS', 'checkListening',
  'command', 'cargs', 'cdir', 'isAvailable', 'setCPUFrac', 'setCPUs', 'cgroupSet', 'cgroupGet', 'updateIP',
  'updateMAC', 'updateAddr', 'setup', 'checkSetup', 'isSetup', 'fdToNode',
]);

const NET_UNSUPPORTED = new Set([
  'addHost', 'addSwitch', 'addController', 'addLink', 'addNAT', 'build', 'start', 'stop', 'run', 'interact',
  'delNode', 'delHost', 'delSwitch', 'delController', 'delLink', 'delLinkBetween', 'linksBetween', 'staticArp',
  'waitConnected', 'pingFull', 'pingAllFull', 'pingPairFull', 'iperfSingle', 'runCpuLimitTest', 'monitor',
  'buildFromTopo', 'configHosts', 'configureControlNetwork', 'configureControlNetworkd', 'startTerms', 'stopXterms',
  'topo', 'terms', 'ipBase', 'nextIP', 'autoSetMacs', 'autoStaticArp', 'autoPinCpus', 'listenPort', 'inNamespace',
  'built', 'cleanup', 'init', 'randMac', 'getNodeByName',
]);

// ---- nodes ---------------------------------------------------------------------------------------------

export class PyNode extends PyObj {
  constructor(
    readonly node: NetNode,
    private readonly st: EvalState,
  ) {
    super();
  }
  typeName(): string {
    return className(this.node);
  }
  repr(): string {
    return nodeRepr(this.node);
  }
  override str(): string {
    return this.node.name;
  }

  /** Node.intf(): the default interface for a falsy argument, a name's interface, or the argument. */
  private intfArg(c: PyCtx, arg: PyValue | undefined): PyValue {
    if (arg === undefined || !truthy(arg)) {
      const first = mnIntfs(this.node)[0];
      if (first) return wrapIntf(this.st, first);
      c.out(`*** defaultIntf: warning: ${this.node.name} has no interfaces\n`);
      return null;
    }
    if (typeof arg === 'string') {
      const i = mnIntfs(this.node).find((x) => x.name === arg);
      if (!i) throw keyError(arg);
      return wrapIntf(this.st, i);
    }
    return arg;
  }

  override getattr(c: PyCtx, name: string): PyValue | undefined {
    const self = this;
    const n = this.node;
    const st = this.st;
    const opt: Sig = { params: ['intf'], required: 0 };
    switch (name) {
      case 'name':
        return n.name;
      case 'pid':
        return BigInt(n.pid);
      case 'params':
        return nodeParams(c.mn, n);
      case 'inNamespace':
        return n instanceof Host;
      case 'intfs':
        return PyDict.of(portsOf(n).map(([i, p]) => [BigInt(p), wrapIntf(st, i)]));
      case 'ports':
        return PyDict.of(portsOf(n).map(([i, p]) => [wrapIntf(st, i), BigInt(p)]));
      case 'nameToIntf':
        return PyDict.of(mnIntfs(n).map((i) => [i.name, wrapIntf(st, i)]));
      case 'IP':
        if (n instanceof ControllerNode) {
          // Controller.IP: its own address when it has no interfaces (it never does here).
          return method(this, 'Controller', 'IP', opt, function* () {
            return n.ip;
          });
        }
        return method(this, 'Node', 'IP', opt, (b) => callMethod(c, this.intfArg(c, b.vals[0]), 'IP'));
      case 'MAC':
        return method(this, 'Node', 'MAC', opt, (b) => callMethod(c, this.intfArg(c, b.vals[0]), 'MAC'));
      case 'intfIsUp':
        return method(this, 'Node', 'intfIsUp', opt, (b) => callMethod(c, this.intfArg(c, b.vals[0]), 'isUp'));
      case 'intf':
        return method(this, 'Node', 'intf', opt, function* (b) {
          return self.intfArg(c, b.vals[0]);
        });
      case 'defaultIntf':
        return method(this, 'Node', 'defaultIntf', { params: [], required: 0 }, function* () {
          return self.intfArg(c, undefined);
        });
      case 'intfList':
        return method(this, 'Node', 'intfList', { params: [], required: 0 }, function* () {
          return new PyList(mnIntfs(n).map((i) => wrapIntf(st, i)));
        });
      case 'intfNames':
        return method(this, 'Node', 'intfNames', { params: [], required: 0 }, function* () {
          return new PyList(mnIntfs(n).map((i) => i.name));
        });
      case 'connectionsTo':
        return method(this, 'Node', 'connectionsTo', { params: ['node'], required: 1 }, function* (b) {
          const other = b.vals[0];
          const out: PyValue[] = [];
          for (const i of mnIntfs(n)) {
            const l = c.mn.links.find((x) => x.intf1 === i || x.intf2 === i);
            if (!l || !(other instanceof PyNode)) continue;
            const [mine, theirs] = l.intf1 === i ? [l.intf1, l.intf2] : [l.intf2, l.intf1];
            const peerNode = l.intf1 === i ? l.node2 : l.node1;
            if (peerNode === other.node) out.push(new PyTuple([wrapIntf(st, mine), wrapIntf(st, theirs)]));
          }
          return new PyList(out);
        });
      case 'cmd':
      case 'cmdPrint':
        return method(this, 'Node', name, { params: [], required: 0, varargs: true, varkw: name === 'cmd' }, function* (b) {
          const verbose = name === 'cmdPrint' || truthy(b.kw.get('verbose') ?? false);
          const args = b.rest;
          let line: string;
          if (args.length === 1 && args[0] instanceof PyList) line = args[0].items.map(str).join(' ');
          else if (args.length === 1 && typeof args[0] === 'string') line = args[0];
          else if (args.length > 0) line = args.map(str).join(' ');
          else throw new PyError('UnboundLocalError', "local variable 'cmd' referenced before assignment");
          if (!/\w/.test(line)) line = 'echo -n';
          if (verbose) c.out(`*** ${n.name} : ${new PyTuple(args).repr(new Set())}\n`);
          return yield* nodeCmd(c, n, line, verbose);
        });
      case 'setIP':
        return method(this, 'Node', 'setIP', { params: ['ip', 'prefixLen', 'intf'], required: 1, varkw: true }, function* (b) {
          const target = self.intfArg(c, b.vals[2]);
          if (!(target instanceof PyIntf)) throw attributeError(target, 'setIP');
          return yield* target.setIP(c, b.vals[0]!, b.vals[1] === undefined ? 8n : b.vals[1]);
        });
    }
    if (n instanceof OvsSwitch) {
      switch (name) {
        case 'dpid':
          return n.opts.dpid;
        case 'listenPort':
          return n.opts.listenPort === undefined ? null : BigInt(n.opts.listenPort);
        case 'failMode':
          return n.opts.failMode;
        case 'connected':
          return method(this, 'OVSSwitch', 'connected', { params: [], required: 0 }, function* () {
            return c.mn.switchConnected(n);
          });
        case 'dpctl':
          // OVSSwitch.dpctl: ovs-ofctl <cmd> <switch> <args...>
          return method(this, 'OVSSwitch', 'dpctl', { params: [], required: 0, varargs: true, varkw: true }, function* (b) {
            if (b.rest.length === 0) throw new PyError('IndexError', 'tuple index out of range');
            const line = ['ovs-ofctl', str(b.rest[0]!), n.name, ...b.rest.slice(1).map(str)].join(' ');
            return yield* nodeCmd(c, n, line, false);
          });
      }
    }
    if (n instanceof FabricSwitch) {
      if (name === 'dpid') return n.dpid;
      if (name === 'tier') return n.tier ?? null;
      if (name === 'pod') return n.pod === undefined ? null : BigInt(n.pod);
      if (name === 'connected') {
        return method(this, 'Switch', 'connected', { params: [], required: 0 }, function* () {
          return c.mn.switchConnected(n);
        });
      }
    }
    if (n instanceof ControllerNode) {
      if (name === 'ip') return n.ip;
      if (name === 'port') return BigInt(n.port);
    }
    if (NODE_UNSUPPORTED.has(name)) throw new PyUnsupported(`${n.name}.${name}`);
    return undefined;
  }
}

/** node.params: what Mininet passed to the node's constructor (net.py addHost/addSwitch). */
function nodeParams(mn: Mininet, n: NetNode): PyDict {
  const topoOpts: Record<string, unknown> = mn.opts.topo.node(n.name)?.opts ?? {};
  const d = new PyDict();
  if (n instanceof ControllerNode) {
    d.set('ip', n.ip);
    return d;
  }
  let consumed: string[];
  if (n instanceof Host && !(n instanceof FabricSwitch)) {
    const idx = (n as Host & { mnIndex?: number }).mnIndex;
    if (idx !== undefined) {
      d.set('ip', `${formatIpv4(ipAdd(mn.opts.ipBase, idx))}/${mn.opts.ipBase.prefixLen}`);
      if (mn.opts.autoSetMacs) d.set('mac', macFromIndex(idx));
    }
    consumed = ['cls', 'inNamespace'];
  } else {
    consumed = ['cls', 'dpid', 'opts', 'listenPort', 'inNamespace', 'failMode', 'datapath', 'inband', 'protocols', 'reconnectms', 'stp', 'batch', 'tier', 'pod', 'isSwitch'];
  }
  for (const [k, v] of Object.entries(topoOpts)) if (!consumed.includes(k)) d.set(k, fromJs(v));
  return d;
}

// ---- interfaces and links -----------------------------------------------------------------------------------

export class PyIntf extends PyObj {
  constructor(
    readonly intf: Intf,
    private readonly st: EvalState,
  ) {
    super();
  }
  /** TCLink makes TCIntf objects on both ends. */
  typeName(): string {
    return this.intf.link?.cls === 'TCLink' ? 'TCIntf' : 'Intf';
  }
  repr(): string {
    return `<${this.typeName()} ${this.intf.name}>`;
  }
  override str(): string {
    return this.intf.name;
  }

  private owner(c: PyCtx): NetNode | undefined {
    return c.mn.nodes().find((n) => n.intfs.includes(this.intf));
  }

  /** Intf.setIP: `ifconfig <intf> <ip>/<len> [up]`, run in the node's shell as Mininet does. */
  *setIP(c: PyCtx, ip: PyValue, prefixLen: PyValue): Task<PyValue> {
    if (typeof ip !== 'string') throw typeError(`argument of type '${typeName(ip)}' is not iterable`);
    const node = this.owner(c);
    if (!node) throw new PyUnsupported('setIP() on an interface that left the network');
    let cidr: string;
    let up = '';
    if (ip.includes('/')) {
      cidr = ip;
      up = ' up';
    } else {
      if (prefixLen === null) throw new PyError('Exception', `No prefix length set for IP address ${ip}`);
      cidr = `${ip}/${str(prefixLen)}`;
    }
    const parsed = parseCidr(cidr, 8);
    if (node instanceof Host && parsed && /^\d+\.\d+\.\d+\.\d+\/\d+$/.test(cidr)) {
      // What `ifconfig` does to a host interface, without a round trip through its parser.
      node.stack.setAddress(this.intf, parsed);
      if (up && !this.intf.adminUp) node.stack.setAdminState(this.intf, true);
      return '';
    }
    return yield* nodeCmd(c, node, `ifconfig ${this.intf.name} ${cidr}${up}`, false);
  }

  override getattr(c: PyCtx, name: string): PyValue | undefined {
    const i = this.intf;
    const none: Sig = { params: [], required: 0 };
    switch (name) {
      case 'name':
        return i.name;
      case 'node': {
        const n = this.owner(c);
        return n ? wrapNode(this.st, n) : null;
      }
      case 'link': {
        const l = c.mn.links.find((x) => x.intf1 === i || x.intf2 === i);
        return l ? wrapLink(this.st, l) : null;
      }
      case 'IP':
        return method(this, 'Intf', 'IP', none, function* () {
          const a = i.addrs[0];
          return a ? formatIpv4(a.addr) : null;
        });
      case 'MAC':
        return method(this, 'Intf', 'MAC', none, function* () {
          return i.mac;
        });
      case 'isUp':
        return method(this, 'Intf', 'isUp', { params: ['setUp'], required: 0 }, function* (b) {
          if (b.vals[0] !== undefined && truthy(b.vals[0])) throw new PyUnsupported('isUp(setUp=True)');
          return i.adminUp;
        });
      case 'status':
        return method(this, 'Intf', 'status', none, function* () {
          return 'OK';
        });
      case 'setIP':
        return method(this, 'Intf', 'setIP', { params: ['ipstr', 'prefixLen'], required: 1, varkw: true }, (b) =>
          this.setIP(c, b.vals[0]!, b.vals[1] === undefined ? null : b.vals[1]));
      case 'ifconfig':
        return method(this, 'Intf', 'ifconfig', { params: [], required: 0, varargs: true }, (b) => {
          const node = this.owner(c);
          if (!node) throw new PyUnsupported('ifconfig() on an interface that left the network');
          return nodeCmd(c, node, ['ifconfig', i.name, ...b.rest.map(str)].join(' '), false);
        });
    }
    if (['prefixLen', 'mac', 'ip', 'params', 'delete', 'rename', 'config', 'setMAC', 'setParam', 'updateIP', 'updateMAC', 'updateAddr', 'cmd'].includes(name)) {
      throw new PyUnsupported(`${i.name}.${name}`);
    }
    return undefined;
  }
}

export class PyLink extends PyObj {
  constructor(
    readonly link: MnLink,
    private readonly st: EvalState,
    private readonly addr: string,
  ) {
    super();
  }
  typeName(): string {
    return this.link.link.cls;
  }
  /** Link has no __repr__: Python's default. */
  repr(): string {
    return `<mininet.link.${this.typeName()} object at ${this.addr}>`;
  }
  override str(): string {
    return `${this.link.intf1.name}<->${this.link.intf2.name}`;
  }
  override getattr(_c: PyCtx, name: string): PyValue | undefined {
    switch (name) {
      case 'intf1':
        return wrapIntf(this.st, this.link.intf1);
      case 'intf2':
        return wrapIntf(this.st, this.link.intf2);
      case 'status':
        return method(this, 'Link', 'status', { params: [], required: 0 }, function* () {
          return '(OK OK)';
        });
    }
    if (['stop', 'delete', 'intfName', 'makeIntfPair', 'fast'].includes(name)) throw new PyUnsupported(`Link.${name}`);
    return undefined;
  }
}

// ---- the network -------------------------------------------------------------------------------------------

/** Ping loss as Mininet returns it: a float percentage, or the int 0 when nothing was sent. */
function lossValue(loss: number, hosts: readonly Host[]): PyValue {
  const sent = hosts.some((src) => hosts.some((dst) => dst !== src && dst.dataIntfs().length > 0));
  return sent ? loss : 0n;
}

export class PyNet extends PyObj {
  constructor(
    readonly mn: Mininet,
    private readonly st: EvalState,
    private readonly addr: string,
  ) {
    super();
  }
  typeName(): string {
    return 'Mininet';
  }
  repr(): string {
    return `<mininet.net.Mininet object at ${this.addr}>`;
  }
  override len(): number {
    return this.mn.nodes().length;
  }
  /** Iteration yields node names: hosts, switches, controllers. */
  override iter(): PyValue[] {
    return this.mn.nodes().map((n) => n.name);
  }
  override contains(v: PyValue): boolean {
    hashKey(v);
    return typeof v === 'string' && this.mn.get(v) !== undefined;
  }
  /** net[name] (nameToNode[name]). */
  override getitem(k: PyValue): PyValue {
    hashKey(k);
    const n = typeof k === 'string' ? this.mn.get(k) : undefined;
    if (!n) throw keyError(k);
    return wrapNode(this.st, n);
  }

  private hostList(v: PyValue): Host[] {
    return iterate(v).map((h) => {
      if (h instanceof PyNode && h.node instanceof Host) return h.node;
      if (h instanceof PyNode) throw new PyUnsupported(`pinging from ${h.node.name} (only hosts can ping here)`);
      throw attributeError(h, 'name');
    });
  }

  override getattr(c: PyCtx, name: string): PyValue | undefined {
    const mn = this.mn;
    const st = this.st;
    const none: Sig = { params: [], required: 0 };
    const nodes = (list: readonly NetNode[]) => new PyList(list.map((n) => wrapNode(st, n)));
    switch (name) {
      case 'hosts':
        return nodes(mn.hosts);
      case 'switches':
        return nodes(mn.allSwitches());
      case 'controllers':
        return nodes(mn.controllers);
      case 'links':
        return new PyList(mn.links.map((l) => wrapLink(st, l)));
      case 'nameToNode':
        return PyDict.of([...mn.controllers, ...mn.hosts, ...mn.allSwitches()].map((n) => [n.name, wrapNode(st, n)]));
      case 'get':
        return method(this, 'Mininet', 'get', { params: [], required: 0, varargs: true }, (b) => {
          const v = b.rest.length === 1 ? this.getitem(b.rest[0]!) : new PyList(b.rest.map((k) => this.getitem(k)));
          return (function* () {
            return v;
          })();
        });
      case 'keys':
        return method(this, 'Mininet', 'keys', none, function* () {
          return new PyList(mn.nodes().map((n) => n.name));
        });
      case 'values':
        return method(this, 'Mininet', 'values', none, function* () {
          return nodes(mn.nodes());
        });
      case 'items':
        return method(this, 'Mininet', 'items', none, function* () {
          const items = mn.nodes().map((n) => new PyTuple([n.name, wrapNode(st, n)]));
          return new PyIterator(items, 'zip', st.address());
        });
      case 'pingAll':
        return method(this, 'Mininet', 'pingAll', { params: ['timeout'], required: 0 }, function* (b) {
          const t = b.vals[0];
          const loss = yield* pingHosts(mn, c.session, c.out, undefined, { full: false, timeout: t !== undefined && truthy(t) ? str(t) : undefined });
          return lossValue(loss, mn.hosts);
        });
      case 'pingPair':
        return method(this, 'Mininet', 'pingPair', none, function* () {
          const hosts = mn.hosts.slice(0, 2);
          return lossValue(yield* pingHosts(mn, c.session, c.out, hosts, { full: false }), hosts);
        });
      case 'ping':
        return method(this, 'Mininet', 'ping', { params: ['hosts', 'timeout'], required: 0 }, (b) => {
          const hv = b.vals[0];
          const hosts = hv !== undefined && truthy(hv) ? this.hostList(hv) : undefined;
          const t = b.vals[1];
          return (function* () {
            const loss = yield* pingHosts(mn, c.session, c.out, hosts, { full: false, timeout: t !== undefined && truthy(t) ? str(t) : undefined });
            return lossValue(loss, hosts ?? mn.hosts);
          })();
        });
      case 'iperf':
        return method(this, 'Mininet', 'iperf', { params: ['hosts', 'l4Type', 'udpBw', 'fmt', 'seconds', 'port'], required: 0 }, (b) => {
          const [hv, l4, bw, fmt, seconds, port] = b.vals;
          let hosts: NetNode[] | undefined;
          if (hv !== undefined && truthy(hv)) {
            hosts = iterate(hv).map((h) => {
              if (!(h instanceof PyNode)) throw attributeError(h, 'cmd');
              return h.node;
            });
            if (hosts.length !== 2) throw new PyError('AssertionError', '');
          }
          const l4Type = l4 === undefined ? 'TCP' : l4;
          if (l4Type !== 'TCP' && l4Type !== 'UDP') throw new PyError('Exception', `Unexpected l4 type: ${str(l4Type)}`);
          if (fmt !== undefined && fmt !== null) throw new PyUnsupported('iperf(fmt=...)');
          if (port !== undefined && port !== 5001n) throw new PyUnsupported('iperf(port=...)');
          let secs: number | undefined;
          if (seconds !== undefined) {
            if (typeof seconds !== 'bigint' && typeof seconds !== 'number') throw new PyUnsupported('iperf(seconds=...) with a non-number');
            secs = Number(seconds);
          }
          return (function* () {
            const r = yield* iperfHosts(mn, c.session, c.out, { udp: l4Type === 'UDP', hosts, bw: bw === undefined ? undefined : str(bw), seconds: secs });
            return r ? new PyList(r) : null;
          })();
        });
      case 'configLinkStatus':
        return method(this, 'Mininet', 'configLinkStatus', { params: ['src', 'dst', 'status'], required: 3 }, function* (b) {
          const [src, dst, status] = b.vals as [PyValue, PyValue, PyValue];
          const find = (v: PyValue) => (hashKey(v), typeof v === 'string' ? mn.get(v) : undefined);
          const a = find(src);
          const z = find(dst);
          if (!a) c.out(`src not in network: ${str(src)}\n`);
          else if (!z) c.out(`dst not in network: ${str(dst)}\n`);
          else {
            if (status !== 'up' && status !== 'down') throw new PyUnsupported(`configLinkStatus() with status ${repr(status)} (use 'up' or 'down')`);
            if (mn.linksBetween(a, z).length === 0) c.out(`src and dst not connected: ${a.name} ${z.name}\n`);
            mn.configLinkStatus(a, z, status === 'up');
          }
          return null;
        });
    }
    if (NET_UNSUPPORTED.has(name)) throw new PyUnsupported(`net.${name}`);
    return undefined;
  }
}

// ---- cli.py's globals ------------------------------------------------------------------------------------------

/** Names cli.py imports that this sandbox does not provide. */
export const CLI_GLOBALS_UNSUPPORTED: Record<string, string> = {
  sys: 'the sys module', os: 'the os module', time: 'the time module', select: 'the select module',
  errno: 'the errno module', atexit: 'the atexit module', call: 'subprocess.call()', Cmd: 'the Cmd class',
  isatty: 'os.isatty()', poll: 'select.poll()', POLLIN: 'select.POLLIN', makeTerms: 'makeTerms()', runX11: 'runX11()',
  quietRun: 'quietRun()', CLI: 'the CLI class', isReadable: 'isReadable()',
};

/** mininet.log's output functions: the arguments joined with spaces, printed as-is. */
function logFn(c: PyCtx, name: string): PyFunction {
  return new PyFunction(name, { kind: 'function', addr: c.state.address() }, function* (a) {
    if (a.kwargs.size) throw typeError(`${name}() got an unexpected keyword argument '${[...a.kwargs.keys()][0]}'`);
    c.out(a.args.map(str).join(' '));
    return null;
  });
}

/** The names cli.py's module globals supply that this sandbox implements (or undefined). */
export function cliGlobal(c: PyCtx, name: string): PyValue | undefined {
  switch (name) {
    case 'info':
    case 'output':
    case 'error':
      return logFn(c, name);
    case 'dumpNodeConnections':
      // mininet/util.py: node name, then " intf:peer" for each interface (" intf: " if unlinked).
      return new PyFunction(name, { kind: 'function', addr: c.state.address() }, function* (a) {
        const b = bind(name, { params: ['nodes'], required: 1 }, a);
        for (const v of iterate(b.vals[0]!)) {
          if (!(v instanceof PyNode)) throw attributeError(v, 'name');
          let line = v.node.name;
          for (const i of mnIntfs(v.node)) line += ` ${i.name}:${i.peer ? i.peer.name : ' '}`;
          c.out(line + '\n');
        }
        return null;
      });
    case 'dumpPorts':
      return new PyFunction(name, { kind: 'function', addr: c.state.address() }, function* (a) {
        const b = bind(name, { params: ['switches'], required: 1 }, a);
        for (const v of iterate(b.vals[0]!)) {
          if (!(v instanceof PyNode)) throw attributeError(v, 'name');
          let line = v.node.name + ' ';
          for (const [i, p] of portsOf(v.node)) line += `${i.name}:${p} `;
          c.out(line + '\n');
        }
        return null;
      });
  }
  return undefined;
}
