/**
 * The network view's and packet inspector's data source, one per sandbox worker (the connection
 * owns it, like the ONOS GUI's feed): the network snapshot (polled by revision after every command
 * and about once a second while a view is on screen), the frames put on links (a list for the
 * inspector, and a stream for the animation and the spoken feed), and the simulation controls
 * both panels share (Packet Tracer's realtime and simulation modes: play, pause, step, slower,
 * faster).
 *
 * Plain TypeScript, no DOM and no React: timers are injected, so tests drive it by hand.
 */
import type { NetworkSnapshot, PacketBatch, PacketInfo, PacketLayer, SimStepResult } from '@site/sandbox/worker/api';
import { PolledStore } from '../Sandbox/polledStore';

/** How the feed reaches the worker; each call resolves undefined when the worker did not answer. */
export interface NetworkSource {
  revision(): Promise<number | undefined>;
  snapshot(): Promise<NetworkSnapshot | undefined>;
  watchPackets(listener: ((b: PacketBatch) => void) | undefined): Promise<unknown>;
  decode(id: number): Promise<PacketLayer[] | undefined>;
  /** Open a terminal on the node (the connection shows its tab); a string says why not. */
  openTerminal(node: string): Promise<string | undefined>;
  setSimulation(on: boolean): Promise<unknown>;
  simStep(): Promise<SimStepResult | undefined>;
  setSpeed(speed: number): Promise<unknown>;
}

export type SimMode = 'realtime' | 'simulation';

/** Real time: virtual seconds per wall second. */
export const REALTIME_SPEEDS = [0.25, 0.5, 1, 2, 4] as const;
/** Simulation: how long one step's frames take to cross their links on screen (ms). */
export const SIM_PACES_MS = [2400, 1200, 600, 300, 150] as const;
/** Frames the inspector lists (the newest). */
export const LIST_LIMIT = 1000;
export const POLL_MS = 1000;
/** Simulation Play: how long to wait before asking again after a step with no frame. */
export const IDLE_WAIT_MS = 200;
/**
 * Real time: the list (what React draws in the inspector) takes new frames at most this often; the
 * animation gets each batch at once. A pingall sends a batch every 50 ms, and redrawing a few
 * hundred rows that often would take the page's frames.
 */
export const LIST_MS = 250;

export interface NetworkFeedState {
  /** A network has been drawn at some point in this sandbox (the Network tab shows from then on). */
  readonly seen: boolean;
  readonly snapshot: NetworkSnapshot | undefined;
  /** The newest frames, oldest first (at most LIST_LIMIT). */
  readonly packets: readonly PacketInfo[];
  /** Frames sent that are not in the list (too many at once, or older than the list keeps). */
  readonly unlisted: number;
  readonly mode: SimMode;
  /** Real time: virtual time runs; simulation: Play is on. */
  readonly playing: boolean;
  readonly speedIndex: number;
  readonly paceIndex: number;
  /** Virtual time of the latest step or frame (microseconds). */
  readonly now: number;
  /** The latest simulation step's outcome, in words (for the status line). */
  readonly stepNote: string;
}

/** Frames for the animation: a real-time batch (start staggered by instant) or one simulation step. */
export interface FramesEvent {
  readonly packets: readonly PacketInfo[];
  readonly kind: 'realtime' | 'step';
  /** How long each frame's trip across its link lasts on screen. */
  readonly durationMs: number;
}

export interface NetworkFeedOptions {
  readonly setTimeout?: (fn: () => void, ms: number) => unknown;
  readonly clearTimeout?: (handle: unknown) => void;
}

/** A real-time frame's trip on screen. */
export const REALTIME_TRIP_MS = 500;

const INITIAL: NetworkFeedState = {
  seen: false,
  snapshot: undefined,
  packets: [],
  unlisted: 0,
  mode: 'realtime',
  playing: true,
  speedIndex: REALTIME_SPEEDS.indexOf(1),
  paceIndex: 2,
  now: 0,
  stepNote: '',
};

export class NetworkFeed extends PolledStore<NetworkFeedState> {
  private frameListeners = new Set<(e: FramesEvent) => void>();
  private watchers = 0;
  private visible = 0;
  private pollTimer: unknown;
  private playTimer: unknown;
  private stepping: Promise<void> | undefined;
  private pendingList: PacketInfo[] = [];
  private pendingSkipped = 0;
  private listTimer: unknown;
  private readonly startTimer: (fn: () => void, ms: number) => unknown;
  private readonly stopTimer: (handle: unknown) => void;

