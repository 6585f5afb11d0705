/**
 * <StepPanel next="/docs/..." nextLabel="..." />: the checklist of the page's <Step>s, ticking
 * live as the worker evaluates their checks after every command. Each change is announced in a
 * polite live region ("Step 2 done: ..."); hints are revealed one at a time; the reference
 * solution sits behind a confirmation and then offers each command with a Run button; when every
 * step is done, a link to the next lesson appears.
 *
 * Progress: steps done on an earlier visit (saved in this browser, src/components/Progress) show
 * as done, silently (only steps done now are announced), and the panel says how many there are.
 * "Start over", behind a confirmation, gives a fresh sandbox and clears this lesson's ticks and
 * saved progress. A notice appears here when the saved progress could not be read.
 *
 * Reads src/components/Steps/store.ts; server rendering shows the empty state (steps register
 * on mount), so the page stays the same without JavaScript apart from this panel.
 */
import React, { useCallback, useEffect, useId, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import clsx from 'clsx';
import Link from '@docusaurus/Link';
import { ProgressNotice } from '@site/src/components/Progress';
import { RunnableCommand } from '@site/src/components/RunnableCommand';
import { mountedSandboxes, resetSandbox } from '@site/src/components/Sandbox/bus';
import { getServerSnapshot, getSnapshot, startOver, subscribe, type StepDef, type StepStatus } from '@site/src/components/Steps/store';
import styles from './styles.module.css';

export interface StepPanelProps {
  /** The next lesson's URL, shown when every step is done. */
  readonly next?: string;
  readonly nextLabel?: string;
}

function StepHelp({ step, number }: { step: StepDef; number: number }): ReactNode {
  const [hintsShown, setHintsShown] = useState(0);
  const [solution, setSolution] = useState<'hidden' | 'confirm' | 'shown'>('hidden');
  const confirmRef = useRef<HTMLButtonElement>(null);
  const solutionRef = useRef<HTMLParagraphElement>(null);
  const listId = useId();

  useEffect(() => {
    if (solution === 'confirm') confirmRef.current?.focus();
    if (solution === 'shown') solutionRef.current?.focus();
  }, [solution]);

  return (
    <div className={styles.help}>
      {hintsShown > 0 && (
        <ol className={styles.hints} id={listId} aria-label={`Hints for step ${number}`}>
          {step.hints.slice(0, hintsShown).map((h, i) => (
            <li key={i}>{h}</li>
          ))}
        </ol>
      )}
      <div className={styles.buttons}>
        {hintsShown < step.hints.length && (
          <button type="button" className="button button--sm button--secondary" onClick={() => setHintsShown((n) => n + 1)}>
            {hintsShown === 0 ? 'Show a hint' : 'Show another hint'}
            <span className="sr-only"> for step {number} ({hintsShown + 1} of {step.hints.length})</span>
          </button>
        )}
        {step.solution.length > 0 && solution === 'hidden' && (
          <button type="button" className="button button--sm button--secondary" onClick={() => setSolution('confirm')}>
            Show solution<span className="sr-only"> for step {number}</span>
          </button>
        )}
      </div>
      {solution === 'confirm' && (
        <div className={styles.confirm} role="group" aria-label={`Show the solution for step ${number}?`}>
          <p>Show the solution? Trying it yourself, with the hints, is how it sticks.</p>
          <div className={styles.buttons}>
            <button ref={confirmRef} type="button" className="button button--sm button--primary" onClick={() => setSolution('shown')}>
              Yes, show the solution
            </button>
            <button type="button" className="button button--sm button--secondary" onClick={() => setSolution('hidden')}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {solution === 'shown' && (
        <div className={styles.solution}>
          <p ref={solutionRef} tabIndex={-1} className={styles.solutionTitle}>
            Solution for step {number}:
          </p>
          {step.solution.map((c, i) => (
            <RunnableCommand key={i} command={c} />
          ))}
        </div>
      )}
    </div>
  );
}

function statusText(s: StepStatus | undefined): string {
  if (s?.error !== undefined) return 'Check is invalid';
  return s?.done ? 'Done' : 'Not done yet';
}

/** "Start over": a fresh sandbox and no ticks, behind a confirmation. */
function StartOver({ announce, saved }: { announce: (text: string) => void; saved: boolean }): ReactNode {
  const [confirming, setConfirming] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  /** Where the keyboard goes when the confirmation closes: back to the button that opened it. */
  const returnFocus = useRef(false);
  const groupId = useId();

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      buttonRef.current?.focus();
    }
  }, [confirming]);

  const close = () => {
    returnFocus.current = true;
    setConfirming(false);
  };

  const confirm = () => {
    const reset = resetSandbox();
    // With one sandbox on the page, the one reset is the one evaluating the steps.
    startOver(reset && mountedSandboxes() === 1);
    close();
    announce(reset ? 'Started over: every step is cleared and the sandbox is fresh.' : 'Started over: every step is cleared.');
  };

  return (
    <div className={styles.startOver}>
      {!confirming && (
        <button ref={buttonRef} type="button" className="button button--sm button--secondary" onClick={() => setConfirming(true)}>
          Start over<span className="sr-only"> this lesson</span>
        </button>
      )}
      {confirming && (
        <div className={styles.confirm} role="group" aria-labelledby={groupId}>
          <p id={groupId}>
            Start the lesson over? The sandbox goes back to its starting state and every step is cleared
            {saved ? ', here and in the progress saved in this browser' : ''}.
          </p>
          <div className={styles.buttons}>
            <button ref={confirmRef} type="button" className="button button--sm button--danger" onClick={confirm}>
              Yes, start over
            </button>
            <button type="button" className="button button--sm button--secondary" onClick={close}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

export default function StepPanel({ next, nextLabel = 'Next lesson' }: StepPanelProps): ReactNode {
  const snap = useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
  const headingId = useId();
  const [announcement, setAnnouncement] = useState('');
  const previous = useRef<Record<string, boolean>>({});
  const announceTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const doneCount = snap.steps.filter((s) => snap.status[s.id]?.done).length;
  const restoredCount = snap.steps.filter((s) => snap.status[s.id]?.done && snap.status[s.id]?.restored).length;
  const total = snap.steps.length;
  const allDone = total > 0 && doneCount === total;

  /** Say something in the live region (cleared first, so the same words are said again). */
  const announce = useCallback((text: string) => {
    clearTimeout(announceTimer.current);
    setAnnouncement('');
    announceTimer.current = setTimeout(() => setAnnouncement(text), 100);
  }, []);
  useEffect(() => () => clearTimeout(announceTimer.current), []);

  // Announce steps that became done since the last render: not the ones restored from saved
  // progress, and nothing when steps are cleared (Start over says so itself).
  useEffect(() => {
    const newly: string[] = [];
    const now: Record<string, boolean> = {};
    snap.steps.forEach((s, i) => {
      const st = snap.status[s.id];
      const done = st?.done ?? false;
      now[s.id] = done;
      if (done && !st?.restored && !previous.current[s.id]) newly.push(`Step ${i + 1} done: ${s.title}.`);
    });
    previous.current = now;
    if (newly.length === 0) return;
    const all = snap.steps.length > 0 && snap.steps.every((s) => now[s.id]);
    announce(newly.join(' ') + (all ? ' All steps done.' : ''));
  }, [snap, announce]);

  return (
    <section className={styles.panel} aria-labelledby={headingId} data-step-panel="">
      <ProgressNotice className={styles.notice} />
      <div className={styles.header}>
        <p id={headingId} className={styles.heading}>
          Steps
        </p>
        <span className={styles.progress}>{total === 0 ? 'Loading steps…' : `${doneCount} of ${total} done`}</span>
      </div>
      {restoredCount > 0 && (
        <p className={styles.saved}>
          {restoredCount === 1 ? '1 step was' : `${restoredCount} steps were`} done on an earlier visit (saved in this browser).
        </p>
      )}
      {total > 0 && (
        <ol className={styles.list}>
          {snap.steps.map((s, i) => {
            const st = snap.status[s.id];
            const done = st?.done ?? false;
            return (
              <li key={s.id} className={clsx(styles.item, done && styles.done)} data-step-id={s.id}>
                <span className={styles.line}>
                  <span className={styles.mark} aria-hidden="true">
                    {done ? '✓' : '○'}
                  </span>
                  <span>{s.title}</span>
                  <span className={done ? styles.doneText : 'sr-only'}>{statusText(st)}</span>
                </span>
                {st?.error !== undefined && <pre className={styles.error}>{st.error}</pre>}
                {!done && (s.hints.length > 0 || s.solution.length > 0) && <StepHelp step={s} number={i + 1} />}
              </li>
            );
          })}
        </ol>
      )}
      {allDone && (
        <p className={styles.finished}>
          Every step is done.{' '}
          {next && (
            <Link to={next} className="button button--sm button--primary">
              {nextLabel} →
            </Link>
          )}
        </p>
      )}
      {total > 0 && <StartOver announce={announce} saved={snap.lesson !== undefined} />}
      <div className="sr-only" aria-live="polite" role="status">
        {announcement}
      </div>
    </section>
  );
}
