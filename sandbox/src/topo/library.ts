/**
 * Mininet's built-in topologies (mininet/topo.py and topolib.py, 2.3.0) and the parsing of
 * `--topo name,arg,key=value` (util.py splitArgs/makeNumeric). Argument errors are reported
 * as the Python TypeError Mininet would raise.
 */
import { Topo } from './topo';
import {
  FabricParamError, fatTree, fatTreeLimit, fatTreeSize, leafSpine, leafSpineSize, threeTier, threeTierSize,
} from './fabric';

export type TopoArg = number | string;

export interface TopoSpec {
  readonly name: string;
  readonly cls: string;
  /** Parameter names after self, with defaults (undefined = required). */
  readonly params: ReadonlyArray<readonly [string, TopoArg | undefined]>;
  /** Nodes the topology would have, computed without building it (for the size limit). */
  size(a: Record<string, TopoArg>): number;
  build(a: Record<string, TopoArg>): Topo;
  /** A bound of this sandbox the arguments exceed, as the message mn prints (before building). */
  limit?(a: Record<string, TopoArg>): string | undefined;
}

/** mininet.util.makeNumeric: int, then float, else the string. */
export function makeNumeric(s: string): TopoArg {
  if (/^[+-]?\d+$/.test(s.trim())) return parseInt(s, 10);
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s.trim())) return parseFloat(s);
  return s;
}

/** mininet.util.splitArgs: 'tree,2,fanout=3' → ['tree', [2], {fanout: 3}]. */
export function splitArgs(argstr: string): { name: string; args: TopoArg[]; kwargs: Record<string, TopoArg> } {
  const parts = argstr.split(',');
  const name = parts[0] ?? '';
  const args: TopoArg[] = [];
  const kwargs: Record<string, TopoArg> = {};
  for (const p of parts.slice(1)) {
    const eq = p.indexOf('=');
    if (eq < 0) args.push(makeNumeric(p));
    else kwargs[p.slice(0, eq)] = makeNumeric(p.slice(eq + 1));
  }
  return { name, args, kwargs };
}

class PyTypeError extends Error {}

function int(v: TopoArg, op: 'range' | '>' | '<'): number {
  if (typeof v === 'number') return v;
  if (op === 'range') throw new PyTypeError('can only concatenate str (not "int") to str');
  throw new PyTypeError(`'${op}' not supported between instances of 'str' and 'int'`);
}

function single(k: number): Topo {
  const t = new Topo();
  const sw = t.addSwitch('s1');
  for (let h = 1; h <= k; h++) t.addLink(t.addHost(`h${h}`), sw);
  return t;
}

export const TOPOS: readonly TopoSpec[] = [
  {
    name: 'minimal', cls: 'MinimalTopo', params: [],
    size: () => 3,
    build: () => single(2),
  },
  {
    name: 'single', cls: 'SingleSwitchTopo', params: [['k', 2]],
    size: (a) => Math.max(0, int(a['k']!, 'range')) + 1,
    build: (a) => single(int(a['k']!, 'range')),
  },
  {
    name: 'reversed', cls: 'SingleSwitchReversedTopo', params: [['k', 2]],
    size: (a) => Math.max(0, int(a['k']!, 'range')) + 1,
    build: (a) => {
      const k = int(a['k']!, 'range');
      const t = new Topo();
      const sw = t.addSwitch('s1');
      for (let h = 1; h <= k; h++) t.addLink(t.addHost(`h${h}`), sw, 0, k - h + 1);
      return t;
    },
  },
  {
    name: 'linear', cls: 'LinearTopo', params: [['k', 2], ['n', 1]],
    size: (a) => {
      const k = Math.max(0, int(a['k']!, 'range'));
      return k + k * Math.max(0, int(a['n']!, 'range'));
    },
    build: (a) => {
      const k = int(a['k']!, 'range');
      const n = int(a['n']!, 'range');
      const t = new Topo();
      let last: string | undefined;
      for (let i = 1; i <= k; i++) {
        const sw = t.addSwitch(`s${i}`);
        for (let j = 1; j <= n; j++) t.addLink(t.addHost(n === 1 ? `h${i}` : `h${j}s${i}`), sw);
        if (last) t.addLink(sw, last);
        last = sw;
      }
      return t;
    },
  },
  {
    name: 'tree', cls: 'TreeTopo', params: [['depth', 1], ['fanout', 2]],
    size: (a) => {
      const d = int(a['depth']!, '>');
      const f = int(a['fanout']!, 'range');
      let total = 0;
      for (let i = 0; i <= Math.max(0, d); i++) total += f ** i;
      return total;
    },
    build: (a) => {
      const depth = int(a['depth']!, '>');
      const fanout = int(a['fanout']!, 'range');
      const t = new Topo();
      let hostNum = 1;
      let switchNum = 1;
      const addTree = (d: number): string => {
        if (d > 0) {
          const node = t.addSwitch(`s${switchNum++}`);
          for (let i = 0; i < fanout; i++) {
            const child = addTree(d - 1);
            t.addLink(node, child);
          }
          return node;
        }
        return t.addHost(`h${hostNum++}`);
      };
      addTree(depth);
      return t;
    },
  },
  {
    name: 'torus', cls: 'TorusTopo', params: [['x', undefined], ['y', undefined], ['n', 1]],
    size: (a) => int(a['x']!, '<') * int(a['y']!, '<') * (1 + Math.max(0, int(a['n']!, 'range'))),
    build: (a) => {
      const x = int(a['x']!, '<');
      const y = int(a['y']!, '<');
      const n = int(a['n']!, 'range');
      if (x < 3 || y < 3) throw new TopoException('Please use 3x3 or greater for compatibility with 2.1');
      const t = new Topo();
      const sw = new Map<string, string>();
      for (let i = 0; i < x; i++) {
        for (let j = 0; j < y; j++) {
          const loc = `${i + 1}x${j + 1}`;
          const dpid = ((i + 1) * 256 + (j + 1)).toString(16);
          const s = t.addSwitch(`s${loc}`, { dpid });
          sw.set(`${i},${j}`, s);
          for (let k = 0; k < n; k++) t.addLink(t.addHost(n === 1 ? `h${loc}` : `h${loc}x${k + 1}`), s);
        }
      }
      for (let i = 0; i < x; i++) {
        for (let j = 0; j < y; j++) {
          const s1 = sw.get(`${i},${j}`)!;
          t.addLink(s1, sw.get(`${i},${(j + 1) % y}`)!);
          t.addLink(s1, sw.get(`${(i + 1) % x},${j}`)!);
        }
      }
      return t;
    },
  },
  // ---- data-center fabrics (topo/fabric.ts; not Mininet's, Patchbay's) ----
  {
    name: 'threetier', cls: 'ThreeTierTopo', params: [['cores', 2], ['aggs', 4], ['access', 8], ['hosts', 2]],
    size: (a) => threeTierSize(threeTierArgs(a)),
    build: (a) => threeTier(threeTierArgs(a)),
  },
  {
    name: 'leafspine', cls: 'LeafSpineTopo', params: [['spines', 2], ['leaves', 4], ['hosts', 2]],
    size: (a) => leafSpineSize(leafSpineArgs(a)),
    build: (a) => leafSpine(leafSpineArgs(a)),
  },
  {
    name: 'fattree', cls: 'FatTreeTopo', params: [['k', 4]],
    size: (a) => fatTreeSize(int(a['k']!, 'range')),
    limit: (a) => fatTreeLimit(int(a['k']!, 'range')),
    build: (a) => fatTree(int(a['k']!, 'range')),
  },
];

