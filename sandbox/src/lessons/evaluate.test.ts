import { describe, expect, it } from 'vitest';
import { labSession } from '../../test/lab-session';
import type { Check } from './checks';
import { parseCheck } from './checks';
import { evaluate } from './evaluate';

function checker(mn = 'mn --topo single,3') {
  const lab = labSession({ mn });
  const ok = (c: Check): boolean => {
    const p = parseCheck(c);
    if (!p.ok) throw new Error(p.error);
    return evaluate(p.check, lab.sb, { session: lab.session.id }).passed;
  };
  return { ...lab, ok };
}

describe('lesson checks', () => {
  it('reaches: needs a ping that got a reply, and fails once the link is down', () => {
    const { run, ok } = checker();
    const c: Check = { kind: 'reaches', from: 'h1', to: 'h2' };
    expect(ok(c)).toBe(false); // never tested: does not pass by accident
    expect(ok({ ...c, requirePing: false })).toBe(true);
    run('h1 ping -c1 h2');
    expect(ok(c)).toBe(true);
    expect(ok({ kind: 'reaches', from: 'h1', to: '10.0.0.2' })).toBe(true);
    run('link s1 h1 down');
    expect(ok(c)).toBe(false);
    run('link s1 h1 up');
    expect(ok(c)).toBe(true);
  });

  it('reaches: fails without a route', () => {
    const { run, ok } = checker();
    run('h1 ping -c1 h2');
    run('h1 ip route del 10.0.0.0/8');
    expect(ok({ kind: 'reaches', from: 'h1', to: 'h2', requirePing: false })).toBe(false);
  });

  it('lastPingall: records loss per network', () => {
    const { run, ok } = checker();
    expect(ok({ kind: 'lastPingall', maxLoss: 0 })).toBe(false);
    run('pingall');
    expect(ok({ kind: 'lastPingall', maxLoss: 0 })).toBe(true);
    run('link s1 h3 down');
    run('pingall', 120_000_000); // failing pings wait out their timeouts
    expect(ok({ kind: 'lastPingall', maxLoss: 0 })).toBe(false);
    expect(ok({ kind: 'lastPingall', minLoss: 50 })).toBe(true);
  });

  it('lastPingall: a pingall from before a link changed no longer counts', () => {
    const { run, ok, sb } = checker();
    run('pingall');
    run('link s1 h3 down');
    expect(ok({ kind: 'lastPingall', maxLoss: 0 })).toBe(false);
    run('link s1 h3 up');
    // Same links as when it ran, but the learner never tested the network after bringing it back.
    expect(evaluate({ kind: 'lastPingall', maxLoss: 0 }, sb).detail).toMatch(/run pingall again/);
    run('pingall');
    expect(ok({ kind: 'lastPingall', maxLoss: 0 })).toBe(true);
  });

  it('linkState', () => {
    const { run, ok } = checker();
    const down: Check = { kind: 'linkState', a: 'h1', b: 's1', state: 'down' };
    expect(ok(down)).toBe(false);
    run('link s1 h1 down');
    expect(ok(down)).toBe(true);
    expect(ok({ kind: 'linkState', a: 's1', b: 'h2', state: 'up' })).toBe(true);
  });

  it('intfAddress', () => {
    const { run, ok } = checker();
    const c: Check = { kind: 'intfAddress', node: 'h1', intf: 'h1-eth0', address: '10.0.0.10/8' };
    expect(ok(c)).toBe(false);
    run('h1 ifconfig h1-eth0 10.0.0.10/24');
    expect(ok(c)).toBe(false); // wrong prefix length
    expect(ok({ ...c, address: '10.0.0.10' })).toBe(true);
    run('h1 ifconfig h1-eth0 10.0.0.10/8');
    expect(ok(c)).toBe(true);
  });

  it('route: fails before ip route add, passes after', () => {
    const { run, ok } = checker();
    const c: Check = { kind: 'route', node: 'h1', to: '192.168.5.0/24', via: '10.0.0.2' };
    expect(ok(c)).toBe(false);
    run('h1 ip route add 192.168.5.0/24 via 10.0.0.3');
    expect(ok(c)).toBe(false); // wrong gateway
    run('h1 ip route replace 192.168.5.0/24 via 10.0.0.2');
    expect(ok(c)).toBe(true);
    expect(ok({ kind: 'route', node: 'h1', to: 'default' })).toBe(false);
  });

  it('arpEntry', () => {
    const { run, ok } = checker();
    const c: Check = { kind: 'arpEntry', node: 'h1', ip: '10.0.0.2', state: 'resolved' };
    expect(ok(c)).toBe(false);
    run('h1 ping -c1 h3');
    expect(ok(c)).toBe(false); // a neighbour, but not that one
    run('h1 ping -c1 h2');
    expect(ok(c)).toBe(true);
    expect(ok({ ...c, state: 'PERMANENT' })).toBe(false);
  });

  it('flowCount', () => {
    const { run, ok } = checker();
    const c: Check = { kind: 'flowCount', switch: 's1', min: 1, match: { nw_dst: '10.0.0.9' } };
    expect(ok(c)).toBe(false);
    run('sh ovs-ofctl add-flow s1 ip,nw_dst=10.0.0.8,actions=drop');
    expect(ok(c)).toBe(false);
    run('sh ovs-ofctl add-flow s1 ip,nw_dst=10.0.0.9,actions=drop');
    expect(ok(c)).toBe(true);
    expect(ok({ kind: 'flowCount', switch: 's1', count: 0, match: { nw_dst: '10.0.0.9' } })).toBe(false);
  });

  it('commandRan and outputMatched', () => {
    const { run, ok } = checker();
    const ran: Check = { kind: 'commandRan', pattern: '^h1 ifconfig', mode: 'mininet' };
    expect(ok(ran)).toBe(false);
    run('h2 ifconfig');
    expect(ok(ran)).toBe(false);
    expect(ok({ kind: 'outputMatched', pattern: 'inet 10\\.0\\.0\\.1 ' })).toBe(false);
    run('h1 ifconfig');
    expect(ok(ran)).toBe(true);
    expect(ok({ kind: 'outputMatched', pattern: 'inet 10\\.0\\.0\\.1 ' })).toBe(true);
    run('nodes');
    expect(ok({ kind: 'outputMatched', pattern: 'inet 10\\.0\\.0\\.1 ' })).toBe(false);
    expect(ok({ kind: 'outputMatched', command: 'ifconfig', pattern: 'inet 10\\.0\\.0\\.1 ' })).toBe(true);
  });

  it('fileContent', () => {
    const { run, ok } = checker('');
    const c: Check = { kind: 'fileContent', path: '/root/notes.txt', pattern: '^hello$', flags: 'm' };
    expect(ok(c)).toBe(false);
    run('echo goodbye > /root/notes.txt');
    expect(ok(c)).toBe(false);
    run('echo hello > /root/notes.txt');
    expect(ok(c)).toBe(true);
  });

  it('mininetRunning compares the topology', () => {
    const { run, ok } = checker('');
    const c: Check = { kind: 'mininetRunning', topo: 'single,3', hosts: 3 };
    expect(ok(c)).toBe(false);
    run('mn --topo linear,3');
    expect(ok({ kind: 'mininetRunning', hosts: 3 })).toBe(true);
    expect(ok(c)).toBe(false); // three hosts, wrong shape
    run('exit');
    run('mn --topo single,3');
    expect(ok(c)).toBe(true);
    run('exit');
    expect(ok(c)).toBe(false);
  });

  it('all / any / not', () => {
    const { run, ok } = checker();
    const down: Check = { kind: 'linkState', a: 's1', b: 'h1', state: 'down' };
    const ran: Check = { kind: 'commandRan', pattern: 'pingall' };
    expect(ok({ kind: 'not', check: down })).toBe(true);
    run('link s1 h1 down');
    expect(ok({ kind: 'all', of: [down, ran] })).toBe(false);
    expect(ok({ kind: 'any', of: [down, ran] })).toBe(true);
    run('pingall');
    expect(ok({ kind: 'all', of: [down, ran] })).toBe(true);
    expect(ok({ kind: 'not', check: down })).toBe(false);
  });

  it('a step done out of order counts only while its state holds', () => {
    const { run, ok } = checker();
    run('link s1 h1 down');
    run('link s1 h1 up');
    expect(ok({ kind: 'linkState', a: 's1', b: 'h1', state: 'down' })).toBe(false);
  });

  it('evaluation changes nothing in the network', () => {
    const { sb, ok } = checker();
    const before = sb.now;
    const flows = [...sb.mininet!.switches[0]!.flows.list()].length;
    ok({ kind: 'reaches', from: 'h1', to: 'h3', requirePing: false });
    expect(sb.now).toBe(before);
    expect(sb.mininet!.switches[0]!.flows.list().length).toBe(flows);
    expect(sb.mininet!.hosts[0]!.stack.neighbors.cache.list().length).toBe(0);
  });
});

