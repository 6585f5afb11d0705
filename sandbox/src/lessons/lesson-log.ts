/**
 * The small pieces of history lesson checks need and the network's state does not hold: the
 * lines typed per session with their output, the outcome of the last ping between two nodes,
 * its RTTs and reply TTLs, the last pingall, the last Mininet iperf between two hosts and the HTTP
 * fetches of wget and curl. The engine appends (Session.runLine/write, ping, pingHosts, iperfHosts,
 * the HTTP clients); checks only read. Bounded: old commands drop off and output is capped, so a long session cannot grow it.
 */
import type { Micros } from '../sim/time';
import type { Ipv4 } from '../wire/addr';
import type { Host } from '../devices/host';
import type { Mininet } from '../mininet/mininet';

export interface CommandRecord {
  readonly session: number;
  /** The session's mode when the line was typed: 'bash', 'mininet', ... */
  readonly mode: string;
  readonly line: string;
  readonly at: Micros;
  /** What the session printed from this line until the next one (capped). */
  output: string;
}

export interface PingRecord {
  /** The namespace the ping ran in (an object: a restarted network never matches old records). */
  readonly from: Host;
  readonly dst: Ipv4;
  readonly transmitted: number;
  readonly received: number;
  /** ping's `rtt min/avg/max/mdev` figures in ms; absent when nothing was received. */
  readonly rtt?: { readonly min: number; readonly avg: number; readonly max: number };
  /** The distinct `ttl=` values of the replies, in the order first seen (none without replies). */
  readonly ttls: readonly number[];
  readonly at: Micros;
}

export interface IperfRecord {
  /** The hosts as Mininet ran it: iperf's client sent to the server (objects, as for pings). */
  readonly client: Host;
  readonly server: Host;
  readonly udp: boolean;
  /** Rates in Mbit/s parsed from the results Mininet printed (`'9.49 Mbits/sec'`). */
  readonly serverMbps: number;
  readonly clientMbps: number;
  readonly at: Micros;
}

export interface PingallRecord {
  /** The network it ran on: a record from a stopped network does not count. */
  readonly mininet: Mininet;
  /** Percentage dropped, as Mininet computes it (100 * lost / sent). */
  readonly loss: number;
  readonly sent: number;
  readonly received: number;
  /** Mininet.linkStateKey() when it ran: a link that went up or down since makes it stale. */
  readonly linkState: string;
  readonly at: Micros;
}

/**
 * One HTTP fetch by a client (wget, curl): where it ran, what it asked for, what came back.
 * `node` is the name of the host the client ran on (the lab machine's hostname on the lab shell).
 */
export interface FetchRecord {
  readonly node: string;
  /** The URL as the client requested it (`http://10.0.0.1/`). */
  readonly url: string;
  /** The URL's host part as the client connected to it (`10.0.0.1`). */
  readonly host: string;
  /** The HTTP status received; undefined when no response came (refused, unreachable, timeout). */
  readonly status: number | undefined;
  /** The client considered the fetch successful (a 2xx response). */
  readonly ok: boolean;
}

export const MAX_COMMANDS = 500;
export const MAX_FETCHES = 200;
export const MAX_OUTPUT = 64 * 1024;

export class LessonLog {
  readonly commands: CommandRecord[] = [];
  private readonly pings = new Map<Host, Map<Ipv4, PingRecord>>();
  lastPingall: PingallRecord | undefined;
  private readonly iperfs = new Map<Host, Map<Host, IperfRecord>>();
  /** HTTP fetches, oldest first (the last MAX_FETCHES). */
  readonly fetches: FetchRecord[] = [];

  /** A line typed at a session prompt; output written afterwards is appended to it. */
  beginCommand(session: number, mode: string, line: string, at: Micros): CommandRecord {
    const rec: CommandRecord = { session, mode, line, at, output: '' };
    this.commands.push(rec);
    if (this.commands.length > MAX_COMMANDS) this.commands.splice(0, this.commands.length - MAX_COMMANDS);
    return rec;
  }

  appendOutput(rec: CommandRecord, text: string): void {
    if (rec.output.length < MAX_OUTPUT) rec.output += text.slice(0, MAX_OUTPUT - rec.output.length);
  }

  recordPing(r: PingRecord): void {
    let byDst = this.pings.get(r.from);
    if (!byDst) this.pings.set(r.from, (byDst = new Map()));
    byDst.set(r.dst, r);
  }

  /** The last ping run in `from` towards `dst`, if any. */
  lastPing(from: Host, dst: Ipv4): PingRecord | undefined {
    return this.pings.get(from)?.get(dst);
  }

  recordIperf(r: IperfRecord): void {
    // Stored both ways round: a pair of hosts has one "last iperf".
    for (const [a, b] of [[r.client, r.server], [r.server, r.client]] as const) {
      let byPeer = this.iperfs.get(a);
      if (!byPeer) this.iperfs.set(a, (byPeer = new Map()));
      byPeer.set(b, r);
    }
  }

  /** The last Mininet iperf between hosts a and b, whichever was the client. */
  lastIperf(a: Host, b: Host): IperfRecord | undefined {
    return this.iperfs.get(a)?.get(b);
  }

  recordFetch(r: FetchRecord): void {
    this.fetches.push(r);
    if (this.fetches.length > MAX_FETCHES) this.fetches.splice(0, this.fetches.length - MAX_FETCHES);
  }

  recordPingall(r: PingallRecord): void {
    this.lastPingall = r;
  }

  /** Commands typed in one session (all sessions when undefined), oldest first. */
  commandsOf(session?: number): CommandRecord[] {
    return session === undefined ? this.commands : this.commands.filter((c) => c.session === session);
  }
}
