/**
 * `npm run bench`: how fast the engine builds networks and moves packets, in --fast mode.
 * Prints a table (this is a measurement, not a test). Targets come from the engine issue:
 * 16 hosts built + pingall < 50 ms; 64-host pingall < 1 s; 1024 hosts built < 500 ms with peak
 * heap < 200 MB; at least 1 million simulated events per second. The fabric rows (issue #8):
 * fattree k=8 (128 hosts, 80 routed switches) built and pinged all-pairs; k=16 (1024 hosts,
 * 320 switches, about 330,000 routes) built and sampled, since its pingall is about a million
 * pings (the sample's time × 1047 estimates it).
 */
import { Sandbox } from '../src/sandbox';
import type { Session } from '../src/shell/session';

interface Row {
  topo: string;
  hosts: number;
  buildMs: number;
  pingLabel: string;
  pingMs: number;
  events: number;
  eventsPerSec: number;
  peakHeapMb: number;
  check: string;
}

let peakHeap = 0;
function sampleHeap(): void {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}

function run(sb: Sandbox, s: Session, line: string): string {
  let out = '';
  const off = s.onOutput((t) => (out += t));
  s.submit(line);
  sb.settle(s, 3600e6);
  off();
  sampleHeap();
  return out;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function bench(topo: string, mode: 'pingall' | 'sample'): Row {
  gc();
  peakHeap = process.memoryUsage().heapUsed;
  const sb = new Sandbox({ seed: 1 });
  const s = sb.openSession();
  const heapTimer = setInterval(sampleHeap, 5);
  const t0 = performance.now();
  run(sb, s, `mn --topo ${topo}`);
  const buildMs = performance.now() - t0;
  const hosts = sb.mininet!.hosts.length;
  const ev0 = sb.net.sched.eventsRun;
  const t1 = performance.now();
  let label: string;
  let check: string;
  if (mode === 'pingall') {
    const out = run(sb, s, 'pingall');
    label = 'pingall';
    check = /\*\*\* Results: (\d+)% dropped \((\d+)\/(\d+)/.exec(out)?.slice(1).join(' ') ?? 'no result';
    check = check.replace(/^(\d+) (\d+) (\d+)$/, '$1% dropped, $2/$3');
  } else {
    const names = sb.mininet!.hosts.map((h) => h.name);
    let ok = run(sb, s, `h1 ping -c1 ${names[names.length - 1]}`).includes(' 1 received') ? 1 : 0;
    for (let i = 0; i < 1000; i++) {
      const a = names[(i * 7919) % names.length]!;
      const b = names[(i * 104729 + 13) % names.length]!;
      if (a === b) continue;
      if (run(sb, s, `${a} ping -c1 ${b}`).includes(' 1 received')) ok++;
    }
    label = 'h1→last + 1000 pairs';
    check = `${ok} pings answered`;
  }
  const pingMs = performance.now() - t1;
  const events = sb.net.sched.eventsRun - ev0;
  clearInterval(heapTimer);
  sampleHeap();
  run(sb, s, 'exit');
  return {
    topo, hosts, buildMs, pingLabel: label, pingMs, events,
    eventsPerSec: events / (pingMs / 1000), peakHeapMb: peakHeap / 2 ** 20, check,
  };
}

function fmt(n: number, digits = 1): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

// Warm the JIT first (a learner's page does the same work on its first command), then measure.
bench('tree,depth=2,fanout=4', 'pingall');
const rows = [
  bench('tree,depth=2,fanout=4', 'pingall'),
  bench('tree,depth=3,fanout=4', 'pingall'),
  bench('linear,100', 'pingall'),
  bench('tree,depth=2,fanout=32', 'sample'),
  bench('fattree,k=8', 'pingall'),
  bench('fattree,k=16', 'sample'),
];

const header = ['topology', 'hosts', 'build ms', 'test', 'test ms', 'build+test ms', 'events', 'events/s', 'peak heap MB', 'result'];
const body = rows.map((r) => [
  r.topo, String(r.hosts), fmt(r.buildMs), r.pingLabel, fmt(r.pingMs), fmt(r.buildMs + r.pingMs), r.events.toLocaleString('en-US'),
  fmt(r.eventsPerSec, 0), fmt(r.peakHeapMb), r.check,
]);
const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
console.log('\nSandbox engine, --fast mode (wall-clock times on this machine, one run each after a JIT warm-up)\n');
console.log(line(header));
console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
for (const b of body) console.log(line(b));
console.log(`\nnode ${process.version}, ${process.arch}; targets: 16 hosts build+pingall < 50 ms, 64-host pingall < 1 s,`);
console.log('1024 hosts built < 500 ms with peak heap < 200 MB, >= 1,000,000 events/s.');
