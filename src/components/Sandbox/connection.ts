/**
 * One <Sandbox>'s worker and its terminal tabs. Browser-only.
 *
 * Starts the emulator worker (an ES module worker bundled by esbuild into
 * static/sandbox-worker/worker.js, DESIGN.md "The worker"), talks to it through comlink with the
 * contract in sandbox/worker/api.ts, opens a tab for the first terminal and for every terminal
 * the worker asks for (`xterm h1` in the Mininet CLI), and notices when the worker dies: an
 * error event, or a call that does not answer within a few seconds.
 *
 * React reads it with useSyncExternalStore (subscribe / getSnapshot).
 */
import * as Comlink from 'comlink';
import type { Terminal } from '@xterm/xterm';
import type { FitAddon } from '@xterm/addon-fit';
import type {
  CompletionResult, EditorFileEvent, LabFileSeed, ReplayResult, SandboxWorkerApi, SaveResult, ShareState, StepResult, TerminalEvent, TerminalInfo,
} from '@site/sandbox/worker/api';
import { attachSandbox, reportResults, type StepsSink } from '@site/src/components/Steps/store';
import { TerminalController, type TerminalState } from './terminalController';
import { addToHistory, loadHistory, saveHistory, type HistoryStorage } from './lineEditor';
import { bufferText, registerProbe } from './testHook';
import { createXterm } from './xtermSetup';
import { takeWorker } from './prespawn';
import { OnosFeed } from '@site/src/components/OnosGui/feed';
import { NetworkFeed } from '@site/src/components/TopologyView/feed';

/** A call the worker does not answer within this time means it is stuck. */
export const CALL_TIMEOUT_MS = 5000;
/** The first call also waits for the worker script to load and start. */
export const START_TIMEOUT_MS = 20000;

export interface TerminalTab {
  /** Unique within the connection (React key, DOM ids). */
  readonly key: string;
  readonly title: string;
  readonly primary: boolean;
  readonly term: Terminal;
  readonly fit: FitAddon;
  readonly controller: TerminalController;
  /** The worker's terminal id, once known. */
  id: number | undefined;
}

export type ConnectionStatus = 'starting' | 'ready' | 'dead';

export interface ConnectionSnapshot {
  readonly status: ConnectionStatus;
  /** Why the sandbox stopped, in plain words (status 'dead'). */
  readonly problem: string | undefined;
  readonly tabs: readonly TerminalTab[];
  readonly activeKey: string | undefined;
  /** The ONOS GUI tab is shown instead of the active terminal. */
  readonly guiActive: boolean;
  /** The Network tab (topology view and packet inspector) is shown instead of the active terminal. */
  readonly networkActive: boolean;
  /** The latest thing worth telling a screen reader (tab opened or closed). */
  readonly announcement: string;
}

export interface ConnectionOptions {
  /** Absolute URL of the worker bundle. */
  readonly workerUrl: string;
  /** Take the worker the wrapper spawned early under this key (see prespawn.ts), if any. */
  readonly prespawnKey?: string;
  readonly seed?: number;
  /** Lines to run at the first prompt (the <Sandbox command>, Run buttons pressed meanwhile). */
  readonly startLines: readonly string[];
  /** localStorage key of a terminal's history in a mode. */
  historyKey(title: string, mode: string): string;
  readonly screenReaderMode: boolean;
  /** The first terminal's shell ended and the learner pressed Enter (or a Run button: its command). */
  onSessionEnded(command?: string): void;
  /** Which <Sandbox> on the page, for the test hook. */
  readonly sandboxIndex: number;
  /** A share link's session to replay once started (the seed must be the link's). */
  readonly replay?: ShareState;
  /** How the replay went (a refused one leaves a sandbox the caller should replace). */
  onReplayed?(result: ReplayResult): void;
  /**
   * The lesson's starter files, and the files the learner saved before a Reset (labFiles.ts), read
   * when the sandbox starts: after every effect of the render that created this connection, so a
   * <LabFile> later on the page has registered (see start()).
   */
  files?(): readonly LabFileSeed[];
  savedFiles?(): readonly LabFileSeed[];
  /** nano/vi/code asked for the editor panel, or a replay saved a file. */
  onEditorFile?(e: EditorFileEvent): void;
}

/** Replaying a long shared session can take a while; it is still bounded by the worker's event budget. */
export const REPLAY_TIMEOUT_MS = 30000;

/** Tab keys are unique on the page, so a Reset's new terminals never reuse the old views. */
let nextTabKey = 0;

