/**
 * The applications bundled with ONOS 2.7.0 (reference/onos.md Appendix A: names, titles, required
 * apps) with fixed numeric ids. Real ids depend on registration order and differ per install
 * (§9.4); this table fixes them so output is stable. Anchors: drivers 3, optical-model 4,
 * hostprovider 21, openflow-base 57, lldpprovider 58, openflow 78, gui2 96 (the ids of a public
 * 2.6 `apps -a -s` listing, §4.1); fwd 166 = 0xa6, the prefix of the fwd flow ids in §8;
 * org.onosproject.net.intent 36 = 0x24, the prefix of intent flow cookies in public 2.x
 * `ovs-ofctl dump-flows` transcripts. The core's own ids: org.onosproject.core 1 (every core
 * flow id starts `10000`), org.onosproject.cli 2 (§4.11). Every other app takes the next free id
 * in name order. Categories follow the apps' BUILD files where known (fwd: Traffic Engineering,
 * §4.1) and their kind otherwise; descriptions are our own words.
 */

export const ONOS_VERSION = '2.7.0';
export const ORIGIN = 'ONOS Community';

export interface OnosAppDef {
  readonly id: number;
  readonly name: string;
  readonly title: string;
  readonly category: string;
  readonly description: string;
  readonly requires: readonly string[];
  /** Karaf feature of the app (`onos-apps-fwd`), for features=[...] and feature:install. */
  readonly feature: string;
}

/** [name without org.onosproject., title, required apps without the prefix]. */
type Row = readonly [string, string, (readonly string[])?];

