/**
 * How ONOS turns its objects into text: the formatting primitives of reference/onos.md §3
 * (time ago, annotations, Java list and object toString forms), the sort orders of §3.2 and the
 * one-line formats of every listing command of §4. Every command builds its output from these,
 * so a format lives in exactly one place.
 */
import type { Micros } from '../../sim/time';
import { labTime, pad2, LAB_EPOCH_SECONDS } from '../../sim/calendar';
import type {
  OnosAppInfo, OnosConnectPoint, OnosDeviceInfo, OnosFlowInfo, OnosHostInfo, OnosIntentInfo, OnosLinkInfo,
  OnosPath, OnosPortInfo,
} from '../../onos/model';
import { bold } from './ansi';

/** The numeric id of org.onosproject.cli, which owns intents added from the CLI (2 in transcripts, §4.11). */
export const CLI_APP_ID = 2;
export const CLI_APP_NAME = 'org.onosproject.cli';

/** Tools.timeAgo (§3): just now, 12s ago, 4m27s ago, 2h5m ago, 1d3h ago. */
export function timeAgo(now: Micros, then: Micros): string {
  const seconds = Math.floor((now - then) / 1e6);
  if (seconds <= 0) return 'just now';
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  if (days > 0) return `${days}d${hours % 24}h ago`;
  if (hours > 0) return `${hours}h${minutes % 60}m ago`;
  if (minutes > 0) return `${minutes}m${seconds % 60}s ago`;
  return `${seconds}s ago`;
}

/** Java's List/Set toString: [a, b]. */
export function javaList(items: readonly unknown[]): string {
  return `[${items.map(String).join(', ')}]`;
}

/** AbstractShellCommand.annotations: ", k1=v1, k2=v2" with keys sorted; '' when there are none. */
export function annotationsSuffix(annotations: Readonly<Record<string, string>>, exclude: readonly string[] = []): string {
  return Object.keys(annotations)
    .filter((k) => !exclude.includes(k))
    .sort()
    .map((k) => `, ${k}=${annotations[k]}`)
    .join('');
}

/** Milliseconds since the Unix epoch at a virtual time (for JSON lastUpdate/lastSeen, created=). */
export function epochMillis(t: Micros): number {
  return LAB_EPOCH_SECONDS * 1000 + Math.floor(t / 1000);
}

/** Java's Double.toString for the costs ONOS prints (2.0, 1.5). */
export function javaDouble(n: number): string {
  return Number.isInteger(n) ? n.toFixed(1) : String(n);
}

export function connectPoint(cp: OnosConnectPoint): string {
  return `${cp.device}/${cp.port}`;
}

// ---------------------------------------------------------------------------------------------
// Sort orders (§3.2)

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortDevices(devices: readonly OnosDeviceInfo[]): OnosDeviceInfo[] {
  return [...devices].sort((a, b) => byString(a.id, b.id));
}

export function sortHosts(hosts: readonly OnosHostInfo[]): OnosHostInfo[] {
  return [...hosts].sort((a, b) => byString(a.id, b.id));
}

/** PORT_COMPARATOR: numeric, LOCAL (-2) first. */
export function sortPorts(ports: readonly OnosPortInfo[]): OnosPortInfo[] {
  const n = (p: OnosPortInfo): number => (p.port === 'LOCAL' ? -2 : p.port);
  return [...ports].sort((a, b) => n(a) - n(b));
}

/** LinksListCommand sorts by the string of LinkKey{src=..., dst=...}: /10 before /2. */
export function linkKey(l: OnosLinkInfo): string {
  return `LinkKey{src=${connectPoint(l.src)}, dst=${connectPoint(l.dst)}}`;
}

export function sortLinks(links: readonly OnosLinkInfo[]): OnosLinkInfo[] {
  return [...links].sort((a, b) => byString(linkKey(a), linkKey(b)));
}

