/**
 * Golden transcripts: every file under test/transcripts/ is replayed on a fresh seeded sandbox
 * and must come out byte for byte. A golden is written by the emulator (UPDATE=1 npm run
 * test:unit) and accepted only after it has been checked line by line against the reference
 * docs in ../shared/reference/. To start a new one, write the header and the input lines
 * (each after its prompt) and run with UPDATE=1. A `# fixture: NAME` header starts the session
 * inside a prepared network (test/fixtures/index.ts) instead of at the lab machine's prompt;
 * `# file: NAME` puts NAME (beside the transcript) in /root first, as the CLI's --file does.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headerOf, parseTranscript, replayAsync } from './harness';
import { nodePythonLoader } from '../cli/python-node';
import { FIXTURES } from './fixtures';
import type { Sandbox } from '../src/sandbox';

const ROOT = join(__dirname, 'transcripts');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.txt') ? [p] : [];
  });
}

describe('golden transcripts', () => {
  const files = walk(ROOT);
  it('exist', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const file of files) {
    it(relative(ROOT, file), async () => {
      const text = readFileSync(file, 'utf8');
      const t = parseTranscript(text);
      const start = t.fixture === undefined ? undefined : FIXTURES[t.fixture];
      if (t.fixture !== undefined && !start) throw new Error(`unknown fixture ${t.fixture} (see test/fixtures/index.ts)`);
      const setup = (sb: Sandbox): void => {
        sb.python = nodePythonLoader(t.seed);
        for (const f of t.files) sb.fs.writeFile(`/root/${f}`, readFileSync(join(dirname(file), f), 'utf8'));
      };
      const { output } = await replayAsync(t.inputs, { seed: t.seed, maxRun: t.maxRun, start, setup });
      if (process.env['UPDATE'] === '1' && output !== t.expected) {
        writeFileSync(file, headerOf(text) + output);
        return;
      }
      expect(output).toBe(t.expected);
    });
  }
});
