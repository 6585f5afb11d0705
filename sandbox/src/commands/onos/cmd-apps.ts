/**
 * `apps` and `app` (reference/onos.md §4.1, §4.2; cli/.../app/ApplicationsListCommand.java,
 * ApplicationCommand.java). Name resolution (exact, else a unique suffix, else "Did you mean
 * one of" / "No such application") is the controller's (OnosView.resolveApp); the lines are ONOS's.
 */
import type { OnosAppInfo } from '../../onos/model';
import type { KarafCommand } from './karaf-action';
import { appLong, appShort, sortApps } from './format';
import { appJson, compact } from './json';

export const appsCommand: KarafCommand = {
  scope: 'onos',
  name: 'apps',
  description: 'Lists the applications ONOS knows, with their ids, versions and whether they are active',
  json: true,
  options: [
    { name: '-s', alias: '--short', description: 'One short line per application' },
    { name: '-a', alias: '--active', description: 'Only the active applications' },
    { name: '-n', alias: '--name', description: 'Sort by name instead of by id' },
    { name: '-r', alias: '--regapps', description: 'Only the applications that have registered with the core (active ones)' },
  ],
  args: [],
  run(ctx, p) {
    let apps = sortApps(ctx.view.apps(), p.flag('-n'));
    if (p.flag('-a') || p.flag('-r')) apps = apps.filter((a) => a.active);
    if (p.flag('-j')) {
      ctx.out(compact(apps.map(appJson)) + '\n');
      return 0;
    }
    for (const a of apps) ctx.out((p.flag('-s') ? appShort(a) : appLong(a)) + '\n');
    return 0;
  },
};

const APP_COMMANDS = ['install', 'activate', 'deactivate', 'uninstall', 'download'];

/** ApplicationNameCompleter: activate offers inactive apps, deactivate active ones, others all. */
function appNames(apps: readonly OnosAppInfo[], command: string | undefined): string[] {
  return apps
    .filter((a) => (command === 'activate' ? !a.active : command === 'deactivate' ? a.active : true))
    .map((a) => a.name)
    .sort();
}

export const appCommand: KarafCommand = {
  scope: 'onos',
  name: 'app',
  description: 'Activates, deactivates, installs or uninstalls applications',
  json: true,
  options: [],
  args: [
    {
      name: 'command',
      description: 'What to do: install, activate, deactivate, uninstall or download',
      required: true,
      complete: () => APP_COMMANDS,
    },
    {
      name: 'names',
      description: 'Application names (a unique ending such as fwd is enough) or, to install, URLs',
      required: true,
      multi: true,
      complete: (view, earlier) => appNames(view.apps(), earlier[0]),
    },
  ],
  run(ctx, p) {
    const command = p.arg('command')!;
    const names = p.args('names');
    if (command === 'install' || command === 'download') {
      ctx.out(`app ${command}: application archives are not supported in this sandbox; every bundled app is already installed\n`);
      return 1;
    }
    for (const name of names) {
      const r = ctx.view.resolveApp(name);
      if (!r.ok) {
        ctx.out(r.message + '\n');
        return 0;
      }
      const full = r.names[0]!;
      if (command === 'activate' || command === 'deactivate') {
        const done = command === 'activate' ? ctx.view.activate(full) : ctx.view.deactivate(full);
        if (!done.ok) {
          ctx.out(done.message + '\n');
          return 0;
        }
        ctx.out(`${command === 'activate' ? 'Activated' : 'Deactivated'} ${full}\n`);
      } else if (command === 'uninstall') {
        ctx.out('app uninstall: not supported in this sandbox; use app deactivate (bundled apps stay installed)\n');
        return 1;
      } else {
        ctx.out(`Unsupported command: ${command}\n`);
        return 0;
      }
    }
    return 0;
  },
};
