import { describe, expect, it } from 'vitest';
import { AppStates } from './app-state';
import { APP_CATALOGUE, appDef, appIdOf, CORE_APP_IDS } from './apps';

const P = 'org.onosproject.';
const OPENFLOW_FAMILY = ['hostprovider', 'lldpprovider', 'optical-model', 'openflow-base', 'openflow'].map((n) => P + n);

function states(): { apps: AppStates; events: string[] } {
  const events: string[] = [];
  const apps = new AppStates((name, active) => events.push(`${active ? '+' : '-'}${name.slice(P.length)}`));
  return { apps, events };
}

describe('the app catalogue (Appendix A)', () => {
  it('has the 169 apps of ONOS 2.7 with unique fixed ids', () => {
    expect(APP_CATALOGUE).toHaveLength(169);
    const ids = new Set(APP_CATALOGUE.map((a) => a.id));
    expect(ids.size).toBe(169);
    for (const id of Object.values(CORE_APP_IDS)) expect(ids.has(id)).toBe(false);
  });

  it('keeps the anchored ids, fwd consistent with its flow-id prefix 0xa6', () => {
    expect(appIdOf(P + 'fwd')).toBe(0xa6);
    expect(appIdOf(P + 'drivers')).toBe(3);
    expect(appIdOf(P + 'gui2')).toBe(96);
    expect(appIdOf(P + 'openflow')).toBe(78);
    expect(appIdOf(P + 'core')).toBe(1);
    expect(appIdOf(P + 'net.intent')).toBe(0x24);
  });

  it('has titles, categories and resolvable requirements', () => {
    expect(appDef(P + 'fwd')).toMatchObject({ title: 'Reactive Forwarding', category: 'Traffic Engineering', requires: [] });
    expect(appDef(P + 'openflow')?.requires).toEqual([P + 'hostprovider', P + 'lldpprovider', P + 'openflow-base']);
    expect(appDef(P + 'onos-topo')?.title).toBe('µONOS Integration');
    // Appendix A names three requirements that are not bundled apps themselves.
    const unbundled = new Set([P + 'netconfsb', P + 'configsync', P + 'configsync-netconf']);
    for (const a of APP_CATALOGUE) for (const r of a.requires) if (!unbundled.has(r)) expect(appDef(r), `${a.name} requires ${r}`).toBeDefined();
  });
});

describe('activation cascade (§5.2)', () => {
  it('activating openflow activates its required apps first', () => {
    const { apps, events } = states();
    expect(apps.activate(P + 'openflow')).toEqual(OPENFLOW_FAMILY);
    expect(events).toEqual(['+hostprovider', '+lldpprovider', '+optical-model', '+openflow-base', '+openflow']);
  });

  it('deactivating openflow takes down everything it pulled in', () => {
    const { apps } = states();
    apps.activate(P + 'openflow');
    expect(apps.deactivate(P + 'openflow')).toEqual([P + 'openflow', P + 'hostprovider', P + 'lldpprovider', P + 'openflow-base', P + 'optical-model']);
    expect(apps.activeNames()).toEqual([]);
  });

  it('keeps a required app the user activated directly', () => {
    const { apps } = states();
    apps.activate(P + 'openflow-base');
    apps.activate(P + 'openflow');
    apps.deactivate(P + 'openflow');
    expect(apps.activeNames().sort()).toEqual([P + 'openflow-base', P + 'optical-model']);
  });

  it('deactivating a required app first deactivates the apps that need it', () => {
    const { apps, events } = states();
    apps.activate(P + 'openflow');
    events.length = 0;
    apps.deactivate(P + 'openflow-base');
    expect(events[0]).toBe('-openflow');
    expect(apps.activeNames()).toEqual([]);
  });

  it('a required app shared by two apps stays until both are gone', () => {
    const { apps } = states();
    apps.activate(P + 'openflow');
    apps.activate(P + 'dhcp'); // requires hostprovider too
    apps.deactivate(P + 'openflow');
    expect(apps.isActive(P + 'hostprovider')).toBe(true);
    apps.deactivate(P + 'dhcp');
    expect(apps.isActive(P + 'hostprovider')).toBe(false);
  });

  it('remembers what the user activated across a stop', () => {
    const { apps } = states();
    apps.activate(P + 'openflow');
    apps.activate(P + 'fwd');
    apps.clear();
    expect(apps.activeNames()).toEqual([]);
    expect(apps.remembered()).toEqual([P + 'openflow', P + 'fwd']);
  });
});

describe('name resolution (§4.2)', () => {
  const { apps } = states();
  it('exact name, then a unique suffix', () => {
    expect(apps.resolve(P + 'fwd')).toEqual({ ok: true, names: [P + 'fwd'] });
    expect(apps.resolve('fwd')).toEqual({ ok: true, names: [P + 'fwd'] });
    expect(apps.resolve('openflow-base')).toEqual({ ok: true, names: [P + 'openflow-base'] });
  });
  it('an ambiguous suffix asks which one (openflow also matches the Polatis driver)', () => {
    expect(apps.resolve('openflow')).toEqual({
      ok: false, message: `Did you mean one of: [${P}drivers.polatis.openflow, ${P}openflow]`,
    });
  });
  it('an unknown name', () => {
    expect(apps.resolve('nosuch')).toEqual({ ok: false, message: 'No such application: nosuch' });
  });
});
