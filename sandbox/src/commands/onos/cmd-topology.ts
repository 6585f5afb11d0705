/**
 * `hosts`, `links`, `paths` and `topology` (reference/onos.md §4.5, §4.6, §4.9, §4.10;
 * HostsListCommand, LinksListCommand, PathListCommand, TopologyCommand).
 */
import type { OnosView } from '../../onos/model';
import type { Completer, KarafCommand } from './karaf-action';
import { dateTime, hostLine, linkLine, pathLine, sortHosts, sortLinks, uptime } from './format';
import { compact, hostJson, linkJson } from './json';
import { deviceIds } from './cmd-devices';

/** HostIdCompleter. */
export const hostIds: Completer = (view: OnosView) => sortHosts(view.hosts()).map((h) => h.id);

export const hostsCommand: KarafCommand = {
  scope: 'onos',
  name: 'hosts',
  description: 'Lists the end stations ONOS has discovered',
  json: true,
  options: [{ name: '-s', alias: '--short', description: 'Fewer fields per host' }],
  args: [],
  run(ctx, p) {
    const hosts = sortHosts(ctx.view.hosts());
    if (p.flag('-j')) {
      ctx.out(compact(hosts.map(hostJson)) + '\n');
      return 0;
    }
    for (const h of hosts) ctx.out(hostLine(h, p.flag('-s')) + '\n');
    return 0;
  },
};

export const linksCommand: KarafCommand = {
  scope: 'onos',
  name: 'links',
  description: 'Lists the links between devices (each cable once per direction)',
  json: true,
  options: [],
  args: [{ name: 'uri', description: 'Only the links from or to this device', complete: deviceIds }],
  run(ctx, p) {
    const links = sortLinks(ctx.view.links(p.arg('uri')));
    if (p.flag('-j')) {
      ctx.out(compact(links.map(linkJson)) + '\n');
      return 0;
    }
    for (const l of links) ctx.out(linkLine(l) + '\n');
    return 0;
  },
};

export const pathsCommand: KarafCommand = {
  scope: 'onos',
  name: 'paths',
  description: 'Lists the shortest paths between two devices',
  json: true,
  options: [{ name: '--disjoint', description: 'Pairs of disjoint paths (not emulated)' }],
  args: [
    { name: 'src', description: 'Source device id', required: true, complete: deviceIds },
    { name: 'dst', description: 'Destination device id', required: true, complete: deviceIds },
  ],
  run(ctx, p) {
    if (p.flag('-j') || p.flag('--disjoint')) {
      ctx.out(`paths ${p.flag('-j') ? '-j' : '--disjoint'}: not supported in this sandbox\n`);
      return 1;
    }
    const src = p.arg('src')!;
    const dst = p.arg('dst')!;
    for (const id of [src, dst]) {
      if (!ctx.view.device(id)) {
        ctx.out(`Unknown device ${id}\n`);
        return 0;
      }
    }
    if (src === dst) return 0;
    for (const path of ctx.view.paths(src, dst)) ctx.out(pathLine(path) + '\n');
    return 0;
  },
};

export const topologyCommand: KarafCommand = {
  scope: 'onos',
  name: 'topology',
  description: 'Shows the current topology: when it last changed and its size',
  json: true,
  options: [{ name: '-r', alias: '--recompute', description: 'Ask for the topology to be computed again' }],
  args: [],
  run(ctx, p) {
    const t = ctx.view.topology();
    if (p.flag('-r')) return 0;
    if (p.flag('-j')) {
      ctx.out(compact({ time: t.changedAt * 1000, devices: t.devices, links: t.links, clusters: t.clusters }) + '\n');
      return 0;
    }
    ctx.out(
      `created=${dateTime(t.changedAt)}, uptime=${uptime(ctx.now - t.changedAt)}, devices=${t.devices}, links=${t.links}, clusters=${t.clusters}\n`,
    );
    return 0;
  },
};
