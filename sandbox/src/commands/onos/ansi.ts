/**
 * The escape sequences the ONOS Karaf shell sends, and the three error shapes every command
 * shares (reference/onos.md §2). Sources: Karaf 4.2 `SimpleAnsi` (raw codes used by
 * `DefaultActionPreparator`), `ShellUtil.logException` (jline `AttributedString.toAnsi()` of the
 * KS_COLORS styles em=31, ee=1;31: a red run, then a bold red run, each closed by ESC[0m).
 * Real ssh sessions receive these codes whether or not a terminal draws them, so they are kept
 * in every output, piped or not.
 */

export const ESC = '\x1b[';
export const RED = '\x1b[31m';
export const GREEN = '\x1b[32m';
export const DEFAULT_FG = '\x1b[39m';
export const BOLD = '\x1b[1m';
/** SimpleAnsi.INTENSITY_NORMAL. */
export const NORMAL = '\x1b[22m';
export const RESET = '\x1b[0m';

/** jline's rendering of a bold red run (fg first, then bold re-applied): ESC[31;1m. */
const BOLD_RED = '\x1b[31;1m';

export function bold(text: string): string {
  return BOLD + text + RESET;
}

/** "Command not found: foo" (ShellUtil: em style, then ee style). */
export function commandNotFound(name: string): string {
  return `${RED}Command not found: ${RESET}${BOLD_RED}${name}${RESET}\n`;
}

/** An exception thrown by a command ("Error executing command: " + message, em then ee). */
export function executionError(message: string): string {
  return `${RED}Error executing command: ${RESET}${BOLD_RED}${message}${RESET}\n`;
}

/** The prefix of every argument/option error (DefaultActionPreparator's commandErrorSt). */
export function commandErrorPrefix(scope: string, name: string): string {
  return `${RED}Error executing command ${scope}:${BOLD}${name}${NORMAL}${DEFAULT_FG}: `;
}

/** Remove SGR sequences (for matching text the way a reader sees it). */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}
