/**
 * The ONOS CLI's commands on a fake controller holding reference/onos.md §8's state.
 * Expected lines are copied from the reference (byte for byte, ANSI codes included).
 */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../sandbox';
import { FakeOnos } from './fake-onos.test-util';
import { completeKaraf, runKarafLine } from './karaf-shell';
import { Job } from '../../shell/process';

function setup(): { sb: Sandbox; onos: FakeOnos } {
  const sb = new Sandbox({ seed: 1 });
  sb.idle(300_000_000);
  const onos = new FakeOnos(sb.now);
  Object.defineProperty(sb, 'onos', { value: onos, configurable: true, writable: true });
  return { sb, onos };
}

/** Run one line as `onos "line"` would (or as the interactive session, tty=true). */
function karaf(sb: Sandbox, onos: FakeOnos, line: string, tty = false): string {
  let out = '';
  const session = sb.openSession();
  const job = new Job(sb.net.sched, runKarafLine({ sandbox: sb, view: onos, user: 'onos', tty, session, out: (t) => (out += t), logout: () => {} }, line), (m) => {
    throw new Error(m);
  });
  job.start();
  sb.idle(0);
  return out;
}

const S1_FLOWS = `deviceId=of:0000000000000001, flowRuleCount=6
    id=100007a585b6f, state=ADDED, bytes=0, packets=0, duration=95, liveType=UNKNOWN, priority=40000, tableId=0, appId=org.onosproject.core, selector=[ETH_TYPE:bddp], treatment=DefaultTrafficTreatment{immediate=[OUTPUT:CONTROLLER], deferred=[], transition=None, meter=[], cleared=true, StatTrigger=null, metadata=null}
    id=100009465555a, state=ADDED, bytes=0, packets=0, duration=95, liveType=UNKNOWN, priority=40000, tableId=0, appId=org.onosproject.core, selector=[ETH_TYPE:lldp], treatment=DefaultTrafficTreatment{immediate=[OUTPUT:CONTROLLER], deferred=[], transition=None, meter=[], cleared=true, StatTrigger=null, metadata=null}
    id=10000ea6f4b8e, state=ADDED, bytes=0, packets=0, duration=95, liveType=UNKNOWN, priority=40000, tableId=0, appId=org.onosproject.core, selector=[ETH_TYPE:arp], treatment=DefaultTrafficTreatment{immediate=[OUTPUT:CONTROLLER], deferred=[], transition=None, meter=[], cleared=true, StatTrigger=null, metadata=null}
    id=a600008d053164, state=ADDED, bytes=196, packets=2, duration=3, liveType=UNKNOWN, priority=10, tableId=0, appId=org.onosproject.fwd, selector=[IN_PORT:1, ETH_DST:00:00:00:00:00:03, ETH_SRC:00:00:00:00:00:01], treatment=DefaultTrafficTreatment{immediate=[OUTPUT:2], deferred=[], transition=None, meter=[], cleared=false, StatTrigger=null, metadata=null}
    id=a60000d134d2a8, state=ADDED, bytes=196, packets=2, duration=3, liveType=UNKNOWN, priority=10, tableId=0, appId=org.onosproject.fwd, selector=[IN_PORT:2, ETH_DST:00:00:00:00:00:01, ETH_SRC:00:00:00:00:00:03], treatment=DefaultTrafficTreatment{immediate=[OUTPUT:1], deferred=[], transition=None, meter=[], cleared=false, StatTrigger=null, metadata=null}
    id=10000021b41dc, state=ADDED, bytes=0, packets=0, duration=95, liveType=UNKNOWN, priority=5, tableId=0, appId=org.onosproject.core, selector=[ETH_TYPE:ipv4], treatment=DefaultTrafficTreatment{immediate=[OUTPUT:CONTROLLER], deferred=[], transition=None, meter=[], cleared=true, StatTrigger=null, metadata=null}
`;

