/**
 * ONOS's packet service (reference/onos.md §5.3): apps request packet-ins by ether type and
 * priority; requests with the same selector and priority are merged, so each device carries one
 * core flow per request (appId org.onosproject.core, OUTPUT:CONTROLLER, cleared=true,
 * permanent). PacketPriority: CONTROL = 40000, REACTIVE = 5. A packet-in is offered to the
 * processors in their order (link discovery, host location, proxy ARP, reactive forwarding);
 * a processor that handles it blocks those after it that respect `handled`.
 */
import type { EthernetFrame } from '../wire/ethernet';
import type { FlowAction } from '../net/flow-table';
import type { OnosDevice } from './openflow-provider';
import type { Onos } from './onos';

export const PRIORITY_CONTROL = 40000;
export const PRIORITY_REACTIVE = 5;
export const CORE_APP = 'org.onosproject.core';

export interface PacketContext {
  readonly device: OnosDevice;
  readonly inPort: number;
  readonly frame: EthernetFrame;
  handled: boolean;
}

interface PacketRequest {
  readonly ethType: number;
  readonly priority: number;
  readonly apps: Set<string>;
}

export class PacketService {
  private readonly requests = new Map<string, PacketRequest>();

  constructor(private readonly onos: Onos) {}

  request(app: string, ethType: number, priority: number): void {
    const key = `${ethType}@${priority}`;
    let r = this.requests.get(key);
    if (!r) {
      this.requests.set(key, (r = { ethType, priority, apps: new Set() }));
      r.apps.add(app);
      for (const d of this.onos.provider.devices.values()) if (d.ready) this.install(d, r);
      return;
    }
    r.apps.add(app);
  }

  /** Withdraw every request of an app; core flows nobody asks for any more are removed. */
  withdraw(app: string): void {
    for (const [key, r] of [...this.requests]) {
      if (!r.apps.delete(app) || r.apps.size > 0) continue;
      this.requests.delete(key);
      this.onos.flowRules.removeWhere((f) => f.appName === CORE_APP && f.priority === r.priority && f.selector.ethType === r.ethType);
    }
  }

  clear(): void {
    this.requests.clear();
  }

  /** A device is ready (mastership settled): push the core flows. */
  deviceReady(d: OnosDevice): void {
    for (const r of this.requests.values()) this.install(d, r);
  }

  private install(d: OnosDevice, r: PacketRequest): void {
    this.onos.flowRules.apply({
      deviceId: d.id, appName: CORE_APP, priority: r.priority, selector: { ethType: r.ethType },
      treatment: { output: 'CONTROLLER', cleared: true },
    });
  }

  /** A packet-in, after ONOS's processing time. */
  process(device: OnosDevice, inPort: number, frame: EthernetFrame): void {
    const onos = this.onos;
    const ctx: PacketContext = { device, inPort, frame, handled: false };
    if (onos.linkDiscovery.active) onos.linkDiscovery.process(ctx);
    if (onos.hostStore.active) onos.hostStore.process(ctx);
    if (onos.proxyArp.active) onos.proxyArp.process(ctx);
    if (onos.fwd.active) onos.fwd.process(ctx);
  }

  /** OFPT_PACKET_OUT of a frame on a device. */
  emit(device: OnosDevice, frame: EthernetFrame, inPort: number, actions: FlowAction[]): void {
    if (!device.available) return;
    device.sw.sendPacketOut(frame, inPort, actions);
  }
}
