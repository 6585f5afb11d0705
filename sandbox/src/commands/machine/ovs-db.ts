/**
 * The lab machine's Open vSwitch as its tools see it: which bridges exist (Mininet's running
 * OVSSwitch / OVSBridge switches; Linux bridges and user switches are not OVS bridges), their
 * OpenFlow versions, controller targets and database row identities.
 * Version facts: Ubuntu 22.04 ships Open vSwitch 2.17.9 (`ovs-vsctl --version` prints
 * `DB Schema 8.3.0`). Row UUIDs are derived from the sandbox seed by hashing, never from the
 * network's RNG, so asking for them shifts nothing else.
 */
import type { Sandbox } from '../../sandbox';
import type { OvsSwitch } from '../../devices/ovs-switch';

export const OVS_VERSION = '2.17.9';
export const OVS_DB_SCHEMA = '8.3.0';
export const OVS_RUNDIR = '/var/run/openvswitch';

/** OpenFlow wire versions by name (ofputil_version_from_string), 0x01 = OpenFlow 1.0. */
export const OF_VERSIONS: Record<string, number> = {
  openflow10: 1, openflow11: 2, openflow12: 3, openflow13: 4, openflow14: 5, openflow15: 6,
};

/** What a bridge speaks when its `protocols` column is empty (OpenFlow 1.0 to 1.5). */
const DEFAULT_BRIDGE_VERSIONS = 0b1111110;

/** Is this switch an Open vSwitch bridge that currently exists? */
export function isOvsBridge(sw: OvsSwitch): boolean {
  return sw.running && (sw.opts.cls === 'OVSSwitch' || sw.opts.cls === 'OVSBridge');
}

export function ovsBridges(sandbox: Sandbox): OvsSwitch[] {
  return sandbox.mininet?.switches.filter(isOvsBridge) ?? [];
}

export function findBridge(sandbox: Sandbox, name: string): OvsSwitch | undefined {
  return ovsBridges(sandbox).find((s) => s.name === name);
}

/** The bridge's `protocols` as a version bitmap (bit n = wire version n). */
export function bridgeVersions(sw: OvsSwitch): number {
  let bits = 0;
  for (const p of sw.opts.protocols) {
    for (const name of p.split(/[\s,]+/)) {
      const v = OF_VERSIONS[name.toLowerCase()];
      if (v !== undefined) bits |= 1 << v;
    }
  }
  return bits || DEFAULT_BRIDGE_VERSIONS;
}

/** Controller targets in the database: the passive listener Mininet adds, then the active ones. */
export function controllerTargets(sw: OvsSwitch): string[] {
  const out: string[] = [];
  if (sw.opts.listenPort !== undefined) out.push(`ptcp:${sw.opts.listenPort}`);
  for (const t of sw.controllers) out.push(`tcp:${t.ip}:${t.port}`);
  return out;
}

/** Is the switch connected to this target right now (ovs-vsctl's is_connected)? */
export function targetConnected(sw: OvsSwitch, target: string): boolean {
  const m = /^tcp:(.+):(\d+)$/.exec(target);
  return m !== null && sw.connected.has(`${m[1]}:${m[2]}`);
}

function hash32(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** A version-4 UUID that depends only on the seed and a label. */
export function stableUuid(seed: number, label: string): string {
  const w = [0, 1, 2, 3].map((i) => hash32(label, (seed + Math.imul(i + 1, 0x9e3779b9)) >>> 0).toString(16).padStart(8, '0'));
  const [a, b, c, d] = w as [string, string, string, string];
  const variant = ((parseInt(c[0]!, 16) & 3) | 8).toString(16);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

/** The Open_vSwitch table's single row: the first line of `ovs-vsctl show`. */
export function databaseUuid(sandbox: Sandbox): string {
  return stableUuid(sandbox.seed, 'Open_vSwitch');
}

/**
 * Rows in OVSDB sets come back sorted by UUID, which looks random: order things by the UUID
 * their row would have (labels that include the bridge's start time reorder on a new `mn`).
 */
export function uuidOrder<T>(sandbox: Sandbox, items: readonly T[], label: (t: T) => string): T[] {
  const keyed = items.map((t) => ({ t, k: stableUuid(sandbox.seed, label(t)) }));
  keyed.sort((x, y) => (x.k < y.k ? -1 : x.k > y.k ? 1 : 0));
  return keyed.map((x) => x.t);
}
