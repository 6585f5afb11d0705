/**
 * Tab completion as bash does it: the first word completes from the commands, later words
 * from the command's options (when the word starts with '-') or from file names.
 */
import type { Sandbox } from '../sandbox';
import { resolvePath } from '../fs/vfs';
import type { Completion, Session } from './session';
import type { ShellState } from './shell-state';

/** Start index and text of the word under the cursor at the end of `line`. */
export function currentWord(line: string): { from: number; word: string; index: number } {
  let from = line.length;
  while (from > 0 && !/\s/.test(line[from - 1]!)) from--;
  const before = line.slice(0, from).trim();
  const index = before === '' ? 0 : before.split(/\s+/).length;
  return { from, word: line.slice(from), index };
}

export function completeFiles(sandbox: Sandbox, shell: ShellState, word: string): string[] {
  const slash = word.lastIndexOf('/');
  const dirPart = slash >= 0 ? word.slice(0, slash + 1) : '';
  const base = slash >= 0 ? word.slice(slash + 1) : word;
  const dir = resolvePath(dirPart || '.', shell.cwd, shell.home);
  return sandbox.fs
    .names(dir)
    .filter((n) => n.startsWith(base) && (base.startsWith('.') || !n.startsWith('.')))
    .map((n) => dirPart + n);
}

export function completeWord(sandbox: Sandbox, shell: ShellState, line: string, _session?: Session): Completion {
  const { from, word, index } = currentWord(line);
  const words = line.slice(0, from).trim().split(/\s+/);
  let cmdIndex = 0;
  // After sudo, complete the command it runs.
  if (words[0] === 'sudo') cmdIndex = 1;
  if (index === cmdIndex) {
    const names = sandbox.registry
      .names()
      .filter((n) => n.startsWith(word))
      .filter((n) => {
        const s = sandbox.registry.get(n)!;
        return s.where === 'any' || shell.node === sandbox.lab;
      });
    return { from, candidates: names };
  }
  if (word.startsWith('-')) {
    const spec = sandbox.registry.get(words[cmdIndex] ?? '');
    return { from, candidates: (spec?.options ?? []).filter((o) => o.startsWith(word)) };
  }
  return { from, candidates: completeFiles(sandbox, shell, word) };
}
