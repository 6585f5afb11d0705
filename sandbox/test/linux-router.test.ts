/**
 * The linux-router fixture builds the network of Mininet's examples/linuxrouter.py as
 * reference/mininet.md §4 describes it: names, interfaces, addresses, routes, ip_forward, and
 * what the script prints up to the CLI.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIpv4 } from '../src/wire/addr';
import { nodePythonLoader } from '../cli/python-node';
import { LINUX_ROUTER_PLAN, linuxRouterLab, startLinuxRouter } from './fixtures/linux-router';
import { replay, replayAsync } from './harness';

describe('the linux-router fixture (examples/linuxrouter.py)', () => {
  it('prints what the script prints before the CLI (§4)', () => {
    const { startup } = linuxRouterLab();
    expect(startup).toBe(
      '*** Creating network\n*** Adding controller\n*** Adding hosts:\nh1 h2 h3 r0 \n*** Adding switches:\ns1 s2 s3 \n' +
        '*** Adding links:\n(h1, s1) (h2, s2) (h3, s3) (s1, r0) (s2, r0) (s3, r0) \n*** Configuring hosts\nh1 h2 h3 r0 \n' +
        '*** Starting controller\nc0 \n*** Starting 3 switches\ns1 s2 s3 ...\n*** Waiting for switches to connect\ns1 s2 s3 \n' +
        '*** Routing Table on Router:\nKernel IP routing table\r\n' +
        'Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\r\n' +
        '10.0.0.0        0.0.0.0         255.0.0.0       U     0      0        0 r0-eth3\r\n' +
        '172.16.0.0      0.0.0.0         255.240.0.0     U     0      0        0 r0-eth2\r\n' +
        '192.168.1.0     0.0.0.0         255.255.255.0   U     0      0        0 r0-eth1\r\n' +
        '*** Starting CLI:\n',
    );
  });

  it('wires the nodes as `net` shows in §4, with the addressing plan', () => {
    const { run, host } = linuxRouterLab();
    expect(run('net')).toBe(
      'h1 h1-eth0:s1-eth2\nh2 h2-eth0:s2-eth2\nh3 h3-eth0:s3-eth2\nr0 r0-eth1:s1-eth1 r0-eth2:s2-eth1 r0-eth3:s3-eth1\n' +
        's1 lo:  s1-eth1:r0-eth1 s1-eth2:h1-eth0\ns2 lo:  s2-eth1:r0-eth2 s2-eth2:h2-eth0\ns3 lo:  s3-eth1:r0-eth3 s3-eth2:h3-eth0\nc0\n',
    );
    const r0 = host('r0');
    for (const [intf, cidr] of Object.entries(LINUX_ROUTER_PLAN.r0)) {
      const a = r0.intf(intf)!.addrs[0]!;
      expect(`${formatIpv4(a.addr)}/${a.prefixLen}`).toBe(cidr);
    }
    expect(r0.stack.forwarding).toBe(true);
    expect(r0.cls).toBe('LinuxRouter');
    expect(r0.defaultIntf()!.name).toBe('r0-eth1'); // so `r0` stands for 192.168.1.1 in the CLI
    for (const name of ['h1', 'h2', 'h3'] as const) {
      const plan = LINUX_ROUTER_PLAN[name];
      const h = host(name);
      const a = h.intf(plan.intf)!.addrs[0]!;
      expect(`${formatIpv4(a.addr)}/${a.prefixLen}`).toBe(plan.ip);
      const dflt = h.stack.routes.list().find((r) => r.prefixLen === 0)!;
      expect(formatIpv4(dflt.via!)).toBe(plan.gateway);
      expect(h.stack.forwarding).toBe(false);
    }
    expect(run('dump')).toMatch(/^<LinuxRouter r0: r0-eth1:192\.168\.1\.1,r0-eth2:172\.16\.0\.1,r0-eth3:10\.0\.0\.1 pid=\d+> $/m);
  });

  it('routes between the three subnets: pingall 12/12, ttl=63 through r0', () => {
    const { run } = linuxRouterLab();
    expect(run('pingall')).toContain('*** Results: 0% dropped (12/12 received)');
    expect(run('h1 ping -c 1 h2')).toMatch(/^64 bytes from 172\.16\.0\.100: icmp_seq=1 ttl=63 time=/m);
  });

  it('stops as net.stop() does, without mn\'s "completed in"', () => {
    const { run, sb } = linuxRouterLab();
    const out = run('exit');
    expect(out).toBe(
      '*** Stopping 1 controllers\nc0 \n*** Stopping 6 links\n......\n*** Stopping 3 switches\ns1 s2 s3 \n' +
        '*** Stopping 4 hosts\nh1 h2 h3 r0 \n*** Done\n',
    );
    expect(sb.mininet).toBeUndefined();
  });

  it('is the network the script builds when real Python runs it: the same session, byte for byte', async () => {
    const lines = ['h1 ping -c 2 h3', 'h1 traceroute -n h2', 'r0 ip -s link show r0-eth1', 'h1 ping -c 1 -t 1 h3', 'dump', 'exit'];
    const script = readFileSync(join(__dirname, 'transcripts/python/linuxrouter.py'), 'utf8');
    const viaPython = await replayAsync(['python3 linuxrouter.py', ...lines], {
      setup: (sb) => {
        sb.python = nodePythonLoader(1);
        sb.fs.writeFile('/root/linuxrouter.py', script);
      },
    });
    const viaFixture = replay(lines, { start: startLinuxRouter });
    expect(viaFixture.output).toContain('ttl=63');
    expect(viaPython.output).toBe(`root@master1:~# python3 linuxrouter.py\n${viaFixture.output}`);
  }, 120_000);
});
