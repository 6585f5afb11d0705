/** ovs-vsctl: placeholder until its implementation lands. */
import type { CommandSpec } from '../../shell/registry';
import type { Proc } from '../../shell/process';

function* notYet(ctx: { err(t: string): void }): Proc {
  ctx.err('ovs-vsctl: not supported in this sandbox yet\n');
  return 1;
}

export const ovsVsctlCommand: CommandSpec = {
  name: 'ovs-vsctl', family: 'machine', where: 'any', summary: 'ovs-vsctl', usage: 'ovs-vsctl',
  run: (ctx) => notYet(ctx),
};
