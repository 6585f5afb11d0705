import { describe, expect, it } from 'vitest';
import { labSession } from '../../test/lab-session';
import '../docker/apps';
import { evaluateSqlRow } from './sql-checks';

describe('the sqlRow check', () => {
  it('passes once the row is in the table of the mysql container, not before', () => {
    const l = labSession();
    const check = { kind: 'sqlRow' as const, database: 'shop', table: 'user', where: { username: 'alice' } };
    expect(evaluateSqlRow(check, l.sb).passed).toBe(false);
    l.run('docker run -d --name db -e MYSQL_ROOT_PASSWORD=pw -e MYSQL_DATABASE=shop mysql');
    l.run('sleep 10');
    expect(evaluateSqlRow(check, l.sb)).toEqual({ passed: false, detail: 'table shop.user does not exist in db' });
    l.run("docker exec db mysql -uroot -ppw shop -e 'create table user (id int auto_increment primary key, username varchar(20))'");
    l.run("docker exec db mysql -uroot -ppw shop -e \"insert into user (username) values ('bob')\"");
    expect(evaluateSqlRow(check, l.sb).passed).toBe(false);
    l.run("docker exec db mysql -uroot -ppw shop -e \"insert into user (username) values ('alice')\"");
    expect(evaluateSqlRow(check, l.sb).passed).toBe(true);
    expect(evaluateSqlRow({ ...check, where: {}, count: 2 }, l.sb).passed).toBe(true);
    expect(evaluateSqlRow({ ...check, container: 'web' }, l.sb).passed).toBe(false);
  });
});
