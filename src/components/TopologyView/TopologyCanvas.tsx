/**
 * The drawing: links, nodes (one shape per kind), and the frames crossing them (animator.ts), in
 * an SVG that fits the network and can be zoomed and panned (buttons, Ctrl+wheel, drag). Nodes
 * take the keyboard one at a time (a roving tab stop: Tab reaches the drawing once; arrow keys
 * move row by row; Enter or a click opens a terminal on the node).
 */
import React, { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode, type WheelEvent } from 'react';
import clsx from 'clsx';
import type { NetworkNodeView } from '@site/sandbox/worker/api';
import type { NetworkFeed } from './feed';
import type { LaidLink, LaidNode, NetworkLayout } from './layout';
import { pointAlong } from './layout';
import { Animator } from './animator';
import styles from './styles.module.css';

interface ViewBox {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Small networks are not blown up past this: the view is at least this many units across. */
const MIN_VIEW_W = 520;
const MIN_VIEW_H = 240;

function fitBox(layout: NetworkLayout): ViewBox {
  const w = Math.max(layout.width, MIN_VIEW_W);
  const h = Math.max(layout.height, MIN_VIEW_H);
  return { x: (layout.width - w) / 2, y: (layout.height - h) / 2, w, h };
}

export function describeNode(n: NetworkNodeView): string {
  const kind = n.tier ? `${n.tier} switch` : n.kind === 'machine' ? 'lab machine' : n.kind;
  const parts = [`${n.name}, ${kind}`];
  if (n.addresses.length > 0) parts.push(n.addresses.join(', '));
  if (!n.up) parts.push('down');
  return parts.join(', ');
}

function hexagon(w: number, h: number): string {
  const a = w / 2;
  const b = h / 2;
  const c = Math.min(10, a / 3);
  return `${-a},0 ${-a + c},${-b} ${a - c},${-b} ${a},0 ${a - c},${b} ${-a + c},${b}`;
}

const NodeShape = memo(function NodeShape({ n }: { n: LaidNode }): ReactNode {
  const { w, h } = n;
  switch (n.node.kind) {
    case 'router':
      return <ellipse rx={w / 2} ry={h / 2} />;
    case 'controller':
      return <polygon points={hexagon(w, h)} />;
    case 'bridge':
      return <rect x={-w / 2} y={-h / 2} width={w} height={h} rx={h / 2} />;
    case 'container':
      return (
        <>
          <rect x={-w / 2} y={-h / 2} width={w} height={h} rx={2} />
          <rect x={-w / 2 + 2.5} y={-h / 2 + 2.5} width={w - 5} height={h - 5} rx={1} className={styles.inner} />
        </>
      );
    case 'machine':
      return (
        <>
          <rect x={-w / 2} y={-h / 2} width={w} height={h} rx={3} />
          <rect x={-w / 2} y={-h / 2} width={w} height={5} className={styles.machineBar} />
        </>
      );
    case 'switch':
      return <rect x={-w / 2} y={-h / 2} width={w} height={h} rx={5} />;
    case 'host':
      return <rect x={-w / 2} y={-h / 2} width={w} height={h} rx={2} />;
  }
});

interface NodeProps {
  readonly n: LaidNode;
  readonly focused: boolean;
  readonly onOpen: (id: string) => void;
  readonly onKey: (e: KeyboardEvent<SVGGElement>, id: string) => void;
  readonly onFocusNode: (id: string) => void;
  readonly register: (id: string, el: SVGGElement | null) => void;
}

const NodeView = memo(function NodeView({ n, focused, onOpen, onKey, onFocusNode, register }: NodeProps): ReactNode {
  const v = n.node;
  const label = describeNode(v) + (v.terminal ? '. Press Enter to open a terminal on it.' : '.');
  return (
    <g
      ref={(el) => register(n.id, el)}
      className={clsx(styles.node, styles[`kind-${v.kind}`], v.tier && styles[`tier-${v.tier}`], !v.up && styles.nodeDown, v.terminal && styles.clickable)}
      transform={`translate(${n.x} ${n.y})`}
      data-node={n.id}
      role="button"
      aria-label={label}
      aria-disabled={v.terminal ? undefined : true}
      tabIndex={focused ? 0 : -1}
      onClick={() => v.terminal && onOpen(n.id)}
      onKeyDown={(e) => onKey(e, n.id)}
      onFocus={() => onFocusNode(n.id)}
    >
      <title>{describeNode(v)}</title>
      <NodeShape n={n} />
      <text className={styles.nodeLabel} textAnchor="middle" dominantBaseline="central" y={v.kind === 'machine' ? 2 : 0}>
        {v.name}
      </text>
    </g>
  );
});

const LinkView = memo(function LinkView({ l }: { l: LaidLink }): ReactNode {
  const pts = l.points.map((p) => `${p.x},${p.y}`).join(' ');
  const down = !l.link.up;
  const mark = down ? pointAlong(l.points, l.points.length > 2 ? 0.85 : 0.5) : undefined;
  return (
    <g data-link={l.id} data-state={down ? 'down' : 'up'}>
      <polyline points={pts} className={clsx(styles.link, down && styles.linkDown)} />
      {mark && (
        <path
          className={styles.linkDownMark}
          d={`M${mark.x - 4},${mark.y - 4} l8,8 m0,-8 l-8,8`}
          aria-hidden="true"
        />
      )}
    </g>
  );
});

export interface TopologyCanvasProps {
  readonly layout: NetworkLayout;
  readonly feed: NetworkFeed;
  readonly height: number;
  readonly reducedMotion: boolean;
  readonly label: string;
  /** A terminal could not be opened (why), or opened (undefined). */
  readonly onOpened?: (node: string, problem: string | undefined) => void;
  /** On screen: frames are animated only then. */
  readonly active?: boolean;
}

export default function TopologyCanvas({ layout, feed, height, reducedMotion, label, onOpened, active = true }: TopologyCanvasProps): ReactNode {
  const [box, setBox] = useState<ViewBox>(() => fitBox(layout));
  const [focusId, setFocusId] = useState<string | undefined>(layout.order[0]);
  const dotsRef = useRef<SVGGElement>(null);
  const flashRef = useRef<SVGGElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const animatorRef = useRef<Animator | null>(null);
  const nodeEls = useRef(new Map<string, SVGGElement>());

  // A new drawing: fit it, keep the focused node if it is still there.
  const layoutRef = useRef(layout);
  layoutRef.current = layout;
  useEffect(() => {
    const l = layoutRef.current;
    setBox(fitBox(l));
    setFocusId((f) => (f !== undefined && l.nodeById.has(f) ? f : l.order[0]));
  }, [layout.key]);

  // The frames: an animator for this drawing, fed by the feed's frame stream.
  useEffect(() => {
    const layer = dotsRef.current;
    const flash = flashRef.current;
    if (!layer || !flash) return;
    const a = new Animator(layer, flash, { reducedMotion });
    animatorRef.current = a;
    return () => {
      a.dispose();
      animatorRef.current = null;
    };
  }, [reducedMotion]);
  useEffect(() => animatorRef.current?.setLayout(layout), [layout, reducedMotion]);
  useEffect(() => {
    if (!active) return;
    const off = feed.onFrames((e) => animatorRef.current?.add(e));
    return () => {
      off();
      animatorRef.current?.clear();
    };
  }, [feed, active]);

  const register = useCallback((id: string, el: SVGGElement | null) => {
    if (el) nodeEls.current.set(id, el);
    else nodeEls.current.delete(id);
  }, []);

  const open = useCallback(
    (id: string) => {
      void feed.openTerminal(id).then((problem) => onOpened?.(id, problem));
    },
    [feed, onOpened],
  );

  /** Keep a node the keyboard reached inside the view. */
  const reveal = useCallback((id: string) => {
    const n = layout.nodeById.get(id);
    if (!n) return;
    setBox((b) => {
      if (n.x >= b.x && n.x <= b.x + b.w && n.y >= b.y && n.y <= b.y + b.h) return b;
      return { ...b, x: n.x - b.w / 2, y: n.y - b.h / 2 };
    });
  }, [layout]);

  const moveFocus = useCallback(
    (id: string | undefined) => {
      if (id === undefined) return;
      setFocusId(id);
      reveal(id);
      requestAnimationFrame(() => nodeEls.current.get(id)?.focus());
    },
    [reveal],
  );

  const onKey = useCallback(
    (e: KeyboardEvent<SVGGElement>, id: string) => {
      const order = layout.order;
      const i = order.indexOf(id);
      const here = layout.nodeById.get(id)!;
      /** The node of the row above (d=-1) or below (d=1) nearest in x. */
      const vertical = (d: number) => {
        const rows = [...new Set(layout.nodes.map((n) => n.rank))].sort((a, b) => a - b);
        const row = rows[rows.indexOf(here.rank) + d];
        if (row === undefined) return undefined;
        let best: LaidNode | undefined;
        for (const n of layout.nodes) if (n.rank === row && (!best || Math.abs(n.x - here.x) < Math.abs(best.x - here.x))) best = n;
        return best?.id;
      };
      let next: string | undefined;
      switch (e.key) {
        case 'Enter':
        case ' ':
          e.preventDefault();
          if (here.node.terminal) open(id);
          return;
        case 'ArrowRight':
          next = order[Math.min(order.length - 1, i + 1)];
          break;
        case 'ArrowLeft':
          next = order[Math.max(0, i - 1)];
          break;
        case 'ArrowDown':
          next = vertical(1);
          break;
        case 'ArrowUp':
          next = vertical(-1);
          break;
        case 'Home':
          next = order[0];
          break;
        case 'End':
          next = order[order.length - 1];
          break;
        default:
          return;
      }
      e.preventDefault();
      moveFocus(next);
    },
    [layout, open, moveFocus],
  );

  const zoom = useCallback((factor: number, cx?: number, cy?: number) => {
    setBox((b) => {
      const w = Math.min(Math.max(b.w * factor, 80), Math.max(layout.width, MIN_VIEW_W) * 4);
      const h = (b.h * w) / b.w;
      const px = cx ?? b.x + b.w / 2;
      const py = cy ?? b.y + b.h / 2;
      return { x: px - ((px - b.x) * w) / b.w, y: py - ((py - b.y) * h) / b.h, w, h };
    });
  }, [layout.width]);

  /** Screen point → drawing point. */
  const toDrawing = (clientX: number, clientY: number): { x: number; y: number } | undefined => {
    const svg = svgRef.current;
    const m = svg?.getScreenCTM();
    if (!svg || !m) return undefined;
    const p = new DOMPoint(clientX, clientY).matrixTransform(m.inverse());
    return { x: p.x, y: p.y };
  };

  const onWheel = (e: WheelEvent<SVGSVGElement>) => {
    if (!e.ctrlKey && !e.metaKey) return; // the page scrolls; Ctrl+wheel zooms
    e.preventDefault();
    const p = toDrawing(e.clientX, e.clientY);
    zoom(e.deltaY > 0 ? 1.2 : 1 / 1.2, p?.x, p?.y);
  };

  const drag = useRef<{ x: number; y: number; box: ViewBox; moved: boolean } | null>(null);
  const onPointerDown = (e: PointerEvent<SVGSVGElement>) => {
    if (e.button !== 0 || (e.target as Element).closest('[data-node]')) return;
    drag.current = { x: e.clientX, y: e.clientY, box, moved: false };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    const svg = svgRef.current;
    if (!d || !svg) return;
    const scale = d.box.w / Math.max(1, svg.clientWidth);
    const dx = (e.clientX - d.x) * Math.max(scale, d.box.h / Math.max(1, svg.clientHeight));
    const dy = (e.clientY - d.y) * Math.max(scale, d.box.h / Math.max(1, svg.clientHeight));
    if (Math.abs(dx) + Math.abs(dy) > 2) d.moved = true;
    setBox({ ...d.box, x: d.box.x - dx, y: d.box.y - dy });
  };
  const onPointerUp = () => {
    drag.current = null;
  };

  const links = useMemo(() => layout.links.map((l) => <LinkView key={l.id} l={l} />), [layout]);

  return (
    <div className={styles.canvasWrap}>
      <div className={styles.zoomBar} role="group" aria-label="Zoom">
        <button type="button" className="button button--sm button--secondary" onClick={() => zoom(1 / 1.4)} aria-label="Zoom in">
          +
        </button>
        <button type="button" className="button button--sm button--secondary" onClick={() => zoom(1.4)} aria-label="Zoom out">
          −
        </button>
        <button type="button" className="button button--sm button--secondary" onClick={() => setBox(fitBox(layout))}>
          Fit
        </button>
      </div>
      <svg
        ref={svgRef}
        className={styles.canvas}
        style={{ height }}
        viewBox={`${box.x} ${box.y} ${box.w} ${box.h}`}
        preserveAspectRatio="xMidYMid meet"
        role="group"
        aria-label={label}
        onWheel={onWheel}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        data-topology-canvas=""
      >
        <g aria-hidden="true">{links}</g>
        <g ref={flashRef} aria-hidden="true" />
        <g>
          {layout.nodes.map((n) => (
            <NodeView key={n.id} n={n} focused={n.id === focusId} onOpen={open} onKey={onKey} onFocusNode={setFocusId} register={register} />
          ))}
        </g>
      </svg>
      {/* The frames move on a layer of their own, so that the browser does not repaint the whole
          network for every step of every dot. */}
      <svg className={styles.dotsLayer} style={{ height }} viewBox={`${box.x} ${box.y} ${box.w} ${box.h}`} preserveAspectRatio="xMidYMid meet" aria-hidden="true" focusable="false">
        <g ref={dotsRef} />
      </svg>
    </div>
  );
}
