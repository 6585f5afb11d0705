/**
 * A sandbox: one emulated lab machine (master1) with its filesystem, the network it can build,
 * and the terminal sessions attached to it. This is the core's public object: the worker, the
 * headless CLI and the tests all drive it the same way.
 *
 * Time: nothing advances by itself. A driver either runs events as fast as possible
 * (`settle`, for tests and --fast) or advances virtual time with the wall clock (`advanceTo`,
 * the pacer).
 */
import { Network } from './net/network';
import type { Micros } from './sim/time';
import { Vfs } from './fs/vfs';
import { seedFilesystem } from './fs/seed-files';
import type { EditorRequest } from './fs/edit-file';
import { LabMachine } from './devices/lab-machine';
import { Upstream } from './devices/upstream';
import type { Host } from './devices/host';
import { CommandRegistry } from './shell/registry';
import type { Mode } from './shell/session';
import { Session } from './shell/session';
import { ShellState } from './shell/shell-state';
import { BashMode } from './shell/bash';
import { allCommands } from './commands';
import type { Mininet } from './mininet/mininet';
import { LessonLog } from './lessons/lesson-log';
import { Onos } from './onos/onos';
import type { PythonLoader } from './python/runtime';
import { DockerEngine } from './docker/engine';
import { ContainerHost } from './docker/container';

export interface SandboxOptions {
  readonly seed?: number;
}

/** Events one `settle` may run before the sandbox declares a runaway and interrupts. */
export const EVENT_BUDGET = 20_000_000;

export class Sandbox {
  readonly net: Network;
  readonly fs: Vfs;
  readonly lab: LabMachine;
  /** The gateway and the internet beyond the lab machine's eth0. */
  readonly upstream: Upstream;
  readonly registry: CommandRegistry;
  /** The Mininet network currently running (one at a time, as on a real machine). */
  mininet: Mininet | undefined;
  readonly sessions = new Set<Session>();
  /** History for lesson checks (typed lines and their output, pings, pingall); lessons/lesson-log.ts. */
  readonly lessonLog = new LessonLog();
  /** The ONOS controller installed on the lab machine (stopped until onos-service/service starts it). */
  readonly onos: Onos;
  /**
   * Python (Pyodide), supplied by the host: the browser worker loads it from the site, the
   * headless CLI and tests from node_modules. Undefined where there is none.
   */
  python: PythonLoader | undefined;
  /** True when a person watches the terminals live (the browser): progress lines are shown and erased. */
  liveTerminals = false;
  private nextSessionId = 1;
  private nextPid: number;

  constructor(opts: SandboxOptions = {}) {
    const seed = opts.seed ?? 1;
    this.net = new Network(seed);
    this.fs = new Vfs(() => this.net.sched.now);
    seedFilesystem(this.fs);
    this.lab = new LabMachine(this.net);
    this.net.addNode(this.lab);
    this.upstream = new Upstream(this.net, this.lab);
    this.onos = new Onos(this.net, this.fs, () => this.allocPid(37));
    this.registry = new CommandRegistry().add(...allCommands);
    this.nextPid = 1000 + this.net.rng.int(20000);
    this.net.onWarning((m) => {
      for (const s of this.sessions) s.write(`\r\n${m}\r\n`.replace(/\r/g, ''));
    });
  }

  private terminalRequests = new Set<(node: Host, title: string) => void>();

  /** The UI registers here to open a terminal tab when `xterm h1` is typed. */
  onTerminalRequest(l: (node: Host, title: string) => void): () => void {
    this.terminalRequests.add(l);
    return () => this.terminalRequests.delete(l);
  }

  /** Ask the UI for a terminal on a node; false when nothing can show one (headless). */
  requestTerminal(node: Host, title: string): boolean {
    for (const l of this.terminalRequests) l(node, title);
    return this.terminalRequests.size > 0;
  }

  private editorRequests = new Set<(r: EditorRequest) => void>();

  /** The UI registers here to show a file in its editor panel when `nano FILE` (vi, code) is typed. */
  onEditorRequest(l: (r: EditorRequest) => void): () => void {
    this.editorRequests.add(l);
    return () => this.editorRequests.delete(l);
  }

  /** Ask the UI to open a file in its editor panel; false when nothing can show one (headless). */
  requestEditor(r: EditorRequest): boolean {
    for (const l of this.editorRequests) l(r);
    return this.editorRequests.size > 0;
  }

  private dockerEngine: DockerEngine | undefined;

