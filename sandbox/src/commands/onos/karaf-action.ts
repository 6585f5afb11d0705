/**
 * Karaf actions: a command is a scope, a name, options and positional arguments, declared as
 * data (the @Command/@Option/@Argument annotations of a Karaf action). Parsing and `--help`
 * follow Karaf 4.2's DefaultActionPreparator exactly (reference/onos.md §2):
 * - `--help` anywhere prints the usage;
 * - options are recognised until the first argument; `-sa` is not `-s -a` but an undefined option;
 *   `--opt=value` works; a non-boolean option takes the next word;
 * - errors: undefined option (with the odd "Try <command> --help'" line), missing value,
 *   too many arguments, required argument missing; each starts with the red commandErrorSt.
 * Descriptions are written in our own words.
 */
import type { Micros } from '../../sim/time';
import type { OnosView } from '../../onos/model';
import type { Proc } from '../../shell/process';
import type { Session } from '../../shell/session';
import { BOLD, NORMAL, commandErrorPrefix } from './ansi';

export interface KarafOption {
  /** '-s' (or '--help'). */
  readonly name: string;
  readonly alias?: string;
  readonly description: string;
  /** The option takes a value (a String field); otherwise it is a boolean flag. */
  readonly value?: boolean;
  readonly multi?: boolean;
}

/** Candidates for completing an argument. */
export type Completer = (view: OnosView, earlier: readonly string[]) => readonly string[];

export interface KarafArgument {
  readonly name: string;
  readonly description: string;
  readonly required?: boolean;
  readonly multi?: boolean;
  readonly complete?: Completer;
}

/** What a running Karaf command can reach. */
export interface KarafContext {
  readonly view: OnosView;
  readonly now: Micros;
  /** The login name (onos, karaf). */
  readonly user: string;
  /** A terminal session (ssh with a pty); false for `onos "cmd"` (ssh exec, no pty). */
  readonly tty: boolean;
  /** Piped input (gogo `a | b`). */
  readonly stdin: string | undefined;
  out(text: string): void;
  /** The terminal, for a command that asks a question; undefined when none can be read. */
  readonly session: Session | undefined;
  /** End the ssh session (logout). */
  logout(): void;
  /** Every command of this shell (help and completion). */
  readonly commands: readonly KarafCommand[];
}

export type KarafResult = number | void | Proc;

export interface KarafCommand {
  readonly scope: string;
  readonly name: string;
  readonly description: string;
  readonly options: readonly KarafOption[];
  readonly args: readonly KarafArgument[];
  /** ONOS commands (AbstractShellCommand) all take -j/--json. */
  readonly json?: boolean;
  run(ctx: KarafContext, p: Parsed): KarafResult;
}

export const JSON_OPTION: KarafOption = { name: '-j', alias: '--json', description: 'Output JSON' };
export const HELP_OPTION: KarafOption = { name: '--help', description: 'Display this help message' };

export function optionsOf(cmd: KarafCommand): readonly KarafOption[] {
  return cmd.json ? [...cmd.options, JSON_OPTION] : cmd.options;
}

export class Parsed {
  constructor(
    private readonly opts: ReadonlyMap<string, readonly string[]>,
    private readonly argv: ReadonlyMap<string, readonly string[]>,
  ) {}

  /** A boolean option given (by its primary name, '-s'). */
  flag(name: string): boolean {
    const v = this.opts.get(name);
    return v !== undefined && v[v.length - 1] !== 'false';
  }

  value(name: string): string | undefined {
    const v = this.opts.get(name);
    return v?.[v.length - 1];
  }

  values(name: string): readonly string[] {
    return this.opts.get(name) ?? [];
  }

  arg(name: string): string | undefined {
    return this.argv.get(name)?.[0];
  }

  args(name: string): readonly string[] {
    return this.argv.get(name) ?? [];
  }
}

export type PrepareResult = { readonly kind: 'run'; readonly parsed: Parsed } | { readonly kind: 'help' } | { readonly kind: 'error'; readonly text: string };

