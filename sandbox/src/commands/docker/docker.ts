/**
 * `docker` on the lab machine (Docker 28 CLI, reference/docker.md): network create/ls/inspect/rm,
 * run, ps, start, stop, restart, rm, exec, logs, inspect, images, pull, and the `docker container …`
 * forms. Daemon errors: `Error response from daemon: …` on stderr, exit 1 (run: 125).
 */
import type { CommandSpec } from '../../shell/registry';
import type { ExecContext } from '../../shell/context';
import type { Proc } from '../../shell/process';
import { Job, Signal, readLine, sleep, waitFor } from '../../shell/process';
import { formatIpv4, parseCidr, parseIpv4 } from '../../wire/addr';
import type { DockerEngine, NetworkRequest } from '../../docker/engine';
import type { Container, PortBinding } from '../../docker/container';
import type { DockerNetwork } from '../../docker/network';
import { findImage, parseImageRef } from '../../docker/service';
import type { ImageSpec } from '../../docker/service';
import { shortId } from '../../docker/ids';
import { containerObject, inspectJson, networkObject } from '../../docker/inspect';
import { ContainerShellMode, containerProgram, containerShell, isShellCommand } from '../../docker/container-shell';
import { runBashLine } from '../../shell/bash';
import '../../docker/images/basic';
// The application images of the web-app lesson: nginx, mysql, the Node.js app (docker/apps).
import '../../docker/apps';
import type { FlagDef, ParsedFlags } from './flags';
import { parseFlags } from './flags';
import { formatTable, humanDuration } from './table';
import { evalTemplate } from './go-template';

const DAEMON = 'Error response from daemon: ';

interface Sub {
  readonly usage: string;
  readonly flags: readonly FlagDef[];
  readonly interspersed?: boolean;
  readonly min?: number;
  readonly exact?: number;
  readonly argName?: string;
  run(ctx: ExecContext, f: ParsedFlags, cmd: string): Proc;
}

function usageError(ctx: ExecContext, cmd: string, usage: string, msg: string): number {
  ctx.err(`${msg}\n\nUsage:  ${usage}\n\nRun '${cmd} --help' for more information\n`);
  return 125;
}

function argsError(ctx: ExecContext, cmd: string, usage: string, n: number, atLeast: boolean): number {
  const what = atLeast ? `at least ${n} argument${n === 1 ? '' : 's'}` : `${n} argument${n === 1 ? '' : 's'}`;
  ctx.err(`docker: '${cmd}' requires ${what}\n\nUsage:  ${usage}\n\nRun '${cmd} --help' for more information\n`);
  return 1;
}

function* ret(n: number): Proc {
  return n;
}

const FORMAT: FlagDef = { long: 'format', short: 'f', value: true };

function template(ctx: ExecContext, f: ParsedFlags, objs: unknown[]): number {
  const fmt = f.values.get('format')?.at(-1);
  if (fmt === undefined || fmt === 'json') {
    if (fmt === 'json') for (const o of objs) ctx.out(JSON.stringify(o) + '\n');
    else ctx.out(inspectJson(objs));
    return 0;
  }
  for (const o of objs) {
    const r = evalTemplate(fmt, o);
    if (!r.ok) {
      ctx.err(r.error + '\n');
      return 1;
    }
    ctx.out(r.text + '\n');
  }
  return 0;
}

// ---- networks ----

