/**
 * A ServiceContext (docker/service.ts) built on a plain Mininet host, so the application images
 * can be tested without the Docker engine: the host's network namespace, a fresh filesystem,
 * the given environment, logs collected in memory, names resolved from a table. For tests only.
 */
import type { Host } from '../../devices/host';
import { Vfs } from '../../fs/vfs';
import { LAB_EPOCH_SECONDS } from '../../sim/calendar';
import { Rng } from '../../sim/rng';
import type { Ipv4 } from '../../wire/addr';
import { parseIpv4 } from '../../wire/addr';
import type { ContainerService, ServiceContext, StopSignal } from '../service';
import type { Proc } from '../../shell/process';
import { Job } from '../../shell/process';

export interface TestService {
  readonly ctx: ServiceContext;
  /** stdout and stderr as written, in order; each chunk tagged. */
  readonly logs: Array<{ stream: 'stdout' | 'stderr'; text: string }>;
  /** All log text, both streams, in order (what `docker logs` shows). */
  logText(): string;
  /** The status given to ctx.exit or returned by the main process, once it ended. */
  exitStatus: number | undefined;
  /** `docker stop`/`kill`: the service's stop(signal), then the container ends (137 if it ignored the signal). */
  stop(signal: StopSignal): void;
}

export function startOnHost(
  host: Host,
  service: ContainerService,
  opts: { name?: string; env?: Record<string, string>; names?: Record<string, string>; fs?: Vfs; args?: string[] } = {},
): TestService {
  const sched = host.net.sched;
  const logs: TestService['logs'] = [];
  let pid = 28;
  let stopped = false;
  const t: TestService = {
    ctx: undefined as unknown as ServiceContext,
    logs,
    logText: () => logs.map((l) => l.text).join(''),
    exitStatus: undefined,
    stop: (signal) => {
      const status = service.stop(signal);
      t.ctx.exit(status ?? 137);
    },
  };
  const ctx: ServiceContext = {
    host,
    fs: opts.fs ?? new Vfs(() => sched.now),
    env: new Map(Object.entries(opts.env ?? {})),
    args: opts.args ?? [],
    name: opts.name ?? host.name,
    id: '0'.repeat(64),
    hostname: host.name,
    rng: new Rng(7),
    stdout: (text) => logs.push({ stream: 'stdout', text }),
    stderr: (text) => logs.push({ stream: 'stderr', text }),
    now: () => sched.now,
    wallSeconds: () => LAB_EPOCH_SECONDS + sched.now / 1e6,
    after: (us, fn) => {
      const h = sched.after(us, () => {
        if (!stopped) fn();
      });
      return () => sched.cancel(h);
    },
    resolve: (name: string): Ipv4 | undefined => {
      const direct = parseIpv4(name);
      if (direct !== undefined) return direct;
      if (name === 'localhost') return 0x7f000001;
      const v = opts.names?.[name];
      return v === undefined ? undefined : parseIpv4(v);
    },
    exit: (status) => {
      if (stopped) return;
      stopped = true;
      t.exitStatus = status;
    },
    allocPid: () => ++pid,
  };
  (t as { ctx: ServiceContext }).ctx = ctx;
  const proc: Proc | void = service.start(ctx);
  if (proc) {
    const job = new Job(sched, proc, (m) => logs.push({ stream: 'stderr', text: `crash: ${m}\n` }));
    job.onExit((s) => ctx.exit(s));
    job.start();
  }
  return t;
}
