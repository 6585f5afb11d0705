/**
 * A topology snapshot, as ONOS's DefaultTopology computes it on every change (reference/onos.md
 * §4.8–4.10): clusters are the strongly connected components of the device graph (a device with
 * no links is a cluster of its own); paths are every equal-cost shortest path by hop count
 * (HopCountLinkWeigher, cost = hops); a connect point is infrastructure when a link ends there;
 * broadcast points are the edge ports plus both ends of the links of each cluster's broadcast
 * tree (a shortest-path tree from the cluster's lowest device id), which is how fwd floods
 * without loops.
 */
import type { OnosConnectPoint, OnosLinkInfo, OnosPath } from './model';

export function cpKey(cp: OnosConnectPoint): string {
  return `${cp.device}/${cp.port}`;
}

/** Paths beyond this many between one pair are not listed (a guard for meshes). */
const MAX_PATHS = 64;

export class TopologyGraph {
  /** Links leaving each device, in a fixed order. */
  private readonly out = new Map<string, OnosLinkInfo[]>();
  private readonly infra = new Set<string>();
  private broadcast: Set<string> | undefined;
  private clusterCount: number | undefined;

  constructor(
    readonly devices: readonly string[],
    readonly links: readonly OnosLinkInfo[],
  ) {
    for (const d of devices) this.out.set(d, []);
    for (const l of links) {
      const from = this.out.get(l.src.device);
      if (!from || !this.out.has(l.dst.device)) continue;
      from.push(l);
      this.infra.add(cpKey(l.src));
      this.infra.add(cpKey(l.dst));
    }
    for (const ls of this.out.values()) ls.sort((a, b) => a.src.port - b.src.port || a.dst.device.localeCompare(b.dst.device));
  }

  hasDevice(id: string): boolean {
    return this.out.has(id);
  }

  isInfrastructure(cp: OnosConnectPoint): boolean {
    return this.infra.has(cpKey(cp));
  }

  isBroadcastPoint(cp: OnosConnectPoint): boolean {
    if (!this.isInfrastructure(cp)) return true;
    this.broadcast ??= this.buildBroadcastTree();
    return this.broadcast.has(cpKey(cp));
  }

  /** Number of strongly connected components (Tarjan). */
  clusters(): number {
    this.clusterCount ??= this.sccs().length;
    return this.clusterCount;
  }

  /** Every shortest path from src to dst (none when they are the same device or unreachable). */
  paths(src: string, dst: string): OnosPath[] {
    if (src === dst || !this.out.has(src) || !this.out.has(dst)) return [];
    const dist = new Map<string, number>([[src, 0]]);
    const preds = new Map<string, OnosLinkInfo[]>();
    let frontier = [src];
    while (frontier.length && !dist.has(dst)) {
      const next: string[] = [];
      for (const u of frontier) {
        for (const l of this.out.get(u)!) {
          const v = l.dst.device;
          const dv = dist.get(v);
          if (dv === undefined) {
            dist.set(v, dist.get(u)! + 1);
            next.push(v);
            preds.set(v, [l]);
          } else if (dv === dist.get(u)! + 1) {
            preds.get(v)!.push(l);
          }
        }
      }
      frontier = next;
    }
    if (!dist.has(dst)) return [];
    const result: OnosPath[] = [];
    const walk = (v: string, tail: OnosLinkInfo[]): void => {
      if (result.length >= MAX_PATHS) return;
      if (v === src) {
        result.push({ links: tail, cost: tail.length });
        return;
      }
      for (const l of preds.get(v) ?? []) walk(l.src.device, [l, ...tail]);
    };
    walk(dst, []);
    return result;
  }

  private sccs(): string[][] {
    let index = 0;
    const idx = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const on = new Set<string>();
    const out: string[][] = [];
    const visit = (v: string): void => {
      idx.set(v, index);
      low.set(v, index);
      index++;
      stack.push(v);
      on.add(v);
      for (const l of this.out.get(v)!) {
        const w = l.dst.device;
        if (!idx.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (on.has(w)) {
          low.set(v, Math.min(low.get(v)!, idx.get(w)!));
        }
      }
      if (low.get(v) === idx.get(v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          on.delete(w);
          comp.push(w);
        } while (w !== v);
        out.push(comp);
      }
    };
    for (const d of [...this.out.keys()].sort()) if (!idx.has(d)) visit(d);
    return out;
  }

  private buildBroadcastTree(): Set<string> {
    const points = new Set<string>();
    for (const comp of this.sccs()) {
      const members = new Set(comp);
      const root = [...comp].sort()[0]!;
      const seen = new Set([root]);
      let frontier = [root];
      while (frontier.length) {
        const next: string[] = [];
        for (const u of frontier) {
          for (const l of this.out.get(u)!) {
            const v = l.dst.device;
            if (!members.has(v) || seen.has(v)) continue;
            seen.add(v);
            next.push(v);
            points.add(cpKey(l.src));
            points.add(cpKey(l.dst));
          }
        }
        frontier = next;
      }
    }
    return points;
  }
}
