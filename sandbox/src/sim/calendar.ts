/**
 * The lab's wall clock, derived from virtual time without reading any real clock:
 * virtual time 0 is LAB_EPOCH (a fixed moment), so dates in output are deterministic.
 * Civil-date conversion after Howard Hinnant's days_from_civil algorithm (public domain).
 */

/** 2026-01-12 09:00:00 UTC, in seconds since the Unix epoch. */
export const LAB_EPOCH_SECONDS = 1768208400;

export interface CivilTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 = Sunday
}

export const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function civilFromUnix(seconds: number): CivilTime {
  const s = Math.floor(seconds);
  const days = Math.floor(s / 86400);
  const rem = s - days * 86400;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return {
    year, month, day,
    hour: Math.floor(rem / 3600), minute: Math.floor((rem % 3600) / 60), second: rem % 60,
    weekday: (((days % 7) + 11) % 7),
  };
}

/** The lab's civil time at a virtual time (microseconds). */
export function labTime(virtualUs: number): CivilTime {
  return civilFromUnix(LAB_EPOCH_SECONDS + virtualUs / 1e6);
}

export function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
