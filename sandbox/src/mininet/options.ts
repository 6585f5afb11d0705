/** What `mn` (or a Python script's Mininet(...)) asked for, after parsing. */
import type { Ipv4Cidr } from '../wire/addr';
import type { SwitchClass, FailMode } from '../devices/ovs-switch';
import type { ControllerClass } from '../devices/controller-node';
import type { Topo } from '../topo/topo';

export interface SwitchChoice {
  readonly cls: SwitchClass;
  readonly failMode: FailMode;
  readonly protocols: string[];
  readonly stp: boolean;
  /** Params given on the command line, for dump's Class{...} name. */
  readonly specParams?: string;
}

export interface ControllerChoice {
  readonly cls: ControllerClass;
  readonly ip?: string;
  readonly port?: number;
  readonly specParams?: string;
}

export interface LinkChoice {
  readonly cls: 'Link' | 'TCLink';
  readonly params: Record<string, string | number>;
}

export interface MininetOptions {
  readonly topo: Topo;
  readonly switch: SwitchChoice;
  readonly controllers: ControllerChoice[];
  readonly link: LinkChoice;
  readonly ipBase: Ipv4Cidr;
  readonly autoSetMacs: boolean;
  readonly autoStaticArp: boolean;
  /** Base passive listening port for switches (6654 under mn; none from the Python API). */
  readonly listenPort: number | undefined;
  readonly waitConnected: boolean;
}
