/**
 * The Docker daemon on the lab machine (Docker 28, reference/docker.md): networks and their
 * bridges, IPAM, containers as hosts of the emulator, the embedded DNS, isolation between
 * bridges, and published ports. Commands (commands/docker/*) call it and print; it never prints.
 * Errors are returned as the daemon's message text (without "Error response from daemon: ").
 */
import type { Sandbox } from '../sandbox';
import { Vfs } from '../fs/vfs';
import { Intf } from '../net/interface';
import type { Rng } from '../sim/rng';
import type { Ipv4 } from '../wire/addr';
import { formatIpv4, maskOf, parseIpv4 } from '../wire/addr';
import type { TcpConnection } from '../net/tcp';
import { Job } from '../shell/process';
import { Masquerade } from '../net/masquerade';
import type { MasqueradeRule } from '../net/masquerade';
import { LinuxBridge } from './bridge';
import type { ContainerState, Endpoint, PortBinding } from './container';
import { Container, ContainerHost } from './container';
import { etcHosts, resolvConfInternal, resolvConfLegacy } from './etc-files';
import { generateName, hexId, randomLocalMac, shortId } from './ids';
import type { Subnet } from './ipam';
import { allocateSubnet, contains, lowestFree, overlaps } from './ipam';
import { DockerNetwork } from './network';
import type { ImageSpec, ServiceContext, StopSignal } from './service';
import { registeredImages } from './service';
import { startMainProcess } from './main-process';
import { publicAddress, publicPtr } from '../devices/upstream';

export interface NetworkCreateOptions {
  readonly driver: string;
  readonly subnet?: Subnet;
  readonly gateway?: Ipv4;
  readonly ipRange?: Subnet;
  readonly internal: boolean;
  readonly attachable: boolean;
  readonly options: Record<string, string>;
  readonly labels: Record<string, string>;
}

export interface NetworkRequest {
  readonly network: string;
  readonly ip?: Ipv4;
  readonly aliases: readonly string[];
}

export interface ContainerCreateOptions {
  readonly image: ImageSpec;
  readonly imageRef: string;
  readonly name?: string;
  readonly cmd?: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly env: readonly string[];
  readonly hostname?: string;
  readonly networks: readonly NetworkRequest[];
  readonly ports: readonly PortBinding[];
  readonly autoRemove: boolean;
  readonly tty: boolean;
  readonly interactive: boolean;
  readonly volumes: readonly { hostPath: string; containerPath: string }[];
}

const DEFAULT_BRIDGE_OPTIONS: Record<string, string> = {
  'com.docker.network.bridge.default_bridge': 'true',
  'com.docker.network.bridge.enable_icc': 'true',
  'com.docker.network.bridge.enable_ip_masquerade': 'true',
  'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
  'com.docker.network.bridge.name': 'docker0',
  'com.docker.network.driver.mtu': '1500',
};

export class DockerEngine {
  readonly rng: Rng;
  readonly networks: DockerNetwork[] = [];
  readonly containers: Container[] = [];
  /** Images present locally, as 'repository:tag'. */
  readonly pulled = new Set<string>();
  /** Host ports taken by published ports, with the proxy's listening port. */
  private readonly published = new Map<number, Container>();

  constructor(readonly sandbox: Sandbox) {
    this.rng = sandbox.net.rng.fork();
    const lab = sandbox.lab;
    // dockerd turns forwarding on, and its iptables rules drop traffic between bridges (§4.2).
    lab.stack.ipForward = 1;
    // An --internal network's traffic never leaves its bridge (DOCKER-INTERNAL).
    lab.stack.forwardFilter = (_pkt, inIntf, outIntf) => {
      const a = this.networks.find((n) => n.hostIntf === inIntf);
      const b = this.networks.find((n) => n.hostIntf === outIntf);
      if (a && b && a !== b) return false;
      return !((a?.opts.internal || b?.opts.internal) && a !== b);
    };
    // Outbound NAT, one rule per network: -s SUBNET ! -o BRIDGE -j MASQUERADE (§4.2).
    lab.stack.nat = new Masquerade(() => this.masqueradeRules());
    lab.extraRootIntfs.push(() => this.rootIntfs());
    for (const img of registeredImages()) if (img.local) for (const t of img.tags) this.pulled.add(`${img.repository}:${t}`);
    const now = sandbox.now;
    const bridge = new DockerNetwork('bridge', hexId(this.rng), 'bridge', now, { net: parseIpv4('172.17.0.0')!, prefixLen: 16 },
      parseIpv4('172.17.0.1')!, { userSubnet: false, internal: false, attachable: false, builtin: true, options: DEFAULT_BRIDGE_OPTIONS, labels: {} });
    this.networks.push(bridge);
    this.networks.push(new DockerNetwork('host', hexId(this.rng), 'host', now, undefined, undefined,
      { userSubnet: false, internal: false, attachable: false, builtin: true, options: {}, labels: {} }));
    this.networks.push(new DockerNetwork('none', hexId(this.rng), 'null', now, undefined, undefined,
      { userSubnet: false, internal: false, attachable: false, builtin: true, options: {}, labels: {} }));
    this.attachBridge(bridge);
  }

