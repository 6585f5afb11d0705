/**
 * nginx configuration files, parsed as nginx 1.27 does for the subset the lessons use: the
 * syntax (directives ending in `;`, blocks in `{}`, `#` comments, quotes), `include` with
 * globs, and the directives of nginx.conf, server, location (listen, server_name, root, index,
 * proxy_pass, proxy_set_header, error_page, return, access_log ...). Errors are nginx's
 * "[emerg]" texts with FILE:LINE (src/core/ngx_conf_file.c, src/http/ngx_http_core_module.c,
 * src/http/modules/ngx_http_proxy_module.c).
 */
import type { Vfs } from '../../../fs/vfs';

export const MAIN_CONF = '/etc/nginx/nginx.conf';

export interface Directive {
  readonly name: string;
  readonly args: readonly string[];
  readonly file: string;
  readonly line: number;
  readonly block?: readonly Directive[];
}

export interface ProxyPass {
  readonly host: string;
  readonly port: number;
  /** The URI part of the URL ('' when none: the request's URI is passed unchanged). */
  readonly uri: string;
  /** "app:7555" as written, for messages. */
  readonly hostPort: string;
  readonly file: string;
  readonly line: number;
}

export interface Location {
  readonly exact: boolean;
  readonly path: string;
  readonly proxyPass?: ProxyPass;
  readonly root?: string;
  readonly index?: readonly string[];
  readonly setHeaders: ReadonlyArray<readonly [string, string]>;
  readonly ret?: { readonly status: number; readonly text?: string };
}

export interface Server {
  readonly ports: readonly number[];
  readonly serverNames: readonly string[];
  readonly locations: readonly Location[];
  readonly root: string;
  readonly index: readonly string[];
  readonly errorPages: ReadonlyMap<number, string>;
}

export interface NginxConfig {
  readonly servers: readonly Server[];
}

export type ConfigResult = { ok: true; config: NginxConfig } | { ok: false; message: string };

class ConfError {
  constructor(readonly message: string) {}
}

/** Tokens of one file: words (quotes removed) and the punctuation `;`, `{`, `}`. */
function tokenize(text: string, file: string): Array<{ t: string; word: boolean; line: number }> {
  const out: Array<{ t: string; word: boolean; line: number }> = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      i++;
    } else if (/\s/.test(c)) {
      i++;
    } else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === ';' || c === '{' || c === '}') {
      out.push({ t: c, word: false, line });
      i++;
    } else if (c === '"' || c === "'") {
      const start = line;
      let v = '';
      i++;
      while (i < text.length && text[i] !== c) {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        if (text[i] === '\n') line++;
        v += text[i];
        i++;
      }
      if (i >= text.length) throw new ConfError(`unexpected end of file, expecting ";" or "}" in ${file}:${line}`);
      i++;
      out.push({ t: v, word: true, line: start });
    } else {
      let v = '';
      while (i < text.length && !/[\s;{}]/.test(text[i]!)) {
        if (text[i] === '#' && v === '') break;
        v += text[i];
        i++;
      }
      out.push({ t: v, word: true, line });
    }
  }
  out.push({ t: '', word: false, line });
  return out;
}

/** Directives known to this sandbox, with where they may appear and whether they take a block. */
const KNOWN: Record<string, { block: boolean; ctx: readonly string[]; args?: [number, number] }> = {
  user: { block: false, ctx: ['main'] },
  worker_processes: { block: false, ctx: ['main'], args: [1, 1] },
  error_log: { block: false, ctx: ['main', 'http', 'server', 'location'] },
  pid: { block: false, ctx: ['main'], args: [1, 1] },
  events: { block: true, ctx: ['main'], args: [0, 0] },
  worker_connections: { block: false, ctx: ['events'], args: [1, 1] },
  http: { block: true, ctx: ['main'], args: [0, 0] },
  include: { block: false, ctx: ['main', 'events', 'http', 'server', 'location', 'types'], args: [1, 1] },
  types: { block: true, ctx: ['http', 'server', 'location'], args: [0, 0] },
  default_type: { block: false, ctx: ['http', 'server', 'location'], args: [1, 1] },
  log_format: { block: false, ctx: ['http'] },
  access_log: { block: false, ctx: ['http', 'server', 'location'] },
  sendfile: { block: false, ctx: ['http', 'server', 'location'], args: [1, 1] },
  tcp_nopush: { block: false, ctx: ['http', 'server', 'location'], args: [1, 1] },
  keepalive_timeout: { block: false, ctx: ['http', 'server', 'location'], args: [1, 2] },
  gzip: { block: false, ctx: ['http', 'server', 'location'], args: [1, 1] },
  server_tokens: { block: false, ctx: ['http', 'server', 'location'], args: [1, 1] },
  server: { block: true, ctx: ['http'], args: [0, 0] },
  listen: { block: false, ctx: ['server'], args: [1, 10] },
  server_name: { block: false, ctx: ['server'], args: [1, 100] },
  location: { block: true, ctx: ['server', 'location'], args: [1, 2] },
  root: { block: false, ctx: ['http', 'server', 'location'], args: [1, 1] },
  index: { block: false, ctx: ['http', 'server', 'location'], args: [1, 100] },
  error_page: { block: false, ctx: ['http', 'server', 'location'], args: [2, 100] },
  return: { block: false, ctx: ['server', 'location'], args: [1, 2] },
  proxy_pass: { block: false, ctx: ['location'], args: [1, 1] },
  proxy_set_header: { block: false, ctx: ['http', 'server', 'location'], args: [2, 2] },
  proxy_http_version: { block: false, ctx: ['http', 'server', 'location'], args: [1, 1] },
  proxy_connect_timeout: { block: false, ctx: ['http', 'server', 'location'], args: [1, 1] },
  proxy_read_timeout: { block: false, ctx: ['http', 'server', 'location'], args: [1, 1] },
  client_max_body_size: { block: false, ctx: ['http', 'server', 'location'], args: [1, 1] },
  resolver: { block: false, ctx: ['http', 'server', 'location'], args: [1, 10] },
};

