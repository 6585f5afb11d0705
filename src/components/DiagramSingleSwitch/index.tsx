/**
 * The network of `mn --topo single,2` (and plain `mn`): hosts h1 and h2 on switch s1, which the
 * controller c0 programs. Names, ports and addresses are Mininet's (reference/mininet.md).
 * Accessible: the SVG is one image named by its title and described by the figure caption,
 * which says in text everything the picture shows. `linkDown` draws the h1–s1 link as down (after `link s1 h1 down`).
 */
import React, { useId, type ReactNode } from 'react';
import clsx from 'clsx';
import { styles } from '@site/src/components/NetworkDiagram/parts';

/** Host hN (a taller box than NetworkDiagram's HostBox: it says "host" and the prefix length). */
function LabelledHost({ x, n }: { x: number; n: number }): ReactNode {
  return (
    <>
      <rect className={styles.host} x={x - 50} y="136" width="100" height="58" rx="6" />
      <text className={styles.name} x={x} y="163" textAnchor="middle">
        h{n}
      </text>
      <text className={styles.small} x={x} y="182" textAnchor="middle">
        host
      </text>
      <text className={styles.addr} x={x} y="218" textAnchor="middle">
        10.0.0.{n}/8
      </text>
    </>
  );
}

export default function DiagramSingleSwitch({ linkDown = false }: { linkDown?: boolean }): ReactNode {
  const id = useId();
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const description = linkDown
    ? 'The same network after link s1 h1 down: the link between h1-eth0 and s1-eth1 is down, so h1 is cut off from s1 and h2. The link from h2-eth0 to s1-eth2 is still up.'
    : 'Host h1 (10.0.0.1/8) connects from its interface h1-eth0 to port s1-eth1 of switch s1. Host h2 (10.0.0.2/8) connects from h2-eth0 to port s1-eth2. The controller c0 talks to s1 over OpenFlow on port 6653; it is not on the data path between the hosts.';
  return (
    <figure className={styles.figure}>
      <svg
        className={styles.svg}
        viewBox="0 0 640 250"
        role="img"
        aria-labelledby={titleId}
        aria-describedby={descId}
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id={titleId}>{linkDown ? 'h1, s1 and h2 with the h1–s1 link down' : 'Two hosts on one switch: h1 – s1 – h2'}</title>

        {/* control channel */}
        <line className={styles.control} x1="320" y1="62" x2="320" y2="128" />
        <text className={styles.small} x="328" y="100">
          OpenFlow :6653
        </text>

        {/* data links */}
        <line className={clsx(styles.link, linkDown && styles.down)} x1="140" y1="165" x2="270" y2="165" />
        <line className={styles.link} x1="370" y1="165" x2="500" y2="165" />
        {linkDown && (
          <g className={styles.downMark}>
            <line x1="197" y1="152" x2="213" y2="178" />
            <line x1="213" y1="152" x2="197" y2="178" />
            <text className={styles.small} x="205" y="198" textAnchor="middle">
              down
            </text>
          </g>
        )}

        {/* port labels */}
        <text className={styles.port} x="146" y="156">
          h1-eth0
        </text>
        <text className={styles.port} x="264" y="156" textAnchor="end">
          s1-eth1
        </text>
        <text className={styles.port} x="376" y="156">
          s1-eth2
        </text>
        <text className={styles.port} x="494" y="156" textAnchor="end">
          h2-eth0
        </text>

        {/* c0 */}
        <rect className={styles.controller} x="270" y="16" width="100" height="46" rx="8" />
        <text className={styles.name} x="320" y="38" textAnchor="middle">
          c0
        </text>
        <text className={styles.small} x="320" y="54" textAnchor="middle">
          controller
        </text>

        {/* s1 */}
        <rect className={styles.switch} x="270" y="128" width="100" height="74" rx="8" />
        <text className={styles.name} x="320" y="162" textAnchor="middle">
          s1
        </text>
        <text className={styles.small} x="320" y="180" textAnchor="middle">
          switch (OVS)
        </text>

        {/* hosts */}
        <LabelledHost x={90} n={1} />
        <LabelledHost x={550} n={2} />
      </svg>
      <figcaption id={descId} className={styles.caption}>
        {description}
      </figcaption>
    </figure>
  );
}
