/**
 * The landing page: a live sandbox above the fold, then the course outline in lesson order.
 * Modules not written yet are plain "coming soon" text, never links (onBrokenLinks: 'throw').
 */
import React, { type ReactNode } from 'react';
import Link from '@docusaurus/Link';
import Layout from '@theme/Layout';
import Heading from '@theme/Heading';
import Sandbox from '@site/src/components/Sandbox';
import Run from '@site/src/components/RunnableCommand';
import styles from './index.module.css';

interface Lesson {
  readonly title: string;
  readonly to?: string;
  readonly blurb: string;
}

interface Module {
  readonly title: string;
  readonly lessons: readonly Lesson[];
}

/** The course in order. Lessons with `to` exist; the rest are coming soon. */
const COURSE: readonly Module[] = [
  {
    title: 'Getting started',
    lessons: [{ title: 'Welcome', to: '/docs/intro', blurb: 'What Patchbay is, and how to drive its terminal from the keyboard.' }],
  },
  {
    title: 'Mininet basics',
    lessons: [
      {
        title: 'Your first network with Mininet',
        to: '/docs/mininet/first-network',
        blurb: 'One switch, two hosts: look around, ping, break a link and watch what changes.',
      },
      {
        title: 'Topologies and links',
        to: '/docs/mininet/topologies-and-links',
        blurb: 'Linear and tree networks, a cut in the middle of a chain, bandwidth and delay on links, iperf.',
      },
      {
        title: 'A Linux router in Mininet',
        to: '/docs/mininet/linux-router',
        blurb: 'A Python topology script, IP forwarding, routes on every host, and a web page across the router.',
      },
    ],
  },
  {
    title: 'Software-defined networking with ONOS',
    lessons: [
      {
        title: 'Mininet meets ONOS',
        to: '/docs/onos/mininet-meets-onos',
        blurb: 'Point Mininet at a remote controller, watch it discover the network, and find where the first ping’s extra milliseconds go.',
      },
    ],
  },
  {
    title: 'Containers with Docker',
    lessons: [
      {
        title: 'Private networks in Docker',
        to: '/docs/docker/private-networks',
        blurb: 'A user-defined bridge with a subnet you choose, fixed addresses and names between containers.',
      },
      {
        title: 'A web app behind a reverse proxy',
        to: '/docs/docker/reverse-proxy',
        blurb: 'nginx in front of a Node.js app and MySQL, and the 502 you get until the backend is up.',
      },
    ],
  },
  {
    title: 'Data-center fabrics',
    lessons: [
      {
        title: 'Three-tier vs leaf-spine',
        to: '/docs/datacenter/three-tier-vs-leaf-spine',
        blurb: 'Build both designs, count hops, measure bandwidth, count equal-cost paths and stop a spine.',
      },
    ],
  },
];

function Outline(): ReactNode {
  let n = 0;
  return (
    <section className={styles.outline} aria-labelledby="course-outline">
      <Heading as="h2" id="course-outline">
        The course
      </Heading>
      <ol className={styles.modules}>
        {COURSE.map((m) => (
          <li key={m.title} className={styles.module}>
            <Heading as="h3" className={styles.moduleTitle}>
              {m.title}
            </Heading>
            <ul className={styles.lessons}>
              {m.lessons.map((l) => {
                n++;
                return (
                  <li key={l.title} className={styles.lesson}>
                    <span className={styles.lessonNumber} aria-hidden="true">
                      {n}
                    </span>
                    <div>
                      {l.to ? (
                        <Link to={l.to} className={styles.lessonTitle}>
                          {l.title}
                        </Link>
                      ) : (
                        <span className={styles.lessonTitle}>
                          {l.title} <span className={styles.soon}>coming soon</span>
                        </span>
                      )}
                      <p className={styles.blurb}>{l.blurb}</p>
                    </div>
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}

export default function Home(): ReactNode {
  return (
    <Layout
      title="Networking labs in your browser"
      description="An interactive course in data-center and software-defined networking, with a network emulator that runs in your browser."
    >
      <main>
        <section className={styles.hero} aria-labelledby="hero-title">
          <div className={styles.intro}>
            <Heading as="h1" id="hero-title" className={styles.title}>
              Patchbay
            </Heading>
            <p className={styles.tagline}>
              Build networks and break them, right here. Every terminal on this site talks to a network emulator running in your
              browser: no install, no account, nothing sent to a server.
            </p>
            <p className={styles.try}>
              Try it: <Run>mn</Run> builds a network; <Run>pingall</Run> and <Run>h1 ping -c 3 h2</Run> send traffic
              across it, and <Run>exit</Run> takes it down again.
            </p>
            <div className={styles.actions}>
              <Link className="button button--primary button--lg" to="/docs/intro">
                Start the course
              </Link>
              <Link className="button button--secondary button--lg" to="/playground">
                Open the playground
              </Link>
            </div>
          </div>
          <div className={styles.terminal}>
            <Sandbox height={360} />
          </div>
        </section>
        <Outline />
      </main>
    </Layout>
  );
}