  private masqueradeRules(): MasqueradeRule[] {
    const rules: MasqueradeRule[] = [];
    for (const n of this.networks) {
      if (!n.hostIntf || !n.subnet || n.opts.internal) continue;
      if (n.opts.options['com.docker.network.bridge.enable_ip_masquerade'] === 'false') continue;
      rules.push({ net: n.subnet.net, prefixLen: n.subnet.prefixLen, notOut: n.hostIntf });
    }
    return rules;
  }

  /** Interfaces the engine adds to the lab machine's root namespace: bridges and host-side veths. */
  private rootIntfs(): Intf[] {
    const list: Intf[] = [];
    for (const n of this.networks) for (const p of n.bridge?.intfs ?? []) if (p.name.startsWith('veth')) list.push(p);
    return list;
  }

  private attachBridge(n: DockerNetwork): void {
    const net = this.sandbox.net;
    const lab = this.sandbox.lab;
    const br = new LinuxBridge(net, n.bridgeName);
    const mac = randomLocalMac(this.rng);
    const own = br.addPort(n.bridgeName + '-port', mac, 0);
    const intf = new Intf(n.bridgeName, mac, lab, net.allocRootIfindex());
    intf.txqueuelen = 0; // bridges and Docker's netlink-made veths have no qlen
    lab.intfs.push(intf);
    net.connect(intf, own);
    lab.stack.addAddress(intf, { addr: n.gateway!, prefixLen: n.subnet!.prefixLen });
    n.bridge = br;
    n.hostIntf = intf;
    n.used.add(n.gateway!);
  }

  private detachBridge(n: DockerNetwork): void {
    const lab = this.sandbox.lab;
    const intf = n.hostIntf;
    if (!intf) return;
    lab.stack.removeAddress(intf, { addr: n.gateway!, prefixLen: n.subnet!.prefixLen });
    if (intf.link) this.sandbox.net.disconnect(intf.link);
    lab.intfs.splice(lab.intfs.indexOf(intf), 1);
    n.bridge = undefined;
    n.hostIntf = undefined;
  }

  // ---- networks ----

  /** A network by name, then by unique id prefix (moby FindNetwork). */
  findNetwork(ref: string): DockerNetwork | string {
    const byName = this.networks.filter((n) => n.name === ref);
    if (byName.length === 1) return byName[0]!;
    const byId = ref === '' ? [] : this.networks.filter((n) => n.id.startsWith(ref));
    if (byId.length === 1) return byId[0]!;
    if (byId.length > 1) return `network ${ref} is ambiguous (${byId.length} matches found based on ID prefix)`;
    return `network ${ref} not found`;
  }

  createNetwork(name: string, o: NetworkCreateOptions): DockerNetwork | string {
    if (name === '') return 'invalid name: name is empty';
    if (['bridge', 'host', 'none'].includes(name)) return `operation is not permitted on predefined ${name} network `;
    if (this.networks.some((n) => n.name === name)) return `network with name ${name} already exists`;
    if (o.driver !== 'bridge') return `plugin "${o.driver}" not found`;
    const inUse = this.networks.flatMap((n) => (n.subnet ? [n.subnet] : []));
    let subnet = o.subnet;
    if (subnet) {
      if (inUse.some((u) => overlaps(u, subnet!))) return 'invalid pool request: Pool overlaps with other one on this address space';
    } else {
      subnet = allocateSubnet(inUse);
      if (!subnet) return 'all predefined address pools have been fully subnetted';
    }
    const gateway = o.gateway ?? lowestFree(subnet, new Set(), o.ipRange)!;
    const n = new DockerNetwork(name, hexId(this.rng), 'bridge', this.sandbox.now, subnet, gateway, {
      ipRange: o.ipRange, userSubnet: o.subnet !== undefined, internal: o.internal, attachable: o.attachable,
      builtin: false, options: o.options, labels: o.labels,
    });
    this.networks.push(n);
    this.attachBridge(n);
    return n;
  }

