/**
 * The worker's side of files and the editor panel (api.ts: SandboxInitOptions.files/savedFiles,
 * onEditorRequest, saveFile): seeding a fresh sandbox with the page's files, and relaying the
 * editor commands' requests (sandbox/src/commands/machine/editors.ts) to the page.
 */
import type { Sandbox } from '../src/sandbox';
import { languageOf, placeFile, saveEditedFile, type EditorRequest } from '../src/fs/edit-file';
import { SEED_FILES_LIMIT, type EditorFileEvent, type LabFileSeed, type SaveResult } from './api';

/** Events kept while the page has not listened yet. */
const BACKLOG_LIMIT = 100;

/** Write the page's files into a fresh sandbox (bad entries are skipped); returns those written. */
export function seedLabFiles(sb: Sandbox, files: readonly LabFileSeed[] | undefined): LabFileSeed[] {
  const written: LabFileSeed[] = [];
  if (!Array.isArray(files)) return written;
  for (const f of files.slice(0, SEED_FILES_LIMIT)) {
    if (typeof f?.path !== 'string' || typeof f.content !== 'string' || !f.path.startsWith('/')) continue;
    if (placeFile(sb.fs, f.path, f.content) === undefined) written.push({ path: f.path, content: f.content });
  }
  return written;
}

/** The editor panel's Save on the sandbox's filesystem. */
export function saveFileIn(sb: Sandbox, path: unknown, content: unknown): SaveResult {
  if (typeof path !== 'string' || typeof content !== 'string') return { ok: false, error: 'Error writing: the page sent no path or no text' };
  const error = saveEditedFile(sb.fs, path, content);
  return error === undefined ? { ok: true } : { ok: false, error };
}

/** Passes editor requests to the page's listener, holding them until it listens. */
export class EditorRelay {
  private listener: ((e: EditorFileEvent) => void) | undefined;
  private backlog: EditorFileEvent[] = [];
  private detach: (() => void) | undefined;

  /** Follow a (new) sandbox's editor commands; what the old one asked and nobody saw is dropped. */
  attach(sb: Sandbox): void {
    this.detach?.();
    this.backlog = [];
    this.detach = sb.onEditorRequest((r: EditorRequest) => {
      this.emit({
        reason: 'open', path: r.path, content: r.content, language: r.language, isNew: r.isNew, editor: r.editor,
        ...(r.line !== undefined ? { line: r.line } : {}),
      });
    });
  }

  /** A share link's replay saved a file: the panel shows the new content if it has the file open. */
  saved(path: string, content: string): void {
    this.emit({ reason: 'saved', path, content, language: languageOf(path, content), isNew: false, editor: '' });
  }

  listen(listener: (e: EditorFileEvent) => void): void {
    this.listener = listener;
    const waiting = this.backlog;
    this.backlog = [];
    waiting.forEach((e) => listener(e));
  }

  private emit(e: EditorFileEvent): void {
    if (this.listener) this.listener(e);
    else if (this.backlog.length < BACKLOG_LIMIT) this.backlog.push(e);
  }
}
