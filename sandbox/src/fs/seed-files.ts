/** The files a fresh lab machine has (Ubuntu 22.04 with Mininet installed from the archive). */
import type { Vfs } from './vfs';
import { seedOnosFiles } from '../onos/files';

export function seedFilesystem(fs: Vfs): void {
  for (const d of ['/root', '/tmp', '/home', '/etc', '/var/log', '/opt', '/usr/share/doc/mininet/examples', '/proc/sys/net/ipv4']) {
    fs.mkdir(d, true);
  }
  fs.chmod('/root', 0o700);
  fs.chmod('/tmp', 0o1777);
  // Ubuntu's skeleton files (/etc/skel), abridged to what matters here.
  fs.writeFile('/root/.bashrc', '# ~/.bashrc: executed by bash(1) for non-login shells.\n\n[ -z "$PS1" ] && return\n\nHISTCONTROL=ignoreboth\nshopt -s histappend\n');
  fs.writeFile('/root/.profile', '# ~/.profile: executed by Bourne-compatible login shells.\n\nif [ "$BASH" ]; then\n  if [ -f ~/.bashrc ]; then\n    . ~/.bashrc\n  fi\nfi\n\nmesg n 2> /dev/null || true\n');
  fs.writeFile('/etc/hostname', 'master1\n');
  fs.writeFile(
    '/etc/hosts',
    '127.0.0.1 localhost\n127.0.1.1 master1\n\n# The following lines are desirable for IPv6 capable hosts\n' +
      '::1     ip6-localhost ip6-loopback\nfe00::0 ip6-localnet\nff00::0 ip6-mcastprefix\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n',
  );
  // Ubuntu's /etc/sysctl.conf (procps), abridged: every setting commented out.
  fs.writeFile(
    '/etc/sysctl.conf',
    '#\n# /etc/sysctl.conf - Configuration file for setting system variables\n# See /etc/sysctl.d/ for additional system variables.\n' +
      '# See sysctl.conf (5) for information.\n#\n\n#kernel.domainname = example.com\n\n' +
      '# Uncomment the next line to enable packet forwarding for IPv4\n#net.ipv4.ip_forward=1\n',
  );
  fs.writeFile('/etc/resolv.conf', 'nameserver 127.0.0.53\noptions edns0 trust-ad\nsearch .\n');
  fs.writeFile(
    '/etc/os-release',
    'PRETTY_NAME="Ubuntu 22.04.4 LTS"\nNAME="Ubuntu"\nVERSION_ID="22.04"\nVERSION="22.04.4 LTS (Jammy Jellyfish)"\n' +
      'VERSION_CODENAME=jammy\nID=ubuntu\nID_LIKE=debian\nHOME_URL="https://www.ubuntu.com/"\nUBUNTU_CODENAME=jammy\n',
  );
  // ONOS 2.7.0 unpacked into /opt/onos and installed as a service.
  seedOnosFiles(fs);
}
