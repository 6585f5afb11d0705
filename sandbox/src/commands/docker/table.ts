/**
 * The docker CLI's table writer (reference/docker.md §0.4): tabwriter minwidth 10, padding 3,
 * spaces; the last column is not padded. Widths count characters (the ellipsis is one).
 */
export function formatTable(rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '';
  const cols = rows[0]!.length;
  const widths: number[] = [];
  for (let c = 0; c < cols - 1; c++) widths.push(Math.max(10, ...rows.map((r) => [...(r[c] ?? '')].length + 3)));
  return rows
    .map((r) => r.map((cell, c) => (c < cols - 1 ? cell + ' '.repeat(widths[c]! - [...cell].length) : cell)).join(''))
    .join('\n') + '\n';
}

/** go-units HumanDuration (reference/docker.md §3.3). */
export function humanDuration(us: number): string {
  const s = Math.floor(us / 1e6);
  if (s < 1) return 'Less than a second';
  if (s === 1) return '1 second';
  if (s < 60) return `${s} seconds`;
  const m = Math.floor(s / 60);
  if (m === 1) return 'About a minute';
  if (m < 60) return `${m} minutes`;
  const h = Math.round(s / 3600);
  if (h === 1) return 'About an hour';
  if (h < 48) return `${h} hours`;
  const d = Math.floor(h / 24);
  if (d < 14) return `${d} days`;
  if (d < 60) return `${Math.floor(d / 7)} weeks`;
  if (d < 730) return `${Math.floor(d / 30)} months`;
  return `${Math.floor(d / 365)} years`;
}
