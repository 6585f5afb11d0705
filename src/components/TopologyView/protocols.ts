/**
 * How each protocol is shown, the same in the drawing's moving frames, its legend and the packet
 * inspector: a name, a colour and a shape, so that no protocol is told by colour alone. Colours
 * keep at least 3:1 against both the light and the dark background (WCAG 1.4.11).
 */
import type { PacketProtocol } from '@site/sandbox/worker/api';

export type DotShape = 'circle' | 'diamond' | 'square' | 'triangle' | 'hexagon' | 'cross' | 'ring';

export interface ProtocolStyle {
  readonly label: string;
  readonly color: string;
  readonly shape: DotShape;
}

export const PROTOCOLS: readonly PacketProtocol[] = ['arp', 'icmp', 'tcp', 'udp', 'lldp', 'stp', 'other'];

export const PROTOCOL_STYLE: Readonly<Record<PacketProtocol, ProtocolStyle>> = {
  arp: { label: 'ARP', color: '#c2410c', shape: 'diamond' },
  icmp: { label: 'ICMP', color: '#1d6fd8', shape: 'circle' },
  tcp: { label: 'TCP', color: '#15803d', shape: 'square' },
  udp: { label: 'UDP', color: '#9333ea', shape: 'triangle' },
  lldp: { label: 'LLDP', color: '#0e7490', shape: 'hexagon' },
  stp: { label: 'STP', color: '#b45309', shape: 'cross' },
  other: { label: 'Other', color: '#6b7280', shape: 'ring' },
};

/** An SVG path for a shape of about `r` radius around (0, 0) ('circle' and 'ring' use <circle>). */
export function shapePath(shape: DotShape, r: number): string {
  const f = (n: number) => Math.round(n * 100) / 100;
  switch (shape) {
    case 'diamond':
      return `M0,${f(-r * 1.25)} L${f(r * 1.25)},0 L0,${f(r * 1.25)} L${f(-r * 1.25)},0Z`;
    case 'square':
      return `M${f(-r)},${f(-r)} h${f(2 * r)} v${f(2 * r)} h${f(-2 * r)}Z`;
    case 'triangle':
      return `M0,${f(-r * 1.3)} L${f(r * 1.2)},${f(r)} L${f(-r * 1.2)},${f(r)}Z`;
    case 'hexagon': {
      const pts = [0, 1, 2, 3, 4, 5].map((i) => {
        const a = (Math.PI / 3) * i + Math.PI / 6;
        return `${f(Math.cos(a) * r * 1.15)},${f(Math.sin(a) * r * 1.15)}`;
      });
      return `M${pts.join(' L')}Z`;
    }
    case 'cross': {
      const w = r * 0.45;
      const l = r * 1.2;
      return `M${f(-w)},${f(-l)} h${f(2 * w)} v${f(l - w)} h${f(l - w)} v${f(2 * w)} h${f(w - l)} v${f(l - w)} h${f(-2 * w)} v${f(w - l)} h${f(w - l)} v${f(-2 * w)} h${f(l - w)}Z`;
    }
    case 'circle':
    case 'ring':
      return '';
  }
}
