/**
 * Lesson steps in MDX (registered in src/theme/MDXComponents.tsx, no import needed):
 *
 *   <Step id="ping" title="Ping h2 from h1"
 *         check={{ kind: 'reaches', from: 'h1', to: 'h2' }}
 *         solution={['h1 ping -c 1 h2']}
 *         wrong={[['h2 ping -c 1 h1']]}>
 *     The goal, in prose, with its ```sh run blocks.
 *     <Hint>Start the line with the host that sends.</Hint>
 *   </Step>
 *
 * - check: the lesson check vocabulary (sandbox/src/lessons/checks.ts), evaluated in the worker
 *   after every command; the step ticks itself off when it holds.
 * - solution: the reference commands; `wrong`: plausible attempts that must not pass (both are
 *   data for lesson CI; the panel offers the solution behind a confirmation).
 * - <Hint>: shown in the step panel, one at a time, never in the prose.
 * Put one <StepPanel /> on the page to show the checklist. In a docs page, done steps are saved
 * as the learner's progress under the page's doc id (see ./store.ts).
 */
import React, { useEffect, useId, useSyncExternalStore, type ReactNode } from 'react';
import clsx from 'clsx';
import { useDoc } from '@docusaurus/plugin-content-docs/client';
import { textOf } from '@site/src/components/RunnableCommand';
import { bindLesson, getServerSnapshot, getSnapshot, registerStep, subscribe } from './store';
import styles from './styles.module.css';

export interface StepProps {
  readonly id: string;
  readonly title: string;
  readonly check: unknown;
  readonly solution?: readonly string[];
  readonly wrong?: readonly (readonly string[])[];
  readonly children?: ReactNode;
}

/** A hint for the enclosing <Step>; the step panel shows it on request. */
export function Hint(_props: { children?: ReactNode }): ReactNode {
  return null;
}

/** The doc id of the page (the lesson), or undefined outside a docs page. */
export function useLessonId(): string | undefined {
  try {
    // useDoc reads a context and throws when there is none; it is always called, in the same order.
    return useDoc().metadata.id;
  } catch {
    return undefined;
  }
}

function isHint(node: ReactNode): node is React.ReactElement<{ children?: ReactNode }> {
  return React.isValidElement(node) && node.type === Hint;
}

export default function Step({ id, title, check, solution = [], children }: StepProps): ReactNode {
  const headingId = `step-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const parts = React.Children.toArray(children);
  const hints = parts.filter(isHint).map((h) => textOf(h.props.children).trim());
  const prose = parts.filter((p) => !isHint(p));
  const hintKey = hints.join('\u0000');
  const solutionKey = solution.join('\u0000');
  const checkKey = JSON.stringify(check ?? null);
  const lessonId = useLessonId();

  useEffect(() => (lessonId === undefined ? undefined : bindLesson(lessonId)), [lessonId]);

  useEffect(
    () => registerStep({ id, title, check: JSON.parse(checkKey) as unknown, hints: hintKey ? hintKey.split('\u0000') : [], solution: solutionKey ? solutionKey.split('\u0000') : [] }),
    [id, title, checkKey, hintKey, solutionKey],
  );

  const snap = useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
  const index = snap.steps.findIndex((s) => s.id === id);
  const status = snap.status[id];
  const done = status?.done ?? false;

  return (
    <section className={clsx(styles.step, done && styles.done)} aria-labelledby={headingId} data-step={id}>
      <p id={headingId} className={styles.title}>
        <span className={styles.mark} aria-hidden="true">
          {done ? '✓' : '○'}
        </span>
        <strong>
          {index >= 0 ? `Step ${index + 1}: ` : 'Step: '}
          {title}
        </strong>
        {done && <span className={styles.badge}>Done</span>}
      </p>
      <div className={styles.body}>{prose}</div>
    </section>
  );
}