const ROWS: readonly Row[] = [
  ['acl', 'Access Control Lists'],
  ['artemis', 'Artemis', ['sdnip', 'openflow', 'ovsdb', 'drivers.ovsdb']],
  ['bgprouter', 'BGP Router', ['fibinstaller', 'route-service']],
  ['castor', 'Castor', ['intentsynchronizer', 'route-service']],
  ['cfm', 'Layer 2 Monitoring CFM Application'],
  ['cluster-ha', 'Cluster HA Test'],
  ['config', 'Dynamic Configuration', ['yang']],
  ['cord-support', 'CORD Support'],
  ['cpman', 'Control Plane Manager', ['openflow-message']],
  ['cpr', 'Control Plane Redirect', ['route-service']],
  ['demo', 'Flow Throughput Demo'],
  ['dhcp', 'DHCP Server', ['hostprovider']],
  ['dhcprelay', 'DHCP Relay Agent', ['route-service', 'fpm']],
  ['distributedprimitives', 'Distributed Primitives Test'],
  ['drivermatrix', 'Driver Support Matrix'],
  ['drivers', 'Default Drivers'],
  ['drivers.arista', 'Arista Drivers', ['restsb']],
  ['drivers.barefoot', 'Barefoot Drivers', ['drivers.stratum', 'drivers.p4runtime']],
  ['drivers.bmv2', 'BMv2 Drivers', ['drivers.stratum', 'drivers.p4runtime', 'pipelines.basic']],
  ['drivers.ciena.c5162', 'Ciena 5162 Drivers', ['linkdiscovery', 'netconf', 'netconfsb', 'drivers.netconf']],
  ['drivers.ciena.c5170', 'Ciena 5170 Drivers', ['linkdiscovery', 'netconf', 'netconfsb', 'drivers.netconf']],
  ['drivers.ciena.waveserver', 'Ciena Waveserver Drivers', ['restsb', 'optical-model', 'drivers.optical']],
  ['drivers.ciena.waveserverai', 'Ciena Waveserver Ai Drivers', ['yang', 'optical-model', 'drivers.optical', 'models.ciena.waveserverai', 'netconf', 'netconfsb', 'drivers.netconf', 'linkdiscovery']],
  ['drivers.cisco.netconf', 'Cisco NETCONF Drivers', ['netconf', 'drivers.netconf']],
  ['drivers.cisco.rest', 'Cisco REST Drivers', ['restsb']],
  ['drivers.corsa', 'Corsa Drivers', ['openflow']],
  ['drivers.czechlight', 'CzechLight Drivers', ['optical-model', 'netconf', 'drivers.odtn-driver', 'drivers.netconf', 'drivers.optical']],
  ['drivers.flowspec', 'Generic Flow Spec Drivers', ['drivers', 'flowspec-api']],
  ['drivers.fujitsu', 'Fujitsu Drivers', ['netconf', 'optical-model', 'drivers.optical']],
  ['drivers.gnmi', 'gNMI Drivers', ['generaldeviceprovider', 'protocols.gnmi']],
  ['drivers.gnoi', 'gNOI Drivers', ['generaldeviceprovider', 'protocols.gnoi']],
  ['drivers.hp', 'HP Drivers', ['openflow']],
  ['drivers.juniper', 'Juniper Drivers', ['netconf']],
  ['drivers.lisp', 'Generic LISP Drivers', ['lisp']],
  ['drivers.lumentum', 'Lumentum Drivers', ['snmp', 'faultmanagement', 'optical-model', 'tl1', 'netconf', 'drivers.odtn-driver', 'drivers.netconf', 'drivers.optical']],
  ['drivers.mellanox', 'Mellanox Drivers', ['drivers.p4runtime', 'pipelines.fabric']],
  ['drivers.netconf', 'Generic NETCONF Drivers', ['netconf']],
  ['drivers.odtn-driver', 'ODTN Driver', ['restsb', 'netconf', 'config', 'odtn-api', 'drivers.netconf', 'drivers.optical', 'optical-model', 'drivers.gnmi']],
  ['drivers.oplink', 'Oplink Drivers', ['netconf', 'optical-model']],
  ['drivers.optical', 'Basic Optical Drivers', ['drivers', 'optical-model']],
  ['drivers.ovsdb', 'Generic OVSDB Drivers', ['ovsdb-base']],
  ['drivers.p4runtime', 'P4Runtime Drivers', ['generaldeviceprovider', 'protocols.p4runtime', 'p4runtime', 'drivers']],
  ['drivers.polatis.netconf', 'Polatis Device Drivers', ['netconf', 'models.common', 'models.polatis', 'optical-model', 'faultmanagement']],
  ['drivers.polatis.openflow', 'Polatis OpenFlow Device Drivers', ['drivers.optical', 'optical-model']],
  ['drivers.server', 'Server Device Drivers', ['restsb']],
  ['drivers.stratum', 'Stratum Drivers', ['generaldeviceprovider', 'drivers.gnmi', 'drivers.gnoi', 'drivers.p4runtime', 'pipelines.basic']],
  ['drivers.stratum-odtn', 'Stratum Odtn Drivers', ['drivers.stratum', 'drivers.odtn-driver']],
  ['drivers.zte', 'ZTE Drivers', ['netconf', 'restsb', 'config', 'odtn-api', 'drivers.netconf', 'drivers.optical', 'optical-model']],
  ['election', 'Master Election Test'],
  ['events', 'Event History'],
  ['faultmanagement', 'Fault Management'],
  ['fibinstaller', 'FIB Installer', ['route-service']],
  ['flow-perf', 'Flow Performance Test'],
  ['flowanalyzer', 'Flow Space Analysis'],
  ['flowspec-api', 'Flowspec API'],
  ['fpm', 'FIB Push Manager (FPM) Route Receiver', ['route-service']],
  ['fwd', 'Reactive Forwarding'],
  ['gangliametrics', 'Ganglia Report and Query'],
  ['generaldeviceprovider', 'General Device Provider', ['protocols.gnmi']],
  ['graphitemetrics', 'Graphite Report and Query'],
  ['gui', 'ONOS Legacy GUI'],
  ['gui2', 'ONOS GUI2'],
  ['hostprobingprovider', 'Host Probing Provider'],
  ['hostprovider', 'Host Location Provider'],
  ['imr', 'Intent Monitoring and Rerouting'],
  ['inbandtelemetry', 'P4 In-band Network Telemetry Service'],
  ['influxdbmetrics', 'InfluxDB Report and Query'],
  ['intentperf', 'Intent Performance Test'],
  ['intentsynchronizer', 'Intent Synchronizer'],
  ['k8s-networking', 'Kubernetes Networking Application', ['k8s-node']],
  ['k8s-node', 'Kubernetes Node Application', ['ovsdb-base', 'drivers.ovsdb']],
  ['kafka-integration', 'Kafka Integration'],
  ['kubevirt-networking', 'KubeVirt Networking Application', ['kubevirt-node']],
  ['kubevirt-node', 'KubeVirt Node Application', ['ovsdb-base', 'drivers.ovsdb']],
  ['layout', 'UI Auto-Layout'],
  ['linkdiscovery', 'Link Discovery Provider'],
  ['linkprops', 'Link Properties'],
  ['lisp', 'LISP Provider'],
  ['lldpprovider', 'LLDP Link Provider'],
  ['loadtest', 'Distributed Load Test'],
  ['mappingmanagement', 'Mapping Management'],
  ['mcast', 'Multicast traffic control'],
  ['messaging-perf', 'Messaging Performance Test'],
  ['metrics', 'Topology & Intent Metrics'],
  ['mfwd', 'Multicast Forwarding'],
  ['mlb', 'Mastership Load Balancer'],
  ['mobility', 'Host Mobility'],
  ['models.ciena.waveserverai', 'Ciena Waveserver Ai YANG Models', ['models.common']],
  ['models.common', 'Common YANG Models'],
  ['models.ietf', 'IETF YANG Models'],
  ['models.openconfig', 'OpenConfig YANG Models', ['models.ietf']],
  ['models.openconfig-infinera', 'OpenConfig Infinera XT3300 YANG Models', ['models.ietf']],
  ['models.openconfig-odtn', 'OpenConfig RD v0.3 YANG Models', ['models.ietf']],
  ['models.openroadm', 'Open ROADM YANG Models'],
  ['models.polatis', 'Polatis YANG Model', ['models.common']],
  ['models.tapi', 'ONF Transport API YANG Models'],
  ['netcfg-monitor', 'Network Configuration Monitor Test'],
  ['netcfghostprovider', 'Network Config Host Provider'],
  ['netcfglinksprovider', 'Network Config Link Provider'],
  ['netconf', 'NETCONF Provider', ['faultmanagement']],
  ['network-troubleshoot', 'Network Troubleshooter'],
  ['newoptical', 'Packet/Optical Use-Case', ['optical-model']],
  ['node-diagnosis', 'Controller node diagnosis Application'],
  ['nodemetrics', 'Controller Monitor Application'],
  ['null', 'Null Provider Suite'],
  ['odtn-api', 'ODTN API & Utilities Application', ['config', 'yang', 'models.tapi', 'models.openconfig', 'models.openconfig-infinera', 'models.openconfig-odtn', 'netconf']],
  ['odtn-service', 'ODTN Service Application', ['yang', 'config', 'configsync', 'models.tapi', 'odtn-api', 'restconf', 'drivers.netconf', 'drivers.odtn-driver', 'netconf', 'optical-model', 'configsync-netconf', 'protocols.restconfserver']],
  ['ofagent', 'OpenFlow Agent', ['virtual']],
  ['onlp-demo', 'ONLP device demo', ['protocols.gnmi']],
  ['onos-topo', 'µONOS Integration', ['protocols.grpc']],
  ['openflow', 'OpenFlow Provider Suite', ['hostprovider', 'lldpprovider', 'openflow-base']],
  ['openflow-base', 'OpenFlow Base Provider', ['optical-model']],
  ['openflow-message', 'Control Message Stats Provider'],
  ['openroadm', 'Open ROADM', ['yang', 'yang-gui', 'config', 'restconf', 'protocols.restconfserver', 'netconf', 'netconfsb', 'models.openroadm']],
  ['openstacknetworking', 'OpenStack Networking Application', ['openstacknode']],
  ['openstacknetworkingui', 'Openstack Networking UI', ['openstacknetworking']],
  ['openstacknode', 'OpenStack Node Bootstrap', ['ovsdb-base', 'drivers.ovsdb']],
  ['openstacktelemetry', 'OpenStack Telemetry Application', ['openstacknetworking']],
  ['openstacktroubleshoot', 'OpenStack Troubleshoot', ['openstacknetworking']],
  ['openstackvtap', 'Openstack Vtap Application', ['openstacknetworking']],
  ['optical-model', 'Optical Network Model'],
  ['optical-rest', 'Optical Network Model REST API', ['optical-model']],
  ['ovsdb', 'OVSDB Southbound Meta', ['ovsdb-base', 'ovsdbhostprovider', 'tunnel']],
  ['ovsdb-base', 'OVSDB Provider', ['tunnel']],
  ['ovsdbhostprovider', 'OVSDB host Provider', ['ovsdb-base']],
  ['p4runtime', 'P4Runtime Provider', ['protocols.p4runtime']],
  ['p4tutorial.mytunnel', 'MyTunnel Demo App', ['p4tutorial.pipeconf']],
  ['p4tutorial.pipeconf', 'P4 Tutorial Pipeconf', ['drivers.p4runtime']],
  ['packet-stats', 'Packet Statistics'],
  ['packetthrottle', 'Packet Throttler'],
  ['pathpainter', 'Path Visualization'],
  ['pim', 'Protocol Independent Multicast Emulation', ['route-service']],
  ['pipelines.basic', 'Basic Pipelines', ['drivers.p4runtime']],
  ['pipelines.fabric', 'Fabric Pipeline', ['drivers.p4runtime', 'pipelines.basic']],
  ['portloadbalancer', 'Port Load Balance Service'],
  ['powermanagement', 'Power Management'],
  ['primitiveperf', 'Primitive Performance Test'],
  ['protocols.gnmi', 'gNMI Protocol Subsystem', ['protocols.grpc']],
  ['protocols.gnoi', 'gNOI Protocol Subsystem', ['protocols.grpc']],
  ['protocols.grpc', 'gRPC Protocol Subsystem'],
  ['protocols.p4runtime', 'P4Runtime Protocol Subsystem', ['protocols.grpc']],
  ['protocols.restconfserver', 'RESTCONF Server Module'],
  ['protocols.xmpp', 'XMPP Core Protocol Subsystem'],
  ['protocols.xmpp.pubsub', 'XMPP Publish/Subscribe protocol extension subsystem', ['protocols.xmpp']],
  ['proxyarp', 'Proxy ARP/NDP'],
  ['rabbitmq', 'Rabbit MQ Integration', ['proxyarp']],
  ['reactive-routing', 'SDN-IP Reactive Routing', ['intentsynchronizer', 'sdnip', 'route-service']],
  ['restconf', 'RESTCONF Application Module', ['yang', 'config']],
  ['restsb', 'REST Provider'],
  ['roadm', 'Optical Application'],
  ['route-service', 'Route Service Server'],
  ['routeradvertisement', 'IPv6 RA Generator'],
  ['routescale', 'Route and Flow Scalability Test', ['route-service']],
  ['scalablegateway', 'Scalable Gateway'],
  ['sdnip', 'SDN-IP', ['intentsynchronizer', 'route-service']],
  ['simplefabric', 'SONA SimpleFabric', ['openflow-base', 'lldpprovider', 'hostprovider', 'route-service']],
  ['snmp', 'SNMP Provider', ['faultmanagement']],
  ['tl1', 'TL1 Provider'],
  ['transaction-perf', 'Transaction Performance Test'],
  ['tunnel', 'Tunnel Subsystem'],
  ['virtual', 'Virtual Network Subsystem', ['tunnel']],
  ['virtualbng', 'Virtual Broadband Gateway'],
  ['vpls', 'VLAN L2 Broadcast Network', ['intentsynchronizer']],
  ['vrouter', 'Virtual Router', ['fibinstaller', 'cpr', 'fpm']],
  ['workflow', 'Workflow'],
  ['workflow.ofoverlay', 'Openflow overlay', ['openflow', 'ovsdb', 'drivers.ovsdb', 'workflow']],
  ['xmpp.device', 'XMPP Device Provider', ['protocols.xmpp']],
  ['yang', 'YANG Compiler and Runtime'],
  ['yang-gui', 'YANG Runtime GUI', ['yang']],
];

