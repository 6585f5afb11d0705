/**
 * /opt/onos/bin/onos-service (ONOS 2.x tarball, reference/onos.md §1.1): runs Karaf as
 * `karaf server <args>`. Karaf's bin/karaf treats `stop` and `status` as its Stop and Status
 * mains; any other word (start, restart, ...) just starts the container in the foreground with
 * no local console, and because karaf.log.console=INFO the terminal fills with log lines until
 * Ctrl-C, which shuts ONOS down. With `&` it runs as a background job writing to the terminal.
 * Messages are Karaf's (bin/karaf checkRootInstance; org.apache.karaf.main.Stop and Status).
 * The Karaf helpers here serve `service onos` and `systemctl ... onos` too.
 */
import type { CommandSpec } from '../../shell/registry';
import type { ExecContext } from '../../shell/context';
import type { Proc, Wait, Wake } from '../../shell/process';
import { Signal, waitFor } from '../../shell/process';
import type { Onos } from '../../onos/onos';
import { KARAF_HOME, consoleLine } from '../../onos/karaf-log';

const PORT_FILE = `${KARAF_HOME}/data/port`;

/** bin/karaf's refusal to start a second root instance. */
export function alreadyRunningText(onos: Onos): string {
  return `There is a Root instance already running with name root and pid ${onos.pid ?? 0}. If you know what you are doing and want to force the run anyway, export CHECK_ROOT_INSTANCE_RUNNING=false and re run the command.\n`;
}

/** Karaf's Stop main (bin/stop): 0 when a shutdown was sent. */
export function karafStop(ctx: ExecContext): number {
  const onos = ctx.sandbox.onos;
  if (!ctx.sandbox.fs.exists(PORT_FILE)) {
    ctx.err(`${PORT_FILE} shutdown port file doesn't exist. The container is not running.\n`);
    return 3;
  }
  if (onos.status === 'stopped') {
    ctx.err("Can't connect to the container. The container is not running.\n");
    return 1;
  }
  onos.stop();
  return 0;
}

/** Karaf's Status main (bin/status): 0 while the container runs. */
export function karafStatus(ctx: ExecContext): number {
  const onos = ctx.sandbox.onos;
  if (!ctx.sandbox.fs.exists(PORT_FILE)) {
    ctx.err(`${PORT_FILE} port file doesn't exist. The container is not running.\n`);
    return 3;
  }
  if (onos.status === 'stopped') {
    ctx.out('Not Running ...\n');
    return 1;
  }
  ctx.out('Running ...\n');
  return 0;
}

/** Wait until ONOS's status changes, or `timeoutUs` passes; the wake reason. */
export function* statusChange(ctx: ExecContext, timeoutUs?: number): Generator<Wait, Wake, Wake> {
  const sig = new Signal(ctx.net.sched);
  const off = ctx.sandbox.onos.onStatus(() => sig.fire());
  try {
    return yield waitFor(sig, timeoutUs);
  } finally {
    off();
  }
}

/** Wait (bounded) until ONOS has stopped; false if it did not within `limitUs`. */
export function* waitStopped(ctx: ExecContext, limitUs = 10_000_000): Generator<Wait, boolean, Wake> {
  const onos = ctx.sandbox.onos;
  const deadline = ctx.sandbox.now + limitUs;
  while (onos.status !== 'stopped' && ctx.sandbox.now < deadline) yield* statusChange(ctx, deadline - ctx.sandbox.now);
  return onos.status === 'stopped';
}

/** Karaf in the foreground: log lines to the terminal until ONOS stops or Ctrl-C stops it. */
function* foreground(ctx: ExecContext): Proc {
  const onos = ctx.sandbox.onos;
  if (onos.status !== 'stopped') {
    ctx.out(alreadyRunningText(onos));
    return 1;
  }
  const offLog = onos.onLog((r) => ctx.out(consoleLine(r)));
  onos.start('shell');
  const run = onos.pid;
  let interrupted = false;
  try {
    while (onos.status !== 'stopped' && onos.pid === run) {
      const w = yield* statusChange(ctx);
      if (w.reason === 'interrupt' && !interrupted) {
        interrupted = true;
        ctx.out('\n');
        onos.stop();
      }
    }
  } finally {
    offLog();
    // Killed (kill -9 of the job): the JVM dies with it.
    if (onos.pid === run) onos.stop();
  }
  return interrupted ? 130 : 0;
}

export const onosServiceCommand: CommandSpec = {
  name: 'onos-service',
  aliases: ['/opt/onos/bin/onos-service'],
  family: 'onos',
  where: 'lab',
  summary: 'run the ONOS controller in this terminal (Ctrl-C stops it), or stop it or ask whether it runs',
  usage: 'onos-service [start|stop|status]',
  run(ctx, argv) {
    // bin/karaf: debug and clean are options; stop and status pick another main; any other word starts Karaf.
    const words = argv.filter((a) => a !== 'debug' && a !== 'clean' && a !== 'server');
    if (words[0] === 'stop') return (function* (): Proc { return karafStop(ctx); })();
    if (words[0] === 'status') return (function* (): Proc { return karafStatus(ctx); })();
    if (argv.includes('clean') && ctx.sandbox.onos.status === 'stopped') ctx.sandbox.onos.clean();
    return foreground(ctx);
  },
};
