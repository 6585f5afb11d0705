/**
 * ONOS's flow rule store and the OpenFlow flow provider (reference/onos.md §4.7, §5.3, §5.4):
 * a rule is stored PENDING_ADD and sent to the switch as a FlowMod whose cookie is its flow id
 * (§3.1), with send_flow_rem and no switch-side timeouts. Every 5 s the provider reads the
 * switch's flow statistics: rules found become ADDED and take the switch's counters; a
 * temporary rule whose counters have not moved for its timeout is removed (FlowRuleManager's
 * liveness check, so fwd rules vanish 10-15 s after traffic stops); a rule missing from the
 * switch is sent again; a switch flow ONOS does not know (another cookie) is deleted.
 */
import type { Micros } from '../sim/time';
import type { OvsSwitch } from '../devices/ovs-switch';
import { LATENCY } from '../net/latency';
import type { FlowEntry } from '../net/flow-table';
import type { OnosFlowInfo, OnosFlowState } from './model';
import type { OnosSelector, OnosTreatment } from './criteria';
import { selectorCriteria, selectorMatch, treatmentActions, treatmentText } from './criteria';
import { flowId } from './flow-id';
import { appIdOf } from './apps';
import type { OnosDevice } from './openflow-provider';
import { CFG } from './config';
import type { Onos } from './onos';

/** A rule sent this recently may still be in flight when a poll does not find it. */
const IN_FLIGHT: Micros = 1_000_000;

export interface StoredRule {
  readonly id: bigint;
  readonly deviceId: string;
  readonly appName: string;
  readonly priority: number;
  readonly selector: OnosSelector;
  readonly treatment: OnosTreatment;
  readonly criteria: readonly string[];
  readonly permanent: boolean;
  /** Idle timeout in seconds, enforced by ONOS (0 when permanent). */
  readonly timeout: number;
  state: OnosFlowState;
  addedAt: Micros;
  sentAt: Micros;
  /** When the counters last changed (or the rule was added). */
  lastSeen: Micros;
  bytes: number;
  packets: number;
}

export interface RuleSpec {
  readonly deviceId: string;
  readonly appName: string;
  readonly priority: number;
  readonly selector: OnosSelector;
  readonly treatment: OnosTreatment;
  /** Seconds; undefined or 0 makes the rule permanent. */
  readonly timeout?: number;
}

export class FlowRuleService {
  private readonly byDevice = new Map<string, Map<bigint, StoredRule>>();

  constructor(private readonly onos: Onos) {}

  /** Store and install a rule; an identical live rule (same id) is left as it is. */
  apply(spec: RuleSpec): StoredRule | undefined {
    const d = this.onos.provider.devices.get(spec.deviceId);
    if (!d || !d.available) return undefined;
    const appId = appIdOf(spec.appName) ?? 0;
    const criteria = selectorCriteria(spec.selector);
    const id = flowId(appId, spec.deviceId, criteria, spec.priority);
    let rules = this.byDevice.get(spec.deviceId);
    if (!rules) this.byDevice.set(spec.deviceId, (rules = new Map()));
    const old = rules.get(id);
    const timeout = spec.timeout ?? 0;
    // The id covers selector and priority only: the same id with another treatment is a modification.
    if (old && old.state !== 'PENDING_REMOVE' && old.timeout === timeout && sameTreatment(old.treatment, spec.treatment)) return old;
    const now = this.onos.now;
    const r: StoredRule = {
      id, deviceId: spec.deviceId, appName: spec.appName, priority: spec.priority, selector: spec.selector, treatment: spec.treatment,
      criteria, permanent: timeout === 0, timeout, state: 'PENDING_ADD', addedAt: now, sentAt: now, lastSeen: now, bytes: 0, packets: 0,
    };
    rules.set(id, r);
    this.send(d, r);
    this.onos.touch();
    return r;
  }

  /** Remove one rule: delete it from the switch, then from the store. */
  remove(r: StoredRule): void {
    const rules = this.byDevice.get(r.deviceId);
    if (rules?.get(r.id) !== r || r.state === 'PENDING_REMOVE') return;
    r.state = 'PENDING_REMOVE';
    this.onos.touch();
    const d = this.onos.provider.devices.get(r.deviceId);
    const drop = (): void => {
      if (rules.get(r.id) === r) rules.delete(r.id);
      this.onos.touch();
    };
    if (!d || !d.available) {
      drop();
      return;
    }
    const sw = d.sw;
    this.onos.later(this.channelDelay(), () => {
      sw.deleteFlows((e) => e.cookie === r.id && e.priority === r.priority);
      drop();
    });
  }

