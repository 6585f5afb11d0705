/**
 * Keeps our own CSS above the theme's. `future.v4` puts Infima and the theme in CSS cascade
 * layers, and plain (unlayered) CSS such as src/css/custom.css and every CSS module should win
 * over them. But with no browserslist, the default targets include a few browsers without
 * @layer (Opera Mini, KaiOS 2.5, UC Browser), so postcss-preset-env "polyfills" layers file by
 * file, by adding `:not(#\#)` specificity to the layered rules only: Infima's
 * `:root:not(#\#):not(#\#)` then beats our `:root`, and the site's colours were ignored.
 * This turns that one polyfill off. Browsers without @layer cannot run the sandbox's module
 * worker anyway. (A `browserslist` of modern browsers in package.json would do the same.)
 */
import type { Plugin } from '@docusaurus/types';

type PostCssPluginEntry = unknown;

function isPresetEnv(p: PostCssPluginEntry): p is [string, Record<string, unknown>] {
  return Array.isArray(p) && typeof p[0] === 'string' && p[0].includes('postcss-preset-env');
}

export default function cssCascadeLayers(): Plugin {
  return {
    name: 'patchbay-css-cascade-layers',
    configurePostCss(options) {
      const plugins = options.plugins as PostCssPluginEntry[];
      const presetEnv = plugins.find(isPresetEnv);
      if (!presetEnv) throw new Error('patchbay-css-cascade-layers: postcss-preset-env not found in the PostCSS plugins');
      const opts = (presetEnv[1] ??= {});
      opts.features = { ...(opts.features as Record<string, unknown> | undefined), 'cascade-layers': false };
      return options;
    },
  };
}
