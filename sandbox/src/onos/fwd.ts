/**
 * Reactive forwarding (org.onosproject.fwd, reference/onos.md §5.4, after ReactiveForwarding.java):
 * asks for IPv4 packet-ins at priority 5. For each packet-in not yet handled: control frames
 * are ignored; a multicast/broadcast or unknown destination is flooded (packet_out FLOOD, only
 * from a broadcast point of the topology, otherwise dropped); a destination on this switch, or
 * the first hop of a shortest path towards its switch that does not lead back out of the input
 * port, gets a rule on this switch only: IN_PORT, ETH_DST, ETH_SRC -> OUTPUT, priority 10,
 * temporary with a 10 s timeout (ONOS enforces it); then the packet itself is sent on. ARP is
 * only ever sent on, never made into a rule. Deactivating removes every rule it installed.
 */
import { isMulticastMac } from '../wire/addr';
import type { PacketContext } from './packet-service';
import { PRIORITY_REACTIVE } from './packet-service';
import { hostIdOf } from './hosts';
import { CFG } from './config';
import type { Onos } from './onos';

export const FWD_APP = 'org.onosproject.fwd';

export class ReactiveForwarding {
  active = false;

  constructor(private readonly onos: Onos) {}

  activate(): void {
    if (this.active) return;
    this.active = true;
    this.onos.packets.request(FWD_APP, 0x0800, PRIORITY_REACTIVE);
  }

  deactivate(): void {
    if (!this.active) return;
    this.active = false;
    this.onos.packets.withdraw(FWD_APP);
    this.onos.flowRules.removeByApp(FWD_APP);
  }

  clear(): void {
    this.active = false;
  }

  process(ctx: PacketContext): void {
    if (ctx.handled) return;
    const frame = ctx.frame;
    if (frame.payload.proto === 'lldp') return;
    if (isMulticastMac(frame.dst)) {
      this.flood(ctx);
      return;
    }
    const dst = this.onos.hostStore.get(hostIdOf(frame.dst));
    if (!dst) {
      this.flood(ctx);
      return;
    }
    const here = ctx.device.id;
    if (dst.location.device === here) {
      if (dst.location.port !== ctx.inPort) this.installRule(ctx, dst.location.port);
      return;
    }
    const paths = this.onos.topologyGraph().paths(here, dst.location.device);
    if (paths.length === 0) {
      this.flood(ctx);
      return;
    }
    const path = paths.find((p) => p.links[0]!.src.port !== ctx.inPort);
    if (!path) {
      this.flood(ctx);
      return;
    }
    this.installRule(ctx, path.links[0]!.src.port);
  }

  private flood(ctx: PacketContext): void {
    ctx.handled = true;
    if (this.onos.topologyGraph().isBroadcastPoint({ device: ctx.device.id, port: ctx.inPort })) {
      this.onos.packets.emit(ctx.device, ctx.frame, ctx.inPort, [{ type: 'flood' }]);
    }
  }

  private installRule(ctx: PacketContext, port: number): void {
    ctx.handled = true;
    const frame = ctx.frame;
    const cfg = this.onos.config;
    if (frame.payload.proto !== 'arp' && !cfg.flag(CFG.FWD, 'packetOutOnly')) {
      const dstOnly = cfg.flag(CFG.FWD, 'matchDstMacOnly');
      this.onos.flowRules.apply({
        deviceId: ctx.device.id, appName: FWD_APP, priority: cfg.number(CFG.FWD, 'flowPriority'),
        selector: dstOnly ? { ethDst: frame.dst } : { inPort: ctx.inPort, ethDst: frame.dst, ethSrc: frame.src },
        treatment: { output: port, cleared: false }, timeout: cfg.number(CFG.FWD, 'flowTimeout'),
      });
    }
    this.onos.packets.emit(ctx.device, frame, ctx.inPort, [{ type: 'output', port }]);
  }
}
