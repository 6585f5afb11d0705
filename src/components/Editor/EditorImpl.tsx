/**
 * The editor panel with Monaco. Loaded lazily by index.tsx (this chunk is the only one that
 * imports Monaco), browser-only.
 *
 * Monaco is driven directly, not through @monaco-editor/react: that wrapper's loader fetches
 * Monaco from a CDN unless configured (reference/toolchain.md, gotcha 5), and the few calls
 * needed here (a model per file, one editor, two key bindings, a theme) are less code than its
 * configuration. The lean build: the editor core (`editor.api`) and the tokenizers of the few
 * languages a lab uses, so no language workers; the editor worker comes from the site.
 *
 * The panel: the file's name (and the other open files), a "modified" marker, Save (Ctrl-S or
 * ⌘S), Close (asks first when there are unsaved changes) and a status line saying what happened,
 * as nano's does ("Wrote 12 lines", "Error writing ..."). Esc moves the keyboard from the text to
 * the panel's buttons, so Tab can leave it (Monaco keeps Tab for indenting).
 */
import React, { useCallback, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import clsx from 'clsx';
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/languages/definitions/python/register';
import 'monaco-editor/languages/definitions/shell/register';
import 'monaco-editor/languages/definitions/yaml/register';
import 'monaco-editor/languages/definitions/dockerfile/register';
import type { EditorPanelProps } from './types';
import { baseName, type OpenFile } from './openFiles';
import styles from './styles.module.css';

// The editor worker is bundled by webpack from the package and served by the site, never a CDN.
globalThis.MonacoEnvironment = {
  getWorker: () => new Worker(new URL('monaco-editor/editor/editor.worker', import.meta.url), { type: 'module' }),
};

function siteIsDark(): boolean {
  return document.documentElement.getAttribute('data-theme') === 'dark';
}

/** One open file's buffer. */
interface Buffer {
  readonly model: monaco.editor.ITextModel;
  /** The file's diskText when the buffer last matched the props (to tell unsaved changes). */
  base: string;
  revision: number;
  viewState: monaco.editor.ICodeEditorViewState | null;
}

type Status = { readonly kind: 'info' | 'error'; readonly text: string } | undefined;

function linesIn(text: string): number {
  if (text === '') return 0;
  const n = text.split('\n').length;
  return text.endsWith('\n') ? n - 1 : n;
}

export default function EditorImpl({ state, onSelect, onSave, onClose, focusRequest, instance }: EditorPanelProps): ReactNode {
  const hostRef = useRef<HTMLDivElement>(null);
  const saveButtonRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const buffers = useRef(new Map<string, Buffer>());
  const filesRef = useRef(state.files);
  filesRef.current = state.files;
  const activeRef = useRef(state.active);
  activeRef.current = state.active;

  const [modified, setModified] = useState<ReadonlySet<string>>(new Set());
  const [status, setStatus] = useState<Status>(undefined);
  const [saving, setSaving] = useState(false);
  /** Close asked about unsaved changes of this file. */
  const [confirmClose, setConfirmClose] = useState<string | undefined>(undefined);

  const active = state.files.find((f) => f.path === state.active);

  const refreshModified = useCallback(() => {
    const next = new Set<string>();
    for (const f of filesRef.current) {
      const b = buffers.current.get(f.path);
      if (b && b.model.getValue() !== f.diskText) next.add(f.path);
    }
    setModified((prev) => (prev.size === next.size && [...next].every((p) => prev.has(p)) ? prev : next));
  }, []);

  const save = useCallback(async (path: string | undefined): Promise<boolean> => {
    const b = path === undefined ? undefined : buffers.current.get(path);
    if (!path || !b) return false;
    const file = filesRef.current.find((f) => f.path === path);
    if (file?.finalNewline && !b.model.getValue().endsWith('\n') && b.model.getValueLength() > 0) {
      // nano and vim end the file with a newline when they write it; the buffer shows it too.
      const last = b.model.getLineCount();
      const col = b.model.getLineMaxColumn(last);
      b.model.pushEditOperations([], [{ range: new monaco.Range(last, col, last, col), text: '\n' }], () => null);
    }
    const text = b.model.getValue();
    setSaving(true);
    setStatus({ kind: 'info', text: `Saving ${path}…` });
    let error: string | undefined;
    try {
      error = await onSave(path, text);
    } finally {
      setSaving(false);
    }
    if (error !== undefined) {
      setStatus({ kind: 'error', text: error });
      return false;
    }
    const n = linesIn(text);
    setStatus({ kind: 'info', text: `Wrote ${n} line${n === 1 ? '' : 's'} to ${path}` });
    return true;
  }, [onSave]);
  const saveRef = useRef(save);
  saveRef.current = save;

  // The editor itself: created once, disposed with the panel (its buffers too).
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const editor = monaco.editor.create(host, {
      model: null,
      theme: siteIsDark() ? 'vs-dark' : 'vs',
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      lineNumbersMinChars: 3,
      scrollBeyondLastLine: false,
      tabSize: 4,
      insertSpaces: true,
      renderLineHighlight: 'line',
      fixedOverflowWidgets: true,
      ariaLabel: 'Editor',
    });
    editorRef.current = editor;
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => void saveRef.current(activeRef.current));
    // Esc (when nothing else in the editor wants it) hands the keyboard to the panel's buttons.
    editor.addCommand(monaco.KeyCode.Escape, () => saveButtonRef.current?.focus(), '!suggestWidgetVisible && !findWidgetVisible && !editorHasMultipleSelections && !inSnippetMode');
    const themeObserver = new MutationObserver(() => monaco.editor.setTheme(siteIsDark() ? 'vs-dark' : 'vs'));
    themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const all = buffers.current;
    return () => {
      themeObserver.disconnect();
      editor.dispose();
      editorRef.current = null;
      for (const b of all.values()) b.model.dispose();
      all.clear();
    };
  }, []);

  // Buffers follow the open files: new ones are created, closed ones dropped, and text from the
  // sandbox (opened again, a replay's save) replaces a buffer without unsaved changes.
  useEffect(() => {
    const all = buffers.current;
    const open = new Set(state.files.map((f) => f.path));
    for (const [path, b] of all) {
      if (!open.has(path)) {
        b.model.dispose();
        all.delete(path);
      }
    }
    for (const f of state.files) {
      const b = all.get(f.path);
      if (!b) {
        const uri = monaco.Uri.from({ scheme: 'patchbay', authority: instance, path: f.path });
        const model = monaco.editor.createModel(f.diskText, f.language, uri);
        model.setEOL(monaco.editor.EndOfLineSequence.LF); // a Linux machine's files, whatever the learner's OS
        model.onDidChangeContent(() => refreshModified());
        all.set(f.path, { model, base: f.diskText, revision: f.revision, viewState: null });
        continue;
      }
      if (b.revision !== f.revision) {
        if (b.model.getValue() === b.base && f.diskText !== b.base) b.model.setValue(f.diskText);
        b.revision = f.revision;
      }
      b.base = f.diskText;
      if (b.model.getLanguageId() !== f.language) monaco.editor.setModelLanguage(b.model, f.language);
    }
    refreshModified();
  }, [state.files, instance, refreshModified]);

  // Show the active file (keeping each file's scroll and cursor), at `nano +N`'s line if given.
  const shownRef = useRef<{ path: string; revision: number } | undefined>(undefined);
  useEffect(() => {
    const editor = editorRef.current;
    if (!editor) return;
    const f: OpenFile | undefined = active;
    const b = f ? buffers.current.get(f.path) : undefined;
    const shown = shownRef.current;
    if (shown && (!f || shown.path !== f.path)) {
      const prev = buffers.current.get(shown.path);
      if (prev) prev.viewState = editor.saveViewState();
    }
    if (!f || !b) {
      editor.setModel(null);
      shownRef.current = undefined;
      return;
    }
    if (!shown || shown.path !== f.path) {
      editor.setModel(b.model);
      if (b.viewState) editor.restoreViewState(b.viewState);
    }
    if ((!shown || shown.path !== f.path || shown.revision !== f.revision) && f.line !== undefined) {
      editor.setPosition({ lineNumber: f.line, column: 1 });
      editor.revealLineInCenter(f.line);
    }
    editor.updateOptions({ ariaLabel: `Editor: ${f.path}${f.isNew ? ' (new file)' : ''}. Ctrl-S saves; Escape moves to the panel's buttons.` });
    shownRef.current = { path: f.path, revision: f.revision };
  }, [active]);

  // A file was just opened from this sandbox (nano FILE typed or run): the keyboard goes to it.
  useEffect(() => {
    if (focusRequest > 0) editorRef.current?.focus();
  }, [focusRequest]);

  useEffect(() => {
    if (confirmClose !== undefined) confirmRef.current?.focus();
  }, [confirmClose]);

  const requestClose = (path: string) => {
    if (modified.has(path)) setConfirmClose(path);
    else {
      setStatus(undefined);
      onClose(path);
    }
  };

  const finishClose = async (saveFirst: boolean) => {
    const path = confirmClose;
    if (path === undefined) return;
    if (saveFirst && !(await save(path))) {
      setConfirmClose(undefined);
      return;
    }
    setConfirmClose(undefined);
    setStatus(undefined);
    onClose(path);
  };

  const onPanelKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // Ctrl-S / ⌘S anywhere in the panel saves (never the browser's "Save page").
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
      e.preventDefault();
      void save(state.active);
    }
    if (e.key === 'Escape' && confirmClose !== undefined) {
      e.preventDefault();
      setConfirmClose(undefined);
      saveButtonRef.current?.focus();
    }
  };

  const name = active ? baseName(active.path) : '';
  const isModified = active ? modified.has(active.path) : false;

  return (
    <div className={styles.panel} onKeyDown={onPanelKeyDown} data-testid="editor-panel" data-editor-file={active?.path ?? ''} data-modified={isModified ? 'true' : 'false'}>
      <div className={styles.header}>
        {state.files.length > 1 ? (
          <div className={styles.files} role="group" aria-label="Open files">
            {state.files.map((f) => (
              <button
                key={f.path}
                type="button"
                className={clsx(styles.file, f.path === state.active && styles.fileActive)}
                aria-pressed={f.path === state.active}
                title={f.path}
                onClick={() => onSelect(f.path)}
              >
                {baseName(f.path)}
                {modified.has(f.path) && <span className={styles.dot}> ●<span className="sr-only"> (modified)</span></span>}
              </button>
            ))}
          </div>
        ) : (
          <span className={styles.fileName} title={active?.path}>
            {active?.path}
          </span>
        )}
        {isModified && <span className={styles.modified}>modified</span>}
        {active?.isNew && !isModified && <span className={styles.newFile}>new file</span>}
        <div className={styles.actions}>
          <button
            ref={saveButtonRef}
            type="button"
            className="button button--sm button--primary"
            onClick={() => void save(state.active)}
            disabled={!active || saving}
            aria-keyshortcuts="Control+S Meta+S"
          >
            Save<span className="sr-only"> {name}</span>
          </button>
          <button type="button" className="button button--sm button--secondary" onClick={() => active && requestClose(active.path)} disabled={!active}>
            Close<span className="sr-only"> {name}</span>
          </button>
        </div>
      </div>
      {confirmClose !== undefined && (
        <div className={styles.confirm} role="group" aria-label={`Unsaved changes in ${baseName(confirmClose)}`}>
          <span>{baseName(confirmClose)} has unsaved changes.</span>
          <button ref={confirmRef} type="button" className="button button--sm button--primary" onClick={() => void finishClose(true)}>
            Save and close
          </button>
          <button type="button" className="button button--sm button--secondary" onClick={() => void finishClose(false)}>
            Close without saving
          </button>
          <button
            type="button"
            className="button button--sm button--secondary"
            onClick={() => {
              setConfirmClose(undefined);
              editorRef.current?.focus();
            }}
          >
            Cancel
          </button>
        </div>
      )}
      <div ref={hostRef} className={styles.monaco} />
      <p className={clsx(styles.status, status?.kind === 'error' && styles.statusError)} role="status">
        {status?.text ?? 'Ctrl-S saves. Esc moves the keyboard to the Save button.'}
      </p>
    </div>
  );
}
