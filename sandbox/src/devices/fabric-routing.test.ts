import { describe, expect, it } from 'vitest';
import { Sandbox } from '../sandbox';
import { formatIpv4, parseIpv4 } from '../wire/addr';
import { FabricSwitch } from './fabric-switch';
import { BFD_DETECT_US, PORT_EVENT_US } from './fabric-routing';
import { Host } from './host';
import { findPath } from '../net/flow-model';
import { liveNexthops } from '../net/route-table';

const ip = (s: string) => parseIpv4(s)!;

function network(topo: string) {
  const sb = new Sandbox({ seed: 1 });
  const s = sb.openSession();
  const run = (line: string): string => {
    let out = '';
    const off = s.onOutput((t) => (out += t));
    s.submit(line);
    sb.settle(s, 60e6);
    off();
    return out;
  };
  run(`mn --topo ${topo}`);
  const node = (n: string) => sb.net.node(n) as FabricSwitch;
  const host = (n: string) => sb.net.node(n) as Host;
  /** The devices a switch would use towards `dst`, by name. */
  const via = (sw: string, dst: string) => {
    const r = node(sw).stack.routes.lookup(ip(dst));
    return r ? liveNexthops(r).map((n) => n.dev.name) : [];
  };
  /** Let virtual time pass without running a command. */
  const wait = (us: number) => sb.net.sched.runUntil(sb.net.sched.now + us);
  return { sb, run, node, host, via, wait };
}

describe('fabric addressing', () => {
  it('numbers switch-to-switch links with /31s (upper tier even) and gives host ports the anycast gateway', () => {
    const { node } = network('leafspine,spines=2,leaves=2,hosts=1');
    const addr = (sw: string, intf: string) => node(sw).intf(intf)!.addrs.map((a) => `${formatIpv4(a.addr)}/${a.prefixLen}`);
    expect(addr('spine1', 'spine1-eth1')).toEqual(['172.16.0.0/31']);
    expect(addr('leaf1', 'leaf1-eth2')).toEqual(['172.16.0.1/31']);
    expect(addr('spine2', 'spine2-eth1')).toEqual(['172.16.0.2/31']);
    expect(addr('leaf1', 'leaf1-eth3')).toEqual(['172.16.0.3/31']);
    expect(addr('leaf1', 'leaf1-eth1')).toEqual(['10.255.255.254/32']);
    // Loopbacks (router ids) count down below the gateway in Mininet's switch order.
    expect(addr('leaf1', 'lo')).toEqual(['127.0.0.1/8', '10.255.255.253/32']);
    expect(addr('spine2', 'lo')).toEqual(['127.0.0.1/8', '10.255.255.250/32']);
    expect(node('leaf1').tier).toBe('leaf');
    expect(node('leaf1').stack.forwarding).toBe(true);
  });
});

describe('fabric routes', () => {
  it('give every switch a host route to every host with all equal-cost next hops', () => {
    const { node, via } = network('leafspine,spines=3,leaves=3,hosts=2');
    expect(via('leaf1', '10.0.0.5')).toEqual(['leaf1-eth3', 'leaf1-eth4', 'leaf1-eth5']);
    expect(via('leaf1', '10.0.0.2')).toEqual(['leaf1-eth2']);
    expect(via('spine2', '10.0.0.5')).toEqual(['spine2-eth3']);
    const attached = node('leaf1').stack.routes.lookup(ip('10.0.0.1'))!;
    expect([attached.proto, attached.scope, attached.via]).toEqual(['static', 'link', undefined]);
    const learned = node('leaf1').stack.routes.lookup(ip('10.0.0.6'))!;
    expect([learned.proto, learned.metric]).toEqual(['ospf', 20]);
  });

  it('in a fat tree, an edge switch has k/2 next hops to another pod and each aggregation switch k/2 more', () => {
    const { via } = network('fattree,k=4');
    expect(via('edge1', '10.0.0.16')).toEqual(['edge1-eth3', 'edge1-eth4']);
    expect(via('agg1', '10.0.0.16')).toEqual(['agg1-eth3', 'agg1-eth4']);
    expect(via('edge1', '10.0.0.3')).toEqual(['edge1-eth3', 'edge1-eth4']); // same pod: through either aggregation switch
    expect(via('core1', '10.0.0.16')).toEqual(['core1-eth4']);
  });
});

