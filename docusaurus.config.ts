/**
 * The Patchbay site (DESIGN.md, "Layout"). Static, offline, no third-party hosts: no analytics,
 * no web fonts, no CDN; search is a local index built with the site.
 * This file imports no sandbox code itself: the worker is bundled by plugins/sandbox-worker.ts, and
 * plugins/lesson-index.ts reads the lessons with sandbox/lessons (build-time, Node only).
 */
import type { Config } from '@docusaurus/types';
import type * as Preset from '@docusaurus/preset-classic';
import { themes as prismThemes } from 'prism-react-renderer';
import { withContrast } from './src/theme/prismContrast';
import sandboxWorker from './plugins/sandbox-worker';
import cssCascadeLayers from './plugins/css-cascade-layers';
import lessonIndex from './plugins/lesson-index';
import monaco from './plugins/monaco';

const config: Config = {
  title: 'Patchbay',
  tagline: 'Data-center and software-defined networking, hands on, in your browser.',
  favicon: 'img/favicon.svg',

  // Any static host serves the site. `url` only feeds absolute URLs (canonical links): set the real
  // host when deploying.
  url: 'http://localhost',
  baseUrl: '/',

  // Docusaurus v4 behaviour now; webpack rather than rspack (Docusaurus Faster) on purpose:
  // the site builds cold in well under a minute on webpack, and the Faster packages would add
  // about 200 MB of native binaries to every install (reference/toolchain.md, gotcha 1).
  future: { v4: true, faster: false },

  onBrokenLinks: 'throw',
  // The banner for a wrong baseUrl links to an external page; the baseUrl here is fixed.
  baseUrlIssueBanner: false,
  onBrokenAnchors: 'throw',
  markdown: {
    hooks: { onBrokenMarkdownLinks: 'throw', onBrokenMarkdownImages: 'throw' },
  },

  i18n: { defaultLocale: 'en', locales: ['en'] },

  presets: [
    [
      'classic',
      {
        docs: {
          sidebarPath: './sidebars.ts',
          // No "edit this page" links: they would point at an external host.
        },
        blog: false,
        theme: { customCss: './src/css/custom.css' },
        // build/sitemap.xml lists every page (e2e/ walks it); its absolute URLs use `url` above.
        // The search plugin's results page is not content: it stays out.
        sitemap: { ignorePatterns: ['/search', '/search/**'] },
      } satisfies Preset.Options,
    ],
  ],

  themes: [
    [
      // Offline search: the index is built into build/ and searched in the browser.
      '@easyops-cn/docusaurus-search-local',
      {
        hashed: true,
        language: ['en'],
        indexDocs: true,
        indexBlog: false,
        indexPages: false,
        docsRouteBasePath: '/docs',
        explicitSearchResultPath: true,
        removeDefaultStopWordFilter: true,
        // Run/Copy buttons and their status lines (src/components/RunnableCommand) are not content.
        ignoreCssSelectors: ['.pb-not-indexed'],
      },
    ],
  ],

  plugins: [sandboxWorker, cssCascadeLayers, lessonIndex, monaco],

  themeConfig: {
    colorMode: {
      defaultMode: 'light',
      disableSwitch: false,
      respectPrefersColorScheme: true,
    },
    navbar: {
      title: 'Patchbay',
      logo: { alt: 'Patchbay logo', src: 'img/logo.svg' },
      items: [
        { type: 'docSidebar', sidebarId: 'course', position: 'left', label: 'Course' },
        { to: '/playground', label: 'Playground', position: 'left' },
        { type: 'doc', docId: 'reference/commands', label: 'Commands', position: 'left' },
        { to: '/progress', label: 'Progress', position: 'right' },
      ],
    },
    footer: {
      style: 'dark',
      links: [
        {
          title: 'Learn',
          items: [
            { label: 'Welcome', to: '/docs/intro' },
            { label: 'Your first network', to: '/docs/mininet/first-network' },
          ],
        },
        {
          title: 'Try',
          items: [
            { label: 'Playground', to: '/playground' },
            { label: 'Command reference', to: '/docs/reference/commands' },
          ],
        },
      ],
      copyright: 'Patchbay: every network on this site runs in your browser. Nothing is sent to a server.',
    },
    prism: {
      // AA contrast for every token (the stock themes fall short; see src/theme/prismContrast.ts).
      theme: withContrast(prismThemes.github),
      darkTheme: withContrast(prismThemes.dracula),
      additionalLanguages: ['bash'],
    },
  } satisfies Preset.ThemeConfig,
};

export default config;
