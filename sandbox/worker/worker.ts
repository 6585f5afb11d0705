/**
 * The sandbox worker: one Sandbox per worker, driven by the pacer, exposed with comlink.
 * Bundled by esbuild into the site's static files as an ES module worker (scripts/build-worker.mjs).
 */
import * as Comlink from 'comlink';
import { Sandbox } from '../src/sandbox';
import type { Session } from '../src/shell/session';
import type { Host } from '../src/devices/host';
import { parseCheck, type Check } from '../src/lessons/checks';
import { evaluate } from '../src/lessons/evaluate';
import { Pacer } from './pacer';
import { SHARE_LIMITS, shareStateProblem } from './api';
import type {
  CommandInfo, CompletionResult, ReplayResult, SandboxInitOptions, SandboxWorkerApi, ShareEvent, ShareState, StepInput, StepResult, StepsListener, StepValidation,
  TerminalEvent, TerminalInfo, TerminalListener,
} from './api';

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

function emit(entry: TerminalEntry, ev: TerminalEvent): void {
  if (entry.backlog) {
    if (entry.backlog.length < BACKLOG_LIMIT) entry.backlog.push(ev);
    return;
  }
  entry.listeners.forEach((l) => l(ev));
}

function attach(session: Session, title: string): TerminalInfo {
  const entry: TerminalEntry = { session, title, listeners: [], backlog: [] };
  terminals.set(session.id, entry);
  session.onOutput((text) => emit(entry, { type: 'output', text }));
  session.onReady(() => {
    const ev = session.closed ? ({ type: 'closed' } as const) : ({ type: 'ready', prompt: session.prompt ?? '', mode: session.mode.id } as const);
    if (session.closed || session.prompt !== undefined) {
      emit(entry, ev);
      reportSteps(); // a command completed: the lesson's steps may have changed
    }
  });
  return { id: session.id, title };
}

/** Give one input to a terminal (live or replayed) and record it. */
function input(id: number, kind: ShareEvent['kind'], line?: string, replayed = false): void {
  const t = term(id);
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

const api: SandboxWorkerApi = {
  init(opts: SandboxInitOptions): TerminalInfo {
    pacer?.stop();
    terminals.clear();
    journal = [];
    journalOverflow = false;
    sandbox = new Sandbox({ seed: opts.seed ?? 1 });
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
    else if (s.prompt !== undefined) listener({ type: 'ready', prompt: s.prompt, mode: s.mode.id });
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
    pacer?.setSpeed(speed);
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
        if (!terminals.has(e.terminal)) return { ok: false, error: `input ${i + 1} is for a terminal that does not exist then` };
        input(e.terminal, e.kind, e.line, true);
      }
      return { ok: true, events: state.events.length };
    } finally {
      pacer.start();
    }
  },
};

Comlink.expose(api);
