/**
 * A Python program as a sandbox process. Python runs outside the simulation (virtual time is
 * frozen while it computes); whenever it needs the emulator to do something that takes time
 * it posts a request and waits, and this process serves the request inside the simulation:
 * a node command, a sleep, a line from the terminal, the Mininet CLI. Ctrl-C while a request
 * is served becomes a KeyboardInterrupt in Python.
 */
import type { ExecContext } from '../shell/context';
import type { Proc, Wake } from '../shell/process';
import { readLine, sleep, waitExternal } from '../shell/process';
import type { Task } from '../mininet/mininet';
import type { PyIo, PyProgram, PyResult, PythonRuntime } from './runtime';
import { BridgeError, MininetBridge } from './mininet-bridge';
import type { Payload } from './mininet-bridge';
import { tracking } from './tracking';
import { LAB_EPOCH_SECONDS } from '../sim/calendar';

interface PendingRequest {
  readonly kind: string;
  readonly payload: Payload;
  readonly resolve: (reply: string) => void;
}

/** Python's requests, queued until the process serves them. */
class RequestQueue {
  private items: PendingRequest[] = [];
  private wake: (() => void) | undefined;

  push(r: PendingRequest): void {
    this.items.push(r);
    this.wake?.();
    this.wake = undefined;
  }

  take(): PendingRequest | undefined {
    return this.items.shift();
  }

  /** Resolves once a request is queued. */
  next(): Promise<void> {
    if (this.items.length > 0) return Promise.resolve();
    return new Promise((resolve) => (this.wake = resolve));
  }
}

/**
 * Load Python if needed (a progress line on a live terminal while Pyodide loads); undefined
 * after printing why it could not.
 */
export function* loadPython(ctx: ExecContext, command: string): Task<PythonRuntime | undefined> {
  const loader = ctx.sandbox.python;
  if (!loader) {
    ctx.err(`${command}: not supported in this sandbox: this build has no Python runtime\n`);
    return undefined;
  }
  if (loader.ready) return loader.ready;
  const live = ctx.sandbox.liveTerminals;
  if (live) ctx.err('Loading Python (first use only)...');
  let failure: string | undefined;
  const w = yield waitExternal(loader.load().then(() => undefined, (e: unknown) => {
    failure = e instanceof Error ? e.message : String(e);
  }));
  if (live) ctx.err('\r\x1b[K');
  if (w.reason === 'interrupt') {
    ctx.err('\nKeyboardInterrupt\n');
    return undefined;
  }
  if (failure !== undefined || !loader.ready) {
    ctx.err(`${command}: could not start Python in this sandbox: ${failure ?? 'unknown error'}\n`);
    return undefined;
  }
  return loader.ready;
}

/** Run a program to its end; returns its result (status 137 if killed). */
export function* runProgram(ctx: ExecContext, rt: PythonRuntime, program: PyProgram, command: string): Task<PyResult> {
  if (rt.busy) {
    ctx.err(`${command}: another Python program is running in this sandbox; it has one interpreter. ` +
      'Stop that one first (Ctrl-C in its terminal).\n');
    return { status: 1 };
  }
  const queue = new RequestQueue();
  const bridge = new MininetBridge(ctx);
  const io: PyIo = {
    stdout: (t) => ctx.out(t),
    stderr: (t) => ctx.err(t),
    request: (kind, payload) => new Promise<string>((resolve) => {
      queue.push({ kind, payload: JSON.parse(payload) as Payload, resolve });
    }),
    call: (kind, payload) => {
      if (kind === 'time') return JSON.stringify({ value: LAB_EPOCH_SECONDS + ctx.sandbox.now / 1e6 });
      try {
        return JSON.stringify({ value: bridge.call(kind, JSON.parse(payload) as Payload) ?? null });
      } catch (e) {
        return JSON.stringify({ error: e instanceof Error ? e.message : String(e) });
      }
    },
  };
  let result: PyResult | undefined;
  const finished = rt.run(program, io).then(
    (r) => (result = r),
    (e: unknown) => {
      ctx.err(`*** sandbox: Python stopped unexpectedly: ${e instanceof Error ? e.message : String(e)}\n`);
      result = { status: 1 };
    },
  );
  let current: PendingRequest | undefined;
  try {
    for (;;) {
      if (result) break;
      current = queue.take();
      if (!current) {
        // Python is computing: wait for its next request or its end (time stands still).
        yield waitExternal(Promise.race([finished, queue.next()]));
        continue;
      }
      const req = current;
      const reply = yield* serve(ctx, bridge, req.kind, req.payload);
      current = undefined;
      req.resolve(JSON.stringify(reply));
    }
  } finally {
    // Killed (kill -9, terminal closed): unwind Python without output.
    current?.resolve('{"killed": true}');
    for (let r = queue.take(); r; r = queue.take()) r.resolve('{"killed": true}');
    if (!result) for (const mn of bridge.running()) mn.cleanup();
  }
  const left = bridge.running();
  for (const mn of left) mn.cleanup();
  if (left.some((mn) => mn.hosts.length + mn.switches.length > 0)) {
    ctx.err('*** sandbox: the program ended without net.stop(); its network was removed ' +
      '(on a real machine it would stay half-built until `sudo mn -c`)\n');
  }
  return result ?? { status: 137 };
}

type Reply = { value: unknown } | { error: string } | { interrupt: true };

function* serve(ctx: ExecContext, bridge: MininetBridge, kind: string, p: Payload): Task<Reply> {
  const flag = { interrupted: false };
  try {
    let value: unknown = null;
    switch (kind) {
      case 'readline': {
        const w: Wake = yield readLine();
        if (w.reason === 'interrupt') return { interrupt: true };
        value = w.reason === 'input' ? `${w.line ?? ''}\n` : null;
        break;
      }
      case 'sleep': {
        const us = Math.round(Number(p['seconds'] ?? 0) * 1e6);
        const w: Wake = yield sleep(us);
        if (w.reason === 'interrupt') return { interrupt: true };
        break;
      }
      default:
        value = yield* tracking(bridge.request(kind, p), flag);
    }
    return flag.interrupted ? { interrupt: true } : { value };
  } catch (e) {
    if (e instanceof BridgeError) return flag.interrupted ? { interrupt: true } : { error: e.message };
    throw e;
  }
}

/** A process for commands that only run a program and exit with its status. */
export function* runToStatus(ctx: ExecContext, program: PyProgram, command: string): Proc {
  const rt = yield* loadPython(ctx, command);
  if (!rt) return 1;
  return (yield* runProgram(ctx, rt, program, command)).status;
}
