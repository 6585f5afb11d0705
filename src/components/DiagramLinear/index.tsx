/**
 * The network of `mn --topo linear,4`: switches s1–s4 in a chain, host hN on port 1 of switch sN,
 * and between neighbouring switches s(N)-eth3 (s1: eth2) to s(N+1)-eth2. Names and port numbers
 * are Mininet's (reference/mininet.md §1.2, the `net` output of linear,4). `linkDown` draws the
 * s2–s3 link as down (after `link s2 s3 down`). Accessible: the SVG is one image named by its
 * title and described by the caption, which says in text everything the picture shows.
 */
import React, { useId, type ReactNode } from 'react';
import clsx from 'clsx';
import { HostBox, SwitchBox, styles, SWITCH_H as SW_H, SWITCH_W as SW_W } from '@site/src/components/NetworkDiagram/parts';

const SWITCH_X = [90, 270, 450, 630] as const;
const SW_Y = 30;
const HOST_Y = 150;

/** Ports at each end of the switch-to-switch links, left to right: [left switch's port, right switch's port]. */
const TRUNK_PORTS = [
  ['eth2', 'eth2'],
  ['eth3', 'eth2'],
  ['eth3', 'eth2'],
] as const;

export default function DiagramLinear({ linkDown = false }: { linkDown?: boolean }): ReactNode {
  const id = useId();
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const description = linkDown
    ? 'The same chain after link s2 s3 down: the link between s2-eth3 and s3-eth2 is down, splitting the network in two halves. h1 and h2 (on s1 and s2) still reach each other, and so do h3 and h4 (on s3 and s4), but nothing crosses from one half to the other.'
    : 'Four switches in a row: s1 port eth2 connects to s2 port eth2, s2 port eth3 to s3 port eth2, and s3 port eth3 to s4 port eth2. Each switch has one host on its port eth1: h1 (10.0.0.1) on s1, h2 (10.0.0.2) on s2, h3 (10.0.0.3) on s3 and h4 (10.0.0.4) on s4, each through its interface eth0. From h1 to h4 a packet crosses five links and four switches. The controller c0 (not drawn) programs all four switches.';
  const mid = SW_Y + SW_H / 2;
  return (
    <figure className={styles.figure} style={{ '--diagram-width': '720px' } as React.CSSProperties}>
      <svg className={styles.svg} viewBox="0 0 720 240" role="img" aria-labelledby={titleId} aria-describedby={descId} xmlns="http://www.w3.org/2000/svg">
        <title id={titleId}>{linkDown ? 'A chain of four switches, cut between s2 and s3' : 'A chain of four switches s1 to s4, one host on each'}</title>

        {/* switch-to-switch links */}
        {TRUNK_PORTS.map(([left, right], i) => {
          const x1 = SWITCH_X[i]! + SW_W / 2;
          const x2 = SWITCH_X[i + 1]! - SW_W / 2;
          const down = linkDown && i === 1;
          return (
            <g key={i}>
              <line className={clsx(styles.link, down && styles.down)} x1={x1} y1={mid} x2={x2} y2={mid} />
              <text className={styles.port} x={x1 + 4} y={mid - 8}>
                {left}
              </text>
              <text className={styles.port} x={x2 - 4} y={mid - 8} textAnchor="end">
                {right}
              </text>
              {down && (
                <g className={styles.downMark}>
                  <line x1={(x1 + x2) / 2 - 6} y1={mid - 10} x2={(x1 + x2) / 2 + 6} y2={mid + 10} />
                  <line x1={(x1 + x2) / 2 + 6} y1={mid - 10} x2={(x1 + x2) / 2 - 6} y2={mid + 10} />
                  <text className={styles.small} x={(x1 + x2) / 2} y={mid + 30} textAnchor="middle">
                    down
                  </text>
                </g>
              )}
            </g>
          );
        })}

        {SWITCH_X.map((x, i) => (
          <g key={x}>
            {/* host link: sN-eth1 to hN-eth0 */}
            <line className={styles.link} x1={x} y1={SW_Y + SW_H} x2={x} y2={HOST_Y} />
            <text className={styles.port} x={x + 6} y={SW_Y + SW_H + 16}>
              eth1
            </text>
            <text className={styles.port} x={x + 6} y={HOST_Y - 6}>
              eth0
            </text>

            <SwitchBox x={x} y={SW_Y} n={i + 1} />
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
