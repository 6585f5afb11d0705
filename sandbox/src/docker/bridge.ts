/**
 * A Linux bridge in the lab machine's root namespace (docker0, br-<12hex>): a MAC-learning
 * switch whose ports are the host-side veths of containers plus the bridge's own port, which
 * is the lab machine's `docker0`/`br-…` interface carrying the gateway address.
 */
import type { EthernetFrame } from '../wire/ethernet';
import { Intf } from '../net/interface';
import type { Network } from '../net/network';
import { NetNode } from '../devices/node';
import type { NodeKind } from '../devices/node';

export class LinuxBridge extends NetNode {
  readonly kind: NodeKind = 'switch';
  private fdb = new Map<string, Intf>();

  constructor(net: Network, name: string) {
    super(net, name);
  }

  /** A new port (a veth's host end, or the bridge's own port). */
  addPort(name: string, mac: string, ifindex: number): Intf {
    const i = new Intf(name, mac, this, ifindex);
    this.intfs.push(i);
    return i;
  }

  removePort(i: Intf): void {
    const k = this.intfs.indexOf(i);
    if (k >= 0) this.intfs.splice(k, 1);
    for (const [mac, p] of this.fdb) if (p === i) this.fdb.delete(mac);
  }

  receive(frame: EthernetFrame, inPort: Intf): void {
    if (!inPort.adminUp) return;
    this.fdb.set(frame.src, inPort);
    const out = this.fdb.get(frame.dst);
    if (out && out !== inPort && this.intfs.includes(out)) {
      out.link?.transmit(out, frame);
      return;
    }
    for (const p of this.intfs) if (p !== inPort && p.link) p.link.transmit(p, frame);
  }
}
