/**
 * URLs as command-line HTTP clients take them: `h1`, `10.0.0.1:8000/dir/`, `http://h1/`.
 * A missing scheme means http (wget and curl both guess so); the fragment is never sent.
 * Each client words its own errors from the reasons given here.
 */

export interface HttpUrl {
  /** Lower-case scheme. */
  readonly scheme: string;
  readonly host: string;
  readonly port: number;
  /** The port was written in the URL. */
  readonly portGiven: boolean;
  /** The request target: path and query, "/" at least. */
  readonly target: string;
}

export type UrlError = 'bad-port' | 'no-host';

export type UrlParse = { ok: true; url: HttpUrl } | { ok: false; error: UrlError };

export const DEFAULT_PORTS: Readonly<Record<string, number>> = { http: 80, https: 443, ftp: 21, ftps: 990 };

export function parseHttpUrl(text: string): UrlParse {
  let rest = text.trim();
  let scheme = 'http';
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(rest);
  if (m) {
    scheme = m[1]!.toLowerCase();
    rest = rest.slice(m[0].length);
  }
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const slash = rest.search(/[/?]/);
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  let target = slash < 0 ? '/' : rest.slice(slash);
  if (target.startsWith('?')) target = '/' + target;
  const hostPort = authority.includes('@') ? authority.slice(authority.lastIndexOf('@') + 1) : authority;
  let host = hostPort;
  let port = DEFAULT_PORTS[scheme] ?? 80;
  let portGiven = false;
  const colon = hostPort.lastIndexOf(':');
  if (colon >= 0 && !hostPort.startsWith('[')) {
    host = hostPort.slice(0, colon);
    const p = hostPort.slice(colon + 1);
    if (p !== '') {
      if (!/^\d+$/.test(p) || Number(p) > 65535 || Number(p) === 0) return { ok: false, error: 'bad-port' };
      port = Number(p);
      portGiven = true;
    }
  }
  if (host === '') return { ok: false, error: 'no-host' };
  return { ok: true, url: { scheme, host: host.toLowerCase(), port, portGiven, target } };
}

/** The URL written out as the clients echo it: the default port left out. */
export function formatUrl(u: HttpUrl): string {
  const port = u.port === DEFAULT_PORTS[u.scheme] ? '' : `:${u.port}`;
  return `${u.scheme}://${u.host}${port}${u.target}`;
}

/** The Host header's value: the port only when it is not the scheme's default. */
export function hostHeader(u: HttpUrl): string {
  return u.port === DEFAULT_PORTS[u.scheme] ? u.host : `${u.host}:${u.port}`;
}

/** Resolve a Location header against the URL that answered it. */
export function resolveLocation(base: HttpUrl, location: string): UrlParse {
  const loc = location.trim();
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(loc)) return parseHttpUrl(loc);
  if (loc.startsWith('//')) return parseHttpUrl(`${base.scheme}:${loc}`);
  let target: string;
  if (loc.startsWith('/')) target = loc;
  else if (loc.startsWith('?')) target = base.target.replace(/\?.*$/, '') + loc;
  else {
    const dir = base.target.replace(/\?.*$/, '').replace(/[^/]*$/, '');
    target = dir + loc;
  }
  const hash = target.indexOf('#');
  if (hash >= 0) target = target.slice(0, hash);
  return { ok: true, url: { ...base, target: target || '/' } };
}
