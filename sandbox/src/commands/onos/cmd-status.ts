/**
 * `summary`, `nodes` and `masters` (reference/onos.md §4.8, §4.13; SummaryCommand,
 * NodesListCommand, MastersListCommand). A single-node cluster: the local node is the only one.
 */
import type { KarafCommand } from './karaf-action';
import { sortDevices, timeAgo } from './format';
import { compact } from './json';

export const summaryCommand: KarafCommand = {
  scope: 'onos',
  name: 'summary',
  description: 'Shows a summary of the controller and the network it manages',
  json: true,
  options: [],
  args: [],
  run(ctx, p) {
    const v = ctx.view;
    const t = v.topology();
    const counts = {
      nodes: 1, devices: v.devices().length, links: v.links().length, hosts: v.hosts().length,
      'SCC(s)': t.clusters, flows: v.flows().length, intents: v.intents().length,
    };
    if (p.flag('-j')) {
      ctx.out(compact({ node: v.nodeIp, version: v.version, clusterId: 'default', ...counts }) + '\n');
      return 0;
    }
    ctx.out(`node=${v.nodeIp}, version=${v.version} clusterId=default\n`);
    ctx.out(Object.entries(counts).map(([k, n]) => `${k}=${n}`).join(', ') + '\n');
    return 0;
  },
};

export const nodesCommand: KarafCommand = {
  scope: 'onos',
  name: 'nodes',
  description: 'Lists the controller instances of the cluster',
  json: true,
  options: [],
  args: [],
  run(ctx, p) {
    const v = ctx.view;
    const updated = timeAgo(ctx.now, v.startedAt ?? ctx.now);
    if (p.flag('-j')) {
      ctx.out('nodes -j: JSON output is not supported in this sandbox\n');
      return 1;
    }
    ctx.out(`id=${v.nodeIp}, address=${v.nodeIp}:9876, state=READY, version=${v.version}, updated=${updated} *\n`);
    return 0;
  },
};

export const mastersCommand: KarafCommand = {
  scope: 'onos',
  name: 'masters',
  description: 'Lists which controller instance is master of which devices',
  json: true,
  options: [],
  args: [],
  run(ctx, p) {
    const mine = sortDevices(ctx.view.devices()).filter((d) => d.role === 'MASTER');
    if (p.flag('-j')) {
      ctx.out('masters -j: JSON output is not supported in this sandbox\n');
      return 1;
    }
    ctx.out(`${ctx.view.nodeIp}: ${mine.length} devices\n`);
    for (const d of mine) ctx.out(`  ${d.id}\n`);
    return 0;
  },
};
