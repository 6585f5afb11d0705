/**
 * The emulated world: one scheduler, one seeded RNG, the lab machine and every device and link.
 * Devices reach each other only through links; commands reach devices through this object.
 */
import { Rng } from '../sim/rng';
import { Scheduler } from '../sim/scheduler';
import type { Micros } from '../sim/time';
import type { EthernetFrame } from '../wire/ethernet';
import type { Intf } from './interface';
import type { NetNode } from '../devices/node';
import { Link } from './link';
import { randomMac } from '../wire/addr';
import { OpenFlowListeners } from '../devices/openflow-listeners';

/** A frame leaving one interface for another: what the topology view and inspector show. */
export interface PacketEvent {
  /** When the frame leaves the sender (after any queueing on its egress). */
  readonly at: Micros;
  /** Interface names at both ends, and the devices that own them. */
  readonly from: string;
  readonly to: string;
  readonly fromNode: string;
  readonly toNode: string;
  readonly frame: EthernetFrame;
}

export type PacketListener = (e: PacketEvent) => void;
export type WarningListener = (message: string) => void;

/**
 * A forwarding loop or storm is cut off once a switch floods more than this many frames within
 * STORM_WINDOW of virtual time; real hardware would saturate long before.
 */
export const STORM_FLOODS = 4000;
export const STORM_WINDOW: Micros = 100_000;

export class Network {
  readonly sched = new Scheduler();
  readonly rng: Rng;
  readonly nodes = new Map<string, NetNode>();
  links: Link[] = [];
  private nextRootIfindex = 4;
  readonly ofListeners = new OpenFlowListeners();
  private packetListeners = new Set<PacketListener>();
  private warningListeners = new Set<WarningListener>();
  /** Frames lost to the storm guard since the last reset (for tests and the warning text). */
  stormDrops = 0;
  private stormQuietUntil: Micros = -1;

  constructor(readonly seed: number) {
    this.rng = new Rng(seed);
  }

  /** A random MAC from the seeded generator (Mininet's randMac). */
  randomMac(): string {
    return randomMac(this.rng.u32(), this.rng.u32());
  }

  /** The next interface index in the root namespace (where switch ports live). */
  allocRootIfindex(): number {
    return this.nextRootIfindex++;
  }

  addNode(n: NetNode): void {
    this.nodes.set(n.name, n);
  }

  removeNode(name: string): void {
    this.nodes.delete(name);
  }

  node(name: string): NetNode | undefined {
    return this.nodes.get(name);
  }

  connect(a: Intf, b: Intf, cls: 'Link' | 'TCLink' = 'Link'): Link {
    const l = new Link(this, a, b, cls);
    this.links.push(l);
    return l;
  }

  disconnect(l: Link): void {
    l.up = false;
    l.a.link = undefined;
    l.b.link = undefined;
    this.links = this.links.filter((x) => x !== l);
  }

  onPacket(l: PacketListener): () => void {
    this.packetListeners.add(l);
    return () => this.packetListeners.delete(l);
  }

  onWarning(l: WarningListener): () => void {
    this.warningListeners.add(l);
    return () => this.warningListeners.delete(l);
  }

  warn(message: string): void {
    for (const l of this.warningListeners) l(message);
  }

  observeTransmit(from: Intf, to: Intf, frame: EthernetFrame, at: Micros): void {
    if (this.packetListeners.size === 0) return;
    const e: PacketEvent = { at, from: from.name, to: to.name, fromNode: from.owner.name, toNode: to.owner.name, frame };
    for (const l of this.packetListeners) l(e);
  }

  /** True while the storm guard is dropping floods. */
  get stormActive(): boolean {
    return this.sched.now < this.stormQuietUntil;
  }

  /**
   * Called by a switch that flooded `count` frames in the current window: past the limit,
   * floods are dropped for one second of virtual time and every terminal is told why.
   */
  reportFlooding(switchName: string, count: number): void {
    if (count < STORM_FLOODS || this.stormActive) return;
    this.stormQuietUntil = this.sched.now + 1_000_000;
    this.warn(
      `*** sandbox: broadcast storm on ${switchName} (${count} floods in ${STORM_WINDOW / 1000} ms); ` +
        'flooding stopped for 1 s. A loop of standalone switches needs STP (--switch lxbr,stp=1).',
    );
  }
}
