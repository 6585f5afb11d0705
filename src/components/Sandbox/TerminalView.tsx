/**
 * Shows one tab's xterm terminal: opens it into its container, refits it when the container
 * changes size (so output reflows), and follows the site's light/dark mode. The terminal itself
 * (and its line editor) lives in the connection, so hiding a tab keeps its screen.
 */
import React, { useEffect, useRef, type ReactNode } from 'react';
import '@xterm/xterm/css/xterm.css';
import type { TerminalTab } from './connection';
import { siteIsDark, themeFor } from './xtermSetup';
import styles from './styles.module.css';

export interface TerminalViewProps {
  readonly tab: TerminalTab;
  /** Id of the text that says how to leave the terminal with the keyboard. */
  readonly describedBy?: string;
}

export default function TerminalView({ tab, describedBy }: TerminalViewProps): ReactNode {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const { term, fit } = tab;
    if (!term.element) term.open(el);
    else if (term.element.parentElement !== el) el.appendChild(term.element);

    const input = term.textarea;
    if (input) {
      input.setAttribute('aria-label', `Terminal ${tab.title}: type a command`);
      if (describedBy) input.setAttribute('aria-describedby', describedBy);
    }

    // Fit on the next frame: resizing inside the ResizeObserver callback could loop.
    let frame = 0;
    const refit = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (!el.isConnected || el.clientWidth === 0 || el.clientHeight === 0) return; // hidden tab
        const dims = fit.proposeDimensions();
        if (!dims || !Number.isFinite(dims.cols) || !Number.isFinite(dims.rows) || dims.cols < 2 || dims.rows < 1) return;
        if (dims.cols === term.cols && dims.rows === term.rows) return;
        tab.controller.resize(dims.cols, dims.rows);
      });
    };
    const resizeObserver = new ResizeObserver(refit);
    resizeObserver.observe(el);
    refit();

    const applyTheme = () => {
      term.options.theme = themeFor(siteIsDark());
    };
    applyTheme();
    const themeObserver = new MutationObserver(applyTheme);
    themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

    return () => {
      cancelAnimationFrame(frame);
      resizeObserver.disconnect();
      themeObserver.disconnect();
    };
  }, [tab, describedBy]);

  return <div ref={ref} className={styles.terminal} data-testid="terminal" data-terminal-title={tab.title} />;
}
