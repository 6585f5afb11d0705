/**
 * Which applications are active, and the dependency cascade (reference/onos.md §5.2, after
 * DistributedApplicationStore): activating an app first activates the apps it requires;
 * required apps are reference-counted by the apps that need them; deactivating an app first
 * deactivates the apps that require it, then each app it required that nothing else (and not
 * the user directly) still needs. Name resolution is the `app` command's (§4.2).
 *
 * The user's own activations survive a restart of ONOS (the application store is persistent);
 * `restore()` replays them.
 */
import type { AppCommandResult } from './model';
import type { OnosAppDef } from './apps';
import { APP_CATALOGUE, appDef } from './apps';

export type AppListener = (name: string, active: boolean) => void;

export class AppStates {
  private readonly active = new Set<string>();
  /** Apps the user (or onos-service) activated by name. */
  private readonly byUser = new Set<string>();
  /** How many times each app went from active to inactive while ONOS ran (a lesson check's "toggled"). */
  private readonly deactivations = new Map<string, number>();
  /** For each required app, the active apps that require it. */
  private readonly requiredBy = new Map<string, Set<string>>();

  constructor(
    private readonly onChange: AppListener,
    private readonly catalogue: readonly OnosAppDef[] = APP_CATALOGUE,
  ) {}

  isActive(name: string): boolean {
    return this.active.has(name);
  }

  /** Times the app was deactivated (by the user or by the cascade), since the sandbox started. */
  deactivationsOf(name: string): number {
    return this.deactivations.get(name) ?? 0;
  }

  activeNames(): string[] {
    return [...this.active];
  }

  /** Exact name, else a unique suffix match on `.<name>` (§4.2). */
  resolve(name: string): AppCommandResult {
    if (appDef(name)) return { ok: true, names: [name] };
    const matches = this.catalogue.filter((a) => a.name.endsWith('.' + name)).map((a) => a.name);
    if (matches.length === 1) return { ok: true, names: matches };
    if (matches.length > 1) return { ok: false, message: `Did you mean one of: [${matches.join(', ')}]` };
    return { ok: false, message: `No such application: ${name}` };
  }

  /** Activate by the user's request; returns the apps that changed, in order. */
  activate(name: string): string[] {
    const changed: string[] = [];
    this.byUser.add(name);
    this.activateInner(name, changed);
    return changed;
  }

  /** Deactivate by the user's request; returns the apps that changed, in order. */
  deactivate(name: string): string[] {
    const changed: string[] = [];
    this.deactivateUser(name, changed);
    return changed;
  }

  /** Forget everything active (ONOS stopped); the user's choices are kept for restore(). */
  clear(): void {
    this.active.clear();
    this.requiredBy.clear();
  }

  /** Forget the user's activations too (a clean start). */
  forget(): void {
    this.clear();
    this.byUser.clear();
  }

  /** The apps the user activated before the last stop, to activate again at start. */
  remembered(): string[] {
    return [...this.byUser];
  }

  private activateInner(name: string, changed: string[]): void {
    const def = appDef(name);
    if (!def) return;
    for (const r of def.requires) {
      let s = this.requiredBy.get(r);
      if (!s) this.requiredBy.set(r, (s = new Set()));
      s.add(name);
      this.activateInner(r, changed);
    }
    if (this.active.has(name)) return;
    this.active.add(name);
    changed.push(name);
    this.onChange(name, true);
  }

  private deactivateUser(name: string, changed: string[]): void {
    this.byUser.delete(name);
    for (const a of [...this.active]) {
      if (this.active.has(a) && appDef(a)?.requires.includes(name)) this.deactivateUser(a, changed);
    }
    this.release(name, name, changed);
  }

  /** `forApp` no longer needs `name`: deactivate it if nothing (and nobody) else does. */
  private release(name: string, forApp: string, changed: string[]): void {
    this.requiredBy.get(name)?.delete(forApp);
    if ((this.requiredBy.get(name)?.size ?? 0) > 0 || this.byUser.has(name) || !this.active.has(name)) return;
    this.active.delete(name);
    this.deactivations.set(name, (this.deactivations.get(name) ?? 0) + 1);
    changed.push(name);
    this.onChange(name, false);
    for (const r of appDef(name)?.requires ?? []) if (this.active.has(r)) this.release(r, name, changed);
  }
}
