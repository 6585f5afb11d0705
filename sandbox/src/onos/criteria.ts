/**
 * Traffic selectors and treatments as ONOS writes them (reference/onos.md §3): criteria are
 * `TYPE:value` in Criterion.Type order (IN_PORT, ETH_DST, ETH_SRC, ETH_TYPE, ...), MACs in
 * uppercase, ether types by name when EthType knows one; instructions `OUTPUT:2`,
 * `OUTPUT:CONTROLLER`, `NOACTION`. Also how each becomes an OpenFlow match and actions on the
 * switch (FlowModBuilderVer13: packet-in requests carry clear_actions and send to the
 * controller with no buffering, max_len 65535).
 */
import type { Mac } from '../wire/addr';
import type { FlowAction, FlowMatch } from '../net/flow-table';

export interface OnosSelector {
  readonly inPort?: number;
  readonly ethDst?: Mac;
  readonly ethSrc?: Mac;
  readonly ethType?: number;
}

export interface OnosTreatment {
  /** Output port, or the controller; undefined is an empty treatment (NOACTION). */
  readonly output?: number | 'CONTROLLER';
  /** clearDeferred: the core's packet-in requests set it (`cleared=true`). */
  readonly cleared: boolean;
}

/** EthType.EtherType names (utils/misc EthType.java). */
const ETH_TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [0x0806, 'arp'], [0x8035, 'rarp'], [0x0800, 'ipv4'], [0x86dd, 'ipv6'], [0x88cc, 'lldp'], [0x8100, 'vlan'],
  [0x88a8, 'qinq'], [0x8942, 'bddp'], [0x8847, 'mpls_unicast'], [0x8848, 'mpls_multicast'], [0x888e, 'eapol'], [0x8809, 'slow'],
]);

export function ethTypeText(t: number): string {
  return ETH_TYPE_NAMES.get(t) ?? '0x' + t.toString(16).padStart(4, '0');
}

/** ONOS's MacAddress.toString: uppercase. */
export function macText(m: Mac): string {
  return m.toUpperCase();
}

/** The criteria in selector order, as text (what flow ids hash and `flows` prints). */
export function selectorCriteria(s: OnosSelector): string[] {
  const c: string[] = [];
  if (s.inPort !== undefined) c.push(`IN_PORT:${s.inPort}`);
  if (s.ethDst !== undefined) c.push(`ETH_DST:${macText(s.ethDst)}`);
  if (s.ethSrc !== undefined) c.push(`ETH_SRC:${macText(s.ethSrc)}`);
  if (s.ethType !== undefined) c.push(`ETH_TYPE:${ethTypeText(s.ethType)}`);
  return c;
}

export function treatmentText(t: OnosTreatment): string[] {
  return t.output === undefined ? ['NOACTION'] : [`OUTPUT:${t.output}`];
}

export function selectorMatch(s: OnosSelector): FlowMatch {
  const m: FlowMatch = {};
  if (s.inPort !== undefined) m.in_port = s.inPort;
  if (s.ethDst !== undefined) m.dl_dst = s.ethDst;
  if (s.ethSrc !== undefined) m.dl_src = s.ethSrc;
  if (s.ethType !== undefined) m.dl_type = s.ethType;
  return m;
}

export function treatmentActions(t: OnosTreatment): FlowAction[] {
  const a: FlowAction[] = [];
  if (t.output === 'CONTROLLER') a.push({ type: 'controller', maxLen: 65535 });
  else if (t.output !== undefined) a.push({ type: 'output', port: t.output });
  if (t.cleared) a.push({ type: 'clear_actions' });
  return a;
}
