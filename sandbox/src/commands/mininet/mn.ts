/**
 * `mn`: create a Mininet network from the command line, run the CLI or a test, clean up.
 * Options, defaults, messages and the startup/stop sequences are Mininet 2.3.0's
 * (reference/mininet.md §1). --custom runs its files in real Python (python/custom-topo.ts).
 * Not emulated, and said so: --nat, --cluster, -x, --innamespace, the nox/ryu controllers, ivs
 * and ovs links.
 */
import type { CommandSpec } from '../../shell/registry';
import type { ExecContext } from '../../shell/context';
import type { Proc } from '../../shell/process';
import { sleep, waitFor } from '../../shell/process';
import { getopt } from '../../shell/args';
import { parseCidr } from '../../wire/addr';
import { bindTopo, findTopo, splitArgs, tryTopo } from '../../topo/library';
import type { TopoArg } from '../../topo/library';
import type { Topo } from '../../topo/topo';
import { Mininet } from '../../mininet/mininet';
import type { ControllerChoice, LinkChoice, MininetOptions, SwitchChoice } from '../../mininet/options';
import { MininetCli } from '../../mininet/cli';
import { runTest } from '../../mininet/tests';
import { customTopo } from '../../python/custom-topo';
import { MN_CLEAN_FIRST, MN_HELP, mnCleanRest } from './mn-help';
import { FABRIC_SWITCH_CLASS } from '../../devices/fabric-switch';

/** The largest network the sandbox builds (nodes: hosts + switches). */
export const MAX_NODES = 4096;

const LONG = [
  { name: 'help', arg: 'none', key: 'h' },
  { name: 'switch', arg: 'required' },
  { name: 'host', arg: 'required' },
  { name: 'controller', arg: 'required' },
  { name: 'link', arg: 'required' },
  { name: 'topo', arg: 'required' },
  { name: 'clean', arg: 'none', key: 'c' },
  { name: 'custom', arg: 'required' },
  { name: 'test', arg: 'required' },
  { name: 'xterms', arg: 'none', key: 'x' },
  { name: 'ipbase', arg: 'required', key: 'i' },
  { name: 'mac', arg: 'none' },
  { name: 'arp', arg: 'none' },
  { name: 'verbosity', arg: 'required', key: 'v' },
  { name: 'innamespace', arg: 'none' },
  { name: 'listenport', arg: 'required' },
  { name: 'nolistenport', arg: 'none' },
  { name: 'pre', arg: 'required' },
  { name: 'post', arg: 'required' },
  { name: 'pin', arg: 'none' },
  { name: 'nat', arg: 'none' },
  { name: 'version', arg: 'none' },
  { name: 'wait', arg: 'none', key: 'w' },
  { name: 'twait', arg: 'required', key: 't' },
  { name: 'cluster', arg: 'required' },
  { name: 'placement', arg: 'required' },
] as const;

const VERBOSITY = ['debug', 'info', 'output', 'warning', 'warn', 'error', 'critical'];

const SWITCH_KEYS = "dict_keys(['user', 'ovs', 'ovsbr', 'ovsk', 'ivs', 'lxbr', 'default'])";
const CONTROLLER_KEYS = "dict_keys(['ref', 'ovsc', 'nox', 'remote', 'ryu', 'default', 'none'])";
const LINK_KEYS = "dict_keys(['default', 'tc', 'tcu', 'ovs'])";
const HOST_KEYS = "dict_keys(['proc', 'rt', 'cfs'])";

/** Python's repr of the keyword arguments given with a class ({'ip': '127.0.0.1', 'port': 6633}). */
function pyDictRepr(kw: Record<string, TopoArg>): string {
  const parts = Object.entries(kw).map(([k, v]) => `'${k}': ${typeof v === 'number' ? String(v) : `'${v}'`}`);
  return `{${parts.join(', ')}}`;
}

type Choice<T> = { ok: true; value: T } | { ok: false; error: string };

