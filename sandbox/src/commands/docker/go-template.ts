/**
 * A small evaluator for the Go text/template subset `docker ... -f` is used with:
 * `{{.A.B}}`, `{{range .X}}…{{end}}` (maps walked in sorted key order), `{{json .X}}`,
 * `{{index .X "k"}}`, `{{println}}`, and literal text. Values are the inspect JSON objects.
 */
type V = unknown;

export type TemplateResult = { ok: true; text: string } | { ok: false; error: string };

interface Node { kind: 'text' | 'action' | 'range'; text?: string; expr?: string; body?: Node[] }

function parse(src: string): Node[] | string {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    if (open < 0) {
      stack[stack.length - 1]!.push({ kind: 'text', text: src.slice(i) });
      break;
    }
    if (open > i) stack[stack.length - 1]!.push({ kind: 'text', text: src.slice(i, open) });
    const close = src.indexOf('}}', open);
    if (close < 0) return 'unclosed action';
    const expr = src.slice(open + 2, close).trim();
    i = close + 2;
    if (expr.startsWith('range ')) {
      const n: Node = { kind: 'range', expr: expr.slice(6).trim(), body: [] };
      stack[stack.length - 1]!.push(n);
      stack.push(n.body!);
    } else if (expr === 'end') {
      if (stack.length === 1) return 'unexpected {{end}}';
      stack.pop();
    } else stack[stack.length - 1]!.push({ kind: 'action', expr });
  }
  if (stack.length > 1) return 'unexpected EOF';
  return root;
}

function field(dot: V, path: string): V {
  let v = dot;
  for (const k of path.split('.').filter(Boolean)) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, V>)[k];
  }
  return v;
}

function evalExpr(expr: string, dot: V): V {
  const words = expr.match(/"[^"]*"|\S+/g) ?? [];
  const arg = (w: string): V => (w.startsWith('"') ? w.slice(1, -1) : w === '.' ? dot : w.startsWith('.') ? field(dot, w) : w);
  if (words[0] === 'json') return JSON.stringify(arg(words[1] ?? '.') ?? null);
  if (words[0] === 'index') {
    let v = arg(words[1]!);
    for (const k of words.slice(2)) v = v && typeof v === 'object' ? (v as Record<string, V>)[String(arg(k))] : undefined;
    return v;
  }
  if (words[0] === 'println') return words.slice(1).map((w) => show(arg(w))).join(' ') + '\n';
  return arg(words[0] ?? '.');
}

function show(v: V): string {
  if (v === undefined) return '<no value>';
  if (v === null) return '<nil>';
  if (Array.isArray(v)) return '[' + v.map(show).join(' ') + ']';
  if (typeof v === 'object') {
    return 'map[' + Object.keys(v).sort().map((k) => `${k}:${show((v as Record<string, V>)[k])}`).join(' ') + ']';
  }
  return String(v);
}

function run(nodes: Node[], dot: V): string {
  let out = '';
  for (const n of nodes) {
    if (n.kind === 'text') out += n.text;
    else if (n.kind === 'action') {
      const v = evalExpr(n.expr!, dot);
      out += typeof v === 'string' && n.expr!.startsWith('json') ? v : show(v);
    } else {
      const v = evalExpr(n.expr!, dot);
      if (Array.isArray(v)) for (const x of v) out += run(n.body!, x);
      else if (v && typeof v === 'object') for (const k of Object.keys(v).sort()) out += run(n.body!, (v as Record<string, V>)[k]);
    }
  }
  return out;
}

export function evalTemplate(src: string, dot: V): TemplateResult {
  const t = parse(src);
  if (typeof t === 'string') return { ok: false, error: `template parsing error: template: :1: ${t}` };
  return { ok: true, text: run(t, dot) };
}