describe('§8 worked example', () => {
  it('flows: s1 byte for byte, s2 and s3 in the order and with the ids of §8', () => {
    const { sb, onos } = setup();
    const out = karaf(sb, onos, 'flows');
    expect(out.startsWith(S1_FLOWS)).toBe(true);
    const ids = (dev: string): string[] => {
      const block = out.split('deviceId=').find((b) => b.startsWith(dev))!;
      return [...block.matchAll(/id=([0-9a-f]+),/g)].map((m) => m[1]!);
    };
    expect(out).toContain('deviceId=of:0000000000000002, flowRuleCount=6\n');
    expect(ids('of:0000000000000002')).toEqual(['1000002bbd8d4', '10000c70edd85', '10000dc56d70b', 'a6000099e62840', 'a60000c204a428', '100002341485c']);
    expect(ids('of:0000000000000003')).toEqual(['10000464e5575', '10000646f55aa', '10000a6288ee9', 'a600000baf0cae', 'a60000d2966c5c', '10000be641e06']);
    expect(out).toContain(
      '    id=a6000099e62840, state=ADDED, bytes=196, packets=2, duration=3, liveType=UNKNOWN, priority=10, tableId=0, appId=org.onosproject.fwd, selector=[IN_PORT:1, ETH_DST:00:00:00:00:00:03, ETH_SRC:00:00:00:00:00:01], treatment=DefaultTrafficTreatment{immediate=[OUTPUT:3], deferred=[], transition=None, meter=[], cleared=false, StatTrigger=null, metadata=null}\n',
    );
  });

  it('summary, hosts and links', () => {
    const { sb, onos } = setup();
    expect(karaf(sb, onos, 'summary')).toBe(
      'node=127.0.0.1, version=2.7.0 clusterId=default\nnodes=1, devices=3, links=4, hosts=2, SCC(s)=1, flows=18, intents=0\n',
    );
    expect(karaf(sb, onos, 'hosts')).toBe(
      'id=00:00:00:00:00:01/None, mac=00:00:00:00:00:01, locations=[of:0000000000000002/1], auxLocations=null, vlan=None, ip(s)=[10.0.0.1], innerVlan=None, outerTPID=unknown, provider=of:org.onosproject.provider.host, configured=false\n' +
        'id=00:00:00:00:00:03/None, mac=00:00:00:00:00:03, locations=[of:0000000000000003/1], auxLocations=null, vlan=None, ip(s)=[10.0.0.3], innerVlan=None, outerTPID=unknown, provider=of:org.onosproject.provider.host, configured=false\n',
    );
    expect(karaf(sb, onos, 'links')).toBe(
      'src=of:0000000000000001/1, dst=of:0000000000000002/3, type=DIRECT, state=ACTIVE, expected=false\n' +
        'src=of:0000000000000001/2, dst=of:0000000000000003/3, type=DIRECT, state=ACTIVE, expected=false\n' +
        'src=of:0000000000000002/3, dst=of:0000000000000001/1, type=DIRECT, state=ACTIVE, expected=false\n' +
        'src=of:0000000000000003/3, dst=of:0000000000000001/2, type=DIRECT, state=ACTIVE, expected=false\n',
    );
  });

  it('flows -s, -c, -n and a state filter', () => {
    const { sb, onos } = setup();
    const short = karaf(sb, onos, 'flows -s added of:0000000000000001');
    expect(short.split('\n')[1]).toBe(
      '    ADDED, bytes=0, packets=0, table=0, priority=40000, selector=[ETH_TYPE:bddp], treatment=[immediate=[OUTPUT:CONTROLLER], clearDeferred]',
    );
    expect(short).toContain('    ADDED, bytes=196, packets=2, table=0, priority=10, selector=[IN_PORT:1, ETH_DST:00:00:00:00:00:03, ETH_SRC:00:00:00:00:00:01], treatment=[immediate=[OUTPUT:2]]\n');
    expect(karaf(sb, onos, 'flows -c')).toBe(
      'deviceId=of:0000000000000001, flowRuleCount=6\ndeviceId=of:0000000000000002, flowRuleCount=6\ndeviceId=of:0000000000000003, flowRuleCount=6\n',
    );
    expect(karaf(sb, onos, 'flows -n -c any of:0000000000000002')).toBe('deviceId=of:0000000000000002, flowRuleCount=2\n');
    expect(karaf(sb, onos, 'flows pending_add of:0000000000000003')).toBe('deviceId=of:0000000000000003, flowRuleCount=0\n');
  });
});

