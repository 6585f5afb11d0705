/**
 * Shapes the lessons' network diagrams share, drawn the same way everywhere: a host box with its
 * name and Mininet address (hN = 10.0.0.N), and a switch box with its name.
 */
import React, { type ReactNode } from 'react';
import styles from './styles.module.css';

export { styles };

export const SWITCH_W = 100;
export const SWITCH_H = 50;
export const HOST_W = 84;
export const HOST_H = 46;

/** Host hN centred on x, its box's top at y, with its address (Mininet's 10.0.0.N unless given) under it. */
export function HostBox({ x, y, n, addr }: { x: number; y: number; n: number; addr?: string }): ReactNode {
  return (
    <>
      <rect className={styles.host} x={x - HOST_W / 2} y={y} width={HOST_W} height={HOST_H} rx="6" />
      <text className={styles.name} x={x} y={y + 29} textAnchor="middle">
        h{n}
      </text>
      <text className={styles.addr} x={x} y={y + HOST_H + 20} textAnchor="middle">
        {addr ?? `10.0.0.${n}`}
      </text>
    </>
  );
}

/** Switch sN centred on x, its box's top at y. */
export function SwitchBox({ x, y, n }: { x: number; y: number; n: number }): ReactNode {
  return (
    <>
      <rect className={styles.switch} x={x - SWITCH_W / 2} y={y} width={SWITCH_W} height={SWITCH_H} rx="8" />
      <text className={styles.name} x={x} y={y + 31} textAnchor="middle">
        s{n}
      </text>
    </>
  );
}
