/**
 * The shape of the page's panel feeds (the ONOS GUI's, the network view's): plain state that the
 * panels read with useSyncExternalStore, refreshed by asking the worker. `poke()` looks now;
 * calls that arrive while a look is running make exactly one more look afterwards, so a burst of
 * commands costs two round trips, not a queue.
 *
 * Plain TypeScript, no DOM and no React.
 */
export abstract class PolledStore<S extends object> {
  protected state: S;
  protected disposed = false;
  private readonly listeners = new Set<() => void>();
  private inFlight: Promise<void> | undefined;
  private again = false;

  constructor(initial: S) {
    this.state = initial;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): S => this.state;

  protected set(patch: Partial<S>): void {
    if (this.disposed) return;
    this.state = { ...this.state, ...patch };
    this.listeners.forEach((l) => l());
  }

  /** Look now (a command finished, a panel opened). */
  poke(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    const run = async (): Promise<void> => {
      do {
        this.again = false;
        await this.look();
      } while (this.again && !this.disposed);
    };
    const p = run()
      .catch(() => {})
      .finally(() => {
        if (this.inFlight === p) this.inFlight = undefined;
      });
    this.inFlight = p;
    return p;
  }

  /** Fetch what changed and set() it; never throws for a worker that did not answer. */
  protected abstract look(): Promise<void>;

  /** Stop notifying; later calls do nothing. */
  protected disposeStore(): void {
    this.disposed = true;
    this.listeners.clear();
  }
}