  /** Running containers attached to a network (its active endpoints). */
  attached(n: DockerNetwork): Container[] {
    return this.containers.filter((c) => c.running && c.endpoints.some((e) => e.network === n));
  }

  removeNetwork(n: DockerNetwork): string | undefined {
    if (n.opts.builtin) return `${n.name} is a pre-defined network and cannot be removed`;
    const active = this.attached(n);
    if (active.length) {
      const c = active[0]!;
      return `error while removing network: network ${n.name} has active endpoints (name:"${c.name}" id:"${shortId(c.id)}")`;
    }
    for (const c of this.containers) {
      const i = c.endpoints.findIndex((e) => e.network === n);
      if (i >= 0) c.endpoints.splice(i, 1);
    }
    this.detachBridge(n);
    this.networks.splice(this.networks.indexOf(n), 1);
    return undefined;
  }

  // ---- containers ----

  /** A container by full id, name, or unique id prefix. */
  findContainer(ref: string): Container | undefined {
    const r = ref.replace(/^\//, '');
    return (
      this.containers.find((c) => c.id === r) ??
      this.containers.find((c) => c.name === r) ??
      (r.length > 0 ? oneOf(this.containers.filter((c) => c.id.startsWith(r))) : undefined)
    );
  }

  /** Validate the network part of a create request (errors raised at create time, §3.2). */
  private checkEndpoint(req: NetworkRequest): string | undefined {
    const n = this.findNetwork(req.network);
    if (typeof n === 'string') return undefined; // reported at start
    if (req.ip !== undefined) {
      const head = `invalid config for network ${n.name}: invalid endpoint settings:\n`;
      if (n.isDefaultBridge || n.driver !== 'bridge') return head + 'user specified IP address is supported on user defined networks only';
      if (!n.opts.userSubnet) return head + 'user specified IP address is supported only when connecting to networks with user configured subnets';
      if (!contains(n.opts.ipRange ?? n.subnet!, req.ip)) return head + `no configured subnet or ip-range contain the IP address ${formatIpv4(req.ip)}`;
    }
    if (req.aliases.length && n.isDefaultBridge) return 'network-scoped aliases are only supported for user-defined networks';
    return undefined;
  }

  createContainer(o: ContainerCreateOptions): Container | string {
    if (o.name !== undefined) {
      if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(o.name)) return `Invalid container name (${o.name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`;
      const other = this.containers.find((c) => c.name === o.name);
      if (other) {
        return `Conflict. The container name "/${o.name}" is already in use by container "${other.id}". You have to remove (or rename) that container to be able to reuse that name.`;
      }
    }
    for (const r of o.networks) {
      const e = this.checkEndpoint(r);
      if (e) return e;
    }
    const id = hexId(this.rng);
    const name = o.name ?? generateName(this.rng, (n) => this.containers.some((c) => c.name === n), id);
    const fs = new Vfs(() => this.sandbox.net.sched.now);
    o.image.files(fs);
    for (const v of o.volumes) copyInto(this.sandbox.fs, v.hostPath, fs, v.containerPath);
    const c = new Container(id, name, o.image, o.imageRef, this.sandbox.now, fs, {
      entrypoint: o.entrypoint ?? o.image.entrypoint,
      cmd: o.cmd && o.cmd.length ? o.cmd : o.image.cmd,
      env: [...o.image.env, ...o.env],
      hostname: o.hostname ?? shortId(id),
      ports: o.ports,
      autoRemove: o.autoRemove,
      tty: o.tty,
      interactive: o.interactive,
    });
    c.host = new ContainerHost(this.sandbox.net, name, fs, c);
    const reqs = o.networks.length ? o.networks : [{ network: 'bridge', aliases: [] }];
    for (const r of reqs) {
      const n = this.findNetwork(r.network);
      c.endpoints.push({ network: typeof n === 'string' ? placeholderNetwork(r.network) : n, staticIp: r.ip, aliases: r.aliases });
    }
    fs.writeFile('/etc/hostname', c.config.hostname + '\n');
    this.containers.push(c);
    return c;
  }

