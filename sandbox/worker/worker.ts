/**
 * The sandbox worker: one Sandbox per worker, driven by the pacer, exposed with comlink.
 * Bundled by esbuild into the site's static files as an ES module worker (scripts/build-worker.mjs).
 */
import * as Comlink from 'comlink';
import { Sandbox } from '../src/sandbox';
import type { Session } from '../src/shell/session';
import { parseCheck, type Check } from '../src/lessons/checks';
import { evaluate } from '../src/lessons/evaluate';
import type { OnosView } from '../src/onos/model';
import { Pacer } from './pacer';
import { workerPythonLoader } from './python-worker';
import { SHARE_APP_LINE, SHARE_LIMITS, SHARE_NODE_NAME, shareStateProblem } from './api';
import type {
  CommandInfo, CompletionResult, NetworkSnapshot, OnosSnapshot, ReplayResult, SandboxInitOptions, SaveResult, SandboxWorkerApi, ShareEvent, ShareState, SimStepResult, StepInput, StepResult,
  StepsListener, StepValidation, TerminalEvent, TerminalInfo, TerminalListener,
} from './api';
import { Host } from '../src/devices/host';
import { networkSnapshotBody } from './network-snapshot';
import { ContentRevision } from './content-revision';
import { PacketLog } from './packet-log';
import { simulationStep } from './simulation';
import { onosSnapshotBody } from './onos-snapshot';
import { EditorRelay, saveFileIn, seedLabFiles } from './editor-files';

let sandbox: Sandbox | undefined;
let pacer: Pacer | undefined;
/**
 * A terminal and who listens to it. Events before the first listener (a terminal that `xterm h1`
 * opened during a replay) wait in the backlog and are delivered when the page listens.
 */
interface TerminalEntry {
  session: Session;
  title: string;
  listeners: TerminalListener[];
  backlog: TerminalEvent[] | undefined;
}
const BACKLOG_LIMIT = 5000;
const terminals = new Map<number, TerminalEntry>();
/** Every input since init, with its virtual time: the share link's content. */
let journal: ShareEvent[] = [];
let journalOverflow = false;

function record(terminal: number, kind: ShareEvent['kind'], line?: string): void {
  if (!sandbox) return;
  if (journal.length >= SHARE_LIMITS.events) {
    journalOverflow = true;
    return;
  }
  const at = sandbox.now;
  journal.push(line === undefined ? { at, terminal, kind } : { at, terminal, kind, line });
}

/** An editor save, recorded whole; saving the same file again with nothing in between replaces it. */
function recordSave(path: string, content: string): void {
  if (!sandbox) return;
  if (content.length > SHARE_LIMITS.fileLength || path.length > SHARE_LIMITS.pathLength) {
    journalOverflow = true;
    return;
  }
  const last = journal[journal.length - 1];
  if (last?.kind === 'save' && last.path === path) journal.pop();
  else if (journal.length >= SHARE_LIMITS.events) {
    journalOverflow = true;
    return;
  }
  journal.push({ at: sandbox.now, terminal: 0, kind: 'save', path, content });
}

/** nano/vi/code's requests for the editor panel, relayed to the page. */
const editor = new EditorRelay();
let terminalRequest: ((t: TerminalInfo) => void) | undefined;
/** The page's lesson steps; a step whose check did not validate has check undefined and never passes. */
let steps: { id: string; check: Check | undefined; error?: string }[] = [];
let stepsListener: StepsListener | undefined;

/** Evaluate every step now and tell the page (structured-cloneable results only). */
function reportSteps(): void {
  if (!stepsListener || !sandbox || steps.length === 0) return;
  const sb = sandbox;
  const results: StepResult[] = steps.map((s): StepResult => {
    if (!s.check) return { id: s.id, passed: false, detail: `invalid check: ${s.error ?? ''}` };
    try {
      const r = evaluate(s.check, sb);
      return r.detail === undefined ? { id: s.id, passed: r.passed } : { id: s.id, passed: r.passed, detail: r.detail };
    } catch (e) {
      return { id: s.id, passed: false, detail: `check failed to run: ${e instanceof Error ? e.message : String(e)}` };
    }
  });
  stepsListener(results);
}

function term(id: number) {
  const t = terminals.get(id);
  if (!t) throw new Error(`no terminal ${id}`);
  return t;
}

/** "Draw this prompt", with echo off while a password is read. */
function readyEvent(session: Session): TerminalEvent {
  const prompt = session.prompt ?? '';
  return session.echoesInput ? { type: 'ready', prompt, mode: session.mode.id } : { type: 'ready', prompt, mode: session.mode.id, echo: false };
}

