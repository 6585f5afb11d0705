/**
 * The controller Mininet starts by default on the lab machine: ovs-testcontroller (OVS's
 * lswitch, an OpenFlow 1.0 MAC-learning switch). On a packet_in it learns the source port;
 * for a broadcast or unknown destination it floods with a packet_out and installs nothing;
 * for a known destination it installs an exact-match flow (idle_timeout 60, OF1.0 exact
 * match = priority 65535) and sends the packet out. See reference/mininet.md §6 and §3.9.
 */
import type { Mac } from '../wire/addr';
import { isMulticastMac } from '../wire/addr';
import type { EthernetFrame } from '../wire/ethernet';
import { exactMatch, extractFields } from '../net/flow-table';
import { LATENCY } from '../net/latency';
import type { Network } from '../net/network';
import type { ControllerTarget, OpenFlowController } from './openflow-listeners';
import type { OvsSwitch } from './ovs-switch';

export class LearningController implements OpenFlowController {
  private macs = new Map<OvsSwitch, Map<Mac, number>>();
  private switches = new Set<OvsSwitch>();
  listening = false;
  /** When the controller has decided on the last packet_in it received. */
  private busyUntil = 0;

  constructor(
    readonly net: Network,
    readonly name: string,
    readonly target: ControllerTarget,
    readonly idleTimeout = 60,
  ) {}

  /** Start listening; false if the port is taken. */
  start(): boolean {
    this.listening = this.net.ofListeners.listen(this.target, this);
    return this.listening;
  }

  stop(): void {
    if (!this.listening) return;
    this.listening = false;
    this.net.ofListeners.unlisten(this.target);
    for (const sw of this.switches) sw.controllerLost(this.target);
    this.switches.clear();
    this.macs.clear();
  }

  switchConnected(sw: OvsSwitch): void {
    this.switches.add(sw);
    this.macs.set(sw, new Map());
  }

  switchDisconnected(sw: OvsSwitch): void {
    this.switches.delete(sw);
    this.macs.delete(sw);
  }

  packetIn(sw: OvsSwitch, inPort: number, frame: EthernetFrame, arrival: number): void {
    if (!this.listening) return;
    // One thread handles the packet_ins one after another, in the order they arrived.
    const now = this.net.sched.now;
    let delay = arrival + this.net.rng.jitter(LATENCY.controllerDecision, LATENCY.spread);
    if (now + delay < this.busyUntil) delay = this.busyUntil - now;
    this.busyUntil = now + delay;
    this.net.sched.after(delay, () => this.decide(sw, inPort, frame));
  }

  private decide(sw: OvsSwitch, inPort: number, frame: EthernetFrame): void {
    const table = this.macs.get(sw);
    if (!table) return;
    if (!isMulticastMac(frame.src)) table.set(frame.src, inPort);
    const out = isMulticastMac(frame.dst) ? undefined : table.get(frame.dst);
    if (out === undefined) {
      sw.sendPacketOut(frame, inPort, [{ type: 'flood' }]);
      return;
    }
    if (out === inPort) return;
    const flow = sw.newFlow({
      priority: 65535,
      match: exactMatch(extractFields(frame, inPort)),
      actions: [{ type: 'output', port: out }],
      idleTimeout: this.idleTimeout,
    });
    sw.sendFlowMod(flow);
    sw.sendPacketOut(frame, inPort, [{ type: 'output', port: out }]);
  }

  portStatus(sw: OvsSwitch, port: number, up: boolean): void {
    if (up) return;
    const table = this.macs.get(sw);
    if (!table) return;
    for (const [mac, p] of table) if (p === port) table.delete(mac);
  }
}