  /**
   * Start a container: endpoints, files, published ports, then its main process. `attached`
   * means `docker run -it`/`start -a` will drive a shell itself. Returns a daemon error.
   */
  start(c: Container, attached = false): string | undefined {
    if (c.running) return undefined;
    for (const e of c.endpoints) {
      if (!this.networks.includes(e.network)) return `failed to set up container networking: network ${e.network.name} not found`;
    }
    for (const p of c.config.ports) {
      if (this.published.has(p.hostPort) || this.sandbox.lab.stack.tcp.isListening(p.hostPort)) {
        return `failed to set up container networking: driver failed programming external connectivity on endpoint ${c.name} (${hexId(this.rng)}): Bind for 0.0.0.0:${p.hostPort} failed: port is already allocated`;
      }
    }
    for (const e of c.endpoints) {
      if (e.staticIp !== undefined && e.network.used.has(e.staticIp)) return 'failed to set up container networking: Address already in use';
    }
    this.plugEndpoints(c);
    for (const p of c.config.ports) this.publish(c, p);
    c.state = 'running';
    c.exitCode = 0;
    c.startedAt = this.sandbox.now;
    c.finishedAt = undefined;
    startMainProcess(this, c, attached);
    return undefined;
  }

  private plugEndpoints(c: Container): void {
    const host = c.host;
    // A fresh namespace each start: lo only, then eth0, eth1 ... in network order.
    for (const i of host.dataIntfs()) host.intfs.splice(host.intfs.indexOf(i), 1);
    for (const r of [...host.stack.routes.list()]) host.stack.routes.delete(r);
    for (const e of c.endpoints) this.plugEndpoint(c, e);
    this.writeEtcHosts(c);
    const first = c.endpoints[0]?.network;
    c.fs.writeFile('/etc/resolv.conf', first && !first.isDefaultBridge ? resolvConfInternal() : resolvConfLegacy());
  }

  /** /etc/hosts: one line per own address, in the order the networks were joined (§4.3). */
  private writeEtcHosts(c: Container): void {
    const addrs = c.endpoints.flatMap((e) => (e.ip !== undefined ? [e.ip] : []));
    c.fs.writeFile('/etc/hosts', etcHosts(addrs, c.config.hostname));
  }

  /** Create one endpoint in a running namespace: the lowest free ethN, its veth on the bridge, an address. */
  private plugEndpoint(c: Container, e: Endpoint): void {
    const host = c.host;
    const n = e.network;
    if (n.driver !== 'bridge' || !n.bridge) return;
    const ip = e.staticIp ?? lowestFree(n.subnet!, n.used, n.opts.ipRange)!;
    n.used.add(ip);
    const hostIndex = this.sandbox.net.allocRootIfindex();
    const veth = n.bridge.addPort('veth' + hexId(this.rng, 7), randomLocalMac(this.rng), hostIndex);
    veth.txqueuelen = 0;
    const mac = randomLocalMac(this.rng);
    let k = 0;
    while (host.intfs.some((i) => i.name === `eth${k}`)) k++;
    const intf = new Intf(`eth${k}`, mac, host, host.nextIfindex());
    intf.txqueuelen = 0;
    host.intfs.push(intf);
    this.sandbox.net.connect(intf, veth);
    host.stack.addAddress(intf, { addr: ip, prefixLen: n.subnet!.prefixLen });
    if (!host.stack.routes.lookup(0)) {
      host.stack.routes.add({ dst: 0, prefixLen: 0, via: n.gateway, dev: intf, proto: 'static', scope: 'global', metric: 0, type: 'unicast' });
    }
    e.ip = ip;
    e.mac = mac;
    e.endpointId = hexId(this.rng);
    e.intf = intf;
    e.hostIntf = veth;
    this.announce(c, e);
  }

  /**
   * Docker 28 sends unsolicited ARP for a new endpoint (bridge driver, advertise_addr_nmsgs):
   * neighbours on the bridge that still map the address to an old MAC (a restarted container
   * gets a new random MAC, §3.8) update the entry, as Linux does for a gratuitous ARP, to STALE.
   */
  private announce(c: Container, e: Endpoint): void {
    const stacks = [this.sandbox.lab.stack];
    for (const o of this.containers) if (o !== c && o.running && o.endpoints.some((x) => x.network === e.network)) stacks.push(o.host.stack);
    for (const st of stacks) {
      const entry = st.neighbors.cache.get(e.ip!);
      if (entry && entry.state !== 'PERMANENT' && entry.state !== 'INCOMPLETE' && entry.mac !== e.mac) {
        entry.mac = e.mac!;
        entry.state = 'STALE';
      }
    }
  }

