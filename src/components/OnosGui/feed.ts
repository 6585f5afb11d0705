/**
 * The ONOS GUI panel's data source: polls the worker for the controller's snapshot revision
 * (after every command, and about once a second while the panel is visible) and fetches the full
 * snapshot only when the revision moved. It also remembers whether this sandbox has ever seen
 * ONOS up, which is when the ONOS GUI tab appears.
 *
 * Plain TypeScript, no DOM and no React: the connection (src/components/Sandbox/connection.ts)
 * owns one per worker; the lazy panel reads it with useSyncExternalStore.
 */
import type { OnosSnapshot } from '@site/sandbox/worker/api';
import { PolledStore } from '../Sandbox/polledStore';

export type OnosStatus = OnosSnapshot['status'];

/** How the feed reaches the worker; each call resolves undefined when the worker did not answer. */
export interface OnosSource {
  revision(): Promise<{ readonly revision: number; readonly status: OnosStatus } | undefined>;
  snapshot(): Promise<OnosSnapshot | undefined>;
  setApp(name: string, active: boolean): Promise<{ readonly ok: boolean; readonly message: string } | undefined>;
}

export interface OnosFeedState {
  /** ONOS has been starting or running at some point in this sandbox. */
  readonly seen: boolean;
  readonly status: OnosStatus;
  /** The latest snapshot fetched (undefined before the first). */
  readonly snapshot: OnosSnapshot | undefined;
}

export interface OnosFeedOptions {
  /** Poll period while the panel is visible. */
  readonly intervalMs?: number;
  /** Timers (tests pass fakes). */
  readonly setInterval?: (fn: () => void, ms: number) => unknown;
  readonly clearInterval?: (handle: unknown) => void;
}

export const POLL_MS = 1000;

export class OnosFeed extends PolledStore<OnosFeedState> {
  private visible = false;
  private timer: unknown;
  private readonly intervalMs: number;
  private readonly startTimer: (fn: () => void, ms: number) => unknown;
  private readonly stopTimer: (handle: unknown) => void;

  constructor(
    private readonly source: OnosSource,
    opts: OnosFeedOptions = {},
  ) {
    super({ seen: false, status: 'stopped', snapshot: undefined });
    this.intervalMs = opts.intervalMs ?? POLL_MS;
    this.startTimer = opts.setInterval ?? ((fn, ms) => setInterval(fn, ms));
    this.stopTimer = opts.clearInterval ?? ((h) => clearInterval(h as ReturnType<typeof setInterval>));
  }

  protected async look(): Promise<void> {
    const r = await this.source.revision();
    if (!r || this.disposed) return;
    const seen = this.state.seen || r.status !== 'stopped';
    const known = this.state.snapshot?.revision;
    // Hidden and already known to exist: only the status is kept fresh; the lists wait until shown.
    if (r.revision === known || (!this.visible && this.state.seen)) {
      if (seen !== this.state.seen || r.status !== this.state.status) this.set({ seen, status: r.status });
      return;
    }
    const snap = await this.source.snapshot();
    if (!snap || this.disposed) return;
    this.set({ seen: this.state.seen || snap.status !== 'stopped', status: snap.status, snapshot: snap });
  }

  /** The panel is on screen: poll about once a second; off screen: only after commands. */
  setVisible(visible: boolean): void {
    if (this.disposed || visible === this.visible) return;
    this.visible = visible;
    if (visible) {
      this.timer = this.startTimer(() => void this.poke(), this.intervalMs);
      void this.poke();
    } else if (this.timer !== undefined) {
      this.stopTimer(this.timer);
      this.timer = undefined;
    }
  }

  /** The Applications table's buttons; ONOS's answer, then a fresh look. */
  async setApp(name: string, active: boolean): Promise<{ readonly ok: boolean; readonly message: string }> {
    const r = await this.source.setApp(name, active);
    await this.poke();
    return r ?? { ok: false, message: 'The sandbox did not answer.' };
  }

  dispose(): void {
    if (this.timer !== undefined) this.stopTimer(this.timer);
    this.timer = undefined;
    this.disposeStore();
  }
}