  removeWhere(pred: (r: StoredRule) => boolean): void {
    for (const rules of this.byDevice.values()) for (const r of [...rules.values()]) if (pred(r)) this.remove(r);
  }

  /** removeFlowRulesById: every rule of an app. */
  removeByApp(appName: string): void {
    this.removeWhere((r) => r.appName === appName);
  }

  /** A device went away: its rules leave the store (they are pushed again when it returns). */
  purgeDevice(deviceId: string): void {
    if (this.byDevice.delete(deviceId)) this.onos.touch();
  }

  clear(): void {
    this.byDevice.clear();
  }

  get(deviceId: string, id: bigint): StoredRule | undefined {
    return this.byDevice.get(deviceId)?.get(id);
  }

  rules(deviceId?: string): StoredRule[] {
    if (deviceId !== undefined) return [...(this.byDevice.get(deviceId)?.values() ?? [])];
    const all: StoredRule[] = [];
    for (const rules of this.byDevice.values()) all.push(...rules.values());
    return all;
  }

  info(r: StoredRule): OnosFlowInfo {
    return {
      id: r.id, deviceId: r.deviceId, state: r.state, bytes: r.bytes, packets: r.packets, addedAt: r.addedAt,
      priority: r.priority, tableId: 0, appName: r.appName, selector: r.criteria, treatment: treatmentText(r.treatment),
      cleared: r.treatment.cleared, permanent: r.permanent, timeout: r.timeout,
    };
  }

  /**
   * Poll the device's flow statistics while its session lasts: first after 1 s, then every
   * flowPollFrequency seconds (5, §5.3), as OpenFlowRuleProvider's FlowStatsCollector does.
   */
  startPolling(d: OnosDevice): void {
    const session = d.session;
    const period = (): Micros => Math.max(1, this.onos.config.number(CFG.OF_FLOW, 'flowPollFrequency')) * 1_000_000;
    const tick = (): void => {
      if (d.session !== session || !d.available) return;
      this.poll(d);
      this.onos.later(period(), tick);
    };
    this.onos.later(1_000_000, tick);
  }

  /** One statistics round: states, counters, liveness, missing and extraneous flows. */
  poll(d: OnosDevice): void {
    const onos = this.onos;
    const now = onos.now;
    const sw = d.sw;
    const rules = this.byDevice.get(d.id);
    const seen = new Set<bigint>();
    const extraneous: FlowEntry[] = [];
    let changed = false;
    for (const e of sw.flows.list()) {
      const r = rules?.get(e.cookie);
      if (!r || r.priority !== e.priority) {
        extraneous.push(e);
        continue;
      }
      seen.add(r.id);
      if (r.state === 'PENDING_REMOVE') continue;
      if (e.nPackets !== r.packets || e.nBytes !== r.bytes) {
        r.packets = e.nPackets;
        r.bytes = e.nBytes;
        r.lastSeen = now;
        changed = true;
      }
      if (r.state === 'PENDING_ADD') {
        r.state = 'ADDED';
        changed = true;
      }
    }
    for (const r of rules?.values() ?? []) {
      if (r.state === 'PENDING_REMOVE') continue;
      if (!seen.has(r.id)) {
        if (now - r.sentAt >= IN_FLIGHT) this.send(d, r);
        continue;
      }
      if (!r.permanent && r.state === 'ADDED' && now - r.lastSeen >= r.timeout * 1_000_000) this.remove(r);
    }
    if (extraneous.length) {
      const gone = new Set(extraneous);
      onos.later(this.channelDelay(), () => sw.deleteFlows((e) => gone.has(e)));
    }
    if (changed) onos.touch();
  }

  private send(d: OnosDevice, r: StoredRule): void {
    const sw: OvsSwitch = d.sw;
    r.sentAt = this.onos.now;
    sw.sendFlowMod(sw.newFlow({
      priority: r.priority, match: selectorMatch(r.selector), actions: treatmentActions(r.treatment),
      cookie: r.id, sendFlowRem: true, appId: r.appName,
    }));
  }

  private channelDelay(): number {
    return Math.round(this.onos.rng.jitter(LATENCY.controlChannel, LATENCY.spread));
  }
}

function sameTreatment(a: OnosTreatment, b: OnosTreatment): boolean {
  return a.output === b.output && a.cleared === b.cleared;
}
