/**
 * Ethernet II frames as data (IEEE 802.3, no FCS in sizes, as tcpdump and OVS count them).
 * Only the payload kinds the sandbox emits are modelled.
 */
import type { Mac } from './addr';
import type { ArpPacket } from './arp';
import type { Ipv4Packet } from './ipv4';
import { ipv4Size } from './ipv4';
import type { LldpPacket } from './lldp';

export type { LldpPacket };

export const ETH_HEADER = 14;

export type EthPayload = ArpPacket | Ipv4Packet | LldpPacket;

export interface EthernetFrame {
  readonly src: Mac;
  readonly dst: Mac;
  readonly payload: EthPayload;
}

export function etherTypeOf(p: EthPayload): number {
  switch (p.proto) {
    case 'arp':
      return 0x0806;
    case 'ipv4':
      return 0x0800;
    case 'lldp':
      return p.ethType;
  }
}

/** Frame length in bytes as counted on the wire by Linux and OVS (header + payload). */
export function frameSize(f: EthernetFrame): number {
  switch (f.payload.proto) {
    case 'arp':
      return ETH_HEADER + 28;
    case 'ipv4':
      return ETH_HEADER + ipv4Size(f.payload);
    case 'lldp':
      return ETH_HEADER + f.payload.bytes;
  }
}
