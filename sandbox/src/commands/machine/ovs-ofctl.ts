/** ovs-ofctl: placeholder until its implementation lands. */
import type { CommandSpec } from '../../shell/registry';
import type { Proc } from '../../shell/process';

function* notYet(ctx: { err(t: string): void }): Proc {
  ctx.err('ovs-ofctl: not supported in this sandbox yet\n');
  return 1;
}

export const ovsOfctlCommand: CommandSpec = {
  name: 'ovs-ofctl', family: 'machine', where: 'any', summary: 'ovs-ofctl', usage: 'ovs-ofctl',
  run: (ctx) => notYet(ctx),
};