function parseFile(fs: Vfs, file: string, context: string): Directive[] {
  const text = fs.readFile(file);
  if (typeof text !== 'string' || text === 'ENOENT' || text === 'EISDIR' || text === 'ENOTDIR') {
    throw new ConfError(`open() "${file}" failed (2: No such file or directory)`);
  }
  const toks = tokenize(text, file);
  let i = 0;
  const block = (ctx: string, depth: number): Directive[] => {
    const out: Directive[] = [];
    for (;;) {
      const t = toks[i]!;
      if (!t.word) {
        if (t.t === '') {
          if (depth > 0) throw new ConfError(`unexpected end of file, expecting "}" in ${file}:${t.line}`);
          return out;
        }
        if (t.t === '}') {
          if (depth === 0) throw new ConfError(`unexpected "}" in ${file}:${t.line}`);
          i++;
          return out;
        }
        throw new ConfError(`unexpected "${t.t}" in ${file}:${t.line}`);
      }
      const name = t.t;
      const line = t.line;
      i++;
      const args: string[] = [];
      while (toks[i]!.word) args.push(toks[i++]!.t);
      const end = toks[i]!;
      if (ctx === 'types') {
        if (end.t !== ';') throw new ConfError(`unexpected "${end.t || 'end of file'}" in ${file}:${end.line}`);
        i++;
        continue;
      }
      const spec = KNOWN[name];
      if (!spec) throw new ConfError(`unknown directive "${name}" in ${file}:${line}`);
      if (!spec.ctx.includes(ctx)) throw new ConfError(`"${name}" directive is not allowed here in ${file}:${line}`);
      if (spec.block) {
        if (end.t !== '{') throw new ConfError(`directive "${name}" has no opening "{" in ${file}:${end.t === '' ? end.line : line}`);
      } else if (end.t !== ';') {
        if (end.t === '') throw new ConfError(`unexpected end of file, expecting ";" or "}" in ${file}:${end.line}`);
        if (end.t === '}') throw new ConfError(`unexpected "}" in ${file}:${end.line}`);
        throw new ConfError(`directive "${name}" is not terminated by ";" in ${file}:${line}`);
      }
      if (spec.args && (args.length < spec.args[0] || args.length > spec.args[1])) {
        throw new ConfError(`invalid number of arguments in "${name}" directive in ${file}:${line}`);
      }
      i++;
      if (name === 'include') {
        out.push(...include(fs, args[0]!, ctx));
        continue;
      }
      const sub = spec.block ? block(name === 'location' ? 'location' : name, depth + 1) : undefined;
      out.push({ name, args, file, line, block: sub });
    }
  };
  return block(context, 0);
}