function threeTierArgs(a: Record<string, TopoArg>) {
  return { cores: int(a['cores']!, 'range'), aggs: int(a['aggs']!, 'range'), access: int(a['access']!, 'range'), hosts: int(a['hosts']!, 'range') };
}

function leafSpineArgs(a: Record<string, TopoArg>) {
  return { spines: int(a['spines']!, 'range'), leaves: int(a['leaves']!, 'range'), hosts: int(a['hosts']!, 'range') };
}

/** An exception Mininet raises (shown as `Exception: ...` in mn's error block). */
export class TopoException extends Error {}

export type BindResult =
  | { ok: true; spec: TopoSpec; args: Record<string, TopoArg> }
  | { ok: false; pyError: string };

/** Bind positional and keyword arguments to a topology's parameters, as Python would. */
export function bindTopo(spec: TopoSpec, args: TopoArg[], kwargs: Record<string, TopoArg>): BindResult {
  const bound: Record<string, TopoArg> = {};
  const names = spec.params.map(([n]) => n);
  if (args.length > names.length) {
    const req = spec.params.filter(([, d]) => d === undefined).length + 1;
    const max = names.length + 1;
    const takes = req === max ? `${max} positional argument${max === 1 ? '' : 's'}` : `from ${req} to ${max} positional arguments`;
    return { ok: false, pyError: `TypeError: build() takes ${takes} but ${args.length + 1} were given` };
  }
  args.forEach((v, i) => (bound[names[i]!] = v));
  for (const [k, v] of Object.entries(kwargs)) {
    if (!names.includes(k)) return { ok: false, pyError: `TypeError: build() got an unexpected keyword argument '${k}'` };
    if (k in bound) return { ok: false, pyError: `TypeError: build() got multiple values for argument '${k}'` };
    bound[k] = v;
  }
  const missing = spec.params.filter(([n, d]) => d === undefined && !(n in bound)).map(([n]) => `'${n}'`);
  if (missing.length) {
    const list = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}`;
    return { ok: false, pyError: `TypeError: build() missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${list}` };
  }
  for (const [n, d] of spec.params) if (!(n in bound) && d !== undefined) bound[n] = d;
  return { ok: true, spec, args: bound };
}

/** Compute size or build, turning Python-level failures into the message mn prints. */
export function tryTopo<T>(fn: () => T): { ok: true; value: T } | { ok: false; pyError: string } {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    if (e instanceof PyTypeError) return { ok: false, pyError: `TypeError: ${e.message}` };
    if (e instanceof TopoException || e instanceof FabricParamError) return { ok: false, pyError: `Exception: ${e.message}` };
    throw e;
  }
}

export function findTopo(name: string): TopoSpec | undefined {
  return TOPOS.find((t) => t.name === name);
}
