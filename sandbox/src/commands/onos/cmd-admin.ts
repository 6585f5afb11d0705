/**
 * Administration: `wipe-out please`, `cfg`, `shutdown` and Karaf's `feature:list` /
 * `feature:install` (reference/onos.md §2, §4.14). Each needs a verb of the controller that is
 * optional in OnosView; without it the command says it is not supported here.
 * Sources: WipeOutCommand, ComponentConfigCommand (FMT "    name=%s, type=%s, value=%s,
 * defaultValue=%s, description=%s"), Karaf Shutdown (the "Confirm: halt instance" question),
 * Karaf ListFeaturesCommand (a ShellTable with │ separators and a ─┼─ rule).
 */
import type { KarafCommand } from './karaf-action';
import type { Proc } from '../../shell/process';
import { readLine } from '../../shell/process';
import { executionError } from './ansi';
import { appFeature } from './format';

export const wipeOutCommand: KarafCommand = {
  scope: 'onos',
  name: 'wipe-out',
  description: 'Forgets every device, link, host, flow and intent (say please)',
  json: true,
  options: [],
  args: [{ name: 'please', description: 'The word please, to confirm', complete: () => ['please'] }],
  run(ctx, p) {
    if (p.arg('please') !== 'please') {
      ctx.out("I'm afraid I can't do that!\nSay: please\n");
      return 0;
    }
    if (!ctx.view.wipeOut) {
      ctx.out('wipe-out: not supported in this sandbox\n');
      return 1;
    }
    ctx.out('Wiping intents\nWiping Flows\nWiping groups\nWiping meters\nWiping hosts\nWiping devices\nWiping links\n');
    ctx.view.wipeOut();
    return 0;
  },
};

const FWD_COMPONENT = 'org.onosproject.fwd.ReactiveForwarding';

export const cfgCommand: KarafCommand = {
  scope: 'onos',
  name: 'cfg',
  description: 'Shows or changes the configuration properties of a component',
  json: true,
  options: [{ name: '-s', alias: '--short', description: 'Only name=value per property' }],
  args: [
    { name: 'command', description: 'get or set', required: true, complete: () => ['get', 'set'] },
    { name: 'component', description: 'Component name, such as org.onosproject.fwd.ReactiveForwarding', complete: () => [FWD_COMPONENT] },
    {
      name: 'name',
      description: 'Property name',
      complete: (view, earlier) => (view.configProperties?.(earlier[1] ?? '') ?? []).map((c) => c.name),
    },
    { name: 'value', description: 'New value (for set)' },
  ],
  run(ctx, p) {
    const view = ctx.view;
    if (!view.configProperties || !view.setConfigProperty) {
      ctx.out('cfg: component configuration is not supported in this sandbox\n');
      return 1;
    }
    const command = p.arg('command')!;
    const component = p.arg('component');
    const name = p.arg('name');
    const short = p.flag('-s');
    const line = (c: { name: string; type: string; value: string; defaultValue: string; description: string }): string =>
      short ? `    ${c.name}=${c.value}\n` : `    name=${c.name}, type=${c.type}, value=${c.value}, defaultValue=${c.defaultValue}, description=${c.description}\n`;
    if (command === 'get') {
      if (component === undefined) {
        ctx.out('cfg get: listing every component is not supported in this sandbox; name one, e.g. ' + FWD_COMPONENT + '\n');
        return 1;
      }
      const props = view.configProperties(component);
      if (!props) {
        ctx.out(`No such component: ${component}\n`);
        return 0;
      }
      if (name === undefined) {
        ctx.out(component + '\n');
        for (const c of [...props].sort((a, b) => (a.name < b.name ? -1 : 1))) ctx.out(line(c));
        return 0;
      }
      const c = props.find((x) => x.name === name);
      ctx.out(c ? line(c) : `Property ${name} for component ${component} not found\n`);
      return 0;
    }
    if (command === 'set') {
      const value = p.arg('value');
      if (component === undefined || name === undefined || value === undefined) {
        ctx.out(executionError('cfg set needs a component, a property name and a value'));
        return 1;
      }
      const err = view.setConfigProperty(component, name, value);
      if (err) ctx.out(err + '\n');
      return 0;
    }
    ctx.out(`cfg ${command}: not supported in this sandbox (use get or set)\n`);
    return 1;
  },
};

export const shutdownCommand: KarafCommand = {
  scope: 'system',
  name: 'shutdown',
  description: 'Stops the controller',
  options: [
    { name: '-f', alias: '--force', description: 'Do not ask for confirmation' },
    { name: '-r', alias: '--reboot', description: 'Restart instead of stopping' },
  ],
  args: [{ name: 'time', description: 'When to stop (now, +minutes or hh:mm)' }],
  run(ctx, p) {
    const view = ctx.view;
    if (!view.shutdown || p.flag('-r') || (p.arg('time') !== undefined && p.arg('time') !== 'now')) {
      ctx.out('shutdown: not supported in this sandbox from the CLI; use onos-service stop on the lab machine\n');
      return 1;
    }
    const stop = view.shutdown.bind(view);
    if (p.flag('-f') || !ctx.session) {
      stop();
      return 0;
    }
    const session = ctx.session;
    return (function* (): Proc {
      for (;;) {
        ctx.out('Confirm: halt instance root (yes/no): ');
        session.sandbox.net.sched.after(0, () => session.inputRequested());
        const w = yield readLine();
        if (w.reason !== 'input') {
          ctx.out('\n');
          return 1;
        }
        const answer = (w.line ?? '').toLowerCase();
        if (answer === 'yes') {
          stop();
          return 0;
        }
        if (answer === 'no') return 0;
      }
    })();
  },
};

