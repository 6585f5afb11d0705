/**
 * The Mininet CLI (`mininet> `, mininet/cli.py 2.3.0): its commands, node dispatch with
 * name-to-IP substitution, and Python's cmd.Cmd line handling (reference/mininet.md §2).
 */
import type { Sandbox } from '../sandbox';
import type { ExecContext } from '../shell/context';
import type { Completion, Mode, Session } from '../shell/session';
import type { Proc, Wake } from '../shell/process';
import { runBashLine } from '../shell/bash';
import { ShellState } from '../shell/shell-state';
import { resolvePath } from '../fs/vfs';
import { Host } from '../devices/host';
import { OvsSwitch } from '../devices/ovs-switch';
import { FabricSwitch } from '../devices/fabric-switch';
import type { NetNode } from '../devices/node';
import { formatIpv4 } from '../wire/addr';
import type { Mininet, Out } from './mininet';
import { CLI_COMMANDS, CLI_DOCS, CLI_HELP } from './cli-help';
import { mnIntfs, nodeRepr } from './repr';
import { iperfTest, pingTest } from './tests';
import { evalPy, execPy } from './py-eval';
import { currentWord } from '../shell/complete';

type Handler = (cli: MininetCli, session: Session, args: string, out: Out) => Proc;

/** The output of the command running on a node's shell right now, if any (see runOnNode). */
const foreground = new WeakMap<ShellState, { readonly out: Out }>();

function* quick(fn: () => number | void): Proc {
  return fn() ?? 0;
}

export class MininetCli implements Mode {
  readonly id = 'mininet';
  readonly interruptText = '^C\nInterrupt\n';
  /** Variables defined with px, kept for later py/px. */
  readonly pyLocals = new Map<string, unknown>();

  constructor(
    readonly sandbox: Sandbox,
    readonly mn: Mininet,
  ) {}

  prompt(): string {
    return 'mininet> ';
  }

  run(line: string, session: Session): Proc | undefined {
    const out: Out = (t) => session.write(t);
    return this.onecmd(session, line, out);
  }

  eof(session: Session): Proc | undefined {
    return this.onecmd(session, 'EOF', (t) => session.write(t));
  }

  /** Run one CLI line (cmd.Cmd.onecmd with Mininet's precmd). */
  onecmd(session: Session, raw: string, out: Out): Proc | undefined {
    let line = raw;
    if (line.includes('#')) line = line.split('#')[0]!;
    line = line.trim();
    if (line === '') return undefined;
    if (line.startsWith('?')) line = 'help ' + line.slice(1);
    const m = /^[A-Za-z0-9_]*/.exec(line)!;
    const cmd = m[0];
    const args = line.slice(cmd.length).trim();
    const handler = cmd && Object.hasOwn(HANDLERS, cmd) ? HANDLERS[cmd] : undefined;
    if (handler) {
      const proc = handler(this, session, args, out);
      // Ctrl-C aborts a CLI command (cli.py run(): KeyboardInterrupt → "Interrupt"); py/px handle it themselves.
      // noecho and time pass the line on (to CLI.default / onecmd), where a node command gets the
      // SIGINT (waitForNode) and a CLI command is aborted by its own wrapper.
      return cmd === 'py' || cmd === 'px' || cmd === 'noecho' || cmd === 'time' ? proc : abortOnInterrupt(proc, out);
    }
    return this.dispatch(session, cmd, args, line, out);
  }

  /** CLI.default(): a line that must start with a node name (what `noecho` runs). */
  defaultLine(session: Session, raw: string, out: Out): Proc | undefined {
    const line = raw.trim();
    const cmd = /^[A-Za-z0-9_]*/.exec(line)![0];
    return this.dispatch(session, cmd, line.slice(cmd.length).trim(), line, out);
  }

  /** `<node> <command>`: run it in the node's shell, names replaced by IPs. */
  private dispatch(session: Session, first: string, args: string, line: string, out: Out): Proc | undefined {
    const node = this.mn.get(first);
    if (!node) {
      out(`*** Unknown command: ${line}\n`);
      return undefined;
    }
    if (!args) {
      out(`*** Please enter a command for node: ${first} <cmd>\n`);
      return undefined;
    }
    const rest = args
      .split(' ')
      .map((a) => {
        const n = this.mn.get(a);
        if (!n) return a;
        const ip = this.substituteIp(n);
        return ip ?? a;
      })
      .join(' ');
    return this.runOnNode(session, node, rest, out);
  }

