/**
 * Waiting on an HTTP connection from a command's process (wget, curl): until a condition
 * holds, the connection fails, a deadline passes or Ctrl-C arrives, optionally waking every
 * `tickUs` so the program can redraw its progress. Also the strerror texts the clients print.
 */
import type { ExecContext } from '../../shell/context';
import type { Wait, Wake } from '../../shell/process';
import { Signal, waitFor } from '../../shell/process';
import type { Micros } from '../../sim/time';
import type { TcpError } from '../../net/tcp';
import type { HttpConnection } from '../../net/http/client';

/** strerror(3) for the errors a connection reports (glibc). */
export const ERRNO_TEXT: Readonly<Record<TcpError, string>> = {
  ECONNREFUSED: 'Connection refused',
  ETIMEDOUT: 'Connection timed out',
  EHOSTUNREACH: 'No route to host',
  ENETUNREACH: 'Network is unreachable',
  ECONNRESET: 'Connection reset by peer',
};

export type WaitOutcome = 'ready' | 'failed' | 'timeout' | 'interrupt';

export interface WaitOptions {
  /** Absolute virtual time to give up at. */
  readonly deadline?: Micros;
  /** Wake at least this often and call onTick (progress meters). */
  readonly tickUs?: Micros;
  readonly onTick?: () => void;
}

/**
 * Wait until `ready()` holds. 'failed' when the connection reports an error or the server
 * closes before `ready()` (the caller looks at http.error and http.peerClosed).
 */
export function* waitOnHttp(
  ctx: ExecContext, http: HttpConnection, ready: () => boolean, opts: WaitOptions = {},
): Generator<Wait, WaitOutcome, Wake> {
  const sched = ctx.net.sched;
  const wake = new Signal(sched);
  const unsubscribe = http.onChange(() => wake.fire());
  // Ticks keep their rhythm however often data wakes the process.
  let nextTick = opts.tickUs !== undefined ? sched.now + opts.tickUs : undefined;
  try {
    for (;;) {
      if (ready()) return 'ready';
      if (http.error !== undefined || http.peerClosed) return 'failed';
      if (opts.deadline !== undefined && sched.now >= opts.deadline) return 'timeout';
      let until = opts.deadline;
      if (nextTick !== undefined && (until === undefined || nextTick < until)) until = nextTick;
      const w = yield waitFor(wake, until === undefined ? undefined : Math.max(1, until - sched.now));
      if (w.reason === 'interrupt') return 'interrupt';
      if (nextTick !== undefined && sched.now >= nextTick) {
        while (nextTick <= sched.now) nextTick += opts.tickUs!;
        opts.onTick?.();
      }
    }
  } finally {
    unsubscribe();
  }
}
