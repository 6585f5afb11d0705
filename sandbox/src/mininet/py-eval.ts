/** Mininet CLI `py` and `px`: placeholder until the expression evaluator lands. */
import type { Session } from '../shell/session';
import type { Proc } from '../shell/process';
import type { Out } from './mininet';

interface CliLike {
  readonly pyLocals: Map<string, unknown>;
}

export function* evalPy(_cli: CliLike, _s: Session, _args: string, out: Out): Proc {
  out('*** sandbox: py is not supported yet\n');
  return 0;
}

export function* execPy(_cli: CliLike, _s: Session, _args: string, out: Out): Proc {
  out('*** sandbox: px is not supported yet\n');
  return 0;
}
