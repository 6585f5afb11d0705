/**
 * Drive one sandbox terminal from a test: open a session (optionally start Mininet with an `mn`
 * line), then `run(line)` submits a line, settles it and returns what it printed. Prompts are not
 * part of that output: the session only exposes them (`session.prompt`) for a terminal to draw.
 */
import { Sandbox } from '../src/sandbox';
import type { Host } from '../src/devices/host';
import type { Session } from '../src/shell/session';

export interface LabSessionOptions {
  /** A line run first, e.g. 'mn --mac'; none when absent or empty. */
  readonly mn?: string;
  readonly seed?: number;
  /** Virtual µs a line may run before settle interrupts it (settle's default when absent). */
  readonly maxRunUs?: number;
  /** Prepare the sandbox before the session opens; a Host returned is where its shell runs. */
  readonly setup?: (sb: Sandbox) => Host | undefined;
}

export interface LabSession {
  readonly sb: Sandbox;
  readonly session: Session;
  /** Run one line and return its output; after maxRunUs of virtual time it is interrupted (Ctrl-C). */
  run(line: string, maxRunUs?: number): string;
  /** A host of the running Mininet network. */
  host(name: string): Host;
  /** Everything printed since the last `run` began. */
  output(): string;
}

export function labSession(opts: LabSessionOptions = {}): LabSession {
  const sb = new Sandbox({ seed: opts.seed ?? 1 });
  const node = opts.setup?.(sb);
  const session = sb.openSession(node ? { node } : {});
  let out = '';
  session.onOutput((t) => (out += t));
  const run = (line: string, maxRunUs = opts.maxRunUs): string => {
    out = '';
    session.submit(line);
    sb.settle(session, maxRunUs);
    return out;
  };
  if (opts.mn) run(opts.mn);
  const host = (name: string): Host => sb.mininet!.get(name) as Host;
  return { sb, session, run, host, output: () => out };
}