  /** The Docker daemon on the lab machine, started on first use (docker0 appears then). */
  get docker(): DockerEngine {
    return (this.dockerEngine ??= new DockerEngine(this));
  }

  /** True once the Docker daemon has been used (checks and listings must not start it). */
  get dockerStarted(): boolean {
    return this.dockerEngine !== undefined;
  }

  /** The filesystem a namespace sees: a container's own, else the lab machine's (Mininet hosts share it). */
  fsOf(node: Host): Vfs {
    return node instanceof ContainerHost ? node.rootFs : this.fs;
  }

  get seed(): number {
    return this.net.seed;
  }

  /** Deterministic process ids: they grow as on a real machine. */
  allocPid(step = 1): number {
    this.nextPid += step;
    return this.nextPid;
  }

  /** Open a terminal on the lab machine, or a shell in a Mininet node's namespace (xterm h1). */
  openSession(opts: { node?: Host; mode?: Mode } = {}): Session {
    const shell = new ShellState(opts.node ?? this.lab);
    const mode = opts.mode ?? new BashMode(this, shell);
    const s = new Session(this, mode, this.nextSessionId++);
    this.sessions.add(s);
    return s;
  }

  /** The sandbox is being replaced (Start over): end every process, so none keeps Python busy. */
  dispose(): void {
    for (const s of this.sessions) s.killAll();
    this.sessions.clear();
  }

  closeSession(s: Session): void {
    this.sessions.delete(s);
  }

  get now(): Micros {
    return this.net.sched.now;
  }

  /** True while a process waits on work outside the simulation (Python): time is frozen. */
  get frozen(): boolean {
    return this.net.sched.frozen;
  }

  nextEventTime(): Micros | undefined {
    return this.net.sched.nextTime();
  }

  /** Run every event up to virtual time t (the pacer's step). */
  advanceTo(t: Micros, budget = EVENT_BUDGET): boolean {
    return this.net.sched.runUntil(t, budget);
  }

  /**
   * Fast mode: run events until the session is ready for input. A command still running after
   * `maxRun` virtual microseconds is interrupted (Ctrl-C, with its normal output); one that
   * burns the event budget is interrupted with a warning. Returns how it ended.
   */
  settle(session: Session, maxRun: Micros = 10_000_000): 'ready' | 'interrupted' | 'budget' | 'external' {
    const sched = this.net.sched;
    let deadline = sched.now + maxRun;
    const start = sched.eventsRun;
    let interrupted = false;
    while (session.busy && !session.closed) {
      // Outside work (Python) must finish before anything else happens: see settleAsync.
      if (sched.frozen) return 'external';
      if (sched.eventsRun - start > EVENT_BUDGET) {
        session.write(`\n*** sandbox: stopped after ${EVENT_BUDGET} events without finishing (a runaway command?)\n`);
        session.interrupt();
        if (session.busy) session.foreground?.kill(130);
        return 'budget';
      }
      const next = sched.nextTime();
      if (next !== undefined && next <= deadline) {
        sched.step();
        continue;
      }
      if (interrupted) {
        // It ignored Ctrl-C for a whole further max-run: stop it for good.
        session.foreground?.kill(130);
        break;
      }
      // Nothing left to do before the deadline: time passes to it, then Ctrl-C.
      sched.runUntil(deadline);
      session.interrupt();
      interrupted = true;
      deadline = sched.now + maxRun;
    }
    // What the command set off for this very instant happens before the next line (a
    // container whose program exits at once is already Exited for `docker ps`).
    if (!sched.frozen) sched.runUntil(sched.now, EVENT_BUDGET);
    return interrupted ? 'interrupted' : 'ready';
  }

  /**
   * settle, waiting for outside work (Python programs, Pyodide loading) whenever it holds
   * the clock. Virtual time does not pass while it waits, so results do not depend on how
   * fast the host machine runs Python.
   */
  async settleAsync(session: Session, maxRun: Micros = 10_000_000): Promise<'ready' | 'interrupted' | 'budget'> {
    const sched = this.net.sched;
    const deadline = sched.now + maxRun;
    for (;;) {
      const r = this.settle(session, Math.max(1, deadline - sched.now));
      if (r !== 'external') return r;
      await new Promise<void>((resolve) => {
        if (!sched.frozen) return resolve();
        const off = sched.onExternalEnd(() => {
          if (sched.frozen) return;
          off();
          resolve();
        });
      });
    }
  }

  /** Let background activity run for `us` of virtual time (fast mode's "time passes"). */
  idle(us: Micros): void {
    this.net.sched.runUntil(this.net.sched.now + us, EVENT_BUDGET);
  }
}
