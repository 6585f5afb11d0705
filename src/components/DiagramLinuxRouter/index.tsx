/**
 * The network of the lesson's router script (reference/mininet.md §4): router r0 on top with
 * r0-eth1 192.168.1.1/24, r0-eth2 172.16.0.1/12 and r0-eth3 10.0.0.1/8, each on port 1 of a
 * switch s1–s3, and one host per switch on its port 2: h1 192.168.1.100, h2 172.16.0.100,
 * h3 10.0.0.100, each with its default route through r0. Accessible: one image named by its
 * title and described in full by the caption.
 */
import React, { useId, type ReactNode } from 'react';
import { HostBox, SwitchBox, styles, SWITCH_H as SW_H } from '@site/src/components/NetworkDiagram/parts';

const R_X = 360;
const R_Y = 20;
const R_W = 120;
const R_H = 50;
const SW_Y = 150;
const HOST_Y = 270;

const SUBNETS = [
  { x: 170, intf: 'r0-eth1', routerIp: '192.168.1.1', net: '192.168.1.0/24', host: '192.168.1.100' },
  { x: 360, intf: 'r0-eth2', routerIp: '172.16.0.1', net: '172.16.0.0/12', host: '172.16.0.100' },
  { x: 550, intf: 'r0-eth3', routerIp: '10.0.0.1', net: '10.0.0.0/8', host: '10.0.0.100' },
] as const;

export default function DiagramLinuxRouter(): ReactNode {
  const id = useId();
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  return (
    <figure className={styles.figure} style={{ '--diagram-width': '720px' } as React.CSSProperties}>
      <svg className={styles.svg} viewBox="0 0 720 350" role="img" aria-labelledby={titleId} aria-describedby={descId} xmlns="http://www.w3.org/2000/svg">
        <title id={titleId}>Three subnets joined by the Linux router r0</title>
        {SUBNETS.map((s, i) => (
          <g key={s.intf}>
            <line className={styles.link} x1={R_X - R_W / 2 + 20 + i * 40} y1={R_Y + R_H} x2={s.x} y2={SW_Y} />
            {/* r0's interface, written just above the switch, away from the link's line */}
            <text className={styles.port} x={i === 0 ? s.x - 8 : s.x + 8} y={SW_Y - 8} textAnchor={i === 0 ? 'end' : 'start'}>
              {s.intf} {s.routerIp}
            </text>
            <line className={styles.link} x1={s.x} y1={SW_Y + SW_H} x2={s.x} y2={HOST_Y} />
            <text className={styles.small} x={s.x + 8} y={SW_Y + SW_H + 40}>
              {s.net}
            </text>
            <SwitchBox x={s.x} y={SW_Y} n={i + 1} />
            <HostBox x={s.x} y={HOST_Y} n={i + 1} addr={s.host} />
          </g>
        ))}
        <rect className={styles.switch} x={R_X - R_W / 2} y={R_Y} width={R_W} height={R_H} rx="24" />
        <text className={styles.name} x={R_X} y={R_Y + 31} textAnchor="middle">
          r0 (router)
        </text>
      </svg>
      <figcaption id={descId} className={styles.caption}>
        The router r0 has three interfaces, one in each subnet: r0-eth1 is 192.168.1.1 in 192.168.1.0/24, r0-eth2 is
        172.16.0.1 in 172.16.0.0/12 and r0-eth3 is 10.0.0.1 in 10.0.0.0/8. Each interface is plugged into port 1 of its own
        switch (s1, s2, s3), and each switch has one host on port 2: h1 (192.168.1.100) on s1, h2 (172.16.0.100) on s2 and
        h3 (10.0.0.100) on s3. Every host sends traffic for other subnets to its own subnet's router address, its
        default route. A packet from h1 to h2 crosses s1, r0 and s2.
      </figcaption>
    </figure>
  );
}
