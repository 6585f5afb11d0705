/**
 * A Docker network as the daemon keeps it (reference/docker.md §1, §2): the predefined
 * `bridge` (docker0, 172.17.0.0/16), `host` and `none`, and user bridge networks with a bridge
 * `br-<12hex>` on the lab machine carrying the gateway address.
 */
import type { Intf } from '../net/interface';
import type { Ipv4 } from '../wire/addr';
import type { LinuxBridge } from './bridge';
import type { Subnet } from './ipam';

export type NetworkDriver = 'bridge' | 'host' | 'null';

export class DockerNetwork {
  /** Addresses taken in the subnet: the gateway, static and dynamic container addresses. */
  readonly used = new Set<Ipv4>();
  /** The Linux bridge and the lab machine's interface on it (bridge driver only). */
  bridge: LinuxBridge | undefined;
  hostIntf: Intf | undefined;

  constructor(
    readonly name: string,
    readonly id: string,
    readonly driver: NetworkDriver,
    /** Virtual time of creation (microseconds). */
    readonly created: number,
    readonly subnet: Subnet | undefined,
    readonly gateway: Ipv4 | undefined,
    readonly opts: {
      readonly ipRange?: Subnet;
      /** Created with --subnet (static --ip allowed). */
      readonly userSubnet: boolean;
      readonly internal: boolean;
      readonly attachable: boolean;
      readonly builtin: boolean;
      readonly options: Readonly<Record<string, string>>;
      readonly labels: Readonly<Record<string, string>>;
    },
  ) {}

  /** The predefined default bridge (no embedded DNS, no aliases, no --ip). */
  get isDefaultBridge(): boolean {
    return this.name === 'bridge' && this.opts.builtin;
  }

  /** The name of the bridge device on the lab machine. */
  get bridgeName(): string {
    return this.isDefaultBridge ? 'docker0' : `br-${this.id.slice(0, 12)}`;
  }
}
