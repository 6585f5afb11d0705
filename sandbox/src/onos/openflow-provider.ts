/**
 * ONOS's OpenFlow side (org.onosproject.openflow-base, reference/onos.md §5.3 and §5.7): while
 * the app is active it listens on 127.0.0.1:6633 and :6653; every switch that connects becomes a
 * device `of:<dpid>` (available, role MASTER, its ports read), and stays listed as unavailable
 * after it disconnects. Connection steps and their timing follow the log of §1.4: the device
 * appears a few ms after the TCP session; about 100 ms later the driver is bound and the core's
 * packet-in flows are pushed; about 100 ms after that mastership settles and link discovery
 * starts probing the device.
 * The protocol is what the HELLO exchange agrees (ONOS offers OpenFlow 1.0, 1.3, 1.4 and 1.5);
 * a bridge with no `protocols` set reports OF_14 (§9.1, observed with recent Open vSwitch).
 */
import type { EthernetFrame } from '../wire/ethernet';
import type { Micros } from '../sim/time';
import type { ControllerTarget, OpenFlowController } from '../devices/openflow-listeners';
import { OpenFlowListeners } from '../devices/openflow-listeners';
import type { OvsSwitch } from '../devices/ovs-switch';
import { LATENCY } from '../net/latency';
import type { OnosDeviceInfo, OnosPortInfo } from './model';
import type { Onos } from './onos';

/** Open vSwitch on the lab machine (Ubuntu 22.04's 2.17.9, as ovs-vsctl --version prints). */
const OVS_SW_VERSION = '2.17.9';
const ONOS_VERSIONS: ReadonlyMap<number, string> = new Map([[1, 'OF_10'], [4, 'OF_13'], [5, 'OF_14'], [6, 'OF_15']]);
const WIRE_VERSIONS: Readonly<Record<string, number>> = {
  openflow10: 1, openflow11: 2, openflow12: 3, openflow13: 4, openflow14: 5, openflow15: 6,
};
/** What a bridge with an empty `protocols` column ends up speaking with ONOS (§9.1). */
const DEFAULT_SESSION_VERSION = 5;

export const OPENFLOW_PORTS: readonly number[] = [6633, 6653];

export interface OnosDevice {
  readonly id: string;
  sw: OvsSwitch;
  available: boolean;
  /** Connected and its driver bound: flows may be pushed. */
  ready: boolean;
  /** Mastership settled (role acknowledged): link discovery probes it. */
  master: boolean;
  statusSince: Micros;
  protocol: string;
  channelPort: number;
  /** Grows on every connect and disconnect, so timers of an older session stop. */
  session: number;
}

export function deviceIdOf(sw: OvsSwitch): string {
  return `of:${sw.dpid.toLowerCase().padStart(16, '0')}`;
}

/** The dpid as OpenFlowJ prints it in logs: 00:00:00:00:00:00:00:01. */
function dpidColons(id: string): string {
  return id.slice(3).match(/../g)!.join(':');
}

export class OpenFlowProvider implements OpenFlowController {
  readonly name = 'onos';
  readonly devices = new Map<string, OnosDevice>();
  private readonly bySwitch = new Map<OvsSwitch, OnosDevice>();
  private listening: ControllerTarget[] = [];

  constructor(private readonly onos: Onos) {}

  get active(): boolean {
    return this.listening.length > 0;
  }

  /** Start listening (the app became active while ONOS runs). */
  start(): void {
    if (this.active) return;
    const listeners = this.onos.net.ofListeners;
    for (const port of OPENFLOW_PORTS) {
      const t = { ip: '127.0.0.1', port };
      if (listeners.listen(t, this)) this.listening.push(t);
      else this.onos.log('ERROR', 'OpenFlowControllerImpl', `Unable to listen on port ${port}: Address already in use`);
    }
  }

  /** Stop listening and close every session; devices stay, unavailable. */
  stop(): void {
    const listeners = this.onos.net.ofListeners;
    for (const t of this.listening) listeners.unlisten(t);
    const targets = this.listening;
    this.listening = [];
    for (const [sw, d] of [...this.bySwitch]) {
      for (const t of targets) if (sw.connected.get(OpenFlowListeners.key(t)) === this) sw.controllerLost(t);
      this.disconnected(d);
      this.bySwitch.delete(sw);
    }
  }

  /** Forget every device (ONOS stopped: its stores are in memory). */
  clear(): void {
    this.devices.clear();
    this.bySwitch.clear();
  }

  deviceOf(sw: OvsSwitch): OnosDevice | undefined {
    return this.bySwitch.get(sw);
  }

  /**
   * Remove a device record (device-remove, wipe-out); false if unknown. A connected switch is
   * disconnected (triggerDisconnect) and, still configured for us, connects again at once.
   */
  remove(id: string): boolean {
    const d = this.devices.get(id);
    if (!d) return false;
    if (d.available) this.disconnected(d);
    this.devices.delete(id);
    for (const [sw, x] of [...this.bySwitch]) {
      if (x !== d) continue;
      this.bySwitch.delete(sw);
      for (const t of this.listening) {
        if (sw.connected.get(OpenFlowListeners.key(t)) !== this) continue;
        sw.controllerLost(t);
        this.onos.net.ofListeners.stopWaiting(sw);
        sw.controllerAppeared(t);
      }
    }
    return true;
  }

  // ---- OpenFlowController ----------------------------------------------------------------

