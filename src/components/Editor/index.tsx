/**
 * <Editor>: the editor panel beside the sandbox's terminals (nano, vi and code open files in it;
 * its Save writes them into the lab). Monaco is large, so it loads only when a panel is shown:
 * EditorImpl (which imports Monaco) is a lazy chunk inside <BrowserOnly>, never part of a page's
 * first load nor of Docusaurus' route prefetch (plugins/monaco.ts keeps Monaco out of the shared
 * chunks; e2e/editor.spec.ts checks that a page without an open editor fetches none of it).
 */
import React, { Suspense, lazy, type ReactNode } from 'react';
import BrowserOnly from '@docusaurus/BrowserOnly';
import type { EditorPanelProps } from './types';
import styles from './styles.module.css';

export type { EditorPanelProps } from './types';

const EditorImpl = lazy(() => import(/* webpackChunkName: "monaco-editor" */ './EditorImpl'));

function Loading(): ReactNode {
  return (
    <div className={styles.panel}>
      <p className={styles.loading} role="status">
        Loading the editor…
      </p>
    </div>
  );
}

export default function Editor(props: EditorPanelProps): ReactNode {
  return (
    <BrowserOnly fallback={<Loading />}>
      {() => (
        <Suspense fallback={<Loading />}>
          <EditorImpl {...props} />
        </Suspense>
      )}
    </BrowserOnly>
  );
}