const PREFIX = 'org.onosproject.';

/** Ids registered by the core itself (not bundled apps, so not in `apps`). */
export const CORE_APP_IDS: Readonly<Record<string, number>> = {
  'org.onosproject.core': 1,
  'org.onosproject.cli': 2,
  'org.onosproject.net.intent': 36,
};

const ANCHORS: Readonly<Record<string, number>> = {
  drivers: 3, 'optical-model': 4, hostprovider: 21, 'openflow-base': 57, lldpprovider: 58, openflow: 78, gui2: 96, fwd: 166,
};

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  fwd: 'Reactive forwarding: asks for IPv4 packet-ins and installs a temporary rule on each switch a packet crosses, towards its destination host.',
  openflow: 'Everything needed to manage OpenFlow switches: the OpenFlow base provider, LLDP link discovery and host location discovery.',
  'openflow-base': 'Speaks OpenFlow to switches: accepts their connections on ports 6633 and 6653, learns their ports and programs their flow tables.',
  lldpprovider: 'Discovers infrastructure links by sending LLDP and BDDP probes out of every switch port.',
  hostprovider: 'Learns where hosts attach from the packets they send (ARP gives their addresses as well).',
  'optical-model': 'The optical network model (ports, channels and links of optical devices).',
  drivers: 'The default device drivers, including Open vSwitch.',
  gui2: 'The web user interface at http://<host>:8181/onos/ui (Angular version).',
  gui: 'The legacy web user interface at http://<host>:8181/onos/ui.',
  proxyarp: 'Answers ARP and NDP requests for known hosts on their behalf and floods the others to edge ports.',
};

