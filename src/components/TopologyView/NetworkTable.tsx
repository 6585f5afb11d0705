/**
 * The drawing in words: every node (kind, tier, addresses, state) and every link (its two ends
 * and their interfaces, state, rate and delay), as two tables. The view's text alternative.
 */
import React, { type ReactNode } from 'react';
import type { NetworkLinkView, NetworkSnapshot } from '@site/sandbox/worker/api';
import styles from './styles.module.css';

function linkState(l: NetworkLinkView): string {
  if (l.up) return 'up';
  const ends = [l.a, l.b].filter((e) => !e.up).map((e) => e.intf);
  return ends.length > 0 ? `down (${ends.join(' and ')} down)` : 'down';
}

export default function NetworkTable({ snapshot, onOpen }: { snapshot: NetworkSnapshot; onOpen?: (node: string) => void }): ReactNode {
  return (
    <div className={styles.tables}>
      <table className={styles.table}>
        <caption>Nodes ({snapshot.nodes.length})</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Tier</th>
            <th scope="col">Addresses</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {snapshot.nodes.map((n) => (
            <tr key={n.id} data-table-node={n.id}>
              <th scope="row">
                {n.terminal && onOpen ? (
                  <button type="button" className={styles.linkButton} onClick={() => onOpen(n.id)} title={`Open a terminal on ${n.name}`}>
                    {n.name}
                  </button>
                ) : (
                  n.name
                )}
              </th>
              <td>{n.kind === 'machine' ? 'lab machine' : n.kind}</td>
              <td>{n.tier ?? ''}</td>
              <td>{n.addresses.join(', ')}</td>
              <td>{n.up ? 'up' : 'down'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className={styles.table}>
        <caption>Links ({snapshot.links.length})</caption>
        <thead>
          <tr>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">State</th>
            <th scope="col">Rate and delay</th>
          </tr>
        </thead>
        <tbody>
          {snapshot.links.map((l) => (
            <tr key={l.id} data-table-link={l.id}>
              <td>
                {l.a.node} ({l.a.intf})
              </td>
              <td>
                {l.b.node} ({l.b.intf})
              </td>
              <td>{linkState(l)}</td>
              <td>{[l.bw !== undefined ? `${l.bw} Mbit/s` : '', l.delay ?? ''].filter(Boolean).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