function emit(entry: TerminalEntry, ev: TerminalEvent): void {
  if (entry.backlog) {
    if (entry.backlog.length < BACKLOG_LIMIT) entry.backlog.push(ev);
    return;
  }
  entry.listeners.forEach((l) => l(ev));
}

function attach(session: Session, title: string): TerminalInfo {
  const entry: TerminalEntry = { session, title, listeners: [], backlog: [] };
  // The first prompt leads the backlog, so a terminal opened during a replay draws it before the
  // replayed lines (a listener that comes at once gets just this, as from listen()).
  if (!session.closed && session.prompt !== undefined) entry.backlog!.push(readyEvent(session));
  terminals.set(session.id, entry);
  session.onOutput((text) => emit(entry, { type: 'output', text }));
  session.onReady(() => {
    const ev: TerminalEvent = session.closed ? { type: 'closed' } : readyEvent(session);
    if (session.closed || session.prompt !== undefined) {
      emit(entry, ev);
      reportSteps(); // a command completed: the lesson's steps may have changed
    }
  });
  return { id: session.id, title };
}

/** The lab machine's ONOS controller, as the GUI sees it. */
function onos(): OnosView | undefined {
  return sandbox?.onos;
}

/** The GUI panel's view of the controller, with its revision (counted per sandbox). */
let onosRevisions = new ContentRevision();
function onosSnapshot(): OnosSnapshot {
  const body = onosSnapshotBody(onos(), sandbox?.now ?? 0);
  return { ...body, revision: onosRevisions.of(body) };
}

/** The network view's picture, with its revision (counted per sandbox). */
let networkRevisions = new ContentRevision();
function networkSnapshot(): NetworkSnapshot {
  const body = sandbox ? networkSnapshotBody(sandbox) : { nodes: [], links: [] };
  return { ...body, revision: networkRevisions.of(body) };
}

/** The frames put on links, for the view and the inspector. */
const packets = new PacketLog();
/** Simulation mode: virtual time moves only in simStep; realtimeSpeed is the pacer's speed outside it. */
let simulation = false;
let realtimeSpeed = 1;

/**
 * A terminal on a Mininet node, as `xterm NODE` opens one (switches and controllers get a shell in
 * the root namespace, titled with their name); a replayed one must get the id it had.
 */
function openNodeTerminalIn(name: string, expectedId?: number): TerminalInfo | string {
  const sb = sandbox;
  if (!sb) return 'the sandbox is not started';
  if (name === sb.lab.name) return openLabTerminal(expectedId);
  const mn = sb.mininet;
  if (!mn || !mn.started || mn.stopped) return 'no Mininet network is running';
  const node = mn.get(name);
  if (!node || !SHARE_NODE_NAME.test(name)) return `there is no node ${name}`;
  const s = sb.openSession({ node: node instanceof Host ? node : sb.lab });
  if (expectedId !== undefined && s.id !== expectedId) {
    sb.closeSession(s);
    return `it opens terminal ${expectedId}, but the sandbox gave it number ${s.id}`;
  }
  mn.terms++;
  record(s.id, 'xterm', name);
  return attach(s, name);
}

/** A new shell on the lab machine (New terminal); a replayed one must get the id it had. */
function openLabTerminal(expectedId?: number): TerminalInfo | string {
  const sb = sandbox;
  if (!sb) return 'the sandbox is not started';
  const s = sb.openSession();
  if (expectedId !== undefined && s.id !== expectedId) {
    sb.closeSession(s);
    return `it opens terminal ${expectedId}, but the sandbox gave it number ${s.id}`;
  }
  record(s.id, 'open');
  return attach(s, 'master1');
}

/** The GUI's Activate/Deactivate (live or replayed), recorded as an 'app' input. */
function setOnosApp(name: string, active: boolean): { ok: boolean; message: string } {
  const view = onos();
  if (!view || view.status !== 'running') return { ok: false, message: 'ONOS is not running.' };
  const line = `${active ? 'activate' : 'deactivate'} ${name}`;
  if (!SHARE_APP_LINE.test(line)) return { ok: false, message: `No such application: ${name}` };
  record(0, 'app', line);
  const r = active ? view.activate(name) : view.deactivate(name);
  if (!r.ok) return { ok: false, message: r.message };
  return { ok: true, message: r.names.map((n) => `${active ? 'Activated' : 'Deactivated'} ${n}`).join('\n') };
}

