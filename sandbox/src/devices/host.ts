/**
 * A Linux host in its own network namespace: a Mininet host, or a Linux router (a host with
 * net.ipv4.ip_forward=1). Mininet hosts share the lab machine's filesystem, processes and
 * hostname; only the network is theirs.
 */
import type { EthernetFrame } from '../wire/ethernet';
import { Intf } from '../net/interface';
import { IpStack } from '../net/ip-stack';
import type { Network } from '../net/network';
import { NetNode } from './node';
import type { NodeKind } from './node';

export class Host extends NetNode {
  readonly kind: NodeKind = 'host';
  readonly stack: IpStack;
  /** The class name Mininet's dump prints: Host, LinuxRouter, or a script's own class. */
  cls = 'Host';

  /** `firstIpId` fixes the IP id counter instead of drawing it from the seeded RNG. */
  constructor(net: Network, name: string, firstIpId?: number) {
    super(net, name);
    this.stack = new IpStack(net, this.intfs, firstIpId);
    const lo = new Intf('lo', '00:00:00:00:00:00', this, 1, 'loopback');
    lo.mtu = 65536;
    lo.addrs.push({ addr: 0x7f000001, prefixLen: 8 });
    this.intfs.push(lo);
  }

  get lo(): Intf {
    return this.intfs[0]!;
  }

  /** Add an Ethernet interface; its index in this namespace is the next free one. */
  addIntf(name: string, mac: string): Intf {
    const i = new Intf(name, mac, this, this.nextIfindex());
    this.intfs.push(i);
    return i;
  }

  nextIfindex(): number {
    return this.intfs.reduce((m, i) => Math.max(m, i.ifindex), 0) + 1;
  }

  /** Data interfaces (everything but lo), in creation order. */
  dataIntfs(): Intf[] {
    return this.intfs.filter((i) => i.kind !== 'loopback');
  }

  /** Mininet's default interface: the one on the lowest port. */
  override defaultIntf(): Intf | undefined {
    let best: Intf | undefined;
    for (const i of this.dataIntfs()) if (!best || (i.port ?? i.ifindex) < (best.port ?? best.ifindex)) best = i;
    return best;
  }

  receive(frame: EthernetFrame, intf: Intf): void {
    this.stack.receive(frame, intf);
  }

  /** The IPv4 address Mininet's IP() returns: the default interface's. */
  ip(): number | undefined {
    return this.defaultIntf()?.addrs[0]?.addr;
  }
}
