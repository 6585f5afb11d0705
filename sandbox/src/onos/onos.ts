/**
 * The emulated ONOS 2.7 controller on the lab machine (reference/onos.md): its lifecycle
 * (stopped -> starting -> running -> stopping, §1.1), its applications (§5.1, §5.2) and the
 * services they switch on: the OpenFlow provider (openflow-base), LLDP link discovery
 * (lldpprovider), host location (hostprovider), proxy ARP, reactive forwarding (fwd), intents,
 * flow rules and topology. Implements OnosView (model.ts) for the CLI, the GUI panel and lesson
 * checks. Nothing runs and nothing is scheduled until `start()`: an idle sandbox pays nothing.
 * Every event ONOS schedules carries the run it belongs to, so a stop silences them all.
 */
import type { Network } from '../net/network';
import type { Vfs } from '../fs/vfs';
import type { Micros } from '../sim/time';
import type { Rng } from '../sim/rng';
import { LAB_EPOCH_SECONDS } from '../sim/calendar';
import type {
  AppCommandResult, OnosAppInfo, OnosConfigProperty, OnosDeviceInfo, OnosFlowInfo, OnosHostInfo, OnosIntentInfo, OnosLinkInfo, OnosPath,
  OnosStatus, OnosView,
} from './model';
import { APP_CATALOGUE, DEFAULT_APPS, ONOS_VERSION } from './apps';
import { ComponentConfig } from './config';
import { AppStates } from './app-state';
import type { LogLevel, LogListener } from './karaf-log';
import { KARAF_HOME, KarafLog } from './karaf-log';
import { OpenFlowProvider } from './openflow-provider';
import { FlowRuleService } from './flow-rules';
import { PacketService } from './packet-service';
import { LinkDiscovery } from './link-discovery';
import { HostService } from './hosts';
import { ReactiveForwarding } from './fwd';
import { ProxyArp } from './proxy-arp';
import { IntentService } from './intents';
import { TopologyGraph } from './topology';

export type StatusListener = (status: OnosStatus) => void;

/** How ONOS was started: by a shell process (onos-service) or as a service (service/systemctl). */
export type OnosLauncher = 'shell' | 'service';

/** The manager components that log `Started` as Karaf brings ONOS up (core/net, core/store). */
const STARTUP_COMPONENTS = [
  'ClusterMetadataManager', 'AtomixManager', 'ClusterManager', 'ApplicationManager', 'DeviceManager', 'LinkManager',
  'HostManager', 'TopologyManager', 'FlowRuleManager', 'PacketManager', 'IntentManager',
];

export class Onos implements OnosView {
  status: OnosStatus = 'stopped';
  readonly version = ONOS_VERSION;
  readonly nodeIp = '127.0.0.1';
  startedAt: Micros | undefined;
  /** The Karaf JVM's process id while it runs. */
  pid: number | undefined;
  launcher: OnosLauncher | undefined;
  /** When the current run was launched (virtual time), while the JVM runs. */
  launchedAt: Micros | undefined;
  /** Changes whenever anything a view shows changes (the GUI polls it). */
  revision = 0;

  readonly appStore: AppStates;
  readonly provider: OpenFlowProvider;
  readonly flowRules: FlowRuleService;
  readonly packets: PacketService;
  readonly linkDiscovery: LinkDiscovery;
  readonly hostStore: HostService;
  readonly fwd: ReactiveForwarding;
  readonly proxyArp: ProxyArp;
  readonly intentService: IntentService;
  /** Component properties (`cfg`); kept across restarts. */
  readonly config = new ComponentConfig();
  private readonly karafLog: KarafLog;
  /** Features started with feature:install (their components run without the app being active). */
  private readonly features = new Set<string>();

  private rngSource: Rng | undefined;
  /** Grows at every start and stop: events of an earlier run see a different value and do nothing. */
  private run = 0;
  private graph: TopologyGraph | undefined;
  private changedAt: Micros = 0;
  private topologyLogQueued = false;
  private statusListeners = new Set<StatusListener>();

