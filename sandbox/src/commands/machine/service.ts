/**
 * `service NAME COMMAND` and /etc/init.d/onos: ONOS installed as a service (its
 * init/onos.initd, reference/onos.md §1.1). `start` prints `Starting ONOS` and runs
 * `onos-service server` as a daemon (or says `ONOS/karaf is already running`); `stop` and
 * `status` are Karaf's bin/stop and bin/status. Other services of the machine are not emulated.
 */
import type { CommandSpec } from '../../shell/registry';
import type { ExecContext } from '../../shell/context';
import type { Proc } from '../../shell/process';
import { karafStatus, karafStop, waitStopped } from './onos-service';

const INITD_USAGE = 'Usage: /etc/init.d/onos {start|stop|restart|status}\n';
/** Services a Ubuntu lab machine with Mininet has, which the sandbox does not run as such. */
const KNOWN_ELSEWHERE = new Set(['openvswitch-switch', 'ssh', 'cron', 'rsyslog', 'networking', 'docker', 'procps', 'dbus', 'udev']);

/** The init script's start: a daemon, unless ONOS already runs. */
function startOnos(ctx: ExecContext): number {
  const onos = ctx.sandbox.onos;
  if (onos.status !== 'stopped') {
    ctx.out('ONOS/karaf is already running\n');
    return 0;
  }
  ctx.out('Starting ONOS\n');
  onos.start('service');
  return 0;
}

/** The init script's actions; the exit status. */
export function* onosInit(ctx: ExecContext, action: string | undefined): Proc {
  switch (action) {
    case 'start':
      return startOnos(ctx);
    case 'stop':
    case 'force-stop':
      karafStop(ctx);
      return 0;
    case 'restart':
      karafStop(ctx);
      yield* waitStopped(ctx);
      return startOnos(ctx);
    case 'status':
      return karafStatus(ctx);
    default:
      ctx.err(INITD_USAGE);
      return 1;
  }
}

export const serviceCommand: CommandSpec = {
  name: 'service',
  family: 'machine',
  where: 'lab',
  summary: 'start, stop or query a system service (here: onos)',
  usage: 'service onos start|stop|restart|status',
  *run(ctx, argv) {
    const [name, action] = argv;
    if (name === undefined) {
      ctx.err('Usage: service < option > | --status-all | [ service_name [ command | --full-restart ] ]\n');
      return 1;
    }
    if (name === 'onos') return yield* onosInit(ctx, action);
    if (name.startsWith('-')) {
      ctx.err(`service: ${name}: not supported in this sandbox\n`);
      return 1;
    }
    if (KNOWN_ELSEWHERE.has(name)) {
      ctx.err(`service: ${name}: not supported in this sandbox (only the onos service is emulated)\n`);
      return 1;
    }
    ctx.err(`${name}: unrecognized service\n`);
    return 1;
  },
};

export const initdOnosCommand: CommandSpec = {
  name: '/etc/init.d/onos',
  family: 'onos',
  where: 'lab',
  summary: "ONOS's init script: start, stop, restart or query the controller as a service",
  usage: '/etc/init.d/onos start|stop|restart|status',
  run: (ctx, argv) => onosInit(ctx, argv[0]),
};
