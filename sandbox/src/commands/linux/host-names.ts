/**
 * Reverse name lookup as glibc does it for net-tools' `route` and `arp` without -n on Ubuntu:
 * /etc/hosts first, then nss-myhostname's synthetic `_gateway` for an address that is the
 * gateway of a default route in the current namespace. Nothing else resolves (no DNS upstream),
 * so every other address stays numeric.
 */
import type { ExecContext } from '../../shell/context';
import type { Ipv4 } from '../../wire/addr';
import { parseIpv4 } from '../../wire/addr';

export function reverseName(ctx: ExecContext, ip: Ipv4): string | undefined {
  const fs = ctx.fs;
  const hosts = fs.isFile('/etc/hosts') ? fs.readFile('/etc/hosts') : '';
  {
    for (const line of hosts.split('\n')) {
      const f = line.replace(/#.*/, '').trim().split(/\s+/);
      if (f.length >= 2 && parseIpv4(f[0]!) === ip) return f[1];
    }
  }
  if (ctx.node.stack.routes.list().some((r) => r.prefixLen === 0 && r.via === ip)) return '_gateway';
  return undefined;
}
