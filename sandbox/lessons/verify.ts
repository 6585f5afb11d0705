/**
 * Lesson CI: prove a lesson (extract.ts) can be solved and cannot be faked, on the same engine
 * the page runs, in fast mode. For a lesson with steps 1..n:
 *
 * 1. every check validates against the vocabulary (sandbox/src/lessons/checks.ts);
 * Every fresh sandbox first gets the page's <LabFile>s and runs its <Sandbox command>, as the page does.
 * 2. on one fresh sandbox, the solutions run in order: step k's check must not pass before its
 *    own solution (it would tick for free) and must pass after its solution's last command;
 * 3. each wrong attempt of step k runs on a fresh sandbox after the solutions of steps 1..k-1,
 *    and step k's check must not pass after any of its commands (the panel latches a pass);
 * 4. the page's click-to-run commands run in page order on a fresh sandbox: each must be
 *    understood by the emulator (no unknown command, bad option or "not supported"), and by the
 *    end every step must have passed at least once, in page order (a step that ticks before an
 *    earlier one has a check that is too loose), so the prose walks the learner through what the
 *    checks check.
 *
 * Every problem names the file, line and column, and says what to fix.
 */
import { Sandbox } from '../src/sandbox';
import { nodePythonLoader } from '../cli/python-node';
import type { Session } from '../src/shell/session';
import { parseCheck, type Check } from '../src/lessons/checks';
import { evaluate } from '../src/lessons/evaluate';
import { placeFile } from '../src/fs/edit-file';
import type { LessonCommand, LessonFile, LessonProblem, LessonSource, LessonStep, SourcePos } from './extract';

export interface VerifyOptions {
  /** Interrupt a command still running after this many virtual microseconds (default 60 s: a pingall over a broken link takes a while). */
  readonly maxRunUs?: number;
  /** Commands every fresh sandbox runs after the start command (the state a documented example assumes). */
  readonly setup?: readonly string[];
}

export interface VerifyReport {
  readonly lesson: LessonSource;
  readonly problems: LessonProblem[];
  readonly steps: number;
  readonly solutionsPassed: number;
  readonly wrongAttemptsFailed: number;
  readonly wrongAttempts: number;
  readonly commandsRun: number;
}

/** Output that means the emulator did not understand a line (bash, Mininet's CLI, getopt, our own refusals). */
const NOT_UNDERSTOOD: readonly [RegExp, string][] = [
  [/^(?:bash: )?[^\n:]+: command not found$/m, 'is not a command the sandbox knows'],
  [/^\*\*\* Unknown command: /m, 'is not a Mininet CLI command'],
  [/not supported in this sandbox/, 'uses something the sandbox does not support'],
  [/syntax error near unexpected token/, 'is not valid shell syntax'],
  [/: (?:invalid|unrecognized) option\b/, 'has an option the command does not accept'],
  [/: option requires an argument\b/, 'is missing an option argument'],
];

/** Virtual time between one command's end and the next line typed. */
export const THINK_TIME_US = 1_000_000;

/** One fresh sandbox with the learner's terminal, run in fast mode. */
class LessonRun {
  readonly sb: Sandbox;
  readonly session: Session;
  private output = '';

  constructor(seed: number, private readonly maxRunUs: number, files: readonly LessonFile[] = []) {
    this.sb = new Sandbox({ seed });
    this.sb.python = nodePythonLoader(seed);
    // The page seeds its <LabFile>s before the first prompt, and has an editor panel: nano, vi and
    // code open files there (and, unsaved, leave them as they are).
    for (const f of files) placeFile(this.sb.fs, f.path, f.content);
    this.sb.onEditorRequest(() => {});
    this.session = this.sb.openSession();
    this.session.onOutput((t) => (this.output += t));
  }