  /** Intf.updateIP(): a switch's default interface is lo (127.0.0.1); a controller has none. */
  private substituteIp(n: NetNode): string | undefined {
    if (n instanceof OvsSwitch) return '127.0.0.1';
    const ip = this.mn.ipOf(n);
    return ip === undefined ? undefined : formatIpv4(ip);
  }

  runOnNode(session: Session, node: NetNode, line: string, out: Out): Proc {
    const shell = this.mn.shellFor(node);
    const sandbox = this.sandbox;
    const mn = this.mn;
    return (function* (): Proc {
      if (!(yield* mn.shellRoundTrip())) return 130;
      // The node's bash runs with job control off (set +m): finished background jobs are
      // forgotten at its next prompt without a "Done" notice, so `jobs` no longer lists them.
      shell.reapJobs();
      if (shell.pendingOutput) {
        out(shell.pendingOutput);
        shell.pendingOutput = '';
      }
      // While a command runs, the CLI reads the node's pty, so output of the node's background
      // jobs shows at once; between commands it waits for the node's next command. A job's
      // output while the line that started it is still running waits too: the real program
      // starts writing only after the shell has already returned its prompt.
      const reader = { out };
      foreground.set(shell, reader);
      try {
        return yield* runBashLine(sandbox, session, shell, line, out, {
          interactive: false,
          backgroundOut: (t) => {
            const now = foreground.get(shell);
            if (now && now !== reader) now.out(t);
            else shell.pendingOutput += t;
          },
        });
      } finally {
        foreground.delete(shell);
      }
    })();
  }

  complete(line: string, _session: Session): Completion {
    const { from, word, index } = currentWord(line);
    if (index === 0) {
      const names = [...CLI_COMMANDS, ...this.mn.nodes().map((n) => n.name)];
      return { from, candidates: [...new Set(names)].filter((n) => n.startsWith(word)).sort() };
    }
    const nodes = this.mn.nodes().map((n) => n.name);
    return { from, candidates: nodes.filter((n) => n.startsWith(word)) };
  }

  /** Run a CLI script file (mn --pre/--post, `source`). */
  static *runScript(ctx: ExecContext, mn: Mininet, file: string): Proc {
    const cli = new MininetCli(ctx.sandbox, mn);
    const text = ctx.sandbox.fs.readFile(resolvePath(file, ctx.shell.cwd));
    if (typeof text !== 'string' || !ctx.sandbox.fs.isFile(resolvePath(file, ctx.shell.cwd))) {
      ctx.err(`error reading file ${file}\n`);
      return 1;
    }
    for (const l of text.split('\n')) {
      const p = cli.onecmd(ctx.session, l, ctx.err);
      if (p) yield* p;
    }
    return 0;
  }
}

/** Run a CLI command; on Ctrl-C stop it (its finally blocks run) and print Mininet's "Interrupt". */
function* abortOnInterrupt(inner: Proc, out: Out): Proc {
  let r = inner.next({ reason: 'start' });
  while (!r.done) {
    const w: Wake = yield r.value;
    if (w.reason === 'interrupt') {
      inner.return(130);
      out('\nInterrupt\n');
      return 130;
    }
    r = inner.next(w);
  }
  return r.value;
}

function nodeArgs(cli: MininetCli, args: string, out: Out): NetNode[] | undefined {
  const nodes: NetNode[] = [];
  for (const a of args.split(/\s+/).filter(Boolean)) {
    const n = cli.mn.get(a);
    if (!n) {
      out(`node '${a}' not in network\n`);
      return undefined;
    }
    nodes.push(n);
  }
  return nodes;
}

function* exitCli(cli: MininetCli, session: Session, eof: boolean, out: Out): Proc {
  if (eof) out('\n');
  void cli;
  session.popMode();
  return 0;
}

