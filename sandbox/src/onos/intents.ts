/**
 * Host-to-host intents (reference/onos.md §4.11, §4.12, §5.6): `add-host-intent` submits an
 * intent of app org.onosproject.cli, priority 100, key = id (ids count up in hex from 0x0; the
 * sub-intents a compilation creates use up ids too, so the next user intent skips some, as
 * observed). Compiling picks a shortest path between the hosts' switches and installs, on every
 * switch along it and for both directions, a permanent priority-100 rule of app
 * org.onosproject.net.intent: IN_PORT, ETH_DST, ETH_SRC -> OUTPUT. The same path serves both
 * directions when its reverse exists. A topology or host change recompiles installed and failed
 * intents: a new path replaces the old rules, no path (or an unknown host) makes it FAILED.
 */
import type { Micros } from '../sim/time';
import { parseMac } from '../wire/addr';
import type { OnosIntentInfo, OnosIntentState, OnosLinkInfo } from './model';
import type { RuleSpec, StoredRule } from './flow-rules';
import type { Onos } from './onos';

export const CLI_APP = 'org.onosproject.cli';
export const INTENT_APP = 'org.onosproject.net.intent';
/** Intent.DEFAULT_INTENT_PRIORITY. */
export const INTENT_PRIORITY = 100;
/** Ids a successful compilation uses for its sub-intents (observed: 0x0, then 0x5). */
const SUB_INTENT_IDS = 4;

interface IntentRecord {
  readonly id: number;
  readonly key: number;
  readonly appName: string;
  readonly one: string;
  readonly two: string;
  state: OnosIntentState;
  rules: StoredRule[];
  submittedAt: Micros;
}

/** HostId.hostId(String): `MAC/VLAN`, VLAN `None`, `-1` or a number. Returns the normalised id or an error. */
export function parseHostId(s: string): { id: string } | { error: string } {
  const slash = s.indexOf('/');
  const macPart = slash < 0 ? s : s.slice(0, slash);
  const vlanPart = slash < 0 ? 'None' : s.slice(slash + 1);
  const mac = /^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/.test(macPart) ? parseMac(macPart) : undefined;
  if (!mac) return { error: "Specified MAC Address must contain 12 hex digits separated pairwise by :'s." };
  let vlan: string;
  if (vlanPart === 'None' || vlanPart === '-1') vlan = 'None';
  else if (/^\d+$/.test(vlanPart) && Number(vlanPart) < 4096) vlan = String(Number(vlanPart));
  else return { error: `For input string: "${vlanPart}"` };
  return { id: `${mac.toUpperCase()}/${vlan}` };
}

export class IntentService {
  private readonly intents: IntentRecord[] = [];
  private nextId = 0;
  private recompileQueued = false;

  constructor(private readonly onos: Onos) {}

  /** Forget every intent (ONOS stopped, or wipe-out: their rules are withdrawn first). */
  clear(): void {
    for (const i of this.intents) for (const r of i.rules) this.onos.flowRules.remove(r);
    this.intents.length = 0;
    this.recompileQueued = false;
  }

  /** ONOS stopped: ids start again from 0x0. */
  reset(): void {
    this.clear();
    this.nextId = 0;
  }

  list(): OnosIntentInfo[] {
    return this.intents.map((i) => ({
      id: i.id, key: i.key, type: 'HostToHostIntent', appName: i.appName, state: i.state, priority: INTENT_PRIORITY, one: i.one, two: i.two,
    }));
  }

  get size(): number {
    return this.intents.length;
  }

  add(one: string, two: string): OnosIntentInfo | { readonly error: string } {
    const a = parseHostId(one);
    if ('error' in a) return a;
    const b = parseHostId(two);
    if ('error' in b) return b;
    const id = this.nextId++;
    const rec: IntentRecord = { id, key: id, appName: CLI_APP, one: a.id, two: b.id, state: 'INSTALL_REQ', rules: [], submittedAt: this.onos.now };
    this.intents.push(rec);
    this.onos.touch();
    // The intent manager compiles and installs in its own threads, a few ms later.
    this.onos.later(this.onos.rng.range(3_000, 8_000), () => this.compile(rec));
    return this.list().find((i) => i.id === id)!;
  }

  /** Withdraw an intent: its rules go, it stays listed as WITHDRAWN; false if there is none with that app and key. */
  remove(appName: string, key: number): boolean {
    const rec = this.intents.find((i) => i.appName === appName && i.key === key);
    if (!rec) return false;
    for (const r of rec.rules) this.onos.flowRules.remove(r);
    rec.rules = [];
    rec.state = 'WITHDRAWN';
    this.onos.touch();
    return true;
  }

