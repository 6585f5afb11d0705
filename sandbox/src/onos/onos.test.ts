/**
 * The emulated ONOS end to end, driven as a learner would (a lab shell, Mininet, pings), with
 * the controller's state read through OnosView: lifecycle, OpenFlow connections, discovery,
 * reactive forwarding and intents (reference/onos.md §1, §5).
 */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../sandbox';
import type { OnosFlowInfo } from './model';

const TREE = 'mn --topo tree,2 --mac --switch ovsk,protocols=OpenFlow13 --controller remote,ip=127.0.0.1';

function lab(seed = 1) {
  const sb = new Sandbox({ seed });
  const s = sb.openSession();
  let out = '';
  s.onOutput((t) => (out += t));
  const run = (line: string, maxRun = 60_000_000): string => {
    out = '';
    s.submit(line);
    sb.settle(s, maxRun);
    return out;
  };
  /** Start ONOS as a service and wait until it runs; then activate apps. */
  const up = (...apps: string[]): void => {
    run('service onos start');
    while (sb.onos.status !== 'running') sb.idle(100_000);
    for (const a of apps) expect(sb.onos.activate(a).ok).toBe(true);
  };
  const flowsOf = (app: string, device?: string): OnosFlowInfo[] => sb.onos.flows(device).filter((f) => f.appName === app);
  return { sb, s, run, up, flowsOf };
}

const rtts = (text: string): number[] => [...text.matchAll(/time=([\d.]+) ms/g)].map((m) => Number(m[1]));