  /** Remove one endpoint from a running namespace; the default route moves to the next network. */
  private unplugEndpoint(c: Container, e: Endpoint): void {
    const host = c.host;
    if (e.ip !== undefined) e.network.used.delete(e.ip);
    const intf = e.intf;
    if (intf) {
      for (const r of [...host.stack.routes.list()]) if (r.dev === intf) host.stack.routes.delete(r);
      if (intf.addrs[0]) host.stack.removeAddress(intf, intf.addrs[0]);
      if (intf.link) this.sandbox.net.disconnect(intf.link);
      const k = host.intfs.indexOf(intf);
      if (k >= 0) host.intfs.splice(k, 1);
    }
    if (e.hostIntf) e.network.bridge?.removePort(e.hostIntf);
    e.ip = undefined;
    e.mac = undefined;
    e.endpointId = undefined;
    e.intf = undefined;
    e.hostIntf = undefined;
    if (!host.stack.routes.lookup(0)) {
      const next = c.endpoints.find((x) => x !== e && x.intf && x.network.gateway !== undefined);
      if (next) host.stack.routes.add({ dst: 0, prefixLen: 0, via: next.network.gateway, dev: next.intf!, proto: 'static', scope: 'global', metric: 0, type: 'unicast' });
    }
  }

  /**
   * `docker network connect` (§2.3): a running container gets a new ethN at once, a stopped one
   * keeps the setting for its next start. Returns the daemon's error.
   */
  connect(c: Container, n: DockerNetwork, ip: Ipv4 | undefined, aliases: readonly string[]): string | undefined {
    if (ip !== undefined) {
      const head = 'invalid endpoint settings:\n';
      if (n.isDefaultBridge || n.driver !== 'bridge') return head + 'user specified IP address is supported on user defined networks only';
      if (!n.opts.userSubnet) return head + 'user specified IP address is supported only when connecting to networks with user configured subnets';
      if (!contains(n.opts.ipRange ?? n.subnet!, ip)) return head + `no configured subnet or ip-range contain the IP address ${formatIpv4(ip)}`;
    }
    if (aliases.length && n.isDefaultBridge) return 'network-scoped aliases are only supported for user-defined networks';
    if (c.endpoints.some((e) => e.network === n)) return `endpoint with name ${c.name} already exists in network ${n.name}`;
    if (n.driver !== 'bridge') return `container cannot be disconnected from host network or connected to host network`;
    if (c.running && ip !== undefined && n.used.has(ip)) return 'Address already in use';
    const e: Endpoint = { network: n, staticIp: ip, aliases };
    c.endpoints.push(e);
    if (c.running) {
      this.plugEndpoint(c, e);
      this.writeEtcHosts(c);
    }
    return undefined;
  }

  /** `docker network disconnect` (§2.4). `force` is accepted as Docker does (it matters for stale endpoints). */
  disconnect(c: Container, n: DockerNetwork): string | undefined {
    const e = c.endpoints.find((x) => x.network === n);
    if (!e) return `container ${c.id} is not connected to ${c.running ? '' : 'the '}network ${n.name}`;
    if (c.running) this.unplugEndpoint(c, e);
    c.endpoints.splice(c.endpoints.indexOf(e), 1);
    if (c.running) this.writeEtcHosts(c);
    return undefined;
  }

  /** `docker network prune` (§2.6): user networks without a running container, by name. */
  pruneNetworks(): string[] {
    const deleted: string[] = [];
    for (const n of [...this.networks].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (n.opts.builtin || this.attached(n).length) continue;
      if (this.removeNetwork(n) === undefined) deleted.push(n.name);
    }
    return deleted;
  }

  private unplugEndpoints(c: Container): void {
    for (const e of c.endpoints) {
      if (e.ip !== undefined) e.network.used.delete(e.ip);
      if (e.intf?.link) this.sandbox.net.disconnect(e.intf.link);
      if (e.hostIntf) e.network.bridge?.removePort(e.hostIntf);
      if (e.intf?.addrs[0]) c.host.stack.removeAddress(e.intf, e.intf.addrs[0]);
      e.ip = undefined;
      e.mac = undefined;
      e.endpointId = undefined;
      e.intf = undefined;
      e.hostIntf = undefined;
    }
    for (const i of c.host.dataIntfs()) c.host.intfs.splice(c.host.intfs.indexOf(i), 1);
    for (const r of [...c.host.stack.routes.list()]) c.host.stack.routes.delete(r);
  }

