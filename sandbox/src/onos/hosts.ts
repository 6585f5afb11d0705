/**
 * Host location discovery (org.onosproject.hostprovider, reference/onos.md §5.3 and §4.5) and
 * the host store. While active it asks for ARP packet-ins (priority 40000) and learns a host from
 * any packet-in on an edge port (not a port a link ends on, never a multicast or broadcast
 * source MAC, never LLDP/BDDP): the location is where the packet came in, and an ARP packet also
 * gives its sender's IP. Hosts go when their device or port goes down (hostRemovalEnabled) or
 * when a link is found on their port.
 */
import type { Micros } from '../sim/time';
import { formatIpv4, isMulticastMac } from '../wire/addr';
import type { OnosConnectPoint, OnosHostInfo } from './model';
import type { PacketContext } from './packet-service';
import { PRIORITY_CONTROL } from './packet-service';
import { macText } from './criteria';
import type { Onos } from './onos';

export const HOST_APP = 'org.onosproject.hostprovider';

interface HostRecord {
  readonly id: string;
  readonly mac: string;
  readonly ips: string[];
  location: OnosConnectPoint;
  lastSeen: Micros;
}

export function hostIdOf(mac: string): string {
  return `${macText(mac)}/None`;
}

export class HostService {
  active = false;
  private readonly hosts = new Map<string, HostRecord>();

  constructor(private readonly onos: Onos) {}

  activate(): void {
    if (this.active) return;
    this.active = true;
    this.onos.packets.request(HOST_APP, 0x0806, PRIORITY_CONTROL);
  }

  deactivate(): void {
    if (!this.active) return;
    this.active = false;
    this.onos.packets.withdraw(HOST_APP);
  }

  clear(): void {
    this.active = false;
    this.hosts.clear();
  }

  get(id: string): HostRecord | undefined {
    return this.hosts.get(id);
  }

  byMac(mac: string): HostRecord | undefined {
    return this.hosts.get(hostIdOf(mac));
  }

  /** The host that owns an IPv4 address, if one was learned (proxy ARP). */
  byIp(ip: string): HostRecord | undefined {
    for (const h of this.hosts.values()) if (h.ips.includes(ip)) return h;
    return undefined;
  }

  list(): OnosHostInfo[] {
    const out: OnosHostInfo[] = [];
    for (const h of this.hosts.values()) out.push({ id: h.id, mac: macText(h.mac), vlan: 'None', ips: [...h.ips], locations: [h.location] });
    return out;
  }

  get size(): number {
    return this.hosts.size;
  }

  /** Every host located on an edge port of the current topology. */
  all(): Iterable<HostRecord> {
    return this.hosts.values();
  }

  process(ctx: PacketContext): void {
    const f = ctx.frame;
    const p = f.payload;
    if (p.proto === 'lldp' || isMulticastMac(f.src)) return;
    const at = { device: ctx.device.id, port: ctx.inPort };
    if (this.onos.topologyGraph().isInfrastructure(at)) return;
    const ip = p.proto === 'arp' && p.spa !== 0 ? formatIpv4(p.spa) : undefined;
    const id = hostIdOf(f.src);
    const h = this.hosts.get(id);
    const now = this.onos.now;
    if (!h) {
      this.hosts.set(id, { id, mac: f.src, ips: ip ? [ip] : [], location: at, lastSeen: now });
      this.changed();
      return;
    }
    h.lastSeen = now;
    let moved = false;
    if (h.location.device !== at.device || h.location.port !== at.port) {
      h.location = at;
      moved = true;
    }
    if (ip && !h.ips.includes(ip)) {
      h.ips.push(ip);
      moved = true;
    }
    if (moved) this.changed();
  }

  removeAll(): void {
    this.removeWhere(() => true);
  }

  remove(id: string): boolean {
    if (!this.hosts.delete(id)) return false;
    this.changed();
    return true;
  }

  deviceRemoved(device: string): void {
    this.removeWhere((h) => h.location.device === device);
  }

  portDown(device: string, port: number): void {
    this.removeWhere((h) => h.location.device === device && h.location.port === port);
  }

  /** A link was found ending at this connect point: no host lives there. */
  infrastructure(cp: OnosConnectPoint): void {
    this.removeWhere((h) => h.location.device === cp.device && h.location.port === cp.port);
  }

  private removeWhere(pred: (h: HostRecord) => boolean): void {
    let removed = false;
    for (const [id, h] of this.hosts) {
      if (pred(h)) {
        this.hosts.delete(id);
        removed = true;
      }
    }
    if (removed) this.changed();
  }

  private changed(): void {
    this.onos.touch();
    this.onos.intentService.hostsChanged();
  }
}
