/** Mininet's natural sort (util.py `natural`/`naturalSeq`): h2 < h10, s1 < s1x2. */
export function naturalKey(s: string): Array<string | number> {
  return s.split(/(\d+)/).filter((p) => p !== '').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

export function naturalCompare(a: string, b: string): number {
  const ka = naturalKey(a);
  const kb = naturalKey(b);
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
    const x = ka[i]!;
    const y = kb[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    // Python 3 cannot compare int with str; Mininet names never need it, so fall back to text.
    return String(x) < String(y) ? -1 : 1;
  }
  return ka.length - kb.length;
}

export function naturalSort(names: readonly string[]): string[] {
  return [...names].sort(naturalCompare);
}