  /** The container's main process ended (or was killed): Exited (status). */
  exited(c: Container, status: number): void {
    if (!c.running) return;
    for (const t of c.timers) t();
    c.timers.clear();
    c.service = undefined;
    const job = c.mainJob;
    c.mainJob = undefined;
    if (job && !job.done) job.kill(status);
    for (const [port, owner] of this.published) {
      if (owner === c) {
        this.sandbox.lab.stack.tcp.unlisten(port);
        this.published.delete(port);
      }
    }
    this.unplugEndpoints(c);
    c.state = 'exited';
    c.exitCode = status;
    c.finishedAt = this.sandbox.now;
    if (c.config.autoRemove) this.remove(c);
  }

  /**
   * Stop with the image's stop signal. Returns the virtual microseconds the caller must wait
   * (10 s when the process ignores the signal: then it is killed, 137) and applies the exit then.
   */
  stopSignalResult(c: Container, signal?: StopSignal): { waitUs: number; status: number } {
    const sig = signal ?? c.image.stopSignal ?? 'SIGTERM';
    if (c.service) {
      const s = c.service.stop(sig);
      if (s !== undefined) return { waitUs: 0, status: s };
      return { waitUs: 10_000_000, status: 137 };
    }
    // A shell or sleep as PID 1 ignores SIGTERM (no handler): killed after the timeout.
    return { waitUs: sig === 'SIGKILL' ? 0 : 10_000_000, status: 137 };
  }

  kill(c: Container): void {
    if (!c.running) return;
    c.service?.stop('SIGKILL');
    this.exited(c, 137);
  }

  remove(c: Container): void {
    const i = this.containers.indexOf(c);
    if (i >= 0) this.containers.splice(i, 1);
  }

  // ---- published ports: a userland proxy on the lab machine (docker-proxy) ----

  private publish(c: Container, p: PortBinding): void {
    if (p.proto !== 'tcp') return;
    const lab = this.sandbox.lab.stack;
    this.published.set(p.hostPort, c);
    lab.tcp.listen(p.hostPort, (client) => this.proxy(c, p, client));
  }

  private proxy(c: Container, p: PortBinding, client: TcpConnection): import('../net/tcp').TcpHandlers {
    const lab = this.sandbox.lab.stack;
    const pending: string[] = [];
    let upstream: TcpConnection | undefined;
    let connected = false;
    let clientEnded = false;
    const target = c.endpoints.find((e) => e.ip !== undefined)?.ip;
    if (target !== undefined) {
      const u = lab.tcp.connect(target, p.containerPort, {
        onConnect: () => {
          connected = true;
          for (const d of pending.splice(0)) u0().send(d);
          if (clientEnded) u0().close();
        },
        onData: (_c, d) => client.send(d),
        onEnd: () => client.close(),
        onError: () => client.abort(),
      });
      if (typeof u !== 'string') upstream = u;
    }
    const u0 = (): TcpConnection => upstream!;
    if (!upstream) client.close();
    return {
      onData: (_c, d) => {
        if (connected) upstream?.send(d);
        else pending.push(d);
      },
      onEnd: () => {
        clientEnded = true;
        if (connected) upstream?.close();
      },
      onError: () => upstream?.abort(),
    };
  }

  // ---- name resolution: the embedded DNS at 127.0.0.11 (§4.1) ----

