import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../sandbox';
import { Host } from '../../devices/host';
import type { Session } from '../../shell/session';

/** Run one line in a session and return what it printed. */
function run(sb: Sandbox, s: Session, line: string, maxRunUs = 60_000_000): string {
  let out = '';
  const off = s.onOutput((t) => (out += t));
  s.submit(line);
  sb.settle(s, maxRunUs);
  off();
  return out;
}

/**
 * h1 (10.0.1.2/24) — r0 (10.0.1.1/24, 10.0.2.1/24, forwarding) — h2 (10.0.2.2/24), veth pairs,
 * default routes via the router: the shape of examples/linuxrouter.py.
 */
function routed(forwarding = true) {
  const sb = new Sandbox({ seed: 3 });
  const net = sb.net;
  const h1 = new Host(net, 'h1');
  const r0 = new Host(net, 'r0');
  const h2 = new Host(net, 'h2');
  for (const n of [h1, r0, h2]) net.addNode(n);
  const a = h1.addIntf('h1-eth0', '00:00:00:00:01:02');
  const r1 = r0.addIntf('r0-eth1', '00:00:00:00:01:01');
  const r2 = r0.addIntf('r0-eth2', '00:00:00:00:02:01');
  const b = h2.addIntf('h2-eth0', '00:00:00:00:02:02');
  net.connect(a, r1);
  net.connect(r2, b);
  h1.stack.addAddress(a, { addr: 0x0a000102, prefixLen: 24 });
  r0.stack.addAddress(r1, { addr: 0x0a000101, prefixLen: 24 });
  r0.stack.addAddress(r2, { addr: 0x0a000201, prefixLen: 24 });
  h2.stack.addAddress(b, { addr: 0x0a000202, prefixLen: 24 });
  h1.stack.routes.add({ dst: 0, prefixLen: 0, via: 0x0a000101, dev: a, proto: 'boot', scope: 'global', metric: 0, type: 'unicast' });
  h2.stack.routes.add({ dst: 0, prefixLen: 0, via: 0x0a000201, dev: b, proto: 'boot', scope: 'global', metric: 0, type: 'unicast' });
  r0.stack.forwarding = forwarding;
  const s = sb.openSession({ node: h1 });
  return { sb, s, h1, r0, h2 };
}

const HOP = String.raw`\d+\.\d{3} ms`;