  /** Forget a withdrawn or failed intent; false if there is no such intent in those states. */
  purge(appName: string, key: number): boolean {
    const at = this.intents.findIndex((i) => i.appName === appName && i.key === key && (i.state === 'WITHDRAWN' || i.state === 'FAILED'));
    if (at < 0) return false;
    for (const r of this.intents[at]!.rules) this.onos.flowRules.remove(r);
    this.intents.splice(at, 1);
    this.onos.touch();
    return true;
  }

  /** Links or devices changed: recompile (coalesced, as ONOS's objective tracker batches events). */
  topologyChanged(): void {
    this.queueRecompile();
  }

  hostsChanged(): void {
    if (this.intents.some((i) => i.state === 'FAILED' || i.state === 'INSTALLED')) this.queueRecompile();
  }

  private queueRecompile(): void {
    if (this.recompileQueued || this.intents.length === 0) return;
    this.recompileQueued = true;
    this.onos.later(this.onos.rng.range(50_000, 80_000), () => {
      this.recompileQueued = false;
      for (const i of this.intents) if (i.state === 'INSTALLED' || i.state === 'FAILED') this.compile(i);
    });
  }

  private compile(rec: IntentRecord): void {
    if (rec.state === 'WITHDRAWN') return;
    const specs = this.ruleSpecs(rec);
    const before = rec.state;
    if (!specs) {
      for (const r of rec.rules) this.onos.flowRules.remove(r);
      rec.rules = [];
      rec.state = 'FAILED';
    } else {
      const rules: StoredRule[] = [];
      for (const s of specs) {
        const r = this.onos.flowRules.apply(s);
        if (r) rules.push(r);
      }
      const keep = new Set(rules);
      for (const r of rec.rules) if (!keep.has(r)) this.onos.flowRules.remove(r);
      const changedPath = rules.length !== rec.rules.length || rules.some((r, i) => r !== rec.rules[i]);
      rec.rules = rules;
      rec.state = 'INSTALLED';
      if (before !== 'INSTALLED' || changedPath) this.nextId += SUB_INTENT_IDS;
    }
    if (before !== rec.state) this.onos.touch();
  }

  /** The rules for both directions, or undefined when the hosts or a path are missing. */
  private ruleSpecs(rec: IntentRecord): RuleSpec[] | undefined {
    const hosts = this.onos.hostStore;
    const one = hosts.get(rec.one);
    const two = hosts.get(rec.two);
    if (!one || !two) return undefined;
    const a = one.location;
    const b = two.location;
    let forward: readonly OnosLinkInfo[] = [];
    if (a.device !== b.device) {
      const paths = this.onos.topologyGraph().paths(a.device, b.device);
      if (paths.length === 0) return undefined;
      forward = paths[0]!.links;
    }
    let backward: readonly OnosLinkInfo[] | undefined = reversePath(forward, this.onos.topologyGraph().links);
    if (!backward) {
      const paths = this.onos.topologyGraph().paths(b.device, a.device);
      if (paths.length === 0) return undefined;
      backward = paths[0]!.links;
    }
    return [
      ...this.hop(a.device, a.port, forward, b.port, one.mac, two.mac),
      ...this.hop(b.device, b.port, backward, a.port, two.mac, one.mac),
    ];
  }

  /** Rules along one direction: from a host port, over links, to the other host's port. */
  private hop(first: string, inPort: number, links: readonly OnosLinkInfo[], lastPort: number, src: string, dst: string): RuleSpec[] {
    const specs: RuleSpec[] = [];
    let device = first;
    let port = inPort;
    for (const l of links) {
      specs.push(this.spec(device, port, l.src.port, src, dst));
      device = l.dst.device;
      port = l.dst.port;
    }
    specs.push(this.spec(device, port, lastPort, src, dst));
    return specs;
  }

  private spec(deviceId: string, inPort: number, out: number, src: string, dst: string): RuleSpec {
    return {
      deviceId, appName: INTENT_APP, priority: INTENT_PRIORITY,
      selector: { inPort, ethDst: dst, ethSrc: src }, treatment: { output: out, cleared: false },
    };
  }
}

/** The same path walked backwards, if every reverse link exists. */
function reversePath(path: readonly OnosLinkInfo[], links: readonly OnosLinkInfo[]): OnosLinkInfo[] | undefined {
  const out: OnosLinkInfo[] = [];
  for (let i = path.length - 1; i >= 0; i--) {
    const l = path[i]!;
    const r = links.find((x) => x.src.device === l.dst.device && x.src.port === l.dst.port && x.dst.device === l.src.device && x.dst.port === l.src.port);
    if (!r) return undefined;
    out.push(r);
  }
  return out;
}
