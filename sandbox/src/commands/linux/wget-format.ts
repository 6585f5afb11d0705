/**
 * GNU Wget 1.20's number, time and progress-bar formats (src/utils.c human_readable,
 * src/retr.c retr_rate/calc_rate, src/progress.c create_image, src/main.c
 * secs_to_human_time, src/utils.c datetime_str). Shapes checked against
 * reference/mininet.md §3.7.
 */
import { labTime, pad2 } from '../../sim/calendar';
import type { Micros } from '../../sim/time';

/** C's "%.*f" for the values wget prints (JS rounds exact halves up; glibc to even: not reachable here). */
function fixed(v: number, digits: number): string {
  return v.toFixed(digits);
}

/** human_readable(n, acc, decimals): 1234 → "1.2K" (acc 10, 1 decimal) or "1.21K" (acc 1000, 2). */
export function humanReadable(n: number, acc: number, decimals: number): string {
  if (n < 1024) return String(Math.trunc(n));
  const powers = 'KMGTPEZY';
  let v = n;
  for (let i = 0; i < powers.length; i++) {
    if (Math.floor(v / 1024) < 1024 || i === powers.length - 1) {
      const val = v / 1024;
      return `${fixed(val, val < acc ? decimals : 0)}${powers[i]}`;
    }
    v = Math.floor(v / 1024);
  }
  return String(n);
}

/** print_decimal: "0", "0.001", "0.02", "1.5", "12". */
export function printDecimal(x: number): string {
  const n = Math.abs(x);
  if (n >= 9.95) return fixed(x, 0);
  if (n >= 0.95) return fixed(x, 1);
  if (n >= 0.001) return gFormat1(x);
  if (n >= 0.0005) return fixed(x, 3);
  return '0';
}

/** C's "%.1g" for 0.001 <= x < 0.95: one significant digit, no trailing zeros. */
function gFormat1(x: number): string {
  const s = x.toPrecision(1);
  return s.includes('e') ? String(Number(s)) : s;
}

const RATE_UNITS = ['B/s', 'KB/s', 'MB/s', 'GB/s', 'TB/s'];

/** calc_rate: bytes per second scaled to B/KB/MB/GB/TB (1024-based). */
export function calcRate(bytes: number, secs: number): { rate: number; units: number } {
  // A zero interval is below the timer's resolution: wget assumes half of it (1 ns clock).
  const s = secs > 0 ? secs : 0.5e-9;
  let rate = bytes / s;
  let units = 0;
  while (rate >= 1024 && units < 4) {
    rate /= 1024;
    units++;
  }
  return { rate, units };
}

/** retr_rate: "93.2 MB/s", "1022 B/s", "2.38 KB/s". */
export function retrRate(bytes: number, secs: number): string {
  const { rate, units } = calcRate(bytes, secs);
  return `${fixed(rate, rate >= 99.95 ? 0 : rate >= 9.995 ? 1 : 2)} ${RATE_UNITS[units]}`;
}

/** datetime_str: "2026-01-12 09:00:00", the lab's local time. */
export function datetimeStr(us: Micros): string {
  const t = labTime(us);
  return `${t.year}-${pad2(t.month)}-${pad2(t.day)} ${pad2(t.hour)}:${pad2(t.minute)}:${pad2(t.second)}`;
}

/** secs_to_human_time: "0.002s", "1m 5s", "2h 0m 3s". */
export function secsToHumanTime(interval: number): string {
  let secs = Math.trunc(interval + 0.5);
  const days = Math.trunc(secs / 86400);
  secs %= 86400;
  const hours = Math.trunc(secs / 3600);
  secs %= 3600;
  const mins = Math.trunc(secs / 60);
  secs %= 60;
  if (days) return `${days}d ${hours}h ${mins}m ${secs}s`;
  if (hours) return `${hours}h ${mins}m ${secs}s`;
  if (mins) return `${mins}m ${secs}s`;
  return `${printDecimal(interval)}s`;
}