function parseSwitch(arg: string): Choice<SwitchChoice> {
  const { name, kwargs } = splitArgs(arg);
  const spec = Object.keys(kwargs).length ? pyDictRepr(kwargs) : undefined;
  const protocols = typeof kwargs['protocols'] === 'string' ? [kwargs['protocols']] : [];
  const failMode = kwargs['failMode'] === 'standalone' ? 'standalone' : 'secure';
  switch (name) {
    case 'default': case 'ovs': case 'ovsk':
      return { ok: true, value: { cls: 'OVSSwitch', failMode, protocols, stp: false, specParams: spec } };
    case 'ovsbr':
      return { ok: true, value: { cls: 'OVSBridge', failMode: 'standalone', protocols, stp: kwargs['stp'] === 1, specParams: spec } };
    case 'lxbr':
      return { ok: true, value: { cls: 'LinuxBridge', failMode: 'standalone', protocols, stp: kwargs['stp'] === 1 || kwargs['stp'] === 'True', specParams: spec } };
    case 'user':
      return { ok: true, value: { cls: 'UserSwitch', failMode, protocols, stp: false, specParams: spec } };
    case 'ivs':
      return { ok: false, error: 'mn: --switch ivs (Indigo Virtual Switch) is not supported in this sandbox; use ovsk, ovsbr, lxbr or user' };
    default:
      return { ok: false, error: `Exception: error: ${name} is unknown - please specify one of ${SWITCH_KEYS}` };
  }
}

function parseController(arg: string): Choice<ControllerChoice> {
  const { name, kwargs } = splitArgs(arg);
  const spec = Object.keys(kwargs).length ? pyDictRepr(kwargs) : undefined;
  const ip = typeof kwargs['ip'] === 'string' ? kwargs['ip'] : undefined;
  const port = typeof kwargs['port'] === 'number' ? kwargs['port'] : undefined;
  switch (name) {
    case 'default': case 'ovsc':
      // No reference `controller` binary on this machine: DefaultController picks OVSController.
      return { ok: true, value: { cls: 'OVSController', ip, port, specParams: name === 'ovsc' ? spec : undefined } };
    case 'ref':
      return { ok: true, value: { cls: 'Controller', ip, port, specParams: spec } };
    case 'remote':
      return { ok: true, value: { cls: 'RemoteController', ip, port, specParams: spec } };
    case 'none':
      return { ok: true, value: { cls: 'NullController' } };
    case 'nox': case 'ryu':
      return { ok: false, error: `mn: --controller ${name} is not supported in this sandbox; use default, ovsc, remote or none` };
    default:
      return { ok: false, error: `Exception: error: ${name} is unknown - please specify one of ${CONTROLLER_KEYS}` };
  }
}

function parseLink(arg: string): Choice<LinkChoice> {
  const { name, kwargs } = splitArgs(arg);
  switch (name) {
    case 'default':
      return { ok: true, value: { cls: 'Link', params: {} } };
    case 'tc': case 'tcu':
      return { ok: true, value: { cls: 'TCLink', params: kwargs } };
    case 'ovs':
      return { ok: false, error: 'mn: --link ovs (OVS patch links) is not supported in this sandbox; use default or tc' };
    default:
      return { ok: false, error: `Exception: error: ${name} is unknown - please specify one of ${LINK_KEYS}` };
  }
}

/** The block mn prints for any exception, followed by the cleanup (bin/mn __main__). */
function* exceptionBlock(ctx: ExecContext, message: string): Proc {
  const dashes = '-'.repeat(80);
  ctx.err(`${dashes}\nCaught exception. Cleaning up...\n\n${message}\n${dashes}\n`);
  yield* cleanup(ctx);
  return 1;
}

function* cleanup(ctx: ExecContext): Proc {
  const mn = ctx.sandbox.mininet;
  const bridges = mn ? mn.switches.map((s) => s.name) : [];
  const links = mn ? mn.switches.flatMap((s) => s.intfs.filter((i) => i.kind === 'ether').map((i) => i.name)) : [];
  ctx.err(MN_CLEAN_FIRST);
  yield sleep(1_000_000);
  if (mn) mn.cleanup();
  ctx.err(mnCleanRest(bridges, links));
  return 0;
}

