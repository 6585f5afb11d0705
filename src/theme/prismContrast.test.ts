import { colord, extend } from 'colord';
import a11yPlugin from 'colord/plugins/a11y';
import { themes } from 'prism-react-renderer';
import { describe, expect, it } from 'vitest';
import { withContrast } from './prismContrast';

extend([a11yPlugin]);

describe('code highlighting contrast', () => {
  for (const name of ['github', 'dracula'] as const) {
    it(`${name}: every token colour reaches 4.5:1 on the code background`, () => {
      const t = withContrast(themes[name]);
      const bg = t.plain.backgroundColor!;
      const low = t.styles.filter((s) => s.style.color && colord(s.style.color).contrast(bg) < 4.5).map((s) => s.types.join(','));
      expect(low).toEqual([]);
      // Only what was too faint changes.
      const before = themes[name].styles.map((s) => s.style.color);
      const after = t.styles.map((s) => s.style.color);
      expect(after.filter((c, i) => c !== before[i] && colord(before[i]!).contrast(bg) >= 4.6)).toEqual([]);
    });
  }
});
