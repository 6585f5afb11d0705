/**
 * `add-host-intent`, `remove-intent` and `intents` (reference/onos.md §4.11, §4.12;
 * AddHostToHostIntentCommand, IntentRemoveCommand, IntentsListCommand).
 * remove-intent keeps ONOS's behaviour: with no arguments it withdraws every intent of
 * org.onosproject.cli (the CLI's own app); a key is hex with 0x; an unknown key does nothing
 * silently; withdrawn intents stay listed (state WITHDRAWN) until purged with -p.
 */
import type { OnosIntentInfo } from '../../onos/model';
import type { KarafCommand } from './karaf-action';
import { executionError } from './ansi';
import { CLI_APP_ID, CLI_APP_NAME, hex, hostIntentString, intentBlock } from './format';
import { hostIds } from './cmd-topology';

/**
 * HostId.hostId(String): at least 19 characters, a MAC (MacAddress.valueOf) then /VLAN.
 * Returns the id as ONOS prints it (MAC uppercase) or the exception's message.
 */
export function parseHostId(text: string): { id: string } | { error: string } {
  if (text.length < 19) return { error: 'Host ID must be at least 19 characters' };
  const mac = text.slice(0, 17);
  if (!/^([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}$/.test(mac)) {
    return { error: "Specified MAC Address must contain 12 hex digits separated pairwise by :'s." };
  }
  const vlanText = text.slice(18);
  let vlan: string;
  if (vlanText === 'None' || vlanText === '-1') vlan = 'None';
  else if (vlanText === 'Any') vlan = 'Any';
  else if (/^[+-]?\d+$/.test(vlanText) && Number(vlanText) >= -32768 && Number(vlanText) <= 32767) {
    const n = Number(vlanText);
    if (n > 4095) return { error: 'value exceeds allowed maximum VLAN ID value (4095)' };
    vlan = String(n);
  } else return { error: `For input string: "${vlanText}"` };
  return { id: `${mac.toUpperCase()}/${vlan}` };
}

export const addHostIntentCommand: KarafCommand = {
  scope: 'onos',
  name: 'add-host-intent',
  description: 'Asks for connectivity between two hosts, whatever path it takes',
  json: true,
  options: [],
  args: [
    { name: 'one', description: 'First host id (MAC/VLAN)', required: true, complete: hostIds },
    { name: 'two', description: 'Second host id (MAC/VLAN)', required: true, complete: hostIds },
  ],
  run(ctx, p) {
    const ids: string[] = [];
    for (const raw of [p.arg('one')!, p.arg('two')!]) {
      const r = parseHostId(raw);
      if ('error' in r) {
        ctx.out(executionError(r.error));
        return 1;
      }
      ids.push(r.id);
    }
    const intent = ctx.view.addHostIntent(ids[0]!, ids[1]!);
    if ('error' in intent) {
      ctx.out(executionError(intent.error));
      return 1;
    }
    ctx.out(`Host to Host intent submitted:\n${hostIntentString(intent, CLI_APP_ID)}\n`);
    return 0;
  },
};

/** Apps that own intents (ApplicationIdWithIntentNameCompleter). */
function intentApps(intents: readonly OnosIntentInfo[]): string[] {
  return [...new Set(intents.map((i) => i.appName))].sort();
}

export const removeIntentCommand: KarafCommand = {
  scope: 'onos',
  name: 'remove-intent',
  description: 'Withdraws intents: one by application and key, or all of an application',
  json: true,
  options: [
    { name: '-p', alias: '--purge', description: 'Also drop the intent from the store once withdrawn' },
    { name: '-s', alias: '--sync', description: 'Wait until the intent is withdrawn' },
  ],
  args: [
    { name: 'app', description: 'Application that owns the intent (default: org.onosproject.cli)', complete: (view) => intentApps(view.intents()) },
    {
      name: 'key',
      description: 'Intent key (0x... for numeric keys); without it, every intent of the application',
      complete: (view, earlier) => view.intents().filter((i) => i.appName === (earlier[0] ?? CLI_APP_NAME)).map((i) => hex(i.key)),
    },
  ],
  run(ctx, p) {
    const purge = p.flag('-p');
    if (purge || p.flag('-s')) {
      ctx.out('Using "sync" to remove/purge intents - this may take a while...\n');
      ctx.out('Check "summary" to see remove/purge progress.\n');
    }
    const view = ctx.view;
    const appArg = p.arg('app');
    const app = appArg === undefined || appArg === '' ? CLI_APP_NAME : appArg;
    const known = app === CLI_APP_NAME || app === 'org.onosproject.core' || app === 'org.onosproject.net.intent' ||
      view.apps().some((a) => a.name === app) || view.intents().some((i) => i.appName === app);
    if (!known) {
      ctx.out(`Cannot find application Id ${app}\n`);
      return 0;
    }
    const keyArg = p.arg('key');
    let targets: OnosIntentInfo[];
    if (keyArg === undefined || keyArg === '') {
      targets = view.intents().filter((i) => i.appName === app);
    } else if (keyArg.startsWith('0x')) {
      const digits = keyArg.slice(2);
      if (!/^[0-9a-fA-F]+$/.test(digits)) {
        ctx.out(executionError(digits === '' ? 'Zero length BigInteger' : `For input string: "${digits}"`));
        return 1;
      }
      const key = parseInt(digits, 16);
      targets = view.intents().filter((i) => i.appName === app && i.key === key);
    } else {
      // A string key: the emulated intents all have numeric keys, so none matches.
      targets = [];
    }
    for (const i of targets) {
      view.removeIntent(i.appName, i.key);
      if (purge) {
        if (!view.purgeIntent) {
          ctx.out('remove-intent -p: purging intents is not supported in this sandbox\n');
          return 1;
        }
        view.purgeIntent(i.appName, i.key);
      }
    }
    return 0;
  },
};

/** IntentsListCommand -s: per-type counters (types of the source: Connectivity ... All). */
function summary(intents: readonly OnosIntentInfo[]): string {
  const types = ['Connectivity', 'PointToPoint', 'MultiPointToSinglePoint', 'SinglePointToMultiPoint', 'Path', 'LinkCollection', 'UnknownType', 'All'];
  const count = (type: string, state?: string): number =>
    type === 'Connectivity' || type === 'UnknownType' || type === 'All' ? intents.filter((i) => !state || i.state === state).length : 0;
  const n = (v: number): string => String(v).padStart(7);
  let out = '';
  for (const t of types) {
    const name = t.padEnd(23);
    out += `${name}    total=        ${n(count(t))}   installed=   ${n(count(t, 'INSTALLED'))}\n`;
    out += `${name}    withdrawn=    ${n(count(t, 'WITHDRAWN'))}   failed=      ${n(count(t, 'FAILED'))}\n`;
    out += `${name}    installReq=   ${n(count(t, 'INSTALL_REQ'))}   compiling=   ${n(count(t, 'COMPILING'))}\n`;
    out += `${name}    installing=   ${n(count(t, 'INSTALLING'))}   recompiling= ${n(count(t, 'RECOMPILING'))}\n`;
    out += `${name}    withdrawReq=  ${n(count(t, 'WITHDRAW_REQ'))}   withdrawing= ${n(count(t, 'WITHDRAWING'))}\n`;
  }
  return out;
}

export const intentsCommand: KarafCommand = {
  scope: 'onos',
  name: 'intents',
  description: 'Lists the intents and the state each one is in',
  json: true,
  options: [
    { name: '-i', alias: '--installable', description: 'Also the intents each one compiled into' },
    { name: '-s', alias: '--summary', description: 'Counts per intent type and state' },
  ],
  args: [],
  run(ctx, p) {
    if (p.flag('-j') || p.flag('-i')) {
      ctx.out(`intents ${p.flag('-j') ? '-j' : '-i'}: not supported in this sandbox\n`);
      return 1;
    }
    const intents = ctx.view.intents();
    if (p.flag('-s')) {
      ctx.out(summary(intents));
      return 0;
    }
    for (const i of intents) ctx.out(intentBlock(i, ctx.view.nodeIp));
    return 0;
  },
};
