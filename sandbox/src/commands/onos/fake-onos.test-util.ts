/**
 * A small OnosView for the CLI's tests: the state of reference/onos.md §8 (tree,2 with --mac,
 * OpenFlow 1.3, openflow and fwd active, after `h1 ping -c3 h3`), with the flow ids §8 gives.
 * Test-only; the real controller is sandbox/src/onos/.
 */
import type {
  AppCommandResult, OnosAppInfo, OnosConfigProperty, OnosDeviceInfo, OnosFlowInfo, OnosHostInfo, OnosIntentInfo, OnosLinkInfo,
  OnosPath, OnosPortInfo, OnosStatus, OnosView,
} from '../../onos/model';
import type { Micros } from '../../sim/time';

const S = 1_000_000;

function app(id: number, name: string, title: string, active: boolean, requires: string[] = [], category = 'Utility'): OnosAppInfo {
  return { id, name, version: '2.7.0', title, category, description: title, requires, active };
}

function ports(sw: number, n: number): OnosPortInfo[] {
  const list: OnosPortInfo[] = [
    { port: 'LOCAL', enabled: false, adminEnabled: false, portMac: `96:3d:6a:68:a1:4${sw}`, portName: `s${sw}`, speedMbps: 0 },
  ];
  for (let i = 1; i <= n; i++) {
    list.push({ port: i, enabled: true, adminEnabled: true, portMac: `ea:89:9d:88:a${sw}:0${i}`, portName: `s${sw}-eth${i}`, speedMbps: 10000 });
  }
  return list;
}

function device(sw: number, nports: number, since: Micros): OnosDeviceInfo {
  return {
    id: `of:000000000000000${sw}`, available: true, statusSince: since, role: 'MASTER', mfr: 'Nicira, Inc.', hw: 'Open vSwitch',
    sw: '2.17.9', serial: 'None', chassis: String(sw), driver: 'ovs',
    annotations: { channelId: `127.0.0.1:4695${sw}`, datapathDescription: `s${sw}`, managementAddress: '127.0.0.1', protocol: 'OF_13' },
    ports: ports(sw, nports),
  };
}

function core(dev: string, id: string, sel: string, prio: number, at: Micros): OnosFlowInfo {
  return {
    id: BigInt('0x' + id), deviceId: dev, state: 'ADDED', bytes: 0, packets: 0, addedAt: at, priority: prio, tableId: 0,
    appName: 'org.onosproject.core', selector: [sel], treatment: ['OUTPUT:CONTROLLER'], cleared: true, permanent: true, timeout: 0,
  };
}

function fwd(dev: string, id: string, inPort: number, dst: string, src: string, out: number, at: Micros): OnosFlowInfo {
  return {
    id: BigInt('0x' + id), deviceId: dev, state: 'ADDED', bytes: 196, packets: 2, addedAt: at, priority: 10, tableId: 0,
    appName: 'org.onosproject.fwd', selector: [`IN_PORT:${inPort}`, `ETH_DST:${dst}`, `ETH_SRC:${src}`], treatment: [`OUTPUT:${out}`],
    cleared: false, permanent: false, timeout: 10,
  };
}

const M1 = '00:00:00:00:00:01';
const M3 = '00:00:00:00:00:03';

export class FakeOnos implements OnosView {
  status: OnosStatus = 'running';
  readonly version = '2.7.0';
  readonly nodeIp = '127.0.0.1';
  startedAt: Micros | undefined;
  appList: OnosAppInfo[];
  deviceList: OnosDeviceInfo[];
  linkList: OnosLinkInfo[];
  hostList: OnosHostInfo[];
  flowList: OnosFlowInfo[];
  intentList: OnosIntentInfo[] = [];
  changedAt: Micros;
  wiped = false;
  halted = false;
  features: string[] = [];
  config: OnosConfigProperty[] = [
    { name: 'flowTimeout', type: 'integer', value: '10', defaultValue: '10', description: 'Idle timeout of the flows fwd installs, in seconds' },
    { name: 'flowPriority', type: 'integer', value: '10', defaultValue: '10', description: 'Priority of the flows fwd installs' },
  ];
  private nextIntent = 0;

