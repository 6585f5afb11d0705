/**
 * `docker network inspect` and `docker inspect` objects, field order as Docker 28 (API 1.51)
 * encodes them (reference/docker.md §0.5, §2.2, §3.6). JSON.stringify keeps insertion order,
 * so objects are built in the Go structs' order; maps are built with sorted keys.
 */
import { LAB_EPOCH_SECONDS, civilFromUnix, pad2 } from '../sim/calendar';
import { formatIpv4 } from '../wire/addr';
import type { Container } from './container';
import type { DockerEngine } from './engine';
import type { DockerNetwork } from './network';
import { shortId } from './ids';

/** RFC3339Nano in UTC with trailing zeros of the fraction trimmed. */
export function rfc3339Nano(virtualUs: number): string {
  const secs = Math.floor(virtualUs / 1e6);
  const t = civilFromUnix(LAB_EPOCH_SECONDS + secs);
  const frac = String((virtualUs % 1e6) * 1000).padStart(9, '0').replace(/0+$/, '');
  return `${t.year}-${pad2(t.month)}-${pad2(t.day)}T${pad2(t.hour)}:${pad2(t.minute)}:${pad2(t.second)}${frac ? '.' + frac : ''}Z`;
}

function sorted<T>(m: Record<string, T>): Record<string, T> {
  const o: Record<string, T> = {};
  for (const k of Object.keys(m).sort()) o[k] = m[k]!;
  return o;
}

export function networkObject(engine: DockerEngine, n: DockerNetwork): Record<string, unknown> {
  const containers: Record<string, unknown> = {};
  for (const c of [...engine.attached(n)].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const e = c.endpoints.find((x) => x.network === n)!;
    containers[c.id] = {
      Name: c.name, EndpointID: e.endpointId ?? '', MacAddress: e.mac ?? '',
      IPv4Address: e.ip !== undefined ? `${formatIpv4(e.ip)}/${n.subnet!.prefixLen}` : '', IPv6Address: '',
    };
  }
  const config = n.subnet
    ? [{
        Subnet: `${formatIpv4(n.subnet.net)}/${n.subnet.prefixLen}`,
        ...(n.opts.ipRange ? { IPRange: `${formatIpv4(n.opts.ipRange.net)}/${n.opts.ipRange.prefixLen}` } : {}),
        Gateway: formatIpv4(n.gateway!),
      }]
    : [];
  return {
    Name: n.name, Id: n.id, Created: rfc3339Nano(n.created), Scope: 'local', Driver: n.driver,
    EnableIPv4: true, EnableIPv6: false,
    IPAM: { Driver: 'default', Options: n.opts.builtin ? null : {}, Config: config },
    Internal: n.opts.internal, Attachable: n.opts.attachable, Ingress: false, ConfigFrom: { Network: '' }, ConfigOnly: false,
    Containers: containers, Options: sorted(n.opts.options), Labels: sorted(n.opts.labels),
  };
}

function stateObject(c: Container): Record<string, unknown> {
  const status = c.state === 'running' ? 'running' : c.state === 'created' ? 'created' : 'exited';
  return {
    Status: status, Running: c.running, Paused: false, Restarting: false, OOMKilled: false, Dead: false,
    Pid: c.running ? 1000 + parseInt(c.id.slice(0, 4), 16) % 30000 : 0, ExitCode: c.exitCode, Error: '',
    StartedAt: c.startedAt !== undefined ? rfc3339Nano(c.startedAt) : '0001-01-01T00:00:00Z',
    FinishedAt: c.finishedAt !== undefined ? rfc3339Nano(c.finishedAt) : '0001-01-01T00:00:00Z',
  };
}

export function containerObject(c: Container): Record<string, unknown> {
  const networks: Record<string, unknown> = {};
  for (const e of [...c.endpoints].sort((a, b) => (a.network.name < b.network.name ? -1 : 1))) {
    const n = e.network;
    const user = !n.isDefaultBridge;
    networks[n.name] = {
      IPAMConfig: e.staticIp !== undefined ? { IPv4Address: formatIpv4(e.staticIp) } : null,
      Links: null,
      Aliases: e.aliases.length ? [...e.aliases] : null,
      MacAddress: e.mac ?? '',
      DriverOpts: null,
      GwPriority: 0,
      NetworkID: n.id,
      EndpointID: e.endpointId ?? '',
      Gateway: e.ip !== undefined && n.gateway !== undefined ? formatIpv4(n.gateway) : '',
      IPAddress: e.ip !== undefined ? formatIpv4(e.ip) : '',
      IPPrefixLen: e.ip !== undefined ? n.subnet!.prefixLen : 0,
      IPv6Gateway: '',
      GlobalIPv6Address: '',
      GlobalIPv6PrefixLen: 0,
      DNSNames: user ? [c.name, shortId(c.id)] : null,
    };
  }
  const bridgeEp = c.endpoints.find((e) => e.network.isDefaultBridge);
  const ports: Record<string, unknown> = {};
  for (const p of c.image.exposedPorts) ports[p] = null;
  for (const p of c.config.ports) {
    ports[`${p.containerPort}/${p.proto}`] = [{ HostIp: '0.0.0.0', HostPort: String(p.hostPort) }, { HostIp: '::', HostPort: String(p.hostPort) }];
  }
  const [path, ...args] = c.commandLine;
  return {
    Id: c.id,
    Created: rfc3339Nano(c.created),
    Path: path ?? '',
    Args: args,
    State: stateObject(c),
    Image: `sha256:${c.image.id}`,
    Name: `/${c.name}`,
    RestartCount: 0,
    Config: {
      Hostname: c.config.hostname, Tty: c.config.tty, OpenStdin: c.config.interactive,
      Env: [...c.config.env], Cmd: [...c.config.cmd], Image: c.imageRef, WorkingDir: c.image.workingDir === '/' ? '' : c.image.workingDir,
      Entrypoint: c.config.entrypoint.length ? [...c.config.entrypoint] : null,
    },
    NetworkSettings: {
      Ports: sorted(ports),
      Gateway: bridgeEp?.ip !== undefined ? '172.17.0.1' : '',
      IPAddress: bridgeEp?.ip !== undefined ? formatIpv4(bridgeEp.ip) : '',
      IPPrefixLen: bridgeEp?.ip !== undefined ? 16 : 0,
      MacAddress: bridgeEp?.mac ?? '',
      Networks: networks,
    },
  };
}

/** json.Indent with 4 spaces, as an array, newline-terminated. */
export function inspectJson(objects: unknown[]): string {
  if (objects.length === 0) return '[]\n';
  return JSON.stringify(objects, null, 4) + '\n';
}
