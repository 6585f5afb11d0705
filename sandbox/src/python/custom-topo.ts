/**
 * mn --custom FILE[,FILE...] --topo NAME[,ARGS]: the files are run by real Python, and a
 * topology from their `topos` dictionary (reference/mininet.md §5.1) is built there and
 * handed back as data. Returns undefined when the files know no topology by that name (mn
 * then looks among its built-in ones), or an error already printed.
 */
import type { ExecContext } from '../shell/context';
import type { Task } from '../mininet/mininet';
import { Topo } from '../topo/topo';
import { resolvePath } from '../fs/vfs';
import { loadPython, runProgram } from './run-program';
import type { TopoDescription } from './runtime';
import { scriptFiles } from './script-files';

export type CustomTopoResult =
  | { readonly kind: 'topo'; readonly topo: Topo }
  | { readonly kind: 'none' }
  | { readonly kind: 'failed'; readonly status: number }
  | { readonly kind: 'missing'; readonly file: string };

export function* customTopo(ctx: ExecContext, files: readonly string[], topoArg: string): Task<CustomTopoResult> {
  const paths = files.map((f) => resolvePath(f, ctx.shell.cwd));
  const missing = paths.findIndex((p) => !ctx.fs.isFile(p));
  if (missing >= 0) return { kind: 'missing', file: files[missing]! };
  const rt = yield* loadPython(ctx, 'mn');
  if (!rt) return { kind: 'failed', status: 1 };
  let found: TopoDescription | undefined;
  // Later files override earlier ones, as mn's setCustom does.
  for (let i = 0; i < paths.length; i++) {
    const r = yield* runProgram(ctx, rt, { kind: 'topo', path: files[i]!, cwd: ctx.shell.cwd, topo: topoArg, files: scriptFiles(ctx, paths[i]!) }, 'mn');
    if (r.status !== 0 || r.value === undefined) return { kind: 'failed', status: r.status || 1 };
    const d = JSON.parse(r.value) as TopoDescription | { unknown: string };
    if ('nodes' in d) found = d;
  }
  if (!found) return { kind: 'none' };
  const topo = new Topo();
  for (const n of found.nodes) topo.addNode(n.name, n.isSwitch ? { ...n.opts, isSwitch: true } : n.opts);
  for (const l of found.links) topo.addLink(l.node1, l.node2, l.port1, l.port2, l.opts);
  return { kind: 'topo', topo };
}