  /** The §8 state as seen at virtual time `now` (core flows 95 s old, fwd flows 3 s). */
  constructor(now: Micros) {
    this.startedAt = now - 200 * S;
    this.changedAt = now - 123 * S;
    this.appList = [
      app(3, 'org.onosproject.drivers', 'Default Drivers', true),
      app(4, 'org.onosproject.optical-model', 'Optical Network Model', true),
      app(21, 'org.onosproject.hostprovider', 'Host Location Provider', true),
      app(57, 'org.onosproject.openflow-base', 'OpenFlow Base Provider', true, ['org.onosproject.optical-model']),
      app(58, 'org.onosproject.lldpprovider', 'LLDP Link Provider', true),
      app(78, 'org.onosproject.openflow', 'OpenFlow Provider Suite', true,
        ['org.onosproject.hostprovider', 'org.onosproject.lldpprovider', 'org.onosproject.openflow-base']),
      app(96, 'org.onosproject.gui2', 'ONOS GUI2', true),
      app(120, 'org.onosproject.drivers.polatis.openflow', 'Polatis OpenFlow Device Drivers', false),
      app(130, 'org.onosproject.proxyarp', 'Proxy ARP/NDP', false),
      app(166, 'org.onosproject.fwd', 'Reactive Forwarding', true, [], 'Traffic Engineering'),
    ];
    const since = now - 90 * S;
    this.deviceList = [device(1, 2, since), device(2, 3, since), device(3, 3, since)];
    const link = (a: number, pa: number, b: number, pb: number): OnosLinkInfo => ({
      src: { device: `of:000000000000000${a}`, port: pa }, dst: { device: `of:000000000000000${b}`, port: pb }, type: 'DIRECT', state: 'ACTIVE',
    });
    this.linkList = [link(1, 1, 2, 3), link(1, 2, 3, 3), link(2, 3, 1, 1), link(3, 3, 1, 2)];
    this.hostList = [
      { id: `${M1}/None`, mac: M1, vlan: 'None', ips: ['10.0.0.1'], locations: [{ device: 'of:0000000000000002', port: 1 }] },
      { id: `${M3}/None`, mac: M3, vlan: 'None', ips: ['10.0.0.3'], locations: [{ device: 'of:0000000000000003', port: 1 }] },
    ];
    const c = now - 95 * S;
    const f = now - 3 * S;
    const d1 = 'of:0000000000000001';
    const d2 = 'of:0000000000000002';
    const d3 = 'of:0000000000000003';
    this.flowList = [
      core(d1, '10000021b41dc', 'ETH_TYPE:ipv4', 5, c),
      fwd(d1, 'a60000d134d2a8', 2, M1, M3, 1, f),
      core(d1, '10000ea6f4b8e', 'ETH_TYPE:arp', 40000, c),
      fwd(d1, 'a600008d053164', 1, M3, M1, 2, f),
      core(d1, '100009465555a', 'ETH_TYPE:lldp', 40000, c),
      core(d1, '100007a585b6f', 'ETH_TYPE:bddp', 40000, c),
      core(d2, '1000002bbd8d4', 'ETH_TYPE:lldp', 40000, c),
      core(d2, '10000c70edd85', 'ETH_TYPE:arp', 40000, c),
      core(d2, '10000dc56d70b', 'ETH_TYPE:bddp', 40000, c),
      fwd(d2, 'a6000099e62840', 1, M3, M1, 3, f),
      fwd(d2, 'a60000c204a428', 3, M1, M3, 1, f),
      core(d2, '100002341485c', 'ETH_TYPE:ipv4', 5, c),
      core(d3, '10000464e5575', 'ETH_TYPE:bddp', 40000, c),
      core(d3, '10000646f55aa', 'ETH_TYPE:lldp', 40000, c),
      core(d3, '10000a6288ee9', 'ETH_TYPE:arp', 40000, c),
      fwd(d3, 'a600000baf0cae', 1, M1, M3, 3, f),
      fwd(d3, 'a60000d2966c5c', 3, M3, M1, 1, f),
      core(d3, '10000be641e06', 'ETH_TYPE:ipv4', 5, c),
    ];
  }

