/**
 * A topology as data (Mininet's Topo): nodes with options and links with port numbers.
 * Port numbering follows Topo.addPort: per node, the next port is the number of ports it
 * already has plus a base of 1 for switches and 0 for everything else, in addLink order.
 * Building a network from a Topo is a separate step (mininet/build.ts).
 */
import { naturalCompare, naturalSort } from './natural';

export type NodeOpts = Record<string, unknown>;

export interface TopoNode {
  readonly name: string;
  readonly isSwitch: boolean;
  readonly opts: NodeOpts;
}

export interface TopoLink {
  readonly node1: string;
  readonly node2: string;
  readonly port1: number;
  readonly port2: number;
  readonly opts: NodeOpts;
}

export class Topo {
  private nodeMap = new Map<string, TopoNode>();
  private linkList: TopoLink[] = [];
  private portCount = new Map<string, Map<number, string>>();

  constructor(
    readonly hopts: NodeOpts = {},
    readonly sopts: NodeOpts = {},
    readonly lopts: NodeOpts = {},
  ) {}

  addNode(name: string, opts: NodeOpts = {}): string {
    this.nodeMap.set(name, { name, isSwitch: opts['isSwitch'] === true, opts });
    return name;
  }

  addHost(name: string, opts: NodeOpts = {}): string {
    return this.addNode(name, { ...this.hopts, ...opts });
  }

  addSwitch(name: string, opts: NodeOpts = {}): string {
    return this.addNode(name, { ...this.sopts, ...opts, isSwitch: true });
  }

  isSwitch(name: string): boolean {
    return this.nodeMap.get(name)?.isSwitch ?? false;
  }

  private nextPort(node: string): number {
    const ports = this.portCount.get(node) ?? new Map();
    const base = this.isSwitch(node) ? 1 : 0;
    return ports.size + base;
  }

  addLink(node1: string, node2: string, port1?: number, port2?: number, opts: NodeOpts = {}): void {
    for (const n of [node1, node2]) {
      if (!this.nodeMap.has(n)) this.addHost(n);
    }
    const p1 = port1 ?? this.nextPort(node1);
    const p2 = port2 ?? this.nextPort(node2);
    for (const [n, p, peer] of [[node1, p1, node2], [node2, p2, node1]] as const) {
      if (!this.portCount.has(n)) this.portCount.set(n, new Map());
      this.portCount.get(n)!.set(p, peer);
    }
    this.linkList.push({ node1, node2, port1: p1, port2: p2, opts: { ...this.lopts, ...opts } });
  }

  node(name: string): TopoNode | undefined {
    return this.nodeMap.get(name);
  }

  /** Everything that is not a switch is a host (as in Mininet: a router added with addNode is a host). */
  hosts(): string[] {
    return naturalSort([...this.nodeMap.values()].filter((n) => !n.isSwitch).map((n) => n.name));
  }

  switches(): string[] {
    return naturalSort([...this.nodeMap.values()].filter((n) => n.isSwitch).map((n) => n.name));
  }

  /** Links sorted naturally on (node1, node2), as Topo.links(sort=True) returns them; stable. */
  links(): TopoLink[] {
    return [...this.linkList].sort((a, b) => naturalCompare(a.node1, b.node1) || naturalCompare(a.node2, b.node2));
  }

  get size(): number {
    return this.nodeMap.size;
  }
}