describe('lifecycle (§1.1, §5.1)', () => {
  it('service onos start takes a few virtual seconds, then drivers and gui2 are active', () => {
    const { sb, run } = lab();
    expect(sb.onos.status).toBe('stopped');
    expect(run('service onos start')).toBe('Starting ONOS\n');
    expect(sb.onos.status).toBe('starting');
    const t0 = sb.now;
    while (sb.onos.status !== 'running') sb.idle(100_000);
    const took = sb.now - t0;
    expect(took).toBeGreaterThanOrEqual(5_000_000);
    expect(took).toBeLessThanOrEqual(8_100_000);
    expect(sb.onos.apps().filter((a) => a.active).map((a) => `${a.id} ${a.name}`)).toEqual(['3 org.onosproject.drivers', '96 org.onosproject.gui2']);
    expect(run('service onos start')).toBe('ONOS/karaf is already running\n');
    expect(run('service onos status')).toBe('Running ...\n');
    const log = sb.fs.readFile('/opt/onos/apache-karaf-4.2.9/data/log/karaf.log') as string;
    expect(log).toMatch(/^2026-01-12T09:00:0\d,\d{3} \| INFO {2}\| .* \| CoreManager {22}\| 173 - org\.onosproject\.onos-core-net - 2\.7\.0 \| ONOS starting up/);
    expect(log).toContain('| Application org.onosproject.gui2 has been activated\n');
  });

  it('stop, status and the messages of a container that is not running', () => {
    const { sb, run, up } = lab();
    expect(run('onos-service status')).toBe("/opt/onos/apache-karaf-4.2.9/data/port port file doesn't exist. The container is not running.\n");
    expect(run('echo $?')).toBe('3\n');
    expect(run('service onos stop')).toBe("/opt/onos/apache-karaf-4.2.9/data/port shutdown port file doesn't exist. The container is not running.\n");
    up();
    expect(run('systemctl is-active onos')).toBe('active\n');
    expect(run('systemctl stop onos')).toBe('');
    expect(sb.onos.status).toBe('stopped');
    expect(run('service onos status')).toBe('Not Running ...\n');
    expect(run('echo $?')).toBe('1\n');
    expect(run('onos-service stop')).toBe("Can't connect to the container. The container is not running.\n");
    expect(run('systemctl status onos')).toBe(
      '○ onos.service - Open Network Operating System\n' +
      '     Loaded: loaded (/etc/systemd/system/onos.service; disabled; vendor preset: enabled)\n' +
      '     Active: inactive (dead)\n',
    );
    expect(run('echo $?')).toBe('3\n');
    expect(run('service nosuch start')).toBe('nosuch: unrecognized service\n');
    expect(run('systemctl start nosuch')).toBe('Failed to start nosuch.service: Unit nosuch.service not found.\n');
  });

  it('onos-service start in the foreground prints the log until Ctrl-C, which stops ONOS', () => {
    const { sb, s, run } = lab();
    let out = '';
    s.onOutput((t) => (out += t));
    s.submit('onos-service start');
    expect(sb.settle(s, 12_000_000)).toBe('interrupted');
    const esc = String.fromCharCode(27);
    expect(out.startsWith(`${esc}[90m09:00:0`)).toBe(true);
    expect(out).toMatch(/^.\[90m09:00:0\d\.\d{3}.\[0m INFO {2}\[CoreManager\] ONOS starting up on Java version 11\.0\.24\n/);
    expect(out).toContain('INFO  [ApplicationManager] Application org.onosproject.drivers has been activated\n');
    expect(out).toContain('^C');
    expect(sb.onos.status).toBe('stopped');
    expect(run('echo $?')).toBe('130\n');
  });

  it('a second start while one runs, and a background job that is killed', () => {
    const { sb, run } = lab();
    expect(run('onos-service start &')).toMatch(/^\[1\] \d+\n$/);
    while (sb.onos.status !== 'running') sb.idle(100_000);
    expect(run('onos-service start')).toBe(
      `There is a Root instance already running with name root and pid ${sb.onos.pid}. If you know what you are doing and want to force the run anyway, export CHECK_ROOT_INSTANCE_RUNNING=false and re run the command.\n`,
    );
    run('kill %1');
    sb.idle(2_000_000);
    expect(sb.onos.status).toBe('stopped');
  });

  it('an idle sandbox schedules nothing for ONOS', () => {
    const sb = new Sandbox({ seed: 1 });
    expect(sb.nextEventTime()).toBeUndefined();
  });
});

describe('OpenFlow connections and discovery (§5.3, §5.7)', () => {
  it('listens on 6633 and 6653 only while openflow-base is active', () => {
    const { sb, up } = lab();
    const listening = () => [6633, 6653].map((port) => sb.net.ofListeners.isListening({ ip: '127.0.0.1', port }));
    up();
    expect(listening()).toEqual([false, false]);
    sb.onos.activate('org.onosproject.openflow');
    expect(listening()).toEqual([true, true]);
    sb.onos.deactivate('org.onosproject.openflow');
    expect(listening()).toEqual([false, false]);
    expect(sb.onos.apps().filter((a) => a.active).map((a) => a.name)).toEqual(['org.onosproject.drivers', 'org.onosproject.gui2']);
  });

  it('Mininet connects; devices, core flows on the switch, links within one probe period', () => {
    const { sb, run, up } = lab();
    up('org.onosproject.openflow');
    const mn = run(TREE);
    expect(mn).toContain('*** Adding controller\nConnecting to remote controller at 127.0.0.1:6653\n');
    const t0 = sb.now;
    sb.idle(500_000);
    const devs = sb.onos.devices();
    expect(devs.map((d) => `${d.id} ${d.available} ${d.role} ${d.chassis}`)).toEqual([
      'of:0000000000000001 true MASTER 1', 'of:0000000000000002 true MASTER 2', 'of:0000000000000003 true MASTER 3',
    ]);
    const a = devs[0]!.annotations;
    expect(a['protocol']).toBe('OF_13');
    expect(a['datapathDescription']).toBe('s1');
    expect(a['channelId']).toMatch(/^127\.0\.0\.1:\d{5}$/);
    expect(devs[1]!.ports.map((p) => `${p.port} ${p.enabled} ${p.portName}`)).toEqual(['LOCAL false s2', '1 true s2-eth1', '2 true s2-eth2', '3 true s2-eth3']);
    // Core packet-in flows: the ids of §3.1, pending until the first stats poll.
    const core = sb.onos.flows('of:0000000000000001');
    expect(core.map((f) => `${f.id.toString(16)} ${f.state} ${f.selector.join()} ${f.priority}`)).toEqual([
      '100007a585b6f PENDING_ADD ETH_TYPE:bddp 40000', '100009465555a PENDING_ADD ETH_TYPE:lldp 40000', '10000ea6f4b8e PENDING_ADD ETH_TYPE:arp 40000',
    ]);
    expect(core.every((f) => f.cleared && f.permanent && f.appName === 'org.onosproject.core')).toBe(true);
    while (sb.onos.links().length < 4 && sb.now - t0 < 10_000_000) sb.idle(10_000);
    expect(sb.now - t0).toBeLessThanOrEqual(3_500_000);
    expect(sb.onos.links().map((l) => `${l.src.device}/${l.src.port}>${l.dst.device}/${l.dst.port} ${l.type}`)).toEqual([
      'of:0000000000000001/1>of:0000000000000002/3 DIRECT', 'of:0000000000000001/2>of:0000000000000003/3 DIRECT',
      'of:0000000000000002/3>of:0000000000000001/1 DIRECT', 'of:0000000000000003/3>of:0000000000000001/2 DIRECT',
    ]);
    expect(sb.onos.topology()).toMatchObject({ devices: 3, links: 4, clusters: 1 });
    sb.idle(5_000_000);
    expect(sb.onos.flows().every((f) => f.state === 'ADDED')).toBe(true);
    const dump = run('sh ovs-ofctl -O OpenFlow13 dump-flows s1');
    expect(dump).toMatch(/ cookie=0x100009465555a, duration=\S+, table=0, n_packets=\d+, n_bytes=\d+, send_flow_rem priority=40000,dl_type=0x88cc actions=CONTROLLER:65535,clear_actions\n/);
    expect(dump).toMatch(/ cookie=0x10000ea6f4b8e, .* send_flow_rem priority=40000,arp actions=CONTROLLER:65535,clear_actions\n/);
    // Each LLDP/BDDP probe counts 139 bytes on the switch, as real ONOS probes do.
    const lldp = /cookie=0x100009465555a, .*n_packets=(\d+), n_bytes=(\d+),/.exec(dump)!;
    expect(Number(lldp[2])).toBe(139 * Number(lldp[1]));
  });

  it('a port going down removes its links at once; they come back within a probe period', () => {
    const { sb, run, up } = lab();
    up('org.onosproject.openflow');
    run(TREE);
    sb.idle(4_000_000);
    expect(sb.onos.links()).toHaveLength(4);
    run('link s1 s3 down');
    sb.idle(1_000);
    expect(sb.onos.links()).toHaveLength(2);
    expect(sb.onos.topology().clusters).toBe(2);
    run('link s1 s3 up');
    sb.idle(3_100_000);
    expect(sb.onos.links()).toHaveLength(4);
  });

  it('links expire 10 s after their last probe', () => {
    const { sb, run, up } = lab();
    up('org.onosproject.openflow');
    run(TREE);
    sb.idle(4_000_000);
    expect(sb.onos.setConfigProperty('org.onosproject.provider.lldp.impl.LldpLinkProvider', 'probeRate', '60000')).toBeUndefined();
    const t0 = sb.now;
    while (sb.onos.links().length > 0 && sb.now - t0 < 30_000_000) sb.idle(100_000);
    // The last probes leave within one old period (3 s); 10 s later the links are stale.
    expect(sb.now - t0).toBeGreaterThan(10_000_000);
    expect(sb.now - t0).toBeLessThan(16_000_000);
  });

  it('deactivating the LLDP provider takes the openflow suite down with it (§5.2)', () => {
    const { sb, run, up } = lab();
    up('org.onosproject.openflow');
    run(TREE);
    sb.idle(4_000_000);
    sb.onos.deactivate('org.onosproject.lldpprovider');
    expect(sb.onos.links()).toHaveLength(0);
    expect(sb.onos.devices().every((d) => !d.available)).toBe(true);
  });

  it('mn exit: devices stay unavailable, their links, hosts and flows go', () => {
    const { sb, run, up } = lab();
    up('org.onosproject.openflow');
    run(TREE);
    sb.idle(4_000_000);
    run('h1 ping -c 1 h2');
    expect(sb.onos.hosts().length).toBeGreaterThan(0);
    run('exit');
    expect(sb.onos.devices().map((d) => `${d.id} ${d.available} ${d.role}`)).toEqual([
      'of:0000000000000001 false NONE', 'of:0000000000000002 false NONE', 'of:0000000000000003 false NONE',
    ]);
    expect([sb.onos.links().length, sb.onos.hosts().length, sb.onos.flows().length]).toEqual([0, 0, 0]);
  });

  it('a bridge without protocols reports OF_14; OpenFlow10 sends table misses to the controller', () => {
    const { sb, run, up } = lab();
    up('org.onosproject.openflow');
    run('mn --topo single,2 --controller remote');
    sb.idle(1_000_000);
    expect(sb.onos.devices()[0]!.annotations['protocol']).toBe('OF_14');
    run('exit');
    run('mn --topo single,2 --switch ovsk,protocols=OpenFlow10 --controller remote');
    sb.idle(1_000_000);
    expect(sb.onos.devices()[0]!.annotations['protocol']).toBe('OF_10');
  });
});

describe('hosts and reactive forwarding (§5.3, §5.4, §5.5)', () => {
  it('nothing forwards before ONOS runs (fail-mode secure)', () => {
    const { run } = lab();
    const mn = run(TREE);
    expect(mn).toContain('Unable to contact the remote controller at 127.0.0.1:6653\n');
    expect(run('h1 ping -c 1 -W 1 h2')).toContain('1 packets transmitted, 0 received');
  });

  it('with openflow only, pings fail but the hosts appear (learned from the punted ARP)', () => {
    const { sb, run, up } = lab();
    up('org.onosproject.openflow');
    run(TREE);
    sb.idle(4_000_000);
    const ping = run('h1 ping -c 2 h3');
    expect(ping).toContain('From 10.0.0.1 icmp_seq=1 Destination Host Unreachable');
    expect(ping).toContain('2 packets transmitted, 0 received');
    expect(sb.onos.hosts()).toEqual([
      { id: '00:00:00:00:00:01/None', mac: '00:00:00:00:00:01', vlan: 'None', ips: ['10.0.0.1'], locations: [{ device: 'of:0000000000000002', port: 1 }] },
    ]);
  });

  it('with fwd the first ping pays the controller round trips, the next do not; rules are per switch', () => {
    const { sb, run, up, flowsOf } = lab();
    up('org.onosproject.openflow', 'fwd');
    run(TREE);
    sb.idle(4_000_000);
    const [first, second, third] = rtts(run('h1 ping -c 3 h3'));
    expect(first).toBeGreaterThan(20);
    expect(first).toBeLessThan(80);
    expect(second).toBeLessThan(1);
    expect(third).toBeLessThan(0.2);
    // One rule per switch and direction; ARP never became a rule. Ids as in the worked example (§8).
    expect(flowsOf('org.onosproject.fwd').map((f) => `${f.deviceId} ${f.id.toString(16)} ${f.selector.join()} ${f.treatment.join()} ${f.priority} ${f.timeout}`)).toEqual([
      'of:0000000000000001 a600008d053164 IN_PORT:1,ETH_DST:00:00:00:00:00:03,ETH_SRC:00:00:00:00:00:01 OUTPUT:2 10 10',
      'of:0000000000000001 a60000d134d2a8 IN_PORT:2,ETH_DST:00:00:00:00:00:01,ETH_SRC:00:00:00:00:00:03 OUTPUT:1 10 10',
      'of:0000000000000002 a6000099e62840 IN_PORT:1,ETH_DST:00:00:00:00:00:03,ETH_SRC:00:00:00:00:00:01 OUTPUT:3 10 10',
      'of:0000000000000002 a60000c204a428 IN_PORT:3,ETH_DST:00:00:00:00:00:01,ETH_SRC:00:00:00:00:00:03 OUTPUT:1 10 10',
      'of:0000000000000003 a600000baf0cae IN_PORT:1,ETH_DST:00:00:00:00:00:01,ETH_SRC:00:00:00:00:00:03 OUTPUT:3 10 10',
      'of:0000000000000003 a60000d2966c5c IN_PORT:3,ETH_DST:00:00:00:00:00:03,ETH_SRC:00:00:00:00:00:01 OUTPUT:1 10 10',
    ]);
    expect(run('sh ovs-ofctl -O OpenFlow13 dump-flows s1')).toMatch(
      / cookie=0xa600008d053164, duration=\S+, table=0, n_packets=2, n_bytes=196, send_flow_rem priority=10,in_port="s1-eth1",dl_src=00:00:00:00:00:01,dl_dst=00:00:00:00:00:03 actions=output:"s1-eth2"\n/,
    );
    expect(sb.onos.hosts().map((h) => `${h.id} ${h.ips.join()}`)).toEqual(['00:00:00:00:00:01/None 10.0.0.1', '00:00:00:00:00:03/None 10.0.0.3']);
  });

  it('fwd rules vanish 10-15 s after the traffic stops', () => {
    const { sb, run, up, flowsOf } = lab();
    up('org.onosproject.openflow', 'fwd');
    run(TREE);
    sb.idle(4_000_000);
    run('h1 ping -c 3 h3');
    const stopped = sb.now;
    sb.idle(9_900_000);
    expect(flowsOf('org.onosproject.fwd')).toHaveLength(6);
    sb.idle(stopped + 15_100_000 - sb.now);
    expect(flowsOf('org.onosproject.fwd')).toHaveLength(0);
    expect(run('sh ovs-ofctl -O OpenFlow13 dump-flows s1')).not.toContain('priority=10,');
  });

  it('deactivating fwd removes its rules at once and pings stop working', () => {
    const { sb, run, up, flowsOf } = lab();
    up('org.onosproject.openflow', 'fwd');
    run(TREE);
    sb.idle(4_000_000);
    expect(run('h1 ping -c 2 h3')).toContain('2 received');
    sb.onos.deactivate('fwd');
    sb.idle(1_000);
    expect(flowsOf('org.onosproject.fwd')).toHaveLength(0);
    expect(sb.onos.flows('of:0000000000000001').map((f) => f.selector.join())).not.toContain('ETH_TYPE:ipv4');
    expect(run('h1 ping -c 2 h3')).toContain('2 packets transmitted, 0 received');
  });

  it('floods without storms in a topology with loops', () => {
    const { sb, run, up } = lab(2);
    up('org.onosproject.openflow', 'fwd');
    run('mn --topo torus,3,3 --switch ovsk,protocols=OpenFlow13 --controller remote');
    sb.idle(4_000_000);
    expect(sb.onos.topology()).toMatchObject({ devices: 9, links: 36, clusters: 1 });
    expect(run('pingall')).toContain('*** Results: 0% dropped (72/72 received)');
    expect(sb.net.stormDrops).toBe(0);
  });
});

describe('host-to-host intents (§4.11, §5.6)', () => {
  function withHosts(seed = 1) {
    const l = lab(seed);
    l.up('org.onosproject.openflow', 'fwd');
    l.run(TREE);
    l.sb.idle(4_000_000);
    expect(l.run('pingall')).toContain('0% dropped');
    l.sb.onos.deactivate('fwd');
    return l;
  }

  it('compiles to priority-100 permanent rules on every switch of the path, both ways; only that pair talks', () => {
    const { sb, run, flowsOf } = withHosts();
    const i = sb.onos.addHostIntent('00:00:00:00:00:01/None', '00:00:00:00:00:03/None');
    expect(i).toMatchObject({ id: 0, key: 0, state: 'INSTALL_REQ', appName: 'org.onosproject.cli', priority: 100 });
    sb.idle(100_000);
    expect(sb.onos.intents().map((x) => x.state)).toEqual(['INSTALLED']);
    const rules = flowsOf('org.onosproject.net.intent');
    expect(rules.map((f) => `${f.deviceId} ${f.selector.join()} ${f.treatment.join()}`).sort()).toEqual([
      'of:0000000000000001 IN_PORT:1,ETH_DST:00:00:00:00:00:03,ETH_SRC:00:00:00:00:00:01 OUTPUT:2',
      'of:0000000000000001 IN_PORT:2,ETH_DST:00:00:00:00:00:01,ETH_SRC:00:00:00:00:00:03 OUTPUT:1',
      'of:0000000000000002 IN_PORT:1,ETH_DST:00:00:00:00:00:03,ETH_SRC:00:00:00:00:00:01 OUTPUT:3',
      'of:0000000000000002 IN_PORT:3,ETH_DST:00:00:00:00:00:01,ETH_SRC:00:00:00:00:00:03 OUTPUT:1',
      'of:0000000000000003 IN_PORT:1,ETH_DST:00:00:00:00:00:01,ETH_SRC:00:00:00:00:00:03 OUTPUT:3',
      'of:0000000000000003 IN_PORT:3,ETH_DST:00:00:00:00:00:03,ETH_SRC:00:00:00:00:00:01 OUTPUT:1',
    ]);
    expect(rules.every((f) => f.priority === 100 && f.permanent && f.id >> 48n === 0x24n)).toBe(true);
    expect(run('h1 ping -c 2 h3')).toContain('2 received');
    expect(run('h1 ping -c 2 h2')).toContain('0 received');
    // The next user intent skips the ids the compilation used.
    const j = sb.onos.addHostIntent('00:00:00:00:00:02/None', '00:00:00:00:00:04/None');
    expect('id' in j && j.id).toBe(5);
  });

  it('fails without a path and recovers when the link returns; withdrawal removes its rules', () => {
    const { sb, run, flowsOf } = withHosts();
    sb.onos.addHostIntent('00:00:00:00:00:01/None', '00:00:00:00:00:03/None');
    sb.idle(100_000);
    run('link s1 s3 down');
    sb.idle(200_000);
    expect(sb.onos.intents()[0]!.state).toBe('FAILED');
    expect(flowsOf('org.onosproject.net.intent')).toHaveLength(0);
    run('link s1 s3 up');
    sb.idle(3_500_000);
    expect(sb.onos.intents()[0]!.state).toBe('INSTALLED');
    expect(flowsOf('org.onosproject.net.intent')).toHaveLength(6);
    expect(sb.onos.removeIntent('org.onosproject.cli', 0)).toBe(true);
    sb.idle(1_000);
    expect(sb.onos.intents()[0]!.state).toBe('WITHDRAWN');
    expect(flowsOf('org.onosproject.net.intent')).toHaveLength(0);
    expect(sb.onos.purgeIntent('org.onosproject.cli', 0)).toBe(true);
    expect(sb.onos.intents()).toHaveLength(0);
  });

  it('an intent between unknown hosts fails; bad host ids are refused', () => {
    const { sb } = withHosts();
    sb.onos.addHostIntent('00:00:00:00:00:01/None', '00:00:00:00:00:99/None');
    sb.idle(100_000);
    expect(sb.onos.intents()[0]!.state).toBe('FAILED');
    expect(sb.onos.addHostIntent('nonsense', '00:00:00:00:00:01/None')).toEqual({ error: "Specified MAC Address must contain 12 hex digits separated pairwise by :'s." });
  });

  it('is recompiled onto another path when a link of its path fails', () => {
    const { sb, run, up, flowsOf } = lab(2);
    up('org.onosproject.openflow', 'fwd');
    run('mn --topo torus,3,3 --switch ovsk,protocols=OpenFlow13 --controller remote');
    sb.idle(4_000_000);
    run('h1x1 ping -c 1 h3x3');
    sb.onos.deactivate('fwd');
    const hosts = sb.onos.hosts();
    const id = (ip: string) => hosts.find((h) => h.ips.includes(ip))!.id;
    sb.onos.addHostIntent(id('10.0.0.1'), id('10.0.0.9'));
    sb.idle(100_000);
    const before = flowsOf('org.onosproject.net.intent').map((f) => `${f.deviceId} ${f.selector.join()} ${f.treatment.join()}`);
    expect(before.length).toBeGreaterThanOrEqual(4);
    const onPath = new Set(flowsOf('org.onosproject.net.intent').map((f) => f.deviceId));
    // Cut the path's first hop out of s1x1 (0x101): whichever neighbour it uses.
    const next = [...onPath].find((d) => d !== 'of:0000000000000101' && d !== 'of:0000000000000303')!;
    const name = `s${parseInt(next.slice(-3, -2), 16)}x${parseInt(next.slice(-1), 16)}`;
    run(`link s1x1 ${name} down`);
    sb.idle(200_000);
    expect(sb.onos.intents()[0]!.state).toBe('INSTALLED');
    const after = flowsOf('org.onosproject.net.intent').map((f) => `${f.deviceId} ${f.selector.join()} ${f.treatment.join()}`);
    expect(after).not.toEqual(before);
    expect(after.some((f) => f.startsWith(next))).toBe(false);
    expect(run('h1x1 ping -c 1 h3x3')).toContain('1 received');
  });
});

describe('restart', () => {
  it('remembers activated apps; reconnected switches lose the rules the old run left', () => {
    const { sb, run, up, flowsOf } = lab();
    up('org.onosproject.openflow', 'fwd');
    run(TREE);
    sb.idle(4_000_000);
    run('h1 ping -c 1 h3');
    run('sh service onos stop');
    sb.idle(2_000_000);
    // Secure fail mode: the switch keeps its rules while the controller is gone.
    expect(run('sh ovs-ofctl -O OpenFlow13 dump-flows s1')).toContain('priority=10,');
    run('sh service onos start');
    while (sb.onos.status !== 'running') sb.idle(100_000);
    expect(sb.onos.apps().filter((a) => a.active).map((a) => a.name)).toContain('org.onosproject.fwd');
    sb.idle(7_000_000);
    expect(sb.onos.devices().every((d) => d.available)).toBe(true);
    expect(flowsOf('org.onosproject.fwd')).toHaveLength(0);
    expect(run('sh ovs-ofctl -O OpenFlow13 dump-flows s1')).not.toContain('priority=10,');
  });
});

describe('the Karaf CLI verbs (wipe-out, cfg, feature:install, shutdown)', () => {
  it('wipe-out forgets intents, flows, hosts, devices and links; connected switches come back', () => {
    const { sb, run, up } = lab();
    up('org.onosproject.openflow', 'fwd');
    run(TREE);
    sb.idle(4_000_000);
    run('pingall');
    sb.onos.addHostIntent('00:00:00:00:00:01/None', '00:00:00:00:00:02/None');
    sb.idle(100_000);
    sb.onos.wipeOut();
    expect([sb.onos.intents().length, sb.onos.hosts().length, sb.onos.devices().length, sb.onos.links().length, sb.onos.flows().length]).toEqual([0, 0, 0, 0, 0]);
    sb.idle(4_000_000);
    expect(sb.onos.devices().filter((d) => d.available)).toHaveLength(3);
    expect(sb.onos.links()).toHaveLength(4);
  });

  it('cfg set changes fwd rules; properties the emulator does not use are refused plainly', () => {
    const { sb, run, up } = lab();
    up('org.onosproject.openflow', 'fwd');
    const fwd = 'org.onosproject.fwd.ReactiveForwarding';
    expect(sb.onos.setConfigProperty(fwd, 'flowTimeout', '30')).toBeUndefined();
    expect(sb.onos.configProperties(fwd)?.find((p) => p.name === 'flowTimeout')).toMatchObject({ type: 'integer', value: '30', defaultValue: '10' });
    expect(sb.onos.setConfigProperty(fwd, 'nosuch', '1')).toBe(`Property nosuch is not defined for component ${fwd}`);
    expect(sb.onos.setConfigProperty(fwd, 'matchVlanId', 'true')).toContain('not supported in this sandbox');
    expect(sb.onos.configProperties('org.example.Nothing')).toBeUndefined();
    run(TREE);
    sb.idle(4_000_000);
    run('h1 ping -c 1 h2');
    expect(sb.onos.flows().filter((f) => f.appName === 'org.onosproject.fwd').map((f) => f.timeout)).toEqual([30, 30]);
  });

  it('feature:install starts fwd without marking the app active', () => {
    const { sb, run, up } = lab();
    up('org.onosproject.openflow');
    expect(sb.onos.installFeature('onos-apps-fwd')).toBe(true);
    expect(sb.onos.installFeature('onos-nosuch')).toBe(false);
    expect(sb.onos.apps().find((a) => a.name === 'org.onosproject.fwd')?.active).toBe(false);
    expect(sb.onos.installedFeatures()).toContain('onos-apps-fwd');
    run(TREE);
    sb.idle(4_000_000);
    expect(run('h1 ping -c 1 h3')).toContain('1 received');
  });

  it('shutdown halts ONOS', () => {
    const { sb, up } = lab();
    up();
    sb.onos.shutdown();
    sb.idle(2_000_000);
    expect(sb.onos.status).toBe('stopped');
  });
});