function* mnMain(ctx: ExecContext, argv: string[]): Proc {
  const parsed = getopt('mn', argv, { short: 'hcxi:v:wt:', long: LONG, style: 'optparse' });
  if (!parsed.ok) {
    ctx.err(parsed.error + '\n');
    return 2;
  }
  const o = parsed.opts;
  if (o.has('h')) {
    ctx.out(MN_HELP);
    return 0;
  }
  if (o.has('version')) {
    ctx.out('2.3.0\n');
    return 0;
  }
  const verbosity = o.get('v') ?? 'info';
  if (!VERBOSITY.includes(verbosity)) {
    ctx.err(`Usage: mn [options]\n(type mn -h for details)\n\nmn: error: option -v: invalid choice: '${verbosity}' (choose from ${VERBOSITY.map((v) => `'${v}'`).join(', ')})\n`);
    return 2;
  }
  if (o.has('c')) return yield* cleanup(ctx);
  if (o.operands.length > 0) {
    // optparse accepts stray arguments and mn ignores them; warn so a typo is not silent.
    ctx.err(`*** sandbox: ignoring extra arguments: ${o.operands.join(' ')}\n`);
  }
  for (const unsupported of ['nat', 'cluster', 'placement', 'innamespace', 'x']) {
    if (o.has(unsupported)) {
      const flag = unsupported === 'x' ? '-x' : `--${unsupported}`;
      const why = unsupported === 'x' ? ' (use `xterm h1` in the Mininet CLI)' : '';
      ctx.err(`mn: ${flag} is not supported in this sandbox${why}\n`);
      return 1;
    }
  }
  const info = verbosity === 'debug' || verbosity === 'info' ? ctx.err : () => {};
  if (['warning', 'warn', 'error', 'critical'].includes(verbosity)) {
    ctx.err(`*** WARNING: selected verbosity level (${verbosity}) will hide CLI output!\nPlease restart Mininet with -v [debug, info, output].\n`);
  }
  const startedAt = ctx.sandbox.now;

  // Choices.
  const sw = parseSwitch(o.get('switch') ?? 'default');
  if (!sw.ok) return sw.error.startsWith('Exception') ? yield* exceptionBlock(ctx, sw.error) : (ctx.err(sw.error + '\n'), 1);
  let controllers: ControllerChoice[] = [];
  for (const c of o.all('controller').length ? o.all('controller') : ['default']) {
    const r = parseController(c);
    if (!r.ok) return r.error.startsWith('Exception') ? yield* exceptionBlock(ctx, r.error) : (ctx.err(r.error + '\n'), 1);
    controllers.push(r.value);
  }
  const link = parseLink(o.get('link') ?? 'default');
  if (!link.ok) return link.error.startsWith('Exception') ? yield* exceptionBlock(ctx, link.error) : (ctx.err(link.error + '\n'), 1);
  const host = splitArgs(o.get('host') ?? 'proc').name;
  if (!['proc', 'rt', 'cfs'].includes(host)) return yield* exceptionBlock(ctx, `Exception: error: ${host} is unknown - please specify one of ${HOST_KEYS}`);
  const ipBaseText = o.get('i') ?? '10.0.0.0/8';
  const ipBase = parseCidr(ipBaseText, 8);
  if (!ipBase) return yield* exceptionBlock(ctx, `ValueError: invalid literal for int() with base 10: '${ipBaseText}'`);

  // Topology.
  const topoText = o.get('topo') ?? 'minimal';
  const topoArg = splitArgs(topoText);
  let topoValue: Topo | undefined;
  const customFiles = o.all('custom').flatMap((c) => c.split(',')).filter((c) => c !== '');
  if (customFiles.length > 0) {
    // Custom files run first (real Python); a topology they define wins over a built-in one.
    const r = yield* customTopo(ctx, customFiles, topoText);
    if (r.kind === 'missing') return yield* exceptionBlock(ctx, `Exception: could not find custom file: ${r.file}`);
    if (r.kind === 'failed') return r.status;
    if (r.kind === 'topo') topoValue = r.topo;
  }
  if (!topoValue) {
    const spec = findTopo(topoArg.name);
    if (!spec) return yield* exceptionBlock(ctx, `Exception: Invalid topo name ${topoArg.name}`);
    const bound = bindTopo(spec, topoArg.args, topoArg.kwargs);
    if (!bound.ok) return yield* exceptionBlock(ctx, bound.pyError);
    const size = tryTopo(() => spec.size(bound.args));
    if (!size.ok) return yield* exceptionBlock(ctx, size.pyError);
    if (size.value > MAX_NODES) {
      ctx.err(`*** sandbox: this topology has ${size.value} nodes; the sandbox builds at most ${MAX_NODES}. Try a smaller one.\n`);
      return 1;
    }
    const limit = tryTopo(() => spec.limit?.(bound.args));
    if (!limit.ok) return yield* exceptionBlock(ctx, limit.pyError);
    if (limit.value !== undefined) {
      ctx.err(`*** sandbox: ${limit.value}\n`);
      return 1;
    }
    const built = tryTopo<Topo>(() => spec.build(bound.args));
    if (!built.ok) return yield* exceptionBlock(ctx, built.pyError);
    topoValue = built.value;
  }
  if (topoValue.size > MAX_NODES) {
    ctx.err(`*** sandbox: this topology has ${topoValue.size} nodes; the sandbox builds at most ${MAX_NODES}. Try a smaller one.\n`);
    return 1;
  }
  const topo = { value: topoValue };
  // A routed fabric (topo/fabric.ts) needs no controller: without --controller, none is added.
  const switches = topoValue.switches();
  if (o.all('controller').length === 0 && switches.length > 0 && switches.every((s) => topoValue.node(s)?.opts['cls'] === FABRIC_SWITCH_CLASS)) {
    controllers = [{ cls: 'NullController' }];
  }

  if (ctx.sandbox.mininet) {
    const first = ctx.sandbox.mininet.links[0];
    const pair = first ? `${first.intf1.name},${first.intf2.name}` : 'h1-eth0,s1-eth1';
    return yield* exceptionBlock(ctx, `Exception: Error creating interface pair (${pair}): RTNETLINK answers: File exists `);
  }

  const test = o.get('test') ?? 'none';
  const wait = o.has('w') || o.has('t') || test !== 'none';
  const listenPort = o.has('nolistenport') ? undefined : Number(o.get('listenport') ?? 6654);
  const options: MininetOptions = {
    topo: topo.value,
    switch: sw.value,
    controllers,
    link: link.value,
    ipBase,
    autoSetMacs: o.has('mac'),
    autoStaticArp: o.has('arp'),
    listenPort: Number.isFinite(listenPort) ? listenPort : undefined,
    waitConnected: false,
  };
  const mn = new Mininet(ctx.sandbox, options);
  ctx.sandbox.mininet = mn;
  const interrupted = function* (): Proc {
    ctx.err('\n\nKeyboard Interrupt. Shutting down and cleaning up...\n\n');
    yield* cleanup(ctx);
    return 1;
  };

  // Build and start; a Ctrl-C here shuts everything down as mn does.
  const buildErr = yield* mn.build(info, true);
  if (buildErr) return yield* exceptionBlock(ctx, buildErr);
  const startErr = yield* mn.start(info);
  if (startErr) {
    ctx.err(startErr);
    mn.cleanup();
    return 1;
  }
  if (wait) {
    const ok = yield* mn.waitConnected(info);
    if (!ok) return yield* interrupted();
  }
  for (const pre of o.all('pre')) yield* MininetCli.runScript(ctx, mn, pre);
  if (test === 'none') {
    info('*** Starting CLI:\n');
    const cli = new MininetCli(ctx.sandbox, mn);
    const popped = ctx.session.pushMode(cli);
    yield waitFor(popped);
  } else {
    for (const t of test.split('+')) {
      const r = yield* runTest(ctx, mn, t, info);
      if (r === 'unknown') {
        return yield* exceptionBlock(ctx, `AttributeError: 'Mininet' object has no attribute '${t}'`);
      }
    }
  }
  for (const post of o.all('post')) yield* MininetCli.runScript(ctx, mn, post);
  yield* mn.stop(info);
  const elapsed = (ctx.sandbox.now - startedAt) / 1e6;
  info(`completed in ${elapsed.toFixed(3)} seconds\n`);
  return 0;
}

export const mnCommand: CommandSpec = {
  name: 'mn',
  family: 'mininet',
  summary: 'create a Mininet network and start its CLI, or run a test on it',
  usage: 'mn [--topo=TOPO] [--switch=SWITCH] [--controller=CONTROLLER] [--link=LINK] [--test=TEST] [--mac] [--arp] [-c]',
  where: 'lab',
  options: LONG.map((l) => `--${l.name}`),
  run: mnMain,
};