/** Karaf feature names that do not follow `onos-apps-<dir>` (the apps live outside apps/; inferred from the source tree). */
const FEATURES: Readonly<Record<string, string>> = {
  openflow: 'onos-providers-openflow-app', 'openflow-base': 'onos-providers-openflow-base', lldpprovider: 'onos-providers-lldp',
  hostprovider: 'onos-providers-host', drivers: 'onos-drivers-default', gui2: 'onos-web-gui2', gui: 'onos-web-gui',
};

const TRAFFIC = new Set(['fwd', 'proxyarp', 'sdnip', 'reactive-routing', 'mobility', 'vpls', 'mfwd', 'imr', 'bgprouter', 'castor', 'vrouter', 'simplefabric', 'pim', 'mcast', 'portloadbalancer']);
const PROVIDERS = new Set([
  'openflow', 'openflow-base', 'netconf', 'ovsdb', 'ovsdb-base', 'restsb', 'snmp', 'tl1', 'lisp', 'p4runtime', 'null', 'linkdiscovery',
  'openflow-message', 'xmpp.device', 'generaldeviceprovider', 'netcfglinksprovider', 'netcfghostprovider',
]);
const TESTS = new Set(['election', 'loadtest', 'cluster-ha', 'distributedprimitives', 'demo', 'netcfg-monitor', 'routescale']);

