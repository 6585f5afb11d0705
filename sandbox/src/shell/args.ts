/**
 * Option parsing shared by every command, with GNU getopt_long's behaviour and messages
 * (options may follow operands, `--` ends options, `-abc` bundles, `-c3` and `-c 3`,
 * `--name=value` and `--name value`). Commands check values themselves, with their own words.
 */

export interface LongOpt {
  readonly name: string;
  readonly arg: 'none' | 'required';
  /** The key the value is stored under (defaults to the name). */
  readonly key?: string;
}

export interface OptSpec {
  /** getopt's short string: letters, a ':' after those that take an argument. */
  readonly short: string;
  readonly long?: readonly LongOpt[];
  /** Stop at the first operand (POSIXLY_CORRECT / a leading '+', as mn and sudo do). */
  readonly stopAtOperand?: boolean;
  /** Error wording: GNU getopt (default) or Python's optparse (mn). */
  readonly style?: 'gnu' | 'optparse';
}

export interface ParsedOpts {
  /** Each option in order with its value (true for flags). Repeats are kept. */
  readonly list: Array<[string, string | true]>;
  readonly operands: string[];
  has(k: string): boolean;
  /** The last value given for k. */
  get(k: string): string | undefined;
  all(k: string): string[];
}

export type OptResult = { ok: true; opts: ParsedOpts } | { ok: false; error: string };

function makeParsed(list: Array<[string, string | true]>, operands: string[]): ParsedOpts {
  return {
    list,
    operands,
    has: (k) => list.some(([x]) => x === k),
    get: (k) => {
      for (let i = list.length - 1; i >= 0; i--) if (list[i]![0] === k) return list[i]![1] === true ? '' : (list[i]![1] as string);
      return undefined;
    },
    all: (k) => list.filter(([x]) => x === k).map(([, v]) => (v === true ? '' : v)),
  };
}

type OptError =
  | { kind: 'invalid'; opt: string }
  | { kind: 'unrecognized'; opt: string }
  | { kind: 'ambiguous'; opt: string; candidates: string[] }
  | { kind: 'needs-arg'; opt: string }
  | { kind: 'no-arg'; opt: string };

function errorText(prog: string, e: OptError, style: 'gnu' | 'optparse'): string {
  if (style === 'optparse') {
    const head = `Usage: ${prog} [options]\n(type ${prog} -h for details)\n\n${prog}: error: `;
    switch (e.kind) {
      case 'invalid':
        return head + `no such option: -${e.opt}`;
      case 'unrecognized':
        return head + `no such option: ${e.opt}`;
      case 'ambiguous':
        return head + `ambiguous option: --${e.opt} (${e.candidates.map((c) => '--' + c).join(', ')}?)`;
      case 'needs-arg':
        return head + `${e.opt.length === 1 ? '-' + e.opt : '--' + e.opt} option requires 1 argument`;
      case 'no-arg':
        return head + `--${e.opt} option does not take a value`;
    }
  }
  switch (e.kind) {
    case 'invalid':
      return `${prog}: invalid option -- '${e.opt}'`;
    case 'unrecognized':
      return `${prog}: unrecognized option '${e.opt}'`;
    case 'ambiguous':
      return `${prog}: option '--${e.opt}' is ambiguous; possibilities: ${e.candidates.map((c) => `'--${c}'`).join(' ')}`;
    case 'needs-arg':
      return e.opt.length === 1 ? `${prog}: option requires an argument -- '${e.opt}'` : `${prog}: option '--${e.opt}' requires an argument`;
    case 'no-arg':
      return `${prog}: option '--${e.opt}' doesn't allow an argument`;
  }
}

export function getopt(prog: string, argv: readonly string[], spec: OptSpec): OptResult {
  const fail = (e: OptError): OptResult => ({ ok: false, error: errorText(prog, e, spec.style ?? 'gnu') });
  const shortArg = new Map<string, boolean>();
  for (let i = 0; i < spec.short.length; i++) {
    const c = spec.short[i]!;
    if (c === ':') continue;
    shortArg.set(c, spec.short[i + 1] === ':');
  }
  const list: Array<[string, string | true]> = [];
  const operands: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      operands.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && spec.long) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const exact = spec.long.find((l) => l.name === name);
      const prefixed = exact ? [exact] : spec.long.filter((l) => l.name.startsWith(name));
      if (prefixed.length !== 1) {
        if (prefixed.length > 1) return fail({ kind: 'ambiguous', opt: name, candidates: prefixed.map((l) => l.name) });
        return fail({ kind: 'unrecognized', opt: eq < 0 ? a : a.slice(0, eq) });
      }
      const lo = prefixed[0]!;
      const key = lo.key ?? lo.name;
      if (lo.arg === 'none') {
        if (eq >= 0) return fail({ kind: 'no-arg', opt: lo.name });
        list.push([key, true]);
      } else if (eq >= 0) {
        list.push([key, a.slice(eq + 1)]);
      } else if (i + 1 < argv.length) {
        list.push([key, argv[++i]!]);
      } else {
        return fail({ kind: 'needs-arg', opt: lo.name });
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        const takes = shortArg.get(c);
        if (takes === undefined) return fail({ kind: 'invalid', opt: c });
        if (!takes) {
          list.push([c, true]);
          continue;
        }
        if (j + 1 < a.length) list.push([c, a.slice(j + 1)]);
        else if (i + 1 < argv.length) list.push([c, argv[++i]!]);
        else return fail({ kind: 'needs-arg', opt: c });
        break;
      }
      continue;
    }
    if (spec.stopAtOperand) {
      operands.push(...argv.slice(i));
      break;
    }
    operands.push(a);
  }
  return { ok: true, opts: makeParsed(list, operands) };
}
