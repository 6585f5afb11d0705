/**
 * A network interface: what `ifconfig` and `ip link` show, and the egress side of a link
 * (traffic control and the transmit queue live here, as they do in Linux).
 */
import type { Ipv4Cidr, Mac } from '../wire/addr';
import type { EthernetFrame } from '../wire/ethernet';
import type { Link } from './link';

export interface IntfStats {
  rxPackets: number;
  rxBytes: number;
  rxErrors: number;
  rxDropped: number;
  txPackets: number;
  txBytes: number;
  txErrors: number;
  txDropped: number;
}

/** TCLink parameters (Mininet link.py TCIntf): applied on this interface's egress. */
export interface TcParams {
  /** Mbit/s (HTB rate). */
  bw?: number;
  /** Microseconds (netem delay). */
  delay?: number;
  /** The delay as the user wrote it ("10ms"), for Mininet's status strings. */
  delayText?: string;
  jitter?: number;
  jitterText?: string;
  /** Percent (netem loss). */
  loss?: number;
  /** Packets (netem limit). */
  maxQueueSize?: number;
}

export type CaptureDirection = 'in' | 'out';
export type Capture = (frame: EthernetFrame, dir: CaptureDirection, intf: Intf) => void;

/** What owns an interface: a device that receives the frames the link delivers. */
export interface FrameReceiver {
  readonly name: string;
  receive(frame: EthernetFrame, intf: Intf): void;
  /** Called when the interface's carrier changes (link or admin state). */
  carrierChanged?(intf: Intf): void;
}

export function zeroStats(): IntfStats {
  return { rxPackets: 0, rxBytes: 0, rxErrors: 0, rxDropped: 0, txPackets: 0, txBytes: 0, txErrors: 0, txDropped: 0 };
}

export class Intf {
  /** Addresses in the order they were added; the first is the primary. */
  addrs: Ipv4Cidr[] = [];
  private up = true;
  /** How many times the admin state changed: lets a lesson check see "changed since" (down then up). */
  adminChanges = 0;
  mtu = 1500;
  txqueuelen = 1000;
  stats: IntfStats = zeroStats();
  tc: TcParams | undefined;
  /** A physical NIC (the lab machine's eth0) rather than one end of a veth pair: no peer to show, fq_codel. */
  physical = false;
  link: Link | undefined;
  /** Egress queue model: when the transmitter is next free, and how many frames wait. */
  busyUntil = 0;
  queued = 0;
  readonly captures = new Set<Capture>();
  /** Mininet's port number for this interface on its node (switch port, or host port 0, 1...). */
  port: number | undefined;

  get adminUp(): boolean {
    return this.up;
  }

  set adminUp(v: boolean) {
    if (v === this.up) return;
    this.up = v;
    this.adminChanges++;
  }

  constructor(
    public name: string,
    public mac: Mac,
    readonly owner: FrameReceiver,
    /** Interface index in its namespace (lo = 1). */
    public ifindex: number,
    readonly kind: 'ether' | 'loopback' | 'internal' = 'ether',
  ) {}

  get peer(): Intf | undefined {
    return this.link?.peerOf(this);
  }

  /** Carrier: a veth has one when both ends are administratively up. */
  get carrier(): boolean {
    if (this.kind === 'loopback' || this.kind === 'internal') return this.adminUp;
    const p = this.peer;
    return this.adminUp && p !== undefined && p.adminUp && (this.link?.up ?? false);
  }

  /** RUNNING in ifconfig's terms: up with carrier. */
  get running(): boolean {
    return this.adminUp && this.carrier;
  }

  get primary(): Ipv4Cidr | undefined {
    return this.addrs[0];
  }
}
