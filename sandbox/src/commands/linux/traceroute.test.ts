import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../sandbox';
import { Host } from '../../devices/host';
import { labSession } from '../../../test/lab-session';

/**
 * h1 (10.0.1.2/24) — r0 (10.0.1.1/24, 10.0.2.1/24, forwarding) — h2 (10.0.2.2/24), veth pairs,
 * default routes via the router: the shape of examples/linuxrouter.py.
 */
function routed(forwarding = true) {
  return labSession({ seed: 3, maxRunUs: 60_000_000, setup: (sb) => build(sb, forwarding) });
}

function build(sb: Sandbox, forwarding: boolean): Host {
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
  return h1;
}

const HOP = String.raw`\d+\.\d{3} ms`;

describe('traceroute', () => {
  it('lists the router, then the destination, and stops there', () => {
    const { run } = routed();
    const out = run('traceroute 10.0.2.2');
    const lines = out.split('\n');
    expect(lines[0]).toBe('traceroute to 10.0.2.2 (10.0.2.2), 30 hops max, 60 byte packets');
    expect(lines[1]).toMatch(new RegExp(`^ 1  10\\.0\\.1\\.1 \\(10\\.0\\.1\\.1\\)  ${HOP}  ${HOP}  ${HOP}$`));
    expect(lines[2]).toMatch(new RegExp(`^ 2  10\\.0\\.2\\.2 \\(10\\.0\\.2\\.2\\)  ${HOP}  ${HOP}  ${HOP}$`));
    expect(lines.slice(3)).toEqual(['']);
  });

  it('-n prints bare addresses, -I probes with ICMP echo', () => {
    const { run } = routed();
    const out = run('traceroute -n -I 10.0.2.2');
    const lines = out.split('\n');
    expect(lines[1]).toMatch(new RegExp(`^ 1  10\\.0\\.1\\.1  ${HOP}  ${HOP}  ${HOP}$`));
    expect(lines[2]).toMatch(new RegExp(`^ 2  10\\.0\\.2\\.2  ${HOP}  ${HOP}  ${HOP}$`));
  });

  it('-q and -m shape the probes', () => {
    const { run } = routed();
    const out = run('traceroute -n -q 1 -m 1 10.0.2.2');
    expect(out.split('\n').slice(0, 2)).toEqual([
      'traceroute to 10.0.2.2 (10.0.2.2), 1 hops max, 60 byte packets',
      expect.stringMatching(new RegExp(`^ 1  10\\.0\\.1\\.1  ${HOP}$`)),
    ]);
  });

  it('marks a router without a route with !N and stops', () => {
    const { run } = routed();
    const out = run('traceroute -n 10.9.9.9');
    const lines = out.split('\n');
    expect(lines[1]).toMatch(new RegExp(`^ 1  10\\.0\\.1\\.1  ${HOP} !N  ${HOP} !N  ${HOP} !N$`));
    expect(lines.slice(2)).toEqual(['']);
  });

  it('a neighbour that never answers ARP gives !H from our own address after about 3 s', () => {
    const { run } = routed();
    const out = run('traceroute 10.0.1.77');
    const line = out.split('\n')[1]!;
    expect(line).toMatch(/^ 1 {2}10\.0\.1\.2 \(10\.0\.1\.2\) {2}[23]\d{3}\.\d{3} ms !H {2}[23]\d{3}\.\d{3} ms !H {2}[23]\d{3}\.\d{3} ms !H$/);
  });

  it('prints * * * for hops that never answer, and Ctrl-C stops it', () => {
    const { sb, session: s } = routed(false);
    let out = '';
    s.onOutput((t) => (out += t));
    s.submit('traceroute -n -w 1 10.0.2.2');
    sb.settle(s, 3_500_000); // interrupted after 3.5 virtual seconds
    expect(out).toContain('traceroute to 10.0.2.2 (10.0.2.2), 30 hops max, 60 byte packets\n 1  * * *\n 2  * * *\n');
    expect(out).toMatch(/ \* \* \*\^C\n$/);
  });

  it('with no route at all, connect() fails after the header', () => {
    const { sb, run } = routed();
    sb.net.node('h1'); // keep the topology, drop the default route
    (sb.net.node('h1') as Host).stack.routes.delete({ dst: 0, prefixLen: 0, via: 0x0a000101 });
    const out = run('traceroute 192.168.7.7');
    expect(out.split('\n').slice(0, 2)).toEqual([
      'traceroute to 192.168.7.7 (192.168.7.7), 30 hops max, 60 byte packets',
      'connect: Network is unreachable',
    ]);
    expect(run('echo $?')).toContain('1\n');
  });

  it('in Mininet: one hop through the switch (linear,2), as the learner types it', () => {
    const { run } = labSession({ mn: 'mn --topo linear,2', maxRunUs: 60_000_000 });
    const out = run('h1 traceroute -n h2');
    expect(out).toMatch(new RegExp(`^traceroute to 10\\.0\\.0\\.2 \\(10\\.0\\.0\\.2\\), 30 hops max, 60 byte packets\\n 1  10\\.0\\.0\\.2  ${HOP}  ${HOP}  ${HOP}\\n`));
  });

  it('reports bad input in libclif and getaddrinfo words', () => {
    const { run } = routed();
    expect(run('traceroute nosuchhost')).toContain(
      "nosuchhost: Temporary failure in name resolution\nCannot handle \"host\" cmdline arg `nosuchhost' on position 1 (argc 1)\n",
    );
    expect(run('traceroute -n nosuchhost')).toContain("on position 1 (argc 2)\n");
    expect(run('traceroute -x 10.0.2.2')).toContain("Bad option `-x' (argc 1)\n");
    expect(run('traceroute -m')).toContain("Option `-m' (argc 1) requires an argument: `-m max_ttl'\n");
    expect(run('traceroute -m abc 10.0.2.2')).toContain("Cannot handle `-m' option with arg `abc' (argc 2)\n");
    expect(run('traceroute -n')).toContain('Specify "host" missing argument.\n');
    expect(run('traceroute 10.0.2.2 60 1')).toContain("Extra arg `1' (position 3, argc 3)\n");
    expect(run('traceroute -q 11 10.0.2.2')).toContain('no more than 10 probes per hop\n');
    expect(run('traceroute -m 300 10.0.2.2')).toContain('max hops cannot be more than 255\n');
    expect(run('traceroute')).toMatch(/^Usage:\n {2}traceroute \[ -/);
  });

  it('packetlen sets the probe size', () => {
    const { run } = routed();
    expect(run('traceroute -n 10.0.2.2 100')).toContain('30 hops max, 100 byte packets\n');
    expect(run('traceroute -n -I 10.0.2.2 10')).toContain('30 hops max, 28 byte packets\n');
  });
});
