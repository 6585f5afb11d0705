/**
 * Lesson checks on the emulated ONOS controller (issue 5), part of the vocabulary in checks.ts
 * and evaluated against sandbox.onos (onos/model.ts). Names a learner knows are accepted where
 * ONOS uses ids: a switch as 's1' or 'of:0000000000000001', a host as 'h1' or its host id,
 * an app as 'fwd' or 'org.onosproject.fwd' (resolved as the CLI's `app` resolves it).
 *
 * Kinds:
 * - onosRunning {}: ONOS has started and accepts connections.
 * - onosApp {app, active?=true, toggled?}: the application is active (or, with active: false, not);
 *   with toggled: true it must also have been deactivated before (active: false then means "was
 *   on and was switched off", so the step cannot pass before the app was ever activated).
 * - onosDevices {count? | min? | max?, available?=true}: devices ONOS knows (only available ones
 *   unless available is false).
 * - onosLinks {count? | min? | max?}: links ONOS discovered, ACTIVE ones, counted as ONOS counts
 *   them (two per cable).
 * - onosHost {host, ip?}: ONOS discovered the host (a Mininet host name or a host id); with ip,
 *   it also learned that address (from ARP).
 * - onosFlows {app, device?, count? | min? | max?}: flows of an application (on one device, or on
 *   all of them), in any state.
 * - onosIntent {one, two, state?='INSTALLED'}: a host-to-host intent between the two hosts
 *   (either order) is in that state.
 */
import { z } from 'zod';
import type { Sandbox } from '../sandbox';
import { Host } from '../devices/host';
import { OvsSwitch } from '../devices/ovs-switch';
import type { OnosIntentState, OnosView } from '../onos/model';

export type OnosCheck =
  | { kind: 'onosRunning' }
  | { kind: 'onosApp'; app: string; active?: boolean; toggled?: boolean }
  | { kind: 'onosDevices'; count?: number; min?: number; max?: number; available?: boolean }
  | { kind: 'onosLinks'; count?: number; min?: number; max?: number }
  | { kind: 'onosHost'; host: string; ip?: string }
  | { kind: 'onosFlows'; app: string; device?: string; count?: number; min?: number; max?: number }
  | { kind: 'onosIntent'; one: string; two: string; state?: OnosIntentState };

const INTENT_STATES = ['INSTALL_REQ', 'COMPILING', 'INSTALLING', 'INSTALLED', 'RECOMPILING', 'WITHDRAW_REQ', 'WITHDRAWING', 'WITHDRAWN', 'FAILED'] as const;
const count = z.number().int().nonnegative();
const bounds = { count: count.optional(), min: count.optional(), max: count.optional() };
const hasBound = (c: { count?: number; min?: number; max?: number }): boolean => c.count !== undefined || c.min !== undefined || c.max !== undefined;
const name = z.string().min(1, 'must not be empty');

/** The zod variants, spread into checks.ts's discriminated union. */
export const onosCheckSchemas = [
  z.strictObject({ kind: z.literal('onosRunning') }),
  z.strictObject({ kind: z.literal('onosApp'), app: name, active: z.boolean().optional(), toggled: z.boolean().optional() }),
  z.strictObject({ kind: z.literal('onosDevices'), ...bounds, available: z.boolean().optional() }).refine(hasBound, { message: 'give count, min or max' }),
  z.strictObject({ kind: z.literal('onosLinks'), ...bounds }).refine(hasBound, { message: 'give count, min or max' }),
  z.strictObject({ kind: z.literal('onosHost'), host: name, ip: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/, 'must be an IPv4 address like 10.0.0.1').optional() }),
  z.strictObject({ kind: z.literal('onosFlows'), app: name, device: name.optional(), ...bounds }).refine(hasBound, { message: 'give count, min or max' }),
  z.strictObject({ kind: z.literal('onosIntent'), one: name, two: name, state: z.enum(INTENT_STATES).optional() }),
] as const;

export interface OnosEval {
  readonly passed: boolean;
  readonly detail?: string;
}

