/**
 * The Topology view: ONOS's devices, links and hosts as a picture (layout.ts), with the same
 * facts in words beside it for anyone who cannot see it.
 */
import React, { useId, useMemo, type ReactNode } from 'react';
import clsx from 'clsx';
import type { OnosSnapshot } from '@site/sandbox/worker/api';
import { describeTopology, layoutTopology } from './layout';
import styles from './styles.module.css';

const DEVICE_W = 40;
const DEVICE_H = 28;
const HOST_R = 11;

export default function Topology({ snap }: { snap: OnosSnapshot }): ReactNode {
  const id = useId();
  const layout = useMemo(() => layoutTopology(snap.devices, snap.links, snap.hosts), [snap.devices, snap.links, snap.hosts]);
  const words = useMemo(() => describeTopology(snap.devices, snap.links, snap.hosts), [snap.devices, snap.links, snap.hosts]);
  const openflow = snap.apps.find((a) => a.name === 'org.onosproject.openflow');

  if (layout.mode === 'empty') {
    return (
      <div className={styles.empty}>
        <p>ONOS knows no devices yet.</p>
        {openflow && !openflow.active ? (
          <p>
            Switches cannot connect while the OpenFlow provider is off: activate <code>org.onosproject.openflow</code> (Applications, or{' '}
            <code>app activate org.onosproject.openflow</code> in the ONOS CLI).
          </p>
        ) : null}
        <p>
          Start a network that uses ONOS as its controller, for example{' '}
          <code>mn --topo tree,2 --controller remote,ip=127.0.0.1 --switch ovsk,protocols=OpenFlow13</code>.
        </p>
      </div>
    );
  }

  return (
    <div>
      <div className={styles.topoFrame}>
        <svg
          className={styles.topo}
          width={layout.width}
          height={layout.height}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          role="img"
          aria-labelledby={`${id}-title`}
          aria-describedby={`${id}-words`}
        >
          <title id={`${id}-title`}>{`ONOS topology: ${words[0]}`}</title>
          {layout.edges.map((e) => (
            <line
              key={`${e.kind} ${e.a} ${e.b}`}
              className={clsx(e.kind === 'link' ? styles.linkLine : styles.hostLine, !e.active && styles.inactive)}
              x1={e.x1}
              y1={e.y1}
              x2={e.x2}
              y2={e.y2}
            />
          ))}
          {layout.nodes.map((n) =>
            n.kind === 'device' ? (
              <g key={n.id} className={clsx(styles.device, !n.available && styles.unavailable)} data-node={n.id}>
                <rect x={n.x - DEVICE_W / 2} y={n.y - DEVICE_H / 2} width={DEVICE_W} height={DEVICE_H} rx={5} />
                <path d={`M ${n.x - 11} ${n.y - 4} h 22 m -5 -4 l 5 4 l -5 4 M ${n.x + 11} ${n.y + 5} h -22 m 5 -4 l -5 4 l 5 4`} className={styles.deviceGlyph} />
                <text x={n.x} y={n.y + DEVICE_H / 2 + 14} textAnchor="middle" className={styles.label}>
                  {n.label}
                </text>
              </g>
            ) : (
              <g key={n.id} className={styles.host} data-node={n.id}>
                <circle cx={n.x} cy={n.y} r={HOST_R} />
                <text x={n.x} y={n.y + HOST_R + 14} textAnchor="middle" className={styles.label}>
                  {n.label}
                </text>
              </g>
            ),
          )}
        </svg>
      </div>
      <p className={styles.legend}>
        Boxes are devices (switches), circles are hosts; a dashed line is a link that is not up in both directions, a faded box a device
        that is not connected.
      </p>
      <div id={`${id}-words`} className={styles.words}>
        <h3 className={styles.wordsTitle}>The topology in words</h3>
        <ul>
          {words.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}
