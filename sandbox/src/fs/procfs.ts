/**
 * The /proc/sys files, generated from the network namespace a command runs in: reading
 * /proc/sys/net/ipv4/ip_forward in r0 and in h1 gives each one's own value, and
 * `echo 1 > /proc/sys/net/ipv4/ip_forward` sets it, exactly as sysctl does (both go through
 * net/kernel-params.ts). Paths map to names by turning '/' into '.' (proc_sys_lookup).
 * Errors are what the kernel returns: writing a value that is not an integer fails with EINVAL
 * at write(); a name /proc/sys does not have cannot be created (EACCES: no ->create in the
 * sysctl directories).
 */
import type { IpStack } from '../net/ip-stack';
import { isKernelParam, readKernelParam, writeKernelParam } from '../net/kernel-params';

const PREFIX = '/proc/sys/';

export type ProcError = 'EACCES' | 'EINVAL' | 'not-emulated';

/** strerror() of the errors writing a /proc/sys file can give (and the sandbox's own limit). */
export const PROC_ERROR_TEXT: Readonly<Record<ProcError, string>> = {
  EACCES: 'Permission denied',
  EINVAL: 'Invalid argument',
  'not-emulated': 'writing this parameter is not supported in this sandbox',
};

/** The sysctl name of a /proc/sys path, or undefined for a path outside /proc/sys. */
function paramOf(path: string): string | undefined {
  return path.startsWith(PREFIX) ? path.slice(PREFIX.length).replace(/\//g, '.') : undefined;
}

/** Is this path one the procfs model answers for (reads and writes bypass the filesystem)? */
export function isProcSysPath(path: string): boolean {
  return paramOf(path) !== undefined;
}

/** A /proc/sys file's content in `stack`'s namespace, or undefined if it is not one. */
export function readProc(stack: IpStack, path: string): string | undefined {
  const name = paramOf(path);
  if (name === undefined) return undefined;
  const v = readKernelParam(stack, name);
  return v === undefined ? undefined : `${v}\n`;
}

/** open(O_WRONLY|O_CREAT|O_TRUNC) of a /proc/sys path: undefined when it opens. */
export function openProcForWrite(path: string): ProcError | undefined {
  const name = paramOf(path);
  if (name === undefined || isKernelParam(name)) return undefined;
  return 'EACCES';
}

/** write() of `text` to a /proc/sys file; undefined on success. Nothing written changes nothing. */
export function writeProc(stack: IpStack, path: string, text: string): ProcError | undefined {
  const name = paramOf(path);
  if (name === undefined) return undefined;
  if (!isKernelParam(name)) return 'EACCES';
  if (text === '') return undefined;
  const r = writeKernelParam(stack, name, text);
  if (r === 'EINVAL' || r === 'not-emulated') return r;
  return undefined;
}
