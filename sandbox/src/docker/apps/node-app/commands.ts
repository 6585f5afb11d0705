/**
 * `npm start` and `node .` inside the app's container, typed by the learner (the seed post runs
 * `node .` in a shell in the container): the same app as the image's main process (app.ts),
 * in the foreground of the terminal that ran it, until Ctrl-C. `npm start` runs the knex
 * migration first, as the image's CMD does.
 */
import type { CommandSpec } from '../../../shell/registry';
import type { ExecContext } from '../../../shell/context';
import type { Proc, Wake } from '../../../shell/process';
import { ContainerHost } from '../../container';
import type { ServiceContext } from '../../service';
import { userAppService } from './app';
import { APP_DIR } from './files';

function* runApp(ctx: ExecContext, what: string): Proc {
  const node = ctx.node;
  if (!(node instanceof ContainerHost)) {
    ctx.err(`${what}: not supported in this sandbox outside the app's container\n`);
    return 1;
  }
  if (ctx.shell.cwd !== APP_DIR && !ctx.sandbox.fsOf(node).isFile(`${ctx.shell.cwd}/package.json`)) {
    ctx.err(`npm error code ENOENT\nnpm error syscall open\nnpm error path ${ctx.shell.cwd}/package.json\nnpm error errno -2\n` +
      `npm error enoent Could not read package.json: Error: ENOENT: no such file or directory, open '${ctx.shell.cwd}/package.json'\n`);
    return 254;
  }
  const base = ctx.sandbox.docker.serviceContext(node.container);
  let exitStatus: number | undefined;
  // The app's output goes to this terminal, not to `docker logs` (it is not the container's PID 1).
  const svc: ServiceContext = Object.assign(Object.create(base) as ServiceContext, {
    stdout: (t: string) => ctx.out(t),
    stderr: (t: string) => ctx.err(t),
    exit: (s: number) => {
      exitStatus = s;
    },
  });
  const app = userAppService();
  const proc = app.start(svc);
  if (!proc) return 0;
  let r = proc.next({ reason: 'start' });
  while (!r.done) {
    const w: Wake = yield r.value;
    if (w.reason === 'interrupt' || exitStatus !== undefined) {
      app.stop('SIGINT');
      proc.return(130);
      return exitStatus ?? 130;
    }
    r = proc.next(w);
  }
  return r.value;
}

export const npmCommand: CommandSpec = {
  name: 'npm', family: 'docker', where: 'any',
  summary: "run the app's npm scripts (npm start) in the app's container",
  usage: 'npm start',
  run: (ctx, argv) => {
    if (argv[0] !== 'start') {
      return (function* (): Proc {
        ctx.err(`npm: only \`npm start\` is supported in this sandbox\n`);
        return 1;
      })();
    }
    return runApp(ctx, 'npm');
  },
};

export const nodeCommand: CommandSpec = {
  name: 'node', family: 'docker', where: 'any',
  summary: "run the app (node .) in the app's container",
  usage: 'node .',
  run: (ctx, argv) => {
    if (argv[0] !== '.' && argv[0] !== 'index.js') {
      return (function* (): Proc {
        ctx.err(`node: only \`node .\` (the app) is supported in this sandbox\n`);
        return 1;
      })();
    }
    return runApp(ctx, 'node');
  },
};
