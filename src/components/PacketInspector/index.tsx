/**
 * The packet inspector (Packet Tracer's event list and PDU details): every frame put on a link,
 * with its virtual time, the link it crossed and tcpdump's line for it; a filter by protocol; and,
 * for the frame selected, its layers decoded field by field (Ethernet, ARP or IPv4, ICMP, UDP or
 * TCP, LLDP...). The list is a listbox: arrow keys move the selection, which shows its layers.
 */
import React, { useEffect, useId, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent, type ReactNode } from 'react';
import clsx from 'clsx';
import type { PacketInfo, PacketLayer, PacketProtocol } from '@site/sandbox/worker/api';
import type { NetworkFeed } from '@site/src/components/TopologyView/feed';
import ProtocolMark from '@site/src/components/TopologyView/ProtocolMark';
import { PROTOCOLS, PROTOCOL_STYLE } from '@site/src/components/TopologyView/protocols';
import { filterPackets, linkText, timeText } from './filter';
import styles from './styles.module.css';

const noSubscribe = () => () => {};

/** Rows drawn at most (the newest); the feed keeps more for the counts. */
export const ROWS_SHOWN = 200;

type Decoded = { readonly id: number; readonly layers: readonly PacketLayer[] | undefined } | undefined;

function LayerTree({ packet, decoded }: { packet: PacketInfo; decoded: Decoded }): ReactNode {
  if (!decoded || decoded.id !== packet.id) return <p className={styles.note}>Decoding…</p>;
  if (!decoded.layers) return <p className={styles.note}>This frame is no longer kept (the sandbox keeps the last 5000): choose a newer one.</p>;
  return (
    <div className={styles.layers} data-layers="">
      {decoded.layers.map((l, i) => (
        <details key={`${i}-${l.name}`} open className={styles.layer} data-layer={l.name}>
          <summary className={styles.layerName}>{l.name}</summary>
          <table className={styles.fields}>
            <tbody>
              {l.fields.map((f, j) => (
                <tr key={`${j}-${f.name}`}>
                  <th scope="row">{f.name}</th>
                  <td>{f.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ))}
    </div>
  );
}

export default function PacketInspector({ feed, visible = true }: { feed: NetworkFeed; visible?: boolean }): ReactNode {
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  // Hidden (a tab not shown), the list does not redraw for every batch.
  const st = useSyncExternalStore(visible ? feed.subscribe : noSubscribe, feed.getState, feed.getState);
  const [shown, setShown] = useState<ReadonlySet<PacketProtocol>>(() => new Set(PROTOCOLS));
  const [selected, setSelected] = useState<number | undefined>(undefined);
  const [decoded, setDecoded] = useState<Decoded>(undefined);
  const listRef = useRef<HTMLDivElement>(null);
  const stick = useRef(true);

  useEffect(() => {
    if (!visible) return;
    return feed.watch();
  }, [feed, visible]);

  const view = useMemo(() => filterPackets(st.packets, shown, ROWS_SHOWN), [st.packets, shown]);
  const current = view.rows.find((p) => p.id === selected) ?? st.packets.find((p) => p.id === selected);

  // The selected frame's layers, from the worker.
  useEffect(() => {
    if (selected === undefined) return;
    let live = true;
    void feed.decode(selected).then((layers) => {
      if (live) setDecoded({ id: selected, layers });
    });
    return () => {
      live = false;
    };
  }, [feed, selected]);

  // New frames scroll into view while the list is at its end (in the next frame, when the page is
  // laid out anyway: reading scrollHeight now would lay it out twice).
  useEffect(() => {
    if (!stick.current) return;
    const id = requestAnimationFrame(() => {
      const el = listRef.current;
      if (el && stick.current) el.scrollTop = el.scrollHeight;
    });
    return () => cancelAnimationFrame(id);
  }, [view.rows]);

  const select = (id: number | undefined) => {
    setSelected(id);
    if (id === undefined) return;
    requestAnimationFrame(() => document.getElementById(`${uid}-p${id}`)?.scrollIntoView({ block: 'nearest' }));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const rows = view.rows;
    if (rows.length === 0) return;
    const i = rows.findIndex((p) => p.id === selected);
    let next = -1;
    if (e.key === 'ArrowDown') next = i < 0 ? 0 : Math.min(rows.length - 1, i + 1);
    else if (e.key === 'ArrowUp') next = i < 0 ? rows.length - 1 : Math.max(0, i - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = rows.length - 1;
    else if (e.key === 'PageDown') next = i < 0 ? 0 : Math.min(rows.length - 1, i + 10);
    else if (e.key === 'PageUp') next = Math.max(0, i - 10);
    if (next < 0) return;
    e.preventDefault();
    stick.current = next === rows.length - 1;
    select(rows[next]!.id);
  };

  const toggle = (p: PacketProtocol) => {
    setShown((s) => {
      const n = new Set(s);
      if (n.has(p)) n.delete(p);
      else n.add(p);
      return n;
    });
  };

  const counts = useMemo(() => {
    const c = new Map<PacketProtocol, number>();
    for (const p of st.packets) c.set(p.protocol, (c.get(p.protocol) ?? 0) + 1);
    return c;
  }, [st.packets]);

  return (
    <section className={styles.inspector} aria-label="Packet inspector" data-packet-inspector="">
      <div className={styles.head}>
        <h3 className={styles.title}>Frames</h3>
        <fieldset className={styles.filter}>
          <legend className="sr-only">Show these protocols</legend>
          {PROTOCOLS.map((p) => (
            <label key={p} className={styles.check}>
              <input type="checkbox" checked={shown.has(p)} onChange={() => toggle(p)} />
              <ProtocolMark protocol={p} /> {PROTOCOL_STYLE[p].label}
              <span className={styles.count}>{counts.get(p) ?? 0}</span>
            </label>
          ))}
        </fieldset>
        <button
          type="button"
          className="button button--sm button--secondary"
          onClick={() => {
            feed.clear();
            setSelected(undefined);
          }}
        >
          Clear
        </button>
      </div>
      {view.rows.length === 0 ? (
        <div className={styles.list}>
          <p className={styles.note}>
            {st.packets.length === 0 ? 'No frames yet: run a command that sends some (h1 ping -c 1 h2).' : 'No frames of the protocols chosen.'}
          </p>
        </div>
      ) : (
        <div
          ref={listRef}
          className={styles.list}
          role="listbox"
          tabIndex={0}
          aria-label="Frames put on links, oldest first"
          aria-activedescendant={current && view.rows.includes(current) ? `${uid}-p${current.id}` : undefined}
          onKeyDown={onKeyDown}
          onScroll={(e) => {
            const el = e.currentTarget;
            stick.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 4;
          }}
        >
          {view.rows.map((p) => (
            <div
              key={p.id}
              id={`${uid}-p${p.id}`}
              role="option"
              aria-selected={p.id === selected}
              className={clsx(styles.row, p.id === selected && styles.rowSelected)}
              onClick={() => {
                stick.current = false;
                select(p.id);
              }}
              data-packet={p.id}
              data-protocol={p.protocol}
            >
              <span className={styles.time}>{timeText(p.at)}</span>
              <span className={styles.link}>{linkText(p)}</span>
              <span className={styles.proto}>
                <ProtocolMark protocol={p.protocol} /> {PROTOCOL_STYLE[p.protocol].label}
              </span>
              <span className={styles.summary}>{p.summary}</span>
            </div>
          ))}
        </div>
      )}
      <p className={styles.note}>
        {view.hidden > 0 ? `Showing the newest ${view.rows.length} of ${view.matching} frames. ` : ''}
        {st.unlisted > 0 ? `${st.unlisted} more frame${st.unlisted === 1 ? ' was' : 's were'} sent than the list keeps (too many at once).` : ''}
      </p>
      <div className={styles.detail}>
        {current ? (
          <>
            <h4 className={styles.detailTitle}>
              Frame {current.id}: {current.from.node} → {current.to.node} at {timeText(current.at)}, {current.size} bytes
            </h4>
            <LayerTree packet={current} decoded={decoded} />
          </>
        ) : (
          <p className={styles.note}>Select a frame to see its layers.</p>
        )}
      </div>
    </section>
  );
}
