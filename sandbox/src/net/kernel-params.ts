/**
 * The kernel parameters the sandbox models, per network namespace: what `sysctl` reads and
 * writes and what the files under /proc/sys hold (fs/procfs.ts), so both always agree.
 *
 * - net.ipv4.ip_forward, and net.ipv4.conf.all.forwarding which the kernel keeps equal to it
 *   (devinet_sysctl_forward): live, stored in IpStack.ipForward. Writes follow proc_dointvec():
 *   one integer (base 0, optional sign, surrounding white space), any value, else EINVAL.
 * - net.ipv4.icmp_ratelimit (ms between ICMP errors to one host, 0 = none): live, IpStack.icmpRatelimitMs.
 * - A few read-only parameters with Linux's defaults; writing them is not emulated.
 * Source of truth: Linux 5.15 net/ipv4/devinet.c, net/ipv4/sysctl_net_ipv4.c, kernel/sysctl.c.
 */
import type { IpStack } from './ip-stack';

const FORWARDING = ['net.ipv4.ip_forward', 'net.ipv4.conf.all.forwarding'] as const;

const READ_ONLY_DEFAULTS: Readonly<Record<string, string>> = {
  'net.ipv4.ip_default_ttl': '64',
  'net.ipv4.icmp_echo_ignore_all': '0',
  'net.ipv4.icmp_echo_ignore_broadcasts': '1',
  'net.ipv6.conf.all.disable_ipv6': '0',
};

export type ParamWrite = 'ok' | 'EINVAL' | 'ENOENT' | 'not-emulated';

/** Every parameter name the sandbox knows, in `sysctl -a` order (sorted). */
const ICMP_RATELIMIT = 'net.ipv4.icmp_ratelimit';

export function kernelParamNames(): string[] {
  return [...FORWARDING, ICMP_RATELIMIT, ...Object.keys(READ_ONLY_DEFAULTS)].sort();
}

export function isKernelParam(name: string): boolean {
  return (FORWARDING as readonly string[]).includes(name) || name === ICMP_RATELIMIT || name in READ_ONLY_DEFAULTS;
}

/** The value as the kernel prints it (without the newline), or undefined for an unknown name. */
export function readKernelParam(stack: IpStack, name: string): string | undefined {
  if ((FORWARDING as readonly string[]).includes(name)) return String(stack.ipForward);
  if (name === ICMP_RATELIMIT) return String(stack.icmpRatelimitMs);
  return READ_ONLY_DEFAULTS[name];
}

/** proc_get_long() on a whole write: one integer in C's base-0 notation, white space around it. */
export function parseProcInt(text: string): number | undefined {
  const m = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)\s*$/.exec(text);
  if (!m) return undefined;
  const body = m[2]!;
  const v = /^0[xX]/.test(body) ? parseInt(body.slice(2), 16) : body.length > 1 && body.startsWith('0') ? parseInt(body, 8) : Number(body);
  if (v > 0x7fffffff + (m[1] === '-' ? 1 : 0)) return undefined; // proc_dointvec: EINVAL beyond an int
  return m[1] === '-' ? -v : v;
}

/** Write `text` (what `echo 1 >` or sysctl writes, newline included) to a parameter. */
export function writeKernelParam(stack: IpStack, name: string, text: string): ParamWrite {
  if ((FORWARDING as readonly string[]).includes(name)) {
    const v = parseProcInt(text);
    if (v === undefined) return 'EINVAL';
    stack.ipForward = v;
    return 'ok';
  }
  if (name === ICMP_RATELIMIT) {
    // proc_dointvec_ms_jiffies: milliseconds, not negative.
    const v = parseProcInt(text);
    if (v === undefined || v < 0) return 'EINVAL';
    stack.icmpRatelimitMs = v;
    return 'ok';
  }
  if (name in READ_ONLY_DEFAULTS) return 'not-emulated';
  return 'ENOENT';
}
