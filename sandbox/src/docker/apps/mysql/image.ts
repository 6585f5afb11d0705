/**
 * The mysql image (docker-library/mysql 8.4, Oracle Linux 9 base): ENTRYPOINT
 * ["docker-entrypoint.sh"], CMD ["mysqld"], EXPOSE 3306 33060, bash, and the `mysql` client for
 * `docker exec -it db mysql -u root -p`. Ids, digest and layers are fixed made-up hex.
 */
import type { Vfs } from '../../../fs/vfs';
import { registerImage } from '../../service';
import { mysqlCommand } from './client';
import { mysqldService } from './mysqld';

function files(fs: Vfs): void {
  for (const d of ['/bin', '/etc/mysql/conf.d', '/root', '/tmp', '/usr/bin', '/usr/sbin', '/var/lib/mysql', '/var/run/mysqld', '/docker-entrypoint-initdb.d', '/proc', '/dev', '/sys']) {
    fs.mkdir(d, true);
  }
  fs.writeFile('/etc/os-release', 'NAME="Oracle Linux Server"\nVERSION="9.6"\nID="ol"\nVERSION_ID="9.6"\nPRETTY_NAME="Oracle Linux Server 9.6"\n');
  fs.writeFile('/etc/my.cnf', '[mysqld]\nhost-cache-size=0\nskip-name-resolve\ndatadir=/var/lib/mysql\nsocket=/var/run/mysqld/mysqld.sock\n' +
    'secure-file-priv=/var/lib/mysql-files\nuser=mysql\n\npid-file=/var/run/mysqld/mysqld.pid\n[client]\nsocket=/var/run/mysqld/mysqld.sock\n\n!includedir /etc/mysql/conf.d/\n');
}

registerImage({
  repository: 'mysql', tags: ['latest', '8', '8.4', '8.4.7', 'lts'],
  id: '5568fddd4f66e4a0c3e6c0a9c3a1f0e4b7f2d0b6f3c5a1e7d9b2c4f6a8e0d1c3',
  digest: 'sha256:0d1c8ec2b6a1f4e7c9d2a3b5e8f1c4d7a0b3e6f9c2d5a8b1e4f7c0d3a6b9e2f5',
  layers: ['2c0a233485c3', 'b746eccf8a0b', '570d30cf82c5', 'c7d84c48f09d', 'e9ecf1ccdd2a', '6331406986f7', 'f93598758d10', '6c136cb242f2', 'd255d476cfed', 'fbfe5b2bd8d4'],
  size: '797MB', created: 1760400000,
  entrypoint: ['docker-entrypoint.sh'], cmd: ['mysqld'],
  env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'GOSU_VERSION=1.17', 'MYSQL_MAJOR=8.4', 'MYSQL_VERSION=8.4.7-1.el9', 'MYSQL_SHELL_VERSION=8.4.7-1.el9'],
  exposedPorts: ['3306/tcp', '33060/tcp'], workingDir: '/', shell: 'bash',
  programs: ['bash', 'sh', 'cat', 'ls', 'hostname', 'sleep', 'grep', 'head', 'tail', 'wc', 'sort', 'uniq', 'mysql'],
  commands: [mysqlCommand],
  files,
  service: () => mysqldService(),
});