function storage(): HistoryStorage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined; // storage disabled (privacy settings): history lives for the page only
  }
}

export class SandboxConnection {
  private worker: Worker | undefined;
  private api: Comlink.Remote<SandboxWorkerApi> | undefined;
  private disposed = false;
  private listeners = new Set<() => void>();
  private snapshot: ConnectionSnapshot;
  private screenReaderMode: boolean;
  private probes = new Map<string, () => void>();
  /** Session history when localStorage is refused. */
  private memoryHistory = new Map<string, string[]>();
  /** Detach from the page's lesson steps (src/components/Steps/store.ts). */
  private detachSteps: (() => void) | undefined;
  /** The ONOS controller's state for the GUI tab, refreshed after every command. */
  readonly onos: OnosFeed;
  /** The network view's and packet inspector's data (the Network tab, <TopologyView>). */
  readonly network: NetworkFeed;

  constructor(private readonly opts: ConnectionOptions) {
    this.screenReaderMode = opts.screenReaderMode;
    const first = this.createTab('master1', true, opts.startLines);
    this.snapshot = { status: 'starting', problem: undefined, tabs: [first], activeKey: first.key, guiActive: false, networkActive: false, announcement: '' };
    this.onos = new OnosFeed({
      revision: () => this.quietCall((api) => api.onosRevision()),
      snapshot: () => this.quietCall((api) => api.onosSnapshot()),
      setApp: (name, active) => this.quietCall((api) => api.onosSetApp(name, active)),
    });
    this.network = new NetworkFeed({
      revision: () => this.quietCall((api) => api.networkRevision()),
      snapshot: () => this.quietCall((api) => api.networkSnapshot()),
      watchPackets: (listener) => this.quietCall((api) => api.watchPackets(listener ? Comlink.proxy(listener) : undefined)),
      decode: (id) => this.quietCall((api) => api.decodePacket(id)),
      openTerminal: (node) => this.openNodeTerminal(node),
      setSimulation: (on) => this.quietCall((api) => api.setSimulation(on)),
      simStep: () => this.quietCall((api) => api.simStep()),
      setSpeed: (speed) => this.quietCall((api) => api.setSpeed(speed)),
    });
  }

  // -------------------------------------------------------------------------------------------
  // The store React reads

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ConnectionSnapshot => this.snapshot;

  private update(patch: Partial<ConnectionSnapshot>): void {
    if (this.disposed) return;
    this.snapshot = { ...this.snapshot, ...patch };
    this.listeners.forEach((l) => l());
  }

  // -------------------------------------------------------------------------------------------
  // Life cycle

  async start(): Promise<void> {
    // The page's <LabFile> tags register in their own effects, which can run after the one that
    // called start() (a page reached by client-side navigation renders everything in one commit):
    // React runs all of a commit's effects before the next microtask.
    await Promise.resolve();
    if (this.disposed) return;
    const primary = this.snapshot.tabs[0]!;
    let worker: Worker;
    try {
      worker = this.opts.prespawnKey
        ? takeWorker(this.opts.prespawnKey, this.opts.workerUrl)
        : new Worker(new URL(this.opts.workerUrl, location.href), { type: 'module' });
    } catch (e) {
      this.die(`The sandbox could not start (${e instanceof Error ? e.message : String(e)}).`);
      return;
    }
    this.worker = worker;
    worker.addEventListener('error', (ev: ErrorEvent) => {
      const starting = this.snapshot.status === 'starting';
      const detail = ev.message ? ` (${ev.message})` : '';
      this.die(starting ? `The sandbox could not start${detail || ' (its program did not load)'}.` : `The sandbox crashed${detail}.`);
    });
    worker.addEventListener('messageerror', () => this.die('The sandbox sent a message the page could not read.'));
    const api = Comlink.wrap<SandboxWorkerApi>(worker);
    this.api = api;
    try {
      const init = { seed: this.opts.seed, files: this.opts.files?.() ?? [], savedFiles: this.opts.savedFiles?.() ?? [] };
      const info = await this.call(() => api.init(init), START_TIMEOUT_MS, 'The sandbox did not start within 20 seconds.');
      if (!info || this.disposed) return;
      primary.id = info.id;
      await this.call(() => api.onTerminalRequest(Comlink.proxy((t: TerminalInfo) => this.openRequested(t))));
      await this.call(() => api.onEditorRequest(Comlink.proxy((e: EditorFileEvent) => {
        if (!this.disposed) this.opts.onEditorFile?.(e);
      })));
      await this.listen(primary);
      await this.attachSteps(api);
      const replay = this.opts.replay;
      if (replay) {
        const result = await this.call<ReplayResult>(() => api.replay(replay), REPLAY_TIMEOUT_MS, 'Replaying the shared session took too long.');
        if (this.disposed) return;
        this.opts.onReplayed?.(result ?? { ok: false, error: 'the sandbox did not answer' });
      }
      this.update({ status: 'ready' });
      void this.onos.poke(); // a replayed session may have started ONOS
      // The frames are listed from the start, so that the inspector shows what happened before it
      // was opened (the worker sends at most a batch every 50 ms).
      this.network.watch();
      this.network.resync(); // a replay may have built a network
    } catch {
      // call() has already reported the failure
    }
  }

