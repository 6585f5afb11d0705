/**
 * The sandbox worker: one Sandbox per worker, driven by the pacer, exposed with comlink.
 * Bundled by esbuild into the site's static files as an ES module worker (scripts/build-worker.mjs).
 */
import * as Comlink from 'comlink';
import { Sandbox } from '../src/sandbox';
import type { Session } from '../src/shell/session';
import type { Host } from '../src/devices/host';
import { Pacer } from './pacer';
import type { CommandInfo, CompletionResult, SandboxInitOptions, SandboxWorkerApi, TerminalInfo, TerminalListener } from './api';

let sandbox: Sandbox | undefined;
let pacer: Pacer | undefined;
const terminals = new Map<number, { session: Session; title: string; listeners: TerminalListener[] }>();
let terminalRequest: ((t: TerminalInfo) => void) | undefined;

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
    if (session.closed || session.prompt !== undefined) entry.listeners.forEach((l) => l(ev));
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
};

Comlink.expose(api);
