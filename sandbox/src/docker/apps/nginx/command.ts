/**
 * The `nginx` program inside the nginx container, for the controls a lesson uses:
 * `nginx -t` (test the configuration), `nginx -s reload|quit|stop` (signal the running master),
 * `nginx -v` / `-V`. Messages as nginx 1.27 prints them (src/core/nginx.c), on stderr.
 * Starting a second nginx is not supported in this sandbox (the container's main process is it).
 */
import type { CommandSpec } from '../../../shell/registry';
import { done } from '../../../shell/process';
import type { Proc } from '../../../shell/process';
import type { ExecContext } from '../../../shell/context';
import { loadConfig, MAIN_CONF } from './config';
import { nginxOf } from './nginx';
import { NGINX_VERSION } from './files';

function* runNginx(ctx: ExecContext, argv: readonly string[]): Proc {
  const a = argv.join(' ');
  if (a === '-v') {
    ctx.err(`nginx version: nginx/${NGINX_VERSION}\n`);
    return 0;
  }
  if (a === '-V') {
    ctx.err(`nginx version: nginx/${NGINX_VERSION}\nbuilt by gcc 12.2.0 (Debian 12.2.0-14)\nbuilt with OpenSSL 3.0.15 3 Sep 2024\nTLS SNI support enabled\n`);
    return 0;
  }
  if (a === '-t' || a === '-T') {
    const c = loadConfig(ctx.fs);
    const running = nginxOf(ctx.fs);
    const msg = !c.ok ? c.message : running?.test();
    if (msg !== undefined) {
      ctx.err(`nginx: [emerg] ${msg}\nnginx: configuration file ${MAIN_CONF} test failed\n`);
      return 1;
    }
    ctx.err(`nginx: the configuration file ${MAIN_CONF} syntax is ok\nnginx: configuration file ${MAIN_CONF} test is successful\n`);
    return 0;
  }
  const s = /^-s\s+(\S+)$/.exec(a);
  if (s) {
    const sig = s[1]!;
    if (!['stop', 'quit', 'reopen', 'reload'].includes(sig)) {
      ctx.err(`nginx: invalid option: "-s ${sig}"\n`);
      return 1;
    }
    const running = nginxOf(ctx.fs);
    if (!running) {
      ctx.err('nginx: [error] invalid PID number "" in "/run/nginx.pid"\n');
      return 1;
    }
    const pid = ctx.sandbox.allocPid();
    ctx.err(`${running.logTime()} [notice] ${pid}#${pid}: signal process started\n`);
    if (sig === 'reload') running.reload(pid);
    else if (sig !== 'reopen') ctx.err(`nginx: -s ${sig} from inside the container is not supported in this sandbox (use docker stop)\n`);
    return 0;
  }
  ctx.err('nginx: only -t, -T, -v, -V and -s reload are supported in this sandbox\n');
  return 1;
}

export const nginxCommand: CommandSpec = {
  name: 'nginx',
  family: 'docker',
  summary: 'control the nginx of this container (test the configuration, reload it)',
  usage: 'nginx [-t | -v | -V | -s reload]',
  where: 'any',
  options: ['-t', '-T', '-v', '-V', '-s'],
  run: (ctx, argv) => (argv.length === 0 ? (ctx.err('nginx: only -t, -T, -v, -V and -s reload are supported in this sandbox\n'), done(1)) : runNginx(ctx, argv)),
};