describe('check schema', () => {
  it('accepts nested checks', () => {
    expect(parseCheck({ kind: 'all', of: [{ kind: 'not', check: { kind: 'route', node: 'h1', to: 'default' } }] }).ok).toBe(true);
  });

  it.each([
    [{ kind: 'teleport' }, 'kind'],
    [{ kind: 'route', node: 'h1', to: '10.0.0/33' }, 'to: must be a prefix'],
    [{ kind: 'route', node: 'h1', to: 'default', via: 'gw' }, 'via: must be an IPv4 address'],
    [{ kind: 'commandRan', pattern: '(' }, 'pattern: is not a valid regular expression'],
    [{ kind: 'lastPingall' }, 'give maxLoss or minLoss'],
    [{ kind: 'flowCount', switch: 's1', match: { nw_dst: '10.0.0.1' } }, 'give count, min or max'],
    [{ kind: 'mininetRunning', topo: 'star,3' }, 'topo: is not a topology'],
    [{ kind: 'all', of: [] }, 'of: needs at least one check'],
    [{ kind: 'not', check: { kind: 'linkState', a: 'h1', b: 's1', state: 'sideways' } }, 'check.state'],
    [{ kind: 'linkState', a: 'h1', b: 's1', state: 'up', extra: 1 }, 'extra'],
  ])('rejects %j', (input, message) => {
    const r = parseCheck(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });
});