describe('commands', () => {
  it('apps -a -s: the short format, no header', () => {
    const { sb, onos } = setup();
    const out = karaf(sb, onos, 'apps -a -s');
    expect(out.split('\n')[0]).toBe('*   3 org.onosproject.drivers              2.7.0    Default Drivers');
    expect(out).toContain('* 166 org.onosproject.fwd                  2.7.0    Reactive Forwarding\n');
    expect(out).not.toContain('proxyarp');
    expect(karaf(sb, onos, 'apps -s')).toContain('  130 org.onosproject.proxyarp             2.7.0    Proxy ARP/NDP\n');
  });

  it('apps long form', () => {
    const { sb, onos } = setup();
    expect(karaf(sb, onos, 'apps -a')).toContain(
      '* id=166, name=org.onosproject.fwd, version=2.7.0, origin=ONOS Community, category=Traffic Engineering, description=Reactive Forwarding, features=[onos-apps-fwd], featuresRepo=mvn:org.onosproject/onos-apps-fwd/2.7.0/xml/features, apps=[], permissions=[], url=http://onosproject.org\n',
    );
  });

  it('app activate/deactivate with ONOS messages', () => {
    const { sb, onos } = setup();
    expect(karaf(sb, onos, 'app activate proxyarp')).toBe('Activated org.onosproject.proxyarp\n');
    expect(karaf(sb, onos, 'app deactivate fwd')).toBe('Deactivated org.onosproject.fwd\n');
    expect(karaf(sb, onos, 'app activate openflow')).toBe(
      'Did you mean one of: [org.onosproject.openflow, org.onosproject.drivers.polatis.openflow]\n',
    );
    expect(karaf(sb, onos, 'app activate nosuch')).toBe('No such application: nosuch\n');
    expect(karaf(sb, onos, 'app start fwd')).toBe('Unsupported command: start\n');
    expect(karaf(sb, onos, 'app')).toBe('\x1b[31mError executing command onos:\x1b[1mapp\x1b[22m\x1b[39m: argument \x1b[1mcommand\x1b[22m is required\n');
    expect(karaf(sb, onos, 'app activate')).toBe('\x1b[31mError executing command onos:\x1b[1mapp\x1b[22m\x1b[39m: argument \x1b[1mnames\x1b[22m is required\n');
  });

  it('Karaf errors: unknown command, undefined option, too many arguments', () => {
    const { sb, onos } = setup();
    expect(karaf(sb, onos, 'foo')).toBe('\x1b[31mCommand not found: \x1b[0m\x1b[31;1mfoo\x1b[0m\n');
    expect(karaf(sb, onos, 'onos:foo')).toBe('\x1b[31mCommand not found: \x1b[0m\x1b[31;1monos:foo\x1b[0m\n');
    expect(karaf(sb, onos, 'devices -x')).toBe(
      "\x1b[31mError executing command onos:\x1b[1mdevices\x1b[22m\x1b[39m: undefined option \x1b[1m-x\x1b[22m\nTry <command> --help' for more information.\n",
    );
    expect(karaf(sb, onos, 'apps -as')).toContain('undefined option \x1b[1m-as\x1b[22m');
    expect(karaf(sb, onos, 'hosts extra')).toBe('\x1b[31mError executing command onos:\x1b[1mhosts\x1b[22m\x1b[39m: too many arguments specified\n');
    expect(karaf(sb, onos, 'onos:summary')).toContain('nodes=1, devices=3');
  });

  it('flows with a device id where the state goes: Java enum error', () => {
    const { sb, onos } = setup();
    expect(karaf(sb, onos, 'flows of:0000000000000001')).toBe(
      '\x1b[31mError executing command: \x1b[0m\x1b[31;1mNo enum constant org.onosproject.net.flow.FlowEntry.FlowEntryState.OF:0000000000000001\x1b[0m\n',
    );
  });

  it('--help in Karaf layout', () => {
    const { sb, onos } = setup();
    const B = '\x1b[1m';
    const N = '\x1b[22m';
    expect(karaf(sb, onos, 'hosts --help')).toBe(
      `${B}DESCRIPTION${N}\n        onos:${B}hosts${N}\n\n\tLists the end stations ONOS has discovered\n\n` +
        `${B}SYNTAX${N}\n        onos:hosts [options]\n\n` +
        `${B}OPTIONS${N}\n        ${B}-s, --short${N}\n                Fewer fields per host\n        ${B}-j, --json${N}\n                Output JSON\n` +
        `        ${B}--help${N}\n                Display this help message\n\n`,
    );
    expect(karaf(sb, onos, 'paths --help')).toContain(`${B}SYNTAX${N}\n        onos:paths [options] src dst \n`);
  });

  it('devices, ports', () => {
    const { sb, onos } = setup();
    expect(karaf(sb, onos, 'devices').split('\n')[0]).toBe(
      'id=of:0000000000000001, available=true, local-status=connected 1m30s ago, role=MASTER, type=SWITCH, mfr=Nicira, Inc., hw=Open vSwitch, sw=2.17.9, serial=None, chassis=1, driver=ovs, channelId=127.0.0.1:46951, datapathDescription=s1, managementAddress=127.0.0.1, protocol=OF_13',
    );
    expect(karaf(sb, onos, 'devices -s').split('\n')[0]).toBe('id=of:0000000000000001, available=true, role=MASTER, type=SWITCH, driver=ovs');
    const ports = karaf(sb, onos, 'ports of:0000000000000001').split('\n');
    expect(ports[1]).toBe('  port=LOCAL, state=disabled, type=copper, speed=0 , adminState=disabled, portMac=96:3d:6a:68:a1:41, portName=s1');
    expect(ports[2]).toBe('  port=1, state=enabled, type=copper, speed=10000 , adminState=enabled, portMac=ea:89:9d:88:a1:01, portName=s1-eth1');
    expect(karaf(sb, onos, 'ports -e of:0000000000000001')).not.toContain('LOCAL');
    expect(karaf(sb, onos, 'ports of:00000000000000ff')).toBe('No such device of:00000000000000ff\n');
  });

  it('paths, topology, nodes, masters', () => {
    const { sb, onos } = setup();
    expect(karaf(sb, onos, 'paths of:0000000000000002 of:0000000000000003')).toBe(
      'of:0000000000000002/3-of:0000000000000001/1==>of:0000000000000001/2-of:0000000000000003/3; cost=2.0\n',
    );
    expect(karaf(sb, onos, 'paths of:0000000000000002 of:9')).toBe('Unknown device of:9\n');
    expect(karaf(sb, onos, 'topology')).toBe('created=2026-01-12 09:02:57, uptime=0 days, 0 hrs, 2 mins, 3 secs, devices=3, links=4, clusters=1\n');
    expect(karaf(sb, onos, 'nodes')).toBe('id=127.0.0.1, address=127.0.0.1:9876, state=READY, version=2.7.0, updated=3m20s ago *\n');
    expect(karaf(sb, onos, 'masters')).toBe('127.0.0.1: 3 devices\n  of:0000000000000001\n  of:0000000000000002\n  of:0000000000000003\n');
  });

  it('intents: add-host-intent, the block, remove-intent (withdraw, then purge)', () => {
    const { sb, onos } = setup();
    expect(karaf(sb, onos, 'add-host-intent 00:00:00:00:00:01/None 00:00:00:00:00:03/None')).toBe(
      'Host to Host intent submitted:\nHostToHostIntent{id=0x0, key=0x0, appId=DefaultApplicationId{id=2, name=org.onosproject.cli}, priority=100, resources=[00:00:00:00:00:01/None, 00:00:00:00:00:03/None], selector=DefaultTrafficSelector{criteria=[]}, treatment=DefaultTrafficTreatment{immediate=[NOACTION], deferred=[], transition=None, meter=[], cleared=false, StatTrigger=null, metadata=null}, constraints=[LinkTypeConstraint{inclusive=false, types=[OPTICAL]}], resourceGroup=null, one=00:00:00:00:00:01/None, two=00:00:00:00:00:03/None}\n',
    );
    const b = (s: string): string => `\x1b[1m${s}:\x1b[0m`;
    expect(karaf(sb, onos, 'intents')).toBe(
      `${b('Id')} 0x0\n${b('State')} INSTALLED\n${b('Key')} 0x0\n${b('Intent type')} HostToHostIntent\n${b('Application Id')} org.onosproject.cli\n` +
        `${b('Leader Id')} 127.0.0.1\n${b('Resources')} [00:00:00:00:00:01/None, 00:00:00:00:00:03/None]\n${b('Treatment')} [NOACTION]\n` +
        `${b('Constraints')} [LinkTypeConstraint{inclusive=false, types=[OPTICAL]}]\n${b('Source host')} 00:00:00:00:00:01/None\n` +
        `${b('Destination host')} 00:00:00:00:00:03/None\n\n`,
    );
    expect(karaf(sb, onos, 'summary')).toContain('intents=1');
    expect(karaf(sb, onos, 'remove-intent org.onosproject.cli 0x0')).toBe('');
    expect(karaf(sb, onos, 'intents')).toContain('WITHDRAWN');
    expect(karaf(sb, onos, 'remove-intent nosuch.app 0x0')).toBe('Cannot find application Id nosuch.app\n');
    expect(karaf(sb, onos, 'remove-intent -p org.onosproject.cli 0x0')).toBe(
      'Using "sync" to remove/purge intents - this may take a while...\nCheck "summary" to see remove/purge progress.\n',
    );
    expect(karaf(sb, onos, 'intents')).toBe('');
    expect(karaf(sb, onos, 'add-host-intent h1 h3')).toBe(
      '\x1b[31mError executing command: \x1b[0m\x1b[31;1mHost ID must be at least 19 characters\x1b[0m\n',
    );
  });

  it('pipes: grep, highlighted only on a terminal', () => {
    const { sb, onos } = setup();
    expect(karaf(sb, onos, 'apps -s | grep fwd')).toBe('* 166 org.onosproject.fwd                  2.7.0    Reactive Forwarding\n');
    expect(karaf(sb, onos, 'apps -s | grep fwd', true)).toBe(
      '* 166 org.onosproject.\x1b[31;1mfwd\x1b[0m                  2.7.0    Reactive Forwarding\n',
    );
    expect(karaf(sb, onos, "apps -s | grep '\\*' | grep -c o")).toBe('8\n');
    expect(karaf(sb, onos, 'hosts | grep -v 00:01 | grep -c .')).toBe('1\n');
    expect(karaf(sb, onos, 'nosuch | grep x')).toContain('Command not found');
    expect(karaf(sb, onos, 'summary ; apps -s -a | grep gui')).toContain('ONOS GUI2');
  });

  it('wipe-out, cfg, feature:install, help', () => {
    const { sb, onos } = setup();
    expect(karaf(sb, onos, 'wipe-out')).toBe("I'm afraid I can't do that!\nSay: please\n");
    expect(karaf(sb, onos, 'cfg get org.onosproject.fwd.ReactiveForwarding flowTimeout')).toBe(
      '    name=flowTimeout, type=integer, value=10, defaultValue=10, description=Idle timeout of the flows fwd installs, in seconds\n',
    );
    expect(karaf(sb, onos, 'cfg set org.onosproject.fwd.ReactiveForwarding flowTimeout 30')).toBe('');
    expect(karaf(sb, onos, 'cfg -s get org.onosproject.fwd.ReactiveForwarding flowTimeout')).toBe('    flowTimeout=30\n');
    expect(karaf(sb, onos, 'feature:install onos-apps-nothing')).toBe(
      '\x1b[31mError executing command: \x1b[0m\x1b[31;1mNo matching features for onos-apps-nothing/0.0.0\x1b[0m\n',
    );
    expect(karaf(sb, onos, 'feature:install onos-apps-proxyarp')).toBe('');
    expect(onos.features).toEqual(['onos-apps-proxyarp']);
    expect(karaf(sb, onos, 'feature:list -i | grep proxyarp')).toContain('Started');
    const help = karaf(sb, onos, 'help onos');
    expect(help).toContain('\x1b[1monos:add-host-intent\x1b[22m Asks for connectivity');
    expect(help).not.toContain('feature:');
    expect(karaf(sb, onos, 'wipe-out please')).toBe('Wiping intents\nWiping Flows\nWiping groups\nWiping meters\nWiping hosts\nWiping devices\nWiping links\n');
    expect(karaf(sb, onos, 'summary')).toContain('devices=0');
  });

  it('-j: the codec shapes of §7', () => {
    const { sb, onos } = setup();
    const dev = JSON.parse(karaf(sb, onos, 'devices -j')) as unknown[];
    expect(JSON.stringify(dev[0])).toBe(
      '{"id":"of:0000000000000001","type":"SWITCH","available":true,"role":"MASTER","mfr":"Nicira, Inc.","hw":"Open vSwitch","sw":"2.17.9","serial":"None","driver":"ovs","chassisId":"1","lastUpdate":"1768208610000","humanReadableLastUpdate":"connected 1m30s ago","annotations":{"channelId":"127.0.0.1:46951","datapathDescription":"s1","managementAddress":"127.0.0.1","protocol":"OF_13"}}',
    );
    expect(karaf(sb, onos, 'links -j')).toContain('{"src":{"port":"1","device":"of:0000000000000001"},"dst":{"port":"3","device":"of:0000000000000002"},"type":"DIRECT","state":"ACTIVE"}');
    expect(karaf(sb, onos, 'hosts -j')).toContain(
      '{"id":"00:00:00:00:00:01/None","mac":"00:00:00:00:00:01","vlan":"None","innerVlan":"None","outerTpid":"0x0000","configured":false,"suspended":false,"ipAddresses":["10.0.0.1"],"locations":[{"elementId":"of:0000000000000002","port":"1"}]}',
    );
    const flows = karaf(sb, onos, 'flows -j any of:0000000000000001');
    expect(flows).toContain('{"groupId":0,"state":"ADDED","life":95,"liveType":"UNKNOWN"');
    expect(flows).toContain('"id":"281477029321583","appId":"org.onosproject.core","priority":40000,"timeout":0,"isPermanent":true,"deviceId":"of:0000000000000001","tableId":0,"tableName":"0","treatment":{"instructions":[{"type":"OUTPUT","port":"CONTROLLER"}],"clearDeferred":true,"deferred":[]},"selector":{"criteria":[{"type":"ETH_TYPE","ethType":"0x8942"}]}}');
    expect(flows).toContain('"criteria":[{"type":"IN_PORT","port":1},{"type":"ETH_DST","mac":"00:00:00:00:00:03"},{"type":"ETH_SRC","mac":"00:00:00:00:00:01"}]');
    expect(karaf(sb, onos, 'apps -j -a')).toContain('{"name":"org.onosproject.fwd","id":166,"version":"2.7.0","category":"Traffic Engineering"');
    expect(karaf(sb, onos, 'summary -j')).toBe(
      '{"node":"127.0.0.1","version":"2.7.0","clusterId":"default","nodes":1,"devices":3,"links":4,"hosts":2,"SCC(s)":1,"flows":18,"intents":0}\n',
    );
    expect(karaf(sb, onos, 'ports -j')).toContain('not supported in this sandbox');
  });
});

