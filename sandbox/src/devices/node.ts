/**
 * The base of every device: a named thing with interfaces that receives frames.
 * Mininet's node kinds map onto subclasses: Host (and LinuxRouter), OVS switches, controllers.
 */
import type { EthernetFrame } from '../wire/ethernet';
import type { FrameReceiver, Intf } from '../net/interface';
import type { Network } from '../net/network';

export type NodeKind = 'host' | 'switch' | 'controller' | 'machine';

export abstract class NetNode implements FrameReceiver {
  readonly intfs: Intf[] = [];
  /** Process id shown by Mininet's `dump` (derived from the seed). */
  pid = 0;

  constructor(
    readonly net: Network,
    readonly name: string,
  ) {}

  abstract readonly kind: NodeKind;

  abstract receive(frame: EthernetFrame, intf: Intf): void;

  intf(name: string): Intf | undefined {
    return this.intfs.find((i) => i.name === name);
  }

  /** The interface Mininet treats as default: the first one (port 0 for hosts, lo for switches). */
  defaultIntf(): Intf | undefined {
    return this.intfs[0];
  }
}
