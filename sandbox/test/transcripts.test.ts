/**
 * Golden transcripts: every file under test/transcripts/ is replayed on a fresh seeded sandbox
 * and must come out byte for byte. A golden is written by the emulator (UPDATE=1 npm run
 * test:unit) and accepted only after it has been checked line by line against the reference
 * docs in ../shared/reference/. To start a new one, write the header and the input lines
 * (each after its prompt) and run with UPDATE=1.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headerOf, parseTranscript, replay } from './harness';

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
    it(relative(ROOT, file), () => {
      const text = readFileSync(file, 'utf8');
      const t = parseTranscript(text);
      const { output } = replay(t.inputs, { seed: t.seed, maxRun: t.maxRun });
      if (process.env['UPDATE'] === '1' && output !== t.expected) {
        writeFileSync(file, headerOf(text) + output);
        return;
      }
      expect(output).toBe(t.expected);
    });
  }
});
