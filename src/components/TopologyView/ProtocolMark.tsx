/** A protocol's shape in its colour, as a small inline SVG (legend, inspector rows). */
import React, { type ReactNode } from 'react';
import type { PacketProtocol } from '@site/sandbox/worker/api';
import { PROTOCOL_STYLE, shapePath } from './protocols';

export default function ProtocolMark({ protocol, size = 12 }: { protocol: PacketProtocol; size?: number }): ReactNode {
  const s = PROTOCOL_STYLE[protocol];
  const r = 4.2;
  return (
    <svg width={size} height={size} viewBox="-7 -7 14 14" aria-hidden="true" focusable="false" style={{ verticalAlign: '-0.1em', flex: 'none' }}>
      {s.shape === 'circle' ? (
        <circle r={r} fill={s.color} />
      ) : s.shape === 'ring' ? (
        <circle r={r} fill="none" stroke={s.color} strokeWidth={2} />
      ) : (
        <path d={shapePath(s.shape, r)} fill={s.color} />
      )}
    </svg>
  );
}