  negotiate(sw: OvsSwitch): number | undefined {
    if (sw.opts.protocols.length === 0) return DEFAULT_SESSION_VERSION;
    let best: number | undefined;
    for (const p of sw.opts.protocols) {
      for (const name of p.split(/[\s,]+/)) {
        const v = WIRE_VERSIONS[name.toLowerCase()];
        if (v !== undefined && ONOS_VERSIONS.has(v) && (best === undefined || v > best)) best = v;
      }
    }
    return best;
  }

  switchConnected(sw: OvsSwitch): void {
    if (!this.active) return;
    const onos = this.onos;
    const id = deviceIdOf(sw);
    let d = this.devices.get(id);
    if (!d) {
      d = { id, sw, available: false, ready: false, master: false, statusSince: onos.now, protocol: 'OF_13', channelPort: 0, session: 0 };
      this.devices.set(id, d);
    }
    const dev = d;
    dev.sw = sw;
    dev.session++;
    dev.ready = false;
    dev.master = false;
    let version: number | undefined;
    for (const [k, c] of sw.connected) if (c === this) version = sw.sessionVersions.get(k);
    dev.protocol = ONOS_VERSIONS.get(version ?? 4) ?? 'OF_13';
    dev.channelPort = onos.rng.range(32768, 60999);
    this.bySwitch.set(sw, dev);
    const session = dev.session;
    const alive = () => dev.session === session && this.active;
    // Features and port description replies: a few control-channel round trips.
    onos.later(Math.round(onos.rng.jitter(LATENCY.controlChannel * 8, LATENCY.spread)), () => {
      if (!alive()) return;
      dev.available = true;
      dev.statusSince = onos.now;
      onos.log('INFO', 'DeviceManager', `Device ${id} connected`);
      onos.topologyChanged();
      // The flow objective manager binds the driver, then the packet-in flows can go out.
      onos.later(onos.rng.range(95_000, 110_000), () => {
        if (!alive()) return;
        onos.log('INFO', 'InOrderFlowObjectiveManager', `Driver ovs bound to device ${id} ... initializing driver`);
        dev.ready = true;
        onos.packets.deviceReady(dev);
        onos.flowRules.startPolling(dev);
        onos.intentService.topologyChanged();
        onos.touch();
        // Mastership settles; link discovery works on the devices this node masters.
        onos.later(onos.rng.range(95_000, 110_000), () => {
          if (!alive()) return;
          onos.log('INFO', 'DeviceManager', `Role has been acknowledged for device ${id}`);
          onos.log('INFO', 'OpenFlowControllerImpl$OpenFlowSwitchAgent', `Transitioned switch ${dpidColons(id)} to MASTER`);
          dev.master = true;
          onos.linkDiscovery.deviceAdded(dev);
        });
      });
    });
  }

  switchDisconnected(sw: OvsSwitch): void {
    const d = this.bySwitch.get(sw);
    if (!d) return;
    this.bySwitch.delete(sw);
    this.disconnected(d);
  }

  private disconnected(d: OnosDevice): void {
    const wasAvailable = d.available;
    d.session++;
    d.available = false;
    d.ready = false;
    d.master = false;
    d.statusSince = this.onos.now;
    if (wasAvailable) this.onos.log('INFO', 'DeviceManager', `Device ${d.id} disconnected from this node: ${this.onos.nodeIp}`);
    this.onos.flowRules.purgeDevice(d.id);
    this.onos.linkDiscovery.deviceRemoved(d.id);
    this.onos.hostStore.deviceRemoved(d.id);
    this.onos.topologyChanged();
  }

  packetIn(sw: OvsSwitch, inPort: number, frame: EthernetFrame, arrival: number): void {
    const d = this.bySwitch.get(sw);
    if (!d || !d.available) return;
    const onos = this.onos;
    const session = d.session;
    onos.later(arrival + onos.rng.jitter(LATENCY.onosPacketIn, LATENCY.spread), () => {
      if (d.session === session && d.available) onos.packets.process(d, inPort, frame);
    });
  }

  portStatus(sw: OvsSwitch, port: number, up: boolean): void {
    const d = this.bySwitch.get(sw);
    if (!d || !d.available) return;
    if (!up) {
      this.onos.linkDiscovery.portDown(d.id, port);
      this.onos.hostStore.portDown(d.id, port);
    } else {
      this.onos.linkDiscovery.portUp(d);
    }
    this.onos.topologyChanged();
  }

  // ---- views -------------------------------------------------------------------------------

  info(d: OnosDevice): OnosDeviceInfo {
    const sw = d.sw;
    const annotations: Record<string, string> = {
      channelId: `127.0.0.1:${d.channelPort}`,
      datapathDescription: sw.name,
      managementAddress: '127.0.0.1',
      protocol: d.protocol,
    };
    const ports: OnosPortInfo[] = [];
    const local = sw.bridgeIntf;
    ports.push({
      port: 'LOCAL', enabled: d.available && (local?.adminUp ?? false), adminEnabled: d.available && (local?.adminUp ?? false),
      portMac: sw.bridgeMac.toLowerCase(), portName: sw.name, speedMbps: 0,
    });
    for (const { no, intf } of sw.ports()) {
      ports.push({
        port: no, enabled: d.available && intf.running, adminEnabled: intf.adminUp,
        portMac: intf.mac.toLowerCase(), portName: intf.name, speedMbps: 10000,
      });
    }
    const dpid = d.id.slice(3);
    return {
      id: d.id,
      available: d.available,
      statusSince: d.statusSince,
      role: d.available ? 'MASTER' : 'NONE',
      mfr: 'Nicira, Inc.',
      hw: 'Open vSwitch',
      sw: OVS_SW_VERSION,
      serial: 'None',
      chassis: BigInt('0x' + dpid).toString(16),
      driver: 'ovs',
      annotations,
      ports,
    };
  }
}
