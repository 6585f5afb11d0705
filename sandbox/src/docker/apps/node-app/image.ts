/**
 * The lesson's app image: node:22 (Debian bookworm) with the app of files.ts in /usr/src/app,
 * ENTRYPOINT ["docker-entrypoint.sh"], CMD ["npm", "start"], EXPOSE 7555. Its main process is
 * app.ts. The repository name is the project's (APP_IMAGE); ids are fixed made-up hex.
 */
import type { Vfs } from '../../../fs/vfs';
import { registerImage } from '../../service';
import { userAppService } from './app';
import { nodeCommand, npmCommand } from './commands';
import { APP_DIR, APP_FILES, NODE_VERSION } from './files';

export const APP_IMAGE = 'tutorial-node-database';

function files(fs: Vfs): void {
  for (const d of ['/bin', '/etc', '/root', '/tmp', '/usr/bin', '/usr/local/bin', '/proc', '/dev', '/sys', `${APP_DIR}/public`, `${APP_DIR}/migrations`, `${APP_DIR}/node_modules`]) {
    fs.mkdir(d, true);
  }
  fs.writeFile('/etc/os-release', 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\n');
  for (const [path, text] of Object.entries(APP_FILES)) fs.writeFile(`${APP_DIR}/${path}`, text);
}

registerImage({
  repository: APP_IMAGE, tags: ['latest', '1.0.0'],
  id: '8f3b2c1d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9',
  digest: 'sha256:3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b',
  layers: ['fd674058ff8f', 'ab1d8cd6e1f3', '4f9d6c2b1e7a', '9a8b7c6d5e4f', '1e2d3c4b5a69', 'c0ffee123456'],
  size: '1.13GB', created: 1767600000, local: true,
  entrypoint: ['docker-entrypoint.sh'], cmd: ['npm', 'start'],
  env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', `NODE_VERSION=${NODE_VERSION.slice(1)}`, 'YARN_VERSION=1.22.22'],
  exposedPorts: ['7555/tcp'], workingDir: APP_DIR, shell: 'bash',
  programs: ['bash', 'sh', 'npm', 'node', 'cat', 'ls', 'hostname', 'sleep', 'grep', 'head', 'tail', 'wc', 'sort', 'uniq', 'curl'],
  files,
  commands: [npmCommand, nodeCommand],
  // The CMD (npm start, or node .) runs the app as PID 1; any other command (bash) runs instead,
  // and the learner can start the app by hand with `docker exec`.
  service: (args) => (args.length === 0 || args.join(' ') === 'npm start' || args.join(' ') === 'node .' ? userAppService() : undefined),
});
