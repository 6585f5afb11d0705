/**
 * A container: an image's files in its own filesystem, a network namespace (a Host of the
 * emulator with lo and one eth per network), its configuration from `docker run`, its state
 * (Created, Up, Exited) and its log (reference/docker.md §3).
 */
import { Host } from '../devices/host';
import type { Intf } from '../net/interface';
import type { Network } from '../net/network';
import type { Vfs } from '../fs/vfs';
import type { Ipv4 } from '../wire/addr';
import type { Job } from '../shell/process';
import type { DockerNetwork } from './network';
import type { ContainerService, ImageSpec } from './service';

/** The container's network namespace; its filesystem is the container's own. */
export class ContainerHost extends Host {
  constructor(
    net: Network,
    name: string,
    readonly rootFs: Vfs,
    readonly container: Container,
  ) {
    super(net, name);
  }
}

export interface Endpoint {
  readonly network: DockerNetwork;
  /** --ip (kept across restarts) and --network-alias values. */
  readonly staticIp: Ipv4 | undefined;
  readonly aliases: readonly string[];
  /** Set while the container runs (the endpoint exists). */
  ip?: Ipv4;
  mac?: string;
  endpointId?: string;
  intf?: Intf;
  hostIntf?: Intf;
}

export interface PortBinding {
  readonly hostPort: number;
  readonly containerPort: number;
  readonly proto: 'tcp' | 'udp';
}

export type ContainerState = 'created' | 'running' | 'exited';

export interface LogEntry {
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
}

export class Container {
  state: ContainerState = 'created';
  exitCode = 0;
  startedAt: number | undefined;
  finishedAt: number | undefined;
  /** Networks in the order they were given (the first gets eth0 and the default route). */
  readonly endpoints: Endpoint[] = [];
  readonly logs: LogEntry[] = [];
  readonly logListeners = new Set<(e: LogEntry) => void>();
  host!: ContainerHost;
  service: ContainerService | undefined;
  mainJob: Job | undefined;
  /** Cancels timers the service scheduled (ServiceContext.after). */
  readonly timers = new Set<() => void>();
  restartCount = 0;

  constructor(
    readonly id: string,
    public name: string,
    readonly image: ImageSpec,
    /** The image as typed ('alpine', 'nginx:1.27'): `docker ps` IMAGE shows it. */
    readonly imageRef: string,
    readonly created: number,
    readonly fs: Vfs,
    readonly config: {
      readonly entrypoint: readonly string[];
      readonly cmd: readonly string[];
      readonly env: readonly string[];
      readonly hostname: string;
      readonly ports: readonly PortBinding[];
      readonly autoRemove: boolean;
      readonly tty: boolean;
      readonly interactive: boolean;
    },
  ) {}

  get running(): boolean {
    return this.state === 'running';
  }

  /** The main process's path and arguments (entrypoint then cmd). */
  get commandLine(): string[] {
    return [...this.config.entrypoint, ...this.config.cmd];
  }

  log(stream: 'stdout' | 'stderr', text: string): void {
    if (text === '') return;
    const e = { stream, text };
    this.logs.push(e);
    for (const l of this.logListeners) l(e);
  }

  envMap(): Map<string, string> {
    const m = new Map<string, string>();
    for (const kv of this.config.env) {
      const i = kv.indexOf('=');
      if (i > 0) m.set(kv.slice(0, i), kv.slice(i + 1));
    }
    return m;
  }
}
