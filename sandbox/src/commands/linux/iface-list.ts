/**
 * Which interfaces a namespace has, and the link-level state the Linux tools derive from them
 * (IFF_* flags, operstate, qdisc, IPv6 link-local), shared by ifconfig, ip, route and arp.
 *
 * Namespaces: a Mininet host (or router) sees its own interfaces (lo first, then its veths in
 * creation order); the lab machine's shell and every switch or controller run in the root
 * namespace, which also holds ovs-system, each bridge's internal port and every switch port
 * (LabMachine.rootInterfaces). Facts follow reference/mininet.md §3.2–3.3 and DESIGN.md
 * "Fidelity" (IPv6 is on: fe80:: link-local addresses from the MAC by EUI-64).
 */
import { Host } from '../../devices/host';
import { LabMachine } from '../../devices/lab-machine';
import { OvsSwitch } from '../../devices/ovs-switch';
import type { Intf } from '../../net/interface';
import type { IpStack } from '../../net/ip-stack';
import type { ExecContext } from '../../shell/context';
import { setIntfState } from '../../mininet/mininet';
import { linkLocalFromMac } from '../../wire/addr';
import { ContainerHost } from '../../docker/container';
import { LinuxBridge } from '../../docker/bridge';

/** Linux IFF_* bits (include/uapi/linux/if.h). */
export const IFF = {
  UP: 0x1,
  BROADCAST: 0x2,
  LOOPBACK: 0x8,
  RUNNING: 0x40,
  PROMISC: 0x100,
  ALLMULTI: 0x200,
  MULTICAST: 0x1000,
  LOWER_UP: 0x10000,
} as const;

/** True when the command runs in the root namespace (the lab shell, a switch or a controller). */
export function inRootNamespace(ctx: ExecContext): boolean {
  return ctx.node === ctx.sandbox.lab;
}

/** Every interface of the command's namespace, by ifindex (the order `ip link` prints). */
export function namespaceIntfs(ctx: ExecContext): Intf[] {
  if (inRootNamespace(ctx)) return ctx.sandbox.lab.rootInterfaces(ctx.sandbox.mininet?.switches ?? []);
  return [...ctx.node.intfs].sort((a, b) => a.ifindex - b.ifindex);
}

export function findIntf(ctx: ExecContext, name: string): Intf | undefined {
  return namespaceIntfs(ctx).find((i) => i.name === name);
}

/** The IP stack that owns an interface's addresses and routes (the root namespace's for ports). */
export function stackFor(ctx: ExecContext, intf: Intf): IpStack {
  return intf.owner instanceof Host ? intf.owner.stack : ctx.node.stack;
}

/**
 * Carrier (IFF_LOWER_UP). The lab machine's eth0 is a NIC on a virtual network that is always
 * plugged in (the upstream gateway never goes down), so it has carrier whenever it is up.
 */
export function hasCarrier(intf: Intf): boolean {
  if (intf.physical) return intf.adminUp;
  // A Linux bridge (docker0, br-…) has carrier while one of its ports (a container's veth) has:
  // with no container it shows NO-CARRIER, state DOWN, and its routes `linkdown`.
  if (isBridgeSelf(intf)) return intf.adminUp && (intf.peer!.owner as LinuxBridge).intfs.some((x) => x.name.startsWith('veth') && x.carrier);
  return intf.carrier;
}

/** IFF_RUNNING: up with carrier. */
export function isRunning(intf: Intf): boolean {
  return intf.adminUp && hasCarrier(intf);
}

/** Flags set by `ifconfig IFACE promisc|allmulti` (display only: the model does not filter by them). */
const userFlags = new WeakMap<Intf, number>();

export function setUserFlag(intf: Intf, flag: number, on: boolean): void {
  const f = userFlags.get(intf) ?? 0;
  userFlags.set(intf, on ? f | flag : f & ~flag);
}

/** The flags SIOCGIFFLAGS reports (16 bits: no LOWER_UP), as ifconfig prints them. */
export function ifaceFlags(intf: Intf): number {
  let f = intf.kind === 'loopback' ? IFF.LOOPBACK : IFF.BROADCAST | IFF.MULTICAST;
  if (intf.adminUp) f |= IFF.UP;
  if (isRunning(intf)) f |= IFF.RUNNING;
  return f | (userFlags.get(intf) ?? 0);
}

/** RFC 2863 operstate as `ip link` prints it. */
export function operState(intf: Intf): 'UP' | 'DOWN' | 'UNKNOWN' | 'LOWERLAYERDOWN' {
  if (!intf.adminUp) return 'DOWN';
  // lo and OVS internal ports do not report an operstate.
  if (intf.kind !== 'ether') return 'UNKNOWN';
  if (hasCarrier(intf)) return 'UP';
  // A veth whose peer is down: its lower layer (the peer) is down. A bridge without ports is DOWN.
  return intf.peer && !isBridgeSelf(intf) ? 'LOWERLAYERDOWN' : 'DOWN';
}

