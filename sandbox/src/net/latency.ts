/**
 * The timing model: what each step of a packet's life costs in virtual time.
 * Every RTT, every slow first ping and every bandwidth the learner sees is built from these
 * numbers by the devices; no command prints a constant.
 *
 * Calibrated against reference/mininet.md §6 and §3.1 (default veth + kernel OVS + reference
 * controller): steady-state ping RTT ≈ 0.03–0.1 ms; the first ping of a flow 1–10 ms (ARP and
 * echo each take a packet_in/flow_mod round trip); the second ≈ 0.3 ms (the kernel datapath
 * still has to learn the flow through an upcall).
 */
import type { Micros } from '../sim/time';

export const LATENCY = {
  /** One pass through a Linux IP stack (send or receive side). */
  hostStack: 9,
  /** Crossing a veth pair with no traffic control. */
  veth: 1,
  /** An OVS kernel-datapath hit (megaflow cache). */
  datapathHit: 4,
  /** A kernel-datapath miss: upcall to ovs-vswitchd, OpenFlow table lookup, megaflow install. */
  datapathUpcall: 110,
  /** One way over the switch↔controller TCP session on the lab machine's loopback. */
  controlChannel: 45,
  /** The reference/test controller deciding on a packet_in (Python or C userspace). */
  controllerDecision: 180,
  /**
   * ONOS handling one packet_in: its packet pipeline, the app's processor (fwd asks the topology
   * for a path) and the flow-objective path to the FlowMod and packet_out. Calibrated so the first
   * ping across three switches (12 packet_ins: ARP and echo, each way) takes about 40 ms, as in
   * the official tutorial's transcript (reference/onos.md §5.5: time=39.6 ms, then ~0.06 ms).
   */
  onosPacketIn: 3_000,
  /** A Linux bridge / OVS NORMAL forwarding decision in the kernel. */
  bridgeForward: 6,
  /** Loopback delivery inside one namespace. */
  loopback: 6,
  /** Spread applied to each of the above, as a fraction (seeded RNG). */
  spread: 0.25,
} as const satisfies Record<string, Micros | number>;

/** How long a kernel megaflow stays cached without traffic (OVS default max-idle 10 s). */
export const DATAPATH_FLOW_IDLE: Micros = 10_000_000;
