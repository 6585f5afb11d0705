/**
 * The inspector's list: the frames of the chosen protocols, newest last, at most `limit` of them,
 * and the texts of a row (virtual time in milliseconds, the link from sender to receiver).
 */
import type { PacketInfo, PacketProtocol } from '@site/sandbox/worker/api';

export interface ListView {
  readonly rows: readonly PacketInfo[];
  /** Frames of the chosen protocols left out (older than the rows shown). */
  readonly hidden: number;
  /** Frames of the chosen protocols in all. */
  readonly matching: number;
}

export function filterPackets(packets: readonly PacketInfo[], shown: ReadonlySet<PacketProtocol>, limit: number): ListView {
  const match = shown.size === 0 ? [] : packets.filter((p) => shown.has(p.protocol));
  const rows = match.length > limit ? match.slice(match.length - limit) : match;
  return { rows, hidden: match.length - rows.length, matching: match.length };
}

/** "1002.345 ms": virtual time since the sandbox started. */
export function timeText(at: number): string {
  return `${(at / 1000).toFixed(3)} ms`;
}

/** "h1-eth0 → s1-eth1". */
export function linkText(p: PacketInfo): string {
  return `${p.from.intf} → ${p.to.intf}`;
}
