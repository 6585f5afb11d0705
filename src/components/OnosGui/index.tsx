/**
 * The ONOS GUI panel: the counterpart of ONOS's web GUI at http://127.0.0.1:8181/onos/ui on the
 * lab machine, in a tab beside the terminals. A login page first, then views like ONOS's own
 * menu: Topology, Devices, Links, Hosts, Flows (of one device) and Applications (with Activate and
 * Deactivate). It reads the controller through an OnosFeed (feed.ts), so it stays in step with
 * the CLI. Loaded with React.lazy only when its tab is first opened.
 */
import React, { useEffect, useId, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { OnosFeed, OnosStatus } from './feed';
import Login from './Login';
import Topology from './Topology';
import { AppsView, DevicesTable, FlowsView, HostsTable, LinksTable } from './Tables';
import styles from './styles.module.css';

export interface OnosGuiPanelProps {
  readonly feed: OnosFeed;
  /** The tab is shown: poll once a second (the feed polls only after commands otherwise). */
  readonly visible: boolean;
}

const VIEWS = ['Topology', 'Devices', 'Links', 'Hosts', 'Flows', 'Applications'] as const;
type View = (typeof VIEWS)[number];

const GUI_APP = 'org.onosproject.gui2';

/** What the browser would get at :8181 when ONOS is not up, in plain words. */
export function unreachableMessage(status: OnosStatus): string {
  switch (status) {
    case 'starting':
      return 'ONOS is starting: its web GUI answers once it is up (a few seconds). onos-service status tells you when.';
    case 'stopping':
      return 'ONOS is stopping: its web GUI no longer answers.';
    default:
      return 'ONOS is not running: start it with sudo service onos start';
  }
}

export default function OnosGuiPanel({ feed, visible }: OnosGuiPanelProps): ReactNode {
  const id = useId();
  const state = useSyncExternalStore(feed.subscribe, feed.getState, feed.getState);
  const [user, setUser] = useState<string | undefined>(undefined);
  const [view, setView] = useState<View>('Topology');
  const [flowDevice, setFlowDevice] = useState<string | undefined>(undefined);
  const [pending, setPending] = useState<string | undefined>(undefined);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>(undefined);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusHeading = useRef(false);

  // Poll while on screen, and not while the browser tab is in the background.
  useEffect(() => {
    const update = () => feed.setVisible(visible && document.visibilityState !== 'hidden');
    update();
    document.addEventListener('visibilitychange', update);
    return () => {
      document.removeEventListener('visibilitychange', update);
      feed.setVisible(false);
    };
  }, [feed, visible]);

  const snap = state.snapshot;
  const running = state.status === 'running';
  /** The latest snapshot is of a running ONOS (a moment behind the status after a restart). */
  const current = running && snap?.status === 'running' ? snap : undefined;
  const guiApp = current?.apps.find((a) => a.name === GUI_APP);
  const down = !running || (guiApp !== undefined && !guiApp.active);

  // ONOS stopped, or its GUI app went away: the web session is over, as with the real server.
  useEffect(() => {
    if (down) {
      setUser(undefined);
      setPending(undefined);
      setMessage(undefined);
    }
  }, [down]);

  // After a login or a change of view, the keyboard goes to the view's heading.
  useEffect(() => {
    if (focusHeading.current && headingRef.current) {
      focusHeading.current = false;
      headingRef.current.focus();
    }
  }, [view, user]);

  const go = (v: View) => {
    focusHeading.current = v !== view;
    setView(v);
  };

  const setApp = async (name: string, active: boolean) => {
    setPending(name);
    setMessage(undefined);
    try {
      const r = await feed.setApp(name, active);
      setMessage({ ok: r.ok, text: r.message });
    } finally {
      setPending(undefined);
    }
  };

  let body: ReactNode;
  if (!running) {
    body = (
      <div className={styles.unreachable} role="status">
        <p className={styles.address}>http://127.0.0.1:8181/onos/ui</p>
        <p>{unreachableMessage(state.status)}</p>
      </div>
    );
  } else if (!current) {
    body = <p className={styles.empty}>Connecting to ONOS…</p>;
  } else if (down) {
    body = (
      <div className={styles.unreachable} role="status">
        <p className={styles.address}>http://127.0.0.1:8181/onos/ui</p>
        <p>
          Nothing is served here: ONOS runs, but its GUI application <code>{GUI_APP}</code> is not active. Activate it again from the ONOS CLI:{' '}
          <code>app activate {GUI_APP}</code>
        </p>
      </div>
    );
  } else if (!user) {
    body = (
      <Login
        version={current.version}
        onLogin={(u) => {
          setUser(u);
          setView('Topology');
          focusHeading.current = true;
        }}
      />
    );
  } else {
    body = (
      <div className={styles.gui}>
        <div className={styles.header}>
          <span className={styles.brand}>
            ONOS <span className={styles.muted}>{current.version}</span>
          </span>
          <span className={styles.summary}>
            {current.devices.length} devices · {current.links.length} links · {current.hosts.length} hosts · {current.flows.length} flows
          </span>
          <span className={styles.user}>
            Logged in as <strong>{user}</strong>
          </span>
          <button type="button" className="button button--sm button--secondary" onClick={() => setUser(undefined)}>
            Log out
          </button>
        </div>
        <nav aria-label="ONOS GUI views" className={styles.nav}>
          <ul>
            {VIEWS.map((v) => (
              <li key={v}>
                <button type="button" className={styles.navItem} aria-current={v === view ? 'page' : undefined} onClick={() => go(v)}>
                  {v}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <section className={styles.view} aria-labelledby={`${id}-view`}>
          <h2 id={`${id}-view`} ref={headingRef} tabIndex={-1} className={styles.viewTitle}>
            {view}
          </h2>
          {view === 'Topology' && <Topology snap={current} />}
          {view === 'Devices' && (
            <DevicesTable
              snap={current}
              onFlows={(d) => {
                setFlowDevice(d);
                go('Flows');
              }}
            />
          )}
          {view === 'Links' && <LinksTable snap={current} />}
          {view === 'Hosts' && <HostsTable snap={current} />}
          {view === 'Flows' && <FlowsView snap={current} deviceId={flowDevice} onDevice={setFlowDevice} />}
          {view === 'Applications' && <AppsView snap={current} pending={pending} message={message} onSet={(n, a) => void setApp(n, a)} />}
        </section>
      </div>
    );
  }

  return (
    <div className={styles.panel} data-onos-gui="">
      {body}
    </div>
  );
}
