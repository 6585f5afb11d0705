/**
 * Mininet's built-in tests as the CLI and `mn --test` run them (net.py ping, pingFull, iperf).
 * Like Mininet, they run real commands on the nodes (ping -c1, iperf) and parse the output.
 */
import type { ExecContext } from '../shell/context';
import type { Session } from '../shell/session';
import type { Proc } from '../shell/process';
import { sleep, Signal, waitFor } from '../shell/process';
import { Job } from '../shell/process';
import { runBashLine } from '../shell/bash';
import type { NetNode } from '../devices/node';
import { Host } from '../devices/host';
import type { Ipv4 } from '../wire/addr';
import { formatIpv4 } from '../wire/addr';
import type { IpStack } from '../net/ip-stack';
import type { TcpError } from '../net/tcp';
import type { Mininet, Out, Task } from './mininet';

interface CliLike {
  readonly mn: Mininet;
}

/** _parsePing: (sent, received); a downed link counts as 1 sent, 0 received. */
export function parsePing(text: string): [number, number] {
  if (text.includes('connect: Network is unreachable')) return [1, 0];
  const m = /(\d+) packets transmitted, (\d+)( packets)? received/.exec(text);
  if (!m) return [1, 0];
  return [Number(m[1]), Number(m[2])];
}

/** _parsePingFull: (sent, received, min, avg, max, mdev). */
export function parsePingFull(text: string): [number, number, number, number, number, number] {
  const [sent, received] = parsePing(text);
  const m = /rtt min\/avg\/max\/mdev = ([\d.]+)\/([\d.]+)\/([\d.]+)\/([\d.]+) ms/.exec(text);
  if (!m) return [sent, received, 0, 0, 0, 0];
  return [sent, received, Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
}

export function* pingHosts(
  mn: Mininet, session: Session, out: Out, hosts: Host[] | undefined, opts: { full: boolean; timeout?: string },
): Task<number> {
  const list = hosts ?? mn.hosts;
  if (!hosts) out('*** Ping: testing ping reachability\n');
  let packets = 0;
  let lost = 0;
  const full: Array<[string, string, number[]]> = [];
  for (const node of list) {
    out(`${node.name} -> `);
    for (const dest of list) {
      if (dest === node) continue;
      const wOpt = opts.timeout ? `-W ${opts.timeout} ` : '';
      const ip = mn.ipOf(dest);
      let sent = 0;
      let received = 0;
      if (dest.dataIntfs().length > 0) {
        const text = yield* mn.cmd(session, node, `ping -c1 ${wOpt}${ip !== undefined ? formatIpv4(ip) : 'None'}`);
        const r = parsePingFull(text);
        [sent, received] = r;
        if (opts.full) full.push([node.name, dest.name, r]);
      }
      packets += sent;
      lost += sent - received;
      out(received ? `${dest.name} ` : 'X ');
    }
    out('\n');
  }
  if (opts.full) {
    out('*** Results: \n');
    for (const [s, d, r] of full) {
      out(` ${s}->${d}: ${r[0]}/${r[1]}, rtt min/avg/max/mdev ${r[2]!.toFixed(3)}/${r[3]!.toFixed(3)}/${r[4]!.toFixed(3)}/${r[5]!.toFixed(3)} ms\n`);
    }
    return 0;
  }
  if (!hosts) mn.sandbox.lessonLog.recordPingall({ mininet: mn, loss: packets ? (100 * lost) / packets : 0, sent: packets, received: packets - lost, linkState: mn.linkStateKey(), at: mn.sandbox.now });
  if (packets > 0) {
    const ploss = (100 * lost) / packets;
    out(`*** Results: ${Math.trunc(ploss)}% dropped (${packets - lost}/${packets} received)\n`);
    return ploss;
  }
  out('*** Warning: No packets sent\n');
  return 0;
}

export function pingTest(cli: CliLike, session: Session, out: Out, o: { all: boolean; full: boolean; timeout?: string }): Proc {
  return (function* (): Proc {
    const hosts = o.all ? undefined : cli.mn.hosts.slice(0, 2);
    yield* pingHosts(cli.mn, session, out, hosts, { full: o.full, timeout: o.timeout });
    return 0;
  })();
}

/** The last "<number> <unit>/sec" in iperf's output (2.3.0 _parseIperf). */
export function parseIperf(text: string): string {
  const all = text.match(/[\d.]+ \w+\/sec/g);
  if (!all || all.length === 0) return '';
  return all[all.length - 1]!;
}

/** A rate as parseIperf returns it ('9.49 Mbits/sec', '25.9 Gbits/sec') in Mbit/s; NaN if unreadable. */
export function rateMbps(rate: string): number {
  const m = /^([\d.]+) ([KMG]?)bits\/sec$/.exec(rate);
  if (!m) return NaN;
  const scale = { '': 1e-6, K: 1e-3, M: 1, G: 1e3 }[m[2] as '' | 'K' | 'M' | 'G'];
  return Number(m[1]) * scale;
}

export function* iperfHosts(
  mn: Mininet, session: Session, out: Out, o: { udp: boolean; hosts?: NetNode[]; bw?: string; seconds?: number },
): Task<string[] | undefined> {
  const hosts = o.hosts ?? [mn.hosts[0]!, mn.hosts[mn.hosts.length - 1]!];
  const [client, server] = hosts as [NetNode, NetNode];
  const l4 = o.udp ? 'UDP' : 'TCP';
  const udpBw = o.bw ?? '10M';
  const seconds = o.seconds ?? 5;
  out(`*** Iperf: testing ${l4} bandwidth between ${client.name} and ${server.name} \n`);
  const serverIp = mn.ipOf(server);
  const ipText = serverIp === undefined ? 'None' : formatIpv4(serverIp);
  yield* mn.cmd(session, server, 'killall -9 iperf');
  // The server runs in the background of the server node's shell; its output is collected.
  let servout = '';
  const sandbox = mn.sandbox;
  const shell = mn.shellFor(server);
  const serverJob = new Job(
    sandbox.net.sched,
    runBashLine(sandbox, session, shell, `iperf -p 5001 ${o.udp ? '-u ' : ''}-s`, (t) => (servout += t), { interactive: false }),
    (m) => out(`*** sandbox: internal error: ${m}\n`),
  );
  shell.addJob('iperf -p 5001 -s', serverJob, sandbox.allocPid(2));
  serverJob.start();
  try {
    if (!o.udp) {
      // waitListening (util.py): Mininet runs `echo A | telnet -e A IP 5001` on the client until
      // it prints "Connected"; here the same TCP connect from the client's namespace. "No route
      // to host": print the client's routing table and give up. Anything else (refused, timed
      // out, network unreachable, no IP): a dot (info('.')), half a second, and again.
      const stack = (client instanceof Host ? client : sandbox.lab).stack;
      for (;;) {
        const probe = yield* tcpProbe(stack, serverIp, 5001);
        if (probe === 'interrupt') return undefined;
        if (probe === 'connected') break;
        if (probe === 'EHOSTUNREACH') {
          const rtable = yield* mn.cmd(session, client, 'route');
          out(`no route to ${ipText}:\n${rtable}`);
          return undefined;
        }
        out('.');
        const w = yield sleep(500_000);
        if (w.reason === 'interrupt') return undefined;
      }
    }
    const cliout = yield* mn.cmd(session, client, `iperf -p 5001 ${o.udp ? '-u ' : ''}-t ${seconds} -c ${ipText}${o.udp ? ` -b ${udpBw}` : ''}`);
    const count = o.udp ? 1 : 2;
    while ((servout.match(/\/sec/g) ?? []).length < count) {
      const w = yield sleep(100_000);
      if (w.reason === 'interrupt') return undefined;
    }
    const result = [parseIperf(servout), parseIperf(cliout)];
    if (client instanceof Host && server instanceof Host) {
      sandbox.lessonLog.recordIperf({
        client, server, udp: o.udp, serverMbps: rateMbps(result[0]!), clientMbps: rateMbps(result[1]!), at: sandbox.now,
      });
    }
    if (o.udp) result.unshift(udpBw);
    out(`*** Results: [${result.map((r) => `'${r}'`).join(', ')}]\n`);
    return result;
  } finally {
    serverJob.kill();
  }
}

/**
 * One waitListening probe: connect to ip:port and, once connected, close again (telnet reads
 * EOF from its stdin and hangs up). Resolves to how the connect ended.
 */
function* tcpProbe(stack: IpStack, ip: Ipv4 | undefined, port: number): Task<'connected' | TcpError | 'interrupt'> {
  if (ip === undefined) return 'ENETUNREACH';
  const wake = new Signal(stack.net.sched);
  let result: 'connected' | TcpError | undefined;
  const c = stack.tcp.connect(ip, port, {
    onConnect: (conn) => {
      result = 'connected';
      conn.close();
      wake.fire();
    },
    onError: (_conn, e) => {
      result = e;
      wake.fire();
    },
  });
  if (typeof c === 'string') return c;
  while (result === undefined) {
    const w = yield waitFor(wake);
    if (w.reason === 'interrupt') {
      c.abort();
      return 'interrupt';
    }
  }
  return result;
}

export function iperfTest(cli: CliLike, session: Session, out: Out, o: { udp: boolean; hosts?: NetNode[]; bw?: string }): Proc {
  return (function* (): Proc {
    yield* iperfHosts(cli.mn, session, out, o);
    return 0;
  })();
}

/** mn --test NAME: returns 'unknown' for a name Mininet has no method for. */
export function* runTest(ctx: ExecContext, mn: Mininet, test: string, info: Out): Task<'ok' | 'unknown'> {
  const out: Out = ctx.err;
  const s = ctx.session;
  switch (test) {
    case 'pingall':
      yield* pingHosts(mn, s, out, undefined, { full: false });
      return 'ok';
    case 'pingpair':
      yield* pingHosts(mn, s, out, mn.hosts.slice(0, 2), { full: false });
      return 'ok';
    case 'pingallfull':
      yield* pingHosts(mn, s, out, undefined, { full: true });
      return 'ok';
    case 'pingpairfull':
      yield* pingHosts(mn, s, out, mn.hosts.slice(0, 2), { full: true });
      return 'ok';
    case 'iperf':
      yield* iperfHosts(mn, s, out, { udp: false });
      return 'ok';
    case 'iperfudp':
      yield* iperfHosts(mn, s, out, { udp: true });
      return 'ok';
    case 'all':
      yield* mn.start(info);
      yield* pingHosts(mn, s, out, undefined, { full: false });
      yield* iperfHosts(mn, s, out, { udp: false });
      return 'ok';
    case 'build':
    case 'none':
      return 'ok';
    default:
      return 'unknown';
  }
}

export { Host };
