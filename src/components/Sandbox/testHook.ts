/**
 * A test hook for end-to-end tests that does not depend on xterm's renderer: every terminal on
 * the page, by sandbox (in mount order) and then tab order, with its text read from xterm's buffer (wrapped rows joined).
 *
 *   window.__patchbay.terminals() → [{ sandbox, title, state(), text(), geometry() }]
 *
 * Installed by the browser-only client chunk when the first terminal registers.
 */
import type { TerminalState } from './terminalController';

export interface TerminalProbe {
  /** Which <Sandbox> on the page (0 = first mounted). */
  readonly sandbox: number;
  readonly title: string;
  state(): TerminalState;
  text(): string;
  /** Terminal size and cursor (cursor y counts from the top of the buffer, scrollback included). */
  geometry(): { cols: number; rows: number; cursorX: number; cursorY: number };
}

export interface PatchbayTestHook {
  terminals(): TerminalProbe[];
}

declare global {
  interface Window {
    __patchbay?: PatchbayTestHook;
  }
}

const probes: TerminalProbe[] = [];

export function registerProbe(probe: TerminalProbe): () => void {
  probes.push(probe);
  if (typeof window !== 'undefined' && !window.__patchbay) {
    // Sorted by sandbox (a sort is stable: tabs keep their order), so a Reset, which replaces a
    // sandbox's terminals, does not move them behind the next sandbox's.
    window.__patchbay = { terminals: () => probes.slice().sort((a, b) => a.sandbox - b.sandbox) };
  }
  return () => {
    const i = probes.indexOf(probe);
    if (i >= 0) probes.splice(i, 1);
  };
}

/** The minimal xterm buffer surface read here. */
export interface BufferLike {
  readonly length: number;
  getLine(y: number): { readonly isWrapped: boolean; translateToString(trimRight?: boolean): string } | undefined;
}

/** The buffer's text: rows joined into lines (a wrapped row continues the previous one), trailing blank lines dropped. */
export function bufferText(buffer: BufferLike): string {
  const lines: string[] = [];
  for (let y = 0; y < buffer.length; y++) {
    const line = buffer.getLine(y);
    if (!line) continue;
    const nextWrapped = buffer.getLine(y + 1)?.isWrapped ?? false;
    const text = line.translateToString(!nextWrapped);
    if (line.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
    else lines.push(text);
  }
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}