const networkSubs: Record<string, Sub> = {
  create: {
    usage: 'docker network create [OPTIONS] NETWORK', exact: 1,
    flags: [
      { long: 'driver', short: 'd', value: true }, { long: 'subnet', value: true }, { long: 'gateway', value: true },
      { long: 'ip-range', value: true }, { long: 'internal', value: false }, { long: 'attachable', value: false },
      { long: 'opt', short: 'o', value: true }, { long: 'label', value: true },
    ],
    *run(ctx, f) {
      const eng = ctx.sandbox.docker;
      const name = f.operands[0]!;
      const subnets = f.values.get('subnet') ?? [];
      const gw = f.values.get('gateway') ?? [];
      const ranges = f.values.get('ip-range') ?? [];
      if ((gw.length || ranges.length) && !subnets.length) {
        ctx.err('every ip-range or gateway must have a corresponding subnet\n');
        return 1;
      }
      const subnet = subnets[0] !== undefined ? parseCidr(subnets[0], -1) : undefined;
      if (subnets[0] !== undefined && (!subnet || !/\/\d+$/.test(subnets[0]))) {
        ctx.err(`${DAEMON}invalid network config:\ninvalid subnet ${subnets[0]}: invalid CIDR block notation\n`);
        return 1;
      }
      const sn = subnet ? { net: (subnet.addr & (subnet.prefixLen === 0 ? 0 : (~0 << (32 - subnet.prefixLen)))) >>> 0, prefixLen: subnet.prefixLen } : undefined;
      const gateway = gw[0] !== undefined ? parseIpv4(gw[0]) : undefined;
      if (gw[0] !== undefined && sn && (gateway === undefined || !inNet(gateway, sn))) {
        ctx.err(`no matching subnet for gateway ${gw[0]}\n`);
        return 1;
      }
      const rc = ranges[0] !== undefined ? parseCidr(ranges[0], -1) : undefined;
      if (ranges[0] !== undefined && sn && (!rc || !inNet(rc.addr, sn))) {
        ctx.err(`no matching subnet for range ${ranges[0]}\n`);
        return 1;
      }
      const kv = (xs: string[] | undefined): Record<string, string> =>
        Object.fromEntries((xs ?? []).map((x) => [x.split('=')[0]!, x.split('=').slice(1).join('=')]));
      const r = eng.createNetwork(name, {
        driver: f.values.get('driver')?.at(-1) ?? 'bridge', subnet: sn, gateway,
        ipRange: rc ? { net: rc.addr, prefixLen: rc.prefixLen } : undefined,
        internal: f.bools.has('internal'), attachable: f.bools.has('attachable'), options: kv(f.values.get('opt')), labels: kv(f.values.get('label')),
      });
      if (typeof r === 'string') {
        ctx.err(DAEMON + r + '\n');
        return 1;
      }
      ctx.out(r.id + '\n');
      return 0;
    },
  },
  ls: {
    usage: 'docker network ls [OPTIONS]', exact: 0,
    flags: [{ long: 'quiet', short: 'q', value: false }, { long: 'no-trunc', value: false }, { long: 'filter', short: 'f', value: true }, { long: 'format', value: true }],
    *run(ctx, f) {
      const nets = [...ctx.sandbox.docker.networks].sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
      const id = (s: string): string => (f.bools.has('no-trunc') ? s : shortId(s));
      if (f.bools.has('quiet')) {
        for (const n of nets) ctx.out(id(n.id) + '\n');
        return 0;
      }
      ctx.out(formatTable([['NETWORK ID', 'NAME', 'DRIVER', 'SCOPE'], ...nets.map((n) => [id(n.id), n.name, n.driver, 'local'])]));
      return 0;
    },
  },
  inspect: {
    usage: 'docker network inspect [OPTIONS] NETWORK [NETWORK...]', min: 1,
    flags: [FORMAT, { long: 'verbose', short: 'v', value: false }],
    *run(ctx, f) {
      const eng = ctx.sandbox.docker;
      const objs: unknown[] = [];
      const errs: string[] = [];
      for (const a of f.operands) {
        const n = eng.findNetwork(a);
        if (typeof n === 'string') errs.push(n);
        else objs.push(networkObject(eng, n));
      }
      const s = template(ctx, f, objs);
      for (const e of errs) ctx.err(DAEMON + e + '\n');
      return errs.length ? 1 : s;
    },
  },
  rm: {
    usage: 'docker network rm NETWORK [NETWORK...]', min: 1,
    flags: [{ long: 'force', short: 'f', value: false }],
    *run(ctx, f) {
      const eng = ctx.sandbox.docker;
      let failed = false;
      for (const a of f.operands) {
        const n = eng.findNetwork(a);
        const e = typeof n === 'string' ? (f.bools.has('force') ? undefined : n) : eng.removeNetwork(n);
        if (e) {
          ctx.err(DAEMON + e + '\n');
          failed = true;
        } else if (typeof n !== 'string') ctx.out(a + '\n');
      }
      if (failed) ctx.err('exit status 1\n');
      return failed ? 1 : 0;
    },
  },
  connect: {
    usage: 'docker network connect [OPTIONS] NETWORK CONTAINER', exact: 2,
    flags: [{ long: 'ip', value: true }, { long: 'ip6', value: true }, { long: 'alias', value: true }, { long: 'link', value: true },
      { long: 'link-local-ip', value: true }, { long: 'driver-opt', value: true }, { long: 'gw-priority', value: true }],
    *run(ctx, f, cmd) {
      const eng = ctx.sandbox.docker;
      const [netRef, ctrRef] = f.operands as [string, string];
      const ipText = f.values.get('ip')?.at(-1);
      const ip = ipText !== undefined ? parseIpv4(ipText) : undefined;
      if (ipText !== undefined && ip === undefined) {
        return usageError(ctx, cmd, 'docker network connect [OPTIONS] NETWORK CONTAINER', `invalid argument "${ipText}" for "--ip" flag: invalid string being converted to IP address: ${ipText}`);
      }
      return networkAndContainer(ctx, netRef, ctrRef, (n, c) => eng.connect(c, n, ip, f.values.get('alias') ?? []));
    },
  },
  disconnect: {
    usage: 'docker network disconnect [OPTIONS] NETWORK CONTAINER', exact: 2,
    flags: [{ long: 'force', short: 'f', value: false }],
    *run(ctx, f) {
      const eng = ctx.sandbox.docker;
      const [netRef, ctrRef] = f.operands as [string, string];
      return networkAndContainer(ctx, netRef, ctrRef, (n, c) => eng.disconnect(c, n));
    },
  },
  prune: {
    usage: 'docker network prune [OPTIONS]', exact: 0,
    flags: [{ long: 'force', short: 'f', value: false }, { long: 'filter', value: true }],
    *run(ctx, f) {
      if (!f.bools.has('force')) {
        ctx.out('WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue? [y/N] ');
        ctx.net.sched.after(0, () => ctx.session.inputRequested());
        const w = yield readLine();
        if (w.reason !== 'input') {
          ctx.out('\n');
          return 1;
        }
        // Only y or Y confirms (cli PromptForConfirmation); "network prune has been cancelled" is not printed (§2.6).
        if (!/^\s*y\s*$/i.test(w.line ?? '')) return 0;
      }
      const deleted = ctx.sandbox.docker.pruneNetworks();
      if (deleted.length) ctx.out(`Deleted Networks:\n${deleted.map((d) => d + '\n').join('')}\n`);
      return 0;
    },
  },
};
networkSubs['list'] = networkSubs['ls']!;
networkSubs['remove'] = networkSubs['rm']!;