describe('completion', () => {
  it('commands, options, device ids, app names, host ids', () => {
    const { onos } = setup();
    expect(completeKaraf('fl', onos).candidates).toEqual(['flows']);
    expect(completeKaraf('onos:su', onos).candidates).toEqual(['onos:summary']);
    expect(completeKaraf('apps -', onos).candidates).toEqual(['--active', '--help', '--json', '--name', '--regapps', '--short', '-a', '-j', '-n', '-r', '-s']);
    expect(completeKaraf('ports of:', onos).candidates).toEqual(['of:0000000000000001', 'of:0000000000000002', 'of:0000000000000003']);
    expect(completeKaraf('app ', onos).candidates).toEqual(['install', 'activate', 'deactivate', 'uninstall', 'download']);
    expect(completeKaraf('app activate org.onosproject.p', onos).candidates).toEqual(['org.onosproject.proxyarp']);
    expect(completeKaraf('app deactivate org.onosproject.f', onos).candidates).toEqual(['org.onosproject.fwd']);
    expect(completeKaraf('add-host-intent 00:00:00:00:00:01/None 00', onos).candidates).toEqual(['00:00:00:00:00:01/None', '00:00:00:00:00:03/None']);
    expect(completeKaraf('flows -s ', onos).candidates).toContain('added');
    expect(completeKaraf('flows -s added ', onos).candidates).toContain('of:0000000000000002');
    const c = completeKaraf('apps -s | gr', onos);
    expect(c).toEqual({ from: 10, candidates: ['grep'] });
  });
});

