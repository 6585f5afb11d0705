#!/usr/bin/env node
// `npm test`: the one test command. Runs every suite in order, keeps going after a failure so
// the report is complete, and ends with one plain line "N passed, N failed" summing them all
// (each static check counts as one test; vitest and Playwright report their own counts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const tmp = join(root, '.cache', 'test-reports');
mkdirSync(tmp, { recursive: true });
const bin = (name) => join(root, 'node_modules', '.bin', name);

let passed = 0;
let failed = 0;
const summary = [];

function run(label, cmd, args, env = {}) {
  const t0 = Date.now();
  process.stdout.write(`\n=== ${label}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  summary.push(`${ok ? 'ok  ' : 'FAIL'} ${label} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  return ok;
}

function check(label, cmd, args) {
  if (run(label, cmd, args)) passed++;
  else failed++;
}

/** A suite whose runner writes a JSON report with per-test counts. */
function suite(label, cmd, args, reportFile, count, env) {
  rmSync(reportFile, { force: true });
  const ok = run(label, cmd, args, env);
  if (existsSync(reportFile)) {
    const c = count(JSON.parse(readFileSync(reportFile, 'utf8')));
    passed += c.passed;
    failed += c.failed;
    if (!ok && c.failed === 0) failed++; // the runner failed outside any test
  } else {
    failed++;
  }
}

check('typecheck (sandbox core, pure)', bin('tsc'), ['-p', 'sandbox/tsconfig.json', '--noEmit']);
check('typecheck (tests, CLI, bench)', bin('tsc'), ['-p', 'sandbox/tsconfig.node.json', '--noEmit']);
check('typecheck (sandbox worker, WebWorker lib)', bin('tsc'), ['-p', 'sandbox/worker/tsconfig.json', '--noEmit']);
if (existsSync(join(root, 'tsconfig.json'))) check('typecheck (site)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
check('lint', bin('eslint'), ['.', '--max-warnings=0']);

const vitestReport = join(tmp, 'vitest.json');
suite('unit, transcript, property and lesson tests (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`],
  vitestReport, (j) => ({ passed: j.numPassedTests ?? 0, failed: (j.numFailedTests ?? 0) + (j.numRuntimeErrorTestSuites ?? 0) }));

if (existsSync(join(root, 'docusaurus.config.ts'))) {
  check('production build', 'npm', ['run', '-s', 'build']);
  if (existsSync(join(root, 'e2e'))) {
    const pwReport = join(tmp, 'playwright.json');
    suite('end-to-end (Playwright, Chromium)', bin('playwright'), ['test'], pwReport, (j) => {
      const s = j.stats ?? {};
      return { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: (s.unexpected ?? 0) };
    }, { PLAYWRIGHT_JSON_OUTPUT_NAME: pwReport });
  }
}

process.stdout.write(`\n=== summary\n${summary.join('\n')}\n\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
