/**
 * A Mininet controller node (c0): a process on the lab machine with no interfaces of its own.
 * It may run a controller (Mininet's default OVSController) or only name a remote one
 * (RemoteController, which Mininet does not start).
 */
import type { EthernetFrame } from '../wire/ethernet';
import type { Network } from '../net/network';
import type { LearningController } from './learning-controller';
import { NetNode } from './node';
import type { NodeKind } from './node';

export type ControllerClass = 'OVSController' | 'Controller' | 'RemoteController' | 'NullController';

export class ControllerNode extends NetNode {
  readonly kind: NodeKind = 'controller';

  constructor(
    net: Network,
    name: string,
    readonly cls: ControllerClass,
    readonly ip: string,
    readonly port: number,
    /** The controller process Mininet runs, if any (not for RemoteController). */
    readonly impl: LearningController | undefined,
    /** Parameters given on the command line, shown in dump as Class{...}. */
    readonly specParams?: string,
  ) {
    super(net, name);
  }

  receive(_frame: EthernetFrame): void {
    // A controller node has no data-plane interfaces.
  }
}
