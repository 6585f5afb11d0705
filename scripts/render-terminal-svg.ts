/**
 * Renders a real emulator session as an SVG "screenshot" of a terminal (for the README).
 * Usage: npx tsx scripts/render-terminal-svg.ts OUT.svg 'line 1' 'line 2' ...
 */
import { writeFileSync } from 'node:fs';
import { replay } from '../sandbox/test/harness';

const [out, ...lines] = process.argv.slice(2);
if (!out) throw new Error('usage: render-terminal-svg.ts OUT.svg LINE...');
const text = replay(lines, { seed: 1, eofAtEnd: false, maxRun: 120 }).output.replace(/\n$/, '');
const rows = text.split('\n');
const width = Math.max(80, ...rows.map((r) => r.length));
const ch = 8.4;
const lh = 17;
const pad = 16;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const body = rows
  .map((r, i) => {
    const y = pad + 28 + i * lh;
    const m = /^(root@master1:[^#]*# |mininet> )(.*)$/.exec(r);
    if (m) return `<text x="${pad}" y="${y}"><tspan fill="#7ee787">${esc(m[1]!)}</tspan><tspan fill="#ffffff">${esc(m[2]!)}</tspan></text>`;
    return `<text x="${pad}" y="${y}">${esc(r)}</text>`;
  })
  .join('\n');
const w = Math.ceil(width * ch + 2 * pad);
const h = pad * 2 + 28 + rows.length * lh;
writeFileSync(
  out,
  `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="A Patchbay terminal session">
<rect width="100%" height="100%" rx="8" fill="#0d1117"/>
<circle cx="${pad + 6}" cy="${pad + 2}" r="6" fill="#ff5f56"/><circle cx="${pad + 26}" cy="${pad + 2}" r="6" fill="#ffbd2e"/><circle cx="${pad + 46}" cy="${pad + 2}" r="6" fill="#27c93f"/>
<g font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="14" fill="#c9d1d9" xml:space="preserve">
${body}
</g>
</svg>
`,
);