  /** The page's lesson steps are evaluated by this worker (the first sandbox on the page). */
  private async attachSteps(api: Comlink.Remote<SandboxWorkerApi>): Promise<void> {
    const sink: StepsSink = { setSteps: (steps) => this.call(() => api.setSteps(steps)) };
    await this.call(() => api.onSteps(Comlink.proxy((results: StepResult[]) => reportResults(sink, results))));
    if (!this.disposed) this.detachSteps = attachSandbox(sink);
  }

  /** Everything typed since the start, for a share link (undefined when the worker is gone). */
  async shareState(): Promise<(ShareState & { tooLong: boolean }) | undefined> {
    const api = this.api;
    if (!api) return undefined;
    try {
      return await this.call(() => api.shareState());
    } catch {
      return undefined;
    }
  }

  /** The editor panel's Save (undefined when the sandbox is not there to answer). */
  async saveFile(path: string, content: string): Promise<SaveResult | undefined> {
    const api = this.api;
    if (!api || this.snapshot.status === 'dead') return undefined;
    try {
      return await this.call<SaveResult>(() => api.saveFile(path, content) as Promise<SaveResult>);
    } catch {
      return undefined;
    }
  }

  /** Stop the worker and free the terminals (unmount, Reset). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.detachSteps?.();
    this.detachSteps = undefined;
    this.onos.dispose();
    this.network.dispose();
    this.worker?.terminate();
    this.worker = undefined;
    for (const tab of this.snapshot.tabs) this.disposeTab(tab);
    this.listeners.clear();
  }

  get isDead(): boolean {
    return this.snapshot.status === 'dead';
  }

  /** The worker is gone or stuck: every terminal says so; the UI offers Restart. */
  private die(problem: string): void {
    if (this.disposed || this.snapshot.status === 'dead') return;
    this.worker?.terminate();
    this.worker = undefined;
    for (const tab of this.snapshot.tabs) tab.controller.markDead(`[${problem} Press Restart to start a fresh sandbox.]`);
    this.update({ status: 'dead', problem });
  }