function inNet(ip: number, s: { net: number; prefixLen: number }): boolean {
  const m = s.prefixLen === 0 ? 0 : (~0 << (32 - s.prefixLen)) >>> 0;
  return ((ip & m) >>> 0) === ((s.net & m) >>> 0);
}

// ---- images ----

/** Pull an image if missing: the progress lines go to stderr for run, stdout for pull (§3.2). */
function ensureImage(ctx: ExecContext, ref: string, toErr: boolean): { spec: ImageSpec; tag: string } | undefined {
  const eng = ctx.sandbox.docker;
  const { repository, tag } = parseImageRef(ref);
  const found = findImage(ref);
  const key = `${repository}:${tag}`;
  if (found && eng.pulled.has(key)) return found;
  const w = toErr ? (t: string): void => ctx.err(t) : (t: string): void => ctx.out(t);
  if (toErr) w(`Unable to find image '${key}' locally\n`);
  if (!found) {
    ctx.err(
      `${toErr ? 'docker: ' : ''}${DAEMON}pull access denied for ${repository}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied` +
        (toErr ? `\n\nRun 'docker run --help' for more information\n` : '\n'),
    );
    return undefined;
  }
  w(`${tag}: Pulling from library/${repository}\n`);
  for (const l of found.spec.layers) w(`${l}: Pull complete\n`);
  w(`Digest: ${found.spec.digest}\n`);
  w(`Status: Downloaded newer image for ${key}\n`);
  if (!toErr) w(`docker.io/library/${key}\n`);
  eng.pulled.add(key);
  return found;
}

// ---- containers ----

function lookup(ctx: ExecContext, ref: string): Container | undefined {
  const c = ctx.sandbox.docker.findContainer(ref);
  if (!c) ctx.err(`${DAEMON}No such container: ${ref}\n`);
  return c;
}

function commandText(c: Container): string {
  const s = c.commandLine.map((a) => (a.includes(' ') ? `'${a}'` : a)).join(' ');
  const chars = [...s];
  return '"' + (chars.length > 20 ? chars.slice(0, 19).join('') + '…' : s) + '"';
}

function statusText(eng: DockerEngine, c: Container): string {
  const now = eng.sandbox.now;
  if (c.state === 'running') return `Up ${humanDuration(now - (c.startedAt ?? now))}`;
  if (c.state === 'created') return 'Created';
  return `Exited (${c.exitCode}) ${humanDuration(now - (c.finishedAt ?? now))} ago`;
}

