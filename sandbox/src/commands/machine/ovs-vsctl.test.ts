import { describe, expect, it } from 'vitest';
import { ovsdbString } from './ovs-vsctl';
import { labSession } from '../../../test/lab-session';

const terminal = (seed = 1) => labSession({ seed, maxRunUs: 60_000_000 });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Lines of `ovs-vsctl show` for one bridge, in any row order (OVSDB sorts rows by UUID). */
function bridgeBlock(out: string, name: string): string[] {
  const lines = out.split('\n');
  const start = lines.indexOf(`    Bridge ${name}`);
  expect(start).toBeGreaterThan(0);
  let end = start + 1;
  while (end < lines.length && lines[end]!.startsWith('        ')) end++;
  return lines.slice(start, end);
}

describe('ovs-vsctl show', () => {
  it('prints only the database UUID and version when no bridge exists', () => {
    const t = terminal();
    const out = t.run('ovs-vsctl show');
    const [uuid, version, rest] = out.split('\n');
    expect(uuid).toMatch(UUID);
    expect(version).toBe('    ovs_version: "2.17.9"');
    expect(rest).toBe('');
    // Stable for the seed, and drawing it changes nothing else.
    expect(terminal().run('ovs-vsctl show')).toBe(out);
    expect(terminal(2).run('ovs-vsctl show')).not.toBe(out);
  });

  it('lists Mininet bridges with their controllers, fail mode and ports (reference §3.10)', () => {
    const t = terminal();
    const before = t.run('ovs-vsctl show').split('\n')[0];
    t.run('mn --topo single,2 --controller ovsc');
    const out = t.run('sh ovs-vsctl show');
    const lines = out.split('\n');
    expect(lines[0]).toBe(before);
    expect(lines[1]).toBe('    Bridge s1');
    expect(lines.at(-2)).toBe('    ovs_version: "2.17.9"');
    const block = bridgeBlock(out, 's1').join('\n') + '\n';
    expect(block).toContain('        Controller "ptcp:6654"\n');
    expect(block).toContain('        Controller "tcp:127.0.0.1:6653"\n            is_connected: true\n');
    expect(block).toContain('        fail_mode: secure\n');
    expect(block).toContain('        Port s1-eth1\n            Interface s1-eth1\n');
    expect(block).toContain('        Port s1-eth2\n            Interface s1-eth2\n');
    expect(block).toContain('        Port s1\n            Interface s1\n                type: internal');
    // Controllers come before fail_mode, which comes before the ports.
    expect(block.indexOf('Controller')).toBeLessThan(block.indexOf('fail_mode'));
    expect(block.lastIndexOf('Controller')).toBeLessThan(block.indexOf('fail_mode'));
    expect(block.indexOf('fail_mode')).toBeLessThan(block.indexOf('Port'));
    expect(bridgeBlock(out, 's1')).toHaveLength(12);
  });

  it('drops is_connected while the remote controller is down and leaves Linux bridges out', () => {
    const t = terminal();
    t.run('mn --topo single,2 --controller remote');
    const block = bridgeBlock(t.run('sh ovs-vsctl show'), 's1').join('\n');
    expect(block).toContain('        Controller "tcp:127.0.0.1:6653"\n');
    expect(block).not.toContain('is_connected');
    t.run('exit');
    t.run('mn --topo single,2 --switch ovsbr');
    const br = bridgeBlock(t.run('sh ovs-vsctl show'), 's1').join('\n');
    expect(br).toContain('        fail_mode: standalone\n');
    expect(br).not.toContain('"tcp:');
    t.run('exit');
    t.run('mn --topo single,2 --switch lxbr');
    expect(t.run('sh ovs-vsctl show').split('\n')).toHaveLength(3);
    expect(t.run('sh ovs-vsctl list-br')).toBe('');
  });

  it('quotes strings as OVSDB does', () => {
    expect(ovsdbString('s1-eth1')).toBe('s1-eth1');
    expect(ovsdbString('ptcp:6654')).toBe('"ptcp:6654"');
    expect(ovsdbString('2.17.9')).toBe('"2.17.9"');
    expect(ovsdbString('true')).toBe('"true"');
  });
});

