/**
 * A link joins two interfaces, as a veth pair does. Transmission applies the sending
 * interface's traffic control (as Mininet's TCLink does on both ends' egress):
 * an HTB rate limit with a drop-tail queue, then netem delay, jitter and loss.
 */
import type { EthernetFrame } from '../wire/ethernet';
import { frameSize } from '../wire/ethernet';
import type { Intf } from './interface';
import { LATENCY } from './latency';
import type { Network } from './network';

export class Link {
  /** Both ends' admin state is kept on the interfaces; this is the cable itself. */
  up = true;

  constructor(
    readonly net: Network,
    readonly a: Intf,
    readonly b: Intf,
    /** The link class Mininet reports ('Link' or 'TCLink'). */
    readonly cls: 'Link' | 'TCLink' = 'Link',
  ) {
    a.link = this;
    b.link = this;
  }

  peerOf(i: Intf): Intf | undefined {
    if (i === this.a) return this.b;
    if (i === this.b) return this.a;
    return undefined;
  }

  /**
   * Put a frame on the wire from `from`, `delay` microseconds from now (the sender's own
   * processing time); it reaches the peer later, or is lost.
   */
  transmit(from: Intf, frame: EthernetFrame, delay = 0): void {
    const to = this.peerOf(from);
    const net = this.net;
    if (!to || !from.adminUp) {
      from.stats.txDropped++;
      return;
    }
    if (!from.carrier) {
      // No carrier: Linux counts the frame as a carrier error and drops it.
      from.stats.txErrors++;
      return;
    }
    const size = frameSize(frame);
    const tc = from.tc;
    const now = net.sched.now + delay;
    let departs = now;
    if (tc?.bw) {
      const limit = tc.maxQueueSize ?? 1000;
      if (from.queued >= limit) {
        from.stats.txDropped++;
        return;
      }
      const serialization = (size * 8) / tc.bw; // bits / (Mbit/s) = microseconds
      departs = Math.ceil(Math.max(now, from.busyUntil) + serialization);
      from.busyUntil = departs;
      from.queued++;
      net.sched.at(departs, () => {
        from.queued--;
      });
    }
    from.stats.txPackets++;
    from.stats.txBytes += size;
    if (from.captures.size) for (const c of from.captures) c(frame, 'out', from);
    net.observeTransmit(from, to, frame, departs);
    if (tc?.loss && net.rng.chance(tc.loss / 100)) return;
    let wire: number = LATENCY.veth;
    if (tc?.delay) wire = tc.delay;
    if (tc?.jitter) wire = Math.max(0, wire + (net.rng.float() * 2 - 1) * tc.jitter);
    net.sched.at(Math.round(departs + wire), () => {
      if (!to.adminUp || !this.up) {
        return;
      }
      to.stats.rxPackets++;
      to.stats.rxBytes += size;
      if (to.captures.size) for (const c of to.captures) c(frame, 'in', to);
      to.owner.receive(frame, to);
    });
  }
}
