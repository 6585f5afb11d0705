/**
 * The headless CLI: the lab machine's shell on stdin/stdout, with the same engine as the site.
 *
 *   npm run -s sandbox -- [--fast] [--seed N] [--max-run S] [--lesson ID] [--file HOST_PATH[:LAB_PATH]]...
 *
 * With a terminal: line editing, history, Tab completion, Ctrl-C, Ctrl-D; time runs at wall
 * speed. With a pipe: each prompt is printed followed by the input line, as a terminal shows
 * them, and end of input runs the same stop sequence as `exit`. A command still running after
 * --max-run virtual seconds (default 10) is interrupted with its normal Ctrl-C output.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import * as readline from 'node:readline';
import { parseArgs } from 'node:util';
import { Sandbox } from '../src/sandbox';
import type { Session } from '../src/shell/session';
import { resolvePath } from '../src/fs/vfs';
import { placeFile } from '../src/fs/edit-file';
import { nodePythonLoader } from './python-node';
import { Pacer } from '../worker/pacer';
import { findLesson, lessons } from '../lessons/catalogue';
import { StepTracker } from '../lessons/tracker';

const USAGE = `usage: npm run -s sandbox -- [--fast] [--seed N] [--max-run SECONDS] [--lesson ID] [--file HOST_PATH[:LAB_PATH]]...
  --fast        run each command as fast as possible (virtual time does not follow the clock)
  --seed N      seed for the emulator's random choices (MACs, timings); default 1
  --max-run S   interrupt a command still running after S virtual seconds; default 10
  --lesson ID   follow a lesson's steps (mininet/first-network): each is reported on stderr as it passes;
                the lesson's starter files (<LabFile>) are put into the lab first
  --file SPEC   copy a file from the real disk into the lab machine (default destination /root/)
`;

function fail(msg: string): never {
  process.stderr.write(`sandbox: ${msg}\n${USAGE}`);
  process.exit(2);
}

function main(): void {
  let args;
  try {
    args = parseArgs({
      options: {
        fast: { type: 'boolean', default: false },
        seed: { type: 'string' },
        'max-run': { type: 'string' },
        lesson: { type: 'string' },
        file: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
    });
  } catch (e) {
    fail((e as Error).message);
  }
  const o = args.values;
  if (o.help) {
    process.stdout.write(USAGE);
    return;
  }
  const lesson = o.lesson === undefined ? undefined : findLesson(o.lesson);
  if (o.lesson !== undefined && !lesson) {
    fail(`unknown lesson '${o.lesson}'; the lessons are: ${lessons().map((l) => l.id).join(', ')}`);
  }
  const seed = o.seed === undefined ? (lesson?.seed ?? 1) : Number(o.seed);
  if (!Number.isInteger(seed) || seed < 0) fail(`--seed must be a non-negative integer, not '${o.seed}'`);
  const maxRun = o['max-run'] === undefined ? 10 : Number(o['max-run']);
  if (!(maxRun > 0)) fail(`--max-run must be a positive number of seconds, not '${o['max-run']}'`);

  const sandbox = new Sandbox({ seed });
  sandbox.python = nodePythonLoader(seed);
  sandbox.liveTerminals = process.stdout.isTTY === true;
  // A lesson's starter files (<LabFile>) are there before the first prompt, as on its page.
  for (const f of lesson?.files ?? []) {
    const err = placeFile(sandbox.fs, f.path, f.content);
    if (err) fail(`cannot write the lesson's file ${err}`);
  }
  for (const spec of o.file ?? []) {
    const colon = spec.lastIndexOf(':');
    const hostPath = colon > 0 ? spec.slice(0, colon) : spec;
    let content: string;
    try {
      content = readFileSync(hostPath, 'utf8');
    } catch (e) {
      fail(`cannot read ${hostPath}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    let dest = colon > 0 ? spec.slice(colon + 1) : `/root/${basename(hostPath)}`;
    dest = resolvePath(dest, '/root');
    if (sandbox.fs.isDir(dest)) dest = `${dest}/${basename(hostPath)}`;
    const err = placeFile(sandbox.fs, dest, content);
    if (err) fail(`cannot put ${hostPath} into the lab: ${err}`);
  }

  const session = sandbox.openSession();
  session.onOutput((t) => process.stdout.write(t));
  if (lesson) followLesson(new StepTracker(lesson, sandbox, session.id), session);
  const maxRunUs = Math.round(maxRun * 1e6);
  // A lesson whose page starts its sandbox with a command (<Sandbox command>) starts here with it too.
  const start = lesson?.startCommand ? [lesson.startCommand.command] : [];
  if (process.stdin.isTTY) interactive(sandbox, session, o.fast ?? false, o['max-run'] !== undefined ? maxRunUs : undefined, start);
  else piped(sandbox, session, o.fast ?? false, maxRunUs, start);
}

/**
 * --lesson: list the steps on stderr, report each as it passes (after every command, as the
 * site's step panel does), and sum up when the shell exits.
 */