  /** Resolve a name from inside `c`: /etc/hosts, then container names, aliases and short ids on shared user networks. */
  resolveFrom(c: Container, name: string): Ipv4 | undefined {
    const direct = parseIpv4(name);
    if (direct !== undefined) return direct;
    const hosts = c.fs.readFile('/etc/hosts');
    if (typeof hosts === 'string' && hosts !== 'ENOENT' && hosts !== 'EISDIR') {
      for (const line of hosts.split('\n')) {
        const f = line.replace(/#.*/, '').trim().split(/\s+/);
        if (f.length >= 2 && f.slice(1).includes(name)) {
          const a = parseIpv4(f[0]!);
          if (a !== undefined) return a;
        }
      }
    }
    const bare = name.replace(/\.$/, '');
    for (const e of c.endpoints) {
      if (!e.network.bridge || e.network.isDefaultBridge || e.ip === undefined) continue;
      for (const o of this.containers) {
        if (!o.running) continue;
        const oe = o.endpoints.find((x) => x.network === e.network && x.ip !== undefined);
        if (!oe) continue;
        const names = [o.name, shortId(o.id), o.config.hostname, ...oe.aliases, `${o.name}.${e.network.name}`];
        if (names.includes(bare)) return oe.ip;
      }
    }
    // Anything else goes to the host's resolvers (user networks) or 8.8.8.8 (the default bridge).
    return this.online(c) ? publicAddress(bare) : undefined;
  }

  /** Has `c` a way out: an address on a network that is not --internal? */
  online(c: Container): boolean {
    return c.endpoints.some((e) => e.ip !== undefined && e.network.bridge !== undefined && !e.network.opts.internal);
  }

  /** The PTR name of an address as seen from `c` (`c2.mynet`), if a container on a shared network has it. */
  reverseFrom(c: Container, ip: Ipv4): string | undefined {
    for (const e of c.endpoints) {
      if (!e.network.bridge || e.network.isDefaultBridge || e.ip === undefined) continue;
      for (const o of this.containers) {
        const oe = o.endpoints.find((x) => x.network === e.network && x.ip === ip);
        if (oe && o.running) return `${o.name}.${e.network.name}`;
      }
    }
    return this.online(c) ? publicPtr(ip) : undefined;
  }

  /** The context a service runs with (service.ts). */
  serviceContext(c: Container): ServiceContext {
    const sched = this.sandbox.net.sched;
    const rng = this.rng.fork();
    let pid = 1;
    return {
      host: c.host,
      fs: c.fs,
      env: c.envMap(),
      args: c.config.cmd,
      name: c.name,
      id: c.id,
      hostname: c.config.hostname,
      rng,
      stdout: (t) => c.log('stdout', t),
      stderr: (t) => c.log('stderr', t),
      now: () => sched.now,
      wallSeconds: () => 1768208400 + sched.now / 1e6,
      after: (us, fn) => {
        const h = sched.after(us, () => {
          c.timers.delete(cancel);
          if (c.running) fn();
        });
        const cancel = (): void => {
          sched.cancel(h);
          c.timers.delete(cancel);
        };
        c.timers.add(cancel);
        return cancel;
      },
      resolve: (n) => this.resolveFrom(c, n),
      exit: (status) => sched.after(0, () => this.exited(c, status)),
      allocPid: () => (pid += 1 + rng.int(3)),
    };
  }

  /** Drive a Proc as a container's main process. */
  runMain(c: Container, proc: import('../shell/process').Proc): void {
    const job = new Job(this.sandbox.net.sched, proc, (m) => c.log('stderr', m + '\n'));
    c.mainJob = job;
    job.onExit((s) => {
      if (c.mainJob === job) this.exited(c, s);
    });
    job.start();
  }

  stateOf(c: Container): ContainerState {
    return c.state;
  }

  subnetMask(n: DockerNetwork): Ipv4 {
    return maskOf(n.subnet?.prefixLen ?? 0);
  }
}

function oneOf<T>(xs: T[]): T | undefined {
  return xs.length === 1 ? xs[0] : undefined;
}

/** A network that was named at create but does not exist (the error comes at start). */
function placeholderNetwork(name: string): DockerNetwork {
  return new DockerNetwork(name, '', 'bridge', 0, undefined, undefined,
    { userSubnet: false, internal: false, attachable: false, builtin: false, options: {}, labels: {} });
}

/** -v HOST:CONTAINER for lab files: copy a file or a directory tree into the container's filesystem. */
function copyInto(from: Vfs, src: string, to: Vfs, dst: string): void {
  if (from.isFile(src)) {
    const t = from.readFile(src);
    const parent = dst.replace(/\/[^/]*$/, '') || '/';
    to.mkdir(parent, true);
    if (typeof t === 'string') to.writeFile(dst, t);
    return;
  }
  if (!from.isDir(src)) {
    to.mkdir(dst, true);
    return;
  }
  to.mkdir(dst, true);
  for (const n of from.names(src)) copyInto(from, `${src}/${n.replace(/\/$/, '')}`, to, `${dst}/${n.replace(/\/$/, '')}`);
}

export type { Endpoint };
