/**
 * The frames crossing the drawing: each frame a small shape in its protocol's colour that moves
 * along its link from the sender, driven by requestAnimationFrame outside React (a hundred dots
 * cost a hundred setAttribute calls a frame, nothing else). Real-time batches are spread out a
 * little (frames of one instant start together, the next instant a moment later) so that a ping's
 * hops read in order; the spread and the number of dots are bounded, so the drawing never falls
 * behind the sandbox. With reduced motion nothing moves: the link is marked for the frame's time
 * and the frame's shape sits at its middle.
 */
import type { PacketInfo } from '@site/sandbox/worker/api';
import type { FramesEvent } from './feed';
import { pointAlong, type NetworkLayout, type Point } from './layout';
import { PROTOCOL_STYLE, shapePath } from './protocols';

/** At most this many frames on screen; more are not drawn (counted in `notDrawn`). */
export const MAX_DOTS = 120;
/** Real time: frames of successive instants in one batch start this far apart... */
export const STAGGER_MS = 90;
/** ...but never later than this after the batch arrived. */
export const MAX_DELAY_MS = 600;
const DOT_R = 5;
const SVG = 'http://www.w3.org/2000/svg';

interface Dot {
  readonly el: SVGGElement;
  readonly flash: SVGPolylineElement | undefined;
  readonly points: readonly Point[];
  readonly start: number;
  readonly duration: number;
  shown: boolean;
}

export interface AnimatorOptions {
  readonly reducedMotion: boolean;
  readonly now?: () => number;
  readonly requestFrame?: (fn: (t: number) => void) => number;
  readonly cancelFrame?: (id: number) => void;
}

/** The wire a frame crosses, from its sender's end (undefined when the drawing has no such link). */
export function wireFor(layout: NetworkLayout, p: PacketInfo): readonly Point[] | undefined {
  const l = layout.linkByEnd.get(`${p.from.node}:${p.from.intf}`);
  if (!l) return undefined;
  const forward = l.link.a.node === p.from.node && l.link.a.intf === p.from.intf;
  return forward ? l.points : [...l.points].reverse();
}

export class Animator {
  private dots: Dot[] = [];
  private frame: number | undefined;
  private layout: NetworkLayout | undefined;
  /** Frames not drawn because MAX_DOTS were on screen or their link is not drawn. */
  notDrawn = 0;
  private readonly now: () => number;
  private readonly requestFrame: (fn: (t: number) => void) => number;
  private readonly cancelFrame: (id: number) => void;

  constructor(
    private readonly layer: SVGGElement,
    private readonly flashLayer: SVGGElement,
    private opts: AnimatorOptions,
  ) {
    this.now = opts.now ?? (() => performance.now());
    this.requestFrame = opts.requestFrame ?? ((fn) => requestAnimationFrame(fn));
    this.cancelFrame = opts.cancelFrame ?? ((id) => cancelAnimationFrame(id));
  }

  /** A new drawing: frames in flight on the old one go (a change of state only keeps them). */
  setLayout(layout: NetworkLayout | undefined): void {
    const same = layout?.key === this.layout?.key;
    this.layout = layout;
    if (!same) this.clear();
  }

  setReducedMotion(on: boolean): void {
    this.opts = { ...this.opts, reducedMotion: on };
  }

  get inFlight(): number {
    return this.dots.length;
  }

  add(e: FramesEvent): void {
    const layout = this.layout;
    if (!layout) return;
    const t0 = this.now();
    let instant = -1;
    let lastAt = Number.NaN;
    const sorted = e.kind === 'realtime' ? [...e.packets].sort((a, b) => a.at - b.at || a.id - b.id) : e.packets;
    for (const p of sorted) {
      if (p.at !== lastAt) {
        instant++;
        lastAt = p.at;
      }
      const points = wireFor(layout, p);
      if (!points || this.dots.length >= MAX_DOTS) {
        this.notDrawn++;
        continue;
      }
      const delay = e.kind === 'realtime' ? Math.min(instant * STAGGER_MS, MAX_DELAY_MS) : 0;
      this.dots.push(this.makeDot(p, points, t0 + delay, e.durationMs));
    }
    if (this.dots.length > 0 && this.frame === undefined) this.frame = this.requestFrame(this.tick);
  }

  private makeDot(p: PacketInfo, points: readonly Point[], start: number, duration: number): Dot {
    const style = PROTOCOL_STYLE[p.protocol];
    const g = document.createElementNS(SVG, 'g');
    g.setAttribute('data-packet-dot', String(p.id));
    g.setAttribute('data-protocol', p.protocol);
    g.setAttribute('visibility', 'hidden');
    let shape: SVGElement;
    if (style.shape === 'circle' || style.shape === 'ring') {
      shape = document.createElementNS(SVG, 'circle');
      shape.setAttribute('r', String(DOT_R));
      if (style.shape === 'ring') {
        shape.style.fill = 'var(--topo-bg, #fff)';
        shape.setAttribute('stroke', style.color);
        shape.setAttribute('stroke-width', '2.5');
      } else shape.setAttribute('fill', style.color);
    } else {
      shape = document.createElementNS(SVG, 'path');
      shape.setAttribute('d', shapePath(style.shape, DOT_R));
      shape.setAttribute('fill', style.color);
    }
    if (style.shape !== 'ring') {
      shape.style.stroke = 'var(--topo-bg, #fff)';
      shape.setAttribute('stroke-width', '1.2');
    }
    g.appendChild(shape);
    this.layer.appendChild(g);
    let flash: SVGPolylineElement | undefined;
    if (this.opts.reducedMotion) {
      flash = document.createElementNS(SVG, 'polyline');
      flash.setAttribute('points', points.map((q) => `${q.x},${q.y}`).join(' '));
      flash.setAttribute('fill', 'none');
      flash.setAttribute('stroke', style.color);
      flash.setAttribute('stroke-width', '5');
      flash.setAttribute('stroke-opacity', '0.55');
      flash.setAttribute('visibility', 'hidden');
      this.flashLayer.appendChild(flash);
      const mid = pointAlong(points, 0.5);
      g.setAttribute('transform', `translate(${mid.x.toFixed(1)} ${mid.y.toFixed(1)})`);
    }
    return { el: g, flash, points, start, duration, shown: false };
  }

  private tick = (t: number): void => {
    this.frame = undefined;
    const now = Number.isFinite(t) ? Math.max(t, this.now()) : this.now();
    const keep: Dot[] = [];
    for (const d of this.dots) {
      const f = (now - d.start) / d.duration;
      if (f >= 1) {
        d.el.remove();
        d.flash?.remove();
        continue;
      }
      keep.push(d);
      if (f < 0) continue;
      if (!d.shown) {
        d.el.setAttribute('visibility', 'visible');
        d.flash?.setAttribute('visibility', 'visible');
        d.shown = true;
      }
      if (!this.opts.reducedMotion) {
        const p = pointAlong(d.points, f);
        d.el.setAttribute('transform', `translate(${p.x.toFixed(1)} ${p.y.toFixed(1)})`);
      }
    }
    this.dots = keep;
    if (keep.length > 0) this.frame = this.requestFrame(this.tick);
  };

  clear(): void {
    for (const d of this.dots) {
      d.el.remove();
      d.flash?.remove();
    }
    this.dots = [];
    if (this.frame !== undefined) this.cancelFrame(this.frame);
    this.frame = undefined;
  }

  dispose(): void {
    this.clear();
  }
}
