/** ip: placeholder until its implementation lands. */
import type { CommandSpec } from '../../shell/registry';
import type { Proc } from '../../shell/process';

function* notYet(ctx: { err(t: string): void }): Proc {
  ctx.err('ip: not supported in this sandbox yet\n');
  return 1;
}

export const ipCommand: CommandSpec = {
  name: 'ip', family: 'linux', where: 'any', summary: 'ip', usage: 'ip',
  run: (ctx) => notYet(ctx),
};
