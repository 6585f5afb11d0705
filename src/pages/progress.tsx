/**
 * /progress: the learner's progress through the course, kept in this browser. Every lesson of
 * the lesson index (plugins/lesson-index.ts) with how many of its steps are done and which;
 * Export (a JSON file), Import (merges a file: union of done steps, earliest time wins) and
 * Reset all (behind a confirmation). Status messages go to a live region.
 *
 * Server rendering lists the lessons and their steps; the ticks appear once the page has read
 * this browser's storage.
 */
import React, { useEffect, useId, useRef, useState, type ChangeEvent, type ReactNode } from 'react';
import clsx from 'clsx';
import Link from '@docusaurus/Link';
import { usePluginData } from '@docusaurus/useGlobalData';
import { useAllDocsData } from '@docusaurus/plugin-content-docs/client';
import Heading from '@theme/Heading';
import Layout from '@theme/Layout';
import type { LessonIndex, LessonIndexEntry } from '@site/plugins/lesson-index';
import { ProgressNotice, useProgress } from '@site/src/components/Progress';
import { EXPORT_FILE_NAME, progress, type ProgressLessons, type StepProgress } from '@site/src/components/Progress/store';
import styles from './progress.module.css';

/** Bigger than any real progress file. */
const MAX_IMPORT_BYTES = 1_000_000;

type Message = { readonly text: string; readonly error: boolean };

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Permalinks of the docs, by doc id (the latest version of the default docs plugin). */
function useDocPaths(): ReadonlyMap<string, string> {
  const all = useAllDocsData();
  const versions = all['default']?.versions ?? [];
  const version = versions.find((v) => v.isLast) ?? versions[0];
  return new Map((version?.docs ?? []).map((d) => [d.id, d.path]));
}

function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric' });
}

