/**
 * The editor panel's open files, as plain data (the buffers themselves live in Monaco's models,
 * EditorImpl.tsx). Pure functions: the Sandbox component applies the worker's EditorFileEvents
 * (sandbox/worker/api.ts) and the panel's own saves and closes with them.
 */
import type { EditorFileEvent, EditorLanguage } from '@site/sandbox/worker/api';

export interface OpenFile {
  /** Absolute path on the lab machine (the file's identity in the panel). */
  readonly path: string;
  readonly language: EditorLanguage;
  /** What the lab's disk holds, as far as the panel knows: the text when opened, or the last save. */
  readonly diskText: string;
  /** Not on the disk yet: created by the first save. */
  readonly isNew: boolean;
  /**
   * Bumped when diskText came from the sandbox (opened again, a replay's save): the panel loads it
   * into a buffer that has no unsaved changes, and keeps one that has.
   */
  readonly revision: number;
  /** 1-based line for the cursor when (re)opened by `nano +N`. */
  readonly line?: number;
  /**
   * Saving ends the text with a newline if it lacks one, as nano and vim do (nano's buffer always
   * ends in a line break; vim's 'fixendofline'); VS Code's `code` saves the text as it is.
   */
  readonly finalNewline: boolean;
}

export interface EditorState {
  readonly files: readonly OpenFile[];
  /** The file shown (undefined when none is open: the panel is closed). */
  readonly active: string | undefined;
}

export const NO_FILES: EditorState = { files: [], active: undefined };

/** A file from the sandbox: nano/vi/code open it (shown), a replay's save refreshes it if open. */
export function applyEditorEvent(state: EditorState, e: EditorFileEvent): EditorState {
  const i = state.files.findIndex((f) => f.path === e.path);
  const old = state.files[i];
  if (e.reason === 'saved') {
    if (!old) return state;
    const files = state.files.slice();
    files[i] = { ...old, diskText: e.content, isNew: false, revision: old.revision + 1 };
    return { ...state, files };
  }
  const next: OpenFile = {
    path: e.path, language: e.language, diskText: e.content, isNew: e.isNew, revision: old ? old.revision + 1 : 0,
    finalNewline: e.editor !== 'code', ...(e.line !== undefined ? { line: e.line } : {}),
  };
  const files = state.files.slice();
  if (old) files[i] = next;
  else files.push(next);
  return { files, active: e.path };
}

/** The panel saved `text` to the file: that is now what the disk holds. */
export function markSaved(state: EditorState, path: string, text: string): EditorState {
  return { ...state, files: state.files.map((f) => (f.path === path ? { ...f, diskText: text, isNew: false } : f)) };
}

/** Close a file; the one before it (else the next) is shown. */
export function closeFile(state: EditorState, path: string): EditorState {
  const i = state.files.findIndex((f) => f.path === path);
  if (i < 0) return state;
  const files = state.files.filter((f) => f.path !== path);
  const active = state.active !== path ? state.active : files[Math.max(0, i - 1)]?.path;
  return { files, active };
}

export function selectFile(state: EditorState, path: string): EditorState {
  return state.files.some((f) => f.path === path) ? { ...state, active: path } : state;
}

/** The file's name for labels: its last path segment. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1) || path;
}