  /**
   * Type a line at whatever prompt the session shows, a learner's moment after the previous one
   * finished (THINK_TIME_US: nobody types within a millisecond, and timers such as ARP retries
   * run meanwhile); returns its output and how it ended.
   */
  async run(line: string): Promise<{ output: string; ended: 'ready' | 'interrupted' | 'budget' | 'closed' }> {
    this.output = '';
    if (this.session.closed) return { output: '', ended: 'closed' };
    this.sb.idle(THINK_TIME_US);
    this.output = '';
    this.session.submit(line);
    const ended = await this.sb.settleAsync(this.session, this.maxRunUs);
    return { output: this.output, ended };
  }

  /** End the run: its processes stop, and a Python program it left waiting unwinds first. */
  async close(): Promise<void> {
    this.sb.dispose();
    await this.sb.python?.ready?.idle();
  }

  passes(check: Check): { passed: boolean; detail?: string } {
    return evaluate(check, this.sb, { session: this.session.id });
  }
}

function quote(cmds: readonly string[]): string {
  return cmds.map((c) => `\`${c}\``).join(', ');
}

export async function verifyLesson(lesson: LessonSource, opts: VerifyOptions = {}): Promise<VerifyReport> {
  const maxRunUs = opts.maxRunUs ?? 60_000_000;
  const problems: LessonProblem[] = [...lesson.problems];
  const at = (pos: SourcePos, message: string, step?: string): void => {
    problems.push(step === undefined ? { file: lesson.file, ...pos, message } : { file: lesson.file, ...pos, step, message });
  };
  const fresh = async (): Promise<LessonRun> => {
    const run = new LessonRun(lesson.seed, maxRunUs, lesson.files);
    if (lesson.startCommand) await run.run(lesson.startCommand.command);
    for (const c of opts.setup ?? []) await run.run(c);
    return run;
  };

  // 1. checks validate
  const checks = new Map<LessonStep, Check>();
  for (const s of lesson.steps) {
    if (s.check === undefined) continue;
    const r = parseCheck(s.check);
    if (r.ok) checks.set(s, r.check);
    else {
      for (const line of r.error.split('\n')) at(s.attrPos.check ?? s.pos, `the check is not valid: ${line} (see docs/authoring/checks)`, s.id);
    }
  }
  const runnable = lesson.steps.every((s) => checks.has(s) && s.solution.length > 0);

  let solutionsPassed = 0;
  let wrongAttempts = 0;
  let wrongAttemptsFailed = 0;
  let commandsRun = 0;

  /** Run commands, reporting ones the emulator cannot finish; false when the run cannot go on. */
  const runAll = async (run: LessonRun, cmds: readonly string[], pos: SourcePos, what: string, step: string | undefined, after?: (i: number) => boolean): Promise<boolean> => {
    for (let i = 0; i < cmds.length; i++) {
      const r = await run.run(cmds[i]!);
      commandsRun++;
      if (r.ended === 'closed') {
        at(pos, `${what}: \`${cmds[i]}\` was typed after the terminal closed (an earlier \`exit\`?)`, step);
        return false;
      }
      if (r.ended === 'budget') {
        at(pos, `${what}: \`${cmds[i]}\` ran away (the sandbox stopped it after its event budget)`, step);
        return false;
      }
      for (const [re, why] of NOT_UNDERSTOOD) {
        if (re.test(r.output)) {
          at(pos, `${what}: \`${cmds[i]}\` ${why}: ${firstMatchingLine(r.output, re)}`, step);
          break;
        }
      }
      if (after && !after(i)) return false;
    }
    return true;
  };

  // 2. solutions in order
  if (runnable && lesson.steps.length > 0) {
    const run = await fresh();
    for (const s of lesson.steps) {
      const check = checks.get(s)!;
      const before = run.passes(check);
      if (before.passed) {
        at(s.pos, `the check already passes before the step's solution runs (after the earlier steps' solutions), so the step would tick itself off for free; make the check test what this step asks${before.detail ? ` (it passed with: ${before.detail})` : ''}`, s.id);
      }
      if (!(await runAll(run, s.solution, s.attrPos.solution ?? s.pos, 'the solution', s.id))) break;
      const after = run.passes(check);
      if (after.passed) solutionsPassed++;
      else {
        at(s.attrPos.solution ?? s.pos, `the solution ${quote(s.solution)} does not pass the check: ${after.detail ?? 'it fails'}; fix the solution or the check`, s.id);
      }
    }
    await run.close();
  }

  // 3. wrong attempts, each after the earlier steps' solutions
  if (runnable) {
    for (const [k, s] of lesson.steps.entries()) {
      const check = checks.get(s)!;
      for (const attempt of s.wrong) {
        wrongAttempts++;
        const run = await fresh();
        for (const earlier of lesson.steps.slice(0, k)) {
          for (const c of earlier.solution) await run.run(c);
        }
        let passedAt = -1;
        const ok = await runAll(run, attempt, s.attrPos.wrong ?? s.pos, 'a wrong attempt', s.id, (i) => {
          if (run.passes(check).passed) {
            passedAt = i;
            return false;
          }
          return true;
        });
        await run.close();
        if (passedAt >= 0) {
          at(s.attrPos.wrong ?? s.pos, `the wrong attempt ${quote(attempt)} passes the check (after \`${attempt[passedAt]}\`); make the check stricter, or remove the attempt if it is in fact right`, s.id);
        } else if (ok) wrongAttemptsFailed++;
      }
    }
  }

  // 4. the prose's click-to-run commands, in page order (after the start command, checked too)
  if (lesson.commands.length > 0 || lesson.startCommand) {
    const run = new LessonRun(lesson.seed, maxRunUs, lesson.files);
    if (lesson.startCommand) await runAll(run, [lesson.startCommand.command], lesson.startCommand.pos, "the <Sandbox command>", undefined);
    const passedOnce = new Set<LessonStep>();
    const note = (c: LessonCommand): void => {
      for (const [s, check] of checks) {
        if (passedOnce.has(s) || !run.passes(check).passed) continue;
        passedOnce.add(s);
        const k = lesson.steps.indexOf(s);
        const pending = lesson.steps.slice(0, k).filter((e) => checks.has(e) && !passedOnce.has(e));
        if (pending.length > 0) {
          at(s.pos, `during the page's commands this step ticks at \`${c.command}\` (line ${c.pos.line}), before step "${pending[0]!.id}" that comes earlier; its check passes too early — tighten it (for a link brought back up, linkState's flapped: true)`, s.id);
        }
      }
    };
    if (lesson.startCommand) note(lesson.startCommand);
    for (const c of lesson.commands) {
      if (!(await runOne(run, c))) break;
      note(c);
    }
    if (runnable) {
      for (const s of lesson.steps) {
        if (!passedOnce.has(s)) {
          at(s.pos, `running the page's click-to-run commands in order never passes this step's check: ${run.passes(checks.get(s)!).detail ?? 'it fails'}; the prose should show the commands the step asks for`, s.id);
        }
      }
    }
    await run.close();
  }

  function runOne(run: LessonRun, c: LessonCommand): Promise<boolean> {
    const where = c.source === 'fence' ? 'run block' : '<Run>';
    return runAll(run, [c.command], c.pos, `the page's command (${where})`, undefined);
  }

  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { lesson, problems, steps: lesson.steps.length, solutionsPassed, wrongAttempts, wrongAttemptsFailed, commandsRun };
}

function firstMatchingLine(text: string, re: RegExp): string {
  const line = text.split('\n').find((l) => re.test(l));
  return (line ?? text.split('\n')[0] ?? '').trim();
}

/** `file:line:col: step "id": message`, the shape editors and terminals link. */
export function formatProblem(p: LessonProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.step !== undefined ? `step "${p.step}": ` : ''}${p.message}`;
}
