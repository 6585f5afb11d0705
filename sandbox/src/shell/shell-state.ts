/**
 * The state of one bash process: the namespace it runs in, its working directory, its
 * variables, its last exit status and its background jobs. Mininet keeps one such shell per
 * node, so `h1 cd /tmp` then `h1 pwd` prints /tmp.
 */
import type { Host } from '../devices/host';
import type { Job } from './process';
import type { CommandSpec } from './registry';

export interface BackgroundJob {
  readonly id: number;
  readonly pid: number;
  readonly command: string;
  readonly job: Job;
}

export class ShellState {
  cwd: string;
  readonly vars = new Map<string, string>();
  lastStatus = 0;
  readonly jobs: BackgroundJob[] = [];
  private nextJobId = 1;
  /** Output of background jobs not shown yet (Mininet shows it with the node's next command). */
  pendingOutput = '';
  /**
   * The programs this shell can run, when not the sandbox's whole registry (a container has only
   * its image's), and the shell's own "not found" line (`sh: ping: not found` in busybox ash).
   */
  commandLookup: ((name: string) => CommandSpec | undefined) | undefined;
  notFoundText: ((name: string) => string) | undefined;

  constructor(
    /** The network namespace commands run in. */
    public node: Host,
    readonly home = '/root',
    readonly user = 'root',
  ) {
    this.cwd = home;
    this.vars.set('HOME', home);
    this.vars.set('USER', user);
    this.vars.set('PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
    this.vars.set('SHELL', '/bin/bash');
  }

  addJob(command: string, job: Job, pid: number): BackgroundJob {
    const bj: BackgroundJob = { id: this.nextJobId++, pid, command, job };
    this.jobs.push(bj);
    return bj;
  }

  /** Forget finished jobs; returns them (bash reports "Done" lines for them). */
  reapJobs(): BackgroundJob[] {
    const doneJobs = this.jobs.filter((j) => j.job.done);
    for (const d of doneJobs) this.jobs.splice(this.jobs.indexOf(d), 1);
    if (this.jobs.length === 0) this.nextJobId = 1;
    return doneJobs;
  }

  /** Resolve %1, %%, %+, %name to a job. */
  findJob(spec: string): BackgroundJob | undefined {
    const live = this.jobs.filter((j) => !j.job.done);
    if (spec === '%%' || spec === '%+' || spec === '%') return live[live.length - 1];
    if (spec === '%-') return live[live.length - 2];
    const m = /^%(\d+)$/.exec(spec);
    if (m) return live.find((j) => j.id === Number(m[1]));
    const name = spec.slice(1);
    return live.find((j) => j.command.startsWith(name));
  }
}

/** bash's job state word (jobs.c print_pipeline): Done, Exit N, or the signal that ended it. */
export function jobStateText(j: { job: { done: boolean; status: number } }): string {
  if (!j.job.done) return 'Running';
  const byStatus: Record<number, string> = { 0: 'Done', 130: 'Interrupt', 137: 'Killed', 143: 'Terminated' };
  return byStatus[j.job.status] ?? `Exit ${j.job.status}`;
}
