/**
 * The contract between the emulated Docker engine and the images it can run.
 *
 * An image is registered once, at module load, with `registerImage(spec)`: its name and tag, what
 * `docker images`/`inspect` show about it, the files a new container starts with, the programs
 * `docker exec` and the container's shell can run, and what its main process does.
 *
 * The main process is either
 *  - a shell or a one-shot command (alpine, busybox, ubuntu): the engine runs it itself, or
 *  - a long-running service (nginx, a Node.js app, mysql): `spec.service(args)` makes a
 *    ContainerService, the engine calls `start(ctx)` when the container starts and `stop(signal)`
 *    when `docker stop`/`rm -f`/`restart` ends it.
 *
 * A service gets everything from its ServiceContext: the container's network namespace (a Host
 * of the emulator, so net/http's HttpServer.listen and HttpConnection.open work on
 * `ctx.host.stack`), the container's own filesystem, its environment (-e and the image's ENV),
 * a log sink (what `docker logs` shows), the lab clock, the container's name resolution
 * (Docker's embedded DNS on user networks, /etc/hosts), and `exit(status)` to end the container
 * (nginx's "host not found in upstream" exits 1).
 *
 * Nothing here may read real time or randomness: use ctx.now()/ctx.wallSeconds() and ctx.rng.
 * This file is the stable interface; the engine lives beside it (engine.ts and friends).
 */
import type { Host } from '../devices/host';
import type { Vfs } from '../fs/vfs';
import type { Rng } from '../sim/rng';
import type { Micros } from '../sim/time';
import type { Ipv4 } from '../wire/addr';
import type { CommandSpec } from '../shell/registry';
import type { Proc } from '../shell/process';

/** The signals `docker stop` may send (the image's STOPSIGNAL, SIGTERM by default) and `docker kill`. */
export type StopSignal = 'SIGTERM' | 'SIGQUIT' | 'SIGINT' | 'SIGKILL';

/** What a running service sees of its container. */
export interface ServiceContext {
  /** The container's network namespace: lo, eth0 (and eth1... per network), routes, TCP/UDP. */
  readonly host: Host;
  /** The container's own root filesystem (starts as the image's files, plus -v mounts). */
  readonly fs: Vfs;
  /** The environment: the image's ENV overridden by `docker run -e`, in that order. */
  readonly env: ReadonlyMap<string, string>;
  /** The main process's arguments after the entrypoint: the image's CMD or the command given to `docker run`. */
  readonly args: readonly string[];
  /** The container's name (without the leading '/') and its 64-hex id. */
  readonly name: string;
  readonly id: string;
  /** The container's hostname (its 12-hex short id unless --hostname). */
  readonly hostname: string;
  /** Seeded randomness for this container (never Math.random). */
  readonly rng: Rng;
  /** Write to the container's stdout / stderr: `docker logs` shows both, in order, exactly as written. */
  stdout(text: string): void;
  stderr(text: string): void;
  /** Virtual time now (microseconds since the sandbox started). */
  now(): Micros;
  /** The lab's wall clock in Unix seconds (fractional) for log timestamps; sim/calendar.ts formats it. */
  wallSeconds(): number;
  /** Run `fn` after `us` of virtual time unless the container has stopped by then. Returns a cancel function. */
  after(us: Micros, fn: () => void): () => void;
  /**
   * Resolve a name as a program in this container would (glibc/musl through /etc/hosts, then the
   * embedded DNS at 127.0.0.11 on user networks: container names, aliases, short ids on shared
   * networks). Dotted quads resolve to themselves. undefined: the name does not resolve.
   */
  resolve(name: string): Ipv4 | undefined;
  /** The main process ended with this status: the container becomes Exited (status). */
  exit(status: number): void;
  /** A process id for log lines (nginx's worker pids); the main process is 1. */
  allocPid(): number;
}