const pass = (detail?: string): OnosEval => ({ passed: true, ...(detail !== undefined ? { detail } : {}) });
const fail = (detail: string): OnosEval => ({ passed: false, detail });

function within(n: number, c: { count?: number; min?: number; max?: number }, what: string): OnosEval {
  if (c.count !== undefined && n !== c.count) return fail(`ONOS has ${n} ${what}, not ${c.count}`);
  if (c.min !== undefined && n < c.min) return fail(`ONOS has ${n} ${what}, fewer than ${c.min}`);
  if (c.max !== undefined && n > c.max) return fail(`ONOS has ${n} ${what}, more than ${c.max}`);
  return pass(`${n} ${what}`);
}

/** 's1' (a running Mininet switch) or an ONOS device id, as ONOS writes it. */
function deviceId(sb: Sandbox, device: string): string {
  const node = sb.mininet?.get(device);
  if (node instanceof OvsSwitch) return `of:${node.dpid.toLowerCase().padStart(16, '0')}`;
  return device;
}

/** 'h1' (a running Mininet host: its first data interface's MAC) or a host id (`MAC/None`). */
function hostId(sb: Sandbox, host: string): string {
  const node = sb.mininet?.get(host);
  if (node instanceof Host) {
    const mac = node.dataIntfs()[0]?.mac;
    if (mac) return `${mac.toUpperCase()}/None`;
  }
  return host.includes('/') ? host.toUpperCase().replace(/\/NONE$/, '/None') : `${host.toUpperCase()}/None`;
}

function appName(onos: OnosView, app: string): string | undefined {
  const r = onos.resolveApp(app);
  return r.ok ? r.names[0] : undefined;
}

export function evaluateOnos(check: OnosCheck, sb: Sandbox): OnosEval {
  const onos = sb.onos;
  if (onos.status !== 'running') return fail(`ONOS is not running (it is ${onos.status})`);
  switch (check.kind) {
    case 'onosRunning':
      return pass();
    case 'onosApp': {
      const full = appName(onos, check.app);
      if (!full) return fail(`ONOS has no application ${check.app}`);
      const app = onos.apps().find((a) => a.name === full);
      const active = app?.active ?? false;
      const want = check.active ?? true;
      if (active !== want) return fail(`${full} is ${active ? 'active' : 'not active'}`);
      if (check.toggled && !(app?.deactivations ?? 0)) return fail(`${full} has never been deactivated`);
      return pass();
    }
    case 'onosDevices': {
      const n = onos.devices().filter((d) => check.available === false || d.available).length;
      return within(n, check, check.available === false ? 'devices' : 'available devices');
    }
    case 'onosLinks':
      return within(onos.links().filter((l) => l.state === 'ACTIVE').length, check, 'active links');
    case 'onosHost': {
      const id = hostId(sb, check.host);
      const h = onos.hosts().find((x) => x.id === id);
      if (!h) return fail(`ONOS has not discovered ${check.host} (${id})`);
      if (check.ip !== undefined && !h.ips.includes(check.ip)) return fail(`ONOS knows ${check.host} but not its address ${check.ip}`);
      return pass();
    }
    case 'onosFlows': {
      const full = appName(onos, check.app) ?? check.app;
      const flows = onos.flows(check.device === undefined ? undefined : deviceId(sb, check.device)).filter((f) => f.appName === full);
      return within(flows.length, check, `flows of ${full}${check.device ? ` on ${check.device}` : ''}`);
    }
    case 'onosIntent': {
      const one = hostId(sb, check.one);
      const two = hostId(sb, check.two);
      const it = onos.intents().find((i) => (i.one === one && i.two === two) || (i.one === two && i.two === one));
      if (!it) return fail(`no intent between ${check.one} and ${check.two}`);
      const want = check.state ?? 'INSTALLED';
      return it.state === want ? pass() : fail(`the intent between ${check.one} and ${check.two} is ${it.state}`);
    }
  }
}
