/** TCP segments (RFC 9293), reduced to what the simplified TCP in net/tcp.ts uses. */
export interface TcpFlags {
  readonly syn?: boolean;
  readonly ack?: boolean;
  readonly fin?: boolean;
  readonly rst?: boolean;
  readonly psh?: boolean;
}

export interface TcpSegment {
  readonly proto: 'tcp';
  readonly sport: number;
  readonly dport: number;
  readonly seq: number;
  readonly ack: number;
  readonly flags: TcpFlags;
  readonly window: number;
  /** Payload bytes. */
  readonly length: number;
  /** Option bytes in the header (SYN segments carry 20 on Linux). */
  readonly options?: number;
  /** Application data as a string (HTTP text); undefined for bulk transfers. */
  readonly data?: string;
}

export function tcpFlagString(f: TcpFlags): string {
  let s = '';
  if (f.syn) s += 'S';
  if (f.fin) s += 'F';
  if (f.psh) s += 'P';
  if (f.rst) s += 'R';
  if (f.ack) s += '.';
  return s || 'none';
}
