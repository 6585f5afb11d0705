/**
 * The emulated ONOS controller as the rest of the sandbox sees it: the contract between the
 * controller (onos.ts and its helpers in this folder), its Karaf CLI (commands/onos/), the GUI
 * panel's snapshots (worker/api.ts) and lesson checks (lessons/). Plain data out, a few verbs in.
 * Facts and formats: reference/onos.md (ONOS 2.7 by default); section numbers below refer to it.
 *
 * Identity rules (§3): device ids `of:` + 16 lowercase hex digits of the dpid; port numbers are
 * decimal, the bridge's own port is 'LOCAL'; host ids `<MAC uppercase>/None`; flow ids are
 * computed as §3.1 (appId << 48 | murmur3) and sent to the switch as the cookie.
 */
import type { Micros } from '../sim/time';

/** onos-service's lifecycle (§1.1): starting takes a few virtual seconds before anything listens. */
export type OnosStatus = 'stopped' | 'starting' | 'running' | 'stopping';

export interface OnosAppInfo {
  /** Numeric application id (the `apps -s` column; fixed per name, §9.4). */
  readonly id: number;
  /** org.onosproject.fwd */
  readonly name: string;
  readonly version: string;
  /** "Reactive Forwarding" */
  readonly title: string;
  readonly category: string;
  readonly description: string;
  /** Names of the apps it requires (§5.2): activated first, deactivated when nothing else needs them. */
  readonly requires: readonly string[];
  readonly active: boolean;
  /** How many times it was deactivated since the sandbox started (stopping ONOS does not count). */
  readonly deactivations?: number;
}

export interface OnosPortInfo {
  /** 1, 2, ... or 'LOCAL' (sorted first, §3.2). */
  readonly port: number | 'LOCAL';
  readonly enabled: boolean;
  readonly adminEnabled: boolean;
  /** lowercase, as OpenFlowJ reports it (§4.4). */
  readonly portMac: string;
  readonly portName: string;
  readonly speedMbps: number;
}

export interface OnosDeviceInfo {
  /** of:0000000000000001 */
  readonly id: string;
  readonly available: boolean;
  /** Virtual time of the last connect or disconnect (for "connected 1m30s ago"). */
  readonly statusSince: Micros;
  readonly role: 'MASTER' | 'NONE';
  readonly mfr: string;
  readonly hw: string;
  readonly sw: string;
  readonly serial: string;
  /** The dpid in hex without padding (§3). */
  readonly chassis: string;
  readonly driver: string;
  /** Sorted annotations without `driver` (§4.3): channelId, datapathDescription, managementAddress, protocol. */
  readonly annotations: Readonly<Record<string, string>>;
  readonly ports: readonly OnosPortInfo[];
}

export interface OnosConnectPoint {
  readonly device: string;
  readonly port: number;
}

/** One direction of a cable (§4.6: each cable is two links). */
export interface OnosLinkInfo {
  readonly src: OnosConnectPoint;
  readonly dst: OnosConnectPoint;
  readonly type: 'DIRECT' | 'INDIRECT';
  readonly state: 'ACTIVE' | 'INACTIVE';
}

export interface OnosHostInfo {
  /** 00:00:00:00:00:01/None */
  readonly id: string;
  /** Uppercase MAC. */
  readonly mac: string;
  readonly vlan: string;
  /** Dotted quads; empty until an ARP from the host was seen (§5.3). */
  readonly ips: readonly string[];
  readonly locations: readonly OnosConnectPoint[];
}

export type OnosFlowState = 'PENDING_ADD' | 'ADDED' | 'PENDING_REMOVE' | 'REMOVED' | 'FAILED';

/** A criterion in ONOS's text form, already in selector order (§3): 'IN_PORT:1', 'ETH_TYPE:lldp'. */
export type OnosCriterion = string;

export interface OnosFlowInfo {
  /** The flow id (§3.1); also the cookie on the switch. */
  readonly id: bigint;
  readonly deviceId: string;
  readonly state: OnosFlowState;
  readonly bytes: number;
  readonly packets: number;
  /** Virtual time it was added (duration = now - addedAt, in whole seconds). */
  readonly addedAt: Micros;
  readonly priority: number;
  readonly tableId: number;
  /** org.onosproject.core, org.onosproject.fwd, org.onosproject.net.intent */
  readonly appName: string;
  readonly selector: readonly OnosCriterion[];
  /** Immediate instructions in text form: 'OUTPUT:CONTROLLER', 'OUTPUT:2', 'NOACTION'. */
  readonly treatment: readonly string[];
  /** DefaultTrafficTreatment's `cleared` (true for the core's packet-in requests). */
  readonly cleared: boolean;
  readonly permanent: boolean;
  /** Idle timeout in seconds ONOS enforces (0 for permanent). */
  readonly timeout: number;
}

