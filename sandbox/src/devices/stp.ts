/**
 * Spanning tree for bridges started with stp=1 (Linux bridge or OVS in standalone mode),
 * reduced to its outcome: the bridge with the lowest id (its name here, as every bridge has the
 * default priority 0x8000) is root; each bridge keeps the ports on its shortest path to the root
 * (ties to the lower-numbered neighbour) and the ports to bridges below it; every other
 * bridge-to-bridge port is blocked. As in 802.1D with Linux's defaults, no port forwards until
 * listening and learning have passed (2 × forward_delay = 30 s).
 */
import type { OvsSwitch } from './ovs-switch';
import { naturalCompare } from '../topo/natural';

export const STP_CONVERGENCE_US = 30_000_000;

export function applySpanningTree(bridges: readonly OvsSwitch[]): void {
  if (bridges.length === 0) return;
  const set = new Set(bridges);
  const sorted = [...bridges].sort((a, b) => naturalCompare(a.name, b.name));
  const parentPort = new Map<OvsSwitch, number>();
  const treePorts = new Map<OvsSwitch, Set<number>>(bridges.map((b) => [b, new Set()]));
  const seen = new Set<OvsSwitch>();
  // Breadth-first from each unvisited bridge (one tree per connected group).
  for (const root of sorted) {
    if (seen.has(root)) continue;
    seen.add(root);
    const queue: OvsSwitch[] = [root];
    while (queue.length) {
      const b = queue.shift()!;
      const neighbours = b
        .ports()
        .map(({ no, intf }) => ({ no, peer: intf.peer }))
        .filter((p) => p.peer && set.has(p.peer.owner as OvsSwitch))
        .sort((x, y) => naturalCompare(x.peer!.owner.name, y.peer!.owner.name));
      for (const { no, peer } of neighbours) {
        const other = peer!.owner as OvsSwitch;
        if (seen.has(other)) continue;
        seen.add(other);
        const otherPort = other.portNo(peer!)!;
        parentPort.set(other, otherPort);
        treePorts.get(b)!.add(no);
        treePorts.get(other)!.add(otherPort);
        queue.push(other);
      }
    }
  }
  const net = bridges[0]!.net;
  for (const b of bridges) {
    b.blockedPorts.clear();
    for (const { no } of b.ports()) b.blockedPorts.add(no);
    b.stpForwardingAt = net.sched.now + STP_CONVERGENCE_US;
  }
  net.sched.after(STP_CONVERGENCE_US, () => {
    for (const b of bridges) {
      for (const { no, intf } of b.ports()) {
        const toBridge = intf.peer && set.has(intf.peer.owner as OvsSwitch);
        if (!toBridge || treePorts.get(b)!.has(no)) b.blockedPorts.delete(no);
      }
    }
  });
}
