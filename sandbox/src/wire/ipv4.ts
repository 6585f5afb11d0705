/** IPv4 packets (RFC 791) as data, with the transport payloads the sandbox uses. */
import type { Ipv4 } from './addr';
import type { IcmpMessage } from './icmp';
import { icmpSize } from './icmp';
import type { UdpDatagram } from './udp';
import type { TcpSegment } from './tcp';

export const IPV4_HEADER = 20;
export const DEFAULT_TTL = 64;

export type IpPayload = IcmpMessage | UdpDatagram | TcpSegment;

export interface Ipv4Packet {
  readonly proto: 'ipv4';
  readonly src: Ipv4;
  readonly dst: Ipv4;
  readonly ttl: number;
  readonly tos: number;
  readonly id: number;
  readonly payload: IpPayload;
}

export function ipProtocolNumber(p: IpPayload): number {
  switch (p.proto) {
    case 'icmp':
      return 1;
    case 'tcp':
      return 6;
    case 'udp':
      return 17;
  }
}

export function ipv4Size(p: Ipv4Packet): number {
  const pl = p.payload;
  switch (pl.proto) {
    case 'icmp':
      return IPV4_HEADER + icmpSize(pl, 'original' in pl ? ipv4Size(pl.original) : 0);
    case 'udp':
      return IPV4_HEADER + 8 + pl.length;
    case 'tcp':
      return IPV4_HEADER + 20 + (pl.options ?? 0) + pl.length;
  }
}
