/**
 * <Sandbox>: the one way a page embeds the emulator — a terminal (or several, as tabs) on a
 * network that runs in the learner's browser.
 *
 *   <Sandbox command="mn --topo single,3" height={360} tabs />
 *
 * Client-only: the worker, xterm and everything that touches `window` load lazily inside
 * <BrowserOnly>, so server rendering sees only the placeholder, which keeps the same height.
 */
import React, { Suspense, lazy, useEffect, useId, type ReactNode } from 'react';
import BrowserOnly from '@docusaurus/BrowserOnly';
import useBaseUrl from '@docusaurus/useBaseUrl';
import { discardWorker, prespawn } from './prespawn';
import type { SandboxProps } from './types';
import styles from './styles.module.css';

export type { SandboxProps } from './types';

const SandboxClient = lazy(() => import('./SandboxClient'));

function heightOf(height: SandboxProps['height']): string {
  if (height === undefined) return '420px';
  return typeof height === 'number' ? `${height}px` : height;
}

/** What shows until the terminal is ready: the same box, so the page does not jump. */
function Placeholder({ height }: { height: string }): ReactNode {
  return (
    <div className={styles.sandbox}>
      <div className={styles.toolbar}>
        <span className={styles.title}>Terminal</span>
      </div>
      <div className={`${styles.area} ${styles.placeholder}`} style={{ height }} role="status" aria-live="polite">
        Starting the sandbox…
      </div>
      <p className={styles.hint}>&nbsp;</p>
    </div>
  );
}

/** Starts the worker as soon as the page is interactive, while the terminal's code still loads. */
function Prespawn({ spawnKey, url }: { spawnKey: string; url: string }): null {
  useEffect(() => {
    prespawn(spawnKey, url);
    return () => discardWorker(spawnKey);
  }, [spawnKey, url]);
  return null;
}

export default function Sandbox(props: SandboxProps): ReactNode {
  const fallback = <Placeholder height={heightOf(props.height)} />;
  const spawnKey = useId();
  const workerUrl = useBaseUrl('/sandbox-worker/worker.js');
  return (
    <BrowserOnly fallback={fallback}>
      {() => (
        <>
          <Prespawn spawnKey={spawnKey} url={workerUrl} />
          <Suspense fallback={fallback}>
            <SandboxClient {...props} prespawnKey={spawnKey} />
          </Suspense>
        </>
      )}
    </BrowserOnly>
  );
}
