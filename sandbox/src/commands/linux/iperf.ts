/** iperf: placeholder until its implementation lands. */
import type { CommandSpec } from '../../shell/registry';
import type { Proc } from '../../shell/process';

function* notYet(ctx: { err(t: string): void }): Proc {
  ctx.err('iperf: not supported in this sandbox yet\n');
  return 1;
}

export const iperfCommand: CommandSpec = {
  name: 'iperf', family: 'linux', where: 'any', summary: 'iperf', usage: 'iperf',
  run: (ctx) => notYet(ctx),
};