/** DefaultActionPreparator.prepare. */
export function prepare(cmd: KarafCommand, params: readonly string[]): PrepareResult {
  if (params.includes('--help')) return { kind: 'help' };
  const errorSt = commandErrorPrefix(cmd.scope, cmd.name);
  const options = optionsOf(cmd);
  const opts = new Map<string, string[]>();
  const argv = new Map<string, string[]>();
  let processOptions = true;
  let argIndex = 0;
  for (let i = 0; i < params.length; i++) {
    const param = params[i]!;
    if (processOptions && param.startsWith('-')) {
      const eq = param.indexOf('=');
      const name = eq >= 0 ? param.slice(0, eq) : param;
      let value: string | undefined = eq >= 0 ? param.slice(eq + 1) : undefined;
      const option = options.find((o) => o.name === name || o.alias === name);
      if (!option) {
        return { kind: 'error', text: `${errorSt}undefined option ${BOLD}${param}${NORMAL}\nTry <command> --help' for more information.\n` };
      }
      if (value === undefined && !option.value) value = 'true';
      if (value === undefined && i + 1 < params.length) value = params[++i]!;
      if (value === undefined) return { kind: 'error', text: `${errorSt}missing value for option ${BOLD}${param}${NORMAL}\n` };
      const list = opts.get(option.name) ?? [];
      if (option.multi) list.push(value);
      else list.splice(0, list.length, value);
      opts.set(option.name, list);
    } else {
      processOptions = false;
      const argument = cmd.args[argIndex];
      if (!argument) return { kind: 'error', text: `${errorSt}too many arguments specified\n` };
      if (!argument.multi) argIndex++;
      const list = argv.get(argument.name) ?? [];
      list.push(param);
      argv.set(argument.name, list);
    }
  }
  for (const a of cmd.args) {
    if (a.required && !argv.has(a.name)) return { kind: 'error', text: `${errorSt}argument ${BOLD}${a.name}${NORMAL} is required\n` };
  }
  return { kind: 'run', parsed: new Parsed(opts, argv) };
}

/** printFormatted: wrap at the terminal width (80) minus the prefix, each piece after the prefix. */
function formatted(prefix: string, text: string, width = 80): string {
  const max = width - prefix.length;
  const wrap = new RegExp(`(\\S\\S{${max},}|.{1,${max}})(\\s+|$)`, 'g');
  let out = '';
  for (const line of text.split('\n')) {
    if (line === '') {
      out += '\n';
      continue;
    }
    for (const m of line.matchAll(wrap)) {
      if (m[0] === '') continue;
      out += prefix + m[0] + '\n';
    }
  }
  return out;
}

/** DefaultActionPreparator.printUsage (multi-scope mode: the scope is always shown). */
export function usage(cmd: KarafCommand): string {
  const ind = '        ';
  let out = `${BOLD}DESCRIPTION${NORMAL}\n${ind}${cmd.scope}:${BOLD}${cmd.name}${NORMAL}\n\n\t${cmd.description}\n\n`;
  const options = optionsOf(cmd);
  let syntax = `${cmd.scope}:${cmd.name}`;
  if (options.length) syntax += ' [options]';
  if (cmd.args.length) syntax += ' ' + cmd.args.map((a) => (a.required ? `${a.name} ` : `[${a.name}] `)).join('');
  out += `${BOLD}SYNTAX${NORMAL}\n${ind}${syntax}\n\n`;
  if (cmd.args.length) {
    out += `${BOLD}ARGUMENTS${NORMAL}\n`;
    for (const a of cmd.args) out += `${ind}${BOLD}${a.name}${NORMAL}\n` + formatted(ind + ind, a.description);
    out += '\n';
  }
  if (options.length) {
    out += `${BOLD}OPTIONS${NORMAL}\n`;
    for (const o of [...options, HELP_OPTION]) {
      out += `${ind}${BOLD}${o.alias ? `${o.name}, ${o.alias}` : o.name}${NORMAL}\n` + formatted(ind + ind, o.description);
    }
    out += '\n';
  }
  return out;
}
