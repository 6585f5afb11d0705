/**
 * The time controls the network view and the packet inspector share (one NetworkFeed per
 * sandbox): Real time or Simulation (Packet Tracer's two modes), Play/Pause, Step, Slower, Faster,
 * and a status line that says where time stands. Every control is a labelled button.
 */
import React, { useSyncExternalStore, type ReactNode } from 'react';
import clsx from 'clsx';
import { REALTIME_SPEEDS, SIM_PACES_MS, type NetworkFeed } from './feed';
import styles from './styles.module.css';

function speedText(i: number): string {
  return `${REALTIME_SPEEDS[i]!}×`;
}

export default function SimControls({ feed, idPrefix }: { feed: NetworkFeed; idPrefix: string }): ReactNode {
  const st = useSyncExternalStore(feed.subscribe, feed.getState, feed.getState);
  const sim = st.mode === 'simulation';
  const pace = sim ? `${SIM_PACES_MS[st.paceIndex]} ms a hop` : `speed ${speedText(st.speedIndex)}`;
  const slowest = sim ? st.paceIndex === 0 : st.speedIndex === 0;
  const fastest = sim ? st.paceIndex === SIM_PACES_MS.length - 1 : st.speedIndex === REALTIME_SPEEDS.length - 1;
  const statusId = `${idPrefix}-sim-status`;
  return (
    <div className={styles.controls} role="group" aria-label="Time controls" aria-describedby={statusId}>
      <div className={styles.modeSwitch} role="radiogroup" aria-label="Mode">
        <button
          type="button"
          role="radio"
          aria-checked={!sim}
          className={clsx('button button--sm', !sim ? 'button--primary' : 'button--secondary')}
          onClick={() => void feed.setMode('realtime')}
          title="Time runs as on a real network; frames flash by"
        >
          Real time
        </button>
        <button
          type="button"
          role="radio"
          aria-checked={sim}
          className={clsx('button button--sm', sim ? 'button--primary' : 'button--secondary')}
          onClick={() => void feed.setMode('simulation')}
          title="Time stops after every frame a device sends (Packet Tracer's simulation mode)"
        >
          Simulation
        </button>
      </div>
      <button
        type="button"
        className="button button--sm button--secondary"
        onClick={() => void (st.playing ? feed.pause() : feed.play())}
        aria-pressed={!st.playing}
      >
        {st.playing ? 'Pause' : 'Play'}
      </button>
      <button type="button" className="button button--sm button--secondary" onClick={() => void feed.step()} title="Let the network run until a device sends the next frame">
        Step
      </button>
      <button type="button" className="button button--sm button--secondary" onClick={() => feed.slower()} disabled={slowest}>
        Slower
      </button>
      <button type="button" className="button button--sm button--secondary" onClick={() => feed.faster()} disabled={fastest}>
        Faster
      </button>
      <span id={statusId} className={styles.simStatus} role="status">
        {sim ? `Simulation, ${st.playing ? 'playing' : 'paused'}, ${pace}.` : `Real time, ${st.playing ? pace : 'paused'}.`}
        {st.stepNote ? ` ${st.stepNote}` : ''}
      </span>
    </div>
  );
}