/** Karaf's own features of an ONOS 2.7 install that feature:list shows as started (abridged). */
const KARAF_FEATURES: ReadonlyArray<readonly [string, string, string]> = [
  ['aries-blueprint', '4.2.9', 'Aries Blueprint'],
  ['bundle', '4.2.9', 'Provide Bundle support'],
  ['config', '4.2.9', 'Provide OSGi ConfigAdmin support'],
  ['deployer', '4.2.9', 'Karaf Deployer'],
  ['diagnostic', '4.2.9', 'Provide Diagnostic support'],
  ['feature', '4.2.9', 'Features Support'],
  ['jaas', '4.2.9', 'Provide JAAS support'],
  ['log', '4.2.9', 'Provide Log support'],
  ['management', '4.2.9', 'Provide Management support'],
  ['package', '4.2.9', 'Package commands and mbeans'],
  ['scr', '4.2.9', 'Declarative Service support'],
  ['shell', '4.2.9', 'Karaf Shell'],
  ['ssh', '4.2.9', 'Provide a SSHd server on Karaf'],
  ['system', '4.2.9', 'Provide System support'],
  ['wrap', '2.6.1', 'Wrap URL handler'],
];
const ONOS_FEATURES: ReadonlyArray<readonly [string, string]> = [
  ['onos-api', 'ONOS services and model API'],
  ['onos-cli', 'ONOS admin command console'],
  ['onos-core', 'ONOS core components'],
  ['onos-rest', 'ONOS REST API components'],
  ['onos-thirdparty-base', 'ONOS 3rd party dependencies'],
];

/** ShellTable with headers: columns padded, " │ " between them, a "─┼─" rule, trailing blanks cut. */
export function shellTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join(' │ ').replace(/ +$/, '') + '\n';
  const rule = widths.map((w, i) => (i === 0 ? '─'.repeat(w) : '─┼' + '─'.repeat(w + 1))).join('') + '\n';
  return line(headers) + rule + rows.map(line).join('');
}

export const featureListCommand: KarafCommand = {
  scope: 'feature',
  name: 'list',
  description: 'Lists the Karaf features and whether each is started',
  options: [{ name: '-i', alias: '--installed', description: 'Only the installed features' }],
  args: [],
  run(ctx, p) {
    const view = ctx.view;
    const extra = new Set(view.installedFeatures?.() ?? []);
    const rows: string[][] = [];
    for (const [name, version, description] of KARAF_FEATURES) rows.push([name, version, 'x', 'Started', `standard-4.2.9`, description]);
    for (const [name, description] of ONOS_FEATURES) rows.push([name, view.version, 'x', 'Started', `onos-${view.version}`, description]);
    for (const a of view.apps()) {
      const feature = appFeature(a.name);
      const started = a.active || extra.has(feature);
      rows.push([feature, view.version, a.active ? 'x' : '', started ? 'Started' : 'Uninstalled', `${feature}-${view.version}`, a.title]);
    }
    const shown = rows
      .filter((r) => !p.flag('-i') || r[3] === 'Started')
      .map((r) => (r[5]!.length > 50 ? [...r.slice(0, 5), r[5]!.slice(0, 49)] : r))
      .sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
    ctx.out(shellTable(['Name', 'Version', 'Required', 'State', 'Repository', 'Description'], shown));
    return 0;
  },
};

export const featureInstallCommand: KarafCommand = {
  scope: 'feature',
  name: 'install',
  description: 'Installs and starts Karaf features (for ONOS apps, app activate is the supported way)',
  options: [],
  args: [
    {
      name: 'features',
      description: 'Feature names, such as onos-apps-fwd',
      required: true,
      multi: true,
      complete: (view) => view.apps().map((a) => appFeature(a.name)).sort(),
    },
  ],
  run(ctx, p) {
    const view = ctx.view;
    for (const f of p.args('features')) {
      const known = view.apps().some((a) => appFeature(a.name) === f) || ONOS_FEATURES.some(([n]) => n === f) || KARAF_FEATURES.some(([n]) => n === f);
      if (!known) {
        ctx.out(executionError(`No matching features for ${f}/0.0.0`));
        return 1;
      }
      if (ONOS_FEATURES.some(([n]) => n === f) || KARAF_FEATURES.some(([n]) => n === f)) continue;
      if (!view.installFeature) {
        ctx.out('feature:install: starting app features is not supported in this sandbox; use app activate\n');
        return 1;
      }
      view.installFeature(f);
    }
    return 0;
  },
};