/** Give one input to a terminal (live or replayed) and record it. */
function input(id: number, kind: Exclude<ShareEvent['kind'], 'open' | 'app' | 'save' | 'xterm'>, line?: string, replayed = false): void {
  const t = term(id);
  finishInstant();
  record(id, kind, line);
  switch (kind) {
    case 'line':
      // A replayed line typed at a prompt is drawn by the page; typed-ahead ones the shell echoes.
      if (replayed && !t.session.busy && t.session.prompt !== undefined) emit(t, { type: 'input', text: line ?? '' });
      t.session.submit(line ?? '');
      break;
    case 'interrupt':
      t.session.interrupt();
      break;
    case 'eof':
      t.session.eof();
      break;
    case 'close':
      if (replayed) emit(t, { type: 'closed' });
      sandbox?.closeSession(t.session);
      terminals.delete(id);
      break;
  }
}

/**
 * In simulation mode a step can stop between two events of the same instant; an input then waits
 * for the rest of that instant, as it does in real time (and in a share link's replay, which gives
 * each input after every event up to its time).
 */
function finishInstant(): void {
  if (simulation && sandbox && !sandbox.frozen) sandbox.advanceTo(sandbox.now);
}

const api: SandboxWorkerApi = {
  init(opts: SandboxInitOptions): TerminalInfo {
    pacer?.stop();
    terminals.clear();
    journal = [];
    journalOverflow = false;
    onosRevisions = new ContentRevision();
    networkRevisions = new ContentRevision();
    simulation = false;
    realtimeSpeed = opts.speed ?? 1;
    sandbox?.dispose();
    sandbox = new Sandbox({ seed: opts.seed ?? 1 });
    sandbox.python = workerPythonLoader(opts.seed ?? 1);
    sandbox.liveTerminals = true;
    // Python ran or Pyodide loaded (time was frozen meanwhile): run what it scheduled now.
    sandbox.net.sched.onExternalEnd(() => pacer?.kick());
    // The page's starter files, then the files the learner saved before a Reset (those go into share links).
    seedLabFiles(sandbox, opts.files);
    for (const f of seedLabFiles(sandbox, opts.savedFiles)) recordSave(f.path, f.content);
    editor.attach(sandbox);
    packets.attach(sandbox.net);
    sandbox.onTerminalRequest((node: Host, title: string) => {
      const s = sandbox!.openSession({ node });
      const info = attach(s, title);
      terminalRequest?.(info);
    });
    pacer = new Pacer(sandbox, opts.speed ?? 1);
    pacer.start();
    return attach(sandbox.openSession(), 'master1');
  },
  listen(id, listener) {
    const t = term(id);
    t.listeners.push(listener);
    const backlog = t.backlog;
    t.backlog = undefined;
    if (backlog && backlog.length > 0) {
      backlog.forEach((e) => listener(e));
      return;
    }
    const s = t.session;
    if (s.closed) listener({ type: 'closed' });
    else if (s.prompt !== undefined) listener(readyEvent(s));
  },
  onTerminalRequest(listener) {
    terminalRequest = listener;
  },
  submit(id, line) {
    input(id, 'line', line);
    pacer?.kick();
  },
  interrupt(id) {
    input(id, 'interrupt');
    pacer?.kick();
  },
  eof(id) {
    input(id, 'eof');
    pacer?.kick();
  },
  complete(id, line): CompletionResult {
    const c = term(id).session.complete(line);
    return { from: c.from, candidates: c.candidates };
  },
  closeTerminal(id) {
    if (terminals.has(id)) input(id, 'close');
  },
  setSpeed(speed) {
    realtimeSpeed = Math.max(0, Number(speed) || 0);
    if (!simulation) pacer?.setSpeed(realtimeSpeed);
  },
  commands(): CommandInfo[] {
    const reg = (sandbox ?? new Sandbox()).registry;
    return reg.all().map((c) => ({
      name: c.name, aliases: [...(c.aliases ?? [])], family: c.family, summary: c.summary, usage: c.usage, where: c.where,
    }));
  },
  setSteps(input: StepInput[]): StepValidation[] {
    const list = Array.isArray(input) ? input : [];
    steps = list.map((s) => {
      const id = typeof s?.id === 'string' ? s.id : '';
      const r = parseCheck(s?.check);
      return r.ok ? { id, check: r.check } : { id, check: undefined, error: r.error };
    });
    reportSteps();
    return steps.map((s) => (s.error === undefined ? { id: s.id } : { id: s.id, error: s.error }));
  },
  onSteps(listener) {
    stepsListener = listener;
  },
  shareState() {
    return { seed: sandbox?.seed ?? 1, events: journal.slice(), tooLong: journalOverflow };
  },
  replay(state: ShareState): ReplayResult {
    const problem = shareStateProblem(state);
    if (problem) return { ok: false, error: problem };
    const sb = sandbox;
    if (!sb || !pacer) return { ok: false, error: 'the sandbox is not started' };
    if (sb.seed !== state.seed) return { ok: false, error: `the sandbox runs seed ${sb.seed}, the link seed ${state.seed}` };
    if (journal.length > 0) return { ok: false, error: 'the sandbox has already been used' };
    pacer.stop();
    try {
      for (let i = 0; i < state.events.length; i++) {
        const e = state.events[i]!;
        if (e.at > sb.now) sb.advanceTo(e.at);
        if (e.kind === 'open') {
          // The page opens a tab for it as for `xterm h1`; its events wait in the backlog.
          if (terminals.has(e.terminal)) return { ok: false, error: `input ${i + 1} opens a terminal that is already open` };
          const info = openLabTerminal(e.terminal);
          if (typeof info === 'string') return { ok: false, error: `input ${i + 1} cannot be replayed: ${info}` };
          terminalRequest?.(info);
          continue;
        }
        if (e.kind === 'xterm') {
          if (terminals.has(e.terminal)) return { ok: false, error: `input ${i + 1} opens a terminal that is already open` };
          const info = openNodeTerminalIn(e.line ?? '', e.terminal);
          if (typeof info === 'string') return { ok: false, error: `input ${i + 1} cannot be replayed: ${info}` };
          terminalRequest?.(info);
          continue;
        }
        if (e.kind === 'save') {
          const path = e.path ?? '';
          const content = e.content ?? '';
          if (saveFileIn(sb, path, content).ok) {
            recordSave(path, content);
            editor.saved(path, content);
          }
          continue;
        }
        if (e.kind === 'app') {
          // ONOS's answer shows in the GUI panel, as it did when the button was pressed.
          const [verb, name] = (e.line ?? '').split(' ') as [string, string];
          setOnosApp(name, verb === 'activate');
          continue;
        }
        if (!terminals.has(e.terminal)) return { ok: false, error: `input ${i + 1} is for a terminal that does not exist then` };
        input(e.terminal, e.kind, e.line, true);
      }
      return { ok: true, events: state.events.length };
    } finally {
      pacer.start();
    }
  },
  onosSnapshot,
  onosRevision() {
    const s = onosSnapshot();
    return { revision: s.revision, status: s.status };
  },
  onosSetApp(name, active) {
    finishInstant();
    const r = setOnosApp(String(name), Boolean(active));
    pacer?.kick();
    reportSteps(); // a lesson step may wait for this app
    return r;
  },
  openTerminal(): TerminalInfo {
    finishInstant();
    const info = openLabTerminal();
    if (typeof info === 'string') throw new Error(info);
    pacer?.kick();
    return info;
  },
  onEditorRequest(listener) {
    editor.listen(listener);
  },
  saveFile(path, content): SaveResult {
    if (!sandbox) return { ok: false, error: 'Error writing: the sandbox is not started' };
    finishInstant();
    const r = saveFileIn(sandbox, path, content);
    if (r.ok) {
      recordSave(String(path), String(content));
      reportSteps(); // a lesson step may check the file
    }
    return r;
  },
  networkRevision() {
    return networkSnapshot().revision;
  },
  networkSnapshot,
  watchPackets(listener) {
    packets.watch(typeof listener === 'function' ? listener : undefined);
  },
  decodePacket(id) {
    return packets.decode(Number(id));
  },
  openNodeTerminal(node): TerminalInfo | string {
    finishInstant();
    const info = openNodeTerminalIn(String(node));
    if (typeof info !== 'string') pacer?.kick();
    return info;
  },
  setSimulation(on) {
    if (Boolean(on) === simulation) return;
    simulation = Boolean(on);
    if (simulation) packets.flush(); // what real time sent goes out before the first step
    pacer?.setSpeed(simulation ? 0 : realtimeSpeed);
  },
  simStep(): SimStepResult {
    if (!sandbox || !simulation) return { kind: 'off', packets: [], now: sandbox?.now ?? 0, pending: false };
    packets.flush();
    return simulationStep(sandbox, packets);
  },
};

Comlink.expose(api);
