/**
 * The GUI's table views: devices, links, hosts, the flows of one device, and applications with
 * their Activate/Deactivate buttons. Real tables with captions and header cells.
 */
import React, { useId, useMemo, useState, type ReactNode } from 'react';
import clsx from 'clsx';
import type { OnosSnapshot } from '@site/sandbox/worker/api';
import { deviceLabel, deviceOf } from './layout';
import styles from './styles.module.css';

type Snap = OnosSnapshot;

function yesNo(b: boolean): string {
  return b ? 'yes' : 'no';
}

/** A device id with its friendly name, when it has one: "of:0000000000000001 (s1)". */
function useNames(snap: Snap): (point: string) => string {
  return useMemo(() => {
    const names = new Map(snap.devices.map((d) => [d.id, deviceLabel(d)]));
    return (point: string) => {
      const name = names.get(deviceOf(point));
      return name && !name.startsWith('of:') ? `${point} (${name})` : point;
    };
  }, [snap.devices]);
}

export function DevicesTable({ snap, onFlows }: { snap: Snap; onFlows(deviceId: string): void }): ReactNode {
  if (snap.devices.length === 0) return <p className={styles.empty}>No devices. Switches appear here when they connect to ONOS.</p>;
  const flowCount = (id: string) => snap.flows.filter((f) => f.deviceId === id).length;
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table}>
        <caption>Devices ({snap.devices.length})</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Device ID</th>
            <th scope="col">Available</th>
            <th scope="col">Role</th>
            <th scope="col">Ports</th>
            <th scope="col">Vendor</th>
            <th scope="col">H/W version</th>
            <th scope="col">S/W version</th>
            <th scope="col">Protocol</th>
            <th scope="col">Flows</th>
          </tr>
        </thead>
        <tbody>
          {snap.devices.map((d) => (
            <tr key={d.id} className={clsx(!d.available && styles.rowOff)}>
              <th scope="row">{deviceLabel(d)}</th>
              <td className={styles.mono}>{d.id}</td>
              <td>{yesNo(d.available)}</td>
              <td>{d.role}</td>
              <td>{d.ports}</td>
              <td>{d.mfr}</td>
              <td>{d.hw}</td>
              <td>{d.sw}</td>
              <td>{d.protocol}</td>
              <td>
                <button type="button" className={clsx('button button--sm button--secondary', styles.cellButton)} onClick={() => onFlows(d.id)}>
                  Flows of {deviceLabel(d)} ({flowCount(d.id)})
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function LinksTable({ snap }: { snap: Snap }): ReactNode {
  const named = useNames(snap);
  if (snap.links.length === 0) return <p className={styles.empty}>No links. ONOS finds links between switches with LLDP once they are connected.</p>;
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table}>
        <caption>Links ({snap.links.length}: ONOS lists each cable once per direction)</caption>
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col">Destination</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {snap.links.map((l) => (
            <tr key={`${l.src} ${l.dst}`} className={clsx(l.state !== 'ACTIVE' && styles.rowOff)}>
              <th scope="row" className={styles.mono}>
                {named(l.src)}
              </th>
              <td className={styles.mono}>{named(l.dst)}</td>
              <td>{l.state}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function HostsTable({ snap }: { snap: Snap }): ReactNode {
  const named = useNames(snap);
  if (snap.hosts.length === 0) return <p className={styles.empty}>No hosts. ONOS learns a host when a packet from it reaches the controller (an ARP, a ping).</p>;
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table}>
        <caption>Hosts ({snap.hosts.length})</caption>
        <thead>
          <tr>
            <th scope="col">Host ID</th>
            <th scope="col">MAC address</th>
            <th scope="col">IP addresses</th>
            <th scope="col">Location</th>
          </tr>
        </thead>
        <tbody>
          {snap.hosts.map((h) => (
            <tr key={h.id}>
              <th scope="row" className={styles.mono}>
                {h.id}
              </th>
              <td className={styles.mono}>{h.mac}</td>
              <td className={styles.mono}>{h.ips.length > 0 ? h.ips.join(', ') : 'none seen yet'}</td>
              <td className={styles.mono}>{h.location ? named(h.location) : 'unknown'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function FlowsView({ snap, deviceId, onDevice }: { snap: Snap; deviceId: string | undefined; onDevice(id: string): void }): ReactNode {
  const id = useId();
  if (snap.devices.length === 0) return <p className={styles.empty}>No devices, so no flows. Flows are listed per device.</p>;
  const device = snap.devices.find((d) => d.id === deviceId) ?? snap.devices[0]!;
  const flows = snap.flows.filter((f) => f.deviceId === device.id);
  return (
    <div>
      <div className={styles.controls}>
        <label htmlFor={`${id}-device`}>Device</label>
        <select id={`${id}-device`} value={device.id} onChange={(e) => onDevice(e.target.value)}>
          {snap.devices.map((d) => (
            <option key={d.id} value={d.id}>
              {deviceLabel(d)} ({d.id})
            </option>
          ))}
        </select>
      </div>
      {flows.length === 0 ? (
        <p className={styles.empty}>No flows on {deviceLabel(device)}.</p>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table}>
            <caption>
              Flows of {deviceLabel(device)} ({device.id}): {flows.length}
            </caption>
            <thead>
              <tr>
                <th scope="col">Flow ID</th>
                <th scope="col">State</th>
                <th scope="col">Packets</th>
                <th scope="col">Bytes</th>
                <th scope="col">Duration (s)</th>
                <th scope="col">Priority</th>
                <th scope="col">Application</th>
                <th scope="col">Selector</th>
                <th scope="col">Treatment</th>
              </tr>
            </thead>
            <tbody>
              {flows.map((f) => (
                <tr key={f.id}>
                  <th scope="row" className={styles.mono}>
                    {f.id}
                  </th>
                  <td>{f.state}</td>
                  <td className={styles.num}>{f.packets}</td>
                  <td className={styles.num}>{f.bytes}</td>
                  <td className={styles.num}>{f.durationS}</td>
                  <td className={styles.num}>{f.priority}</td>
                  <td className={styles.mono}>{f.appName}</td>
                  <td className={styles.mono}>{f.selector}</td>
                  <td className={styles.mono}>{f.treatment}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export interface AppsViewProps {
  readonly snap: Snap;
  /** The app whose button was pressed and has not been answered yet. */
  readonly pending: string | undefined;
  /** ONOS's answer to the last button, for the live region. */
  readonly message: { readonly ok: boolean; readonly text: string } | undefined;
  onSet(name: string, active: boolean): void;
}

export function AppsView({ snap, pending, message, onSet }: AppsViewProps): ReactNode {
  const id = useId();
  const [filter, setFilter] = useState('');
  const [activeOnly, setActiveOnly] = useState(false);
  const words = filter.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const apps = snap.apps.filter((a) => {
    if (activeOnly && !a.active) return false;
    const hay = `${a.name} ${a.title} ${a.category}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
  const activeCount = snap.apps.filter((a) => a.active).length;
  return (
    <div>
      <div className={styles.controls}>
        <label htmlFor={`${id}-filter`}>Filter</label>
        <input id={`${id}-filter`} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="name, title or category" />
        <label className={styles.check}>
          <input type="checkbox" checked={activeOnly} onChange={(e) => setActiveOnly(e.target.checked)} /> Active only
        </label>
      </div>
      <p className={clsx(styles.message, message && !message.ok && styles.messageError)} role="status">
        {message?.text ?? ''}
      </p>
      {apps.length === 0 ? (
        <p className={styles.empty}>No application matches.</p>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table}>
            <caption>
              Applications ({apps.length} shown of {snap.apps.length}; {activeCount} active)
            </caption>
            <thead>
              <tr>
                <th scope="col">State</th>
                <th scope="col">Title</th>
                <th scope="col">App ID</th>
                <th scope="col">ID</th>
                <th scope="col">Category</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {apps.map((a) => (
                <tr key={a.name} className={clsx(a.active && styles.rowOn)}>
                  <td>{a.active ? 'Active' : 'Installed'}</td>
                  <td>{a.title}</td>
                  <th scope="row" className={styles.mono}>
                    {a.name}
                  </th>
                  <td className={styles.num}>{a.id}</td>
                  <td>{a.category}</td>
                  <td>
                    <button
                      type="button"
                      className={clsx('button button--sm', a.active ? 'button--secondary' : 'button--primary', styles.cellButton)}
                      aria-label={`${a.active ? 'Deactivate' : 'Activate'} ${a.name}`}
                      aria-disabled={pending !== undefined || undefined}
                      onClick={() => {
                        if (pending === undefined) onSet(a.name, !a.active);
                      }}
                    >
                      {a.active ? 'Deactivate' : 'Activate'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
