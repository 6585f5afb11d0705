/**
 * A small bash parser: words with quoting and escapes, `#` comments, `;`, `&&`, `||`,
 * a trailing or separating `&`, pipelines with `|`, and redirections `>`, `>>`, `<`, `2>`,
 * `2>&1`, `&>`. Expansion of `$VAR`, `${VAR}`, `$?` and a leading `~` happens here with the
 * given environment. Error messages are bash's own.
 */

export type RedirectOp = '>' | '>>' | '<' | '2>' | '2>>' | '2>&1' | '&>';

export interface Redirect {
  readonly op: RedirectOp;
  readonly target: string;
}

export interface SimpleCommand {
  readonly argv: string[];
  readonly redirects: Redirect[];
  /** Leading NAME=value assignments. */
  readonly assigns: Array<[string, string]>;
}

export interface Pipeline {
  readonly commands: SimpleCommand[];
}

/** `op` is what follows the pipeline: run next (;), only on success (&&), only on failure (||), or in background (&). */
export interface ListItem {
  readonly pipeline: Pipeline;
  readonly op: ';' | '&&' | '||' | '&';
}

export type ParseResult = { ok: true; list: ListItem[] } | { ok: false; error: string };

export interface ExpandEnv {
  get(name: string): string | undefined;
  home: string;
}

type Tok = { t: 'word'; v: string; quoted: boolean } | { t: 'op'; v: string };

function lex(line: string, env: ExpandEnv): Tok[] | string {
  const toks: Tok[] = [];
  let i = 0;
  const n = line.length;
  while (i < n) {
    const c = line[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '#') break;
    const two = line.slice(i, i + 2);
    if (line.slice(i, i + 4) === '2>&1') {
      toks.push({ t: 'op', v: '2>&1' });
      i += 4;
      continue;
    }
    if (two === '&&' || two === '||' || two === '>>' || two === '&>' || two === ';;') {
      toks.push({ t: 'op', v: two });
      i += 2;
      continue;
    }
    if (two === '2>' && (i === 0 || line[i - 1] === ' ')) {
      if (line.slice(i, i + 3) === '2>>') {
        toks.push({ t: 'op', v: '2>>' });
        i += 3;
      } else {
        toks.push({ t: 'op', v: '2>' });
        i += 2;
      }
      continue;
    }
    if (c === ';' || c === '&' || c === '|' || c === '>' || c === '<' || c === '(' || c === ')') {
      toks.push({ t: 'op', v: c });
      i++;
      continue;
    }
    // A word: runs until an unquoted blank or operator.
    let v = '';
    let quoted = false;
    let first = true;
    while (i < n) {
      const ch = line[i]!;
      if (ch === ' ' || ch === '\t' || ';&|<>()'.includes(ch)) break;
      if (ch === '\\') {
        if (i + 1 < n) v += line[i + 1];
        i += 2;
        quoted = true;
      } else if (ch === "'") {
        const end = line.indexOf("'", i + 1);
        if (end < 0) return "bash: unexpected EOF while looking for matching `''\nbash: syntax error: unexpected end of file";
        v += line.slice(i + 1, end);
        i = end + 1;
        quoted = true;
      } else if (ch === '"') {
        i++;
        let closed = false;
        while (i < n) {
          const d = line[i]!;
          if (d === '"') {
            closed = true;
            i++;
            break;
          }
          if (d === '\\' && i + 1 < n && '"\\$`'.includes(line[i + 1]!)) {
            v += line[i + 1];
            i += 2;
          } else if (d === '$') {
            const [s, j] = expandVar(line, i, env);
            v += s;
            i = j;
          } else {
            v += d;
            i++;
          }
        }
        if (!closed) return 'bash: unexpected EOF while looking for matching `"\'\nbash: syntax error: unexpected end of file';
        quoted = true;
      } else if (ch === '$') {
        const [s, j] = expandVar(line, i, env);
        v += s;
        i = j;
      } else if (ch === '~' && first && (i + 1 >= n || line[i + 1] === '/' || line[i + 1] === ' ')) {
        v += env.home;
        i++;
      } else {
        v += ch;
        i++;
      }
      first = false;
    }
    toks.push({ t: 'word', v, quoted });
  }
  return toks;
}

function expandVar(line: string, i: number, env: ExpandEnv): [string, number] {
  const rest = line.slice(i + 1);
  let m = /^\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(rest);
  if (m) return [env.get(m[1]!) ?? '', i + 1 + m[0].length];
  m = /^([A-Za-z_][A-Za-z0-9_]*|\?|\$|#|[0-9])/.exec(rest);
  if (m) return [env.get(m[1]!) ?? '', i + 1 + m[0].length];
  return ['$', i + 1];
}

function syntaxError(tok: string): string {
  return `bash: syntax error near unexpected token \`${tok}'`;
}

export function parseLine(line: string, env: ExpandEnv): ParseResult {
  const toks = lex(line, env);
  if (typeof toks === 'string') return { ok: false, error: toks };
  const list: ListItem[] = [];
  let cmds: SimpleCommand[] = [];
  let argv: string[] = [];
  let redirects: Redirect[] = [];
  let assigns: Array<[string, string]> = [];
  const endCommand = (): boolean => {
    if (argv.length === 0 && redirects.length === 0 && assigns.length === 0) return false;
    cmds.push({ argv, redirects, assigns });
    argv = [];
    redirects = [];
    assigns = [];
    return true;
  };
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k]!;
    if (t.t === 'word') {
      const am = !t.quoted && argv.length === 0 ? /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(t.v) : null;
      if (am) assigns.push([am[1]!, am[2]!]);
      else argv.push(t.v);
      continue;
    }
    switch (t.v) {
      case '>': case '>>': case '<': case '2>': case '2>>': case '&>': {
        const next = toks[k + 1];
        if (!next || next.t !== 'word') return { ok: false, error: syntaxError(next ? next.v : 'newline') };
        redirects.push({ op: t.v as RedirectOp, target: next.v });
        k++;
        break;
      }
      case '2>&1':
        redirects.push({ op: '2>&1', target: '' });
        break;
      case '|':
        if (!endCommand()) return { ok: false, error: syntaxError('|') };
        if (k === toks.length - 1) return { ok: false, error: 'bash: syntax error: unexpected end of file' };
        break;
      case ';': case '&': case '&&': case '||': {
        if (!endCommand()) {
          if (cmds.length === 0) return { ok: false, error: syntaxError(t.v) };
        }
        list.push({ pipeline: { commands: cmds }, op: t.v as ListItem['op'] });
        cmds = [];
        if ((t.v === '&&' || t.v === '||') && k === toks.length - 1) return { ok: false, error: 'bash: syntax error: unexpected end of file' };
        break;
      }
      default:
        return { ok: false, error: syntaxError(t.v) };
    }
  }
  if (endCommand() || cmds.length > 0) list.push({ pipeline: { commands: cmds }, op: ';' });
  return { ok: true, list };
}

/** Split on blanks only, honouring quotes (for Mininet's own commands, which use str.split). */
export function splitWords(line: string): string[] {
  return line.trim().split(/\s+/).filter((w) => w.length > 0);
}
