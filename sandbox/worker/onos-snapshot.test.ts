import { describe, expect, it } from 'vitest';
import type { OnosDeviceInfo, OnosFlowInfo, OnosView } from '../src/onos/model';
import { onosSnapshotBody } from './onos-snapshot';
import { ContentRevision } from './content-revision';

const S = 1_000_000;

function device(n: number, extra: Record<string, string> = {}): OnosDeviceInfo {
  return {
    id: `of:000000000000000${n}`,
    available: true,
    statusSince: 5 * S,
    role: 'MASTER',
    mfr: 'Nicira, Inc.',
    hw: 'Open vSwitch',
    sw: '2.17.9',
    serial: 'None',
    chassis: String(n),
    driver: 'ovs',
    annotations: { channelId: '127.0.0.1:46954', datapathDescription: `s${n}`, managementAddress: '127.0.0.1', protocol: 'OF_13', ...extra },
    ports: [
      { port: 'LOCAL', enabled: false, adminEnabled: false, portMac: '96:3d:6a:68:a1:49', portName: `s${n}`, speedMbps: 0 },
      { port: 1, enabled: true, adminEnabled: true, portMac: 'ea:89:9d:88:a5:8a', portName: `s${n}-eth1`, speedMbps: 10000 },
    ],
  };
}

const coreFlow: OnosFlowInfo = {
  id: 0x100007a585b6fn,
  deviceId: 'of:0000000000000001',
  state: 'ADDED',
  bytes: 0,
  packets: 0,
  addedAt: 10 * S,
  priority: 40000,
  tableId: 0,
  appName: 'org.onosproject.core',
  selector: ['ETH_TYPE:bddp'],
  treatment: ['OUTPUT:CONTROLLER'],
  cleared: true,
  permanent: true,
  timeout: 0,
};
const fwdFlow: OnosFlowInfo = {
  ...coreFlow,
  id: 0xa60000c4bb1f0n,
  bytes: 196,
  packets: 2,
  addedAt: 100 * S + 500_000,
  priority: 10,
  appName: 'org.onosproject.fwd',
  selector: ['IN_PORT:1', 'ETH_DST:00:00:00:00:00:03', 'ETH_SRC:00:00:00:00:00:01'],
  treatment: ['OUTPUT:2'],
  cleared: false,
  permanent: false,
  timeout: 10,
};

/** Just enough of a controller: the lists the snapshot reads; the verbs are not called. */
function fakeView(status: OnosView['status']): OnosView {
  const fail = () => {
    throw new Error('not used');
  };
  return {
    status,
    version: '2.7.0',
    startedAt: status === 'running' ? 3 * S : undefined,
    nodeIp: '127.0.0.1',
    apps: () => [
      { id: 3, name: 'org.onosproject.drivers', version: '2.7.0', title: 'Default Drivers', category: 'Drivers', description: '', requires: [], active: true },
      { id: 121, name: 'org.onosproject.fwd', version: '2.7.0', title: 'Reactive Forwarding', category: 'Traffic Engineering', description: '', requires: [], active: false },
    ],
    devices: () => [device(1), device(2, { name: 'Spine-1' })],
    device: () => undefined,
    links: () => [
      { src: { device: 'of:0000000000000001', port: 1 }, dst: { device: 'of:0000000000000002', port: 3 }, type: 'DIRECT', state: 'ACTIVE' },
      { src: { device: 'of:0000000000000002', port: 3 }, dst: { device: 'of:0000000000000001', port: 1 }, type: 'DIRECT', state: 'ACTIVE' },
    ],
    hosts: () => [
      { id: '00:00:00:00:00:01/None', mac: '00:00:00:00:00:01', vlan: 'None', ips: ['10.0.0.1'], locations: [{ device: 'of:0000000000000002', port: 1 }] },
      { id: '00:00:00:00:00:02/None', mac: '00:00:00:00:00:02', vlan: 'None', ips: [], locations: [] },
    ],
    flows: () => [coreFlow, fwdFlow],
    intents: () => [],
    paths: () => [],
    topology: () => ({ devices: 2, links: 2, clusters: 1, changedAt: 0 }),
    resolveApp: fail,
    activate: fail,
    deactivate: fail,
    addHostIntent: fail,
    removeIntent: fail,
  };
}

