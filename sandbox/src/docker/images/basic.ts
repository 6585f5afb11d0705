/**
 * The shell images: alpine and busybox (busybox applets: sh, ping, wget, ip ...) and ubuntu (bash,
 * no ping and no ip: reference/docker.md §4.3–4.4). Ids, digests and layers are fixed made-up hex.
 * Version facts: alpine 3.21, busybox 1.37, ubuntu 24.04 (noble).
 */
import type { Vfs } from '../../fs/vfs';
import { registerImage } from '../service';
import { busyboxPingCommand } from '../../commands/busybox/ping';
import { busyboxIpCommand } from '../../commands/busybox/ip';
import { aptCommand, aptGetCommand } from './ubuntu-apt';

const BUSYBOX_PROGRAMS = [
  'sh', 'ash', 'ping', 'wget', 'ip', 'ifconfig', 'route', 'arp', 'cat', 'ls', 'hostname', 'sleep', 'grep', 'head',
  'tail', 'wc', 'sort', 'uniq', 'traceroute', 'nslookup',
];

/** Applets whose output differs from the lab machine's tools (the rest run the emulator's commands). */
const BUSYBOX_COMMANDS = [busyboxPingCommand, busyboxIpCommand];

function baseFiles(fs: Vfs, osRelease: string): void {
  for (const d of ['/bin', '/etc', '/root', '/tmp', '/usr/bin', '/var', '/home', '/proc', '/dev', '/sys']) fs.mkdir(d, true);
  if (osRelease) fs.writeFile('/etc/os-release', osRelease);
}

registerImage({
  repository: 'alpine', tags: ['latest', '3.21', '3'],
  id: 'aded1e1a5b3705116fa0a92ba074a5e0b0031647d9c315983ccba2ee5428ec8b',
  digest: 'sha256:a8560b36e8b8210634f77d9f7f9efd7ffa463e380b75e2e74aff4511df3ef88c',
  layers: ['f18232174bc9'], size: '7.83MB', created: 1738782000,
  entrypoint: [], cmd: ['/bin/sh'], env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
  exposedPorts: [], workingDir: '/', shell: 'ash', programs: BUSYBOX_PROGRAMS, commands: BUSYBOX_COMMANDS,
  files: (fs) =>
    baseFiles(fs,
      'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.21.3\nPRETTY_NAME="Alpine Linux v3.21"\n' +
      'HOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n'),
});

registerImage({
  repository: 'busybox', tags: ['latest', '1.37', 'stable'],
  id: '6d3e4188a38af91b0c1577b9e88c53368926b2fe0e1fb985d6e8a70040520c4d',
  digest: 'sha256:37f7b378a29ceb4c551b1b5582e27747b855bbfaa73fa11914fe0df028dc581f',
  layers: ['9c0abc9c5bd3'], size: '4.27MB', created: 1727395200,
  entrypoint: [], cmd: ['sh'], env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
  exposedPorts: [], workingDir: '/', shell: 'ash', programs: BUSYBOX_PROGRAMS, commands: BUSYBOX_COMMANDS,
  files: (fs) => baseFiles(fs, ''),
});

registerImage({
  repository: 'ubuntu', tags: ['latest', '24.04', 'noble'],
  id: 'a04dc4851cbcbb42b54d1f52a41f5f9eca6a5fd03748c3f6eb2cbeb238ca99bd',
  digest: 'sha256:72297848456d5d37d1262630108ab308d3e9ec7ed1c3286a32fe09856619a782',
  layers: ['5a7813e071bf'], size: '78.1MB', created: 1738108800,
  entrypoint: [], cmd: ['/bin/bash'], env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
  exposedPorts: [], workingDir: '/', shell: 'bash',
  programs: ['bash', 'sh', 'cat', 'ls', 'hostname', 'sleep', 'grep', 'head', 'tail', 'wc', 'sort', 'uniq'],
  // ping arrives with `apt-get install iputils-ping` (ubuntu-apt.ts writes /usr/bin/ping).
  commands: [aptGetCommand, aptCommand],
  files: (fs) =>
    baseFiles(fs,
      'PRETTY_NAME="Ubuntu 24.04.2 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nVERSION="24.04.2 LTS (Noble Numbat)"\n' +
      'VERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\nHOME_URL="https://www.ubuntu.com/"\n'),
});
