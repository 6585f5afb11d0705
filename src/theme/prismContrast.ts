/**
 * Code highlighting that meets WCAG AA contrast (4.5:1): prism-react-renderer's themes (github,
 * dracula) have token colours below it, which axe reports on every page with code. Each token
 * colour is moved towards black on a light background (white on a dark one) just until it
 * reaches the ratio; colours that already do are kept. Used by docusaurus.config.ts at build time.
 * colord does the colour maths (WCAG relative luminance in its a11y plugin).
 */
import { colord, extend } from 'colord';
import a11yPlugin from 'colord/plugins/a11y';
import type { PrismTheme } from 'prism-react-renderer';

extend([a11yPlugin]);

const AA = 4.5;

function readable(color: string, background: string, min: number): string {
  let c = colord(color);
  const bg = colord(background);
  if (!c.isValid() || !bg.isValid() || c.contrast(bg) >= min) return color;
  const dark = bg.isDark();
  for (let i = 0; i < 100 && c.contrast(bg) < min; i++) c = dark ? c.lighten(0.01) : c.darken(0.01);
  return c.toHex();
}

/** The theme with every token colour readable on its background. */
export function withContrast(theme: PrismTheme, min = AA + 0.1): PrismTheme {
  const bg = theme.plain.backgroundColor ?? '#ffffff';
  return {
    plain: { ...theme.plain, ...(theme.plain.color ? { color: readable(theme.plain.color, bg, min) } : {}) },
    styles: theme.styles.map((s) => ({ ...s, style: { ...s.style, ...(s.style.color ? { color: readable(s.style.color, bg, min) } : {}) } })),
  };
}