/** A long-running main process of an image (nginx, the Node.js app, mysqld). */
export interface ContainerService {
  /**
   * The container started: listen, print the startup log lines, schedule work. May return a Proc
   * (a process generator) the engine drives as the container's main process: when it returns, the
   * container exits with its status. Return nothing for a purely event-driven service (it ends by
   * ctx.exit or stop()).
   */
  start(ctx: ServiceContext): Proc | void;
  /**
   * `docker stop` (with the image's stop signal), `docker rm -f`/`kill` (SIGKILL). Close sockets
   * and cancel timers here. Return the exit status if the service ends on this signal (nginx: 0
   * on SIGQUIT), or undefined if it ignores it (the engine then kills it after the timeout: 137).
   */
  stop(signal: StopSignal): number | undefined;
}

/** The kind of shell an image has, which decides prompts and `not found` messages. */
export type ShellKind = 'ash' | 'bash';

export interface ImageSpec {
  /** Repository as users type it ('alpine', 'nginx', 'node', 'mysql'); official images live in library/. */
  readonly repository: string;
  /** Tags this spec answers to ('latest', '8.4', '22-alpine' ...); the first is the default shown. */
  readonly tags: readonly string[];
  /** Image id: 64 hex (docker images shows the first 12). */
  readonly id: string;
  /** The repo digest, `sha256:<64hex>`, printed by pull. */
  readonly digest: string;
  /** Layer ids pull prints (12 hex each), in order. */
  readonly layers: readonly string[];
  /** `docker images` SIZE column, as printed ('8.31MB', '192MB'). */
  readonly size: string;
  /** Image creation time in Unix seconds (docker images CREATED is relative to the lab clock). */
  readonly created: number;
  /**
   * Built on the lab machine (`docker build`), not pulled: present from the start under each tag,
   * never pulled from a registry (a pull is denied, as for any repository Docker Hub lacks).
   */
  readonly local?: boolean;
  /** ENTRYPOINT and CMD (exec form). COMMAND in `docker ps` joins them. */
  readonly entrypoint: readonly string[];
  readonly cmd: readonly string[];
  /** ENV entries, 'KEY=value'. */
  readonly env: readonly string[];
  /** EXPOSE entries, '80/tcp'. */
  readonly exposedPorts: readonly string[];
  readonly workingDir: string;
  /** STOPSIGNAL (SIGTERM when absent). */
  readonly stopSignal?: StopSignal;
  /** The shell the image has, if any ('sh' in busybox/alpine is ash; ubuntu/debian have bash). */
  readonly shell?: ShellKind;
  /**
   * Programs on the image's PATH, by name: each must be a command of the sandbox's registry
   * (ping, wget, ip, cat ...) or one of `commands` below. Anything else is "not found".
   */
  readonly programs: readonly string[];
  /** Commands only this image has (the mysql client, node), added to what `programs` names. */
  readonly commands?: readonly CommandSpec[];
  /** Write the image's files into a new container's filesystem (/etc/os-release, configs, html ...). */
  files(fs: Vfs): void;
  /** The main process as a service; absent for images whose main process is a shell or a command. */
  service?(args: readonly string[]): ContainerService | undefined;
}

const images: ImageSpec[] = [];

/** Add an image to the catalogue (call at module load; a later spec with the same repository replaces it). */
export function registerImage(spec: ImageSpec): void {
  const i = images.findIndex((s) => s.repository === spec.repository);
  if (i >= 0) images[i] = spec;
  else images.push(spec);
}

/** The registered image for a reference such as 'alpine', 'alpine:latest', 'library/nginx:1.27', 'docker.io/library/node'. */
export function findImage(ref: string): { spec: ImageSpec; tag: string } | undefined {
  const { repository, tag } = parseImageRef(ref);
  const spec = images.find((s) => s.repository === repository);
  if (!spec || !spec.tags.includes(tag)) return undefined;
  return { spec, tag };
}

export function registeredImages(): readonly ImageSpec[] {
  return images;
}

/** Split an image reference into its short repository name and tag (default 'latest'). */
export function parseImageRef(ref: string): { repository: string; tag: string } {
  let r = ref;
  let tag = 'latest';
  const at = r.indexOf('@');
  if (at >= 0) r = r.slice(0, at);
  const colon = r.lastIndexOf(':');
  if (colon > r.lastIndexOf('/')) {
    tag = r.slice(colon + 1);
    r = r.slice(0, colon);
  }
  r = r.replace(/^docker\.io\//, '').replace(/^library\//, '');
  return { repository: r, tag };
}
