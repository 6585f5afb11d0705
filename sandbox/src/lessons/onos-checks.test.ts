import { describe, expect, it } from 'vitest';
import { labSession } from '../../test/lab-session';
import { parseCheck, type Check } from './checks';
import { evaluate } from './evaluate';

/** ONOS started, openflow active, and a tree,2 network attached to it. */
function onosLab() {
  const lab = labSession();
  const ok = (c: Check): boolean => {
    const p = parseCheck(c);
    if (!p.ok) throw new Error(p.error);
    return evaluate(p.check, lab.sb, { session: lab.session.id }).passed;
  };
  return { ...lab, ok };
}

const MN = 'mn --topo tree,2 --mac --switch ovsk,protocols=OpenFlow13 --controller remote,ip=127.0.0.1';

describe('ONOS lesson checks', () => {
  it('onosRunning and onosApp follow the service and app activation (short names too)', () => {
    const { run, ok } = onosLab();
    expect(ok({ kind: 'onosRunning' })).toBe(false);
    run('sudo service onos start');
    run('sleep 10');
    expect(ok({ kind: 'onosRunning' })).toBe(true);
    expect(ok({ kind: 'onosApp', app: 'gui2' })).toBe(true);
    expect(ok({ kind: 'onosApp', app: 'fwd' })).toBe(false);
    expect(ok({ kind: 'onosApp', app: 'fwd', active: false })).toBe(true);
    run('onos "app activate fwd"');
    expect(ok({ kind: 'onosApp', app: 'fwd' })).toBe(true);
    expect(ok({ kind: 'onosApp', app: 'org.onosproject.fwd' })).toBe(true);
    expect(ok({ kind: 'onosApp', app: 'no-such-app' })).toBe(false);
    // toggled: "switched off after being on", not "never switched on".
    expect(ok({ kind: 'onosApp', app: 'proxyarp', active: false, toggled: true })).toBe(false);
    run('onos "app activate proxyarp"');
    run('onos "app deactivate proxyarp"');
    expect(ok({ kind: 'onosApp', app: 'proxyarp', active: false, toggled: true })).toBe(true);
  });

  it('devices, links, hosts and flows follow what ONOS discovers, not what Mininet built', () => {
    const { run, ok } = onosLab();
    run('sudo service onos start');
    run('sleep 10');
    run(MN); // openflow is not active yet: the switches cannot connect
    run('sh sleep 2');
    expect(ok({ kind: 'onosDevices', count: 3 })).toBe(false);
    run('sh onos "app activate org.onosproject.openflow"');
    run('sh sleep 5');
    expect(ok({ kind: 'onosDevices', count: 3 })).toBe(true);
    expect(ok({ kind: 'onosLinks', count: 4 })).toBe(true);
    expect(ok({ kind: 'onosHost', host: 'h1' })).toBe(false);
    expect(ok({ kind: 'onosFlows', app: 'fwd', min: 1 })).toBe(false);
    // Without fwd the ping fails, but ONOS still learns h1 from its ARP.
    run('h1 ping -c 1 h3');
    expect(ok({ kind: 'onosHost', host: 'h1', ip: '10.0.0.1' })).toBe(true);
    expect(ok({ kind: 'onosFlows', app: 'fwd', min: 1 })).toBe(false);
    run('sh onos "app activate fwd"');
    run('h1 ping -c 2 h3');
    expect(ok({ kind: 'onosFlows', app: 'fwd', device: 's1', count: 2 })).toBe(true);
    expect(ok({ kind: 'onosFlows', app: 'org.onosproject.core', device: 's1', count: 4 })).toBe(true);
  });

  it('onosIntent: a host-to-host intent and its state', () => {
    const { run, ok } = onosLab();
    run('sudo service onos start');
    run('sleep 10');
    run('onos "app activate org.onosproject.openflow"');
    run(MN);
    run('sh sleep 5');
    run('pingall', 60_000_000);
    expect(ok({ kind: 'onosIntent', one: 'h1', two: 'h3' })).toBe(false);
    run('sh onos "add-host-intent 00:00:00:00:00:01/None 00:00:00:00:00:03/None"');
    run('sh sleep 2');
    expect(ok({ kind: 'onosIntent', one: 'h3', two: 'h1' })).toBe(true);
    expect(ok({ kind: 'onosIntent', one: 'h1', two: 'h2' })).toBe(false);
  });

  it('schema errors name the field', () => {
    expect(parseCheck({ kind: 'onosDevices' })).toMatchObject({ ok: false, error: expect.stringMatching(/give count, min or max/) });
    expect(parseCheck({ kind: 'onosHost', host: 'h1', ip: 'x' })).toMatchObject({ ok: false, error: expect.stringMatching(/ip: must be an IPv4 address/) });
    expect(parseCheck({ kind: 'onosIntent', one: 'h1', two: 'h2', state: 'DONE' })).toMatchObject({ ok: false });
  });
});
