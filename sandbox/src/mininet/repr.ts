/** Python reprs of Mininet objects, as `dump` and `py` print them (node.py __repr__). */
import { Host } from '../devices/host';
import { OvsSwitch } from '../devices/ovs-switch';
import { FabricSwitch } from '../devices/fabric-switch';
import { ControllerNode } from '../devices/controller-node';
import type { NetNode } from '../devices/node';
import type { Intf } from '../net/interface';
import { formatIpv4 } from '../wire/addr';

export function intfIp(i: Intf): string {
  const a = i.addrs[0];
  return a ? formatIpv4(a.addr) : 'None';
}

/** The interfaces Mininet lists for a node: a switch's include its `lo` (port 0); a host's do not. */
export function mnIntfs(n: NetNode): Intf[] {
  const byPort = (list: Intf[]): Intf[] => [...list].sort((a, b) => (a.port ?? 0) - (b.port ?? 0));
  if (n instanceof OvsSwitch || n instanceof FabricSwitch) return byPort(n.intfs);
  if (n instanceof Host) return byPort(n.dataIntfs());
  return [];
}

export function className(n: NetNode): string {
  if (n instanceof ControllerNode) return n.cls + (n.specParams ?? '');
  if (n instanceof OvsSwitch) return n.opts.cls + (n.opts.specParams ?? '');
  if (n instanceof Host) return n.cls;
  return 'Node';
}

export function nodeRepr(n: NetNode): string {
  if (n instanceof ControllerNode) return `<${className(n)} ${n.name}: ${n.ip}:${n.port} pid=${n.pid}> `;
  const intfs = mnIntfs(n).map((i) => `${i.name}:${intfIp(i)}`).join(',');
  return `<${className(n)} ${n.name}: ${intfs} pid=${n.pid}> `;
}
