/**
 * Files that come from outside the shell: the editor panel (nano/vi/vim/code open a file in the
 * browser, its Save writes it back), a lesson's starter files (<LabFile>) and the headless CLI's
 * --file. The commands are in commands/machine/editors.ts; the page's side in src/components/Editor.
 */
import { fsErrorText, type Vfs } from './vfs';

/** The languages the editor panel highlights (anything else is shown as plain text). */
export type EditorLanguage = 'python' | 'shell' | 'yaml' | 'dockerfile' | 'plaintext';

/** What a command asks the UI to show in the editor panel. */
export interface EditorRequest {
  /** Absolute path on the lab machine. */
  readonly path: string;
  /** The file's content now ('' for a file that does not exist yet). */
  readonly content: string;
  readonly language: EditorLanguage;
  /** The file does not exist yet: like a real editor, nothing is created until it is saved. */
  readonly isNew: boolean;
  /** The program that asked (nano, vi, vim, code). */
  readonly editor: string;
  /** Line to put the cursor on (nano +N, vi +N, code -g FILE:N), 1-based. */
  readonly line?: number;
}

/** The language of a file, from its name, else from a `#!` first line (as Monaco's firstLine rule does). */
export function languageOf(path: string, content = ''): EditorLanguage {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  if (ext === 'py' || ext === 'pyw') return 'python';
  if (ext === 'sh' || ext === 'bash' || name === '.bashrc' || name === '.profile') return 'shell';
  if (ext === 'yml' || ext === 'yaml') return 'yaml';
  if (name === 'Dockerfile' || ext === 'dockerfile') return 'dockerfile';
  const first = content.split('\n', 1)[0] ?? '';
  if (/^#!.*\bpython[0-9.]*\b/.test(first)) return 'python';
  if (/^#!.*\b(ba|da|z)?sh\b/.test(first)) return 'shell';
  return 'plaintext';
}

/**
 * Write what the editor panel saved. Like an editor, it never creates directories: a file in a
 * directory that does not exist cannot be saved. Returns nano's message when it fails
 * ("Error writing PATH: No such file or directory"), undefined when saved.
 */
export function saveEditedFile(fs: Vfs, path: string, content: string): string | undefined {
  if (!path.startsWith('/')) return `Error writing ${path}: the path must be absolute`;
  const e = fs.writeFile(path, content);
  return e ? `Error writing ${path}: ${fsErrorText(e)}` : undefined;
}

/**
 * Put a file into the lab from outside (a lesson's starter file, the CLI's --file): its
 * directories are made first, as an installer would. Returns the error text, undefined when placed.
 */
export function placeFile(fs: Vfs, path: string, content: string): string | undefined {
  if (!path.startsWith('/')) return `${path}: the path must be absolute`;
  const dir = path.slice(0, path.lastIndexOf('/')) || '/';
  const d = fs.mkdir(dir, true);
  if (d) return `${dir}: ${fsErrorText(d)}`;
  const e = fs.writeFile(path, content);
  return e ? `${path}: ${fsErrorText(e)}` : undefined;
}
