/**
 * Component configuration as `cfg get`/`cfg set` see it (reference/onos.md §4.14): the
 * properties of the components the emulator runs, with their defaults from each component's
 * OsgiPropertyConstants. Properties that change behaviour here: fwd's flowTimeout, flowPriority,
 * packetOutOnly and matchDstMacOnly; the LLDP provider's probeRate and staleLinkAge; the
 * OpenFlow rule provider's flowPollFrequency. The others are listed but cannot be changed.
 * Descriptions are our own words.
 */
import type { OnosConfigProperty } from './model';

interface PropDef {
  readonly name: string;
  readonly type: 'integer' | 'boolean' | 'long' | 'string';
  readonly defaultValue: string;
  readonly description: string;
  /** Emulated: a new value changes what the component does. */
  readonly live?: boolean;
}

const FWD = 'org.onosproject.fwd.ReactiveForwarding';
const LLDP = 'org.onosproject.provider.lldp.impl.LldpLinkProvider';
const OF_FLOW = 'org.onosproject.provider.of.flow.impl.OpenFlowRuleProvider';

const COMPONENTS: ReadonlyMap<string, readonly PropDef[]> = new Map([
  [FWD, [
    { name: 'packetOutOnly', type: 'boolean', defaultValue: 'false', description: 'Only send packets out, never install rules', live: true },
    { name: 'packetOutOfppTable', type: 'boolean', defaultValue: 'false', description: 'Send packets back to the switch table instead of out of a port' },
    { name: 'flowTimeout', type: 'integer', defaultValue: '10', description: 'Idle timeout of installed rules, in seconds', live: true },
    { name: 'flowPriority', type: 'integer', defaultValue: '10', description: 'Priority of installed rules', live: true },
    { name: 'ipv6Forwarding', type: 'boolean', defaultValue: 'false', description: 'Forward IPv6 as well' },
    { name: 'matchDstMacOnly', type: 'boolean', defaultValue: 'false', description: 'Match only the destination MAC address', live: true },
    { name: 'matchVlanId', type: 'boolean', defaultValue: 'false', description: 'Match the VLAN id too' },
    { name: 'matchIpv4Address', type: 'boolean', defaultValue: 'false', description: 'Match IPv4 addresses too' },
    { name: 'matchIpv4Dscp', type: 'boolean', defaultValue: 'false', description: 'Match the IPv4 DSCP and ECN bits too' },
    { name: 'matchIpv6Address', type: 'boolean', defaultValue: 'false', description: 'Match IPv6 addresses too' },
    { name: 'matchIpv6FlowLabel', type: 'boolean', defaultValue: 'false', description: 'Match the IPv6 flow label too' },
    { name: 'matchTcpUdpPorts', type: 'boolean', defaultValue: 'false', description: 'Match TCP and UDP ports too' },
    { name: 'matchIcmpFields', type: 'boolean', defaultValue: 'false', description: 'Match ICMP type and code too' },
    { name: 'ignoreIPv4Multicast', type: 'boolean', defaultValue: 'false', description: 'Leave IPv4 multicast to other apps' },
    { name: 'recordMetrics', type: 'boolean', defaultValue: 'false', description: 'Count what is forwarded per MAC address' },
  ]],
  [LLDP, [
    { name: 'enabled', type: 'boolean', defaultValue: 'true', description: 'Discover links' },
    { name: 'useBddp', type: 'boolean', defaultValue: 'true', description: 'Send BDDP probes as well as LLDP' },
    { name: 'probeRate', type: 'integer', defaultValue: '3000', description: 'Milliseconds between probes of a port', live: true },
    { name: 'staleLinkAge', type: 'integer', defaultValue: '10000', description: 'Milliseconds without probes before a link expires', live: true },
    { name: 'maxProbes', type: 'integer', defaultValue: '3', description: 'Probes sent before a port is given up' },
  ]],
  [OF_FLOW, [
    { name: 'flowPollFrequency', type: 'integer', defaultValue: '5', description: 'Seconds between flow statistics requests', live: true },
    { name: 'adaptiveFlowSampling', type: 'boolean', defaultValue: 'false', description: 'Poll busy flows more often' },
  ]],
]);

export class ComponentConfig {
  private readonly values = new Map<string, string>();
  /** Called after a live property changed. */
  onChange: (component: string, name: string) => void = () => undefined;

  reset(): void {
    this.values.clear();
  }

  components(): string[] {
    return [...COMPONENTS.keys()].sort();
  }

  properties(component: string): OnosConfigProperty[] | undefined {
    const defs = COMPONENTS.get(component);
    if (!defs) return undefined;
    return [...defs].sort((a, b) => (a.name < b.name ? -1 : 1)).map((d) => ({
      name: d.name, type: d.type, value: this.values.get(`${component}/${d.name}`) ?? d.defaultValue, defaultValue: d.defaultValue, description: d.description,
    }));
  }

  /** Undefined when set, else the message to print. */
  set(component: string, name: string, value: string): string | undefined {
    const def = COMPONENTS.get(component)?.find((d) => d.name === name);
    if (!def) return `Property ${name} is not defined for component ${component}`;
    if (def.type === 'integer' && !/^-?\d+$/.test(value)) return `For input string: "${value}"`;
    if (!def.live) return `cfg set ${name}: not supported in this sandbox (the emulated ${component.split('.').pop()} does not use it)`;
    this.values.set(`${component}/${name}`, def.type === 'boolean' ? String(value.toLowerCase() === 'true') : String(Number(value)));
    this.onChange(component, name);
    return undefined;
  }

  number(component: string, name: string): number {
    const v = this.values.get(`${component}/${name}`) ?? COMPONENTS.get(component)?.find((d) => d.name === name)?.defaultValue ?? '0';
    return Number(v);
  }

  flag(component: string, name: string): boolean {
    return (this.values.get(`${component}/${name}`) ?? COMPONENTS.get(component)?.find((d) => d.name === name)?.defaultValue) === 'true';
  }
}

export const CFG = { FWD, LLDP, OF_FLOW } as const;
