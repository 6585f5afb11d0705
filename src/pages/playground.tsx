/**
 * The playground: one full-height sandbox in free mode (no lesson), with several terminals, and a
 * chooser that starts a fresh sandbox running one of a few `mn` topologies.
 */
import React, { useId, useState, type FormEvent, type ReactNode } from 'react';
import Layout from '@theme/Layout';
import Heading from '@theme/Heading';
import Sandbox from '@site/src/components/Sandbox';
import styles from './playground.module.css';

interface Topology {
  readonly command: string;
  readonly label: string;
}

/** The chooser's entries: Mininet commands, run on the lab machine in a fresh sandbox. */
const TOPOLOGIES: readonly Topology[] = [
  { command: '', label: 'No network: the lab machine’s shell' },
  { command: 'mn', label: 'Minimal: one switch, two hosts (mn)' },
  { command: 'mn --topo single,3', label: 'One switch, three hosts (single,3)' },
  { command: 'mn --topo linear,4', label: 'Four switches in a line, a host on each (linear,4)' },
  { command: 'mn --topo tree,depth=2,fanout=2', label: 'A tree of three switches and four hosts (tree,depth=2,fanout=2)' },
  { command: 'mn --link tc,bw=10,delay=10ms', label: 'Minimal, with 10 Mbit/s links and 10 ms delay (--link tc)' },
  { command: 'mn --topo threetier,cores=2,aggs=4,access=8,hosts=2', label: 'Three-tier data center: core, aggregation, access (threetier)' },
  { command: 'mn --topo leafspine,spines=4,leaves=8,hosts=2', label: 'Leaf-spine fabric: four spines, eight leaves (leafspine)' },
  { command: 'mn --topo fattree,k=4', label: 'Fat tree, k=4: 20 switches, 16 hosts (fattree,k=4)' },
];

export default function Playground(): ReactNode {
  const selectId = useId();
  const hintId = useId();
  const [choice, setChoice] = useState(TOPOLOGIES[1].command);
  // Starting a topology mounts a new sandbox: a new key, so a fresh emulator, running `command`.
  const [running, setRunning] = useState<{ command: string; generation: number }>({ command: '', generation: 0 });

  const start = (e: FormEvent) => {
    e.preventDefault();
    setRunning((r) => ({ command: choice, generation: r.generation + 1 }));
  };

  return (
    <Layout title="Playground" description="A network sandbox in your browser: any Mininet topology, any command, several terminals." noFooter>
      <main className={styles.page}>
        <div className={styles.toolbar}>
          <Heading as="h1" className={styles.title}>
            Playground
          </Heading>
          <form className={styles.form} onSubmit={start}>
            <label htmlFor={selectId}>Topology</label>
            <select id={selectId} value={choice} onChange={(e) => setChoice(e.target.value)} aria-describedby={hintId}>
              {TOPOLOGIES.map((t) => (
                <option key={t.command} value={t.command}>
                  {t.label}
                </option>
              ))}
            </select>
            <button type="submit" className="button button--primary button--sm">
              Start
            </button>
            <span id={hintId} className={styles.hint}>
              Start replaces the current sandbox with a fresh one.
            </span>
          </form>
        </div>
        <div className={styles.sandbox}>
          <Sandbox
            key={running.generation}
            command={running.command || undefined}
            tabs
            height="calc(100vh - var(--ifm-navbar-height) - var(--pb-chrome-height))"
          />
        </div>
      </main>
    </Layout>
  );
}
