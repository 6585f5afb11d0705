/**
 * iproute2's argument helpers (lib/utils.c, ip/ip.c), shared by the `ip` objects: keyword
 * abbreviation (`matches`), the argument cursor whose end is "Command line is not complete",
 * prefix and address parsing with iproute2's wording, and the global options.
 * Errors are raised as IpError and turned into the message and exit status by ip.ts.
 */
import type { Ipv4 } from '../../wire/addr';
import { prefixOfMask } from '../../wire/addr';

/** An error message and the exit status iproute2 ends with (exit(-1) is 255). */
export class IpError {
  constructor(
    readonly message: string,
    readonly status: number,
  ) {}
}

/** The global options that change what the objects print. */
export interface IpOptions {
  /** 0: any, 4: -4, 6: -6, 'link': -0 / -f link. */
  family: 0 | 4 | 6 | 'link';
  stats: number;
  oneline: boolean;
  brief: boolean;
  details: boolean;
}

/** iproute2's matches(): `word` is a (possibly empty) prefix of `keyword`. */
export function matches(word: string, keyword: string): boolean {
  return word.length <= keyword.length && keyword.startsWith(word);
}

export class ArgCursor {
  private i = 0;

  constructor(private readonly argv: readonly string[]) {}

  get done(): boolean {
    return this.i >= this.argv.length;
  }

  peek(): string | undefined {
    return this.argv[this.i];
  }

  /** The current word, moving past it. */
  take(): string {
    const w = this.argv[this.i];
    if (w === undefined) throw incomplete();
    this.i++;
    return w;
  }

  /** NEXT_ARG(): the value after a keyword. */
  value(): string {
    return this.take();
  }

  rest(): string[] {
    return this.argv.slice(this.i);
  }
}

export function incomplete(): IpError {
  return new IpError('Command line is not complete. Try option "help"\n', 255);
}

/** invarg(): "Error: argument "X" is wrong: MSG". */
export function invarg(msg: string, arg: string): IpError {
  return new IpError(`Error: argument "${arg}" is wrong: ${msg}\n`, 255);
}

/** duparg2(): a keyword given twice, or a stray word. */
export function duparg2(key: string, arg: string): IpError {
  return new IpError(`Error: either "${key}" is duplicate, or "${arg}" is a garbage.\n`, 255);
}

export function duparg(key: string, arg: string): IpError {
  return new IpError(`Error: duplicate "${key}": "${arg}" is the second value.\n`, 255);
}

export function nodev(name: string): IpError {
  return new IpError(`Cannot find device "${name}"\n`, 1);
}

/** "RTNETLINK answers: ..." or the kernel's extended ack "Error: ...". */
export function rtnl(text: string): IpError {
  return new IpError(`RTNETLINK answers: ${text}\n`, 2);
}

export function extack(text: string): IpError {
  return new IpError(`Error: ${text}.\n`, 2);
}

export function notEmulated(what: string): IpError {
  return new IpError(`ip: ${what} is not emulated in this sandbox\n`, 2);
}

/** family_name_verbose(): how the parse errors name the address family. */
export function familyWord(family: IpOptions['family'] | 'inet'): string {
  if (family === 4 || family === 'inet') return 'inet';
  if (family === 6) return 'inet6';
  if (family === 'link') return 'link';
  return 'any valid';
}

/** get_addr_ipv4(): one to four numbers (strtoul base 0), missing bytes are zero. */
export function parseIproute2Ipv4(s: string): Ipv4 | undefined {
  const parts = s.split('.');
  if (parts.length < 1 || parts.length > 4) return undefined;
  const bytes: number[] = [];
  for (const p of parts) {
    let n: number;
    if (/^0[xX][0-9a-fA-F]+$/.test(p)) n = parseInt(p.slice(2), 16);
    else if (/^0[0-7]*$/.test(p)) n = parseInt(p, 8);
    else if (/^[1-9]\d*$/.test(p)) n = parseInt(p, 10);
    else return undefined;
    if (!(n <= 255)) return undefined;
    bytes.push(n);
  }
  while (bytes.length < 4) bytes.push(0);
  return ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
}

export interface Prefix {
  readonly addr: Ipv4;
  readonly prefixLen: number;
  /** A /len (or mask) was written. */
  readonly lenGiven: boolean;
  /** "default", "all" or "any". */
  readonly isDefault: boolean;
  /** "all" or "any": as a selector, every route. */
  readonly isAll: boolean;
}

/** get_prefix(): an IPv4 prefix, or the iproute2 error for the family in force. */
export function getPrefix(arg: string, family: IpOptions['family'] | 'inet'): Prefix {
  const fail = () => new IpError(`Error: ${familyWord(family)} prefix is expected rather than "${arg}".\n`, 1);
  if (arg === 'default' || arg === 'all' || arg === 'any') {
    return { addr: 0, prefixLen: 0, lenGiven: true, isDefault: true, isAll: arg !== 'default' };
  }
  if (family === 6 || family === 'link') throw fail();
  if (arg.includes(':')) throw notEmulated('IPv6 configuration');
  const slash = arg.indexOf('/');
  const addr = parseIproute2Ipv4(slash < 0 ? arg : arg.slice(0, slash));
  if (addr === undefined) throw fail();
  if (slash < 0) return { addr, prefixLen: 32, lenGiven: false, isDefault: false, isAll: false };
  const p = arg.slice(slash + 1);
  let len: number | undefined;
  if (/^\d+$/.test(p)) len = Number(p);
  else {
    const m = parseIproute2Ipv4(p);
    if (m !== undefined && p.includes('.')) len = prefixOfMask(m);
  }
  if (len === undefined || len > 32) throw fail();
  return { addr, prefixLen: len, lenGiven: true, isDefault: false, isAll: false };
}

/** get_addr(): a single IPv4 address. */
export function getAddr(arg: string, family: IpOptions['family'] | 'inet'): Ipv4 {
  const fail = () => new IpError(`Error: ${familyWord(family)} address is expected rather than "${arg}".\n`, 1);
  if (family === 6 || family === 'link') throw fail();
  if (arg.includes(':')) throw notEmulated('IPv6 configuration');
  const a = parseIproute2Ipv4(arg);
  if (a === undefined) throw fail();
  return a;
}

/** get_unsigned()/get_u32() with base 0. */
export function getU32(s: string): number | undefined {
  let n: number;
  if (/^0[xX][0-9a-fA-F]+$/.test(s)) n = parseInt(s.slice(2), 16);
  else if (/^0[0-7]*$/.test(s)) n = parseInt(s, 8);
  else if (/^[1-9]\d*$/.test(s)) n = parseInt(s, 10);
  else return undefined;
  return n <= 0xffffffff ? n : undefined;
}
