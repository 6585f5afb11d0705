/** traceroute: placeholder until its implementation lands. */
import type { CommandSpec } from '../../shell/registry';
import type { Proc } from '../../shell/process';

function* notYet(ctx: { err(t: string): void }): Proc {
  ctx.err('traceroute: not supported in this sandbox yet\n');
  return 1;
}

export const tracerouteCommand: CommandSpec = {
  name: 'traceroute', family: 'linux', where: 'any', summary: 'traceroute', usage: 'traceroute',
  run: (ctx) => notYet(ctx),
};
