/**
 * Click-to-run commands for lessons (like Katacoda's {{exec}}): a command with a Run button that
 * types it into the page's sandbox and runs it, and a Copy button.
 *
 * Two ways to write one in MDX, both registered in src/theme/MDXComponents.tsx:
 *
 *   ```sh run            a fenced block with `run` in its meta: every non-empty line that is not
 *   h1 ping -c 3 h2      a `#` comment becomes its own runnable command (the text is verbatim,
 *   ```                  nothing in it is interpreted by Markdown)
 *
 *   Now type <Run>pingall</Run> to ...    inline, inside a sentence
 *
 * Run calls runCommand() from the Sandbox bus, which returns false when the page has no sandbox;
 * the button then says so in a status line (role="status", so screen readers hear it).
 */
import React, { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import clsx from 'clsx';
import Link from '@docusaurus/Link';
import { runCommand } from '@site/src/components/Sandbox/bus';
import styles from './styles.module.css';

type Status = { kind: 'sent' | 'copied' | 'error' | 'none'; text: string } | undefined;

const TRANSIENT_MS = 3000;

/** Global class the search index skips (docusaurus.config.ts ignoreCssSelectors): button labels are not content. */
export const NOT_INDEXED = 'pb-not-indexed';

/** The plain text of MDX children (a string, or strings split around entities). */
export function textOf(node: ReactNode): string {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (React.isValidElement<{ children?: ReactNode }>(node)) return textOf(node.props.children);
  return '';
}

/** The commands of a ```sh run``` block: one per non-empty line, `#` comment lines skipped. */
export function commandsOf(block: string): string[] {
  return block
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the selection-based copy
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  const active = document.activeElement as HTMLElement | null;
  area.select();
  const ok = execCopy();
  area.remove();
  active?.focus();
  return ok;
}

/** The old selection-based copy, for pages served without a secure context. */
function execCopy(): boolean {
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}

/**
 * runCommand() focuses the terminal it typed into, without scrolling (xterm focuses with
 * preventScroll). When that sandbox is off screen, bring it into view so the learner sees the
 * output. A sticky lesson terminal (.lesson-terminal in custom.css) is already in view.
 */
function revealFocusedSandbox(): void {
  const sandbox = document.activeElement?.closest('[data-sandbox]');
  if (!sandbox) return;
  const r = sandbox.getBoundingClientRect();
  const navbar = document.querySelector('.navbar')?.getBoundingClientRect().bottom ?? 0;
  const visible = r.bottom > navbar + 40 && r.top < window.innerHeight - 40;
  if (visible) return;
  const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  sandbox.scrollIntoView({ block: 'center', behavior: reduce ? 'auto' : 'smooth' });
}

/** Run and Copy buttons for one command, and the status line they report to. */
function useCommandActions(command: string) {
  const [status, setStatus] = useState<Status>();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const show = useCallback((s: Status, transient: boolean) => {
    clearTimeout(timer.current);
    setStatus(s);
    if (transient) timer.current = setTimeout(() => setStatus(undefined), TRANSIENT_MS);
  }, []);

  const run = useCallback(() => {
    if (runCommand(command)) {
      revealFocusedSandbox();
      show({ kind: 'sent', text: 'Sent to the terminal.' }, true);
    } else {
      show({ kind: 'none', text: 'No terminal is ready on this page.' }, false);
    }
  }, [command, show]);

  const copy = useCallback(() => {
    void copyText(command).then((ok) =>
      show(ok ? { kind: 'copied', text: 'Copied.' } : { kind: 'error', text: 'Copy failed: select the text and copy it.' }, true),
    );
  }, [command, show]);

  return { status, run, copy };
}

function StatusLine({ status, inline }: { status: Status; inline?: boolean }): ReactNode {
  const Tag = inline ? 'span' : 'div';
  return (
    <Tag role="status" className={clsx(styles.status, inline && styles.statusInline, status && styles[status.kind], NOT_INDEXED)}>
      {status?.text}
      {status?.kind === 'none' && (
        <>
          {' '}
          <Link to="/playground">Try it in the playground</Link>.
        </>
      )}
    </Tag>
  );
}

function Buttons({ command, run, copy }: { command: string; run: () => void; copy?: () => void }): ReactNode {
  return (
    <>
      <button type="button" className={clsx(styles.button, styles.run)} onClick={run} aria-label={`Run: ${command}`} title="Type this command into the terminal and run it">
        <span aria-hidden="true" className={styles.icon}>
          ▶
        </span>
        Run
      </button>
      {copy && (
        <button type="button" className={clsx(styles.button, styles.copy)} onClick={copy} aria-label={`Copy: ${command}`} title="Copy to the clipboard">
          Copy
        </button>
      )}
    </>
  );
}

/** One command as a block: the command line, then Run and Copy. */
export function RunnableCommand({ command }: { command: string }): ReactNode {
  const { status, run, copy } = useCommandActions(command);
  return (
    <div className={styles.row}>
      <div className={styles.line}>
        <pre className={styles.code}>
          <code>{command}</code>
        </pre>
        <div className={clsx(styles.buttons, NOT_INDEXED)}>
          <Buttons command={command} run={run} copy={copy} />
        </div>
      </div>
      <StatusLine status={status} />
    </div>
  );
}

/** A ```sh run``` fenced block: each command on its own row. */
export function RunnableBlock({ code, title }: { code: string; title?: string }): ReactNode {
  const commands = commandsOf(code);
  return (
    <div className={styles.block}>
      {title && <div className={styles.title}>{title}</div>}
      {commands.map((c, i) => (
        <RunnableCommand key={`${i}:${c}`} command={c} />
      ))}
    </div>
  );
}

/**
 * Inline in a sentence, with a Run button only: <Run>pingall</Run>, or <Run command="..." /> when
 * the command has characters Markdown or MDX would interpret ({, <, *, _).
 */
export default function Run({ children, command }: { children?: ReactNode; command?: string }): ReactNode {
  const text = (command ?? textOf(children)).trim();
  const { status, run } = useCommandActions(text);
  return (
    <span className={styles.inline}>
      <code className={styles.inlineCode}>{text}</code>
      <span className={NOT_INDEXED}>
        <Buttons command={text} run={run} />
      </span>
      <StatusLine status={status} inline />
    </span>
  );
}
