/** arp: placeholder until its implementation lands. */
import type { CommandSpec } from '../../shell/registry';
import type { Proc } from '../../shell/process';

function* notYet(ctx: { err(t: string): void }): Proc {
  ctx.err('arp: not supported in this sandbox yet\n');
  return 1;
}

export const arpCommand: CommandSpec = {
  name: 'arp', family: 'linux', where: 'any', summary: 'arp', usage: 'arp',
  run: (ctx) => notYet(ctx),
};
