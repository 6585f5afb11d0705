/**
 * <LabFile path="/root/linuxrouter.py">```python …```</LabFile>: a starter file of the lesson.
 * The page shows it as a code block titled with its path, and every sandbox on the page has it
 * on the lab machine before its first prompt (registered in src/components/Sandbox/labFiles.ts;
 * Reset keeps it). Lesson CI and the headless CLI's --lesson seed it too (sandbox/lessons/extract.ts
 * reads the same tag: one fenced block, a literal absolute path).
 */
import React, { useEffect, type ReactNode } from 'react';
import CodeBlock from '@theme/CodeBlock';
import { LAB_FILE_PATH } from '@site/sandbox/worker/api';
import { textOf } from '@site/src/components/RunnableCommand';
import { registerStarterFile } from '@site/src/components/Sandbox/labFiles';
import styles from './styles.module.css';

export interface LabFileProps {
  /** Where the file goes on the lab machine: an absolute path. */
  readonly path: string;
  /** One fenced code block: the file's content (its language colours the block). */
  readonly children?: ReactNode;
}

/** The language of the fenced block (`language-python` on its code element), if any. */
function languageOf(node: ReactNode): string | undefined {
  if (Array.isArray(node)) {
    for (const n of node) {
      const l = languageOf(n);
      if (l) return l;
    }
    return undefined;
  }
  if (!React.isValidElement<{ className?: unknown; children?: ReactNode }>(node)) return undefined;
  const m = typeof node.props.className === 'string' ? /\blanguage-(\S+)/.exec(node.props.className) : null;
  return m ? m[1] : languageOf(node.props.children);
}

/** The file's content as lesson CI reads it: the block's text, ending with a newline. */
export function fileContent(text: string): string {
  return text === '' || text.endsWith('\n') ? text : text + '\n';
}

export default function LabFile({ path, children }: LabFileProps): ReactNode {
  const content = fileContent(textOf(children));
  const valid = typeof path === 'string' && LAB_FILE_PATH.test(path);
  useEffect(() => {
    if (valid) return registerStarterFile(window.location.pathname, path, content);
    return undefined;
  }, [valid, path, content]);
  if (!valid) {
    return (
      <div className="alert alert--danger" role="alert">
        {'<LabFile>'} needs path="/absolute/path" (not {JSON.stringify(path)}).
      </div>
    );
  }
  return (
    <div className={styles.labFile} data-lab-file={path}>
      <CodeBlock language={languageOf(children) ?? 'text'} title={path}>
        {content.replace(/\n$/, '')}
      </CodeBlock>
    </div>
  );
}