  /**
   * One call to the worker, watched: no answer within `ms` means the worker is stuck (dead).
   * A call the worker rejects (a closed terminal) resolves undefined.
   */
  private async call<T>(fn: () => Promise<T>, ms = CALL_TIMEOUT_MS, stuck = 'The sandbox stopped responding.'): Promise<T | undefined> {
    if (this.disposed || this.isDead || !this.api) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), ms);
    });
    try {
      const result = await Promise.race([fn(), timeout]);
      if (result === 'timeout') {
        this.die(stuck);
        throw new Error(stuck);
      }
      return result as T;
    } catch (e) {
      if (this.isDead || this.disposed) throw e;
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  /** A watched call whose failure is only "no answer" (undefined). */
  private async quietCall<T>(fn: (api: Comlink.Remote<SandboxWorkerApi>) => Promise<T>): Promise<T | undefined> {
    const api = this.api;
    if (!api || this.snapshot.status !== 'ready') return undefined;
    try {
      return await this.call(() => fn(api));
    } catch {
      return undefined;
    }
  }

  /** Fire-and-forget call (still watched for an answer). */
  private send(fn: () => Promise<unknown>): void {
    this.call(fn).catch(() => {});
  }

  // -------------------------------------------------------------------------------------------
  // Tabs

  private createTab(title: string, primary: boolean, initialLines: readonly string[] = []): TerminalTab {
    const { term, fit } = createXterm({ screenReaderMode: this.screenReaderMode });
    const key = `t${nextTabKey++}`;
    // The controller needs the tab (for its worker id) and the tab needs the controller.
    const holder: { tab?: TerminalTab } = {};
    const id = () => holder.tab?.id;
    const controller = new TerminalController({
      term,
      initialLines,
      endedMessage: primary ? '[session ended — press Enter to start a new one]' : '[session ended — press Enter to close this tab]',
      onEnded: (command) => {
        if (primary) this.opts.onSessionEnded(command);
        else this.closeTab(key);
      },
      history: {
        load: (mode) => this.loadHistory(title, mode),
        add: (mode, line) => this.addHistory(title, mode, line),
      },
      backend: {
        submit: (line) => this.sendTo(id(), (api, t) => api.submit(t, line)),
        // A worker that cannot take Ctrl-C is held by a program that never waits (a Python loop
        // computing forever): say so; Restart starts a fresh worker (saved files are kept).
        interrupt: () => {
          const t = id();
          const api = this.api;
          if (t === undefined || !api) return;
          this.call(() => api.interrupt(t), CALL_TIMEOUT_MS, 'The sandbox did not stop on Ctrl-C: a program that never waits (such as a Python loop) holds it.').catch(() => {});
        },
        eof: () => this.sendTo(id(), (api, t) => api.eof(t)),
        complete: async (line): Promise<CompletionResult | undefined> => {
          const t = id();
          const api = this.api;
          if (t === undefined || !api) return undefined;
          try {
            return await this.call(() => api.complete(t, line));
          } catch {
            return undefined;
          }
        },
      },
    });
    term.onData((data) => controller.handleData(data));
    const tab: TerminalTab = { key, title, primary, term, fit, controller, id: undefined };
    holder.tab = tab;
    this.probes.set(
      key,
      registerProbe({
        sandbox: this.opts.sandboxIndex,
        title,
        state: () => controller.state,
        text: () => bufferText(term.buffer.active),
        geometry: () => ({
          cols: term.cols,
          rows: term.rows,
          cursorX: term.buffer.active.cursorX,
          cursorY: term.buffer.active.baseY + term.buffer.active.cursorY,
        }),
      }),
    );
    return tab;
  }

  private sendTo(id: number | undefined, fn: (api: Comlink.Remote<SandboxWorkerApi>, id: number) => Promise<unknown>): void {
    const api = this.api;
    if (id === undefined || !api) return;
    this.send(() => fn(api, id));
  }

  private async listen(tab: TerminalTab): Promise<void> {
    const api = this.api;
    if (!api || tab.id === undefined) return;
    const id = tab.id;
    const onEvent = (e: TerminalEvent) => {
      tab.controller.handleEvent(e);
      // A command finished: ONOS may have started, stopped, or learned something.
      if (e.type === 'ready' || e.type === 'closed') {
        void this.onos.poke();
        void this.network.poke();
      }
    };
    await this.call(() => api.listen(id, Comlink.proxy(onEvent)));
  }

  /** `xterm h1`: a new tab bound to the worker's new terminal, shown at once. */
  private openRequested(info: TerminalInfo): void {
    if (this.disposed || this.isDead) return;
    const tab = this.createTab(info.title, false);
    tab.id = info.id;
    this.update({ tabs: [...this.snapshot.tabs, tab], activeKey: tab.key, guiActive: false, networkActive: false, announcement: `Opened a terminal on ${info.title}.` });
    void this.listen(tab).catch(() => {});
  }

  /**
   * The New terminal button: another shell on the lab machine, in a tab of its own (ONOS's CLI
   * in one, Mininet in another). Resolves the new tab's label, or undefined when it failed.
   */
  async openTerminal(): Promise<string | undefined> {
    const api = this.api;
    if (!api || this.snapshot.status !== 'ready' || this.disposed) return undefined;
    let info: TerminalInfo | undefined;
    try {
      info = await this.call(() => api.openTerminal());
    } catch {
      return undefined;
    }
    if (!info || this.disposed || this.isDead) return undefined;
    const title = info.title;
    const tab = this.createTab(title, false);
    tab.id = info.id;
    const n = this.snapshot.tabs.filter((t) => t.title === title).length + 1;
    const label = n === 1 ? title : `${title} (${n})`;
    this.update({ tabs: [...this.snapshot.tabs, tab], activeKey: tab.key, guiActive: false, networkActive: false, announcement: `Opened a new terminal, ${label}.` });
    await this.listen(tab).catch(() => {});
    return label;
  }

  /**
   * The network view's click on a node: a terminal on it, in a tab of its own, shown at once (as
   * `xterm h1`). Resolves undefined when it opened, else why not.
   */
  async openNodeTerminal(node: string): Promise<string | undefined> {
    const api = this.api;
    if (!api || this.snapshot.status !== 'ready' || this.disposed) return 'the sandbox is not ready';
    let info: TerminalInfo | string | undefined;
    try {
      info = await this.call<TerminalInfo | string>(() => api.openNodeTerminal(node) as Promise<TerminalInfo | string>);
    } catch {
      return 'the sandbox did not answer';
    }
    if (info === undefined) return 'the sandbox did not answer';
    if (typeof info === 'string') return info;
    if (this.disposed || this.isDead) return 'the sandbox stopped';
    const tab = this.createTab(info.title, false);
    tab.id = info.id;
    this.update({ tabs: [...this.snapshot.tabs, tab], activeKey: tab.key, guiActive: false, networkActive: false, announcement: `Opened a terminal on ${info.title}.` });
    await this.listen(tab).catch(() => {});
    void this.network.poke();
    return undefined;
  }

  setActive(key: string): void {
    if (this.snapshot.tabs.some((t) => t.key === key)) this.update({ activeKey: key, guiActive: false, networkActive: false });
  }

  /** Show the ONOS GUI tab (the terminals keep running behind it). */
  showGui(): void {
    if (!this.snapshot.guiActive) this.update({ guiActive: true, networkActive: false });
  }

  /** Show the Network tab (the terminals keep running behind it). */
  showNetwork(): void {
    if (!this.snapshot.networkActive) this.update({ networkActive: true, guiActive: false });
  }

  activeTab(): TerminalTab | undefined {
    return this.snapshot.tabs.find((t) => t.key === this.snapshot.activeKey) ?? this.snapshot.tabs[0];
  }

  /** Close a tab other than the first; the worker closes its terminal. */
  closeTab(key: string): void {
    const tabs = this.snapshot.tabs;
    const i = tabs.findIndex((t) => t.key === key);
    const tab = tabs[i];
    if (!tab || tab.primary) return;
    if (tab.id !== undefined) this.sendTo(tab.id, (api, t) => api.closeTerminal(t));
    const rest = tabs.filter((t) => t.key !== key);
    const activeKey = this.snapshot.activeKey === key ? rest[Math.max(0, i - 1)]!.key : this.snapshot.activeKey;
    this.update({ tabs: rest, activeKey, announcement: `Closed the terminal on ${tab.title}.` });
    void this.onos.poke(); // closing a shell may have stopped something
    this.disposeTab(tab);
  }

  private disposeTab(tab: TerminalTab): void {
    this.probes.get(tab.key)?.();
    this.probes.delete(tab.key);
    tab.term.dispose();
  }

  /** A Run button: type the line into the active terminal (queued while a command runs). */
  runLine(line: string): void {
    // The command's output should be seen: leave the ONOS GUI for the terminal it runs in.
    if (this.snapshot.guiActive || this.snapshot.networkActive) this.update({ guiActive: false, networkActive: false });
    this.activeTab()?.controller.runLine(line);
  }

  focusActive(): void {
    const tab = this.activeTab();
    if (!tab) return;
    tab.term.focus();
    // A terminal that was hidden behind the ONOS GUI is shown on the next render: focus it then.
    if (typeof requestAnimationFrame === 'function') {
      requestAnimationFrame(() => {
        if (!this.disposed && this.activeTab() === tab && !this.snapshot.guiActive && !this.snapshot.networkActive && !tab.term.element?.contains(document.activeElement)) tab.term.focus();
      });
    }
  }

  setScreenReaderMode(on: boolean): void {
    this.screenReaderMode = on;
    for (const tab of this.snapshot.tabs) tab.term.options.screenReaderMode = on;
  }

  // -------------------------------------------------------------------------------------------
  // History: per page, per terminal, per mode, in localStorage (memory when refused)

  private loadHistory(title: string, mode: string): string[] {
    const key = this.opts.historyKey(title, mode);
    const s = storage();
    return s ? loadHistory(s, key) : (this.memoryHistory.get(key) ?? []);
  }

  private addHistory(title: string, mode: string, line: string): void {
    const key = this.opts.historyKey(title, mode);
    const s = storage();
    const next = addToHistory(this.loadHistory(title, mode), line);
    if (s) saveHistory(s, key, next);
    else this.memoryHistory.set(key, next);
  }
}

export type { TerminalState };
