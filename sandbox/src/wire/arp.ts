/** ARP over Ethernet for IPv4 (RFC 826): only the fields a device decides on. */
import type { Ipv4, Mac } from './addr';

export const ARP_REQUEST = 1;
export const ARP_REPLY = 2;

export interface ArpPacket {
  readonly proto: 'arp';
  readonly op: typeof ARP_REQUEST | typeof ARP_REPLY;
  readonly sha: Mac;
  readonly spa: Ipv4;
  /** 00:00:00:00:00:00 in a request. */
  readonly tha: Mac;
  readonly tpa: Ipv4;
}
