/**
 * The ONOS CLI: Karaf 4.2.9's console as seen over ssh (reference/onos.md §1.2, §1.3, §2).
 * KarafShell is the session mode (`onos@root > ` in green, commands, completion, Ctrl-D);
 * runKarafLine runs one line of gogo (statements, pipes) and serves both the interactive
 * session and `onos "cmd"` (ssh exec: no banner, no prompt, no highlighting).
 * Commands are the table in KARAF_COMMANDS; each is found by `name` or `scope:name`.
 */
import type { Sandbox } from '../../sandbox';
import type { OnosView } from '../../onos/model';
import type { Proc } from '../../shell/process';
import type { Completion, Mode, Session } from '../../shell/session';
import { currentWord } from '../../shell/complete';
import { BOLD, GREEN, RESET, commandNotFound } from './ansi';
import type { KarafCommand, KarafContext, KarafResult } from './karaf-action';
import { optionsOf, prepare, usage } from './karaf-action';
import { parseGogo } from './gogo';
import { appCommand, appsCommand } from './cmd-apps';
import { devicesCommand, portsCommand } from './cmd-devices';
import { hostsCommand, linksCommand, pathsCommand, topologyCommand } from './cmd-topology';
import { flowsCommand } from './cmd-flows';
import { mastersCommand, nodesCommand, summaryCommand } from './cmd-status';
import { addHostIntentCommand, intentsCommand, removeIntentCommand } from './cmd-intents';
import { clearCommand, echoCommand, exitCommand, findCommand, grepCommand, helpCommand, logoutCommand } from './cmd-shell';
import { cfgCommand, featureInstallCommand, featureListCommand, shutdownCommand, wipeOutCommand } from './cmd-admin';

export const KARAF_COMMANDS: readonly KarafCommand[] = [
  // onos:
  appsCommand, appCommand, devicesCommand, portsCommand, hostsCommand, linksCommand, pathsCommand, topologyCommand,
  flowsCommand, summaryCommand, nodesCommand, mastersCommand, addHostIntentCommand, removeIntentCommand, intentsCommand,
  wipeOutCommand, cfgCommand,
  // Karaf
  featureListCommand, featureInstallCommand, shutdownCommand,
  helpCommand, logoutCommand, exitCommand, clearCommand, echoCommand, grepCommand,
];

/** The controller of a sandbox (Sandbox.onos), seen through its contract. */
export function onosOf(sandbox: Sandbox): OnosView | undefined {
  return sandbox.onos;
}

/** §1.2: the ONOS 2.x banner (properties file: continuation lines lose their indent), then one empty line. */
export const BANNER =
  'Welcome to Open Network Operating System (ONOS)!\n' +
  '\x1b[1;31m     ____  _  ______  ____     \x1b[0m\n' +
  '\x1b[1;31m    / __ \\/ |/ / __ \\/ __/   \x1b[0m\n' +
  '\x1b[1;31m   / /_/ /    / /_/ /\\ \\     \x1b[0m\n' +
  '\x1b[1;31m   \\____/_/|_/\\____/___/     \x1b[0m\n' +
  '\x1b[1;31m                               \x1b[0m\n' +
  'Documentation: wiki.onosproject.org      \n' +
  'Tutorials:     tutorials.onosproject.org \n' +
  'Mailing lists: lists.onosproject.org     \n' +
  '\n' +
  'Come help out! Find out how at: contribute.onosproject.org \n' +
  '\n' +
  `Hit '${BOLD}<tab>${RESET}' for a list of available commands\n` +
  `and '${BOLD}[cmd] --help${RESET}' for help on a specific command.\n` +
  `Hit '${BOLD}<ctrl-d>${RESET}' or type '${BOLD}logout${RESET}' to exit ONOS session.\n` +
  '\n';

/** §1.3: ESC[32m${USER}@root > (jline ends the styled prompt with a reset). */
export function karafPrompt(user: string): string {
  return `${GREEN}${user}@root > ${RESET}`;
}

export interface KarafRun {
  readonly sandbox: Sandbox;
  readonly view: OnosView;
  readonly user: string;
  readonly tty: boolean;
  readonly session: Session | undefined;
  out(text: string): void;
  logout(): void;
}

function isProc(r: KarafResult): r is Proc {
  return typeof r === 'object' && r !== null;
}

