/** ICMP for IPv4 (RFC 792): echo, destination unreachable, time exceeded. */
import type { Ipv4Packet } from './ipv4';

export const ICMP_ECHO_REPLY = 0;
export const ICMP_DEST_UNREACH = 3;
export const ICMP_ECHO_REQUEST = 8;
export const ICMP_TIME_EXCEEDED = 11;

/** Codes of destination unreachable, as Linux names them. */
export const UNREACH_NET = 0;
export const UNREACH_HOST = 1;
export const UNREACH_PROTOCOL = 2;
export const UNREACH_PORT = 3;
export const UNREACH_NET_PROHIBITED = 9;
export const UNREACH_HOST_PROHIBITED = 10;
export const UNREACH_ADMIN_PROHIBITED = 13;

export interface IcmpEcho {
  readonly proto: 'icmp';
  readonly type: typeof ICMP_ECHO_REQUEST | typeof ICMP_ECHO_REPLY;
  readonly code: 0;
  readonly ident: number;
  readonly seq: number;
  /** Payload bytes after the 8-byte ICMP header (ping -s, default 56). */
  readonly dataLen: number;
  /** Virtual send time carried in the payload, as iputils puts a timestamp there. */
  readonly sentAt: number;
}

export interface IcmpError {
  readonly proto: 'icmp';
  readonly type: typeof ICMP_DEST_UNREACH | typeof ICMP_TIME_EXCEEDED;
  readonly code: number;
  /** The offending datagram (its header and first 8 payload bytes travel back). */
  readonly original: Ipv4Packet;
}

export type IcmpMessage = IcmpEcho | IcmpError;

/**
 * Bytes of an ICMP error's quote of the offending datagram: Linux's icmp_send() copies as much
 * of it as fits in a 576-byte reply (576 - 20 IP - 8 ICMP = 548).
 */
export const ICMP_ERROR_QUOTE_MAX = 548;

/** Size of an ICMP message; an error quotes `originalSize` bytes of IP datagram (up to 548). */
export function icmpSize(m: IcmpMessage, originalSize = 28): number {
  if (m.type === ICMP_ECHO_REQUEST || m.type === ICMP_ECHO_REPLY) return 8 + m.dataLen;
  return 8 + Math.min(originalSize, ICMP_ERROR_QUOTE_MAX);
}