function include(fs: Vfs, pattern: string, ctx: string): Directive[] {
  const path = pattern.startsWith('/') ? pattern : `/etc/nginx/${pattern}`;
  if (!/[*?[]/.test(path)) return parseFile(fs, path, ctx);
  const slash = path.lastIndexOf('/');
  const dir = path.slice(0, slash) || '/';
  const re = new RegExp('^' + path.slice(slash + 1).replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
  const names = fs.isDir(dir) ? fs.names(dir).filter((n) => re.test(n) && fs.isFile(`${dir}/${n}`)).sort() : [];
  return names.flatMap((n) => parseFile(fs, `${dir}/${n}`, ctx));
}

function parseProxyPass(d: Directive): ProxyPass {
  const url = d.args[0]!;
  const m = /^http:\/\/([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url);
  if (!m) {
    if (/^https:\/\//.test(url)) throw new ConfError(`https protocol requires SSL support in ${d.file}:${d.line}`);
    throw new ConfError(`invalid URL prefix in ${d.file}:${d.line}`);
  }
  const port = m[2] === undefined ? 80 : Number(m[2]);
  if (port < 1 || port > 65535) throw new ConfError(`invalid port in upstream "${m[1]}:${m[2]}" in ${d.file}:${d.line}`);
  return { host: m[1]!, port, uri: m[3] ?? '', hostPort: m[2] === undefined ? m[1]! : `${m[1]}:${m[2]}`, file: d.file, line: d.line };
}

function location(d: Directive, inherited: { root: string; index: readonly string[]; headers: ReadonlyArray<readonly [string, string]> }): Location {
  const exact = d.args.length === 2 && d.args[0] === '=';
  if (d.args.length === 2 && !exact) {
    if (d.args[0] === '~' || d.args[0] === '~*' || d.args[0] === '^~') throw new ConfError(`regular expression locations are not supported in this sandbox in ${d.file}:${d.line}`);
    throw new ConfError(`invalid location modifier "${d.args[0]}" in ${d.file}:${d.line}`);
  }
  const path = d.args[d.args.length - 1]!;
  let root: string | undefined;
  let index: string[] | undefined;
  let proxyPass: ProxyPass | undefined;
  let ret: Location['ret'];
  const setHeaders: Array<[string, string]> = [];
  for (const x of d.block ?? []) {
    if (x.name === 'root') root = x.args[0];
    else if (x.name === 'index') index = [...x.args];
    else if (x.name === 'proxy_pass') {
      if (proxyPass) throw new ConfError(`"proxy_pass" directive is duplicate in ${x.file}:${x.line}`);
      proxyPass = parseProxyPass(x);
    } else if (x.name === 'proxy_set_header') setHeaders.push([x.args[0]!, x.args[1]!]);
    else if (x.name === 'return') {
      const status = Number(x.args[0]);
      if (!Number.isInteger(status)) throw new ConfError(`invalid return code "${x.args[0]}" in ${x.file}:${x.line}`);
      ret = { status, text: x.args[1] };
    } else if (x.name === 'location') {
      throw new ConfError(`nested locations are not supported in this sandbox in ${x.file}:${x.line}`);
    }
  }
  return {
    exact, path, proxyPass, ret,
    root: root ?? inherited.root, index: index ?? inherited.index,
    setHeaders: setHeaders.length > 0 ? setHeaders : inherited.headers,
  };
}

/** Read nginx.conf (and what it includes) from the container's filesystem. */
export function loadConfig(fs: Vfs, file = MAIN_CONF): ConfigResult {
  try {
    const main = parseFile(fs, file, 'main');
    const servers: Server[] = [];
    for (const http of main.filter((d) => d.name === 'http')) {
      let httpRoot = '/etc/nginx/html';
      let httpIndex: readonly string[] = ['index.html'];
      for (const d of http.block ?? []) {
        if (d.name === 'root') httpRoot = d.args[0]!;
        if (d.name === 'index') httpIndex = d.args;
      }
      for (const s of (http.block ?? []).filter((d) => d.name === 'server')) {
        const ports: number[] = [];
        const names: string[] = [];
        const errorPages = new Map<number, string>();
        let root = httpRoot;
        let index = httpIndex;
        const headers: Array<[string, string]> = [];
        for (const d of s.block ?? []) {
          if (d.name === 'listen') {
            const m = /^(?:\[::\]:|(?:[\d.]+|\*):)?(\d+)$/.exec(d.args[0]!);
            if (!m) throw new ConfError(`invalid port in "${d.args[0]}" of the "listen" directive in ${d.file}:${d.line}`);
            if (!d.args[0]!.startsWith('[')) ports.push(Number(m[1]));
          } else if (d.name === 'server_name') names.push(...d.args);
          else if (d.name === 'root') root = d.args[0]!;
          else if (d.name === 'index') index = d.args;
          else if (d.name === 'proxy_set_header') headers.push([d.args[0]!, d.args[1]!]);
          else if (d.name === 'error_page') {
            const uri = d.args[d.args.length - 1]!;
            for (const code of d.args.slice(0, -1)) {
              if (!/^\d{3}$/.test(code)) throw new ConfError(`invalid value "${code}" in ${d.file}:${d.line}`);
              errorPages.set(Number(code), uri);
            }
          }
        }
        const locations = (s.block ?? []).filter((d) => d.name === 'location').map((d) => location(d, { root, index, headers }));
        servers.push({ ports: ports.length ? ports : [80], serverNames: names, locations, root, index, errorPages });
      }
    }
    return { ok: true, config: { servers } };
  } catch (e) {
    if (e instanceof ConfError) return { ok: false, message: e.message };
    throw e;
  }
}

/** The location for a URI: an exact match, else the longest prefix (regex locations are not supported). */
export function matchLocation(server: Server, uri: string): Location | undefined {
  const exact = server.locations.find((l) => l.exact && l.path === uri);
  if (exact) return exact;
  let best: Location | undefined;
  for (const l of server.locations) if (!l.exact && uri.startsWith(l.path) && (!best || l.path.length > best.path.length)) best = l;
  return best;
}
