/** ifconfig: placeholder until its implementation lands. */
import type { CommandSpec } from '../../shell/registry';
import type { Proc } from '../../shell/process';

function* notYet(ctx: { err(t: string): void }): Proc {
  ctx.err('ifconfig: not supported in this sandbox yet\n');
  return 1;
}

export const ifconfigCommand: CommandSpec = {
  name: 'ifconfig', family: 'linux', where: 'any', summary: 'ifconfig', usage: 'ifconfig',
  run: (ctx) => notYet(ctx),
};