/** Run one line: statements in order, each a pipeline; the first error ends the line. Returns the last status. */
export function* runKarafLine(run: KarafRun, line: string): Proc {
  let status = 0;
  for (const pipeline of parseGogo(line)) {
    const cmds: KarafCommand[] = [];
    for (const words of pipeline) {
      const cmd = findCommand(KARAF_COMMANDS, words[0]!);
      if (!cmd) {
        run.out(commandNotFound(words[0]!));
        return 1;
      }
      cmds.push(cmd);
    }
    let stdin: string | undefined;
    for (let k = 0; k < cmds.length; k++) {
      const cmd = cmds[k]!;
      const last = k === cmds.length - 1;
      let captured = '';
      const sink = last ? (t: string): void => run.out(t) : (t: string): void => void (captured += t);
      const prepared = prepare(cmd, pipeline[k]!.slice(1));
      if (prepared.kind === 'error') {
        run.out(prepared.text);
        return 1;
      }
      if (prepared.kind === 'help') {
        sink(usage(cmd));
        stdin = captured;
        continue;
      }
      let failed = false;
      const ctx: KarafContext = {
        view: run.view,
        now: run.sandbox.now,
        user: run.user,
        tty: run.tty,
        stdin,
        session: run.session,
        commands: KARAF_COMMANDS,
        logout: () => run.logout(),
        out: (t) => {
          // Errors a command reports as exceptions go to the console, not down the pipe.
          if (t.startsWith('\x1b[31mError executing command')) {
            failed = true;
            run.out(t);
          } else sink(t);
        },
      };
      const r = cmd.run(ctx, prepared.parsed);
      status = isProc(r) ? yield* r : (r ?? 0);
      if (failed) return status || 1;
      stdin = captured;
    }
  }
  return status;
}

// ---------------------------------------------------------------------------------------------
// The interactive session

export class KarafShell implements Mode {
  readonly id = 'onos';
  readonly interruptText = '^C\n';
  /** Set once logout (or Ctrl-D) ended the session. */
  loggedOut = false;

  constructor(
    readonly sandbox: Sandbox,
    readonly user: string,
  ) {}

  prompt(): string {
    return karafPrompt(this.user);
  }

  private logout(session: Session): void {
    if (this.loggedOut) return;
    this.loggedOut = true;
    if (session.mode === this) session.popMode();
  }

  run(line: string, session: Session): Proc | undefined {
    if (line.trim() === '') return undefined;
    const view = onosOf(this.sandbox);
    if (!view) return undefined;
    return runKarafLine(
      { sandbox: this.sandbox, view, user: this.user, tty: true, session, out: (t) => session.write(t), logout: () => this.logout(session) },
      line,
    );
  }

  eof(session: Session): Proc | undefined {
    const self = this;
    return (function* (): Proc {
      session.write('\n');
      self.logout(session);
      return 0;
    })();
  }

  complete(line: string, _session: Session): Completion {
    const view = onosOf(this.sandbox);
    return completeKaraf(line, view);
  }
}

/** Every command name as completion offers it: `name` and `scope:name`. */
function commandNames(): string[] {
  const names = new Set<string>();
  for (const c of KARAF_COMMANDS) {
    names.add(c.name);
    names.add(`${c.scope}:${c.name}`);
  }
  return [...names].sort();
}

/** Tab completion: command names, options after '-', and each argument's completer (device ids, app names...). */
export function completeKaraf(line: string, view: OnosView | undefined): Completion {
  const cut = Math.max(line.lastIndexOf('|'), line.lastIndexOf(';')) + 1;
  const segment = line.slice(cut);
  const { from, word, index } = currentWord(segment);
  const at = cut + from;
  const only = (list: readonly string[]): Completion => ({ from: at, candidates: [...new Set(list)].filter((c) => c.startsWith(word)) });
  if (index === 0) return only(commandNames());
  const words = segment.slice(0, from).trim().split(/\s+/);
  const cmd = findCommand(KARAF_COMMANDS, words[0]!);
  if (!cmd) return only([]);
  const options = optionsOf(cmd);
  if (word.startsWith('-')) return only([...options.flatMap((o) => (o.alias ? [o.name, o.alias] : [o.name])), '--help'].sort());
  if (cmd === helpCommand) return only(commandNames());
  if (!view) return only([]);
  // Which argument is being typed: skip options (and the values of options that take one).
  const earlier: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    const opt = options.find((o) => o.name === w || o.alias === w);
    if (opt) {
      if (opt.value && !w.includes('=')) i++;
      continue;
    }
    if (w.startsWith('-') && earlier.length === 0) continue;
    earlier.push(w);
  }
  let argIndex = earlier.length;
  const lastArg = cmd.args[cmd.args.length - 1];
  if (argIndex >= cmd.args.length && lastArg?.multi) argIndex = cmd.args.length - 1;
  const arg = cmd.args[argIndex];
  if (!arg?.complete) return only([]);
  return only(arg.complete(view, earlier));
}
