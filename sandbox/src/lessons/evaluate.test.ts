import { describe, expect, it } from 'vitest';
import { labSession } from '../../test/lab-session';
import type { Check } from './checks';
import { parseCheck } from './checks';
import { evaluate } from './evaluate';
import { linuxRouterLab } from '../../test/fixtures/linux-router';

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

  it('linkState flapped: up again only after it was down', () => {
    const { run, ok } = checker('mn --topo linear,3');
    const back: Check = { kind: 'linkState', a: 's2', b: 's3', state: 'up', flapped: true };
    expect(ok({ ...back, flapped: undefined })).toBe(true);
    expect(ok(back)).toBe(false); // up since the start: nothing was put back
    run('link s1 s2 down');
    run('link s1 s2 up');
    expect(ok(back)).toBe(false); // another link flapped
    run('link s2 s3 down');
    expect(ok(back)).toBe(false);
    expect(ok({ ...back, state: 'down' })).toBe(true);
    run('link s2 s3 up');
    expect(ok(back)).toBe(true);
    run('exit');
    run('mn --topo linear,3');
    expect(ok(back)).toBe(false); // a new network starts afresh
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

  it('linkParams: the shaping --link tc gives, per link or on every link', () => {
    const { run, ok } = checker('mn --topo linear,2 --link tc,bw=10,delay=5ms');
    expect(ok({ kind: 'linkParams', bw: 10, delay: '5ms' })).toBe(true);
    expect(ok({ kind: 'linkParams', a: 's2', b: 's1', delay: '5000us' })).toBe(true); // same duration, other spelling
    expect(ok({ kind: 'linkParams', a: 'h1', b: 's1', bw: 100 })).toBe(false);
    expect(ok({ kind: 'linkParams', delay: '10ms' })).toBe(false);
    expect(ok({ kind: 'linkParams', loss: 1 })).toBe(false);
    expect(ok({ kind: 'linkParams', a: 'h1', b: 's2', bw: 10 })).toBe(false); // no such link
    run('exit');
    expect(ok({ kind: 'linkParams', bw: 10 })).toBe(false); // not running
    // Plausible wrong attempts: plain links (tc parameters on the default link class are ignored), or no delay.
    run('mn --topo linear,2 --link default,bw=10,delay=5ms');
    expect(ok({ kind: 'linkParams', bw: 10 })).toBe(false);
    run('exit');
    run('mn --topo linear,2 --link tc,bw=10');
    expect(ok({ kind: 'linkParams', bw: 10 })).toBe(true);
    expect(ok({ kind: 'linkParams', bw: 10, delay: '5ms' })).toBe(false);
  });

  it('pingRtt: the smallest RTT of the last ping carries the links\' delay (4 traversals on h1-s1-h2)', () => {
    const { run, ok } = checker('mn --topo single,3 --link tc,delay=10ms');
    const c: Check = { kind: 'pingRtt', from: 'h1', to: 'h2', atLeastMs: 40, atMostMs: 45 };
    expect(ok(c)).toBe(false); // no ping yet
    run('h1 ping -c 3 h2');
    expect(ok(c)).toBe(true);
    expect(ok({ ...c, stat: 'avg' })).toBe(false); // the average carries the slow first reply (ARP, controller)
    expect(ok({ ...c, stat: 'max', atLeastMs: 75, atMostMs: undefined })).toBe(true); // that one, about 80 ms
    run('h1 ping -c 1 h3');
    expect(ok(c)).toBe(true); // another destination leaves this one's record alone
    expect(ok({ ...c, from: 'h2', to: 'h1' })).toBe(false); // that ping ran on h1, not h2
    expect(ok({ ...c, to: '10.0.0.2' })).toBe(true);
    run('link s1 h2 down');
    run('h1 ping -c 1 -W 1 h2');
    expect(ok(c)).toBe(false); // the last ping got no reply
  });

  it('pingRtt: an undelayed network fails a lower bound', () => {
    const { run, ok } = checker();
    run('h1 ping -c 3 h2');
    expect(ok({ kind: 'pingRtt', from: 'h1', to: 'h2', atLeastMs: 20 })).toBe(false);
    expect(ok({ kind: 'pingRtt', from: 'h1', to: 'h2', atMostMs: 1 })).toBe(true);
  });

  it('iperfRate: the rate the server received, between two hosts either way round', () => {
    const { run, ok } = checker('mn --topo single,3 --link tc,bw=10');
    const c: Check = { kind: 'iperfRate', between: ['h1', 'h3'], atLeastMbps: 8, atMostMbps: 10 };
    expect(ok(c)).toBe(false); // no iperf yet
    run('iperf h1 h2');
    expect(ok(c)).toBe(false); // other hosts
    run('iperf h3 h1');
    expect(ok(c)).toBe(true);
    expect(ok({ ...c, between: ['h3', 'h1'] })).toBe(true);
    expect(ok({ ...c, udp: true })).toBe(false);
    expect(ok({ ...c, atLeastMbps: 11, atMostMbps: undefined })).toBe(false); // the client's figure (12.0) is not the one compared
    run('iperfudp 5M h1 h3');
    expect(ok(c)).toBe(false); // about 5 Mbit/s now
    expect(ok({ ...c, udp: true, atLeastMbps: 4, atMostMbps: 6 })).toBe(true);
  });

  it('iperfRate: unshaped links carry far more than 10 Mbit/s; a new network forgets the old results', () => {
    const { run, ok } = checker('mn');
    run('iperf');
    expect(ok({ kind: 'iperfRate', between: ['h1', 'h2'], atMostMbps: 10 })).toBe(false);
    expect(ok({ kind: 'iperfRate', between: ['h1', 'h2'], atLeastMbps: 1000 })).toBe(true);
    run('exit');
    run('mn');
    expect(ok({ kind: 'iperfRate', between: ['h1', 'h2'], atLeastMbps: 1000 })).toBe(false);
  });

  it('forwarding: ip_forward of one namespace, however it was set', () => {
    const { run, ok } = checker('mn');
    const on: Check = { kind: 'forwarding', node: 'h2' };
    expect(ok(on)).toBe(false);
    expect(ok({ ...on, on: false })).toBe(true);
    run('h1 sysctl -w net.ipv4.ip_forward=1');
    expect(ok(on)).toBe(false); // another namespace
    run('h2 echo 1 > /proc/sys/net/ipv4/ip_forward');
    expect(ok(on)).toBe(true);
    run('h2 sysctl net.ipv4.ip_forward=0');
    expect(ok(on)).toBe(false);
    expect(ok({ kind: 'forwarding', node: 'h9' })).toBe(false);
  });

  it('forwarding and pingTtl on the linuxrouter network: r0 forwards, replies across it carry ttl=63', () => {
    const lab = linuxRouterLab();
    const ok = (c: Check) => evaluate(c, lab.sb, { session: lab.session.id }).passed;
    expect(ok({ kind: 'forwarding', node: 'r0' })).toBe(true);
    const ttl63: Check = { kind: 'pingTtl', from: 'h1', to: 'h3', ttl: 63 };
    expect(ok(ttl63)).toBe(false); // no ping yet
    lab.run('h1 ping -c 1 -t 1 h3');
    expect(evaluate(ttl63, lab.sb).detail).toMatch(/got no reply/);
    lab.run('h1 ping -c 2 h3');
    expect(ok(ttl63)).toBe(true);
    expect(ok({ ...ttl63, to: '10.0.0.100' })).toBe(true);
    expect(ok({ ...ttl63, ttl: 64 })).toBe(false);
    expect(evaluate({ ...ttl63, ttl: 64 }, lab.sb).detail).toBe('the last ping from h1 to 10.0.0.100 saw ttl=63, not ttl=64');
    lab.run('h1 ping -c 1 r0');
    expect(ok({ kind: 'pingTtl', from: 'h1', to: 'r0', ttl: 64 })).toBe(true);
    // The last ping is what counts: once r0 stops forwarding, the TTL is no longer seen.
    lab.run('r0 sysctl -w net.ipv4.ip_forward=0');
    expect(ok({ kind: 'forwarding', node: 'r0', on: false })).toBe(true);
    lab.run('h1 ping -c 1 -W 1 h3');
    expect(ok(ttl63)).toBe(false);
  });

  it('listening: a TCP server on the node and port, while it runs', () => {
    const { run, ok } = checker('mn');
    const c: Check = { kind: 'listening', node: 'h1', port: 5001 };
    expect(ok(c)).toBe(false);
    run('h1 iperf -s &');
    expect(ok(c)).toBe(true);
    expect(ok({ ...c, port: 80 })).toBe(false);
    expect(ok({ ...c, node: 'h2' })).toBe(false);
    run('h1 kill %iperf');
    expect(ok(c)).toBe(false);
  });

  it('httpFetch: the last fetch from a node to a host, address or URL, by status or success', () => {
    const { ok, sb } = checker('mn');
    const fetched: Check = { kind: 'httpFetch', from: 'h2', to: 'h1' };
    expect(ok(fetched)).toBe(false);
    sb.lessonLog.recordFetch({ node: 'h2', url: 'http://10.0.0.1/', host: '10.0.0.1', status: undefined, ok: false });
    expect(ok(fetched)).toBe(false);
    expect(evaluate(fetched, sb).detail).toBe('the last fetch from h2 to h1 got no answer');
    sb.lessonLog.recordFetch({ node: 'h2', url: 'http://10.0.0.1/', host: '10.0.0.1', status: 200, ok: true });
    expect(ok(fetched)).toBe(true);
    expect(ok({ ...fetched, to: '10.0.0.1' })).toBe(true);
    expect(ok({ ...fetched, to: 'http://10.0.0.1' })).toBe(true);
    expect(ok({ ...fetched, to: 'http://10.0.0.1/index.html' })).toBe(false);
    expect(ok({ ...fetched, status: 200 })).toBe(true);
    expect(ok({ ...fetched, status: 404 })).toBe(false);
    expect(ok({ ...fetched, from: 'h3' })).toBe(false);
    expect(ok({ ...fetched, to: 'h3' })).toBe(false);
    sb.lessonLog.recordFetch({ node: 'h2', url: 'http://10.0.0.1:8000/nope', host: '10.0.0.1', status: 404, ok: false });
    expect(ok(fetched)).toBe(false); // the last fetch to h1 failed
    expect(ok({ ...fetched, status: 404 })).toBe(true);
    expect(ok({ ...fetched, to: 'http://10.0.0.1/' })).toBe(true); // that URL's last fetch was fine
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
    [{ kind: 'linkParams', a: 'h1', bw: 10 }, 'give both a and b'],
    [{ kind: 'linkParams', a: 'h1', b: 's1' }, 'give bw, delay, jitter, loss or maxQueueSize'],
    [{ kind: 'linkParams', delay: '5 seconds' }, 'delay: must be a duration'],
    [{ kind: 'linkParams', bw: 2000 }, 'bw'],
    [{ kind: 'pingRtt', from: 'h1', to: 'h2' }, 'give atLeastMs or atMostMs'],
    [{ kind: 'pingRtt', from: 'h1', to: 'h2', stat: 'median', atLeastMs: 1 }, 'stat'],
    [{ kind: 'iperfRate', between: ['h1'], atMostMbps: 10 }, 'between'],
    [{ kind: 'iperfRate', between: ['h1', 'h2'] }, 'give atLeastMbps or atMostMbps'],
    [{ kind: 'iperfRate', between: ['h1', 'h2'], atMostMbps: '10M' }, 'atMostMbps'],
    [{ kind: 'not', check: { kind: 'linkState', a: 'h1', b: 's1', state: 'sideways' } }, 'check.state'],
    [{ kind: 'linkState', a: 'h1', b: 's1', state: 'up', extra: 1 }, 'extra'],
    [{ kind: 'forwarding', node: 'r0', on: 'yes' }, 'on'],
    [{ kind: 'pingTtl', from: 'h1', to: 'h3' }, 'ttl'],
    [{ kind: 'pingTtl', from: 'h1', to: 'h3', ttl: 300 }, 'ttl: must be 1 to 255'],
    [{ kind: 'listening', node: 'h1', port: 70000 }, 'port: must be a port from 1 to 65535'],
    [{ kind: 'listening', node: 'h1' }, 'port'],
    [{ kind: 'httpFetch', from: 'h2', to: 'h1', status: 'ok' }, 'status'],
    [{ kind: 'httpFetch', from: 'h2', to: '', status: 200 }, 'to: must name a node, an address or a URL'],
  ])('rejects %j', (input, message) => {
    const r = parseCheck(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });
});
