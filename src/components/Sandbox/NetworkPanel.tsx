/**
 * The Sandbox's Network tab: the live topology view and the packet inspector of this sandbox's
 * network, under one set of time controls (they share the worker's clock). Beside each other on a
 * wide sandbox, one above the other on a narrow one. Loaded when the tab is first opened.
 */
import React, { useId, type ReactNode } from 'react';
import type { NetworkFeed } from '@site/src/components/TopologyView/feed';
import TopologyLive from '@site/src/components/TopologyView/TopologyLive';
import SimControls from '@site/src/components/TopologyView/SimControls';
import PacketInspector from '@site/src/components/PacketInspector';
import styles from './styles.module.css';

export default function NetworkPanel({ feed, visible }: { feed: NetworkFeed; visible: boolean }): ReactNode {
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  return (
    <div className={styles.networkPanel} data-network-panel="">
      <SimControls feed={feed} idPrefix={uid} />
      <div className={styles.networkGrid}>
        <TopologyLive feed={feed} visible={visible} controls={false} height={400} />
        <PacketInspector feed={feed} visible={visible} />
      </div>
    </div>
  );
}