  apps(): readonly OnosAppInfo[] {
    return this.appList;
  }
  devices(): readonly OnosDeviceInfo[] {
    return this.deviceList;
  }
  device(id: string): OnosDeviceInfo | undefined {
    return this.deviceList.find((d) => d.id === id);
  }
  links(deviceId?: string): readonly OnosLinkInfo[] {
    return deviceId === undefined ? this.linkList : this.linkList.filter((l) => l.src.device === deviceId || l.dst.device === deviceId);
  }
  hosts(): readonly OnosHostInfo[] {
    return this.hostList;
  }
  flows(deviceId?: string): readonly OnosFlowInfo[] {
    return deviceId === undefined ? this.flowList : this.flowList.filter((f) => f.deviceId === deviceId);
  }
  intents(): readonly OnosIntentInfo[] {
    return this.intentList;
  }
  paths(src: string, dst: string): readonly OnosPath[] {
    const l = this.linkList.filter((x) => x.src.device === src && x.dst.device === dst);
    if (l.length) return [{ links: l, cost: 1 }];
    const a = this.linkList.find((x) => x.src.device === src && x.dst.device === 'of:0000000000000001');
    const b = this.linkList.find((x) => x.src.device === 'of:0000000000000001' && x.dst.device === dst);
    return a && b ? [{ links: [a, b], cost: 2 }] : [];
  }
  topology(): { devices: number; links: number; clusters: number; changedAt: Micros } {
    return { devices: this.deviceList.length, links: this.linkList.length, clusters: this.deviceList.length ? 1 : 0, changedAt: this.changedAt };
  }
  resolveApp(name: string): AppCommandResult {
    if (this.appList.some((a) => a.name === name)) return { ok: true, names: [name] };
    const m = this.appList.filter((a) => a.name.endsWith('.' + name));
    if (m.length === 1) return { ok: true, names: [m[0]!.name] };
    if (m.length > 1) return { ok: false, message: `Did you mean one of: [${m.map((a) => a.name).join(', ')}]` };
    return { ok: false, message: `No such application: ${name}` };
  }
  private setActive(name: string, active: boolean): AppCommandResult {
    const r = this.resolveApp(name);
    if (!r.ok) return r;
    this.appList = this.appList.map((a) => (a.name === r.names[0] ? { ...a, active } : a));
    return r;
  }
  activate(name: string): AppCommandResult {
    return this.setActive(name, true);
  }
  deactivate(name: string): AppCommandResult {
    return this.setActive(name, false);
  }
  addHostIntent(one: string, two: string): OnosIntentInfo | { error: string } {
    const id = this.nextIntent++;
    const known = this.hostList.some((h) => h.id === one) && this.hostList.some((h) => h.id === two);
    const i: OnosIntentInfo = {
      id, key: id, type: 'HostToHostIntent', appName: 'org.onosproject.cli', state: known ? 'INSTALLED' : 'FAILED', priority: 100, one, two,
    };
    this.intentList.push(i);
    return i;
  }
  removeIntent(appName: string, key: number): boolean {
    let found = false;
    this.intentList = this.intentList.map((i) => {
      if (i.appName !== appName || i.key !== key) return i;
      found = true;
      return { ...i, state: 'WITHDRAWN' };
    });
    return found;
  }
  purgeIntent(appName: string, key: number): boolean {
    const before = this.intentList.length;
    this.intentList = this.intentList.filter((i) => i.appName !== appName || i.key !== key);
    return this.intentList.length < before;
  }
  wipeOut(): void {
    this.wiped = true;
    this.deviceList = [];
    this.linkList = [];
    this.hostList = [];
    this.flowList = [];
    this.intentList = [];
  }
  configProperties(component: string): readonly OnosConfigProperty[] | undefined {
    return component === 'org.onosproject.fwd.ReactiveForwarding' ? this.config : undefined;
  }
  setConfigProperty(component: string, name: string, value: string): string | undefined {
    if (component !== 'org.onosproject.fwd.ReactiveForwarding') return `No such component: ${component}`;
    this.config = this.config.map((c) => (c.name === name ? { ...c, value } : c));
    return undefined;
  }
  installFeature(feature: string): boolean {
    this.features.push(feature);
    return true;
  }
  installedFeatures(): readonly string[] {
    return this.features;
  }
  shutdown(): void {
    this.halted = true;
    this.status = 'stopped';
  }
}
