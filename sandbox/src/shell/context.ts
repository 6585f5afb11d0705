/** What a running command can reach: the sandbox, its terminal, its shell and its streams. */
import type { Host } from '../devices/host';
import type { Vfs } from '../fs/vfs';
import type { Network } from '../net/network';
import type { Sandbox } from '../sandbox';
import type { Session } from './session';
import type { ShellState } from './shell-state';

export interface ExecContext {
  readonly sandbox: Sandbox;
  readonly net: Network;
  readonly session: Session;
  readonly shell: ShellState;
  /** The namespace the command runs in (shell.node). */
  readonly node: Host;
  /** The namespace's filesystem: the lab's for the lab and Mininet hosts, a container's own inside it. */
  readonly fs: Vfs;
  /** Standard output and standard error; both reach the terminal unless redirected. */
  out(text: string): void;
  err(text: string): void;
  /** Piped or redirected input, if any. */
  readonly stdin: string | undefined;
  /** True when stdout is the terminal (tools such as ovs-ofctl print differently to a pipe). */
  readonly isTty: boolean;
}
