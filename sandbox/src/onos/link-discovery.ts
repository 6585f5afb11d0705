/**
 * LLDP link discovery (org.onosproject.lldpprovider, reference/onos.md §5.3 and §4.6) and the
 * link store. While active it asks for LLDP and BDDP packet-ins (priority 40000) and, from the
 * moment ONOS is master of a device (its packet-in flows went out just before), sends a probe out
 * of each of its enabled ports every 3 s (probeRate), as LLDP and as BDDP (packet_out of a real
 * frame). A probe that comes back as a packet-in on another device's port
 * makes a link src -> dst, one per direction: DIRECT when the LLDP frame arrived, INDIRECT when
 * only the broadcast BDDP did (a non-OpenFlow bridge in between). A link not refreshed for 10 s
 * (staleLinkAge) expires; a port or device going down removes its links at once.
 * Both periods are the provider's properties (config.ts), 3000 and 10000 ms by default.
 */
import type { Micros } from '../sim/time';
import type { EthernetFrame } from '../wire/ethernet';
import type { LldpPacket } from '../wire/lldp';
import { ETH_TYPE_BDDP, ETH_TYPE_LLDP, LLDP_MULTICAST, ONOS_PROBE_PAYLOAD } from '../wire/lldp';
import { BROADCAST_MAC } from '../wire/addr';
import type { OnosConnectPoint, OnosLinkInfo } from './model';
import type { OnosDevice } from './openflow-provider';
import type { PacketContext } from './packet-service';
import { PRIORITY_CONTROL } from './packet-service';
import { cpKey } from './topology';
import { CFG } from './config';
import type { Onos } from './onos';

export const LLDP_APP = 'org.onosproject.lldpprovider';

interface LinkRecord {
  readonly src: OnosConnectPoint;
  readonly dst: OnosConnectPoint;
  direct: boolean;
  lastSeen: Micros;
}

export class LinkDiscovery {
  active = false;
  private readonly links = new Map<string, LinkRecord>();
  /** Grows on every activation, so a deactivated provider's timer stops. */
  private generation = 0;

  constructor(private readonly onos: Onos) {}

  activate(): void {
    if (this.active) return;
    this.active = true;
    const gen = ++this.generation;
    this.onos.packets.request(LLDP_APP, ETH_TYPE_LLDP, PRIORITY_CONTROL);
    this.onos.packets.request(LLDP_APP, ETH_TYPE_BDDP, PRIORITY_CONTROL);
    for (const d of this.onos.provider.devices.values()) if (d.master) this.deviceAdded(d);
    // The link pruner runs on its own, a few times per stale age.
    const prune = (): void => {
      if (!this.active || this.generation !== gen) return;
      this.expire();
      this.onos.later(this.staleAge / 4, prune);
    };
    this.onos.later(this.staleAge / 4, prune);
  }

  deactivate(): void {
    if (!this.active) return;
    this.active = false;
    this.generation++;
    this.onos.packets.withdraw(LLDP_APP);
    if (this.links.size) {
      this.links.clear();
      this.onos.topologyChanged();
    }
  }

  clear(): void {
    this.active = false;
    this.generation++;
    this.links.clear();
  }

  private get staleAge(): Micros {
    return Math.max(1000, this.onos.config.number(CFG.LLDP, 'staleLinkAge')) * 1000;
  }

  private get probeRate(): Micros {
    return Math.max(100, this.onos.config.number(CFG.LLDP, 'probeRate')) * 1000;
  }

  /**
   * This node became master of a device: probe it now and every probeRate while its session
   * lasts (a LinkDiscovery per device, started on the mastership change).
   */
  deviceAdded(d: OnosDevice): void {
    if (!this.active) return;
    const gen = this.generation;
    const session = d.session;
    const tick = (): void => {
      if (!this.active || this.generation !== gen || d.session !== session || !d.available) return;
      this.probe(d);
      this.onos.later(this.probeRate, tick);
    };
    tick();
  }

  portUp(d: OnosDevice): void {
    if (this.active && d.master) this.probe(d);
  }

  removeAll(): void {
    this.removeWhere(() => true);
  }

  deviceRemoved(id: string): void {
    this.removeWhere((l) => l.src.device === id || l.dst.device === id);
  }

  portDown(device: string, port: number): void {
    this.removeWhere((l) => (l.src.device === device && l.src.port === port) || (l.dst.device === device && l.dst.port === port));
  }

  /** Every link, ACTIVE (ONOS keeps no inactive LLDP links). */
  list(): OnosLinkInfo[] {
    const out: OnosLinkInfo[] = [];
    for (const l of this.links.values()) out.push({ src: l.src, dst: l.dst, type: l.direct ? 'DIRECT' : 'INDIRECT', state: 'ACTIVE' });
    return out;
  }

  get size(): number {
    return this.links.size;
  }

  /** Probes out of every enabled port: one LLDP and one BDDP frame each. */
  probe(d: OnosDevice): void {
    const chassisId = d.id.slice(3);
    for (const { no, intf } of d.sw.ports()) {
      if (!intf.running) continue;
      for (const ethType of [ETH_TYPE_LLDP, ETH_TYPE_BDDP] as const) {
        const payload: LldpPacket = { proto: 'lldp', ethType, chassisId, portId: no, ttl: 120, onosDevice: d.id, bytes: ONOS_PROBE_PAYLOAD };
        const frame: EthernetFrame = { src: intf.mac, dst: ethType === ETH_TYPE_LLDP ? LLDP_MULTICAST : BROADCAST_MAC, payload };
        this.onos.packets.emit(d, frame, -1, [{ type: 'output', port: no }]);
      }
    }
  }

  process(ctx: PacketContext): void {
    const p = ctx.frame.payload;
    if (p.proto !== 'lldp') return;
    ctx.handled = true;
    if (p.onosDevice === undefined) return;
    const srcDev = this.onos.provider.devices.get(p.onosDevice);
    if (!srcDev || !srcDev.available) return;
    const src = { device: p.onosDevice, port: p.portId };
    const dst = { device: ctx.device.id, port: ctx.inPort };
    const key = `${cpKey(src)}>${cpKey(dst)}`;
    const now = this.onos.now;
    const direct = p.ethType === ETH_TYPE_LLDP;
    const l = this.links.get(key);
    if (l) {
      l.lastSeen = now;
      if (direct && !l.direct) {
        l.direct = true;
        this.onos.topologyChanged();
      }
      return;
    }
    this.links.set(key, { src, dst, direct, lastSeen: now });
    this.onos.hostStore.infrastructure(src);
    this.onos.hostStore.infrastructure(dst);
    this.onos.topologyChanged();
  }

  private expire(): void {
    const now = this.onos.now;
    const age = this.staleAge;
    this.removeWhere((l) => now - l.lastSeen > age);
  }

  private removeWhere(pred: (l: LinkRecord) => boolean): void {
    let removed = false;
    for (const [k, l] of this.links) {
      if (pred(l)) {
        this.links.delete(k);
        removed = true;
      }
    }
    if (removed) this.onos.topologyChanged();
  }
}
