/**
 * How the `mysql` client (8.4) prints results (client/mysql.cc print_table_data, print_tab_data,
 * com_go): boxed tables on a terminal, headers left-aligned, numbers right-aligned, NULL as
 * "NULL" (a nullable column is at least 4 wide for it); tab-separated rows with a header line in
 * batch mode (stdout not a terminal); the summary lines "N rows in set (0.00 sec)",
 * "Empty set (0.00 sec)", "Query OK, 1 row affected (0.01 sec)" with the info line after it,
 * and "ERROR 1049 (42000): Unknown database 'x'".
 */
import type { SqlValue } from './sql-parse';
import type { ResultColumn, SqlError } from './sql-store';

export interface FormatColumn extends ResultColumn {
  readonly nullable?: boolean;
}

function cell(v: SqlValue): string {
  return v === null ? 'NULL' : String(v);
}

/** Display width: characters, as the client counts them for utf8mb4 text. */
function width(s: string): number {
  return [...s].length;
}

export function formatTable(columns: readonly FormatColumn[], rows: readonly (readonly SqlValue[])[]): string {
  const widths = columns.map((c, i) => {
    let w = width(c.name);
    for (const r of rows) w = Math.max(w, width(cell(r[i] ?? null)));
    if (w < 4 && c.nullable) w = 4;
    return w;
  });
  const rule = '+' + widths.map((w) => '-'.repeat(w + 2)).join('+') + '+\n';
  const pad = (s: string, w: number, right: boolean): string => {
    const fill = ' '.repeat(Math.max(0, w - width(s)));
    return right ? fill + s : s + fill;
  };
  let out = rule;
  out += '|' + columns.map((c, i) => ` ${pad(c.name, widths[i]!, false)} `).join('|') + '|\n';
  out += rule;
  for (const r of rows) {
    out += '|' + columns.map((c, i) => ` ${pad(cell(r[i] ?? null), widths[i]!, c.numeric)} `).join('|') + '|\n';
  }
  return out + rule;
}

/** Batch output: escapes as the client does for tab-separated values. */
function escapeTab(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\0/g, '\\0');
}

export function formatBatch(columns: readonly FormatColumn[], rows: readonly (readonly SqlValue[])[]): string {
  let out = columns.map((c) => escapeTab(c.name)).join('\t') + '\n';
  for (const r of rows) out += columns.map((_, i) => escapeTab(cell(r[i] ?? null))).join('\t') + '\n';
  return out;
}

/** "(0.01 sec)" from the server's time in microseconds. */
export function elapsed(us: number): string {
  return `(${(Math.round(us / 10_000) / 100).toFixed(2)} sec)`;
}

export function rowsInSet(n: number, us: number): string {
  if (n === 0) return `Empty set ${elapsed(us)}\n`;
  return `${n} ${n === 1 ? 'row' : 'rows'} in set ${elapsed(us)}\n`;
}

export function queryOk(affected: number, us: number, info?: string): string {
  return `Query OK, ${affected} ${affected === 1 ? 'row' : 'rows'} affected ${elapsed(us)}\n` + (info ? `${info}\n` : '');
}

export function errorLine(e: SqlError): string {
  return `ERROR ${e.code} (${e.state}): ${e.message}\n`;
}
