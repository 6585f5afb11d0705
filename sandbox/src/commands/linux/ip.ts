/**
 * ip (iproute2 5.15, as on the lab machine's Ubuntu 22.04; reference/mininet.md §3.3).
 * The front end of ip/ip.c: global options, then an object abbreviated as iproute2 allows
 * (`ip a`, `ip r`, `ip n`, `ip l`), handed to ip-link.ts (link, address), ip-route.ts and
 * ip-neigh.ts. Errors print iproute2's and the kernel's words and exit with their status
 * (1 for parse errors and missing devices, 2 for "RTNETLINK answers", 255 for exit(-1)).
 */
import type { CommandSpec } from '../../shell/registry';
import type { ExecContext } from '../../shell/context';
import type { Proc } from '../../shell/process';
import type { IpOptions } from './ip-args';
import { ArgCursor, IpError, matches, notEmulated } from './ip-args';
import { doAddress, doLink } from './ip-link';
import { doRoute } from './ip-route';
import { doNeigh } from './ip-neigh';

/** ip/ip.c's object table, in its order (so `ip n` is neighbor and `ip l` is link). */
const OBJECTS: Array<[string, 'address' | 'route' | 'neigh' | 'link' | 'help' | 'other']> = [
  ['address', 'address'], ['addrlabel', 'other'], ['maddress', 'other'], ['route', 'route'], ['rule', 'other'],
  ['neighbor', 'neigh'], ['neighbour', 'neigh'], ['ntable', 'other'], ['ntbl', 'other'], ['link', 'link'],
  ['l2tp', 'other'], ['fou', 'other'], ['ila', 'other'], ['macsec', 'other'], ['tunnel', 'other'], ['tunl', 'other'],
  ['tuntap', 'other'], ['tap', 'other'], ['token', 'other'], ['tcpmetrics', 'other'], ['tcp_metrics', 'other'],
  ['monitor', 'other'], ['xfrm', 'other'], ['mroute', 'other'], ['mrule', 'other'], ['netns', 'other'],
  ['netconf', 'other'], ['vrf', 'other'], ['sr', 'other'], ['nexthop', 'other'], ['mptcp', 'other'], ['ioam', 'other'],
  ['help', 'help'],
];

export const IP_USAGE =
  'Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n' +
  '       ip [ -force ] -batch filename\n' +
  'where  OBJECT := { address | addrlabel | fou | help | ila | ioam | l2tp | link |\n' +
  '                   macsec | maddress | monitor | mptcp | mroute | mrule |\n' +
  '                   neighbor | neighbour | netconf | netns | nexthop | ntable |\n' +
  '                   ntbl | route | rule | sr | tap | tcpmetrics |\n' +
  '                   token | tunnel | tuntap | vrf | xfrm }\n' +
  '       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |\n' +
  '                    -h[uman-readable] | -iec | -j[son] | -p[retty] |\n' +
  '                    -f[amily] { inet | inet6 | mpls | bridge | link } |\n' +
  '                    -4 | -6 | -M | -B | -0 |\n' +
  '                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |\n' +
  '                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |\n' +
  '                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |\n' +
  '                    -c[olor]}\n';

/** Parse the global options (ip.c main()); returns the index of the object word. */
function globalOptions(argv: string[], o: IpOptions): number {
  let i = 0;
  for (; i < argv.length; i++) {
    let opt = argv[i]!;
    if (opt === '--') return i + 1;
    if (!opt.startsWith('-')) break;
    if (opt.startsWith('--')) opt = opt.slice(1);
    const needValue = () => {
      if (i + 1 >= argv.length) throw new IpError(IP_USAGE, 255);
      return argv[++i]!;
    };
    if (matches(opt, '-loops')) needValue();
    else if (matches(opt, '-family')) {
      const f = needValue();
      if (f === 'inet') o.family = 4;
      else if (f === 'inet6') o.family = 6;
      else if (f === 'link') o.family = 'link';
      else if (f === 'help') throw new IpError(IP_USAGE, 255);
      else if (f === 'mpls' || f === 'bridge') throw notEmulated(`the ${f} family`);
      else throw new IpError(`Error: argument "${f}" is wrong: invalid protocol family\n`, 255);
    } else if (opt === '-4') o.family = 4;
    else if (opt === '-6') o.family = 6;
    else if (opt === '-0') o.family = 'link';
    else if (opt === '-M' || opt === '-B') throw notEmulated(`the ${opt === '-M' ? 'mpls' : 'bridge'} family`);
    else if (matches(opt, '-human') || matches(opt, '-human-readable') || matches(opt, '-iec')) continue;
    else if (matches(opt, '-stats') || matches(opt, '-statistics')) o.stats++;
    else if (matches(opt, '-details')) o.details = true;
    else if (matches(opt, '-resolve') || matches(opt, '-timestamp') || matches(opt, '-tshort')) continue;
    else if (matches(opt, '-oneline')) o.oneline = true;
    else if (matches(opt, '-Version')) throw new IpError('', -1);
    else if (matches(opt, '-force')) continue;
    else if (matches(opt, '-batch')) throw notEmulated('-batch');
    else if (matches(opt, '-brief')) o.brief = true;
    else if (matches(opt, '-json') || matches(opt, '-pretty')) throw notEmulated('JSON output');
    else if (matches(opt, '-rcvbuf')) needValue();
    else if (opt.startsWith('-c') && (matches(opt.split('=')[0]!, '-color') || matches(opt.split('=')[0]!, '-colour'))) continue;
    else if (matches(opt, '-help')) throw new IpError(IP_USAGE, 255);
    else if (matches(opt, '-netns')) throw notEmulated('-netns (run the command on the Mininet node instead)');
    else if (matches(opt, '-Numeric') || matches(opt, '-all')) continue;
    else throw new IpError(`Option "${opt}" is unknown, try "ip -help".\n`, 255);
  }
  return i;
}

function* run(ctx: ExecContext, argv: string[]): Proc {
  const o: IpOptions = { family: 0, stats: 0, oneline: false, brief: false, details: false };
  try {
    const start = globalOptions(argv, o);
    if (start >= argv.length) {
      ctx.err(IP_USAGE);
      return 255;
    }
    const word = argv[start]!;
    const obj = OBJECTS.find(([name]) => matches(word, name));
    if (!obj) {
      ctx.err(`Object "${word}" is unknown, try "ip help".\n`);
      return 1;
    }
    const c = new ArgCursor(argv.slice(start + 1));
    switch (obj[1]) {
      case 'address':
        return doAddress(ctx, o, c);
      case 'link':
        return doLink(ctx, o, c);
      case 'route':
        return doRoute(ctx, o, c);
      case 'neigh':
        return doNeigh(ctx, o, c);
      case 'help':
        ctx.err(IP_USAGE);
        return 255;
      default:
        throw notEmulated(`"ip ${obj[0]}"`);
    }
  } catch (e) {
    if (!(e instanceof IpError)) throw e;
    if (e.status === -1) {
      ctx.out('ip utility, iproute2-5.15.0, libbpf 0.5.0\n');
      return 0;
    }
    ctx.err(e.message);
    return e.status;
  }
}

export const ipCommand: CommandSpec = {
  name: 'ip',
  family: 'linux',
  where: 'any',
  summary: 'show or change interfaces, addresses, routes and neighbours (iproute2)',
  usage: 'ip [-4|-6] [-s] [-br] [-o] { addr | link | route | neigh } [ COMMAND ]',
  options: ['addr', 'link', 'route', 'neigh', '-4', '-6', '-s', '-br', '-o'],
  run: (ctx, argv) => run(ctx, argv),
};
