/**
 * Proxy ARP (org.onosproject.proxyarp, reference/onos.md §5.3, NeighbourResolutionManager):
 * asks for ARP packet-ins (the same priority-40000 flow as the host provider's) and handles
 * every ARP packet: a request for a known host's address is answered on its behalf out of the
 * port it came in on; other requests are flooded out of every edge port; a reply goes to the
 * known host it is for, else to every edge port.
 */
import type { EthernetFrame } from '../wire/ethernet';
import { formatIpv4 } from '../wire/addr';
import { ARP_REPLY, ARP_REQUEST } from '../wire/arp';
import type { PacketContext } from './packet-service';
import { PRIORITY_CONTROL } from './packet-service';
import type { Onos } from './onos';

export const PROXYARP_APP = 'org.onosproject.proxyarp';

export class ProxyArp {
  active = false;

  constructor(private readonly onos: Onos) {}

  activate(): void {
    if (this.active) return;
    this.active = true;
    this.onos.packets.request(PROXYARP_APP, 0x0806, PRIORITY_CONTROL);
  }

  deactivate(): void {
    if (!this.active) return;
    this.active = false;
    this.onos.packets.withdraw(PROXYARP_APP);
  }

  clear(): void {
    this.active = false;
  }

  process(ctx: PacketContext): void {
    const p = ctx.frame.payload;
    if (ctx.handled || p.proto !== 'arp') return;
    ctx.handled = true;
    const hosts = this.onos.hostStore;
    if (p.op === ARP_REQUEST) {
      const owner = hosts.byIp(formatIpv4(p.tpa));
      if (owner) {
        const reply: EthernetFrame = {
          src: owner.mac, dst: p.sha,
          payload: { proto: 'arp', op: ARP_REPLY, sha: owner.mac, spa: p.tpa, tha: p.sha, tpa: p.spa },
        };
        this.onos.packets.emit(ctx.device, reply, -1, [{ type: 'output', port: ctx.inPort }]);
        return;
      }
    } else {
      const to = hosts.byMac(p.tha);
      if (to) {
        const d = this.onos.provider.devices.get(to.location.device);
        if (d?.available) this.onos.packets.emit(d, ctx.frame, -1, [{ type: 'output', port: to.location.port }]);
        return;
      }
    }
    this.floodEdges(ctx);
  }

  /** Out of every edge port of every device, except where the packet came in. */
  private floodEdges(ctx: PacketContext): void {
    const topo = this.onos.topologyGraph();
    for (const d of this.onos.provider.devices.values()) {
      if (!d.available) continue;
      for (const { no, intf } of d.sw.ports()) {
        if (!intf.running || (d === ctx.device && no === ctx.inPort)) continue;
        if (topo.isInfrastructure({ device: d.id, port: no })) continue;
        this.onos.packets.emit(d, ctx.frame, -1, [{ type: 'output', port: no }]);
      }
    }
  }
}