function categoryOf(short: string): string {
  if (TRAFFIC.has(short)) return 'Traffic Engineering';
  if (short === 'acl' || short === 'packetthrottle') return 'Security';
  if (short === 'drivers' || short.startsWith('drivers.')) return 'Drivers';
  if (short.startsWith('models.')) return 'Models';
  if (short.startsWith('protocols.')) return 'Protocol';
  if (short.startsWith('pipelines.') || short.startsWith('p4tutorial.')) return 'Pipeconf';
  if (PROVIDERS.has(short) || short.endsWith('provider')) return 'Provider';
  if (TESTS.has(short) || short.endsWith('perf')) return 'Test';
  if (short.startsWith('gui') || short === 'yang-gui' || short === 'layout') return 'GUI';
  if (short.includes('metrics') || ['cpman', 'events', 'packet-stats', 'faultmanagement', 'node-diagnosis'].includes(short)) return 'Monitoring';
  if (short.includes('optical') || short.startsWith('odtn') || short.includes('roadm')) return 'Optical';
  if (/^(k8s|kubevirt|openstack|workflow)/.test(short) || ['cord-support', 'scalablegateway', 'kafka-integration', 'rabbitmq'].includes(short)) return 'Integration';
  return 'Utility';
}

function build(): OnosAppDef[] {
  const used = new Set<number>([...Object.values(CORE_APP_IDS), ...Object.values(ANCHORS)]);
  let next = 1;
  const nextFree = (): number => {
    while (used.has(next)) next++;
    used.add(next);
    return next;
  };
  const defs: OnosAppDef[] = [];
  for (const [short, title, requires] of ROWS) {
    const id = ANCHORS[short] ?? nextFree();
    defs.push({
      id,
      name: PREFIX + short,
      title,
      category: categoryOf(short),
      description: DESCRIPTIONS[short] ?? `${title}.`,
      requires: (requires ?? []).map((r) => PREFIX + r),
      feature: FEATURES[short] ?? `onos-apps-${short.replace(/\./g, '-')}`,
    });
  }
  return defs.sort((a, b) => a.id - b.id);
}

/** Every bundled app, by numeric id. */
export const APP_CATALOGUE: readonly OnosAppDef[] = build();

const BY_NAME = new Map(APP_CATALOGUE.map((a) => [a.name, a]));

export function appDef(name: string): OnosAppDef | undefined {
  return BY_NAME.get(name);
}

/** The numeric id of a bundled app or of one the core registers; undefined for unknown names. */
export function appIdOf(name: string): number | undefined {
  return CORE_APP_IDS[name] ?? BY_NAME.get(name)?.id;
}

/** The apps `onos-service` activates on a fresh 2.x start (§5.1: SYS_APPS drivers + ONOS_APPS gui2). */
export const DEFAULT_APPS: readonly string[] = ['org.onosproject.drivers', 'org.onosproject.gui2'];