describe('robustness', () => {
  it('random lines in a Karaf session never break it', () => {
    const { sb } = setup();
    const s = sb.openSession();
    let out = '';
    s.onOutput((t) => (out += t));
    s.submit('onos');
    sb.settle(s);
    const words = [
      'apps', 'app', 'activate', 'fwd', 'devices', 'ports', 'flows', 'hosts', 'links', 'paths', 'summary', 'intents', 'add-host-intent',
      'remove-intent', 'cfg', 'get', 'set', 'wipe-out', 'please', 'help', 'grep', 'feature:list', 'feature:install', 'onos:', '-s', '-a',
      '-j', '--help', '-f', '-n', '-c', '|', ';', "'", '"', '\\', '*', '0x0', 'of:0000000000000001', '00:00:00:00:00:01/None', 'x=1', '--',
      'echo', 'clear', 'exit', 'nodes', 'masters', 'topology', 'any', 'added', 'shutdown', 'logout',
    ];
    let x = 12345;
    const rnd = (n: number): number => {
      x = (x * 1103515245 + 12345) >>> 0;
      return x % n;
    };
    for (let i = 0; i < 400; i++) {
      const line = Array.from({ length: 1 + rnd(6) }, () => words[rnd(words.length)]!).join(rnd(3) ? ' ' : '');
      if (s.mode.id !== 'onos') {
        s.submit('onos');
        sb.settle(s);
      }
      s.submit(line);
      sb.settle(s);
      if (s.readingInput) {
        s.submit('no');
        sb.settle(s);
      }
      expect(out).not.toContain('internal error');
    }
    expect(s.closed).toBe(false);
  });

  it('Ctrl-C at the prompt, Tab at an empty prompt', () => {
    const { sb, onos } = setup();
    const s = sb.openSession();
    let out = '';
    s.onOutput((t) => (out += t));
    s.submit('onos');
    sb.settle(s);
    out = '';
    s.interrupt();
    expect(out).toBe('^C\n');
    expect(s.mode.id).toBe('onos');
    const all = s.complete('').candidates;
    expect(all).toContain('apps');
    expect(all).toContain('onos:flows');
    expect(all).toContain('feature:list');
    expect(completeKaraf('help onos:fl', onos).candidates).toEqual(['onos:flows']);
  });
});
