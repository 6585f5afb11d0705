/** What Python's own filesystem needs before a program runs: the script and its neighbours. */
import type { ExecContext } from '../shell/context';

/** The script and the .py files beside it, for Python's own filesystem (imports of neighbours work). */
export function scriptFiles(ctx: ExecContext, path: string): Record<string, string> {
  const fs = ctx.fs;
  const files: Record<string, string> = {};
  const dir = path.slice(0, path.lastIndexOf('/')) || '/';
  for (const name of fs.names(dir)) {
    const p = `${dir === '/' ? '' : dir}/${name}`;
    if (!name.endsWith('.py') || !fs.isFile(p)) continue;
    const text = fs.readFile(p);
    if (typeof text === 'string') files[p] = text;
  }
  const main = fs.readFile(path);
  if (typeof main === 'string') files[path] = main;
  return files;
}
