/**
 * The network view's picture of the sandbox (api.ts NetworkSnapshot), read from the engine: every
 * link of the emulated network except the lab machine's uplink to the outside world, the devices
 * at their ends, and Mininet's controllers (which have no links). Plain data; the same sandbox
 * state always gives the same snapshot, in the engine's order.
 */
import type { Sandbox } from '../src/sandbox';
import { Host } from '../src/devices/host';
import { OvsSwitch } from '../src/devices/ovs-switch';
import { FabricSwitch } from '../src/devices/fabric-switch';
import { ControllerNode } from '../src/devices/controller-node';
import { ContainerHost } from '../src/docker/container';
import { LinuxBridge } from '../src/docker/bridge';
import type { FrameReceiver, Intf } from '../src/net/interface';
import { formatIpv4 } from '../src/wire/addr';
import type { NetworkLinkView, NetworkNodeKind, NetworkNodeView, NetworkSnapshot, NetworkTier } from './api';

export type NetworkSnapshotBody = Omit<NetworkSnapshot, 'revision'>;

function kindOf(sb: Sandbox, owner: FrameReceiver): NetworkNodeKind {
  if (owner === sb.lab) return 'machine';
  if (owner instanceof ContainerHost) return 'container';
  if (owner instanceof LinuxBridge) return 'bridge';
  if (owner instanceof OvsSwitch) return 'switch';
  if (owner instanceof ControllerNode) return 'controller';
  // A fabric's routed switch is a host with forwarding inside, but a switch to Mininet.
  if (owner instanceof FabricSwitch) return 'switch';
  if (owner instanceof Host) return owner.cls === 'LinuxRouter' || owner.stack.forwarding ? 'router' : 'host';
  return 'switch';
}

/** A fabric switch's tier and pod (set by the fabric topologies, from mn or a Python script). */
function fabricPlace(owner: FrameReceiver): { tier?: NetworkTier; pod?: number } {
  if (!(owner instanceof FabricSwitch)) return {};
  return { ...(owner.tier !== undefined ? { tier: owner.tier } : {}), ...(owner.pod !== undefined ? { pod: owner.pod } : {}) };
}

function addressesOf(owner: FrameReceiver): string[] {
  if (!(owner instanceof Host)) return [];
  const out: string[] = [];
  for (const i of owner.intfs) {
    if (i.kind === 'loopback') continue;
    for (const a of i.addrs) out.push(`${formatIpv4(a.addr)}/${a.prefixLen}`);
  }
  return out;
}

function isUp(sb: Sandbox, owner: FrameReceiver): boolean {
  if (owner instanceof OvsSwitch || owner instanceof FabricSwitch) return owner.running;
  if (owner instanceof ContainerHost) return owner.container.state === 'running';
  if (owner instanceof ControllerNode) return owner.impl !== undefined || owner.cls === 'RemoteController';
  return sb.net.node(owner.name) !== undefined || owner instanceof LinuxBridge;
}

/** A terminal opens on Mininet's nodes (as `xterm`) and on the lab machine. */
function canOpenTerminal(sb: Sandbox, owner: FrameReceiver): boolean {
  if (owner === sb.lab) return true;
  const mn = sb.mininet;
  return mn !== undefined && mn.started && !mn.stopped && mn.get(owner.name) === owner;
}

/** Mininet prints a rate as "10.00Mbit"; the view shows the number. */
function tcOf(a: Intf, b: Intf): { bw?: number; delay?: string } {
  const tc = a.tc ?? b.tc;
  if (!tc) return {};
  return { ...(tc.bw !== undefined ? { bw: tc.bw } : {}), ...(tc.delayText !== undefined ? { delay: tc.delayText } : {}) };
}

export function networkSnapshotBody(sb: Sandbox): NetworkSnapshotBody {
  const ids = new Map<FrameReceiver, string>();
  const used = new Set<string>();
  const nodes: NetworkNodeView[] = [];
  const outside = new Set<FrameReceiver>([sb.upstream.gateway, sb.upstream.internet]);

  const add = (owner: FrameReceiver): string => {
    const known = ids.get(owner);
    if (known !== undefined) return known;
    let id = owner.name;
    for (let n = 2; used.has(id); n++) id = `${owner.name}#${n}`;
    used.add(id);
    ids.set(owner, id);
    nodes.push({
      id,
      name: owner.name,
      kind: kindOf(sb, owner),
      ...fabricPlace(owner),
      addresses: addressesOf(owner),
      up: isUp(sb, owner),
      terminal: canOpenTerminal(sb, owner),
    });
    return id;
  };

  // Mininet's nodes first, in its order (hosts, switches, controllers), so that the view's table
  // reads like `nodes`; then whatever else has links (Docker), in link order.
  const mn = sb.mininet;
  if (mn && !mn.stopped) for (const n of mn.nodes()) add(n);

  const links: NetworkLinkView[] = [];
  for (const l of sb.net.links) {
    if (outside.has(l.a.owner) || outside.has(l.b.owner)) continue;
    const a = add(l.a.owner);
    const b = add(l.b.owner);
    links.push({
      id: `${a}:${l.a.name}|${b}:${l.b.name}`,
      a: { node: a, intf: l.a.name, up: l.a.adminUp },
      b: { node: b, intf: l.b.name, up: l.b.adminUp },
      up: l.up && l.a.carrier && l.b.carrier,
      ...tcOf(l.a, l.b),
    });
  }
  return { nodes, links };
}
