/**
 * systemctl (systemd 249, Ubuntu 22.04) for the one unit the sandbox emulates: onos.service,
 * ONOS's init/onos.service (Type=forking, ExecStart=/etc/init.d/onos start). start, stop and
 * restart are silent on success; status prints systemd's block (exit 3 when inactive);
 * is-active prints active or inactive. Unknown units get systemctl's messages.
 */
import type { CommandSpec } from '../../shell/registry';
import type { ExecContext } from '../../shell/context';
import { DAY_NAMES, MONTH_NAMES, labTime, pad2 } from '../../sim/calendar';
import { waitStopped } from './onos-service';

const UNIT_FILE = '/etc/systemd/system/onos.service';
const DESCRIPTION = 'Open Network Operating System';

function unitName(arg: string): string {
  return arg.includes('.') ? arg : `${arg}.service`;
}

/** systemd's timestamp: `Mon 2026-01-12 09:00:05 UTC`. */
function stamp(us: number): string {
  const t = labTime(us);
  return `${DAY_NAMES[t.weekday]} ${t.year}-${pad2(t.month)}-${pad2(t.day)} ${pad2(t.hour)}:${pad2(t.minute)}:${pad2(t.second)} UTC`;
}

/** The unit is active: ONOS was launched as the service (not by hand) and has not stopped. */
function unitActive(onos: ExecContext['sandbox']['onos']): boolean {
  return onos.launcher === 'service' && (onos.status === 'starting' || onos.status === 'running');
}

/** systemd's relative time: `12s ago`, `1min 30s ago`, `2h 5min ago`. */
function ago(us: number): string {
  const s = Math.max(0, Math.floor(us / 1e6));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}min ${s % 60}s ago`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}min ago`;
  return `${Math.floor(s / 86400)} days ago`;
}

/** A journal line: `Jan 12 09:00:05 master1 systemd[1]: ...`. */
function journal(us: number, who: string, msg: string): string {
  const t = labTime(us);
  return `${MONTH_NAMES[t.month - 1]} ${pad2(t.day)} ${pad2(t.hour)}:${pad2(t.minute)}:${pad2(t.second)} master1 ${who}: ${msg}\n`;
}

function status(ctx: ExecContext): number {
  const onos = ctx.sandbox.onos;
  const active = unitActive(onos) && onos.launchedAt !== undefined && onos.pid !== undefined;
  const green = (s: string) => (ctx.isTty ? `\x1b[0;1;32m${s}\x1b[0m` : s);
  const loaded = `     Loaded: loaded (${UNIT_FILE}; disabled; vendor preset: enabled)\n`;
  if (!active) {
    ctx.out(`○ onos.service - ${DESCRIPTION}\n${loaded}     Active: inactive (dead)\n`);
    return 3;
  }
  const since = onos.launchedAt!;
  const pid = onos.pid!;
  const up = ctx.sandbox.now - since;
  const cpu = (2 + Math.min(up / 1e6, 60) * 0.6 + up / 1e6 * 0.02).toFixed(3);
  let s = `${green('●')} onos.service - ${DESCRIPTION}\n${loaded}`;
  s += `     Active: ${green('active (running)')} since ${stamp(since)}; ${ago(up)}\n`;
  s += `    Process: ${pid - 7} ExecStart=/etc/init.d/onos start (code=exited, status=0/SUCCESS)\n`;
  s += `   Main PID: ${pid} (java)\n`;
  s += `      Tasks: ${180 + onos.devices().length * 6} (limit: 9387)\n`;
  s += `     Memory: ${(0.9 + Math.min(up / 1e6, 120) / 400).toFixed(1)}G\n`;
  s += `        CPU: ${cpu}s\n`;
  s += '     CGroup: /system.slice/onos.service\n';
  s += `             └─${pid} /usr/lib/jvm/java-11-openjdk-amd64/bin/java -Xms256m -Xmx2g -Dkaraf.log.console=INFO ... org.apache.karaf.main.Main server\n`;
  s += '\n';
  s += journal(since, 'systemd[1]', `Starting ${DESCRIPTION}...`);
  s += journal(since, `onos[${pid - 7}]`, 'Starting ONOS');
  s += journal(since, 'systemd[1]', `Started ${DESCRIPTION}.`);
  ctx.out(s);
  return 0;
}

export const systemctlCommand: CommandSpec = {
  name: 'systemctl',
  family: 'machine',
  where: 'lab',
  summary: 'control system services (here: the onos unit)',
  usage: 'systemctl start|stop|restart|status|is-active onos',
  *run(ctx, argv) {
    const [verb, unitArg] = argv.filter((a) => !a.startsWith('-'));
    if (verb === undefined) {
      ctx.err('systemctl: listing units is not supported in this sandbox; try: systemctl status onos\n');
      return 1;
    }
    const known = ['start', 'stop', 'restart', 'status', 'is-active'];
    if (!known.includes(verb)) {
      ctx.err(`systemctl ${verb}: not supported in this sandbox (start, stop, restart, status and is-active are)\n`);
      return 1;
    }
    if (unitArg === undefined) {
      if (verb === 'status') return status(ctx);
      ctx.err(`Too few arguments.\n`);
      return 1;
    }
    const unit = unitName(unitArg);
    const onos = ctx.sandbox.onos;
    if (unit !== 'onos.service') {
      if (verb === 'status') {
        ctx.err(`Unit ${unit} could not be found.\n`);
        return 4;
      }
      if (verb === 'is-active') {
        ctx.out('inactive\n');
        return 3;
      }
      ctx.err(`Failed to ${verb} ${unit}: Unit ${unit} not found.\n`);
      return 5;
    }
    switch (verb) {
      case 'start':
        if (onos.status === 'stopped') onos.start('service');
        return 0;
      case 'stop':
        onos.stop();
        yield* waitStopped(ctx);
        return 0;
      case 'restart':
        onos.stop();
        yield* waitStopped(ctx);
        onos.start('service');
        return 0;
      case 'is-active': {
        const active = unitActive(onos);
        ctx.out(active ? 'active\n' : 'inactive\n');
        return active ? 0 : 3;
      }
      default:
        return status(ctx);
    }
  },
};