/** A Linux bridge's own interface on the lab machine (docker0, br-…), modelled as a link to the bridge. */
function isBridgeSelf(intf: Intf): boolean {
  const p = intf.peer;
  return p !== undefined && p.owner instanceof LinuxBridge && !p.name.startsWith('veth');
}

/** The root qdisc: noqueue on veths and lo, htb/netem with TCLink, fq_codel on the NIC, noop if never up. */
export function qdiscOf(intf: Intf): string {
  if (intf.kind === 'internal' && !intf.adminUp) return 'noop';
  if (intf.physical) return 'fq_codel';
  const tc = intf.tc;
  if (tc) {
    if (tc.bw !== undefined) return 'htb';
    if (tc.delay !== undefined || tc.jitter !== undefined || tc.loss !== undefined || tc.maxQueueSize !== undefined) return 'netem';
  }
  return 'noqueue';
}

/** The bridge an interface is enslaved to, as `ip link` shows it (`master ovs-system`). */
export function masterOf(intf: Intf): string | undefined {
  const o = intf.owner;
  if (o instanceof OvsSwitch && o.isOpenFlow && o.running && intf !== o.bridgeIntf && intf.kind === 'ether') return 'ovs-system';
  // A container's host-side veth is a port of docker0 / br-<12hex>.
  if (o instanceof LinuxBridge && intf.name.startsWith('veth')) return o.name;
  return undefined;
}

/**
 * The IPv6 addresses an interface carries: ::1 on lo, the EUI-64 link-local elsewhere (while up),
 * except a container's eth on an IPv4-only Docker network (none since Docker 26.0.2; docker.md §0.1).
 */
export function ipv6Addrs(intf: Intf): Array<{ addr: string; prefixLen: number; scope: 'host' | 'link' }> {
  if (!intf.adminUp) return [];
  if (intf.kind === 'loopback') return [{ addr: '::1', prefixLen: 128, scope: 'host' }];
  if (intf.owner instanceof ContainerHost) return [];
  return [{ addr: linkLocalFromMac(intf.mac), prefixLen: 64, scope: 'link' }];
}

/** ifconfig IFACE up|down / ip link set: wherever the interface lives (a host, a switch port, a bridge). */
export function setAdmin(intf: Intf, up: boolean): void {
  setIntfState(intf, up);
}

/** The namespace an interface lives in: its Mininet host's, or the root one (the lab machine's). */
function namespaceOf(intf: Intf, lab: Host): Host {
  const o = intf.owner;
  return o instanceof Host && !(o instanceof LabMachine) ? o : lab;
}

/**
 * How `ip link` names a veth's other end (print_name_and_link): by name when it is in the same
 * namespace (`s1-eth4@s2-eth2` between two switches), else by its ifindex over there
 * (`s1-eth1@if2`), together with the peer namespace's id (`link-netnsid N`). Namespace ids are
 * allocated in the order the veths reaching them were created (Mininet's link order), so in the
 * root namespace h1's is 0 and h2's is 1, and from a host the root namespace is 0.
 */
export function peerInfo(ctx: ExecContext, intf: Intf): { suffix: string; netnsid: number | undefined } {
  const p = intf.peer;
  // A Linux bridge's own interface (docker0, br-…) is not a veth: no peer to show.
  if (!p || intf.physical || isBridgeSelf(intf)) return { suffix: '', netnsid: undefined };
  const lab = ctx.sandbox.lab;
  const own = namespaceOf(intf, lab);
  const other = namespaceOf(p, lab);
  if (own === other) return { suffix: `@${p.name}`, netnsid: undefined };
  const order: Host[] = [];
  for (const l of ctx.sandbox.mininet?.links ?? []) {
    const a = namespaceOf(l.intf1, lab);
    const b = namespaceOf(l.intf2, lab);
    const far = a === own ? b : b === own ? a : undefined;
    if (far && far !== own && !order.includes(far)) order.push(far);
  }
  if (!order.includes(other)) order.push(other);
  return { suffix: `@if${p.ifindex}`, netnsid: order.indexOf(other) };
}

/**
 * net-tools' byte count in human units: base 1000, one truncated decimal
 * ("1286 (1.2 KB)", "656 (656.0 B)"; reference/mininet.md §3.2).
 */
export function humanBytes(n: number): string {
  const units: Array<[number, string]> = [
    [1e18, 'EB'], [1e15, 'PB'], [1e12, 'TB'], [1e9, 'GB'], [1e6, 'MB'], [1e3, 'KB'],
  ];
  let short = n * 10;
  let ext = 'B';
  for (const [base, name] of units) {
    if (n > base) {
      short = Math.floor((n * 10) / base);
      ext = name;
      break;
    }
  }
  return `${Math.floor(short / 10)}.${short % 10} ${ext}`;
}
