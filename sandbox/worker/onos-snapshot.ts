/**
 * The ONOS GUI panel's data: the emulated controller's view (sandbox/src/onos/model.ts) mapped to
 * the plain, structured-cloneable OnosSnapshot of the worker contract (api.ts). Pure: the worker
 * gives it the view and the virtual time; a ContentRevision (content-revision.ts) tells the page when anything moved.
 */
import type { OnosConnectPoint, OnosFlowInfo, OnosView } from '../src/onos/model';
import type { OnosSnapshot } from './api';

export type OnosSnapshotBody = Omit<OnosSnapshot, 'revision'>;

const STOPPED: OnosSnapshotBody = { status: 'stopped', version: '', apps: [], devices: [], links: [], hosts: [], flows: [] };

function point(p: OnosConnectPoint): string {
  return `${p.device}/${p.port}`;
}

/** The treatment as `flows -s` prints it (§4.7): `[immediate=[OUTPUT:CONTROLLER], clearDeferred]`. */
function treatmentText(f: OnosFlowInfo): string {
  const parts = [`immediate=[${f.treatment.join(', ')}]`];
  if (f.cleared) parts.push('clearDeferred');
  return `[${parts.join(', ')}]`;
}

/**
 * What the GUI shows now. Only a running ONOS answers on :8181, so every other status (or no
 * controller at all) gives empty lists; the status still says which.
 */
export function onosSnapshotBody(view: OnosView | undefined, now: number): OnosSnapshotBody {
  if (!view) return STOPPED;
  if (view.status !== 'running') return { ...STOPPED, status: view.status, version: view.version };
  const devices = view.devices();
  return {
    status: 'running',
    version: view.version,
    apps: view.apps().map((a) => ({ id: a.id, name: a.name, title: a.title, category: a.category, active: a.active })),
    devices: devices.map((d) => ({
      id: d.id,
      available: d.available,
      role: d.role,
      mfr: d.mfr,
      hw: d.hw,
      sw: d.sw,
      protocol: d.annotations['protocol'] ?? '',
      // The friendly name: a configured name, else what the switch reports (Mininet: s1), else the id.
      name: d.annotations['name'] ?? (d.annotations['datapathDescription'] && d.annotations['datapathDescription'] !== 'None' ? d.annotations['datapathDescription'] : d.id),
      ports: d.ports.length,
    })),
    links: view.links().map((l) => ({ src: point(l.src), dst: point(l.dst), state: l.state })),
    hosts: view.hosts().map((h) => ({ id: h.id, mac: h.mac, ips: [...h.ips], location: h.locations[0] ? point(h.locations[0]) : '' })),
    flows: view.flows().map((f) => ({
      deviceId: f.deviceId,
      id: f.id.toString(16),
      state: f.state,
      priority: f.priority,
      appName: f.appName,
      selector: `[${f.selector.join(', ')}]`,
      treatment: treatmentText(f),
      packets: f.packets,
      bytes: f.bytes,
      durationS: Math.max(0, Math.floor((now - f.addedAt) / 1_000_000)),
    })),
  };
}
