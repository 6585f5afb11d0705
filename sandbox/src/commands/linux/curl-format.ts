/**
 * curl 7.68's progress meter (lib/progress.c: max5data, time2str, progress_calc,
 * progress_meter), drawn on stderr while the output goes to a file or a pipe:
 *
 *     % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current
 *                                    Dload  Upload   Total   Spent    Left  Speed
 *   100   612  100   612    0     0   597k      0 --:--:-- --:--:-- --:--:--  597k
 *
 * Speeds are bytes per second over whole milliseconds (at least one), as libcurl computes them.
 */
import type { Micros } from '../../sim/time';

export const METER_HEADER =
  '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
  '                                 Dload  Upload   Total   Spent    Left  Speed\n';

const KB = 1024;
const MB = 1024 * KB;
const GB = 1024 * MB;

/** max5data: a byte count in five columns: "  612", " 597k", "12.3M", " 123M", "12.3G". */
export function max5data(bytes: number): string {
  const b = Math.trunc(bytes);
  if (b < 100000) return String(b).padStart(5);
  if (b < 10000 * KB) return `${String(Math.trunc(b / KB)).padStart(4)}k`;
  if (b < 100 * MB) return `${String(Math.trunc(b / MB)).padStart(2)}.${Math.trunc((b % MB) / (MB / 10))}M`;
  if (b < 10000 * MB) return `${String(Math.trunc(b / MB)).padStart(4)}M`;
  if (b < 100 * GB) return `${String(Math.trunc(b / GB)).padStart(2)}.${Math.trunc((b % GB) / (GB / 10))}G`;
  return `${String(Math.trunc(b / GB)).padStart(4)}G`;
}

/** time2str: "--:--:--" for nothing yet, else " 0:00:05" (hours up to 99). */
export function time2str(seconds: number): string {
  if (seconds <= 0) return '--:--:--';
  const h = Math.trunc(seconds / 3600);
  if (h <= 99) {
    const m = Math.trunc((seconds - h * 3600) / 60);
    const s = seconds - h * 3600 - m * 60;
    return `${String(h).padStart(2)}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  }
  const d = Math.trunc(seconds / 86400);
  const hh = Math.trunc((seconds - d * 86400) / 3600);
  return d <= 999 ? `${String(d).padStart(3)}d ${String(hh).padStart(2, '0')}h` : `${String(d).padStart(7)}d`;
}

export interface MeterState {
  /** Microseconds since the transfer started. */
  readonly elapsedUs: Micros;
  readonly downloaded: number;
  readonly uploaded: number;
  /** Content-Length of the response, once known. */
  readonly downloadSize?: number;
  /** Size of the request body being sent (-d). */
  readonly uploadSize?: number;
}

/** One meter line, without the leading "\r". */
export function meterLine(m: MeterState): string {
  const spentMs = Math.trunc(m.elapsedUs / 1000);
  const div = spentMs > 0 ? spentMs : 1;
  const dlspeed = Math.trunc((m.downloaded * 1000) / div);
  const ulspeed = Math.trunc((m.uploaded * 1000) / div);
  const spent = Math.trunc(m.elapsedUs / 1e6);
  let ulEstimate = 0;
  let dlEstimate = 0;
  let ulPercent = 0;
  let dlPercent = 0;
  const pct = (done: number, size: number): number => (size > 10000 ? Math.trunc(done / Math.trunc(size / 100)) : size > 0 ? Math.trunc((done * 100) / size) : 0);
  if (m.uploadSize !== undefined && ulspeed > 0) {
    ulEstimate = Math.trunc(m.uploadSize / ulspeed);
    ulPercent = pct(m.uploaded, m.uploadSize);
  }
  if (m.downloadSize !== undefined && dlspeed > 0) {
    dlEstimate = Math.trunc(m.downloadSize / dlspeed);
    dlPercent = pct(m.downloaded, m.downloadSize);
  }
  const totalEstimate = Math.max(ulEstimate, dlEstimate);
  const expected = (m.uploadSize ?? m.uploaded) + (m.downloadSize ?? m.downloaded);
  const transferred = m.downloaded + m.uploaded;
  const totalPercent = pct(transferred, expected);
  // The first second shows the average as the current speed.
  const current = dlspeed + ulspeed;
  const p3 = (n: number): string => String(n).padStart(3);
  return (
    `${p3(totalPercent)} ${max5data(expected)}  ${p3(dlPercent)} ${max5data(m.downloaded)}  ${p3(ulPercent)} ${max5data(m.uploaded)}  ` +
    `${max5data(dlspeed)}  ${max5data(ulspeed)} ${time2str(totalEstimate)} ${time2str(spent)} ` +
    `${time2str(totalEstimate > 0 ? totalEstimate - spent : 0)} ${max5data(current)}`
  );
}
