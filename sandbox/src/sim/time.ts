/**
 * Virtual time. The scheduler owns it; nothing in the core reads a clock.
 * One unit is one microsecond, always an integer.
 */
export type Micros = number;

export const US = 1;
export const MS = 1000;
export const SECOND = 1_000_000;

export function ms(n: number): Micros {
  return Math.round(n * MS);
}

export function seconds(n: number): Micros {
  return Math.round(n * SECOND);
}

/** Milliseconds as a float, for printing RTTs. */
export function toMs(t: Micros): number {
  return t / MS;
}
