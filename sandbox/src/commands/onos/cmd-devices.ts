/**
 * `devices` and `ports` (reference/onos.md §4.3, §4.4; DevicesListCommand, DevicePortsListCommand).
 */
import type { OnosView } from '../../onos/model';
import type { Completer, KarafCommand } from './karaf-action';
import { deviceLine, portLine, sortDevices, sortPorts } from './format';
import { compact, deviceJson } from './json';

/** DeviceIdCompleter. */
export const deviceIds: Completer = (view: OnosView) => sortDevices(view.devices()).map((d) => d.id);

export const devicesCommand: KarafCommand = {
  scope: 'onos',
  name: 'devices',
  description: 'Lists the infrastructure devices (switches) ONOS knows',
  json: true,
  options: [{ name: '-s', alias: '--short', description: 'Fewer fields per device' }],
  args: [],
  run(ctx, p) {
    const devices = sortDevices(ctx.view.devices());
    if (p.flag('-j')) {
      ctx.out(compact(devices.map((d) => deviceJson(d, ctx.now))) + '\n');
      return 0;
    }
    for (const d of devices) ctx.out(deviceLine(d, ctx.now, p.flag('-s')) + '\n');
    return 0;
  },
};

export const portsCommand: KarafCommand = {
  scope: 'onos',
  name: 'ports',
  description: 'Lists the ports of one device, or of every device',
  json: true,
  options: [
    { name: '-e', alias: '--enabled', description: 'Only ports that are up' },
    { name: '-d', alias: '--disabled', description: 'Only ports that are down' },
    { name: '-s', alias: '--short', description: 'Fewer fields per device' },
  ],
  args: [{ name: 'uri', description: 'Device id (of:...)', complete: deviceIds }],
  run(ctx, p) {
    if (p.flag('-j')) {
      ctx.out('ports -j: JSON output of ports is not supported in this sandbox\n');
      return 1;
    }
    const uri = p.arg('uri');
    let devices = sortDevices(ctx.view.devices());
    if (uri !== undefined) {
      const d = ctx.view.device(uri);
      if (!d) {
        ctx.out(`No such device ${uri}\n`);
        return 0;
      }
      devices = [d];
    }
    for (const d of devices) {
      ctx.out(deviceLine(d, ctx.now, p.flag('-s')) + '\n');
      for (const port of sortPorts(d.ports)) {
        if (p.flag('-e') && !port.enabled) continue;
        if (p.flag('-d') && port.enabled) continue;
        ctx.out(portLine(port) + '\n');
      }
    }
    return 0;
  },
};