/** eta_to_human_short (not condensed): "5s", "1m 40s", "2h 5m", "3d 4h". */
export function etaToHumanShort(secs: number): string {
  if (secs < 100) return `${secs}s`;
  if (secs < 100 * 60) return `${Math.trunc(secs / 60)}m ${secs % 60}s`;
  if (secs < 48 * 3600) return `${Math.trunc(secs / 3600)}h ${Math.trunc(secs / 60) % 60}m`;
  if (secs < 100 * 86400) return `${Math.trunc(secs / 86400)}d ${Math.trunc(secs / 3600) % 24}h`;
  return `${Math.trunc(secs / 86400)}d`;
}

export interface BarState {
  /** The name shown on the left: the local file, or "-" for standard output. */
  readonly name: string;
  /** Content-Length; undefined when the server did not say. */
  readonly total: number | undefined;
  /** Bytes downloaded so far. */
  readonly size: number;
  /** Seconds since the download started. */
  readonly dlTime: number;
  readonly done: boolean;
  /** Screen columns (wget uses one less). */
  readonly columns: number;
  /** Redraw counter (moves the indicator when the size is unknown, scrolls long names). */
  readonly tick: number;
  /** The speed shown once wget has sampled enough (0.15 s of transfer); "--.-KB/s" before. */
  readonly speed?: { readonly bytes: number; readonly secs: number };
}

/** create_image: one line of the bar progress, exactly `columns - 1` wide. */
export function barImage(b: BarState): string {
  const width = b.columns - 1;
  const maxName = Math.trunc(width / 4);
  let progressSize = width - (maxName + 1 + 4 + 2 + 8 + 10 + 15);
  if (progressSize < 5) progressSize = 0;
  let p = '';
  const nameCols = [...b.name].length;
  if (nameCols <= maxName) {
    p += b.name + ' ' + ' '.repeat(maxName - nameCols);
  } else {
    let padding = 0;
    let offset = 0;
    if (nameCols > maxName + 5 && !b.done) {
      offset = (b.tick + nameCols + Math.trunc(maxName / 2)) % (nameCols + maxName);
      if (offset > nameCols) {
        padding = maxName - (offset - nameCols);
        p += ' '.repeat(padding);
        offset = 0;
      }
    }
    const shown = [...b.name].slice(offset, offset + maxName - padding).join('');
    p += shown;
    p += ' '.repeat(maxName - (padding + [...shown].length) + 1);
  }
  const total = b.total ?? 0;
  if (total > 0) p += `${String(Math.trunc((100 * b.size) / total)).padStart(3)}%`;
  else p += '    ';
  if (progressSize && total > 0) {
    const dl = Math.min(progressSize, Math.trunc((b.size / total) * progressSize));
    const bar = dl > 0 ? '='.repeat(dl - 1) + '>' : '';
    p += '[' + bar.padEnd(progressSize) + ']';
  } else if (progressSize) {
    const ind = b.tick % (progressSize * 2 - 6);
    const pos = ind < progressSize - 2 ? ind + 1 : progressSize - (ind - progressSize + 5);
    let bar = '';
    for (let i = 0; i < progressSize; i++) bar += i === pos - 1 ? '<' : i === pos ? '=' : i === pos + 1 ? '>' : ' ';
    p += '[' + bar + ']';
  }
  p += humanReadable(b.size, 1000, 2).padStart(8);
  if (b.speed && b.speed.secs > 0 && b.speed.bytes > 0) {
    const { rate, units } = calcRate(b.speed.bytes, b.speed.secs);
    p += `  ${fixed(rate, rate >= 99.95 ? 0 : rate >= 9.995 ? 1 : 2).padStart(4)}${[' B/s', 'KB/s', 'MB/s', 'GB/s', 'GB/s'][units]}`;
  } else {
    p += '  --.-KB/s';
  }
  if (!b.done) {
    if (total > 0 && b.size > 0 && b.dlTime > 3) {
      const eta = Math.trunc((b.dlTime * (total - b.size)) / b.size + 0.5);
      p += `    eta ${etaToHumanShort(eta)}`;
    } else if (total > 0) {
      p += ' '.repeat(15);
    }
  } else {
    const t = '    in ' + (b.dlTime >= 10 ? etaToHumanShort(Math.trunc(b.dlTime + 0.5)) : `${printDecimal(b.dlTime)}s`);
    p += t + ' '.repeat(Math.max(0, 15 - t.length));
  }
  return p + ' '.repeat(Math.max(0, width - p.length));
}