function LessonProgress({ lesson, path, done, loaded }: { lesson: LessonIndexEntry; path: string | undefined; done: Readonly<Record<string, StepProgress>>; loaded: boolean }): ReactNode {
  const headingId = `lesson-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const count = lesson.steps.filter((s) => s.id in done).length;
  const total = lesson.steps.length;
  const complete = total > 0 && count === total;
  return (
    <li className={clsx(styles.lesson, complete && styles.complete)} data-lesson={lesson.id}>
      <Heading as="h3" id={headingId} className={styles.lessonTitle}>
        {path ? <Link to={path}>{lesson.title}</Link> : lesson.title}
      </Heading>
      <p className={styles.count}>
        {loaded ? (
          <>
            {count} of {plural(total, 'step')} done{complete ? ': lesson complete' : ''}
          </>
        ) : (
          `${plural(total, 'step')}`
        )}
      </p>
      <ul className={styles.steps} aria-label={`Steps of ${lesson.title}`}>
        {lesson.steps.map((s) => {
          const when = done[s.id];
          return (
            <li key={s.id} className={clsx(styles.step, when && styles.stepDone)} data-step-id={s.id}>
              <span className={styles.mark} aria-hidden="true">
                {when ? '✓' : '○'}
              </span>
              <span>{s.title}</span>
              {loaded && (
                <span className={styles.state}>
                  {when ? (
                    <>
                      Done <time dateTime={when.doneAt}>{formatDate(when.doneAt)}</time>
                    </>
                  ) : (
                    'Not done'
                  )}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {path && (
        <p className={styles.open}>
          <Link to={path}>
            {count === 0 ? 'Start' : complete ? 'Review' : 'Continue'}
            <span className="sr-only"> {lesson.title}</span> →
          </Link>
        </p>
      )}
    </li>
  );
}

function download(text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = EXPORT_FILE_NAME;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function countSteps(lessons: ProgressLessons): number {
  return Object.values(lessons).reduce((n, s) => n + Object.keys(s).length, 0);
}

function Tools({ setMessage }: { setMessage: (m: Message) => void }): ReactNode {
  const snap = useProgress();
  const inputId = useId();
  const resetHeadingId = useId();
  const [confirming, setConfirming] = useState(false);
  const resetRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const steps = countSteps(snap.lessons);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      resetRef.current?.focus();
    }
  }, [confirming]);

  const onExport = () => {
    download(progress.exportText());
    const lessons = Object.keys(snap.lessons).length;
    setMessage({
      text: `Exported ${plural(steps, 'done step')} in ${plural(lessons, 'lesson')} to ${EXPORT_FILE_NAME} (in your downloads).`,
      error: false,
    });
  };

  const onImport = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    let text: string;
    try {
      if (file.size > MAX_IMPORT_BYTES) throw new Error('too large');
      text = await file.text();
    } catch {
      setMessage({ text: `Could not import ${file.name}: it is too large or could not be read. Nothing was changed.`, error: true });
      input.value = '';
      return;
    }
    input.value = '';
    const r = progress.importText(text);
    if (!r.ok) {
      setMessage({ text: `Could not import ${file.name}. ${r.message}`, error: true });
      return;
    }
    const from = `${plural(r.steps, 'done step')} in ${plural(r.lessons, 'lesson')}`;
    if (r.added === 0 && r.earlier === 0) {
      setMessage({ text: `Imported ${file.name} (${from}): nothing new, all of it was already done here.`, error: false });
      return;
    }
    const parts = [`${plural(r.added, 'step')} newly done`];
    if (r.earlier > 0) parts.push(`${plural(r.earlier, 'step')} with an earlier date`);
    setMessage({ text: `Imported ${file.name} (${from}): ${parts.join(', ')}.`, error: false });
  };

  const closeConfirm = () => {
    returnFocus.current = true;
    setConfirming(false);
  };

  const onReset = () => {
    progress.clearAll();
    closeConfirm();
    setMessage({ text: 'All your progress was reset: every lesson starts fresh.', error: false });
  };

  return (
    <>
      <section className={styles.tool} aria-labelledby="move-progress">
        <Heading as="h2" id="move-progress">
          Save or move your progress
        </Heading>
        <p>
          Your progress stays in this browser and is never sent anywhere. To keep a copy, or to carry on in another browser,
          export it to a file and import that file there. Importing adds to the progress you have: a step done in either
          counts as done.
        </p>
        <div className={styles.row}>
          <button type="button" className="button button--primary" onClick={onExport} disabled={!snap.loaded}>
            Export progress
          </button>
        </div>
        <div className={styles.row}>
          <label htmlFor={inputId} className={styles.label}>
            Import progress from a file
          </label>
          <input id={inputId} type="file" accept=".json,application/json" onChange={(e) => void onImport(e)} disabled={!snap.loaded} />
        </div>
      </section>
      <section className={styles.tool} aria-labelledby={resetHeadingId}>
        <Heading as="h2" id={resetHeadingId}>
          Start again
        </Heading>
        {!confirming && (
          <button ref={resetRef} type="button" className="button button--secondary" onClick={() => setConfirming(true)} disabled={!snap.loaded}>
            Reset all progress
          </button>
        )}
        {confirming && (
          <div role="group" aria-labelledby={`${resetHeadingId}-q`} className={styles.confirm}>
            <p id={`${resetHeadingId}-q`}>
              Reset all progress? Every step of every lesson is cleared in this browser. This cannot be undone, unless you
              export your progress first.
            </p>
            <div className={styles.row}>
              <button ref={confirmRef} type="button" className="button button--danger" onClick={onReset}>
                Yes, reset all progress
              </button>
              <button type="button" className="button button--secondary" onClick={closeConfirm}>
                Cancel
              </button>
            </div>
          </div>
        )}
      </section>
    </>
  );
}

export default function ProgressPage(): ReactNode {
  const index = usePluginData('patchbay-lesson-index') as LessonIndex | undefined;
  const lessons = index?.lessons ?? [];
  const paths = useDocPaths();
  const snap = useProgress();
  const [message, setMessage] = useState<Message>({ text: '', error: false });

  const complete = lessons.filter((l) => l.steps.length > 0 && l.steps.every((s) => s.id in (snap.lessons[l.id] ?? {}))).length;
  const known = new Set(lessons.map((l) => l.id));
  const others = Object.keys(snap.lessons).filter((id) => !known.has(id)).length;

  return (
    <Layout title="Your progress" description="Which lessons and steps you have done, kept in this browser; export, import or reset it.">
      <main className={clsx('container', styles.page)}>
        <Heading as="h1">Your progress</Heading>
        <ProgressNotice />
        <p className={styles.summary}>
          {snap.loaded
            ? `${complete} of ${plural(lessons.length, 'lesson')} complete.`
            : 'Your progress is kept in this browser; it shows here once the page has loaded.'}
        </p>
        <p role="status" aria-live="polite" className={clsx(styles.message, message.error && styles.error)}>
          {message.text}
        </p>

        <section aria-labelledby="lessons">
          <Heading as="h2" id="lessons">
            Lessons
          </Heading>
          {lessons.length === 0 ? (
            <p>There are no lessons with steps yet.</p>
          ) : (
            <ol className={styles.lessons}>
              {lessons.map((l) => (
                <LessonProgress key={l.id} lesson={l} path={paths.get(l.id)} done={snap.lessons[l.id] ?? {}} loaded={snap.loaded} />
              ))}
            </ol>
          )}
          {others > 0 && (
            <p className={styles.others}>
              This browser also keeps progress for {plural(others, 'lesson')} no longer in the course. It is kept, and
              included when you export.
            </p>
          )}
        </section>

        <Tools setMessage={setMessage} />
      </main>
    </Layout>
  );
}
