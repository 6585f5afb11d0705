/**
 * The nginx image (nginx/docker-nginx mainline, Debian bookworm): ENTRYPOINT
 * ["/docker-entrypoint.sh"], CMD ["nginx", "-g", "daemon off;"], EXPOSE 80, STOPSIGNAL SIGQUIT;
 * curl is installed, ping and ip are not (reference/docker.md §4.3, §5.1). Ids are made-up hex.
 */
import { registerImage } from '../../service';
import { nginxCommand } from './command';
import { NGINX_VERSION, writeNginxFiles } from './files';
import { nginxService } from './nginx';

registerImage({
  repository: 'nginx', tags: ['latest', NGINX_VERSION, '1.27', 'mainline'],
  id: 'b52e0b094bc0e26c9eddc9e4ab7a64ce0033c3360d8b7ad4ff4132c4e03e8f7b',
  digest: 'sha256:124b44bfc9ccd1f3cedf4b592d4d1e8bddb78b51ec2ed5056c52d3692baebc19',
  layers: ['7cf63256a31a', 'bf9acace214a', '513c3649bb14', 'd014f92d532d', '9dd21ad5a4a6', '943ea0f0c2e4', '103f50cb3e9f'],
  size: '192MB', created: 1738753592,
  entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'],
  env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', `NGINX_VERSION=${NGINX_VERSION}`, 'NJS_VERSION=0.8.9', 'NJS_RELEASE=1~bookworm', 'PKG_RELEASE=1~bookworm', 'DYNPKG_RELEASE=1~bookworm'],
  exposedPorts: ['80/tcp'], workingDir: '/', stopSignal: 'SIGQUIT', shell: 'bash',
  programs: ['bash', 'sh', 'cat', 'ls', 'hostname', 'sleep', 'grep', 'head', 'tail', 'wc', 'sort', 'uniq', 'curl', 'nginx'],
  commands: [nginxCommand],
  files: writeNginxFiles,
  service: () => nginxService(),
});
