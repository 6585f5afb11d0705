/**
 * The three tiers of the lesson "A web app behind a reverse proxy": the lab machine's
 * curl reaches nginx (container proxy) through the published port 8080; nginx passes requests
 * to the Node.js app (container app, port 7555), which stores users in MySQL (container db,
 * port 3306). The three containers share the user network webnet and find each other by name.
 * Accessible: one image named by its title, described in full by the caption.
 */
import React, { useId, type ReactNode } from 'react';
import { styles } from '@site/src/components/NetworkDiagram/parts';

const W = 120;
const H = 56;
const TIERS = [
  { x: 75, name: 'lab', sub: 'curl localhost:8080', kind: 'host' },
  { x: 265, name: 'proxy', sub: 'nginx, port 80', kind: 'switch' },
  { x: 455, name: 'app', sub: 'Node.js, port 7555', kind: 'switch' },
  { x: 645, name: 'db', sub: 'MySQL, port 3306', kind: 'switch' },
] as const;
const ARROWS = ['8080 → 80', 'http://app:7555', 'db:3306'] as const;
/** Left edge of the dashed box around the network webnet (the first label ends just before it). */
const NET_X = 200;

export default function DiagramWebApp(): ReactNode {
  const id = useId();
  const y = 60;
  return (
    <figure className={styles.figure} style={{ '--diagram-width': '720px' } as React.CSSProperties}>
      <svg className={styles.svg} viewBox="0 0 720 190" role="img" aria-labelledby={`${id}-t`} aria-describedby={`${id}-d`} xmlns="http://www.w3.org/2000/svg">
        <title id={`${id}-t`}>A request from the lab machine through nginx to the Node.js app and MySQL</title>
        <rect className={styles.controller} x={NET_X} y={20} width={715 - NET_X} height={150} rx="10" />
        <text className={styles.small} x={700} y={160} textAnchor="end">
          network webnet
        </text>
        {ARROWS.map((a, i) => (
          <g key={a}>
            <line className={styles.link} x1={TIERS[i]!.x + W / 2} y1={y + H / 2} x2={TIERS[i + 1]!.x - W / 2} y2={y + H / 2} />
            {/* written above the boxes: the gap between them is narrower than the label */}
            <text className={styles.port} x={i === 0 ? NET_X - 4 : (TIERS[i]!.x + TIERS[i + 1]!.x) / 2} y={y - 10} textAnchor={i === 0 ? 'end' : 'middle'}>
              {a}
            </text>
          </g>
        ))}
        {TIERS.map((t) => (
          <g key={t.name}>
            <rect className={t.kind === 'host' ? styles.host : styles.switch} x={t.x - W / 2} y={y} width={W} height={H} rx="8" />
            <text className={styles.name} x={t.x} y={y + 33} textAnchor="middle">
              {t.name}
            </text>
            <text className={styles.small} x={t.x} y={y + H + 22} textAnchor="middle">
              {t.sub}
            </text>
          </g>
        ))}
      </svg>
      <figcaption id={`${id}-d`} className={styles.caption}>
        The lab machine and three containers in a row. On the lab machine, curl asks localhost port 8080, which Docker forwards to port 80 of
        the container proxy, running nginx. nginx passes each request on to http://app:7555, the Node.js application in the
        container app, and the application stores users in the MySQL server of the container db, port 3306. The three
        containers are on the user network webnet, where they find each other by name.
      </figcaption>
    </figure>
  );
}
