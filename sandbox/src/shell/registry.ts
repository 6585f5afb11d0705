/**
 * Commands are a table of small handlers. The same table drives `help`, tab completion and
 * the generated command reference page.
 */
import type { ExecContext } from './context';
import type { Proc } from './process';

export type CommandFamily = 'shell' | 'linux' | 'mininet' | 'machine' | 'onos' | 'docker';

export interface CommandSpec {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly family: CommandFamily;
  /** One line: what it does (our words). */
  readonly summary: string;
  /** Synopsis, as a man page would give it. */
  readonly usage: string;
  /** 'lab': only on the lab machine's own shell (mn, onos-service); 'any': in every namespace. */
  readonly where: 'any' | 'lab';
  /** Options the completer offers. */
  readonly options?: readonly string[];
  run(ctx: ExecContext, argv: string[]): Proc;
}

export class CommandRegistry {
  private byName = new Map<string, CommandSpec>();
  private specs: CommandSpec[] = [];

  add(...specs: CommandSpec[]): this {
    for (const s of specs) {
      this.specs.push(s);
      this.byName.set(s.name, s);
      for (const a of s.aliases ?? []) this.byName.set(a, s);
    }
    return this;
  }

  get(name: string): CommandSpec | undefined {
    return this.byName.get(name);
  }

  /** Every command name and alias, sorted. */
  names(): string[] {
    return [...this.byName.keys()].sort();
  }

  all(): readonly CommandSpec[] {
    return this.specs;
  }
}