describe('traceroute', () => {
  it('lists the router, then the destination, and stops there', () => {
    const { sb, s } = routed();
    const out = run(sb, s, 'traceroute 10.0.2.2');
    const lines = out.split('\n');
    expect(lines[0]).toBe('traceroute to 10.0.2.2 (10.0.2.2), 30 hops max, 60 byte packets');
    expect(lines[1]).toMatch(new RegExp(`^ 1  10\\.0\\.1\\.1 \\(10\\.0\\.1\\.1\\)  ${HOP}  ${HOP}  ${HOP}$`));
    expect(lines[2]).toMatch(new RegExp(`^ 2  10\\.0\\.2\\.2 \\(10\\.0\\.2\\.2\\)  ${HOP}  ${HOP}  ${HOP}$`));
    expect(lines.slice(3)).toEqual(['']);
  });

  it('-n prints bare addresses, -I probes with ICMP echo', () => {
    const { sb, s } = routed();
    const out = run(sb, s, 'traceroute -n -I 10.0.2.2');
    const lines = out.split('\n');
    expect(lines[1]).toMatch(new RegExp(`^ 1  10\\.0\\.1\\.1  ${HOP}  ${HOP}  ${HOP}$`));
    expect(lines[2]).toMatch(new RegExp(`^ 2  10\\.0\\.2\\.2  ${HOP}  ${HOP}  ${HOP}$`));
  });

  it('-q and -m shape the probes', () => {
    const { sb, s } = routed();
    const out = run(sb, s, 'traceroute -n -q 1 -m 1 10.0.2.2');
    expect(out.split('\n').slice(0, 2)).toEqual([
      'traceroute to 10.0.2.2 (10.0.2.2), 1 hops max, 60 byte packets',
      expect.stringMatching(new RegExp(`^ 1  10\\.0\\.1\\.1  ${HOP}$`)),
    ]);
  });

  it('marks a router without a route with !N and stops', () => {
    const { sb, s } = routed();
    const out = run(sb, s, 'traceroute -n 10.9.9.9');
    const lines = out.split('\n');
    expect(lines[1]).toMatch(new RegExp(`^ 1  10\\.0\\.1\\.1  ${HOP} !N  ${HOP} !N  ${HOP} !N$`));
    expect(lines.slice(2)).toEqual(['']);
  });

  it('a neighbour that never answers ARP gives !H from our own address after about 3 s', () => {
    const { sb, s } = routed();
    const out = run(sb, s, 'traceroute 10.0.1.77');
    const line = out.split('\n')[1]!;
    expect(line).toMatch(/^ 1 {2}10\.0\.1\.2 \(10\.0\.1\.2\) {2}[23]\d{3}\.\d{3} ms !H {2}[23]\d{3}\.\d{3} ms !H {2}[23]\d{3}\.\d{3} ms !H$/);
  });

  it('prints * * * for hops that never answer, and Ctrl-C stops it', () => {
    const { sb, s } = routed(false);
    let out = '';
    s.onOutput((t) => (out += t));
    s.submit('traceroute -n -w 1 10.0.2.2');
    sb.settle(s, 3_500_000); // interrupted after 3.5 virtual seconds
    expect(out).toContain('traceroute to 10.0.2.2 (10.0.2.2), 30 hops max, 60 byte packets\n 1  * * *\n 2  * * *\n');
    expect(out).toMatch(/ \* \* \*\^C\n$/);
  });

  it('with no route at all, connect() fails after the header', () => {
    const { sb, s } = routed();
    sb.net.node('h1'); // keep the topology, drop the default route
    (sb.net.node('h1') as Host).stack.routes.delete({ dst: 0, prefixLen: 0, via: 0x0a000101 });
    const out = run(sb, s, 'traceroute 192.168.7.7');
    expect(out.split('\n').slice(0, 2)).toEqual([
      'traceroute to 192.168.7.7 (192.168.7.7), 30 hops max, 60 byte packets',
      'connect: Network is unreachable',
    ]);
    expect(run(sb, s, 'echo $?')).toContain('1\n');
  });

  it('in Mininet: one hop through the switch (linear,2), as the learner types it', () => {
    const sb = new Sandbox({ seed: 1 });
    const s = sb.openSession();
    run(sb, s, 'mn --topo linear,2');
    const out = run(sb, s, 'h1 traceroute -n h2');
    expect(out).toMatch(new RegExp(`^traceroute to 10\\.0\\.0\\.2 \\(10\\.0\\.0\\.2\\), 30 hops max, 60 byte packets\\n 1  10\\.0\\.0\\.2  ${HOP}  ${HOP}  ${HOP}\\n`));
  });

  it('reports bad input in libclif and getaddrinfo words', () => {
    const { sb, s } = routed();
    expect(run(sb, s, 'traceroute nosuchhost')).toContain(
      "nosuchhost: Temporary failure in name resolution\nCannot handle \"host\" cmdline arg `nosuchhost' on position 1 (argc 1)\n",
    );
    expect(run(sb, s, 'traceroute -n nosuchhost')).toContain("on position 1 (argc 2)\n");
    expect(run(sb, s, 'traceroute -x 10.0.2.2')).toContain("Bad option `-x' (argc 1)\n");
    expect(run(sb, s, 'traceroute -m')).toContain("Option `-m' (argc 1) requires an argument: `-m max_ttl'\n");
    expect(run(sb, s, 'traceroute -m abc 10.0.2.2')).toContain("Cannot handle `-m' option with arg `abc' (argc 2)\n");
    expect(run(sb, s, 'traceroute -n')).toContain('Specify "host" missing argument.\n');
    expect(run(sb, s, 'traceroute 10.0.2.2 60 1')).toContain("Extra arg `1' (position 3, argc 3)\n");
    expect(run(sb, s, 'traceroute -q 11 10.0.2.2')).toContain('no more than 10 probes per hop\n');
    expect(run(sb, s, 'traceroute -m 300 10.0.2.2')).toContain('max hops cannot be more than 255\n');
    expect(run(sb, s, 'traceroute')).toMatch(/^Usage:\n {2}traceroute \[ -/);
  });

  it('packetlen sets the probe size', () => {
    const { sb, s } = routed();
    expect(run(sb, s, 'traceroute -n 10.0.2.2 100')).toContain('30 hops max, 100 byte packets\n');
    expect(run(sb, s, 'traceroute -n -I 10.0.2.2 10')).toContain('30 hops max, 28 byte packets\n');
  });
});
