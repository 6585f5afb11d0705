/**
 * `npm run bench` (Python part): how long Pyodide takes to load in Node, and how long the
 * lesson's router script takes once Python is loaded (build, r0's table, the CLI's pingall,
 * exit and stop, in --fast mode). The browser's Pyodide load is measured by scripts/bench-site.ts.
 * Prints a table; this is a measurement, not a test.
 */
import { readFileSync } from 'node:fs';
import { Sandbox } from '../src/sandbox';
import { nodePythonLoader } from '../cli/python-node';

const SCRIPT = readFileSync(new URL('../test/transcripts/python/linuxrouter.py', import.meta.url), 'utf8');

async function runLines(sb: Sandbox, lines: string[]): Promise<string> {
  const s = sb.openSession();
  let out = '';
  s.onOutput((t) => (out += t));
  for (const l of lines) {
    s.submit(l);
    await sb.settleAsync(s, 3600e6);
  }
  return out;
}

async function main(): Promise<void> {
  const rows: Array<[string, string, string]> = [];
  const t0 = performance.now();
  const loader = nodePythonLoader(1);
  await loader.load();
  rows.push(['Pyodide load, Node (first python3 of a process)', `${(performance.now() - t0).toFixed(0)} ms`, '(2 s in the toolchain check)']);

  const times: number[] = [];
  let result = '';
  for (let i = 0; i < 4; i++) {
    const sb = new Sandbox({ seed: 1 });
    sb.python = loader;
    sb.fs.writeFile('/root/linuxrouter.py', SCRIPT);
    const t1 = performance.now();
    const out = await runLines(sb, ['python3 linuxrouter.py', 'pingall', 'exit']);
    times.push(performance.now() - t1);
    result = /\*\*\* Results: [^\n]*/.exec(out)?.[0] ?? 'no pingall result';
  }
  // The first run also compiles the mininet package; later ones are what a learner sees on a rerun.
  rows.push(['router script, first run (build, table, pingall, stop)', `${times[0]!.toFixed(0)} ms`, result]);
  const later = times.slice(1).sort((a, b) => a - b);
  rows.push(['router script, later runs (median of 3)', `${later[1]!.toFixed(0)} ms`, '']);

  const header: [string, string, string] = ['measure', 'value', 'note'];
  const w = [0, 1, 2].map((i) => Math.max(...[header, ...rows].map((r) => r[i]!.length)));
  const line = (c: string[]) => '| ' + c.map((x, i) => x.padEnd(w[i]!)).join(' | ') + ' |';
  console.log('\nPython (Pyodide) in the sandbox, Node with --experimental-wasm-stack-switching\n');
  console.log(line(header));
  console.log('|' + w.map((n) => '-'.repeat(n + 2)).join('|') + '|');
  for (const r of rows) console.log(line(r));
}

void main();
