/** The browser side of <TopologyView>: the live view of the page's first sandbox (bus.ts pageNetwork). */
import React, { useSyncExternalStore, type ReactNode } from 'react';
import { focusPageSandbox, pageNetwork, subscribePageNetwork } from '@site/src/components/Sandbox/bus';
import TopologyLive from './TopologyLive';
import styles from './styles.module.css';

const none = () => undefined;

export default function TopologyTag({ caption, height }: { caption?: string; height: number }): ReactNode {
  const feed = useSyncExternalStore(subscribePageNetwork, pageNetwork, none);
  return (
    <figure className={styles.tag}>
      {caption && <figcaption className={styles.caption}>{caption}</figcaption>}
      {feed ? (
        <TopologyLive feed={feed} height={height} onTerminalOpened={focusPageSandbox} />
      ) : (
        <div className={styles.empty} style={{ minHeight: Math.min(height, 160) }} role="status">
          The network view follows this page's sandbox, which has not started yet.
        </div>
      )}
    </figure>
  );
}
