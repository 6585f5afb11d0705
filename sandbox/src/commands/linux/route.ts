/** route: placeholder until its implementation lands. */
import type { CommandSpec } from '../../shell/registry';
import type { Proc } from '../../shell/process';

function* notYet(ctx: { err(t: string): void }): Proc {
  ctx.err('route: not supported in this sandbox yet\n');
  return 1;
}

export const routeCommand: CommandSpec = {
  name: 'route', family: 'linux', where: 'any', summary: 'route', usage: 'route',
  run: (ctx) => notYet(ctx),
};
