/**
 * Traffic-control parameters as Mininet's TCIntf prints and parses them (link.py):
 * status string "(10.00Mbit 10ms delay 1ms jitter 1.00000% loss) " per configured interface.
 */
import type { TcParams } from '../net/interface';

/** "10ms", "1.5ms", "100us", "1s" or a bare number of milliseconds → microseconds. */
export function parseDelay(s: string): number {
  const m = /^\s*([\d.]+)\s*(us|ms|s)?\s*$/.exec(s);
  if (!m) return 0;
  const v = parseFloat(m[1]!);
  const unit = m[2] ?? 'ms';
  return Math.round(unit === 'us' ? v : unit === 's' ? v * 1e6 : v * 1e3);
}

export function tcStatus(tc: TcParams): string {
  const parts: string[] = [];
  if (tc.bw !== undefined) parts.push(`${tc.bw.toFixed(2)}Mbit`);
  if (tc.delayText !== undefined) parts.push(`${tc.delayText} delay`);
  if (tc.jitterText !== undefined) parts.push(`${tc.jitterText} jitter`);
  if (tc.loss !== undefined) parts.push(`${tc.loss.toFixed(5)}% loss`);
  if (parts.length === 0) return '';
  return `(${parts.join(' ')}) `;
}
