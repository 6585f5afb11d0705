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
import type {
  CommandInfo, CompletionResult, SandboxInitOptions, SandboxWorkerApi, StepInput, StepResult, StepsListener, StepValidation, TerminalInfo, TerminalListener,
} from './api';

let sandbox: Sandbox | undefined;
let pacer: Pacer | undefined;
const terminals = new Map<number, { session: Session; title: string; listeners: TerminalListener[] }>();
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

function attach(session: Session, title: string): TerminalInfo {
  const entry = { session, title, listeners: [] as TerminalListener[] };
  terminals.set(session.id, entry);
  session.onOutput((text) => entry.listeners.forEach((l) => l({ type: 'output', text })));
  session.onReady(() => {
    const ev = session.closed ? ({ type: 'closed' } as const) : ({ type: 'ready', prompt: session.prompt ?? '', mode: session.mode.id } as const);
    if (session.closed || session.prompt !== undefined) {
      entry.listeners.forEach((l) => l(ev));
      reportSteps(); // a command completed: the lesson's steps may have changed
    }
  });
  return { id: session.id, title };
}

const api: SandboxWorkerApi = {
  init(opts: SandboxInitOptions): TerminalInfo {
    pacer?.stop();
    terminals.clear();
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
    const s = t.session;
    if (s.closed) listener({ type: 'closed' });
    else if (s.prompt !== undefined) listener({ type: 'ready', prompt: s.prompt, mode: s.mode.id });
  },
  onTerminalRequest(listener) {
    terminalRequest = listener;
  },
  submit(id, line) {
    term(id).session.submit(line);
    pacer?.kick();
  },
  interrupt(id) {
    term(id).session.interrupt();
    pacer?.kick();
  },
  eof(id) {
    term(id).session.eof();
    pacer?.kick();
  },
  complete(id, line): CompletionResult {
    const c = term(id).session.complete(line);
    return { from: c.from, candidates: c.candidates };
  },
  closeTerminal(id) {
    const t = terminals.get(id);
    if (!t) return;
    sandbox?.closeSession(t.session);
    terminals.delete(id);
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
};

Comlink.expose(api);