  constructor(
    readonly net: Network,
    private readonly fs: Vfs,
    private readonly allocPid: () => number,
  ) {
    this.karafLog = new KarafLog(fs, ONOS_VERSION);
    this.appStore = new AppStates((name, active) => this.appChanged(name, active));
    this.provider = new OpenFlowProvider(this);
    this.flowRules = new FlowRuleService(this);
    this.packets = new PacketService(this);
    this.linkDiscovery = new LinkDiscovery(this);
    this.hostStore = new HostService(this);
    this.fwd = new ReactiveForwarding(this);
    this.proxyArp = new ProxyArp(this);
    this.intentService = new IntentService(this);
  }

  get now(): Micros {
    return this.net.sched.now;
  }

  /** ONOS's own random source, forked from the network's at start (so it shifts nothing else). */
  get rng(): Rng {
    this.rngSource ??= this.net.rng.fork();
    return this.rngSource;
  }

  get running(): boolean {
    return this.status === 'running';
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  onStatus(l: StatusListener): () => void {
    this.statusListeners.add(l);
    return () => this.statusListeners.delete(l);
  }

  onLog(l: LogListener): () => void {
    return this.karafLog.onLog(l);
  }

  /** Start Karaf and ONOS; false if it is already up (starting, running or stopping). */
  start(launcher: OnosLauncher): boolean {
    if (this.status !== 'stopped') return false;
    this.run++;
    this.launcher = launcher;
    this.launchedAt = this.now;
    this.pid = this.allocPid();
    this.fs.mkdir(`${KARAF_HOME}/data/log`, true);
    this.fs.writeFile(`${KARAF_HOME}/data/port`, `${this.rng.range(32768, 60999)}\n`);
    for (const app of DEFAULT_APPS) {
      this.fs.mkdir(`/opt/onos/apps/${app}`, true);
      this.fs.writeFile(`/opt/onos/apps/${app}/active`, '');
    }
    this.setStatus('starting');
    // The JVM and Karaf come up first; then the ONOS components start one after another.
    const total = this.rng.range(5_000_000, 8_000_000);
    const jvm = Math.round(total * 0.3);
    this.later(jvm, () => this.log('INFO', 'CoreManager', 'ONOS starting up on Java version 11.0.24'));
    const step = Math.floor((total - jvm) / (STARTUP_COMPONENTS.length + 2));
    STARTUP_COMPONENTS.forEach((c, i) => {
      this.later(jvm + step * (i + 1) + this.rng.range(0, step >> 2), () => this.log('INFO', c, 'Started'));
    });
    this.later(total, () => this.finishStart());
    return true;
  }

  private finishStart(): void {
    this.log('INFO', 'CoreManager', 'Started');
    this.setStatus('running');
    this.startedAt = this.now;
    for (const app of [...DEFAULT_APPS, ...this.appStore.remembered()]) this.appStore.activate(app);
    for (const f of this.features) {
      const app = APP_CATALOGUE.find((a) => a.feature === f);
      if (app) this.component(app.name, true);
    }
    this.touch();
  }

  /** `onos-service clean`: forget the apps, features and settings of earlier runs (Karaf's data directory). */
  clean(): void {
    if (this.status !== 'stopped') return;
    this.appStore.forget();
    this.features.clear();
    this.config.reset();
  }

  /** Stop ONOS (Karaf shutdown); false if it is not up. */
  stop(): boolean {
    if (this.status !== 'starting' && this.status !== 'running') return false;
    this.setStatus('stopping');
    this.run++;
    this.provider.stop();
    for (const c of [...STARTUP_COMPONENTS].reverse()) this.log('INFO', c, 'Stopped');
    this.provider.clear();
    this.linkDiscovery.clear();
    this.hostStore.clear();
    this.fwd.clear();
    this.proxyArp.clear();
    this.intentService.reset();
    this.packets.clear();
    this.flowRules.clear();
    this.appStore.clear();
    this.graph = undefined;
    this.topologyLogQueued = false;
    this.startedAt = undefined;
    this.touch();
    this.later(this.rng.range(800_000, 1_600_000), () => {
      this.run++;
      this.pid = undefined;
      this.launcher = undefined;
      this.launchedAt = undefined;
      this.setStatus('stopped');
    });
    return true;
  }

  private setStatus(s: OnosStatus): void {
    this.status = s;
    this.touch();
    for (const l of [...this.statusListeners]) l(s);
  }

  // ---- helpers for the services -----------------------------------------------------------

  /** Run fn after `delay` µs, unless ONOS stops or restarts meanwhile. */
  later(delay: number, fn: () => void): void {
    const run = this.run;
    this.net.sched.after(delay, () => {
      if (this.run === run) fn();
    });
  }

  log(level: LogLevel, logger: string, message: string): void {
    this.karafLog.write(this.now, level, logger, message);
  }

  touch(): void {
    this.revision++;
  }

  /** Devices or links changed: a new topology, and intents that may need another path. */
  topologyChanged(): void {
    this.graph = undefined;
    this.changedAt = this.now;
    this.touch();
    if (this.status !== 'running') return;
    this.intentService.topologyChanged();
    if (this.topologyLogQueued) return;
    this.topologyLogQueued = true;
    // TopologyManager accumulates events for a moment before it builds the new topology.
    this.later(this.rng.range(50_000, 100_000), () => {
      this.topologyLogQueued = false;
      const t = this.topology();
      const cost = this.rng.range(200_000, 900_000);
      this.log('INFO', 'TopologyManager',
        `Topology DefaultTopology{time=${this.now * 1000}, creationTime=${LAB_EPOCH_SECONDS * 1000 + Math.floor(this.changedAt / 1000)}, computeCost=${cost}, ` +
        `clusters=${t.clusters}, devices=${t.devices}, links=${t.links}} changed`);
    });
  }

  /** The current topology snapshot (rebuilt after a change). */
  topologyGraph(): TopologyGraph {
    if (!this.graph) {
      const devices = [...this.provider.devices.values()].filter((d) => d.available).map((d) => d.id);
      this.graph = new TopologyGraph(devices, this.linkDiscovery.list());
    }
    return this.graph;
  }

  private appChanged(name: string, active: boolean): void {
    this.log('INFO', 'ApplicationManager', `Application ${name} has been ${active ? 'activated' : 'deactivated'}`);
    this.touch();
    if (this.status === 'running') this.component(name, active);
  }

  /** Start or stop the components of an app (what its Karaf feature brings). */
  private component(name: string, active: boolean): void {
    switch (name) {
      case 'org.onosproject.openflow-base':
        if (active) this.provider.start();
        else this.provider.stop();
        break;
      case 'org.onosproject.lldpprovider':
        if (active) this.linkDiscovery.activate();
        else this.linkDiscovery.deactivate();
        break;
      case 'org.onosproject.hostprovider':
        if (active) this.hostStore.activate();
        else this.hostStore.deactivate();
        break;
      case 'org.onosproject.proxyarp':
        if (active) this.proxyArp.activate();
        else this.proxyArp.deactivate();
        break;
      case 'org.onosproject.fwd':
        if (active) this.fwd.activate();
        else this.fwd.deactivate();
        break;
    }
  }

  // ---- OnosView ------------------------------------------------------------------------------

  apps(): readonly OnosAppInfo[] {
    const up = this.running;
    return APP_CATALOGUE.map((a) => ({
      id: a.id, name: a.name, version: ONOS_VERSION, title: a.title, category: a.category, description: a.description,
      requires: a.requires, active: up && this.appStore.isActive(a.name), deactivations: this.appStore.deactivationsOf(a.name),
    }));
  }

  devices(): readonly OnosDeviceInfo[] {
    if (!this.running) return [];
    return [...this.provider.devices.values()].sort((a, b) => cmp(a.id, b.id)).map((d) => this.provider.info(d));
  }

  device(id: string): OnosDeviceInfo | undefined {
    const d = this.running ? this.provider.devices.get(id) : undefined;
    return d ? this.provider.info(d) : undefined;
  }

  links(deviceId?: string): readonly OnosLinkInfo[] {
    if (!this.running) return [];
    const key = (l: OnosLinkInfo) => `LinkKey{src=${l.src.device}/${l.src.port}, dst=${l.dst.device}/${l.dst.port}}`;
    return this.linkDiscovery.list()
      .filter((l) => !deviceId || l.src.device === deviceId || l.dst.device === deviceId)
      .sort((a, b) => cmp(key(a), key(b)));
  }

  hosts(): readonly OnosHostInfo[] {
    if (!this.running) return [];
    return this.hostStore.list().sort((a, b) => cmp(a.id, b.id));
  }

  flows(deviceId?: string): readonly OnosFlowInfo[] {
    if (!this.running) return [];
    return this.flowRules.rules(deviceId || undefined)
      .sort((a, b) => cmp(a.deviceId, b.deviceId) || b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((r) => this.flowRules.info(r));
  }

  intents(): readonly OnosIntentInfo[] {
    return this.running ? this.intentService.list() : [];
  }

  paths(src: string, dst: string): readonly OnosPath[] {
    return this.running ? this.topologyGraph().paths(src, dst) : [];
  }

  topology(): { readonly devices: number; readonly links: number; readonly clusters: number; readonly changedAt: Micros } {
    if (!this.running) return { devices: 0, links: 0, clusters: 0, changedAt: this.changedAt };
    const g = this.topologyGraph();
    return { devices: g.devices.length, links: g.links.length, clusters: g.clusters(), changedAt: this.changedAt };
  }

  resolveApp(name: string): AppCommandResult {
    return this.appStore.resolve(name);
  }

  activate(name: string): AppCommandResult {
    const r = this.appStore.resolve(name);
    if (!r.ok || !this.running) return r;
    for (const n of r.names) this.appStore.activate(n);
    return r;
  }

  deactivate(name: string): AppCommandResult {
    const r = this.appStore.resolve(name);
    if (!r.ok || !this.running) return r;
    for (const n of r.names) this.appStore.deactivate(n);
    return r;
  }

  addHostIntent(one: string, two: string): OnosIntentInfo | { readonly error: string } {
    if (!this.running) return { error: 'ONOS is not running' };
    return this.intentService.add(one, two);
  }

  removeIntent(appName: string, key: number): boolean {
    return this.running && this.intentService.remove(appName, key);
  }

  purgeIntent(appName: string, key: number): boolean {
    return this.running && this.intentService.purge(appName, key);
  }

  /** wipe-out please: intents, flows, hosts, devices (their switches reconnect), links. */
  wipeOut(): void {
    if (!this.running) return;
    this.intentService.clear();
    for (const d of this.provider.devices.values()) this.flowRules.purgeDevice(d.id);
    this.hostStore.removeAll();
    for (const id of [...this.provider.devices.keys()]) this.provider.remove(id);
    this.linkDiscovery.removeAll();
    this.topologyChanged();
  }

  configProperties(component: string): readonly OnosConfigProperty[] | undefined {
    return this.config.properties(component);
  }

  setConfigProperty(component: string, name: string, value: string): string | undefined {
    return this.config.set(component, name, value);
  }

  installFeature(feature: string): boolean {
    const app = APP_CATALOGUE.find((a) => a.feature === feature);
    if (!app) return false;
    this.features.add(feature);
    if (this.running) this.component(app.name, true);
    this.touch();
    return true;
  }

  installedFeatures(): readonly string[] {
    const active = APP_CATALOGUE.filter((a) => this.running && this.appStore.isActive(a.name)).map((a) => a.feature);
    return [...new Set([...active, ...this.features])].sort();
  }

  shutdown(): void {
    this.stop();
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