function followLesson(tracker: StepTracker, session: Session): void {
  const steps = tracker.lesson.steps;
  process.stderr.write(`[lesson] ${tracker.lesson.title} (${steps.length} steps)\n`);
  steps.forEach((s, i) => process.stderr.write(`[lesson]   ${i + 1}. ${s.title}\n`));
  session.onReady(() => {
    for (const i of tracker.update()) {
      const all = tracker.doneCount === steps.length ? ' All steps done.' : '';
      process.stderr.write(`[lesson] ${tracker.describe(i)}.${all}\n`);
    }
  });
  process.on('exit', () => process.stderr.write(`[lesson] ${tracker.doneCount} of ${steps.length} steps done\n`));
}

/** Input from a pipe: echo each line after its prompt; EOF behaves as Ctrl-D until the shell exits. */
function piped(sandbox: Sandbox, session: Session, fast: boolean, maxRunUs: number, start: string[]): void {
  const lines: string[] = [...start];
  let ended = false;
  let waiting: (() => void) | undefined;
  const rl = readline.createInterface({ input: process.stdin, terminal: false });
  rl.on('line', (l) => {
    lines.push(l);
    waiting?.();
  });
  rl.on('close', () => {
    ended = true;
    waiting?.();
  });
  const pacer = fast ? undefined : new Pacer(sandbox);
  pacer?.start();

  const runToReady = async (): Promise<void> => {
    if (fast) {
      await sandbox.settleAsync(session, maxRunUs);
      return;
    }
    const startedAt = sandbox.now;
    let interrupted = false;
    while (session.busy && !session.closed) {
      await new Promise((r) => setTimeout(r, 5));
      if (!interrupted && sandbox.now - startedAt > maxRunUs) {
        session.interrupt();
        interrupted = true;
      }
    }
  };

  const loop = async (): Promise<void> => {
    for (;;) {
      if (session.closed) break;
      if (lines.length === 0 && !ended) {
        await new Promise<void>((r) => (waiting = r));
        waiting = undefined;
        continue;
      }
      const prompt = session.prompt ?? '';
      const line = lines.shift();
      if (line === undefined) {
        process.stdout.write(prompt);
        session.eof();
      } else {
        // A program reading with echo off (a password): a terminal shows only the newline.
        const hidden = session.foreground?.wantsInput?.echo === false;
        process.stdout.write(prompt + (hidden ? '' : line) + '\n');
        session.submit(line);
      }
      await runToReady();
    }
    pacer?.stop();
    rl.close();
    process.exit(0);
  };
  void loop();
}

/** A real terminal: readline with history and completion; Ctrl-C and Ctrl-D go to the session. */
function interactive(sandbox: Sandbox, session: Session, fast: boolean, maxRunUs: number | undefined, start: string[]): void {
  const pacer = fast ? undefined : new Pacer(sandbox);
  pacer?.start();
  const history: string[] = [];
  let rl: readline.Interface;
  let startedAt = 0;
  let interrupted = false;

  const quit = (): void => {
    pacer?.stop();
    rl.close();
    process.exit(0);
  };
  const showPrompt = (): void => {
    if (session.closed) return quit();
    const p = session.prompt;
    if (p === undefined) return;
    rl.setPrompt(p);
    rl.prompt();
  };
  session.onReady(() => setImmediate(showPrompt));

  const afterSubmit = (): void => {
    startedAt = sandbox.now;
    interrupted = false;
    pacer?.kick();
    if (fast) void sandbox.settleAsync(session, maxRunUs ?? 3600e6);
    else if (maxRunUs !== undefined) {
      const watch = setInterval(() => {
        if (!session.busy) return clearInterval(watch);
        if (!interrupted && sandbox.now - startedAt > maxRunUs) {
          session.interrupt();
          interrupted = true;
        }
      }, 20);
    }
  };

  // readline closes itself on Ctrl-D; the lab's shells may go on (Ctrl-D in mininet> only
  // leaves Mininet), so a fresh interface is opened while the session lives.
  const open = (): void => {
    rl = readline.createInterface({
      input: process.stdin,
      output: process.stdout,
      terminal: true,
      history,
      historySize: 1000,
      completer: (line: string): [string[], string] => {
        const c = session.complete(line);
        return [c.candidates, line.slice(c.from)];
      },
    });
    rl.on('line', (l) => {
      session.submit(l);
      afterSubmit();
    });
    rl.on('SIGINT', () => {
      if (!session.busy) {
        // At a prompt: forget the half-typed line, as bash does (it stays on screen with ^C).
        const editor = rl as unknown as { line: string; cursor: number };
        editor.line = '';
        editor.cursor = 0;
      }
      session.interrupt();
      if (fast) void sandbox.settleAsync(session);
    });
    rl.on('close', () => {
      if (session.closed) return;
      session.eof();
      afterSubmit();
      if (!session.closed) {
        open();
        showPrompt();
      }
    });
  };
  open();
  if (start.length === 0) showPrompt();
  for (const line of start) {
    process.stdout.write((session.prompt ?? '') + line + '\n');
    session.submit(line);
    afterSubmit();
  }
}

main();
