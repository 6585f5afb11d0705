/**
 * The network of `mn --topo tree,depth=2,fanout=2`: root switch s1 with s2 (left) and s3 (right)
 * below it, hosts h1, h2 on s2 and h3, h4 on s3. Switches are numbered depth first and a
 * subtree is wired from the bottom up, so each lower switch's uplink is its last port (eth3);
 * names and ports are Mininet's (reference/mininet.md §1.2, the `net` output of tree,2,2).
 * `delayMs` labels every link with that delay (as after `--link tc,delay=5ms`) and highlights
 * the path from h1 to h4. Accessible: the SVG is one image named by its title and described by
 * the caption, which says in text everything the picture shows.
 */
import React, { useId, type ReactNode } from 'react';
import clsx from 'clsx';
import { HostBox, SwitchBox, styles, SWITCH_H as SW_H } from '@site/src/components/NetworkDiagram/parts';

interface Point {
  readonly x: number;
  readonly y: number;
}

interface Label {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly end?: boolean;
}

interface TreeLink {
  readonly from: Point;
  readonly to: Point;
  /** Port names at the upper and the lower end. */
  readonly ports: readonly [Label, Label];
  /** Where the delay label goes. */
  readonly delayAt: Label;
  /** On the h1 → h4 path. */
  readonly onPath: boolean;
}

const S1 = { x: 320, y: 20 };
const S2 = { x: 160, y: 120 };
const S3 = { x: 480, y: 120 };
const HOST_Y = 240;
const HOSTS = [80, 240, 400, 560] as const;

const bottom = (p: Point): Point => ({ x: p.x, y: p.y + SW_H });

const LINKS: readonly TreeLink[] = [
  { from: bottom(S1), to: S2, ports: [{ text: 'eth1', x: 266, y: 76, end: true }, { text: 'eth3', x: 152, y: 112, end: true }], delayAt: { text: '', x: 248, y: 112 }, onPath: true },
  { from: bottom(S1), to: S3, ports: [{ text: 'eth2', x: 374, y: 76 }, { text: 'eth3', x: 488, y: 112 }], delayAt: { text: '', x: 392, y: 112, end: true }, onPath: true },
  { from: bottom(S2), to: { x: HOSTS[0], y: HOST_Y }, ports: [{ text: 'eth1', x: 126, y: 184, end: true }, { text: 'eth0', x: 72, y: 232, end: true }], delayAt: { text: '', x: 106, y: 212, end: true }, onPath: true },
  { from: bottom(S2), to: { x: HOSTS[1], y: HOST_Y }, ports: [{ text: 'eth2', x: 194, y: 184 }, { text: 'eth0', x: 248, y: 232 }], delayAt: { text: '', x: 214, y: 212 }, onPath: false },
  { from: bottom(S3), to: { x: HOSTS[2], y: HOST_Y }, ports: [{ text: 'eth1', x: 446, y: 184, end: true }, { text: 'eth0', x: 392, y: 232, end: true }], delayAt: { text: '', x: 426, y: 212, end: true }, onPath: false },
  { from: bottom(S3), to: { x: HOSTS[3], y: HOST_Y }, ports: [{ text: 'eth2', x: 514, y: 184 }, { text: 'eth0', x: 568, y: 232 }], delayAt: { text: '', x: 534, y: 212 }, onPath: true },
];

function PortText({ l, className }: { l: Label; className: string }): ReactNode {
  return (
    <text className={className} x={l.x} y={l.y} textAnchor={l.end ? 'end' : undefined}>
      {l.text}
    </text>
  );
}

export default function DiagramTree({ delayMs }: { delayMs?: number }): ReactNode {
  const id = useId();
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const shaped = delayMs !== undefined;
  const wiring =
    'Switch s1 is the root. Its port eth1 connects to port eth3 of s2 and its port eth2 to port eth3 of s3. Hosts h1 (10.0.0.1) and h2 (10.0.0.2) are on ports eth1 and eth2 of s2; hosts h3 (10.0.0.3) and h4 (10.0.0.4) are on ports eth1 and eth2 of s3. Each host uses its interface eth0.';
  const description = shaped
    ? `${wiring} Every link delays each packet by ${delayMs} ms in each direction. From h1 to h2 a packet crosses two links, through s2 only: ${2 * delayMs} ms one way, ${4 * delayMs} ms there and back. From h1 to h4 it crosses four links, through s2, s1 and s3 (highlighted): ${4 * delayMs} ms one way, ${8 * delayMs} ms there and back.`
    : `${wiring} Hosts under the same switch are two links apart; from one half of the tree to the other a packet crosses four links and goes through the root s1. The controller c0 (not drawn) programs all three switches.`;
  return (
    <figure className={styles.figure}>
      <svg className={styles.svg} viewBox="0 0 640 320" role="img" aria-labelledby={titleId} aria-describedby={descId} xmlns="http://www.w3.org/2000/svg">
        <title id={titleId}>{shaped ? `A tree of three switches with a ${delayMs} ms delay on every link` : 'A tree of three switches: s1 at the root, s2 and s3 below, two hosts on each'}</title>

        {LINKS.map((l, i) => (
          <g key={i}>
            <line className={clsx(styles.link, shaped && l.onPath && styles.path)} x1={l.from.x} y1={l.from.y} x2={l.to.x} y2={l.to.y} />
            <PortText l={l.ports[0]} className={styles.port} />
            <PortText l={l.ports[1]} className={styles.port} />
            {shaped && <PortText l={{ ...l.delayAt, text: `${delayMs} ms` }} className={styles.delay} />}
          </g>
        ))}

        {[S1, S2, S3].map((s, i) => (
          <g key={i}>
            <SwitchBox x={s.x} y={s.y} n={i + 1} />
          </g>
        ))}

        {HOSTS.map((x, i) => (
          <g key={x}>
            <HostBox x={x} y={HOST_Y} n={i + 1} />
          </g>
        ))}
      </svg>
      <figcaption id={descId} className={styles.caption}>
        {description}
      </figcaption>
    </figure>
  );
}