/** FLOW_RULE_COMPARATOR: table ascending, priority descending, id ascending. */
export function sortFlows(flows: readonly OnosFlowInfo[]): OnosFlowInfo[] {
  return [...flows].sort((a, b) => a.tableId - b.tableId || b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** APP_COMPARATOR (numeric id), or by name with apps -n. */
export function sortApps(apps: readonly OnosAppInfo[], byName: boolean): OnosAppInfo[] {
  return [...apps].sort((a, b) => (byName ? byString(a.name, b.name) : a.id - b.id));
}

// ---------------------------------------------------------------------------------------------
// devices, ports (§4.3, §4.4)

/** DeviceManager.localStatus: "connected 1m30s ago". */
export function localStatus(d: OnosDeviceInfo, now: Micros): string {
  return `${d.available ? 'connected' : 'disconnected'} ${timeAgo(now, d.statusSince)}`;
}

export function deviceLine(d: OnosDeviceInfo, now: Micros, short: boolean): string {
  if (short) return `id=${d.id}, available=${d.available}, role=${d.role}, type=SWITCH, driver=${d.driver}`;
  return (
    `id=${d.id}, available=${d.available}, local-status=${localStatus(d, now)}, role=${d.role}, type=SWITCH, ` +
    `mfr=${d.mfr}, hw=${d.hw}, sw=${d.sw}, serial=${d.serial}, chassis=${d.chassis}, driver=${d.driver}` +
    annotationsSuffix(d.annotations, ['driver'])
  );
}

/** Port annotations (§4.4): adminState, portMac (lowercase), portName. */
export function portAnnotations(p: OnosPortInfo): Record<string, string> {
  return { adminState: p.adminEnabled ? 'enabled' : 'disabled', portMac: p.portMac, portName: p.portName };
}

/** "  port=1, state=enabled, type=copper, speed=10000 , adminState=..." (note the space before the comma). */
export function portLine(p: OnosPortInfo): string {
  return `  port=${p.port}, state=${p.enabled ? 'enabled' : 'disabled'}, type=copper, speed=${p.speedMbps} ${annotationsSuffix(portAnnotations(p))}`;
}

// ---------------------------------------------------------------------------------------------
// hosts, links (§4.5, §4.6)

export function hostLine(h: OnosHostInfo, short: boolean): string {
  const locations = javaList(h.locations.map(connectPoint));
  const ips = javaList(h.ips);
  if (short) return `id=${h.id}, mac=${h.mac}, locations=${locations}, vlan=${h.vlan}, ip(s)=${ips}`;
  return (
    `id=${h.id}, mac=${h.mac}, locations=${locations}, auxLocations=null, vlan=${h.vlan}, ip(s)=${ips}, ` +
    `innerVlan=None, outerTPID=unknown, provider=of:org.onosproject.provider.host, configured=false`
  );
}

export function linkLine(l: OnosLinkInfo): string {
  return `src=${connectPoint(l.src)}, dst=${connectPoint(l.dst)}, type=${l.type}, state=${l.state}, expected=false`;
}

/** PathListCommand's compact path: src/port-dst/port==>...; cost=2.0 (§4.10). */
export function pathLine(p: OnosPath): string {
  return `${p.links.map((l) => `${connectPoint(l.src)}-${connectPoint(l.dst)}`).join('==>')}; cost=${javaDouble(p.cost)}`;
}

// ---------------------------------------------------------------------------------------------
// flows (§4.7)

export function flowIdHex(f: OnosFlowInfo): string {
  return f.id.toString(16);
}

/** Whole seconds since the rule was added (FlowEntry.life()). */
export function flowDuration(f: OnosFlowInfo, now: Micros): number {
  return Math.max(0, Math.floor((now - f.addedAt) / 1e6));
}

/** DefaultTrafficTreatment.toString (identical in 1.12 and 2.7). */
export function treatmentLong(f: OnosFlowInfo): string {
  return `DefaultTrafficTreatment{immediate=${javaList(f.treatment)}, deferred=[], transition=None, meter=[], cleared=${f.cleared}, StatTrigger=null, metadata=null}`;
}

/** FlowsListCommand.printTreatment: [immediate=[OUTPUT:2], clearDeferred]. */
export function treatmentShort(f: OnosFlowInfo): string {
  const parts: string[] = [];
  if (f.treatment.length) parts.push(`immediate=${javaList(f.treatment)}`);
  if (f.cleared) parts.push('clearDeferred');
  return `[${parts.join(', ')}]`;
}

export function flowLong(f: OnosFlowInfo, now: Micros): string {
  return (
    `    id=${flowIdHex(f)}, state=${f.state}, bytes=${f.bytes}, packets=${f.packets}, duration=${flowDuration(f, now)}, ` +
    `liveType=UNKNOWN, priority=${f.priority}, tableId=${f.tableId}, appId=${f.appName}, ` +
    `selector=${javaList(f.selector)}, treatment=${treatmentLong(f)}`
  );
}

export function flowShort(f: OnosFlowInfo): string {
  return (
    `    ${f.state}, bytes=${f.bytes}, packets=${f.packets}, table=${f.tableId}, priority=${f.priority}, ` +
    `selector=${javaList(f.selector)}, treatment=${treatmentShort(f)}`
  );
}

/**
 * DefaultFlowEntry.toString, which `flows -f <keyword>` searches (StringFilter): the app appears
 * only as its number there, so `-f fwd` matches nothing, as in ONOS.
 */
export function flowEntryString(f: OnosFlowInfo, appId: number | undefined): string {
  return (
    `DefaultFlowEntry{rule=DefaultFlowRule{id=${flowIdHex(f)}, deviceId=${f.deviceId}, priority=${f.priority}, ` +
    `selector=${javaList(f.selector)}, treatment=${javaList(f.treatment)}, tableId=${f.tableId}, ` +
    `created=${epochMillis(f.addedAt)}, appId=${appId ?? 0}, timeout=${f.timeout}, permanent=${f.permanent}}, state=${f.state}}`
  );
}

// ---------------------------------------------------------------------------------------------
// apps (§4.1)

/** The Karaf feature of an app (its artifact name; §4.14, §7). Well-known ones, else onos-apps-<short>. */
const FEATURES: Readonly<Record<string, string>> = {
  'org.onosproject.fwd': 'onos-apps-fwd',
  'org.onosproject.openflow': 'onos-providers-openflow-app',
  'org.onosproject.openflow-base': 'onos-providers-openflow-base',
  'org.onosproject.hostprovider': 'onos-providers-host',
  'org.onosproject.lldpprovider': 'onos-providers-lldp',
  'org.onosproject.drivers': 'onos-drivers-default',
  'org.onosproject.gui2': 'onos-web-gui2',
  'org.onosproject.gui': 'onos-web-gui',
  'org.onosproject.optical-model': 'onos-apps-optical-model',
  'org.onosproject.proxyarp': 'onos-apps-proxyarp',
};

export function appFeature(name: string): string {
  return FEATURES[name] ?? `onos-apps-${name.replace(/^org\.onosproject\./, '').replace(/\./g, '-')}`;
}

export function appFeaturesRepo(a: OnosAppInfo): string {
  return `mvn:org.onosproject/${appFeature(a.name)}/${a.version}/xml/features`;
}

/** The title column of apps -s: the title, or the description when the title is just the name. */
function appTitle(a: OnosAppInfo): string {
  return a.title === a.name ? a.description.replace(/\s*\n\s*/g, ' ') : a.title;
}

/** "%s %3d %-36s %-8s %s" */
export function appShort(a: OnosAppInfo): string {
  return `${a.active ? '*' : ' '} ${String(a.id).padStart(3)} ${a.name.padEnd(36)} ${a.version.padEnd(8)} ${appTitle(a)}`;
}

export function appLong(a: OnosAppInfo): string {
  return (
    `${a.active ? '*' : ' '} id=${a.id}, name=${a.name}, version=${a.version}, origin=ONOS Community, ` +
    `category=${a.category}, description=${a.description}, features=${javaList([appFeature(a.name)])}, ` +
    `featuresRepo=${appFeaturesRepo(a)}, apps=${javaList(a.requires)}, permissions=[], url=http://onosproject.org`
  );
}

// ---------------------------------------------------------------------------------------------
// intents (§4.11, §4.12)

export function hex(n: number): string {
  return '0x' + n.toString(16);
}

const INTENT_TREATMENT =
  'DefaultTrafficTreatment{immediate=[NOACTION], deferred=[], transition=None, meter=[], cleared=false, StatTrigger=null, metadata=null}';
const INTENT_CONSTRAINTS = '[LinkTypeConstraint{inclusive=false, types=[OPTICAL]}]';

/** HostToHostIntent.toString, printed by add-host-intent. */
export function hostIntentString(i: OnosIntentInfo, appId: number): string {
  return (
    `HostToHostIntent{id=${hex(i.id)}, key=${hex(i.key)}, appId=DefaultApplicationId{id=${appId}, name=${i.appName}}, ` +
    `priority=${i.priority}, resources=${javaList([i.one, i.two])}, selector=DefaultTrafficSelector{criteria=[]}, ` +
    `treatment=${INTENT_TREATMENT}, constraints=${INTENT_CONSTRAINTS}, resourceGroup=null, one=${i.one}, two=${i.two}}`
  );
}

/** One `intents` block: bold labels, then an empty line (§4.12, 2.x with Leader Id). */
export function intentBlock(i: OnosIntentInfo, leader: string): string {
  const line = (label: string, value: string): string => `${bold(label + ':')} ${value}\n`;
  return (
    line('Id', hex(i.id)) +
    line('State', i.state) +
    line('Key', hex(i.key)) +
    line('Intent type', i.type) +
    line('Application Id', i.appName) +
    line('Leader Id', leader) +
    line('Resources', javaList([i.one, i.two])) +
    line('Treatment', '[NOACTION]') +
    line('Constraints', INTENT_CONSTRAINTS) +
    line('Source host', i.one) +
    line('Destination host', i.two) +
    '\n'
  );
}

// ---------------------------------------------------------------------------------------------
// topology (§4.9)

/** yyyy-MM-dd HH:mm:ss in the lab's clock. */
export function dateTime(t: Micros): string {
  const c = labTime(t);
  return `${c.year}-${pad2(c.month)}-${pad2(c.day)} ${pad2(c.hour)}:${pad2(c.minute)}:${pad2(c.second)}`;
}

/** "0 days, 0 hrs, 2 mins, 3 secs" */
export function uptime(us: Micros): string {
  const s = Math.max(0, Math.floor(us / 1e6));
  return `${Math.floor(s / 86400)} days, ${Math.floor((s % 86400) / 3600)} hrs, ${Math.floor((s % 3600) / 60)} mins, ${s % 60} secs`;
}
