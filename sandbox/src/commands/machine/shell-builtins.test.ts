/** jobs and kill as bash prints and handles them (jobs.c print_pipeline, kill builtin). */
import { describe, expect, it } from 'vitest';
import { labSession } from '../../../test/lab-session';

const cli = () => labSession({ mn: 'mn', maxRunUs: 30_000_000 });

describe('kill', () => {
  it('ends a job silently with SIGTERM; jobs shows it Terminated without "&"', () => {
    const { run } = cli();
    run('h1 sleep 30 &');
    // The node shell forgets finished jobs before each command, so look from the same line.
    expect(run('h1 kill %1; jobs')).toBe('[1]+  Terminated              sleep 30\n');
  });

  it('sends Ctrl-C with -INT, so ping prints its statistics', () => {
    const { run } = cli();
    run('h1 ping h2 &');
    const shown = run('h1 kill -INT %1') + run('h1 true');
    expect(shown).toContain('--- 10.0.0.2 ping statistics ---');
  });

  it('reports bad signals and missing jobs as bash does', () => {
    const { run } = cli();
    expect(run('h1 kill -FOO %1')).toBe('bash: kill: FOO: invalid signal specification\n');
    expect(run('h1 kill %3')).toBe('bash: kill: %3: no such job\n');
  });
});