describe('the ONOS GUI snapshot', () => {
  it('maps a running controller to plain data', () => {
    const s = onosSnapshotBody(fakeView('running'), 105 * S);
    expect(s.status).toBe('running');
    expect(s.version).toBe('2.7.0');
    expect(s.apps).toEqual([
      { id: 3, name: 'org.onosproject.drivers', title: 'Default Drivers', category: 'Drivers', active: true },
      { id: 121, name: 'org.onosproject.fwd', title: 'Reactive Forwarding', category: 'Traffic Engineering', active: false },
    ]);
    expect(s.devices[0]).toEqual({
      id: 'of:0000000000000001', available: true, role: 'MASTER', mfr: 'Nicira, Inc.', hw: 'Open vSwitch', sw: '2.17.9', protocol: 'OF_13', name: 's1', ports: 2,
    });
    expect(s.devices[1]!.name).toBe('Spine-1');
    expect(s.links).toEqual([
      { src: 'of:0000000000000001/1', dst: 'of:0000000000000002/3', state: 'ACTIVE' },
      { src: 'of:0000000000000002/3', dst: 'of:0000000000000001/1', state: 'ACTIVE' },
    ]);
    expect(s.hosts).toEqual([
      { id: '00:00:00:00:00:01/None', mac: '00:00:00:00:00:01', ips: ['10.0.0.1'], location: 'of:0000000000000002/1' },
      { id: '00:00:00:00:00:02/None', mac: '00:00:00:00:00:02', ips: [], location: '' },
    ]);
    expect(s.flows).toEqual([
      {
        deviceId: 'of:0000000000000001', id: '100007a585b6f', state: 'ADDED', priority: 40000, appName: 'org.onosproject.core',
        selector: '[ETH_TYPE:bddp]', treatment: '[immediate=[OUTPUT:CONTROLLER], clearDeferred]', packets: 0, bytes: 0, durationS: 95,
      },
      {
        deviceId: 'of:0000000000000001', id: 'a60000c4bb1f0', state: 'ADDED', priority: 10, appName: 'org.onosproject.fwd',
        selector: '[IN_PORT:1, ETH_DST:00:00:00:00:00:03, ETH_SRC:00:00:00:00:00:01]', treatment: '[immediate=[OUTPUT:2]]', packets: 2, bytes: 196, durationS: 4,
      },
    ]);
    // Structured-cloneable: no bigint, nothing JSON loses.
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it('has empty lists unless ONOS is running, or when there is no controller', () => {
    const empty = { apps: [], devices: [], links: [], hosts: [], flows: [] };
    expect(onosSnapshotBody(undefined, 0)).toEqual({ status: 'stopped', version: '', ...empty });
    expect(onosSnapshotBody(fakeView('starting'), 0)).toEqual({ status: 'starting', version: '2.7.0', ...empty });
    expect(onosSnapshotBody(fakeView('stopped'), 0)).toMatchObject({ status: 'stopped', ...empty });
  });

  it('moves the revision exactly when the content changes', () => {
    const r = new ContentRevision();
    const view = fakeView('running');
    const a = r.of(onosSnapshotBody(view, 105 * S));
    expect(r.of(onosSnapshotBody(view, 105 * S + 300_000))).toBe(a); // same whole seconds
    const b = r.of(onosSnapshotBody(view, 106 * S)); // durations tick
    expect(b).toBeGreaterThan(a);
    const c = r.of(onosSnapshotBody(undefined, 106 * S));
    expect(c).toBeGreaterThan(b);
    expect(r.of(onosSnapshotBody(undefined, 999 * S))).toBe(c);
  });
});
