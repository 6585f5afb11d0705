/**
 * A lesson's steps followed as someone types, the way the site's step panel follows them: each
 * check is evaluated after every command and a step, once passed, stays done. Used by the
 * headless CLI's --lesson.
 */
import type { Sandbox } from '../src/sandbox';
import { parseCheck, type Check } from '../src/lessons/checks';
import { evaluate } from '../src/lessons/evaluate';
import type { LessonSource } from './extract';

export class StepTracker {
  private readonly checks: (Check | undefined)[];
  private readonly done: boolean[];

  constructor(
    readonly lesson: LessonSource,
    private readonly sandbox: Sandbox,
    private readonly session?: number,
  ) {
    this.checks = lesson.steps.map((s) => {
      const r = parseCheck(s.check);
      return r.ok ? r.check : undefined;
    });
    this.done = lesson.steps.map(() => false);
  }

  get doneCount(): number {
    return this.done.filter(Boolean).length;
  }

  /** Evaluate every step not yet done; returns the indexes that are newly done. */
  update(): number[] {
    const newly: number[] = [];
    this.checks.forEach((c, i) => {
      if (this.done[i] || !c) return;
      if (evaluate(c, this.sandbox, this.session === undefined ? {} : { session: this.session }).passed) {
        this.done[i] = true;
        newly.push(i);
      }
    });
    return newly;
  }

  /** "Step 2 of 5 done: List the nodes" */
  describe(i: number): string {
    return `Step ${i + 1} of ${this.lesson.steps.length} done: ${this.lesson.steps[i]!.title}`;
  }
}
