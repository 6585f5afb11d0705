/**
 * Name resolution inside the lab: dotted quads, the lab machine's /etc/hosts, Docker's resolvers
 * and a few public names (Mininet hosts cannot resolve h2: reference/mininet.md §6, "Name resolution").
 * Unknown names fail as glibc reports through systemd-resolved with no upstream:
 * "Temporary failure in name resolution".
 */
import type { Ipv4 } from '../../wire/addr';
import { parseIpv4 } from '../../wire/addr';
import type { Vfs } from '../../fs/vfs';
import type { ExecContext } from '../../shell/context';
import { ContainerHost } from '../../docker/container';
import { publicAddress, publicPtr } from '../../devices/upstream';
import { LAB_GATEWAY } from '../../devices/lab-machine';

export type Resolved = { ok: true; ip: Ipv4; name: string } | { ok: false; error: 'unknown' | 'invalid' };

export function resolveHost(fs: Vfs, name: string): Resolved {
  const ip = parseIpv4(name);
  if (ip !== undefined) return { ok: true, ip, name };
  if (/^[\d.]+$/.test(name)) {
    // inet_aton's short forms: 10.1 = 10.0.0.1, 167772161 = 10.0.0.1
    const parts = name.split('.').filter((p) => p !== '').map(Number);
    if (parts.length >= 1 && parts.length <= 4 && parts.every((p) => Number.isInteger(p))) {
      const last = parts.pop()!;
      const hostBits = 8 * (4 - parts.length);
      if (parts.every((p) => p <= 255) && last < 2 ** hostBits) {
        let v = 0;
        parts.forEach((p, i) => (v += p * 2 ** (24 - 8 * i)));
        return { ok: true, ip: (v + last) >>> 0, name };
      }
    }
    return { ok: false, error: 'invalid' };
  }
  const hosts = fs.readFile('/etc/hosts');
  if (typeof hosts === 'string' && hosts !== 'ENOENT') {
    for (const line of hosts.split('\n')) {
      const f = line.replace(/#.*/, '').trim().split(/\s+/);
      if (f.length >= 2 && f.slice(1).includes(name)) {
        const a = parseIpv4(f[0]!);
        if (a !== undefined) return { ok: true, ip: a, name };
      }
    }
  }
  return { ok: false, error: 'unknown' };
}

/**
 * Resolve as a program in ctx's namespace would: /etc/hosts; then inside a container Docker's
 * resolvers; on the lab machine systemd-resolved, which knows the public names the emulated
 * internet has (devices/upstream.ts). Mininet hosts cannot reach 127.0.0.53 from their namespace.
 */
export function resolveIn(ctx: ExecContext, name: string): Resolved {
  const r = resolveHost(ctx.fs, name);
  if (r.ok || r.error === 'invalid') return r;
  const ip = ctx.node instanceof ContainerHost ? ctx.sandbox.docker.resolveFrom(ctx.node.container, name)
    : ctx.node === ctx.sandbox.lab ? (name === '_gateway' ? parseIpv4(LAB_GATEWAY) : publicAddress(name)) : undefined;
  return ip === undefined ? r : { ok: true, ip, name };
}

/**
 * getnameinfo() as seen from ctx's namespace: /etc/hosts, then the resolver (Docker's embedded
 * DNS inside a container, the public zone on the lab machine). Undefined when nothing answers.
 */
export function reverseIn(ctx: ExecContext, ip: Ipv4): string | undefined {
  const hosts = ctx.fs.readFile('/etc/hosts');
  if (typeof hosts === 'string' && hosts !== 'ENOENT' && hosts !== 'EISDIR') {
    for (const line of hosts.split('\n')) {
      const f = line.replace(/#.*/, '').trim().split(/\s+/);
      if (f.length >= 2 && parseIpv4(f[0]!) === ip) return f[1]!;
    }
  }
  if (ctx.node instanceof ContainerHost) return ctx.sandbox.docker.reverseFrom(ctx.node.container, ip);
  if (ctx.node !== ctx.sandbox.lab) return undefined;
  // systemd-resolved names the default gateway `_gateway` (nss-myhostname).
  return ip === parseIpv4(LAB_GATEWAY) ? '_gateway' : publicPtr(ip);
}
