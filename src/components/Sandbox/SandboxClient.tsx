/**
 * The browser side of <Sandbox>: a worker running the emulator, its terminals as tabs (plus an
 * ONOS GUI tab once ONOS has run), and a toolbar (New terminal, Reset, screen-reader mode, close
 * tab). Loaded lazily inside <BrowserOnly> (index.tsx), so nothing here runs during server rendering.
 */
import React, { Suspense, lazy, useCallback, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import clsx from 'clsx';
import useBaseUrl from '@docusaurus/useBaseUrl';
import { SandboxConnection, type ConnectionSnapshot, type TerminalTab } from './connection';
import { mountedSandboxes, registerSandbox, type Registration } from './bus';
import TerminalView from './TerminalView';
import { decodeShare, shareFragment, shareUrl } from './shareLink';
import { rememberSaved, savedFiles, starterFiles } from './labFiles';
import type { EditorFileEvent, ShareState } from '@site/sandbox/worker/api';
import Editor from '@site/src/components/Editor';
import { applyEditorEvent, closeFile, markSaved, NO_FILES, selectFile, type EditorState } from '@site/src/components/Editor/openFiles';
import type { SandboxProps } from './types';
import styles from './styles.module.css';

/** The ONOS GUI panel's code loads only when its tab is first opened. */
const OnosGuiPanel = lazy(() => import('@site/src/components/OnosGui'));
/** So does the Network tab's (the topology view, its layout library and the packet inspector). */
const NetworkPanel = lazy(() => import('./NetworkPanel'));

/** A failure inside the ONOS GUI or Network panel stays inside its tab; the terminals go on. */
class GuiBoundary extends React.Component<{ children: ReactNode; what: string }, { failed: string | undefined }> {
  override state: { failed: string | undefined } = { failed: undefined };

  static getDerivedStateFromError(e: unknown): { failed: string } {
    return { failed: e instanceof Error ? e.message : String(e) };
  }

  override render(): ReactNode {
    if (this.state.failed === undefined) return this.props.children;
    return (
      <p role="alert" className={styles.guiLoading}>
        The {this.props.what} stopped working ({this.state.failed}). The terminals are not affected; Reset starts afresh.
      </p>
    );
  }
}

/** The ONOS GUI tab's key among the terminal tabs' keys (those are t0, t1, ...). */
const GUI_KEY = 'onos-gui';
/** The Network tab's key. */
const NETWORK_KEY = 'network';
/** The Network tab needs more room than a lesson's terminal: its area is at least this tall. */
const NETWORK_MIN_HEIGHT = '640px';
/** The editor's tab, when the sandbox is too narrow to show the editor beside the terminal. */
const EDITOR_KEY = 'editor';
/** From this width (px) the editor panel sits beside the terminal; below it, it is a tab. */
const SIDE_BY_SIDE_MIN_WIDTH = 960;

const SCREEN_READER_KEY = 'patchbay:screen-reader-mode';

function readScreenReaderPref(): boolean {
  try {
    return window.localStorage.getItem(SCREEN_READER_KEY) === '1';
  } catch {
    return false;
  }
}

function writeScreenReaderPref(on: boolean): void {
  try {
    window.localStorage.setItem(SCREEN_READER_KEY, on ? '1' : '0');
  } catch {
    // storage refused: the choice lasts for this page
  }
}

function cssHeight(height: number | string | undefined): string {
  if (height === undefined) return '420px';
  return typeof height === 'number' ? `${height}px` : height;
}

const NO_CONNECTION: ConnectionSnapshot = { status: 'starting', problem: undefined, tabs: [], activeKey: undefined, guiActive: false, networkActive: false, announcement: '' };
const noSubscribe = () => () => {};
const noSnapshot = () => NO_CONNECTION;
const notSeen = () => false;

/** Tab labels: the node's name, numbered when the same node has several terminals. */
function tabLabels(tabs: readonly TerminalTab[]): Map<string, string> {
  const seen = new Map<string, number>();
  const labels = new Map<string, string>();
  for (const t of tabs) {
    const n = (seen.get(t.title) ?? 0) + 1;
    seen.set(t.title, n);
    labels.set(t.key, n === 1 ? t.title : `${t.title} (${n})`);
  }
  return labels;
}

export default function SandboxClient({ command, height, tabs: showTabs = false, seed, id, prespawnKey }: SandboxProps & { prespawnKey?: string }): ReactNode {
  const workerUrl = useBaseUrl('/sandbox-worker/worker.js');
  const uid = `sandbox-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const rootRef = useRef<HTMLDivElement>(null);
  const restartButtonRef = useRef<HTMLButtonElement>(null);
  const tabButtons = useRef(new Map<string, HTMLButtonElement>());

  const [generation, setGeneration] = useState(0);
  const [conn, setConn] = useState<SandboxConnection | null>(null);
  const connRef = useRef<SandboxConnection | null>(null);
  const commandRef = useRef(command);
  commandRef.current = command;
  /** Lines for the next connection instead of `command` (restart after the session ended, Run on a dead sandbox). */
  const nextStartRef = useRef<string[] | null>(null);
  const indexRef = useRef(0);
  const registrationRef = useRef<Registration | null>(null);

  /** A message above the terminal: a share link replayed, or refused. */
  const [notice, setNotice] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  /** The Share panel: closed, a link, or why there is none. */
  const [share, setShare] = useState<{ url?: string; problem?: string; copied?: boolean } | null>(null);
  const shareInputRef = useRef<HTMLInputElement>(null);
  const shareButtonRef = useRef<HTMLButtonElement>(null);

  const [screenReader, setScreenReader] = useState(readScreenReaderPref);
  const screenReaderRef = useRef(screenReader);
  screenReaderRef.current = screenReader;

  /** Focus the new terminal once the next connection is up (the old terminal or button is gone). */
  const focusNextRef = useRef(false);

  /** The editor panel's files: kept across Reset (the saved ones are seeded into the new sandbox). */
  const [editor, setEditor] = useState<EditorState>(NO_FILES);
  const [editorFocus, setEditorFocus] = useState(0);
  /** Narrow sandbox: the editor's tab is selected (it is shown instead of the terminals). */
  const [editorSelected, setEditorSelected] = useState(false);
  const [wide, setWide] = useState(false);
  useEffect(() => {
    const el = rootRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWide(el.clientWidth >= SIDE_BY_SIDE_MIN_WIDTH));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  /** Where this sandbox's saved files are kept (labFiles.ts). */
  const filesScope = useRef<{ page: string; sandbox: string }>({ page: '', sandbox: '' });

  /** nano/vi/code asked for the panel (or a replay saved a file). */
  const onEditorFile = useCallback((e: EditorFileEvent) => {
    setEditor((st) => applyEditorEvent(st, e));
    if (e.reason !== 'open') return;
    setEditorSelected(true);
    // The keyboard follows if the learner was working in this sandbox (typed the command, pressed Run).
    if (rootRef.current?.contains(document.activeElement)) setEditorFocus((n) => n + 1);
  }, []);

  const restart = useCallback((lines: string[] | null, focusTerminal: boolean) => {
    nextStartRef.current = lines;
    focusNextRef.current = focusTerminal;
    setEditorSelected(false); // the fresh terminal is shown; the editor keeps its files
    setGeneration((g) => g + 1);
  }, []);

  // Register with the page's bus (Run buttons in the prose) for as long as we are mounted.
  useEffect(() => {
    indexRef.current = mountedSandboxes();
    const registration = registerSandbox({
      run(line) {
        setEditorSelected(false); // the command's output should be seen
        const c = connRef.current;
        if (!c || c.isDead) restart([line], true);
        else c.runLine(line);
      },
      focus() {
        connRef.current?.focusActive();
      },
      reset() {
        restart(null, false);
      },
      network() {
        return connRef.current?.network;
      },
    });
    registrationRef.current = registration;
    return () => {
      registration.unregister();
      registrationRef.current = null;
    };
  }, [restart]);

  // One connection (worker + terminals) per generation; Reset and Restart start a new one.
  useEffect(() => {
    // A share link (#share=...) is replayed by the sandbox it names, on the first start only.
    let replay: ShareState | undefined;
    const fragment = generation === 0 ? shareFragment(window.location.hash) : undefined;
    if (fragment !== undefined) {
      const decoded = decodeShare(fragment);
      if (decoded.ok && decoded.sandbox === indexRef.current) replay = decoded.state;
      else if (!decoded.ok && indexRef.current === 0) {
        setNotice({ kind: 'error', text: `This share link could not be opened: ${decoded.error}. You have a clean sandbox instead.` });
      }
    }
    const startLines = replay ? [] : (nextStartRef.current ?? (commandRef.current ? [commandRef.current] : []));
    nextStartRef.current = null;
    const scope = id ?? String(indexRef.current);
    const page = window.location.pathname;
    filesScope.current = { page, sandbox: scope };
    const c = new SandboxConnection({
      workerUrl,
      // The first connection takes the worker the wrapper started early, unless a share link
      // needs another seed; Reset makes new ones.
      prespawnKey: generation === 0 && !replay ? prespawnKey : undefined,
      seed: replay ? replay.seed : seed,
      replay,
      // The lesson's starter files; the files saved before a Reset (a share link brings its own).
      files: () => starterFiles(page),
      savedFiles: () => (replay ? [] : savedFiles(page, scope)),
      onEditorFile,
      onReplayed: (r) => {
        if (r.ok && replay) {
          for (const e of replay.events) if (e.kind === 'save' && e.path !== undefined) rememberSaved(page, scope, e.path, e.content ?? '');
        }
        if (r.ok) setNotice({ kind: 'info', text: `This sandbox replayed a shared session (${r.events} input${r.events === 1 ? '' : 's'}): it is in the state the link was made in.` });
        else {
          setNotice({ kind: 'error', text: `This share link could not be replayed: ${r.error}. You have a clean sandbox instead.` });
          restart(null, false);
        }
      },
      startLines,
      screenReaderMode: screenReaderRef.current,
      sandboxIndex: indexRef.current,
      historyKey: (title, mode) => `patchbay:history:${page}:${scope}:${title}:${mode}`,
      onSessionEnded: (cmd) => restart(cmd ? [cmd] : [], true),
    });
    connRef.current = c;
    setConn(c);
    registrationRef.current?.networkChanged();
    void c.start();
    return () => {
      c.dispose();
      if (connRef.current === c) connRef.current = null;
    };
  }, [generation, workerUrl, seed, id, restart, prespawnKey, onEditorFile]);

  // Runs after the TerminalViews of the new connection have opened their terminals.
  useEffect(() => {
    if (conn && focusNextRef.current) {
      focusNextRef.current = false;
      conn.focusActive();
    }
  }, [conn]);

  const snap = useSyncExternalStore(conn?.subscribe ?? noSubscribe, conn?.getSnapshot ?? noSnapshot, noSnapshot);
  const onos = conn?.onos;
  const seenOnos = useSyncExternalStore(onos?.subscribe ?? noSubscribe, onos ? () => onos.getState().seen : notSeen, notSeen);
  const network = conn?.network;
  const seenNetwork = useSyncExternalStore(network?.subscribe ?? noSubscribe, network ? () => network.getState().seen : notSeen, notSeen);
  const simulation = useSyncExternalStore(network?.subscribe ?? noSubscribe, network ? () => network.getState().mode === 'simulation' : notSeen, notSeen);
  const labels = useMemo(() => tabLabels(snap.tabs), [snap.tabs]);
  const active = snap.tabs.find((t) => t.key === snap.activeKey) ?? snap.tabs[0];
  const guiShown = seenOnos && snap.guiActive;
  const networkShown = seenNetwork && snap.networkActive && !guiShown;
  /** The Network panel's code is loaded (and kept) once its tab was opened. */
  const [networkMounted, setNetworkMounted] = useState(false);
  useEffect(() => setNetworkMounted(false), [conn]);
  useEffect(() => {
    if (networkShown) setNetworkMounted(true);
  }, [networkShown]);
  /** The panel's code is loaded (and the panel kept, with its login) once the tab was opened. */
  const [guiMounted, setGuiMounted] = useState(false);
  useEffect(() => setGuiMounted(false), [conn]);
  useEffect(() => {
    if (guiShown) setGuiMounted(true);
  }, [guiShown]);
  const dead = snap.status === 'dead';
  const editorOpen = editor.files.length > 0;
  /** The editor is a tab of its own (narrow sandbox), else it sits beside the terminals. */
  const editorTab = editorOpen && !wide;
  const editorShown = editorTab && editorSelected && !guiShown && !networkShown && !dead;
  const tabsVisible = showTabs || snap.tabs.length > 1 || seenOnos || editorTab || seenNetwork;
  /** Every tab's key in order: the terminals, the Network view, the ONOS GUI, the editor. */
  const tabKeys = useMemo(
    () => [...snap.tabs.map((t) => t.key), ...(seenNetwork ? [NETWORK_KEY] : []), ...(seenOnos ? [GUI_KEY] : []), ...(editorTab ? [EDITOR_KEY] : [])],
    [snap.tabs, seenNetwork, seenOnos, editorTab],
  );
  const shownKey = guiShown ? GUI_KEY : networkShown ? NETWORK_KEY : editorShown ? EDITOR_KEY : active?.key;
  const hintId = `${uid}-hint`;
  const [opening, setOpening] = useState(false);

  // A new terminal (xterm h1, New terminal) or a switch of tab: focus it if the learner was working in this sandbox.
  const previousShown = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (previousShown.current !== undefined && shownKey !== previousShown.current && shownKey !== GUI_KEY && shownKey !== EDITOR_KEY && shownKey !== NETWORK_KEY) {
      const within = rootRef.current?.contains(document.activeElement) ?? false;
      const onTab = document.activeElement?.getAttribute('role') === 'tab';
      if (within && !onTab) active?.term.focus();
    }
    previousShown.current = shownKey;
  }, [shownKey, active]);

  const openTerminal = async () => {
    if (!conn || opening) return;
    setOpening(true);
    try {
      await conn.openTerminal();
    } finally {
      setOpening(false);
    }
  };

  // When the worker dies, offer Restart where the keyboard is.
  useEffect(() => {
    if (dead && rootRef.current?.contains(document.activeElement)) restartButtonRef.current?.focus();
  }, [dead]);

  const openShare = async () => {
    const st = await conn?.shareState();
    if (!st) setShare({ problem: 'The sandbox is not running, so there is nothing to share.' });
    else if (st.tooLong) setShare({ problem: 'This session is too long to share as a link. Press Reset and share a shorter one.' });
    else setShare({ url: shareUrl(window.location, st, indexRef.current) });
  };

  // A new link: the keyboard goes to it, selected, ready to copy (Escape closes the panel).
  const shareLink = share?.url;
  useEffect(() => {
    if (shareLink) shareInputRef.current?.select();
  }, [shareLink]);

  const copyShare = async () => {
    const url = share?.url;
    if (!url) return;
    shareInputRef.current?.select();
    try {
      await navigator.clipboard.writeText(url);
      setShare({ url, copied: true });
    } catch {
      setShare({ url, problem: 'The browser did not let the page copy: the link is selected, press Ctrl+C (or ⌘C).' });
    }
  };

  const closeShare = () => {
    setShare(null);
    shareButtonRef.current?.focus();
  };

  const toggleScreenReader = () => {
    const on = !screenReader;
    setScreenReader(on);
    writeScreenReaderPref(on);
    conn?.setScreenReaderMode(on);
  };

  const selectTab = (key: string) => {
    setEditorSelected(key === EDITOR_KEY);
    if (key === GUI_KEY) conn?.showGui();
    else if (key === NETWORK_KEY) conn?.showNetwork();
    else if (key === EDITOR_KEY) conn?.setActive(active?.key ?? ''); // leaves the ONOS GUI
    else conn?.setActive(key);
  };

  // ---------------------------------------------------------------------------------------------
  // The editor panel

  const saveFile = useCallback(async (path: string, text: string): Promise<string | undefined> => {
    const r = await connRef.current?.saveFile(path, text);
    if (!r) return `Error writing ${path}: the sandbox did not answer (press Reset or Restart, then save again)`;
    if (!r.ok) return r.error;
    rememberSaved(filesScope.current.page, filesScope.current.sandbox, path, text);
    setEditor((st) => markSaved(st, path, text));
    return undefined;
  }, []);

  const editorStateRef = useRef(editor);
  editorStateRef.current = editor;
  const closeEditorFile = useCallback((path: string) => {
    const next = closeFile(editorStateRef.current, path);
    setEditor(next);
    if (next.files.length === 0) {
      // The last file closed: back to the terminal, as after leaving nano.
      setEditorSelected(false);
      requestAnimationFrame(() => connRef.current?.focusActive());
    }
  }, []);

  const selectEditorFile = useCallback((path: string) => setEditor((st) => selectFile(st, path)), []);

  /** Arrow keys, Home and End move along every tab (terminals and the ONOS GUI); Delete closes a terminal other than the first. */
  const onTabKeyDown = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const n = tabKeys.length;
    let next = -1;
    if (e.key === 'ArrowRight') next = (index + 1) % n;
    else if (e.key === 'ArrowLeft') next = (index - 1 + n) % n;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = n - 1;
    else if (e.key === 'Delete' && index < snap.tabs.length && !snap.tabs[index]!.primary) {
      e.preventDefault();
      const neighbour = snap.tabs[Math.max(0, index - 1)]!;
      conn?.closeTab(snap.tabs[index]!.key);
      tabButtons.current.get(neighbour.key)?.focus();
      return;
    }
    if (next < 0) return;
    e.preventDefault();
    const key = tabKeys[next]!;
    selectTab(key);
    tabButtons.current.get(key)?.focus();
  };

  const tabRef = (key: string) => (b: HTMLButtonElement | null) => {
    if (b) tabButtons.current.set(key, b);
    else tabButtons.current.delete(key);
  };

  const onTabClick = (e: MouseEvent<HTMLButtonElement>, tab: TerminalTab) => {
    setEditorSelected(false);
    conn?.setActive(tab.key);
    // A pointer click means "type there"; a keyboard activation keeps focus on the tab.
    if (e.detail > 0) requestAnimationFrame(() => tab.term.focus());
  };

  /** Close from a button that goes away with the tab: the keyboard goes to the terminal shown next. */
  const closeTab = (tab: TerminalTab) => {
    if (!conn) return;
    conn.closeTab(tab.key);
    requestAnimationFrame(() => conn.focusActive());
  };

  return (
    <div
      ref={rootRef}
      className={styles.sandbox}
      data-sandbox={id ?? ''}
      onFocus={() => registrationRef.current?.noteFocus()}
      onPointerDown={() => registrationRef.current?.noteFocus()}
    >
      <div className={styles.toolbar}>
        {tabsVisible ? (
          <div role="tablist" aria-label={seenOnos || seenNetwork ? 'Terminals and panels' : 'Terminals'} className={styles.tabs}>
            {snap.tabs.map((tab, i) => {
              const selected = tab.key === shownKey;
              return (
                <button
                  key={tab.key}
                  ref={tabRef(tab.key)}
                  type="button"
                  role="tab"
                  id={`${uid}-tab-${tab.key}`}
                  aria-selected={selected}
                  aria-controls={`${uid}-panel-${tab.key}`}
                  tabIndex={selected ? 0 : -1}
                  className={clsx(styles.tab, selected && styles.tabSelected)}
                  onClick={(e) => onTabClick(e, tab)}
                  onKeyDown={(e) => onTabKeyDown(e, i)}
                >
                  {labels.get(tab.key)}
                  {!tab.primary && (
                    <span
                      aria-hidden="true"
                      className={styles.tabClose}
                      title={`Close ${labels.get(tab.key)}`}
                      onClick={(e) => {
                        e.stopPropagation();
                        closeTab(tab);
                      }}
                    >
                      ×
                    </span>
                  )}
                </button>
              );
            })}
            {seenNetwork && (
              <button
                key={NETWORK_KEY}
                ref={tabRef(NETWORK_KEY)}
                type="button"
                role="tab"
                id={`${uid}-tab-${NETWORK_KEY}`}
                aria-selected={networkShown}
                aria-controls={`${uid}-panel-${NETWORK_KEY}`}
                tabIndex={networkShown ? 0 : -1}
                className={clsx(styles.tab, styles.guiTab, networkShown && styles.tabSelected)}
                onClick={() => selectTab(NETWORK_KEY)}
                onKeyDown={(e) => onTabKeyDown(e, tabKeys.indexOf(NETWORK_KEY))}
                title="The network drawn live, its frames, and the packet inspector"
              >
                Network
              </button>
            )}
            {seenOnos && (
              <button
                key={GUI_KEY}
                ref={tabRef(GUI_KEY)}
                type="button"
                role="tab"
                id={`${uid}-tab-${GUI_KEY}`}
                aria-selected={guiShown}
                aria-controls={`${uid}-panel-${GUI_KEY}`}
                tabIndex={guiShown ? 0 : -1}
                className={clsx(styles.tab, styles.guiTab, guiShown && styles.tabSelected)}
                onClick={() => selectTab(GUI_KEY)}
                onKeyDown={(e) => onTabKeyDown(e, tabKeys.indexOf(GUI_KEY))}
                title="ONOS's web GUI (http://127.0.0.1:8181/onos/ui on the lab machine)"
              >
                ONOS GUI
              </button>
            )}
            {editorTab && (
              <button
                key={EDITOR_KEY}
                ref={tabRef(EDITOR_KEY)}
                type="button"
                role="tab"
                id={`${uid}-tab-${EDITOR_KEY}`}
                aria-selected={editorShown}
                aria-controls={`${uid}-panel-${EDITOR_KEY}`}
                tabIndex={editorShown ? 0 : -1}
                className={clsx(styles.tab, styles.guiTab, editorShown && styles.tabSelected)}
                onClick={() => selectTab(EDITOR_KEY)}
                onKeyDown={(e) => onTabKeyDown(e, tabKeys.indexOf(EDITOR_KEY))}
                title="The editor panel (nano, vi and code open files here)"
              >
                Editor
              </button>
            )}
          </div>
        ) : (
          <span className={styles.title}>Terminal</span>
        )}
        <div className={styles.actions}>
          {snap.status === 'starting' && !dead && <span className={styles.status}>Starting…</span>}
          {simulation && network && (
            <>
              <span className={styles.simNotice}>Simulation mode: time moves by steps</span>
              <button type="button" className="button button--sm button--primary" onClick={() => void network.setMode('realtime')} title="Leave simulation mode: time runs again">
                Back to real time
              </button>
            </>
          )}
          {active && !active.primary && !guiShown && !networkShown && (
            <button type="button" className="button button--sm button--secondary" onClick={() => closeTab(active)}>
              Close {labels.get(active.key)}
            </button>
          )}
          <button
            type="button"
            className="button button--sm button--secondary"
            onClick={() => void openTerminal()}
            disabled={snap.status !== 'ready' || opening}
            title="Open another shell on the lab machine (root@master1) in a new tab"
          >
            New terminal
          </button>
          <button
            type="button"
            className={clsx('button button--sm', screenReader ? 'button--primary' : 'button--secondary')}
            aria-pressed={screenReader}
            onClick={toggleScreenReader}
            title="Make the terminal's text readable by screen readers"
          >
            Screen reader mode
          </button>
          <button
            ref={shareButtonRef}
            type="button"
            className="button button--sm button--secondary"
            onClick={() => void openShare()}
            aria-expanded={share !== null}
            title="Make a link that replays what you typed, to the same state"
          >
            Share
          </button>
          <button
            type="button"
            className="button button--sm button--secondary"
            onClick={() => {
              setNotice(null);
              restart(null, false);
            }}
            title="Start a fresh sandbox and run the start command again"
          >
            Reset
          </button>
        </div>
      </div>
      {share && (
        <div
          className={styles.share}
          role="group"
          aria-label="Share this sandbox"
          onKeyDown={(e) => {
            if (e.key === 'Escape') closeShare();
          }}
        >
          {share.url && (
            <>
              <label htmlFor={`${uid}-share-url`} className={styles.shareLabel}>
                Link to this sandbox
              </label>
              <input id={`${uid}-share-url`} ref={shareInputRef} className={styles.shareUrl} type="text" readOnly value={share.url} onFocus={(e) => e.currentTarget.select()} />
              <button type="button" className="button button--sm button--primary" onClick={() => void copyShare()}>
                Copy
              </button>
            </>
          )}
          <button type="button" className="button button--sm button--secondary" onClick={closeShare}>
            Close
          </button>
          <p className={styles.shareNote} role="status">
            {share.problem ?? `${share.copied ? 'Copied. ' : ''}Whoever opens the link replays your commands and reaches the same state. It holds only what you typed.`}
          </p>
        </div>
      )}
      {notice && (
        <div className={clsx('alert', notice.kind === 'error' ? 'alert--warning' : 'alert--info', styles.notice)} role={notice.kind === 'error' ? 'alert' : 'status'}>
          <span>{notice.text}</span>
          <button type="button" className="button button--sm button--secondary" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      )}

      <div className={styles.workspace}>
        <div className={styles.area} style={{ height: networkShown ? `max(${cssHeight(height)}, ${NETWORK_MIN_HEIGHT})` : cssHeight(height) }} hidden={editorShown}>
          {snap.tabs.map((tab) => {
            const selected = tab.key === shownKey;
            return (
              <div
                key={tab.key}
                id={`${uid}-panel-${tab.key}`}
                className={styles.panel}
                hidden={!selected}
                {...(tabsVisible
                  ? { role: 'tabpanel', 'aria-labelledby': `${uid}-tab-${tab.key}` }
                  : { role: 'group', 'aria-label': `Terminal ${tab.title}` })}
              >
                <TerminalView tab={tab} describedBy={hintId} />
              </div>
            );
          })}
          {seenOnos && onos && (
            <div
              id={`${uid}-panel-${GUI_KEY}`}
              className={clsx(styles.panel, styles.guiPanel)}
              hidden={!guiShown}
              role="tabpanel"
              aria-labelledby={`${uid}-tab-${GUI_KEY}`}
            >
              {guiMounted && (
                <GuiBoundary what="ONOS GUI panel">
                  <Suspense fallback={<p className={styles.guiLoading}>Loading the ONOS GUI…</p>}>
                    <OnosGuiPanel feed={onos} visible={guiShown} />
                  </Suspense>
                </GuiBoundary>
              )}
            </div>
          )}
          {seenNetwork && network && (
            <div
              id={`${uid}-panel-${NETWORK_KEY}`}
              className={clsx(styles.panel, styles.networkPanelBox)}
              hidden={!networkShown}
              role="tabpanel"
              aria-labelledby={`${uid}-tab-${NETWORK_KEY}`}
            >
              {networkMounted && (
                <GuiBoundary what="Network panel">
                  <Suspense fallback={<p className={styles.guiLoading}>Loading the network view…</p>}>
                    <NetworkPanel feed={network} visible={networkShown} />
                  </Suspense>
                </GuiBoundary>
              )}
            </div>
          )}
          {dead && (
            <div role="alert" className={clsx('alert alert--danger', styles.dead)}>
              <span>{snap.problem} </span>
              <button ref={restartButtonRef} type="button" className="button button--sm button--danger" onClick={() => restart(null, true)}>
                Restart
              </button>
            </div>
          )}
        </div>
        {editorOpen && (
          <div
            id={`${uid}-panel-${EDITOR_KEY}`}
            className={clsx(styles.editorPane, editorTab && styles.editorPaneTab)}
            style={{ height: cssHeight(height) }}
            hidden={editorTab && !editorShown}
            {...(editorTab ? { role: 'tabpanel', 'aria-labelledby': `${uid}-tab-${EDITOR_KEY}` } : { role: 'region', 'aria-label': 'Editor' })}
          >
            <Editor state={editor} onSelect={selectEditorFile} onSave={saveFile} onClose={closeEditorFile} focusRequest={editorFocus} instance={uid} />
          </div>
        )}
      </div>
      <p id={hintId} className={styles.hint}>
        Click the terminal and type. Esc then Tab moves the keyboard out of it.
      </p>
      <div className="sr-only" aria-live="polite">
        {snap.announcement}
      </div>
    </div>
  );
}
