/**
 * The lab machine, master1: a native Ubuntu install with Mininet, Open vSwitch and
 * ovs-testcontroller (no reference `controller` binary), reached as root. Its network
 * namespace is the root one: Open vSwitch bridges and switch ports live here, which is why
 * `s1 ifconfig` in Mininet lists them.
 */
import { Intf } from '../net/interface';
import type { Network } from '../net/network';
import { Host } from './host';
import type { NodeKind } from './node';
import type { OvsSwitch } from './ovs-switch';

export const LAB_HOSTNAME = 'master1';
export const LAB_ADDRESS = '192.168.122.10';
export const LAB_GATEWAY = '192.168.122.1';

export class LabMachine extends Host {
  override readonly kind: NodeKind = 'machine';
  readonly hostname = LAB_HOSTNAME;
  readonly eth0: Intf;
  /** The ovs-system datapath interface, present once Open vSwitch has a bridge. */
  readonly ovsSystem: Intf;
  /** Interfaces other subsystems put in the root namespace (Docker's host-side veths). */
  readonly extraRootIntfs: Array<() => Intf[]> = [];

  constructor(net: Network) {
    super(net, LAB_HOSTNAME);
    this.eth0 = this.addIntf('eth0', '52:54:00:' + net.randomMac().slice(9));
    this.eth0.physical = true;
    this.stack.addAddress(this.eth0, { addr: 0xc0a87a0a, prefixLen: 24 });
    this.stack.routes.add({
      dst: 0, prefixLen: 0, via: 0xc0a87a01, dev: this.eth0, proto: 'static', scope: 'global', metric: 100, type: 'unicast',
    });
    this.ovsSystem = new Intf('ovs-system', net.randomMac(), this, 3, 'internal');
    this.ovsSystem.adminUp = false;
  }

  /**
   * Every interface of the root namespace in index order: the machine's own, then (once OVS
   * has a bridge) ovs-system, each bridge's internal port and every switch port.
   */
  rootInterfaces(switches: readonly OvsSwitch[]): Intf[] {
    const list: Intf[] = [...this.intfs];
    const ovs = switches.filter((s) => s.isOpenFlow && s.running);
    if (ovs.length) list.push(this.ovsSystem);
    for (const s of switches) {
      for (const i of s.intfs) if (i.kind !== 'loopback') list.push(i);
      if (s.bridgeIntf) list.push(s.bridgeIntf);
    }
    for (const more of this.extraRootIntfs) list.push(...more());
    return list.sort((a, b) => a.ifindex - b.ifindex);
  }
}