describe('link failure', () => {
  it('stops using a downed link at once where it is, and everywhere after the routing converges', () => {
    const { run, via, node, wait } = network('leafspine,spines=2,leaves=3,hosts=1');
    expect(via('leaf3', '10.0.0.1')).toEqual(['leaf3-eth2', 'leaf3-eth3']);
    run('link leaf1 spine1 down');
    // leaf1's kernel marks the next hop dead at once; leaf3 has not heard yet.
    expect(via('leaf1', '10.0.0.3')).toEqual(['leaf1-eth3']);
    expect(node('leaf1').stack.routes.lookup(ip('10.0.0.3'))!.nexthops!.some((n) => n.dead)).toBe(true);
    wait(PORT_EVENT_US);
    expect(via('leaf3', '10.0.0.1')).toEqual(['leaf3-eth3']);
    expect(via('leaf3', '10.0.0.2')).toEqual(['leaf3-eth2', 'leaf3-eth3']);
    expect(run('pingall')).toContain('*** Results: 0% dropped (6/6 received)');
    run('link leaf1 spine1 up');
    wait(PORT_EVENT_US);
    expect(via('leaf3', '10.0.0.1')).toEqual(['leaf3-eth2', 'leaf3-eth3']);
  });

  it('a pingall right after a link goes down still reaches every pair', () => {
    const { run } = network('leafspine,spines=2,leaves=4,hosts=2');
    run('link spine1 leaf1 down');
    expect(run('pingall')).toContain('*** Results: 0% dropped (56/56 received)');
  });

  it('notices a stopped switch only after BFD gives up on it', () => {
    const { run, via, wait } = network('leafspine,spines=2,leaves=2,hosts=1');
    run('switch spine1 stop');
    wait(BFD_DETECT_US - 10_000);
    expect(via('leaf1', '10.0.0.2')).toEqual(['leaf1-eth2', 'leaf1-eth3']);
    wait(20_000);
    expect(via('leaf1', '10.0.0.2')).toEqual(['leaf1-eth3']);
    run('switch spine1 start');
    wait(BFD_DETECT_US + 1);
    expect(via('leaf1', '10.0.0.2')).toEqual(['leaf1-eth2', 'leaf1-eth3']);
  });

  it('a host cut off loses its routes everywhere', () => {
    const { run, via, wait } = network('leafspine,spines=2,leaves=2,hosts=1');
    run('link h2 leaf2 down');
    wait(PORT_EVENT_US);
    expect(via('leaf1', '10.0.0.2')).toEqual([]);
    expect(via('spine1', '10.0.0.2')).toEqual([]);
  });
});

describe('what the switches send themselves', () => {
  it('comes from their loopback, which the hosts reach through the fabric', () => {
    const { run, node } = network('leafspine,spines=2,leaves=2,hosts=1');
    expect(node('leaf1').stack.routes.lookup(ip('10.0.0.2'))!.src).toBe(ip('10.255.255.253'));
    expect(run('leaf1 ping -c1 h2')).toContain(' 1 received');
    expect(run('spine2 ping -c1 h1')).toContain(' 1 received');
    expect(run('h1 ping -c1 10.255.255.250')).toContain(' 1 received');
  });

  it('answers traceroute from the address of the link a probe came in by', () => {
    const { run } = network('leafspine,spines=1,leaves=2,hosts=1');
    const out = run('h1 traceroute -n -I h2');
    expect(out).toMatch(/ 1 {2}10\.255\.255\.254 /);
    expect(out).toMatch(/ 2 {2}172\.16\.0\.0 /);
    expect(out).toMatch(/ 3 {2}172\.16\.0\.3 /);
    expect(out).toMatch(/ 4 {2}10\.0\.0\.2 /);
  });
});

describe('proxy ARP on host ports', () => {
  it('answers for routed addresses with the switch port MAC, not for unknown ones', () => {
    const { run, host, node } = network('leafspine,spines=2,leaves=2,hosts=2');
    expect(run('h1 ping -c1 h2')).toContain(' 1 received');
    const e = host('h1').stack.neighbors.cache.get(ip('10.0.0.2'))!;
    expect(e.mac).toBe(node('leaf1').intf('leaf1-eth1')!.mac);
    expect(node('leaf1').proxiesFor({ spa: ip('10.0.0.1'), tpa: ip('10.0.0.9') }, node('leaf1').intf('leaf1-eth1')!)).toBe(false);
    expect(run('h1 ping -c1 10.0.0.9')).toContain('Destination Host Unreachable');
    // Routed through the leaf: one hop less in the TTL; across a spine three.
    expect(run('h1 ping -c1 h2')).toContain('ttl=63');
    expect(run('h1 ping -c1 h4')).toContain('ttl=61');
  });
});

describe('the path a flow takes', () => {
  it('follows the hash at each switch: different flows cross different spines, one flow always the same', () => {
    const { host } = network('leafspine,spines=4,leaves=2,hosts=1');
    const spines = new Set<string>();
    for (let sport = 40000; sport < 40040; sport++) {
      const key = { src: ip('10.0.0.1'), dst: ip('10.0.0.2'), proto: 6, sport, dport: 5001 };
      const p = findPath(host('h1'), key)!;
      expect(p.dest.name).toBe('h2');
      expect(p.routers).toBe(3);
      const spine = p.hops[1]!.ingress.owner.name;
      expect(findPath(host('h1'), key)!.hops[1]!.ingress.owner.name).toBe(spine);
      spines.add(spine);
    }
    expect([...spines].sort()).toEqual(['spine1', 'spine2', 'spine3', 'spine4']);
  });
});
