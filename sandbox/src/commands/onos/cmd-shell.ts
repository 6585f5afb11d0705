/**
 * Karaf's own shell commands the ONOS CLI is used with: help, logout, exit, grep (the gogo
 * pipe filter), echo and clear (reference/onos.md §2). Sources: Karaf 4.2 HelpCommand with
 * CommandListHelpProvider (a header-less ShellTable: bold names, wrapped descriptions),
 * LogoutAction, ExitCommand (at the top level it does nothing), GrepAction.
 */
import type { KarafCommand, KarafContext } from './karaf-action';
import { usage } from './karaf-action';
import { BOLD, NORMAL, commandNotFound, executionError, stripAnsi } from './ansi';

/** Col.wrap / printFormatted's wrapping: pieces of at most `width` characters, keeping their trailing blanks. */
export function wrapText(text: string, width: number): string[] {
  const re = new RegExp(`(\\S\\S{${width},}|.{1,${width}})(\\s+|$)`, 'g');
  const out: string[] = [];
  for (const m of text.matchAll(re)) if (m[0] !== '') out.push(m[0]);
  return out.length ? out : [''];
}

/** CommandListHelpProvider: "scope:name  description" rows, names bold, table 79 columns wide. */
export function commandTable(commands: readonly KarafCommand[], prefix: string): string {
  const rows = commands
    .map((c) => ({ name: `${c.scope}:${c.name}`, description: c.description }))
    .filter((r) => r.name.startsWith(prefix))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (!rows.length) return '';
  const nameWidth = Math.min(64, Math.max(...rows.map((r) => r.name.length)));
  const descWidth = Math.max(1, 79 - nameWidth - 1);
  let out = '';
  for (const r of rows) {
    const pieces = wrapText(r.description, descWidth);
    pieces.forEach((piece, i) => {
      const cell = i === 0 ? `${BOLD}${r.name.padEnd(nameWidth)}${NORMAL}` : ' '.repeat(nameWidth);
      out += `${cell} ${piece}`.replace(/ +$/, '') + '\n';
    });
  }
  return out;
}

/** Find a command by `name` or `scope:name`. */
export function findCommand(commands: readonly KarafCommand[], word: string): KarafCommand | undefined {
  const colon = word.indexOf(':');
  if (colon >= 0) {
    const scope = word.slice(0, colon);
    const name = word.slice(colon + 1);
    return commands.find((c) => c.scope === scope && c.name === name);
  }
  return commands.find((c) => c.name === word);
}

export const helpCommand: KarafCommand = {
  scope: 'shell',
  name: 'help',
  description: 'Lists the commands, or shows the help of one command',
  options: [],
  args: [{ name: 'command', description: 'A command, or a scope such as onos', complete: (_v) => [] }],
  run(ctx, p) {
    const what = p.arg('command') ?? '';
    const one = what ? findCommand(ctx.commands, what) : undefined;
    if (one) {
      ctx.out(usage(one));
      return 0;
    }
    const table = commandTable(ctx.commands, what);
    if (!table) {
      ctx.out(commandNotFound(what));
      return 1;
    }
    ctx.out(table);
    return 0;
  },
};

export const logoutCommand: KarafCommand = {
  scope: 'shell',
  name: 'logout',
  description: 'Ends this CLI session',
  options: [],
  args: [],
  run(ctx) {
    ctx.logout();
    return 0;
  },
};

export const exitCommand: KarafCommand = {
  scope: 'shell',
  name: 'exit',
  description: 'Leaves the current subshell (at the top level it does nothing: use logout)',
  options: [],
  args: [],
  run() {
    return 0;
  },
};

export const clearCommand: KarafCommand = {
  scope: 'shell',
  name: 'clear',
  description: 'Clears the terminal',
  options: [],
  args: [],
  run(ctx) {
    ctx.session?.clearScreen();
    return 0;
  },
};

export const echoCommand: KarafCommand = {
  scope: 'shell',
  name: 'echo',
  description: 'Prints its arguments',
  options: [{ name: '-n', description: 'No newline at the end' }],
  args: [{ name: 'arguments', description: 'Words to print', multi: true }],
  run(ctx, p) {
    ctx.out(p.args('arguments').join(' ') + (p.flag('-n') ? '' : '\n'));
    return 0;
  },
};

/** Java regular expressions in the forms people type, as JavaScript ones (or Java's syntax error). */
function compilePattern(pattern: string, flags: string): RegExp | { error: string } {
  if (/^[*+?]/.test(pattern)) return { error: `Dangling meta character '${pattern[0]}' near index 0\n${pattern}\n^` };
  try {
    return new RegExp(pattern, flags);
  } catch {
    return { error: `Unclosed group near index ${pattern.length}\n${pattern}` };
  }
}

/** Matches highlighted as jline renders Karaf's GREP_COLORS mt=1;31 (terminal sessions only). */
const MATCH_ON = '\x1b[31;1m';
const MATCH_OFF = '\x1b[0m';

export const grepCommand: KarafCommand = {
  scope: 'shell',
  name: 'grep',
  description: 'Prints the input lines that match a regular expression',
  options: [
    { name: '-n', alias: '--line-number', description: 'Put the line number before each line' },
    { name: '-v', alias: '--invert-match', description: 'Print the lines that do not match' },
    { name: '-w', alias: '--word-regexp', description: 'Match whole words only' },
    { name: '-x', alias: '--line-regexp', description: 'Match whole lines only' },
    { name: '-i', alias: '--ignore-case', description: 'Ignore upper and lower case' },
    { name: '-c', alias: '--count', description: 'Print only the number of matching lines' },
    { name: '--color', alias: '--colour', description: 'Highlight the matches: always, never or auto', value: true },
  ],
  args: [{ name: 'pattern', description: 'Regular expression', required: true }],
  run(ctx: KarafContext, p) {
    let pattern = p.arg('pattern')!;
    if (p.flag('-w')) pattern = `\\b${pattern}\\b`;
    const flags = p.flag('-i') ? 'i' : '';
    const whole = compilePattern(p.flag('-x') ? `^(?:${pattern})$` : pattern, flags);
    const each = compilePattern(pattern, flags + 'g');
    if ('error' in whole || 'error' in each) {
      ctx.out(executionError('error' in whole ? whole.error : (each as { error: string }).error));
      return 1;
    }
    const color = p.value('--color') ?? 'auto';
    const highlight = !p.flag('-v') && (color === 'always' || (color === 'auto' && ctx.tty));
    const input = ctx.stdin ?? '';
    const lines = input === '' ? [] : input.replace(/\n$/, '').split('\n');
    let count = 0;
    let out = '';
    lines.forEach((raw, i) => {
      const line = stripAnsi(raw);
      if (whole.test(line) === p.flag('-v')) return;
      count++;
      const shown = highlight ? line.replace(each, (m) => (m ? MATCH_ON + m + MATCH_OFF : m)) : raw;
      out += (p.flag('-n') ? `${String(i + 1).padStart(6)}  ` : '') + shown + '\n';
    });
    ctx.out(p.flag('-c') ? `${count}\n` : out);
    return count > 0 ? 0 : 1;
  },
};
