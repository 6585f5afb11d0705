/**
 * Making an xterm.js terminal for a sandbox tab: options, the site's colours for light and dark
 * mode, the system monospace font (no web fonts), and the few browser keys the terminal must not
 * swallow. Browser-only (imported by the client chunk).
 */
import { Terminal, type ITheme } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';

/** Infima's monospace stack, used when the site's CSS variable is not available. */
const FALLBACK_FONT = 'SFMono-Regular, Menlo, Monaco, Consolas, "Liberation Mono", "DejaVu Sans Mono", "Courier New", monospace';

const LIGHT: ITheme = {
  background: '#f6f8fa',
  foreground: '#1c1e21',
  cursor: '#1c1e21',
  cursorAccent: '#f6f8fa',
  selectionBackground: '#b6d4fe',
  selectionForeground: '#1c1e21',
  black: '#1c1e21',
  red: '#c4161c',
  green: '#116329',
  yellow: '#7d5a00',
  blue: '#0b57d0',
  magenta: '#8250df',
  cyan: '#0e7490',
  white: '#6e7781',
  brightBlack: '#57606a',
  brightRed: '#d1242f',
  brightGreen: '#1a7f37',
  brightYellow: '#8a6a00',
  brightBlue: '#0969da',
  brightMagenta: '#a475f9',
  brightCyan: '#1b7c83',
  brightWhite: '#8c959f',
};

const DARK: ITheme = {
  background: '#1b1b1d',
  foreground: '#e3e3e3',
  cursor: '#e3e3e3',
  cursorAccent: '#1b1b1d',
  selectionBackground: '#44516b',
  selectionForeground: '#ffffff',
  black: '#3b3b3f',
  red: '#ff7b72',
  green: '#7ee787',
  yellow: '#f2cc60',
  blue: '#79c0ff',
  magenta: '#d2a8ff',
  cyan: '#56d4dd',
  white: '#d0d7de',
  brightBlack: '#8b949e',
  brightRed: '#ffa198',
  brightGreen: '#a5f3a5',
  brightYellow: '#f8e3a1',
  brightBlue: '#a5d6ff',
  brightMagenta: '#e2c5ff',
  brightCyan: '#9ff0f5',
  brightWhite: '#ffffff',
};

/** Docusaurus puts the colour mode on <html data-theme="dark|light">. */
export function siteIsDark(): boolean {
  return document.documentElement.dataset.theme === 'dark';
}

export function themeFor(dark: boolean): ITheme {
  return dark ? DARK : LIGHT;
}

function siteMonospace(): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue('--ifm-font-family-monospace').trim();
  return v || FALLBACK_FONT;
}

export interface Xterm {
  readonly term: Terminal;
  readonly fit: FitAddon;
}

export function createXterm(opts: { screenReaderMode: boolean }): Xterm {
  const reducedMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  const term = new Terminal({
    fontFamily: siteMonospace(),
    fontSize: 14,
    lineHeight: 1.15,
    cursorBlink: !reducedMotion,
    scrollback: 5000,
    // xterm's default, said explicitly: the rows of the line being edited are not reflowed on
    // resize; the controller redraws the prompt and line at the new width, as readline does.
    reflowCursorLine: false,
    screenReaderMode: opts.screenReaderMode,
    theme: themeFor(siteIsDark()),
    // Keep text readable whatever a program's colours are (WCAG AA for normal text).
    minimumContrastRatio: 4.5,
    allowProposedApi: false,
  });
  const fit = new FitAddon();
  term.loadAddon(fit);

  // Keys the browser should have rather than the terminal:
  // - Esc then Tab (or Shift-Tab) moves focus out of the terminal, so it is no keyboard trap;
  // - Ctrl-C with a selection (or Ctrl-Shift-C) copies; Ctrl-V / Ctrl-Shift-V paste (xterm
  //   would otherwise send ^C and ^V to the line).
  let escapeArmed = false;
  term.attachCustomKeyEventHandler((ev) => {
    if (ev.type !== 'keydown') return true;
    if (ev.key === 'Tab' && escapeArmed) {
      escapeArmed = false;
      return false;
    }
    if (ev.key === 'Escape') {
      escapeArmed = true;
      return true;
    }
    if (!['Shift', 'Control', 'Alt', 'Meta'].includes(ev.key)) escapeArmed = false;
    const ctrlOnly = ev.ctrlKey && !ev.altKey && !ev.metaKey;
    const k = ev.key.toLowerCase();
    if (ctrlOnly && k === 'c' && (ev.shiftKey || term.hasSelection())) return false;
    if (ctrlOnly && k === 'v') return false;
    return true;
  });
  return { term, fit };
}
