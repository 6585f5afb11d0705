/**
 * The live network view of one sandbox: the time controls, the drawing (or, at a click, the same
 * network as tables), a legend, and a line that tells the latest frames (an aria-live region,
 * at most a line a second). Used by the Sandbox's Network tab and by the <TopologyView> lesson tag.
 */
import React, { useCallback, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import clsx from 'clsx';
import type { NetworkSnapshot } from '@site/sandbox/worker/api';
import type { NetworkFeed } from './feed';
import { layoutNetwork, structureKey, withState } from './layout';
import TopologyCanvas from './TopologyCanvas';
import NetworkTable from './NetworkTable';
import SimControls from './SimControls';
import ProtocolMark from './ProtocolMark';
import { Announcer } from './announcer';
import { PROTOCOLS, PROTOCOL_STYLE } from './protocols';
import styles from './styles.module.css';

const noSubscribe = () => () => {};

/** "4 hosts, 3 switches and a controller; 6 links, all up". */
export function summarize(snap: Pick<NetworkSnapshot, 'nodes' | 'links'>): string {
  const count = new Map<string, number>();
  for (const n of snap.nodes) {
    const k = n.kind === 'machine' ? 'lab machine' : n.kind === 'switch' && n.tier ? `${n.tier} switch` : n.kind;
    count.set(k, (count.get(k) ?? 0) + 1);
  }
  const plural = (k: string, n: number) => (n === 1 ? `1 ${k}` : `${n} ${k.endsWith('h') ? `${k}es` : `${k}s`}`);
  const parts = [...count].map(([k, n]) => plural(k, n));
  const down = snap.links.filter((l) => !l.up).length;
  const links = `${snap.links.length} link${snap.links.length === 1 ? '' : 's'}${snap.links.length === 0 ? '' : down === 0 ? ', all up' : `, ${down} down`}`;
  return `${parts.join(', ')}; ${links}`;
}

function useReducedMotion(): boolean {
  const [reduced, setReduced] = useState(() => typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches);
  useEffect(() => {
    const mq = window.matchMedia?.('(prefers-reduced-motion: reduce)');
    if (!mq) return;
    const on = () => setReduced(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return reduced;
}

export interface TopologyLiveProps {
  readonly feed: NetworkFeed;
  /** Height of the drawing in pixels. */
  readonly height?: number;
  /** On screen (a hidden tab stops polling and animating). */
  readonly visible?: boolean;
  /** Shown above the drawing (the lesson tag's caption). */
  readonly caption?: ReactNode;
  /** After a click on a node opened a terminal (the Network tab gives way to it). */
  readonly onTerminalOpened?: (node: string) => void;
  /** Show the time controls (the Network tab shares them with the inspector beside it). */
  readonly controls?: boolean;
}

export default function TopologyLive({ feed, height = 360, visible = true, caption, onTerminalOpened, controls = true }: TopologyLiveProps): ReactNode {
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  // Hidden (a tab not shown), the view does not redraw for every change.
  const st = useSyncExternalStore(visible ? feed.subscribe : noSubscribe, feed.getState, feed.getState);
  const [asTable, setAsTable] = useState(false);
  const [spoken, setSpoken] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const reducedMotion = useReducedMotion();
  const snap = st.snapshot;

  // Poll and receive frames while on screen.
  useEffect(() => {
    if (!visible) return;
    feed.setVisible(true);
    const release = feed.watch();
    return () => {
      feed.setVisible(false);
      release();
    };
  }, [feed, visible]);

  // The spoken line: at most one a second.
  const announcer = useRef<Announcer | null>(null);
  useEffect(() => {
    if (!visible) return;
    const a = new Announcer(setSpoken);
    announcer.current = a;
    const off = feed.onFrames((e) => a.push(e.packets));
    return () => {
      off();
      a.dispose();
      announcer.current = null;
    };
  }, [feed, visible]);

  const key = snap ? structureKey(snap) : '';
  // Geometry only when the structure changes; state (links up or down) is laid over it.
  const geometry = useMemo(() => (snap && snap.nodes.length > 0 ? layoutNetwork(snap.nodes, snap.links) : undefined), [key]);
  const layout = useMemo(() => (geometry && snap ? withState(geometry, snap) : undefined), [geometry, snap]);

  const onOpened = useCallback(
    (node: string, why: string | undefined) => {
      setProblem(why ? `No terminal on ${node}: ${why}.` : undefined);
      if (!why) onTerminalOpened?.(node);
    },
    [onTerminalOpened],
  );
  const openFromTable = useCallback((node: string) => void feed.openTerminal(node).then((why) => onOpened(node, why)), [feed, onOpened]);

  const summary = snap ? summarize(snap) : '';
  return (
    <section className={styles.live} aria-label="Network view" data-topology-view="">
      {caption && <div className={styles.caption}>{caption}</div>}
      <div className={styles.topBar}>
        {controls && <SimControls feed={feed} idPrefix={uid} />}
        <div className={styles.viewSwitch} role="group" aria-label="Show the network as">
          <button type="button" className={clsx('button button--sm', !asTable ? 'button--primary' : 'button--secondary')} aria-pressed={!asTable} onClick={() => setAsTable(false)}>
            Drawing
          </button>
          <button type="button" className={clsx('button button--sm', asTable ? 'button--primary' : 'button--secondary')} aria-pressed={asTable} onClick={() => setAsTable(true)}>
            Table
          </button>
        </div>
      </div>
      {!layout || !snap ? (
        <div className={styles.empty} style={{ minHeight: Math.min(height, 200) }}>
          <p>No network yet.</p>
          <p>
            Start one in the terminal, for example <code>mn --topo tree,2</code>, or run a Docker container; it is drawn here as it comes up, and
            every frame it sends crosses the drawing.
          </p>
        </div>
      ) : asTable ? (
        <NetworkTable snapshot={snap} onOpen={openFromTable} />
      ) : (
        <>
          <TopologyCanvas layout={layout} feed={feed} height={height} reducedMotion={reducedMotion} label={`Network drawing: ${summary}. Arrow keys move between nodes; Enter opens a terminal on one.`} onOpened={onOpened} active={visible} />
          <Legend />
        </>
      )}
      {problem && (
        <p className={styles.problem} role="alert">
          {problem}
        </p>
      )}
      <p className={styles.spoken}>
        <span className={styles.spokenLabel}>Latest frame:</span>{' '}
        <span aria-live="polite" aria-atomic="true" data-frame-feed="">
          {spoken || (snap && snap.nodes.length > 0 ? 'none yet' : '')}
        </span>
      </p>
      {snap && snap.nodes.length > 0 && <p className="sr-only">{summary}.</p>}
    </section>
  );
}

function Legend(): ReactNode {
  return (
    <div className={styles.legend} aria-label="Legend" role="group">
      <span className={styles.legendItem}>
        <svg width="26" height="12" aria-hidden="true" focusable="false">
          <line x1="1" y1="6" x2="25" y2="6" className={clsx(styles.link, styles.linkDown)} />
        </svg>
        link down (dashed, ✕)
      </span>
      {PROTOCOLS.map((p) => (
        <span key={p} className={styles.legendItem}>
          <ProtocolMark protocol={p} /> {PROTOCOL_STYLE[p].label}
        </span>
      ))}
      <span className={styles.legendHint}>Click a node for a terminal on it. Drag to pan, Ctrl+wheel to zoom.</span>
    </div>
  );
}
