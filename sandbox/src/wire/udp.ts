/** UDP (RFC 768): ports and a payload length; the payload itself is a small value. */
export interface UdpDatagram {
  readonly proto: 'udp';
  readonly sport: number;
  readonly dport: number;
  /** Payload bytes. */
  readonly length: number;
  readonly data?: unknown;
}
