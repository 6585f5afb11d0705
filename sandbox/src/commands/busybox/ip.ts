/**
 * BusyBox `ip` (busybox 1.37 networking/libiproute, the applet in the alpine and busybox images;
 * shape from reference/docker.md §4.3). It reads the same netlink data as iproute2, so this runs
 * the emulator's iproute2 `ip` and rewrites the listing forms the way busybox prints them:
 *  - link line: no `group default`/`mode DEFAULT`; `@ifN` names the peer index as a local index
 *    (ll_idx_n2a), and `,M-DOWN` is added when that local index is not an UP interface;
 *  - no `link-netnsid`; no trailing spaces;
 *  - routes: no `proto kernel|static`, and `scope link  src A` (two spaces, iproute.c).
 * Other forms (add, del, set ...) run unchanged.
 */
import type { CommandSpec } from '../../shell/registry';
import type { ExecContext } from '../../shell/context';
import type { Proc } from '../../shell/process';
import { ipCommand } from '../linux/ip';

const ADDR = ['a', 'ad', 'add', 'addr', 'addre', 'addres', 'address'];
const LINK = ['l', 'li', 'lin', 'link'];
const ROUTE = ['r', 'ro', 'rou', 'rout', 'route'];

/** Which listing an argv asks for, or undefined for a form that changes state. */
function listing(argv: readonly string[]): 'addr' | 'link' | 'route' | undefined {
  const [obj, verb] = argv.filter((a) => !a.startsWith('-'));
  const shows = verb === undefined || ['show', 'list', 'lst', 'sh', 'ls', 'l', 's'].includes(verb);
  if (!shows || obj === undefined) return undefined;
  if (ADDR.includes(obj) && obj !== 'add') return 'addr';
  if (LINK.includes(obj)) return 'link';
  if (ROUTE.includes(obj)) return 'route';
  return undefined;
}

export function busyboxIpText(ctx: ExecContext, kind: 'addr' | 'link' | 'route', text: string): string {
  const intfs = ctx.node.intfs;
  const lines = text.split('\n').map((line) => {
    let l = line.replace(/ +$/, '');
    if (kind === 'route') return l.replace(/ proto (kernel|static|boot)/, '').replace(/ scope link src /, ' scope link  src ');
    const head = /^(\d+): ([^:@]+)(?:@if(\d+))?: <([^>]*)>(.*)$/.exec(l);
    if (head) {
      const [, idx, name, peer, flags, rest] = head;
      let link = '';
      let mdown = false;
      if (peer !== undefined) {
        const local = intfs.find((i) => i.ifindex === Number(peer));
        link = `@${local ? local.name : `if${peer}`}`;
        mdown = !local || !local.adminUp;
      }
      const tail = rest!.replace(/ mode DEFAULT/, '').replace(/ group default/, '');
      return `${idx}: ${name}${link}: <${flags}${mdown ? ',M-DOWN' : ''}>${tail}`;
    }
    l = l.replace(/ link-netnsid \d+$/, '');
    return l;
  });
  return lines.join('\n');
}

export function* busyboxIpMain(ctx: ExecContext, argv: string[]): Proc {
  const kind = listing(argv);
  if (!kind) return yield* ipCommand.run(ctx, argv);
  let buf = '';
  const inner: ExecContext = Object.create(ctx) as ExecContext;
  inner.out = (t: string) => {
    buf += t;
  };
  const status = yield* ipCommand.run(inner, argv);
  ctx.out(busyboxIpText(ctx, kind, buf));
  return status;
}

export const busyboxIpCommand: CommandSpec = {
  name: 'ip',
  family: 'linux',
  summary: 'show and change interfaces, addresses and routes (BusyBox applet)',
  usage: 'ip [OPTIONS] address|route|link|neigh ...',
  where: 'any',
  options: ['addr', 'route', 'link', 'neigh'],
  run: busyboxIpMain,
};
