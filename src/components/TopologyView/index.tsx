/**
 * <TopologyView />: the live network of the page's sandbox, drawn inside the lesson's prose (the
 * lesson's diagrams come from the running network, not from pictures). It follows the first
 * <Sandbox> on the page: what the learner builds there appears here, frames and all.
 *
 *   <TopologyView caption="The tree you just built" height={320} />
 *
 * Small on purpose: registered for every page (src/theme/MDXComponents.tsx), it loads the drawing
 * (and the layout library) only in the browser, when a page uses it.
 */
import React, { Suspense, lazy, type ReactNode } from 'react';
import BrowserOnly from '@docusaurus/BrowserOnly';
import styles from './styles.module.css';

const TopologyTag = lazy(() => import('./TopologyTag'));

export interface TopologyViewProps {
  /** A sentence above the drawing: what to look at. */
  readonly caption?: string;
  /** Height of the drawing in pixels (default 320). */
  readonly height?: number;
}

export default function TopologyView({ caption, height = 320 }: TopologyViewProps): ReactNode {
  const fallback = (
    <figure className={styles.tag}>
      {caption && <figcaption className={styles.caption}>{caption}</figcaption>}
      <div className={styles.empty} style={{ minHeight: height }} role="status">
        Loading the network view…
      </div>
    </figure>
  );
  return (
    <BrowserOnly fallback={fallback}>
      {() => (
        <Suspense fallback={fallback}>
          <TopologyTag caption={caption} height={height} />
        </Suspense>
      )}
    </BrowserOnly>
  );
}
