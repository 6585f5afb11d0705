/** Run a sub-process and note whether Ctrl-C reached it (Python then raises KeyboardInterrupt). */
import type { Wait, Wake } from '../shell/process';

export interface InterruptFlag {
  interrupted: boolean;
}

export function* tracking<T>(inner: Generator<Wait, T, Wake>, flag: InterruptFlag): Generator<Wait, T, Wake> {
  let finished = false;
  try {
    let r = inner.next({ reason: 'start' });
    while (!r.done) {
      const w = yield r.value;
      if (w.reason === 'interrupt') flag.interrupted = true;
      r = inner.next(w);
    }
    finished = true;
    return r.value;
  } finally {
    // Killed while inside: let the sub-process clean up too.
    if (!finished) inner.return(undefined as T);
  }
}
