/**
 * Share links: a sandbox's inputs (ShareState, sandbox/worker/api.ts) in the URL's fragment, so
 * opening the link replays the same session on the same seed and reaches the same state. The
 * fragment never reaches a server; the page's path says which lesson (or the playground).
 *
 * Format: `#share=1.<sandbox index>.<checksum>.<payload>`, payload = base64url(UTF-8 JSON
 * {s: seed, e: [[Δat µs, terminal, kind, line?], ...]}; an editor save is [Δat, 0, kind, path, content]), checksum = FNV-1a 32 of the payload in
 * hex, so an edited or truncated link is told apart from a real one. Pure functions: no DOM.
 */
import { SHARE_LIMITS, shareStateProblem, type ShareEvent, type ShareState } from '@site/sandbox/worker/api';

export const SHARE_PARAM = 'share';
const VERSION = '1';
/** Longer fragments are refused before decoding (browsers and chat tools cut long URLs). */
export const MAX_FRAGMENT = 60_000;

/** Kinds by their number in a link: only ever appended to, so older links keep their meaning. */
const KINDS: readonly ShareEvent['kind'][] = ['line', 'interrupt', 'eof', 'close', 'open', 'app', 'save', 'xterm'];

export type DecodedShare = { ok: true; sandbox: number; state: ShareState } | { ok: false; error: string };

function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): string {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** The fragment value (after `#share=`) for a sandbox's state. */
export function encodeShare(state: ShareState, sandbox = 0): string {
  let last = 0;
  const e = state.events.map((ev) => {
    const row: (number | string)[] = [ev.at - last, ev.terminal, KINDS.indexOf(ev.kind)];
    if (ev.kind === 'save') row.push(ev.path ?? '', ev.content ?? '');
    else if (ev.line !== undefined) row.push(ev.line);
    last = ev.at;
    return row;
  });
  const payload = toBase64Url(JSON.stringify({ s: state.seed, e }));
  return `${VERSION}.${sandbox}.${fnv1a(payload)}.${payload}`;
}

/** A full URL for the current page with the share fragment. */
export function shareUrl(location: { origin: string; pathname: string; search: string }, state: ShareState, sandbox = 0): string {
  return `${location.origin}${location.pathname}${location.search}#${SHARE_PARAM}=${encodeShare(state, sandbox)}`;
}

/** The share fragment of a location hash (`#share=...`), if there is one. */
export function shareFragment(hash: string): string | undefined {
  const m = /^#?share=(.*)$/s.exec(hash);
  return m ? m[1] : undefined;
}

const DAMAGED = 'the link is damaged or was edited (its check does not match)';

/** Decode and check a share fragment; never throws. */
export function decodeShare(fragment: string): DecodedShare {
  if (fragment.length > MAX_FRAGMENT) return { ok: false, error: `the link is too long (${fragment.length} characters; the limit is ${MAX_FRAGMENT})` };
  const parts = fragment.split('.');
  if (parts.length !== 4) return { ok: false, error: DAMAGED };
  const [version, index, check, payload] = parts as [string, string, string, string];
  if (version !== VERSION) return { ok: false, error: /^\d+$/.test(version) ? 'the link was made by a newer version of Patchbay' : DAMAGED };
  if (!/^\d{1,2}$/.test(index) || !/^[0-9a-f]{8}$/.test(check) || fnv1a(payload) !== check) return { ok: false, error: DAMAGED };
  let raw: unknown;
  try {
    raw = JSON.parse(fromBase64Url(payload));
  } catch {
    return { ok: false, error: DAMAGED };
  }
  const { s, e } = (raw ?? {}) as { s?: unknown; e?: unknown };
  if (!Array.isArray(e)) return { ok: false, error: DAMAGED };
  if (e.length > SHARE_LIMITS.events) return { ok: false, error: `the link holds ${e.length} inputs; the limit is ${SHARE_LIMITS.events}` };
  let at = 0;
  const events: ShareEvent[] = [];
  for (const row of e) {
    if (!Array.isArray(row) || typeof row[0] !== 'number' || typeof row[1] !== 'number' || typeof row[2] !== 'number') return { ok: false, error: DAMAGED };
    const kind = KINDS[row[2]];
    if (!kind) return { ok: false, error: DAMAGED };
    at += row[0];
    if (kind === 'save') events.push({ at, terminal: row[1], kind, path: row[3] as string, content: row[4] as string });
    else events.push(row.length > 3 ? { at, terminal: row[1], kind, line: row[3] as string } : { at, terminal: row[1], kind });
  }
  const state = { seed: s as number, events };
  const problem = shareStateProblem(state);
  if (problem) return { ok: false, error: `the link cannot be replayed: ${problem}` };
  return { ok: true, sandbox: Number(index), state };
}
