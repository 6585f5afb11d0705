/**
 * Lesson order. One category per course module; modules not written yet are listed on the
 * landing page as "coming soon" text, never as links (onBrokenLinks: 'throw').
 */
import type { SidebarsConfig } from '@docusaurus/plugin-content-docs';

const sidebars: SidebarsConfig = {
  course: [
    'intro',
    {
      type: 'category',
      label: 'Mininet basics',
      collapsed: false,
      items: ['mininet/first-network'],
    },
    {
      type: 'category',
      label: 'Reference',
      collapsed: false,
      items: ['reference/commands'],
    },
  ],
};

export default sidebars;
