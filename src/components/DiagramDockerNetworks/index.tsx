/**
 * The networks of the lesson "Private networks in Docker": the user network kubenet
 * (172.20.0.0/16, bridge br-… with the gateway 172.20.0.1) with web1 at 172.20.0.10 and web2 at
 * 172.20.0.11, and the default bridge docker0 (172.17.0.0/16, gateway 172.17.0.1) with outsider.
 * Both bridges are on the lab machine, which does not forward between them (Docker's firewall
 * rules, reference/docker.md §4.2). Accessible: one image named by its title, described in full
 * by the caption.
 */
import React, { useId, type ReactNode } from 'react';
import { styles } from '@site/src/components/NetworkDiagram/parts';

const BOX_W = 150;
const BOX_H = 50;

function Box({ x, y, name, addr, kind }: { x: number; y: number; name: string; addr?: string; kind: 'host' | 'switch' }): ReactNode {
  return (
    <>
      <rect className={kind === 'host' ? styles.host : styles.switch} x={x - BOX_W / 2} y={y} width={BOX_W} height={BOX_H} rx="8" />
      <text className={styles.name} x={x} y={y + 31} textAnchor="middle">
        {name}
      </text>
      {addr && (
        <text className={styles.addr} x={x} y={y + BOX_H + 20} textAnchor="middle">
          {addr}
        </text>
      )}
    </>
  );
}

export default function DiagramDockerNetworks(): ReactNode {
  const id = useId();
  return (
    <figure className={styles.figure} style={{ '--diagram-width': '720px' } as React.CSSProperties}>
      <svg className={styles.svg} viewBox="0 0 720 300" role="img" aria-labelledby={`${id}-t`} aria-describedby={`${id}-d`} xmlns="http://www.w3.org/2000/svg">
        <title id={`${id}-t`}>Two Docker networks on the lab machine: kubenet with web1 and web2, the default bridge with outsider</title>
        <line className={styles.link} x1={200} y1={95} x2={120} y2={190} />
        <line className={styles.link} x1={200} y1={95} x2={300} y2={190} />
        <line className={styles.link} x1={560} y1={95} x2={560} y2={190} />
        <line className={styles.control} x1={275} y1={70} x2={485} y2={70} />
        <text className={styles.small} x={380} y={60} textAnchor="middle">
          no forwarding between bridges
        </text>
        <Box x={200} y={45} name="kubenet" kind="switch" />
        <text className={styles.small} x={200} y={30} textAnchor="middle">
          172.20.0.0/16, gateway 172.20.0.1
        </text>
        <Box x={560} y={45} name="docker0" kind="switch" />
        <text className={styles.small} x={560} y={30} textAnchor="middle">
          default bridge: 172.17.0.0/16, gateway 172.17.0.1
        </text>
        <Box x={120} y={190} name="web1" addr="172.20.0.10" kind="host" />
        <Box x={300} y={190} name="web2" addr="172.20.0.11" kind="host" />
        <Box x={560} y={190} name="outsider" addr="172.17.0.2" kind="host" />
      </svg>
      <figcaption id={`${id}-d`} className={styles.caption}>
        Two bridges on the lab machine. The network kubenet (172.20.0.0/16, gateway 172.20.0.1) connects web1 at
        172.20.0.10 and web2 at 172.20.0.11, which reach each other and find each other by name through Docker&apos;s DNS
        server. The default bridge docker0 (172.17.0.0/16, gateway 172.17.0.1) connects outsider at 172.17.0.2. The lab
        machine does not forward packets from one bridge to the other, so outsider reaches neither web1 nor web2, and it
        has no DNS server that knows their names.
      </figcaption>
    </figure>
  );
}
