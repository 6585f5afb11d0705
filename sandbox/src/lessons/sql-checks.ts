/**
 * The sqlRow lesson check (issue 7, item 3): a row is stored in the MySQL database of a mysql
 * container (docker/apps/mysql). Data, not history: the row must be in the table now, however it
 * got there (the app's API through nginx, or an INSERT typed at `mysql>`).
 *
 * Kind:
 * - sqlRow {container?, database, table, where?, count?}: in the database of container
 *   `container` (any mysql container when absent), table `table` has a row whose columns equal
 *   every value in `where` ({username: 'alice'}; compared as text, as MySQL compares a column
 *   with a quoted value); with count, exactly that many such rows.
 *
 * To register (checks.ts / evaluate.ts, beside the docker checks):
 *   checks.ts:   import { sqlCheckSchemas, type SqlCheck } from './sql-checks';  add ...sqlCheckSchemas to the union,
 *                SqlCheck to the Check type;
 *   evaluate.ts: case 'sqlRow': return evaluateSqlRow(check, sb);
 */
import { z } from 'zod';
import type { Sandbox } from '../sandbox';
import { mysqlStoreOf } from '../docker/apps/mysql/mysqld';

export type SqlCheck = {
  kind: 'sqlRow';
  container?: string;
  database: string;
  table: string;
  where?: Record<string, string | number | null>;
  count?: number;
};

const name = z.string().min(1, 'must not be empty');

export const sqlCheckSchemas = [
  z.strictObject({
    kind: z.literal('sqlRow'),
    container: name.optional(),
    database: name,
    table: name,
    where: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).optional(),
    count: z.number().int().min(0).optional(),
  }),
] as const;

export interface SqlEval {
  readonly passed: boolean;
  readonly detail?: string;
}

export function evaluateSqlRow(check: SqlCheck, sb: Sandbox): SqlEval {
  if (!sb.dockerStarted) return { passed: false, detail: 'no container runs a MySQL server' };
  const containers = sb.docker.containers.filter((c) => (check.container === undefined || c.name === check.container) && mysqlStoreOf(c.fs));
  if (containers.length === 0) {
    return { passed: false, detail: check.container === undefined ? 'no container runs a MySQL server' : `container ${check.container} has no MySQL data` };
  }
  let detail = '';
  for (const c of containers) {
    const rows = mysqlStoreOf(c.fs)!.records(check.database, check.table);
    if (!rows) {
      detail = `table ${check.database}.${check.table} does not exist in ${c.name}`;
      continue;
    }
    const want = Object.entries(check.where ?? {});
    const n = rows.filter((r) => want.every(([k, v]) => (v === null ? r[k] === null : r[k] !== null && r[k] !== undefined && String(r[k]) === String(v)))).length;
    if (check.count === undefined ? n > 0 : n === check.count) return { passed: true, detail: `${n} matching row(s) in ${c.name}` };
    detail = `${n} matching row(s) in ${check.database}.${check.table} of ${c.name}`;
  }
  return { passed: false, detail };
}