function portsText(c: Container): string {
  const pub = c.config.ports.map((p) => `0.0.0.0:${p.hostPort}->${p.containerPort}/${p.proto}, [::]:${p.hostPort}->${p.containerPort}/${p.proto}`);
  const exposed = c.image.exposedPorts.filter((e) => !c.config.ports.some((p) => `${p.containerPort}/${p.proto}` === e));
  return [...exposed, ...pub].join(', ');
}

/** Run a command (or a shell line) in a container, output to the terminal; returns its status. */
/**
 * network connect/disconnect: the API router finds the network first, then the daemon the
 * container (moby network_routes.go); the action's error, if any, is the daemon's.
 */
function networkAndContainer(
  ctx: ExecContext, netRef: string, ctrRef: string, action: (n: DockerNetwork, c: Container) => string | undefined,
): number {
  const n = ctx.sandbox.docker.findNetwork(netRef);
  if (typeof n === 'string') {
    ctx.err(DAEMON + n + '\n');
    return 1;
  }
  const c = lookup(ctx, ctrRef);
  if (!c) return 1;
  const e = action(n, c);
  if (e) {
    ctx.err(DAEMON + e + '\n');
    return 1;
  }
  return 0;
}

function* execIn(ctx: ExecContext, c: Container, argv: readonly string[], out: (t: string) => void): Proc {
  const shell = containerShell(ctx.sandbox, c);
  return yield* runBashLine(ctx.sandbox, ctx.session, shell, argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' '), out, { interactive: false });
}

/** Attach a shell on the terminal until exit; the container ends with the shell when it is PID 1. */
function* attachShell(ctx: ExecContext, c: Container, isMain: boolean): Proc {
  const mode = new ContainerShellMode(ctx.sandbox, c, containerShell(ctx.sandbox, c));
  const popped = ctx.session.pushMode(mode);
  yield waitFor(popped);
  if (isMain) ctx.sandbox.docker.exited(c, mode.exitStatus);
  return mode.exitStatus;
}

/** Wait for a container to exit, streaming its log to the terminal. */
/**
 * Stream the container's output until it exits. `since`: log entries already written (by a main
 * process that ran at start) to show first. `interrupted`: what Ctrl-C does to the client —
 * `docker logs -f` dies of SIGINT (bash then starts a new line; status 130).
 */
function* followUntilExit(ctx: ExecContext, c: Container, since = c.logs.length, onInterrupt?: () => number): Proc {
  const sig = new Signal(ctx.net.sched);
  const off = (e: { stream: string; text: string }): void => (e.stream === 'stderr' ? ctx.err(e.text) : ctx.out(e.text));
  for (const e of c.logs.slice(since)) off(e);
  c.logListeners.add(off);
  try {
    while (c.running) {
      const w = yield waitFor(sig, 100_000);
      if (w.reason === 'interrupt') {
        if (onInterrupt) return onInterrupt();
        break;
      }
    }
  } finally {
    c.logListeners.delete(off);
  }
  return c.exitCode;
}

const RUN_FLAGS: FlagDef[] = [
  { long: 'detach', short: 'd', value: false }, { long: 'interactive', short: 'i', value: false }, { long: 'tty', short: 't', value: false },
  { long: 'name', value: true }, { long: 'network', value: true }, { long: 'net', value: true }, { long: 'ip', value: true },
  { long: 'publish', short: 'p', value: true }, { long: 'rm', value: false }, { long: 'env', short: 'e', value: true },
  { long: 'volume', short: 'v', value: true }, { long: 'hostname', short: 'h', value: true }, { long: 'network-alias', value: true },
  { long: 'entrypoint', value: true },
];

