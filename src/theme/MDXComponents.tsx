/**
 * The lesson tags every MDX page can use without importing them (DESIGN.md, "Layout"):
 * - <Run>cmd</Run>: an inline click-to-run command;
 * - ```sh run fences: a block of click-to-run commands (any language; `run` in the meta string);
 * - <Step id title check solution wrong>goal <Hint>…</Hint></Step>: a lesson step that ticks itself
 *   off (src/components/Steps), and <StepPanel next="…" />: the page's checklist;
 * - <LabFile path="/root/x.py">```python …```</LabFile>: a starter file, shown as a titled code
 *   block and put into the page's sandboxes (src/components/LabFile);
 * - <TopologyView caption="..." />: the live network of the page's first sandbox, drawn in the prose
 *   (src/components/TopologyView; its drawing code loads only on pages that use it).
 * Everything else is the theme's default.
 */
import React, { type ComponentProps, type ReactNode } from 'react';
import MDXComponents from '@theme-original/MDXComponents';
import type { MDXComponentsObject } from '@theme/MDXComponents';
import Run, { RunnableBlock, textOf } from '@site/src/components/RunnableCommand';
import Step, { Hint } from '@site/src/components/Steps';
import StepPanel from '@site/src/components/StepPanel';
import LabFile from '@site/src/components/LabFile';
import TopologyView from '@site/src/components/TopologyView';

type CodeProps = ComponentProps<'code'> & { metastring?: string; title?: string };

/** A fenced block whose meta string has the word `run` (```sh run, ```sh run title="..."). */
function isRunFence(props: CodeProps): boolean {
  // Words inside quoted attributes (title="... docker run ...") are not the flag.
  return typeof props.metastring === 'string' && /(^|\s)run(\s|$)/.test(props.metastring.replace(/\w+="[^"]*"/g, ''));
}

function titleOf(meta: string): string | undefined {
  return /title=(["'])(.*?)\1/.exec(meta)?.[2];
}

function Code(props: CodeProps): ReactNode {
  if (isRunFence(props)) return <RunnableBlock code={textOf(props.children)} title={titleOf(props.metastring ?? '')} />;
  const Original = (MDXComponents as MDXComponentsObject).code;
  return <Original {...props} />;
}

export default {
  ...MDXComponents,
  code: Code,
  Run,
  Step,
  Hint,
  StepPanel,
  LabFile,
  TopologyView,
};