describe('ovs-vsctl queries', () => {
  it('lists bridges, ports, controllers and fail modes', () => {
    const t = terminal();
    t.run('mn --topo linear,2 --controller ovsc');
    expect(t.run('sh ovs-vsctl list-br')).toBe('s1\ns2\n');
    expect(t.run('sh ovs-vsctl list-ports s2')).toBe('s2-eth1\ns2-eth2\n');
    expect(t.run('sh ovs-vsctl get-controller s2')).toBe('ptcp:6655\ntcp:127.0.0.1:6653\n');
    expect(t.run('sh ovs-vsctl get-fail-mode s1')).toBe('secure\n');
    expect(t.run('sh ovs-vsctl port-to-br s2-eth1')).toBe('s2\n');
    expect(t.run('sh ovs-vsctl br-exists s3 || echo missing')).toBe('missing\n');
    expect(t.run('sh ovs-vsctl -- list-br -- get-fail-mode s2')).toBe('s1\ns2\nsecure\n');
  });

  it('reports errors in ovs-vsctl words', () => {
    const t = terminal();
    t.run('mn --topo single,2');
    expect(t.run('sh ovs-vsctl get-fail-mode s9')).toBe('ovs-vsctl: no bridge named s9\n');
    expect(t.run('sh ovs-vsctl')).toBe('ovs-vsctl: missing command name (use --help for help)\n');
    expect(t.run('sh ovs-vsctl frob')).toBe("ovs-vsctl: unknown command 'frob'; use --help for help\n");
    expect(t.run('sh ovs-vsctl list-ports')).toBe("ovs-vsctl: 'list-ports' command requires at least 1 arguments\n");
    expect(t.run('sh ovs-vsctl set-fail-mode s1 open')).toBe('ovs-vsctl: fail-mode must be "standalone" or "secure"\n');
    expect(t.run('sh ovs-vsctl add-br br0')).toMatch(/^ovs-vsctl: add-br: not supported in this sandbox/);
    expect(t.run('sh ovs-vsctl --version')).toBe('ovs-vsctl (Open vSwitch) 2.17.9\nDB Schema 8.3.0\n');
  });
});

describe('ovs-vsctl changes', () => {
  it('del-controller cuts the switch off; standalone mode forwards; set-controller reconnects', () => {
    const t = terminal();
    t.run('mn --topo single,2 --controller ovsc');
    t.run('sh ovs-vsctl del-controller s1');
    expect(t.run('sh ovs-vsctl get-controller s1')).toBe('');
    expect(t.run('h1 ping -c1 -W1 h2')).toContain('0 received');
    t.run('sh ovs-vsctl set-fail-mode s1 standalone');
    expect(t.run('sh ovs-ofctl dump-flows s1')).toMatch(/ priority=0 actions=NORMAL\n$/);
    expect(t.run('h1 ping -c1 h2')).toContain('1 received');
    t.run('sh ovs-vsctl set-fail-mode s1 secure -- set-controller s1 tcp:127.0.0.1:6653');
    t.run('sh sleep 2');
    expect(bridgeBlock(t.run('sh ovs-vsctl show'), 's1').join('\n')).toContain('Controller "tcp:127.0.0.1:6653"\n            is_connected: true');
    expect(t.run('sh ovs-ofctl dump-flows s1')).toBe('');
    expect(t.run('h1 ping -c1 h2')).toContain('1 received');
    // The controller starts learning afresh: the request is flooded, the reply gets a flow.
    expect(t.run('sh ovs-ofctl dump-flows s1')).toContain('icmp_type=0');
  });

  it('set bridge protocols restricts the OpenFlow versions ovs-ofctl may use', () => {
    const t = terminal();
    t.run('mn --topo single,2');
    t.run('sh ovs-vsctl set bridge s1 protocols=OpenFlow13');
    expect(t.run('sh ovs-ofctl show s1')).toContain('version negotiation failed (we support version 0x01, peer supports version 0x04)');
    expect(t.run('sh ovs-ofctl -O OpenFlow13 show s1')).toMatch(/^OFPT_FEATURES_REPLY \(OF1\.3\)/);
    expect(t.run('sh ovs-vsctl set bridge s1 protocols=OpenFlow10,OpenFlow13')).toBe('');
    expect(t.run('sh ovs-ofctl show s1')).toMatch(/^OFPT_FEATURES_REPLY \(xid=0x2\)/);
  });
});