function* runContainer(ctx: ExecContext, f: ParsedFlags, create: boolean): Proc {
  const eng = ctx.sandbox.docker;
  const [ref, ...cmd] = f.operands as [string, ...string[]];
  const usage = `docker ${create ? 'create' : 'run'} [OPTIONS] IMAGE [COMMAND] [ARG...]`;
  const ports: PortBinding[] = [];
  for (const p of f.values.get('publish') ?? []) {
    const m = /^(?:(\d+):)?(\d+)(?:\/(tcp|udp))?$/.exec(p);
    if (!m) return usageError(ctx, `docker ${create ? 'create' : 'run'}`, usage, `invalid argument "${p}" for "-p, --publish" flag: invalid port format`);
    ports.push({ hostPort: Number(m[1] ?? m[2]), containerPort: Number(m[2]), proto: (m[3] ?? 'tcp') as 'tcp' | 'udp' });
  }
  const netNames = [...(f.values.get('network') ?? []), ...(f.values.get('net') ?? [])];
  const ipText = f.values.get('ip')?.at(-1);
  const ip = ipText !== undefined ? parseIpv4(ipText) : undefined;
  if (ipText !== undefined && ip === undefined) {
    return usageError(ctx, 'docker run', usage, `invalid argument "${ipText}" for "--ip" flag: invalid string being converted to IP address: ${ipText}`);
  }
  const aliases = f.values.get('network-alias') ?? [];
  const nets: NetworkRequest[] = (netNames.length ? netNames : ['bridge']).map((n, i) => ({ network: n === 'default' ? 'bridge' : n, ip: i === 0 ? ip : undefined, aliases: i === 0 ? aliases : [] }));
  const img = ensureImage(ctx, ref, true);
  if (!img) return 125;
  const volumes = (f.values.get('volume') ?? []).map((v) => {
    const [h, c2] = v.split(':');
    const hostPath = h!.startsWith('/') ? h! : `${ctx.shell.cwd}/${h}`.replace(/\/\.\//g, '/');
    return { hostPath, containerPath: c2 ?? h! };
  });
  const c = eng.createContainer({
    image: img.spec, imageRef: ref, name: f.values.get('name')?.at(-1), cmd: cmd.length ? cmd : undefined,
    entrypoint: f.values.get('entrypoint') ? [f.values.get('entrypoint')!.at(-1)!] : undefined,
    env: f.values.get('env') ?? [], hostname: f.values.get('hostname')?.at(-1), networks: nets, ports,
    autoRemove: f.bools.has('rm'), tty: f.bools.has('tty'), interactive: f.bools.has('interactive'), volumes,
  });
  if (typeof c === 'string') {
    ctx.err(`docker: ${DAEMON}${c}\n\nRun 'docker run --help' for more information\n`);
    return 125;
  }
  if (create) {
    ctx.out(c.id + '\n');
    return 0;
  }
  const detach = f.bools.has('detach');
  if (detach) ctx.out(c.id + '\n');
  const attachedShell = !detach && f.bools.has('interactive') && f.bools.has('tty') && isShellCommand(c, c.commandLine) && !c.image.service;
  const since = c.logs.length;
  const e = eng.start(c, attachedShell);
  if (e) {
    ctx.err(`docker: ${DAEMON}${e}\n\nRun 'docker run --help' for more information\n`);
    return 125;
  }
  if (detach) return 0;
  if (attachedShell) return yield* attachShell(ctx, c, true);
  return yield* followUntilExit(ctx, c, since);
}

function eachContainer(verb: (ctx: ExecContext, c: Container, arg: string) => Proc | string | undefined): Sub['run'] {
  return function* (ctx, f) {
    let failed = false;
    for (const a of f.operands) {
      const c = ctx.sandbox.docker.findContainer(a);
      if (!c) {
        ctx.err(`${DAEMON}No such container: ${a}\n`);
        failed = true;
        continue;
      }
      const r = verb(ctx, c, a);
      let e: string | undefined;
      if (typeof r === 'object') e = (yield* r) === 0 ? undefined : '';
      else e = r;
      if (e === undefined) ctx.out(a + '\n');
      else {
        if (e) ctx.err(DAEMON + e + '\n');
        failed = true;
      }
    }
    return failed ? 1 : 0;
  };
}

function* stopOne(ctx: ExecContext, c: Container): Proc {
  if (!c.running) return 0;
  const { waitUs, status } = ctx.sandbox.docker.stopSignalResult(c);
  if (waitUs) yield sleep(waitUs);
  ctx.sandbox.docker.exited(c, status);
  return 0;
}

const containerSubs: Record<string, Sub> = {
  run: { usage: 'docker run [OPTIONS] IMAGE [COMMAND] [ARG...]', min: 1, flags: RUN_FLAGS, interspersed: false, run: (ctx, f) => runContainer(ctx, f, false) },
  create: { usage: 'docker create [OPTIONS] IMAGE [COMMAND] [ARG...]', min: 1, flags: RUN_FLAGS, interspersed: false, run: (ctx, f) => runContainer(ctx, f, true) },
  ps: {
    usage: 'docker ps [OPTIONS]', exact: 0,
    flags: [{ long: 'all', short: 'a', value: false }, { long: 'quiet', short: 'q', value: false }, { long: 'no-trunc', value: false }, FORMAT],
    *run(ctx, f) {
      const eng = ctx.sandbox.docker;
      const list = eng.containers.filter((c) => f.bools.has('all') || c.running).reverse();
      if (f.bools.has('quiet')) {
        for (const c of list) ctx.out(shortId(c.id) + '\n');
        return 0;
      }
      const rows = list.map((c) => [shortId(c.id), c.imageRef, commandText(c), `${humanDuration(eng.sandbox.now - c.created)} ago`, statusText(eng, c), portsText(c), c.name]);
      ctx.out(formatTable([['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES'], ...rows]));
      return 0;
    },
  },
  start: {
    usage: 'docker start [OPTIONS] CONTAINER [CONTAINER...]', min: 1, flags: [{ long: 'attach', short: 'a', value: false }, { long: 'interactive', short: 'i', value: false }],
    // Each failure goes to stderr as it happens, then one summary line (cli:`container/start.go`
    // startContainersWithoutAttachments; "Error: " prefix dropped in the current CLI).
    *run(ctx, f) {
      const failed: string[] = [];
      for (const a of f.operands) {
        const c = ctx.sandbox.docker.findContainer(a);
        const e = c ? ctx.sandbox.docker.start(c) : `No such container: ${a}`;
        if (e === undefined) ctx.out(a + '\n');
        else {
          ctx.err(DAEMON + e + '\n');
          failed.push(a);
        }
      }
      if (!failed.length) return 0;
      ctx.err(`failed to start containers: ${failed.join(', ')}\n`);
      return 1;
    },
  },
  stop: {
    usage: 'docker stop [OPTIONS] CONTAINER [CONTAINER...]', min: 1, flags: [{ long: 'time', short: 't', value: true }, { long: 'signal', short: 's', value: true }],
    // The CLI stops its arguments in parallel and prints each name as typed, in order
    // (cli:`container/stop.go`): one timeout for them all.
    *run(ctx, f) {
      const eng = ctx.sandbox.docker;
      const found = f.operands.map((a) => ({ a, c: eng.findContainer(a) }));
      const running = found.flatMap((x) => (x.c?.running ? [{ c: x.c, r: eng.stopSignalResult(x.c) }] : []));
      let waited = false;
      let failed = false;
      for (const { a, c } of found) {
        if (!c) {
          ctx.err(`${DAEMON}No such container: ${a}\n`);
          failed = true;
          continue;
        }
        if (!waited && running.some((x) => x.c === c)) {
          waited = true;
          const wait = Math.max(...running.map((x) => x.r.waitUs));
          if (wait) yield sleep(wait);
          for (const x of running) if (x.c.running) eng.exited(x.c, x.r.status);
        }
        ctx.out(a + '\n');
      }
      return failed ? 1 : 0;
    },
  },
  restart: {
    usage: 'docker restart [OPTIONS] CONTAINER [CONTAINER...]', min: 1, flags: [{ long: 'time', short: 't', value: true }],
    run: eachContainer((ctx, c) => (function* (): Proc {
      yield* stopOne(ctx, c);
      const e = ctx.sandbox.docker.start(c);
      if (e) ctx.err(DAEMON + e + '\n');
      return e ? 1 : 0;
    })()),
  },
  rm: {
    usage: 'docker rm [OPTIONS] CONTAINER [CONTAINER...]', min: 1, flags: [{ long: 'force', short: 'f', value: false }, { long: 'volumes', short: 'v', value: false }],
    // Removed names are printed as they go; the errors are joined and printed at the end, and with
    // -f they do not fail the command (cli:`container/rm.go`). The daemon names the container by its
    // stored name, with the leading slash (moby:`daemon/delete.go`).
    *run(ctx, f) {
      const force = f.bools.has('force');
      const errs: string[] = [];
      for (const a of f.operands) {
        const c = ctx.sandbox.docker.findContainer(a);
        if (!c) errs.push(`${DAEMON}No such container: ${a}`);
        else if (c.running && !force) {
          errs.push(`${DAEMON}cannot remove container "/${c.name}": container is running: stop the container before removing or force remove`);
        } else {
          ctx.sandbox.docker.kill(c);
          ctx.sandbox.docker.remove(c);
          ctx.out(a + '\n');
        }
      }
      if (!errs.length) return 0;
      ctx.err(errs.join('\n') + '\n');
      return force ? 0 : 1;
    },
  },
  exec: {
    usage: 'docker exec [OPTIONS] CONTAINER COMMAND [ARG...]', min: 2, interspersed: false,
    flags: [{ long: 'interactive', short: 'i', value: false }, { long: 'tty', short: 't', value: false }, { long: 'detach', short: 'd', value: false }, { long: 'env', short: 'e', value: true }, { long: 'workdir', short: 'w', value: true }],
    *run(ctx, f) {
      const [ref, ...argv] = f.operands as [string, ...string[]];
      const c = lookup(ctx, ref);
      if (!c) return 1;
      if (!c.running) {
        ctx.err(`${DAEMON}container ${c.id} is not running\n`);
        return 1;
      }
      if (isShellCommand(c, argv)) return f.bools.has('interactive') ? yield* attachShell(ctx, c, false) : 0;
      // `sh -c 'LINE'` (bash -c in ubuntu): the image's shell runs the line.
      if (argv.length >= 3 && argv[1] === '-c' && isShellCommand(c, [argv[0]!])) {
        return yield* runBashLine(ctx.sandbox, ctx.session, containerShell(ctx.sandbox, c), argv[2]!, (t) => ctx.out(t), { interactive: false });
      }
      if (!containerProgram(ctx.sandbox, c, argv[0]!)) {
        ctx.err(`OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv[0]}": executable file not found in $PATH: unknown\n`);
        return 127;
      }
      if (isShellCommand(c, argv) && f.bools.has('interactive')) return yield* attachShell(ctx, c, false);
      if (f.bools.has('detach')) {
        // -d: the command runs in the container's background; its output goes nowhere (not to the logs).
        const job = new Job(ctx.net.sched, execIn(ctx, c, argv, () => undefined), () => undefined);
        c.timers.add(() => job.kill());
        job.start();
        return 0;
      }
      return yield* execIn(ctx, c, argv, (t) => ctx.out(t));
    },
  },
  logs: {
    usage: 'docker logs [OPTIONS] CONTAINER', exact: 1, flags: [{ long: 'follow', short: 'f', value: false }, { long: 'tail', short: 'n', value: true }, { long: 'timestamps', short: 't', value: false }],
    *run(ctx, f) {
      const c = lookup(ctx, f.operands[0]!);
      if (!c) return 1;
      let entries = c.logs;
      const tail = f.values.get('tail')?.at(-1);
      if (tail !== undefined && tail !== 'all') {
        const n = Number(tail);
        const lines: typeof entries = [];
        for (const e of entries) for (const l of e.text.split(/(?<=\n)/)) lines.push({ stream: e.stream, text: l });
        entries = n <= 0 ? [] : lines.slice(-n);
      }
      for (const e of entries) (e.stream === 'stderr' ? ctx.err : ctx.out)(e.text);
      if (f.bools.has('follow')) {
        return yield* followUntilExit(ctx, c, c.logs.length, () => {
          ctx.out('\n');
          return 130;
        });
      }
      return 0;
    },
  },
  inspect: {
    usage: 'docker inspect [OPTIONS] NAME|ID [NAME|ID...]', min: 1, flags: [FORMAT, { long: 'type', value: true }, { long: 'size', short: 's', value: false }],
    *run(ctx, f) {
      const eng = ctx.sandbox.docker;
      const objs: unknown[] = [];
      const missing: string[] = [];
      for (const a of f.operands) {
        const c = eng.findContainer(a);
        if (c) {
          objs.push(containerObject(c));
          continue;
        }
        const n = eng.findNetwork(a);
        if (typeof n !== 'string') objs.push(networkObject(eng, n));
        else missing.push(a);
      }
      const s = template(ctx, f, objs);
      for (const m of missing) ctx.err(`Error: No such object: ${m}\n`);
      return missing.length ? 1 : s;
    },
  },
  images: {
    usage: 'docker images [OPTIONS] [REPOSITORY[:TAG]]', flags: [{ long: 'quiet', short: 'q', value: false }, { long: 'all', short: 'a', value: false }],
    *run(ctx, f) {
      const eng = ctx.sandbox.docker;
      const rows: string[][] = [];
      // Newest image first (the daemon sorts by creation time), then by name.
      const keys = [...eng.pulled].sort().sort((a, b) => (findImage(b)?.spec.created ?? 0) - (findImage(a)?.spec.created ?? 0));
      for (const key of keys) {
        const found = findImage(key);
        if (!found) continue;
        const [repo, tag] = key.split(':') as [string, string];
        const age = Math.max(0, ctx.sandbox.now / 1e6 + 1768208400 - found.spec.created) * 1e6;
        rows.push([repo, tag, shortId(found.spec.id), `${humanDuration(age)} ago`, found.spec.size]);
      }
      if (f.bools.has('quiet')) {
        for (const r of rows) ctx.out(r[2] + '\n');
        return 0;
      }
      ctx.out(formatTable([['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE'], ...rows]));
      return 0;
    },
  },
  pull: {
    usage: 'docker pull [OPTIONS] NAME[:TAG|@DIGEST]', exact: 1, flags: [{ long: 'quiet', short: 'q', value: false }],
    *run(ctx, f) {
      const ref = f.operands[0]!;
      const { repository, tag } = parseImageRef(ref);
      if (findImage(ref)?.spec.local) {
        // Built on this machine: the registry has no such repository.
        if (!/[:@]/.test(ref.replace(/^[^/]*\//, ''))) ctx.out(`Using default tag: ${tag}\n`);
        ctx.err(`${DAEMON}pull access denied for ${repository}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n`);
        return 1;
      }
      // A name without a tag or digest is pulled as :latest, and the CLI says so first (cli:`image/pull.go`).
      if (!/[:@]/.test(ref.replace(/^[^/]*\//, ''))) ctx.out(`Using default tag: ${tag}\n`);
      if (ctx.sandbox.docker.pulled.has(`${repository}:${tag}`) && findImage(ref)) {
        const s = findImage(ref)!.spec;
        ctx.out(`${tag}: Pulling from library/${repository}\nDigest: ${s.digest}\nStatus: Image is up to date for ${repository}:${tag}\ndocker.io/library/${repository}:${tag}\n`);
        return 0;
      }
      return ensureImage(ctx, ref, false) ? 0 : 1;
    },
  },
};
containerSubs['container'] = containerSubs['ps']!;

function* dispatch(ctx: ExecContext, subs: Record<string, Sub>, prefix: string, argv: string[]): Proc {
  const [name, ...rest] = argv;
  const sub = name !== undefined ? subs[name] : undefined;
  if (!sub) {
    if (name === undefined || name === '--help') {
      ctx.out(`\nUsage:  ${prefix} COMMAND\n\nCommands: ${Object.keys(subs).join(', ')}\n`);
      return 0;
    }
    ctx.err(`${prefix}: unknown command: ${prefix} ${name}\n\nRun '${prefix} --help' for more information\n`);
    return 1;
  }
  const cmd = `${prefix} ${name}`;
  if (rest.includes('--help')) {
    ctx.out(`\nUsage:  ${sub.usage}\n`);
    return 0;
  }
  const f = parseFlags(rest, sub.flags, sub.interspersed ?? true);
  if (typeof f === 'string') return usageError(ctx, cmd, sub.usage, f);
  if (sub.exact !== undefined && f.operands.length !== sub.exact) {
    if (sub.exact === 0) {
      ctx.err(`docker: '${cmd}' accepts no arguments\n\nUsage:  ${sub.usage}\n\nRun '${cmd} --help' for more information\n`);
      return 1;
    }
    return argsError(ctx, cmd, sub.usage, sub.exact, false);
  }
  if (sub.min !== undefined && f.operands.length < sub.min) return argsError(ctx, cmd, sub.usage, sub.min, true);
  return yield* sub.run(ctx, f, cmd);
}

export const dockerCommand: CommandSpec = {
  name: 'docker', family: 'docker', where: 'lab',
  summary: 'run containers and manage their networks (the Docker 28 CLI, emulated)',
  usage: 'docker network|run|ps|exec|start|stop|restart|rm|logs|inspect|images|pull ...',
  options: ['network', 'run', 'ps', 'exec', 'start', 'stop', 'restart', 'rm', 'logs', 'inspect', 'images', 'pull', 'container'],
  run(ctx, argv) {
    const [first, ...rest] = argv;
    if (first === 'network') return dispatch(ctx, networkSubs, 'docker network', rest);
    if (first === 'container') {
      const [s, ...r] = rest;
      const map: Record<string, string> = { ls: 'ps', list: 'ps', remove: 'rm' };
      return dispatch(ctx, containerSubs, 'docker container', [map[s ?? ''] ?? s ?? '', ...r].filter((x, i) => i > 0 || x !== ''));
    }
    if (first === 'image' && rest[0] === 'ls') return dispatch(ctx, containerSubs, 'docker', ['images', ...rest.slice(1)]);
    if (first === undefined || first === '--help') {
      ctx.out('\nUsage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers (emulated: network, run, ps, exec, start, stop, restart, rm, logs, inspect, images, pull)\n');
      return ret(0);
    }
    if (first === 'version' || first === '--version' || first === '-v') {
      ctx.out('Docker version 28.5.1, build e180ab8\n');
      return ret(0);
    }
    if (!containerSubs[first] || first === 'container') {
      ctx.err(`docker: unknown command: docker ${first}\n\nRun 'docker --help' for more information\n`);
      return ret(1);
    }
    return dispatch(ctx, containerSubs, 'docker', argv);
  },
};

export { formatIpv4 };
