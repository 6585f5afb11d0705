/**
 * `-j` output: the JSON codecs ONOS's REST API and CLI share (reference/onos.md §7), compact,
 * keys in the codec's put order. The CLI prints a list as a top-level array of codec objects
 * (`ApplicationsListCommand.json` and friends); `flows -j` groups by device
 * ({"device", "flowCount", "flows"}, FlowsListCommand.json).
 */
import type { Micros } from '../../sim/time';
import type { OnosAppInfo, OnosDeviceInfo, OnosFlowInfo, OnosHostInfo, OnosLinkInfo } from '../../onos/model';
import { appFeature, appFeaturesRepo, epochMillis, flowDuration, localStatus } from './format';

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

export function compact(value: Json): string {
  return JSON.stringify(value);
}

export function deviceJson(d: OnosDeviceInfo, now: Micros): Json {
  const o: { [k: string]: Json } = {
    id: d.id, type: 'SWITCH', available: d.available, role: d.role, mfr: d.mfr, hw: d.hw, sw: d.sw,
    serial: d.serial, driver: d.driver, chassisId: d.chassis, lastUpdate: String(epochMillis(d.statusSince)),
    humanReadableLastUpdate: localStatus(d, now),
  };
  const keys = Object.keys(d.annotations).filter((k) => k !== 'driver').sort();
  if (keys.length) o['annotations'] = Object.fromEntries(keys.map((k) => [k, d.annotations[k]!]));
  return o;
}

export function hostJson(h: OnosHostInfo): Json {
  return {
    id: h.id, mac: h.mac, vlan: h.vlan, innerVlan: 'None', outerTpid: '0x0000', configured: false, suspended: false,
    ipAddresses: [...h.ips], locations: h.locations.map((l) => ({ elementId: l.device, port: String(l.port) })),
  };
}

export function linkJson(l: OnosLinkInfo): Json {
  return {
    src: { port: String(l.src.port), device: l.src.device },
    dst: { port: String(l.dst.port), device: l.dst.device },
    type: l.type, state: l.state,
  };
}

/** EthType names back to numbers, as the codec prints them: 0x + lowercase hex, unpadded. */
const ETH_TYPES: Readonly<Record<string, string>> = {
  ipv4: '0x800', arp: '0x806', lldp: '0x88cc', bddp: '0x8942', ipv6: '0x86dd', vlan: '0x8100', rarp: '0x8035',
};

/** A criterion from its text form ('IN_PORT:1') to the codec's object. */
export function criterionJson(c: string): Json {
  const i = c.indexOf(':');
  const type = i < 0 ? c : c.slice(0, i);
  const v = i < 0 ? '' : c.slice(i + 1);
  switch (type) {
    case 'IN_PORT': case 'IN_PHY_PORT':
      return { type, port: /^\d+$/.test(v) ? Number(v) : v };
    case 'ETH_DST': case 'ETH_SRC':
      return { type, mac: v };
    case 'ETH_TYPE':
      return { type, ethType: ETH_TYPES[v] ?? v };
    case 'IPV4_SRC': case 'IPV4_DST':
      return { type, ip: v };
    case 'IP_PROTO':
      return { type, protocol: Number(v) };
    case 'TCP_SRC': case 'TCP_DST':
      return { type, tcpPort: Number(v) };
    case 'UDP_SRC': case 'UDP_DST':
      return { type, udpPort: Number(v) };
    case 'ICMPV4_TYPE':
      return { type, icmpType: Number(v) };
    case 'ICMPV4_CODE':
      return { type, icmpCode: Number(v) };
    case 'VLAN_VID':
      return { type, vlanId: v };
    default:
      return { type, value: v };
  }
}

export function instructionJson(text: string): Json {
  const i = text.indexOf(':');
  if (i < 0) return { type: text };
  const type = text.slice(0, i);
  return type === 'OUTPUT' ? { type, port: text.slice(i + 1) } : { type, value: text.slice(i + 1) };
}

export function flowJson(f: OnosFlowInfo, now: Micros): Json {
  return {
    groupId: 0, state: f.state, life: flowDuration(f, now), liveType: 'UNKNOWN', lastSeen: epochMillis(now),
    packets: f.packets, bytes: f.bytes, id: f.id.toString(10), appId: f.appName, priority: f.priority,
    timeout: f.timeout, isPermanent: f.permanent, deviceId: f.deviceId, tableId: f.tableId, tableName: String(f.tableId),
    treatment: { instructions: f.treatment.map(instructionJson), clearDeferred: f.cleared, deferred: [] },
    selector: { criteria: f.selector.map(criterionJson) },
  };
}

export function appJson(a: OnosAppInfo): Json {
  return {
    name: a.name, id: a.id, version: a.version, category: a.category, description: a.description,
    readme: a.description, origin: 'ONOS Community', url: 'http://onosproject.org', featuresRepo: appFeaturesRepo(a),
    state: a.active ? 'ACTIVE' : 'INSTALLED', features: [appFeature(a.name)], permissions: [], requiredApps: [...a.requires],
  };
}
