/**
 * HTTP dates (RFC 9110 §5.6.7 IMF-fixdate: "Mon, 12 Jan 2026 09:00:00 GMT") from virtual time,
 * through the lab's calendar (sim/calendar.ts), so Date and Last-Modified headers are
 * deterministic. The lab's clock runs on UTC.
 */
import { DAY_NAMES, MONTH_NAMES, labTime, pad2 } from '../../sim/calendar';
import type { Micros } from '../../sim/time';

export function httpDate(virtualUs: Micros): string {
  const t = labTime(virtualUs);
  return `${DAY_NAMES[t.weekday]}, ${pad2(t.day)} ${MONTH_NAMES[t.month - 1]} ${t.year} ${pad2(t.hour)}:${pad2(t.minute)}:${pad2(t.second)} GMT`;
}