export type OnosIntentState =
  | 'INSTALL_REQ' | 'COMPILING' | 'INSTALLING' | 'INSTALLED' | 'RECOMPILING' | 'WITHDRAW_REQ' | 'WITHDRAWING' | 'WITHDRAWN' | 'FAILED';

export interface OnosIntentInfo {
  /** Numeric id; printed 0x%x. */
  readonly id: number;
  readonly key: number;
  readonly type: 'HostToHostIntent';
  readonly appName: string;
  readonly state: OnosIntentState;
  readonly priority: number;
  /** Host ids. */
  readonly one: string;
  readonly two: string;
}

/** A shortest path between two devices (§4.10). */
export interface OnosPath {
  readonly links: readonly OnosLinkInfo[];
  readonly cost: number;
}

export type AppCommandResult =
  | { readonly ok: true; /** the full names acted on */ readonly names: readonly string[] }
  | { readonly ok: false; /** ONOS's message: 'No such application: x' or 'Did you mean one of: [...]' */ readonly message: string };

/** What the controller offers (implemented by onos.ts). Reads are snapshots: cheap, sorted as §3.2. */
export interface OnosView {
  readonly status: OnosStatus;
  readonly version: string;
  /** Virtual time ONOS finished starting (for uptime/`nodes updated=`). */
  readonly startedAt: Micros | undefined;
  /** The local node's address (127.0.0.1 on the lab machine). */
  readonly nodeIp: string;
  /**
   * Grows whenever anything the reads return may have changed (status, apps, devices, links,
   * hosts, flow states and counters, intents): a poller fetches snapshots only when it moved.
   * Optional: added by the engine helper.
   */
  readonly revision?: number;
  apps(): readonly OnosAppInfo[];
  devices(): readonly OnosDeviceInfo[];
  device(id: string): OnosDeviceInfo | undefined;
  links(deviceId?: string): readonly OnosLinkInfo[];
  hosts(): readonly OnosHostInfo[];
  flows(deviceId?: string): readonly OnosFlowInfo[];
  intents(): readonly OnosIntentInfo[];
  paths(src: string, dst: string): readonly OnosPath[];
  /** Topology clusters (SCCs) and when the topology last changed (§4.9). */
  topology(): { readonly devices: number; readonly links: number; readonly clusters: number; readonly changedAt: Micros };
  /** Name resolution as `app` does it (§4.2): exact, else a unique suffix match. */
  resolveApp(name: string): AppCommandResult;
  activate(name: string): AppCommandResult;
  deactivate(name: string): AppCommandResult;
  addHostIntent(one: string, two: string): OnosIntentInfo | { readonly error: string };
  removeIntent(appName: string, key: number): boolean;

  // Optional verbs of the Karaf CLI (commands/onos/). Added by the CLI helper; each command
  // says "not supported in this sandbox" while the controller does not offer it.
  /** `remove-intent -p`: drop a withdrawn (or failed) intent from the store; false if none. */
  purgeIntent?(appName: string, key: number): boolean;
  /** `wipe-out please` (§4.14): forget intents, flows, hosts, devices and links. */
  wipeOut?(): void;
  /** `cfg get <component>` (§4.14): its properties, undefined for an unknown component. */
  configProperties?(component: string): readonly OnosConfigProperty[] | undefined;
  /** `cfg set <component> <name> <value>`: undefined when done, else ONOS's message. */
  setConfigProperty?(component: string, name: string, value: string): string | undefined;
  /** `feature:install <name>` (§4.14): start an app's feature without marking the app active; false if unknown. */
  installFeature?(feature: string): boolean;
  /** Karaf features started with feature:install (for feature:list). */
  installedFeatures?(): readonly string[];
  /** `shutdown`/`system:shutdown`: halt ONOS as `onos-service stop` does. */
  shutdown?(): void;
}

/** One property of a component's configuration (`cfg`, ComponentConfigCommand). */
export interface OnosConfigProperty {
  readonly name: string;
  /** Lowercase type name: integer, boolean, string, long, ... */
  readonly type: string;
  readonly value: string;
  readonly defaultValue: string;
  readonly description: string;
}
