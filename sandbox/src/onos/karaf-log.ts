/**
 * ONOS's log (reference/onos.md §1.4): every record goes to
 * /opt/onos/apache-karaf-4.2.9/data/log/karaf.log in the file pattern
 * `%d{ISO8601} | %-5p | %-16t | %-32c{1} | %X{bundle.id} - %X{bundle.name} - %X{bundle.version} | %m%n`
 * and, for a foreground `onos-service start` (karaf.log.console=INFO), to the terminal as
 * `HH:mm:ss.SSS LEVEL [ShortClassName] message` with the time in grey.
 * Thread names and bundle ids are fixed per logger (inferred: they vary between runs).
 */
import type { Vfs } from '../fs/vfs';
import type { Micros } from '../sim/time';
import { labTime, pad2 } from '../sim/calendar';

export const KARAF_HOME = '/opt/onos/apache-karaf-4.2.9';
export const KARAF_LOG = `${KARAF_HOME}/data/log/karaf.log`;

export type LogLevel = 'INFO' | 'WARN' | 'ERROR';

export interface LogRecord {
  readonly at: Micros;
  readonly level: LogLevel;
  /** Short class name: DeviceManager. */
  readonly logger: string;
  readonly message: string;
}

export type LogListener = (r: LogRecord) => void;

/** [thread, bundle id, bundle name] per logger. */
const ORIGIN: Readonly<Record<string, readonly [string, number, string]>> = {
  CoreManager: ['features-3-thread-1', 173, 'org.onosproject.onos-core-net'],
  ClusterMetadataManager: ['features-3-thread-1', 172, 'org.onosproject.onos-core-dist'],
  AtomixManager: ['features-3-thread-1', 172, 'org.onosproject.onos-core-dist'],
  ClusterManager: ['features-3-thread-1', 173, 'org.onosproject.onos-core-net'],
  ApplicationManager: ['onos-app-installer', 173, 'org.onosproject.onos-core-net'],
  DeviceManager: ['onos-device-manager', 173, 'org.onosproject.onos-core-net'],
  LinkManager: ['features-3-thread-1', 173, 'org.onosproject.onos-core-net'],
  HostManager: ['features-3-thread-1', 173, 'org.onosproject.onos-core-net'],
  TopologyManager: ['onos-topo-build', 173, 'org.onosproject.onos-core-net'],
  FlowRuleManager: ['features-3-thread-1', 173, 'org.onosproject.onos-core-net'],
  PacketManager: ['features-3-thread-1', 173, 'org.onosproject.onos-core-net'],
  IntentManager: ['features-3-thread-1', 173, 'org.onosproject.onos-core-net'],
  InOrderFlowObjectiveManager: ['onos-device-manager', 173, 'org.onosproject.onos-core-net'],
  OpenFlowControllerImpl: ['onos-apps-ofbase', 186, 'org.onosproject.onos-protocols-openflow-ctl'],
  'OpenFlowControllerImpl$OpenFlowSwitchAgent': ['OFDriver-0', 186, 'org.onosproject.onos-protocols-openflow-ctl'],
  LldpLinkProvider: ['onos-apps-lldp', 190, 'org.onosproject.onos-providers-lldp'],
  HostLocationProvider: ['onos-apps-host', 191, 'org.onosproject.onos-providers-host'],
  ReactiveForwarding: ['onos-apps-fwd', 205, 'org.onosproject.onos-apps-fwd'],
  ProxyArp: ['onos-apps-proxyarp', 206, 'org.onosproject.onos-apps-proxyarp'],
  FeaturesServiceImpl: ['features-3-thread-1', 11, 'org.apache.karaf.features.core'],
};

function hms(at: Micros): string {
  const t = labTime(at);
  const ms = Math.floor(at / 1000) % 1000;
  return `${pad2(t.hour)}:${pad2(t.minute)}:${pad2(t.second)}.${String(ms).padStart(3, '0')}`;
}

/** The console form (log4j2.out.pattern), ending in a newline. */
export function consoleLine(r: LogRecord): string {
  return `\x1b[90m${hms(r.at)}\x1b[0m ${r.level.padEnd(5)} [${r.logger}] ${r.message}\n`;
}

/** The karaf.log form, ending in a newline. */
export function fileLine(r: LogRecord, version: string): string {
  const t = labTime(r.at);
  const ms = Math.floor(r.at / 1000) % 1000;
  const stamp = `${t.year}-${pad2(t.month)}-${pad2(t.day)}T${pad2(t.hour)}:${pad2(t.minute)}:${pad2(t.second)},${String(ms).padStart(3, '0')}`;
  const [thread, bundleId, bundle] = ORIGIN[r.logger] ?? ['features-3-thread-1', 173, 'org.onosproject.onos-core-net'];
  const ver = bundle.startsWith('org.apache.karaf') ? '4.2.9' : version;
  return `${stamp} | ${r.level.padEnd(5)} | ${thread.padEnd(16)} | ${r.logger.padEnd(32)} | ${bundleId} - ${bundle} - ${ver} | ${r.message}\n`;
}

export class KarafLog {
  private listeners = new Set<LogListener>();

  constructor(
    private readonly fs: Vfs,
    private readonly version: string,
  ) {}

  onLog(l: LogListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  write(at: Micros, level: LogLevel, logger: string, message: string): void {
    const r: LogRecord = { at, level, logger, message };
    this.fs.writeFile(KARAF_LOG, fileLine(r, this.version), true);
    for (const l of this.listeners) l(r);
  }
}