const HANDLERS: Record<string, Handler> = {
  help: (_cli, _s, args, out) =>
    quick(() => {
      if (!args) {
        out(CLI_HELP);
        return;
      }
      const doc = CLI_DOCS[args];
      out(doc ? doc + '\n' : `*** No help on ${args}\n`);
    }),
  nodes: (cli, _s, _a, out) =>
    quick(() => {
      out('available nodes are: \n' + cli.mn.sortedNodeNames().join(' ') + '\n');
    }),
  net: (cli, _s, _a, out) =>
    quick(() => {
      for (const n of cli.mn.nodes()) {
        let line = n.name;
        for (const i of mnIntfs(n)) line += ` ${i.name}:${i.peer ? i.peer.name : ' '}`;
        out(line + '\n');
      }
    }),
  links: (cli, _s, _a, out) =>
    quick(() => {
      for (const l of cli.mn.links) out(`${l.intf1.name}<->${l.intf2.name} (OK OK) \n`);
    }),
  intfs: (cli, _s, _a, out) =>
    quick(() => {
      for (const n of cli.mn.nodes()) out(`${n.name}: ${mnIntfs(n).map((i) => i.name).join(',')}\n`);
    }),
  ports: (cli, _s, _a, out) =>
    quick(() => {
      for (const sw of cli.mn.allSwitches()) {
        let line = sw.name + ' ';
        for (const i of mnIntfs(sw)) line += `${i.name}:${i.kind === 'loopback' ? 0 : sw instanceof OvsSwitch ? sw.portNo(i) : i.port} `;
        out(line + '\n');
      }
    }),
  dump: (cli, _s, _a, out) =>
    quick(() => {
      for (const n of cli.mn.nodes()) out(nodeRepr(n) + '\n');
    }),
  pingall: (cli, s, args, out) => pingTest(cli, s, out, { all: true, full: false, timeout: args || undefined }),
  pingallfull: (cli, s, _a, out) => pingTest(cli, s, out, { all: true, full: true }),
  pingpair: (cli, s, _a, out) => pingTest(cli, s, out, { all: false, full: false }),
  pingpairfull: (cli, s, _a, out) => pingTest(cli, s, out, { all: false, full: true }),
  iperf: (cli, s, args, out) => {
    const a = args.split(/\s+/).filter(Boolean);
    if (a.length === 0) return iperfTest(cli, s, out, { udp: false });
    if (a.length !== 2) return quick(() => out('invalid number of args: iperf src dst\n'));
    const nodes = nodeArgs(cli, args, out);
    if (!nodes) return quick(() => 0);
    return iperfTest(cli, s, out, { udp: false, hosts: nodes });
  },
  iperfudp: (cli, s, args, out) => {
    const a = args.split(/\s+/).filter(Boolean);
    if (a.length === 0) return iperfTest(cli, s, out, { udp: true });
    if (a.length !== 3) return quick(() => out('invalid number of args: iperfudp bw src dst\nbw examples: 10M\n'));
    const nodes = nodeArgs(cli, a.slice(1).join(' '), out);
    if (!nodes) return quick(() => 0);
    return iperfTest(cli, s, out, { udp: true, hosts: nodes, bw: a[0] });
  },
  link: (cli, _s, args, out) =>
    quick(() => {
      const a = args.split(/\s+/).filter(Boolean);
      if (a.length !== 3) return void out('invalid number of args: link end1 end2 [up down]\n');
      if (a[2] !== 'up' && a[2] !== 'down') return void out('invalid type: link end1 end2 [up down]\n');
      const src = cli.mn.get(a[0]!);
      const dst = cli.mn.get(a[1]!);
      if (!src) return void out(`src not in network: ${a[0]}\n`);
      if (!dst) return void out(`dst not in network: ${a[1]}\n`);
      if (cli.mn.linksBetween(src, dst).length === 0) return void out(`src and dst not connected: ${a[0]} ${a[1]}\n`);
      cli.mn.configLinkStatus(src, dst, a[2] === 'up');
    }),
  dpctl: (cli, session, args, out) => {
    if (!args) return quick(() => out('usage: dpctl command [arg1] [arg2] ...\n'));
    const [cmd, ...rest] = args.split(/\s+/);
    return (function* (): Proc {
      for (const sw of cli.mn.allSwitches()) {
        out(`*** ${sw.name} ${'-'.repeat(72)}\n`);
        const line = ['ovs-ofctl', cmd, sw.name, ...rest].join(' ');
        yield* runBashLine(cli.sandbox, session, cli.mn.shellFor(sw), line, out, { interactive: false });
      }
      return 0;
    })();
  },
  // do_sh is subprocess.call(line, shell=True): a fresh shell in the root namespace each time,
  // so cd and variables do not carry over to the next `sh` (or to c0's shell).
  sh: (cli, session, args, out) => {
    if (!args) return quick(() => 0);
    return runBashLine(cli.sandbox, session, new ShellState(cli.sandbox.lab), args, out, { interactive: false });
  },
  // do_noecho calls self.default(line): only node commands run; anything else is unknown.
  noecho: (cli, session, args, out) => {
    const p = cli.defaultLine(session, args, out);
    return p ?? quick(() => 0);
  },
  source: (cli, session, args, out) => {
    const a = args.split(/\s+/).filter(Boolean);
    if (a.length !== 1) return quick(() => out('usage: source <file>\n'));
    return (function* (): Proc {
      const path = resolvePath(a[0]!, '/root');
      const text = cli.sandbox.fs.readFile(path);
      if (typeof text !== 'string' || !cli.sandbox.fs.isFile(path)) {
        out(`error reading file ${a[0]}\n`);
        return 1;
      }
      for (const l of text.split('\n')) {
        const p = cli.onecmd(session, l, out);
        if (p) yield* p;
      }
      return 0;
    })();
  },
  time: (cli, session, args, out) =>
    (function* (): Proc {
      const start = cli.sandbox.now;
      const p = cli.onecmd(session, args, out);
      if (p) yield* p;
      out(`*** Elapsed time: ${((cli.sandbox.now - start) / 1e6).toFixed(6)} secs\n`);
      return 0;
    })(),
  switch: (cli, _s, args, out) =>
    quick(() => {
      const a = args.split(/\s+/).filter(Boolean);
      if (a.length !== 2) return void out('invalid number of args: switch <switch name>{start, stop}\n');
      const sw = cli.mn.get(a[0]!);
      if (sw instanceof FabricSwitch) {
        // A routed switch stops forwarding; its neighbours reroute around it (fabric-routing.ts).
        if (a[1] === 'stop') sw.stop();
        else if (a[1] === 'start') sw.start();
        else out('invalid command: switch <switch name> {start, stop}\n');
        return;
      }
      if (!(sw instanceof OvsSwitch)) return void out(`invalid switch: ${a[1]}\n`);
      if (a[1] === 'stop') sw.stop();
      else if (a[1] === 'start') {
        const targets = cli.mn.controllers.map((c) => ({ ip: cli.mn.isLocalAddress(c.ip) ? '127.0.0.1' : c.ip, port: c.port }));
        sw.start(sw.opts.cls === 'OVSBridge' || sw.opts.cls === 'LinuxBridge' ? [] : targets);
      } else out('invalid command: switch <switch name> {start, stop}\n');
    }),
  wait: (cli, _s, _a, out) =>
    (function* (): Proc {
      yield* cli.mn.waitConnected(out);
      return 0;
    })(),
  xterm: (cli, _s, args, out) => openTerms(cli, args, out, 'xterm'),
  gterm: (cli, _s, args, out) => openTerms(cli, args, out, 'gterm'),
  x: (cli, _s, args, out) => {
    if (!args) return quick(() => out('usage: x node [cmd args]...\n'));
    return openTerms(cli, args.split(/\s+/)[0]!, out, 'x');
  },
  py: (cli, session, args, out) => evalPy(cli, session, args, out),
  px: (cli, session, args, out) => execPy(cli, session, args, out),
  exit: (cli, session, _a, out) => exitCli(cli, session, false, out),
  quit: (cli, session, _a, out) => exitCli(cli, session, false, out),
  EOF: (cli, session, _a, out) => exitCli(cli, session, true, out),
};

function openTerms(cli: MininetCli, args: string, out: Out, kind: 'xterm' | 'gterm' | 'x'): Proc {
  return quick(() => {
    if (!args) return void out(`usage: ${kind} node1 node2 ...\n`);
    const nodes = nodeArgs(cli, args, out);
    if (!nodes) return;
    for (const n of nodes) {
      const opened = cli.sandbox.requestTerminal(n instanceof Host ? n : cli.sandbox.lab, n.name);
      if (opened) cli.mn.terms++;
      else out(`*** sandbox: a terminal on ${n.name} opens as a new tab in the browser; this terminal has no display for it\n`);
    }
  });
}
