/**
 * Lesson checks on the emulated Docker engine (issue 7), part of the vocabulary in checks.ts
 * and evaluated against sandbox.docker (docker/engine.ts). Containers are named as `docker`
 * names them (name, full id or unique id prefix).
 *
 * Kinds:
 * - dockerNetwork {name, subnet?}: the network exists (with exactly that subnet, CIDR).
 * - containerRunning {name}: the container exists and is running.
 * - containerAddress {container, network, address}: the running container has that address on
 *   that network.
 * - containersReach {from, to}: the last ping run inside container `from` towards `to` (a
 *   container name, or an address) got a reply. A ping is the evidence, as for `reaches` with
 *   requirePing: a learner must have tried it.
 * - nameResolves {from, name, address?}: inside container `from`, the name resolves as the
 *   container would resolve it (its /etc/hosts, then Docker's embedded DNS on the networks it
 *   shares), to that address if given.
 * An HTTP status from a URL is httpFetch (checks.ts) with `from: 'master1'` or a container's host.
 */
import { z } from 'zod';
import type { Sandbox } from '../sandbox';
import type { Container } from '../docker/container';
import { formatIpv4, parseIpv4 } from '../wire/addr';
import type { Ipv4 } from '../wire/addr';

export type DockerCheck =
  | { kind: 'dockerNetwork'; name: string; subnet?: string }
  | { kind: 'containerRunning'; name: string }
  | { kind: 'containerAddress'; container: string; network: string; address: string }
  | { kind: 'containersReach'; from: string; to: string }
  | { kind: 'nameResolves'; from: string; name: string; address?: string };

const name = z.string().min(1, 'must not be empty');
const ipv4 = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/, 'must be an IPv4 address like 172.18.0.2');
const cidr = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, 'must be a subnet like 172.18.0.0/16');

/** The zod variants, spread into checks.ts's discriminated union. */
export const dockerCheckSchemas = [
  z.strictObject({ kind: z.literal('dockerNetwork'), name, subnet: cidr.optional() }),
  z.strictObject({ kind: z.literal('containerRunning'), name }),
  z.strictObject({ kind: z.literal('containerAddress'), container: name, network: name, address: ipv4 }),
  z.strictObject({ kind: z.literal('containersReach'), from: name, to: name }),
  z.strictObject({ kind: z.literal('nameResolves'), from: name, name, address: ipv4.optional() }),
] as const;

export interface DockerEval {
  readonly passed: boolean;
  readonly detail?: string;
}

const pass = (detail?: string): DockerEval => ({ passed: true, ...(detail !== undefined ? { detail } : {}) });
const fail = (detail: string): DockerEval => ({ passed: false, detail });

function containerOf(sb: Sandbox, ref: string): Container | DockerEval {
  const c = sb.dockerStarted ? sb.docker.findContainer(ref) : undefined;
  if (!c) return fail(`there is no container ${ref}`);
  return c;
}

function runningContainer(sb: Sandbox, ref: string): Container | DockerEval {
  const c = containerOf(sb, ref);
  if (!('id' in c)) return c;
  if (!c.running) return fail(`the container ${ref} is not running`);
  return c;
}

/** `to` as an address from inside `from`: an IPv4 literal, or the other container's address on a network they share (else its first one). */
function targetAddress(sb: Sandbox, from: Container, to: string): Ipv4 | undefined {
  const ip = parseIpv4(to);
  if (ip !== undefined) return ip;
  const other = sb.dockerStarted ? sb.docker.findContainer(to) : undefined;
  if (!other) return undefined;
  const shared = other.endpoints.find((e) => e.ip !== undefined && from.endpoints.some((f) => f.network === e.network));
  return (shared ?? other.endpoints.find((e) => e.ip !== undefined))?.ip;
}

export function evaluateDocker(check: DockerCheck, sb: Sandbox): DockerEval {
  switch (check.kind) {
    case 'dockerNetwork': {
      const n = sb.dockerStarted ? sb.docker.networks.find((x) => x.name === check.name) : undefined;
      if (!n) return fail(`there is no Docker network ${check.name}`);
      const have = n.subnet ? `${formatIpv4(n.subnet.net)}/${n.subnet.prefixLen}` : 'no subnet';
      if (check.subnet !== undefined && have !== check.subnet) return fail(`the network ${check.name} has ${have}, not ${check.subnet}`);
      return pass(have);
    }
    case 'containerRunning': {
      const c = runningContainer(sb, check.name);
      return 'id' in c ? pass() : c;
    }
    case 'containerAddress': {
      const c = runningContainer(sb, check.container);
      if (!('id' in c)) return c;
      const e = c.endpoints.find((x) => x.network.name === check.network);
      if (!e) return fail(`${check.container} is not on the network ${check.network}`);
      const have = e.ip === undefined ? 'no address' : formatIpv4(e.ip);
      if (have !== check.address) return fail(`${check.container} has ${have} on ${check.network}, not ${check.address}`);
      return pass();
    }
    case 'containersReach': {
      const c = runningContainer(sb, check.from);
      if (!('id' in c)) return c;
      const dst = targetAddress(sb, c, check.to);
      if (dst === undefined) return fail(`${check.to} has no address`);
      const p = sb.lessonLog.lastPing(c.host, dst);
      if (!p) return fail(`no ping from ${check.from} to ${formatIpv4(dst)} yet`);
      if (p.received === 0) return fail(`the last ping from ${check.from} to ${formatIpv4(dst)} got no reply`);
      return pass();
    }
    case 'nameResolves': {
      const c = runningContainer(sb, check.from);
      if (!('id' in c)) return c;
      const ip = sb.docker.resolveFrom(c, check.name);
      if (ip === undefined) return fail(`${check.name} does not resolve inside ${check.from}`);
      if (check.address !== undefined && formatIpv4(ip) !== check.address) return fail(`${check.name} resolves to ${formatIpv4(ip)} inside ${check.from}, not ${check.address}`);
      return pass(formatIpv4(ip));
    }
  }
}
