/**
 * The learner's progress for React: useProgress() reads the page's progress store (store.ts),
 * following changes made in other tabs; <ProgressNotice /> says when saved progress could not
 * be read and was set aside (the lesson's step panel and the Progress page show it).
 */
import React, { useEffect, useSyncExternalStore, type ReactNode } from 'react';
import clsx from 'clsx';
import { progress, PROGRESS_KEY, type ProgressSnapshot } from './store';
import styles from './styles.module.css';

export function useProgress(): ProgressSnapshot {
  const snap = useSyncExternalStore(progress.subscribe, progress.getSnapshot, progress.getServerSnapshot);
  useEffect(() => {
    const onStorage = (e: StorageEvent): void => {
      if (e.key === PROGRESS_KEY || e.key === null) progress.reload();
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);
  return snap;
}

/** The notice's text (also used by tests and the Progress page). */
export function noticeText(notice: NonNullable<ProgressSnapshot['notice']>): string {
  const why = `Your saved progress could not be read: ${notice.reason}.`;
  return notice.setAsideKey !== undefined
    ? `${why} It was set aside in this browser's storage as "${notice.setAsideKey}", and you start fresh.`
    : `${why} It was left where it is, untouched, and you start fresh: progress you make now lasts until you leave the page.`;
}

export function ProgressNotice({ className }: { className?: string }): ReactNode {
  const snap = useProgress();
  if (!snap.notice) return null;
  return (
    <div className={clsx('alert alert--warning', styles.notice, className)} role="alert" data-progress-notice="">
      <p>{noticeText(snap.notice)}</p>
      <button type="button" className="button button--sm button--secondary" onClick={() => progress.dismissNotice()}>
        Dismiss<span className="sr-only"> this notice</span>
      </button>
    </div>
  );
}