  constructor(
    private readonly source: NetworkSource,
    opts: NetworkFeedOptions = {},
  ) {
    super(INITIAL);
    this.startTimer = opts.setTimeout ?? ((fn, ms) => setTimeout(fn, ms));
    this.stopTimer = opts.clearTimeout ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  // ---------------------------------------------------------------------------------------------
  // The snapshot

  protected async look(): Promise<void> {
    const r = await this.source.revision();
    if (r === undefined || this.disposed || r === this.state.snapshot?.revision) return;
    const snap = await this.source.snapshot();
    if (!snap || this.disposed) return;
    this.set({ snapshot: snap, seen: this.state.seen || snap.nodes.length > 0 });
  }

  /** A view is on screen (count them): poll about once a second while any is. */
  setVisible(visible: boolean): void {
    if (this.disposed) return;
    this.visible = Math.max(0, this.visible + (visible ? 1 : -1));
    if (this.visible > 0 && this.pollTimer === undefined) {
      void this.poke();
      this.schedulePoll();
    } else if (this.visible === 0 && this.pollTimer !== undefined) {
      this.stopTimer(this.pollTimer);
      this.pollTimer = undefined;
    }
  }

  private schedulePoll(): void {
    this.pollTimer = this.startTimer(() => {
      this.pollTimer = undefined;
      if (this.visible === 0 || this.disposed) return;
      void this.poke();
      this.schedulePoll();
    }, POLL_MS);
  }

  // ---------------------------------------------------------------------------------------------
  // Frames

  /** A panel that shows frames is mounted (count them): the worker sends frames while any is. */
  watch(): () => void {
    if (this.disposed) return () => {};
    if (this.watchers++ === 0) void this.source.watchPackets((b) => this.received(b)).catch(() => {});
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.watchers === 0 && !this.disposed) void this.source.watchPackets(undefined).catch(() => {});
    };
  }

  /** The sandbox (re)started: calls made before it could answer are made again. */
  resync(): void {
    if (this.disposed) return;
    if (this.watchers > 0) void this.source.watchPackets((b) => this.received(b)).catch(() => {});
    void this.poke();
  }

  /** The animation and the spoken feed listen here. */
  onFrames(listener: (e: FramesEvent) => void): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  private received(b: PacketBatch): void {
    if (this.disposed) return;
    for (const p of b.packets) this.pendingList.push(p);
    this.pendingSkipped += b.skipped;
    if (this.pendingList.length > 2 * LIST_LIMIT) {
      const cut = this.pendingList.length - LIST_LIMIT;
      this.pendingList.splice(0, cut);
      this.pendingSkipped += cut;
    }
    if (this.listTimer === undefined) this.listTimer = this.startTimer(() => this.flushList(), LIST_MS);
    if (b.packets.length > 0) this.emitFrames({ packets: b.packets, kind: 'realtime', durationMs: REALTIME_TRIP_MS });
  }

  /** Put the frames received since the last time into the list now. */
  flushList(): void {
    if (this.listTimer !== undefined) this.stopTimer(this.listTimer);
    this.listTimer = undefined;
    const packets = this.pendingList;
    const skipped = this.pendingSkipped;
    this.pendingList = [];
    this.pendingSkipped = 0;
    this.list(packets, skipped);
  }

  private list(packets: readonly PacketInfo[], skipped: number): void {
    if (packets.length === 0 && skipped === 0) return;
    const all = this.state.packets.concat(packets);
    const over = Math.max(0, all.length - LIST_LIMIT);
    this.set({
      packets: over > 0 ? all.slice(over) : all,
      unlisted: this.state.unlisted + skipped + over,
      now: packets.length > 0 ? Math.max(this.state.now, packets[packets.length - 1]!.at) : this.state.now,
    });
  }

  private emitFrames(e: FramesEvent): void {
    for (const l of this.frameListeners) {
      try {
        l(e);
      } catch {
        // a broken listener must not stop the others
      }
    }
  }

  /** Forget the listed frames (the inspector's Clear). */
  clear(): void {
    this.pendingList = [];
    this.pendingSkipped = 0;
    this.set({ packets: [], unlisted: 0 });
  }

  decode(id: number): Promise<PacketLayer[] | undefined> {
    return this.source.decode(id);
  }

  openTerminal(node: string): Promise<string | undefined> {
    return this.source.openTerminal(node);
  }

  // ---------------------------------------------------------------------------------------------
  // Simulation controls

  /** Realtime: the pacer at the chosen speed; simulation: time moves only by steps (paused at first). */
  async setMode(mode: SimMode): Promise<void> {
    if (this.disposed || mode === this.state.mode) return;
    this.cancelPlay();
    if (mode === 'simulation') {
      this.set({ mode, playing: false, stepNote: 'Simulation mode: time stands still. Press Step or Play.' });
      await this.source.setSimulation(true);
    } else {
      this.set({ mode, playing: true, stepNote: '' });
      await this.source.setSimulation(false);
      await this.source.setSpeed(REALTIME_SPEEDS[this.state.speedIndex]!);
    }
  }

  async play(): Promise<void> {
    if (this.disposed || this.state.playing) return;
    this.set({ playing: true });
    if (this.state.mode === 'realtime') await this.source.setSpeed(REALTIME_SPEEDS[this.state.speedIndex]!);
    else this.playLoop();
  }

  async pause(): Promise<void> {
    if (this.disposed || !this.state.playing) return;
    this.set({ playing: false });
    if (this.state.mode === 'realtime') await this.source.setSpeed(0);
    else this.cancelPlay();
  }

  /** One step (entering simulation mode first if needed). */
  async step(): Promise<void> {
    if (this.disposed) return;
    if (this.state.mode !== 'simulation') await this.setMode('simulation');
    else if (this.state.playing) await this.pause();
    await this.stepOnce();
  }

  slower(): void {
    this.changePace(-1);
  }

  faster(): void {
    this.changePace(1);
  }

  private changePace(d: 1 | -1): void {
    if (this.state.mode === 'realtime') {
      const speedIndex = Math.min(REALTIME_SPEEDS.length - 1, Math.max(0, this.state.speedIndex + d));
      if (speedIndex === this.state.speedIndex) return;
      this.set({ speedIndex });
      if (this.state.playing) void this.source.setSpeed(REALTIME_SPEEDS[speedIndex]!).catch(() => {});
    } else {
      const paceIndex = Math.min(SIM_PACES_MS.length - 1, Math.max(0, this.state.paceIndex + d));
      this.set({ paceIndex });
    }
  }

  get paceMs(): number {
    return SIM_PACES_MS[this.state.paceIndex]!;
  }

  /** Ask the worker for one step; concurrent calls share the step in flight. */
  private stepOnce(): Promise<SimStepResult | undefined> {
    if (this.stepping) return this.stepping.then(() => undefined);
    let result: SimStepResult | undefined;
    const p = (async () => {
      const r = await this.source.simStep();
      result = r;
      if (!r || this.disposed) return;
      this.flushList();
      this.list(r.packets, 0);
      this.set({ now: r.now, stepNote: stepNote(r) });
      if (r.packets.length > 0) this.emitFrames({ packets: r.packets, kind: 'step', durationMs: this.paceMs });
    })()
      .catch(() => {})
      .finally(() => {
        this.stepping = undefined;
      });
    this.stepping = p;
    return p.then(() => result);
  }

  /** Play in simulation mode: a step, then the next when its frames have crossed (or a short wait). */
  private playLoop(): void {
    this.cancelPlay();
    const tick = async () => {
      this.playTimer = undefined;
      if (this.disposed || this.state.mode !== 'simulation' || !this.state.playing) return;
      const r = await this.stepOnce();
      if (this.disposed || this.state.mode !== 'simulation' || !this.state.playing) return;
      const wait = r?.kind === 'frames' ? this.paceMs : IDLE_WAIT_MS;
      this.playTimer = this.startTimer(() => void tick(), wait);
    };
    this.playTimer = this.startTimer(() => void tick(), 0);
  }

  private cancelPlay(): void {
    if (this.playTimer !== undefined) this.stopTimer(this.playTimer);
    this.playTimer = undefined;
  }

  dispose(): void {
    this.cancelPlay();
    if (this.listTimer !== undefined) this.stopTimer(this.listTimer);
    this.listTimer = undefined;
    if (this.pollTimer !== undefined) this.stopTimer(this.pollTimer);
    this.pollTimer = undefined;
    this.disposeStore();
    this.frameListeners.clear();
  }
}

/** The status line after a step. */
export function stepNote(r: SimStepResult): string {
  const t = `${(r.now / 1000).toFixed(3)} ms`;
  switch (r.kind) {
    case 'frames': {
      const p = r.packets[0]!;
      const more = r.packets.length > 1 ? ` (and ${r.packets.length - 1} more frame${r.packets.length > 2 ? 's' : ''})` : '';
      return `At ${t}: ${p.from.node} sent ${p.protocol.toUpperCase()} on ${p.from.intf} → ${p.to.intf}${more}.`;
    }
    case 'idle':
      return r.pending ? `At ${t}: no frame yet; time moves on to the next event.` : `At ${t}: nothing is scheduled. Type a command, then Step.`;
    case 'frozen':
      return 'A Python program holds the clock; the step waits for it.';
    case 'off':
      return '';
  }
}
