import { describe, expect, it } from 'vitest';
import { labSession } from '../../../../test/lab-session';
import { makeContext } from '../../../shell/bash';
import { ShellState } from '../../../shell/shell-state';
import { startOnHost } from '../test-context';
import { FIRST_START_READY_S, mysqldService, mysqlStoreOf } from './mysqld';
import { parseMysqlArgs, runMysql } from './client';

/** mysqld on h2 (10.0.0.2); the client runs in a terminal on h1, name `db` resolved through /etc/hosts. */
function lab(env: Record<string, string> = { MYSQL_ROOT_PASSWORD: 'secret', MYSQL_DATABASE: 'tutorial_node_database' }) {
  const l = labSession({ mn: 'mn' });
  l.sb.fs.writeFile('/etc/hosts', '127.0.0.1\tlocalhost\n10.0.0.2\tdb\n');
  const server = startOnHost(l.host('h2'), mysqldService(), { env });
  const session = l.sb.openSession({ node: l.host('h1') });
  let out = '';
  session.onOutput((t) => (out += t));
  /** Start `mysql ARGS` on h1 (stdin: piped text, else the terminal), then feed the typed lines. */
  const mysql = (argv: string[], typed: string[] = [], stdin?: string): string => {
    out = '';
    const shell = new ShellState(l.host('h1'));
    const ctx = makeContext(l.sb, session, shell, (t) => session.write(t), (t) => session.write(t), stdin, true);
    session.startForeground(runMysql(ctx, argv));
    l.sb.settle(session);
    for (const line of typed) {
      session.submit(line);
      l.sb.settle(session);
    }
    return out;
  };
  return { ...l, server, mysql, wait: (s: number) => l.sb.idle(s * 1e6) };
}

describe('mysqld and the mysql client', () => {
  it('refuses connections until the server is ready, then logs in and runs the lesson queries', () => {
    const { mysql, wait, server } = lab();
    expect(mysql(['-h', 'db', '-u', 'root', '-psecret', '-e', 'show databases'])).toBe(
      'mysql: [Warning] Using a password on the command line interface can be insecure.\n' +
        "ERROR 2003 (HY000): Can't connect to MySQL server on 'db:3306' (111)\n",
    );
    wait(FIRST_START_READY_S);
    expect(server.logText()).toContain("[Note] [Entrypoint]: Creating database tutorial_node_database\n");
    expect(server.logText()).toMatch(/\[MY-010931\] \[Server\] \/usr\/sbin\/mysqld: ready for connections\. Version: '8\.4\.7' {2}socket: '\/var\/run\/mysqld\/mysqld\.sock' {2}port: 3306 {2}MySQL Community Server - GPL\.\n$/);
    const typed = ['secret', 'show databases;', 'use tutorial_node_database', 'create table user (id int unsigned not null auto_increment primary key,', "username varchar(255));", "insert into user (username) values ('sree6');", 'select * from user;', 'exit'];
    const t = mysql(['-h', 'db', '-u', 'root', '-p'], typed);
    expect(t).toBe(
      'Enter password: ' +
        'Welcome to the MySQL monitor.  Commands end with ; or \\g.\nYour MySQL connection id is 8\nServer version: 8.4.7 MySQL Community Server - GPL\n\n' +
        'Copyright (c) 2000, 2025, Oracle and/or its affiliates.\n\nOracle is a registered trademark of Oracle Corporation and/or its\n' +
        'affiliates. Other names may be trademarks of their respective\nowners.\n\n' +
        "Type 'help;' or '\\h' for help. Type '\\c' to clear the current input statement.\n\n" +
        'mysql> ' +
        '+------------------------+\n| Database               |\n+------------------------+\n| information_schema     |\n| mysql                  |\n' +
        '| performance_schema     |\n| sys                    |\n| tutorial_node_database |\n+------------------------+\n5 rows in set (0.00 sec)\n\n' +
        'mysql> Database changed\n' +
        'mysql>     -> Query OK, 0 rows affected (0.02 sec)\n\n' +
        'mysql> Query OK, 1 row affected (0.01 sec)\n\n' +
        'mysql> +----+----------+\n| id | username |\n+----+----------+\n|  1 | sree6    |\n+----+----------+\n1 row in set (0.00 sec)\n\n' +
        'mysql> Bye\n',
    );
    expect(mysqlStoreOf(server.ctx.fs)?.records('tutorial_node_database', 'user')).toEqual([{ id: 1, username: 'sree6' }]);
  });

  it('denies a wrong password and reports unknown databases and hosts', () => {
    const { mysql, wait } = lab();
    wait(FIRST_START_READY_S);
    expect(mysql(['-h', 'db', '-uroot', '-pwrong'])).toContain("ERROR 1045 (28000): Access denied for user 'root'@'10.0.0.1' (using password: YES)\n");
    expect(mysql(['-h', 'db', '-uroot'])).toBe("ERROR 1045 (28000): Access denied for user 'root'@'10.0.0.1' (using password: NO)\n");
    expect(mysql(['-h', 'db', '-uroot', '--password=secret', 'nosuch'])).toContain("ERROR 1049 (42000): Unknown database 'nosuch'\n");
    expect(mysql(['-h', 'nowhere', '-uroot', '-psecret'])).toContain("ERROR 2005 (HY000): Unknown MySQL server host 'nowhere' (-2)\n");
    expect(mysql(['-uroot', '-psecret'])).toContain("ERROR 2002 (HY000): Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)\n");
    expect(mysql(['-h', 'db', '-uroot', '-psecret', '-e', 'use tutorial_node_database; select * from user'])).toContain(
      "ERROR 1146 (42S02) at line 1: Table 'tutorial_node_database.user' doesn't exist\n",
    );
  });

  it('prints tab-separated rows for statements on stdin', () => {
    const { mysql, wait } = lab();
    wait(FIRST_START_READY_S);
    const out = mysql(['-h', 'db', '-uroot', '-psecret', 'tutorial_node_database'], [], 'create table t (a int, b varchar(10));\ninsert into t values (1, NULL);\nselect * from t;\n');
    expect(out).toContain('a\tb\n1\tNULL\n');
  });

  it('exits at start when no root password option is given', () => {
    const { server, wait } = lab({});
    wait(2);
    expect(server.exitStatus).toBe(1);
    expect(server.logText()).toContain('[ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n    You need to specify one of the following as an environment variable:\n');
  });

  it('parses the options as the client does', () => {
    expect(parseMysqlArgs(['-uroot', '-p', '-hdb', 'shop'])).toEqual({ ok: true, options: expect.objectContaining({ user: 'root', password: null, host: 'db', database: 'shop' }) });
    expect(parseMysqlArgs(['--frob'])).toEqual({ ok: false, status: 7, err: "mysql: [ERROR] unknown option '--frob'.\n" });
  });
});
