/**
 * pflag-style parsing as the docker CLI does it (cobra): long `--name value`/`--name=value`,
 * bundled shorts `-dit`, flags stop at the first operand for run/exec (interspersed off).
 * Errors are pflag's text; the caller adds the usage block (reference/docker.md §0.2).
 */
export interface FlagDef {
  readonly long: string;
  readonly short?: string;
  readonly value: boolean;
}

export interface ParsedFlags {
  readonly values: Map<string, string[]>;
  readonly bools: Set<string>;
  readonly operands: string[];
}

export function parseFlags(argv: readonly string[], defs: readonly FlagDef[], interspersed: boolean): ParsedFlags | string {
  const values = new Map<string, string[]>();
  const bools = new Set<string>();
  const operands: string[] = [];
  const put = (d: FlagDef, v: string): void => {
    values.set(d.long, [...(values.get(d.long) ?? []), v]);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      operands.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const d = defs.find((x) => x.long === name);
      if (!d) return `unknown flag: --${name}`;
      if (d.value) {
        if (eq >= 0) put(d, a.slice(eq + 1));
        else if (i + 1 < argv.length) put(d, argv[++i]!);
        else return `flag needs an argument: --${name}`;
      } else bools.add(d.long);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let k = 1; k < a.length; k++) {
        const ch = a[k]!;
        const d = defs.find((x) => x.short === ch);
        if (!d) return `unknown shorthand flag: '${ch}' in ${a}`;
        if (d.value) {
          const rest = a.slice(k + 1);
          if (rest !== '') put(d, rest.replace(/^=/, ''));
          else if (i + 1 < argv.length) put(d, argv[++i]!);
          else return `flag needs an argument: '${ch}' in -${ch}`;
          break;
        }
        bools.add(d.long);
      }
      continue;
    }
    operands.push(a);
    if (!interspersed) {
      operands.push(...argv.slice(i + 1));
      break;
    }
  }
  return { values, bools, operands };
}
