import { describe, expect, it } from 'vitest';
import { LAB_EPOCH_SECONDS } from '../../../sim/calendar';
import type { SqlSession } from './sql-store';
import { SqlStore } from './sql-store';
import { errorLine, formatBatch, formatTable, queryOk, rowsInSet } from './result-format';

/** The table the lesson's knex migration creates (increments, string, string, timestamps(false, true)). */
const USER_TABLE =
  'create table `user` (`id` int unsigned not null auto_increment primary key, `username` varchar(255), `password` varchar(255), ' +
  '`created_at` timestamp not null default CURRENT_TIMESTAMP, `updated_at` timestamp not null default CURRENT_TIMESTAMP)';

function fresh() {
  const store = new SqlStore(() => LAB_EPOCH_SECONDS + 5, '8.4.7');
  const session: SqlSession = { db: undefined, user: 'root', clientHost: 'localhost' };
  const run = (sql: string) => store.run(session, sql);
  /** What the client prints for a statement (table + summary, or Query OK, or the error). */
  const show = (sql: string): string => {
    const r = run(sql);
    if (r.kind === 'rows') return (r.rows.length ? formatTable(r.columns, r.rows) : '') + rowsInSet(r.rows.length, 0);
    if (r.kind === 'ok') return queryOk(r.affected, 10_000, r.info);
    if (r.kind === 'use') return 'Database changed\n';
    return errorLine(r);
  };
  return { store, session, run, show };
}

describe('the tiny SQL engine', () => {
  it('creates a database and the lesson table, inserts with AUTO_INCREMENT and selects it back', () => {
    const { show, store } = fresh();
    expect(show('CREATE DATABASE tutorial_node_database')).toBe('Query OK, 1 row affected (0.01 sec)\n');
    expect(show('use tutorial_node_database')).toBe('Database changed\n');
    expect(show(USER_TABLE)).toBe('Query OK, 0 rows affected (0.01 sec)\n');
    expect(show("insert into `user` (`password`, `username`) values ('sree6', 'sree6')")).toBe('Query OK, 1 row affected (0.01 sec)\n');
    expect(show("insert into user (username, password) values ('a', 'x'), ('b', 'y')")).toBe(
      'Query OK, 2 rows affected (0.01 sec)\nRecords: 2  Duplicates: 0  Warnings: 0\n',
    );
    expect(show('select * from user where id = 1')).toBe(
      '+----+----------+----------+---------------------+---------------------+\n' +
        '| id | username | password | created_at          | updated_at          |\n' +
        '+----+----------+----------+---------------------+---------------------+\n' +
        '|  1 | sree6    | sree6    | 2026-01-12 09:00:05 | 2026-01-12 09:00:05 |\n' +
        '+----+----------+----------+---------------------+---------------------+\n' +
        '1 row in set (0.00 sec)\n',
    );
    expect(show("select username from user where username = 'B' or id = 2")).toBe(
      '+----------+\n| username |\n+----------+\n| a        |\n| b        |\n+----------+\n2 rows in set (0.00 sec)\n',
    );
    expect(show("select * from user where username = 'nobody'")).toBe('Empty set (0.00 sec)\n');
    expect(store.records('tutorial_node_database', 'user')?.map((r) => r.id)).toEqual([1, 2, 3]);
  });

  it('shows databases, tables and the columns as DESCRIBE does', () => {
    const { show } = fresh();
    show('create database shop');
    expect(show('show databases')).toBe(
      '+--------------------+\n| Database           |\n+--------------------+\n| information_schema |\n| mysql              |\n' +
        '| performance_schema |\n| shop               |\n| sys                |\n+--------------------+\n5 rows in set (0.00 sec)\n',
    );
    expect(show('show tables')).toBe('ERROR 1046 (3D000): No database selected\n');
    show('use shop');
    expect(show('show tables')).toBe('Empty set (0.00 sec)\n');
    show(USER_TABLE);
    expect(show('show tables')).toBe('+----------------+\n| Tables_in_shop |\n+----------------+\n| user           |\n+----------------+\n1 row in set (0.00 sec)\n');
    expect(show('describe user')).toBe(
      '+------------+--------------+------+-----+-------------------+-------------------+\n' +
        '| Field      | Type         | Null | Key | Default           | Extra             |\n' +
        '+------------+--------------+------+-----+-------------------+-------------------+\n' +
        '| id         | int unsigned | NO   | PRI | NULL              | auto_increment    |\n' +
        '| username   | varchar(255) | YES  |     | NULL              |                   |\n' +
        '| password   | varchar(255) | YES  |     | NULL              |                   |\n' +
        '| created_at | timestamp    | NO   |     | CURRENT_TIMESTAMP | DEFAULT_GENERATED |\n' +
        '| updated_at | timestamp    | NO   |     | CURRENT_TIMESTAMP | DEFAULT_GENERATED |\n' +
        '+------------+--------------+------+-----+-------------------+-------------------+\n' +
        '5 rows in set (0.00 sec)\n',
    );
  });

  it("words errors as MySQL 8.4 does", () => {
    const { show } = fresh();
    expect(show('use nosuch')).toBe("ERROR 1049 (42000): Unknown database 'nosuch'\n");
    show('create database d');
    expect(show('create database d')).toBe("ERROR 1007 (HY000): Can't create database 'd'; database exists\n");
    show('use d');
    expect(show('select * from t')).toBe("ERROR 1146 (42S02): Table 'd.t' doesn't exist\n");
    expect(show('selec * from t')).toBe(
      "ERROR 1064 (42000): You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near 'selec * from t' at line 1\n",
    );
    expect(show('select * from')).toContain("near '' at line 1");
    show(USER_TABLE);
    expect(show('select nope from user')).toBe("ERROR 1054 (42S22): Unknown column 'nope' in 'field list'\n");
    expect(show("select * from user where nope = 1")).toBe("ERROR 1054 (42S22): Unknown column 'nope' in 'where clause'\n");
    expect(show("insert into user (username) values ('a', 'b')")).toBe("ERROR 1136 (21S01): Column count doesn't match value count at row 1\n");
    expect(show(USER_TABLE)).toBe("ERROR 1050 (42S01): Table 'user' already exists\n");
  });

  it('updates and deletes rows', () => {
    const { show } = fresh();
    show('create database d');
    show('use d');
    show(USER_TABLE);
    show("insert into user (username) values ('a'), ('b')");
    expect(show("update user set password = 'p' where username = 'a'")).toBe('Query OK, 1 row affected (0.01 sec)\nRows matched: 1  Changed: 1  Warnings: 0\n');
    expect(show('delete from user where id = 2')).toBe('Query OK, 1 row affected (0.01 sec)\n');
    expect(show('select count(*) from user')).toBe('+----------+\n| count(*) |\n+----------+\n|        1 |\n+----------+\n1 row in set (0.00 sec)\n');
  });

  it('prints NULL, and tab-separated rows in batch mode', () => {
    const { run } = fresh();
    run('create database d');
    run('use d');
    run(USER_TABLE);
    run("insert into user (username) values ('a')");
    const r = run('select id, username, password from user');
    if (r.kind !== 'rows') throw new Error('rows expected');
    expect(formatTable(r.columns, r.rows)).toContain('|  1 | a        | NULL     |');
    expect(formatBatch(r.columns, r.rows)).toBe('id\tusername\tpassword\n1\ta\tNULL\n');
  });
});
