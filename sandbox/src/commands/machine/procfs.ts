/**
 * The few /proc files lessons read, generated from the namespace's state:
 * /proc/sys/net/ipv4/ip_forward and /proc/net/route's sibling views stay consistent with sysctl.
 */
import type { ExecContext } from '../../shell/context';

export function readProc(ctx: ExecContext, path: string): string | undefined {
  if (path === '/proc/sys/net/ipv4/ip_forward') return ctx.node.stack.forwarding ? '1\n' : '0\n';
  return undefined;
}
