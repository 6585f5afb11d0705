/**
 * Simulation mode's step (Packet Tracer's simulation mode, reference/anchors.md): virtual time
 * stands still between steps; a step runs the sandbox's events in order until one of them puts a
 * frame on a link, and stops right after that event (a switch that floods sends its copies in
 * that one event, so they come as one step). Time with no frame is skipped: a step goes straight to
 * the next scheduled event, and at most SIM_IDLE_SKIP past it without a frame (then answers 'idle');
 * it does not move the clock when nothing is scheduled.
 */
import { EVENT_BUDGET, type Sandbox } from '../src/sandbox';
import { SIM_IDLE_SKIP, type SimStepResult } from './api';
import type { PacketLog } from './packet-log';

export function simulationStep(sb: Sandbox, log: PacketLog): SimStepResult {
  if (sb.frozen) return { kind: 'frozen', packets: [], now: sb.now, pending: true };
  const next = sb.nextEventTime();
  if (next === undefined) return { kind: 'idle', packets: [], now: sb.now, pending: false };
  const mark = log.mark();
  const horizon = Math.max(sb.now, next) + SIM_IDLE_SKIP;
  sb.net.sched.runUntil(horizon, EVENT_BUDGET, () => log.mark() !== mark || sb.frozen);
  const packets = log.takeSince(mark);
  const pending = sb.nextEventTime() !== undefined;
  if (packets.length > 0) return { kind: 'frames', packets, now: sb.now, pending };
  return { kind: sb.frozen ? 'frozen' : 'idle', packets, now: sb.now, pending };
}
