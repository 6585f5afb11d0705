/**
 * Conventions the GNU text tools share (coreutils 8.32 and grep 3.7 on Ubuntu 22.04, a UTF-8
 * locale): how names are quoted in messages, "Try 'X --help'", counts with size suffixes, and
 * long options whose argument is optional.
 */

/** quote(): a value in a message, in a UTF-8 locale's quotation marks (‘x’). */
export function quote(s: string): string {
  return `‘${s}’`;
}

/** quoteaf(): a file name, always in shell single quotes ('a b', 'it'\''s'). */
export function quoteAlways(s: string): string {
  return `'${s.replace(/'/g, "'\\''")}'`;
}

/** quotef(): a file name, in shell single quotes only when it needs them (spaces, :, $...). */
export function quoteIfNeeded(s: string): string {
  const safe = /^[\p{L}\p{N}_\-./+,@%]*$/u.test(s) && s !== '' && !/^[~#]/.test(s);
  return safe ? s : quoteAlways(s);
}

export function tryHelp(prog: string): string {
  return `Try '${prog} --help' for more information.\n`;
}

const POWERS: Readonly<Record<string, number>> = { k: 1, K: 1, m: 2, M: 2, g: 3, G: 3, t: 4, T: 4, P: 5, E: 6, Z: 7, Y: 8 };

/**
 * A count as head and tail read it (gnulib xstrtoumax with suffixes): digits, then optionally
 * b (512), K/k, M/m, G, T... (powers of 1024, or of 1000 with a B after them: KB; KiB is 1024).
 * A suffix alone counts one unit ("K" is 1024). Too large a count is Infinity; undefined when
 * the text is not a count.
 */
export function parseCount(text: string): number | undefined {
  const m = /^\s*\+?(\d*)(.*)$/s.exec(text);
  if (!m) return undefined;
  const digits = m[1]!;
  const suffix = m[2]!;
  if (digits === '' && suffix === '') return undefined;
  let n = digits === '' ? 1 : Number(digits);
  if (suffix === '') return n;
  if (suffix === 'b') return n * 512;
  const sm = /^([kKmMgGtTPEZY])(B|iB)?$/.exec(suffix);
  if (!sm) return undefined;
  const base = sm[2] === 'B' ? 1000 : 1024;
  n *= base ** POWERS[sm[1]!]!;
  return Number.isFinite(n) ? n : Infinity;
}

/**
 * getopt_long's optional arguments (`--color`, `--color=always`): the shared parser knows only
 * none/required, so a bare `--NAME` (or an unambiguous abbreviation down to `minPrefix`) becomes
 * `--NAME=<bare>`. Option values and everything after `--` are left alone.
 */
export function expandOptionalLong(
  argv: readonly string[], name: string, minPrefix: string, bare: string, valueTaking: { short: string; long: readonly string[] },
): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    out.push(a);
    if (a === '--') {
      out.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const n = a.slice(2);
      if (!n.includes('=') && n.length >= minPrefix.length && name.startsWith(n) && n.startsWith(minPrefix)) {
        out[out.length - 1] = `--${name}=${bare}`;
      } else if (!n.includes('=') && valueTaking.long.includes(n) && i + 1 < argv.length) {
        out.push(argv[++i]!);
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      // A bundle such as -ie: the last letter may take the next word as its value.
      for (let j = 1; j < a.length; j++) {
        if (!valueTaking.short.includes(a[j]!)) continue;
        if (j === a.length - 1 && i + 1 < argv.length) out.push(argv[++i]!);
        break;
      }
    }
  }
  return out;
}

/** What `--version` prints (gnulib version_etc): coreutils 8.32 and grep 3.7 as Ubuntu 22.04 ships them. */
export function versionText(prog: string, pkg: 'coreutils' | 'grep', writtenBy: string): string {
  const [version, year] = pkg === 'grep' ? ['3.7', 2021] : ['8.32', 2020];
  return (
    `${prog} (GNU ${pkg}) ${version}\nCopyright (C) ${year} Free Software Foundation, Inc.\n` +
    'License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n' +
    'This is free software: you are free to change and redistribute it.\n' +
    'There is NO WARRANTY, to the extent permitted by law.\n\n' +
    writtenBy
  );
}
