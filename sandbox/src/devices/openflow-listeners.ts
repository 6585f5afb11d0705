/**
 * OpenFlow controllers listening on the lab machine, by address and port, and the switches
 * waiting to reach one. A switch whose controller is not listening retries with Open vSwitch's
 * reconnect backoff (Mininet caps it at 1 s); instead of polling, waiting switches are woken
 * when a listener appears and connect within one backoff interval.
 */
import type { EthernetFrame } from '../wire/ethernet';
import type { FlowEntry } from '../net/flow-table';
import type { OvsSwitch } from './ovs-switch';

/** What a controller offers to the switches connected to it. */
export interface OpenFlowController {
  readonly name: string;
  switchConnected(sw: OvsSwitch): void;
  switchDisconnected(sw: OvsSwitch): void;
  /** A packet_in that reaches the controller `arrival` microseconds from now. */
  packetIn(sw: OvsSwitch, inPort: number, frame: EthernetFrame, arrival: number): void;
  portStatus?(sw: OvsSwitch, port: number, up: boolean): void;
  flowRemoved?(sw: OvsSwitch, flow: FlowEntry): void;
  /**
   * The OpenFlow wire version agreed with this switch in the HELLO exchange (1 = OpenFlow 1.0,
   * 4 = 1.3), or undefined when they share none and the session fails. A controller without
   * this method speaks OpenFlow 1.0 with every switch.
   */
  negotiate?(sw: OvsSwitch): number | undefined;
}

export interface ControllerTarget {
  readonly ip: string;
  readonly port: number;
}

export class OpenFlowListeners {
  private listening = new Map<string, OpenFlowController>();
  private waiting = new Map<string, Set<OvsSwitch>>();

  static key(t: ControllerTarget): string {
    return `${t.ip}:${t.port}`;
  }

  listen(t: ControllerTarget, c: OpenFlowController): boolean {
    const k = OpenFlowListeners.key(t);
    if (this.listening.has(k)) return false;
    this.listening.set(k, c);
    const w = this.waiting.get(k);
    if (w) {
      this.waiting.delete(k);
      for (const sw of w) sw.controllerAppeared(t);
    }
    return true;
  }

  unlisten(t: ControllerTarget): void {
    this.listening.delete(OpenFlowListeners.key(t));
  }

  at(t: ControllerTarget): OpenFlowController | undefined {
    return this.listening.get(OpenFlowListeners.key(t));
  }

  /** Is anything listening on this port of the lab machine (127.0.0.1 or its own address)? */
  isListening(t: ControllerTarget): boolean {
    return this.listening.has(OpenFlowListeners.key(t));
  }

  wait(t: ControllerTarget, sw: OvsSwitch): void {
    const k = OpenFlowListeners.key(t);
    let s = this.waiting.get(k);
    if (!s) this.waiting.set(k, (s = new Set()));
    s.add(sw);
  }

  stopWaiting(sw: OvsSwitch): void {
    for (const s of this.waiting.values()) s.delete(sw);
  }
}
