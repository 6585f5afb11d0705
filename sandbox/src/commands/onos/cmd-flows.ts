/**
 * `flows [state] [uri] [table]` (reference/onos.md §4.7; cli/.../net/FlowsListCommand.java):
 * per device a header `deviceId=..., flowRuleCount=N` then one line per flow, sorted as §3.2.
 * Behaviour kept from the source: an unknown device id lists every device; a bad state word
 * (often a device id typed first) fails with Java's enum error; `-c` counts every flow of the
 * device whatever the state; `-f` matches keywords against the flow entry's toString.
 */
import type { OnosFlowInfo, OnosView } from '../../onos/model';
import type { KarafCommand } from './karaf-action';
import { CLI_APP_ID, CLI_APP_NAME, flowEntryString, flowLong, flowShort, sortDevices, sortFlows } from './format';
import { compact, flowJson } from './json';
import { executionError } from './ansi';
import { deviceIds } from './cmd-devices';

const STATES = ['PENDING_ADD', 'ADDED', 'PENDING_REMOVE', 'REMOVED', 'FAILED'];
const CORE = 'org.onosproject.core';

/** The numeric id of an application (the core is 1, the CLI 2; others from `apps`). */
export function appNumber(view: OnosView, name: string): number | undefined {
  if (name === CORE) return 1;
  if (name === CLI_APP_NAME) return CLI_APP_ID;
  return view.apps().find((a) => a.name === name)?.id;
}

export const flowsCommand: KarafCommand = {
  scope: 'onos',
  name: 'flows',
  description: 'Lists the flow rules ONOS keeps for each device',
  json: true,
  options: [
    { name: '-s', alias: '--short', description: 'A shorter line per flow' },
    { name: '-n', alias: '--no-core-flows', description: 'Leave out the flows of org.onosproject.core' },
    { name: '-c', alias: '--count', description: 'Only the number of flows per device' },
    { name: '-f', alias: '--filter', description: 'Only flows whose description contains this keyword (repeatable)', value: true, multi: true },
    { name: '-r', alias: '--remove', description: 'Remove the matching flows, asking for each one', value: true },
  ],
  args: [
    { name: 'state', description: 'Flow state: any, added, pending_add, pending_remove, removed or failed', complete: () => ['any', ...STATES.map((s) => s.toLowerCase())] },
    { name: 'uri', description: 'Device id (of:...)', complete: deviceIds },
    { name: 'table', description: 'Table id', complete: () => [] },
  ],
  run(ctx, p) {
    const state = p.arg('state');
    const uri = p.arg('uri');
    const table = p.arg('table');
    const view = ctx.view;
    if (p.value('-r') !== undefined) {
      ctx.out('flows -r: removing flows from the CLI is not supported in this sandbox\n');
      return 1;
    }
    let stateFilter: string | undefined;
    if (state !== undefined && state !== 'any') {
      stateFilter = state.toUpperCase();
      if (!STATES.includes(stateFilter)) {
        ctx.out(executionError(`No enum constant org.onosproject.net.flow.FlowEntry.FlowEntryState.${stateFilter}`));
        return 1;
      }
    }
    let tableFilter: number | undefined;
    if (table !== undefined) {
      if (!/^[+-]?\d+$/.test(table)) {
        ctx.out(executionError(`For input string: "${table}"`));
        return 1;
      }
      tableFilter = Number(table);
    }
    const filters = p.values('-f');
    const noCore = p.flag('-n');
    const countOnly = p.flag('-c');
    const all = sortDevices(view.devices());

    if (countOnly && !noCore && filters.length === 0) {
      const devices = uri === undefined ? all : all.filter((d) => d.id === uri);
      for (const d of devices) ctx.out(`deviceId=${d.id}, flowRuleCount=${view.flows(d.id).length}\n`);
      return 0;
    }

    const chosen = uri === undefined ? all : view.device(uri) ? all.filter((d) => d.id === uri) : all;
    const byDevice = chosen.map((d) => {
      let rules: OnosFlowInfo[] = sortFlows(view.flows(d.id));
      if (stateFilter) rules = rules.filter((f) => f.state === stateFilter);
      if (tableFilter !== undefined) rules = rules.filter((f) => f.tableId === tableFilter);
      if (noCore) rules = rules.filter((f) => f.appName !== CORE);
      return { device: d.id, rules };
    });

    if (p.flag('-j')) {
      ctx.out(
        compact(byDevice.map((g) => ({ device: g.device, flowCount: g.rules.length, flows: g.rules.map((f) => flowJson(f, ctx.now)) }))) + '\n',
      );
      return 0;
    }
    for (const g of byDevice) {
      const shown = filters.length
        ? g.rules.filter((f) => {
            const text = flowEntryString(f, appNumber(view, f.appName));
            return filters.every((k) => text.includes(k));
          })
        : g.rules;
      ctx.out(`deviceId=${g.device}, flowRuleCount=${shown.length}\n`);
      if (countOnly) continue;
      for (const f of shown) ctx.out((p.flag('-s') ? flowShort(f) : flowLong(f, ctx.now)) + '\n');
    }
    return 0;
  },
};
