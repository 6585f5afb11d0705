/**
 * How tcpdump names addresses (addrtoname.c, tcpdump 4.99): without -n, IPv4 addresses go through
 * getnameinfo() (the caller's resolver: in the lab nothing answers for 10.0.0.x, so they print as
 * numbers), ports through /etc/services, and MAC addresses get their vendor from tcpdump's own
 * short OUI table (`00:00:00:00:00:01 (oui Ethernet)`, `52:54:00:12:34:56 (oui Unknown)`), with
 * ff:ff:ff:ff:ff:ff named `Broadcast`. With -n everything prints as numbers.
 */
import type { Ipv4, Mac } from '../wire/addr';
import { BROADCAST_MAC, formatIpv4 } from '../wire/addr';
import type { PortProto } from './services';
import { serviceName } from './services';

/** Reverse lookups of the namespace the capture runs in. */
export interface NameLookup {
  /** A host name for an address, or undefined to print the number. */
  host?(ip: Ipv4): string | undefined;
}

/** oui_values[] of tcpdump 4.99 (oui.c). */
const OUI_NAMES: ReadonlyMap<number, string> = new Map([
  [0x000000, 'Ethernet'],
  [0x00000c, 'Cisco'],
  [0x00005e, 'IANA'],
  [0x000081, 'Nortel Networks SONMP'],
  [0x0000f8, 'Cisco bridged'],
  [0x0080c2, 'Ethernet bridged'],
  [0x00a03e, 'ATM Forum'],
  [0x00e02f, 'DOCSIS Spanning Tree'],
  [0x080007, 'Appletalk'],
  [0x009069, 'Juniper'],
  [0x080009, 'Hewlett-Packard'],
  [0x00120f, 'IEEE 802.3 Private'],
  [0x0012bb, 'ANSI/TIA'],
  [0x001b21, 'DCBX'],
  [0x002320, 'Nicira Networks'],
  [0x5c16c7, 'Big Switch Networks'],
  [0xb0d2f5, 'Vello Systems'],
  [0x002481, 'HP'],
  [0x0004ea, 'HP-Labs'],
  [0x748771, 'Infoblox Inc'],
  [0xa42305, 'Open Networking Lab'],
  [0x00049f, 'Freescale'],
  [0x00154d, 'Netronome'],
]);

/** tok2str(oui_values, "Unknown", oui). */
export function ouiName(oui: number): string {
  return OUI_NAMES.get(oui) ?? 'Unknown';
}

export class Namer {
  constructor(
    /** -n: numbers only. */
    readonly numeric: boolean,
    private readonly lookup: NameLookup = {},
  ) {}

  /** ipaddr_string(). */
  ip(ip: Ipv4): string {
    if (this.numeric) return formatIpv4(ip);
    return this.lookup.host?.(ip) ?? formatIpv4(ip);
  }

  /** tcpport_string() / udpport_string(). */
  port(port: number, proto: PortProto): string {
    if (this.numeric) return String(port);
    return serviceName(port, proto) ?? String(port);
  }

  /** etheraddr_string(). */
  mac(mac: Mac): string {
    if (this.numeric) return mac;
    if (mac === BROADCAST_MAC) return 'Broadcast';
    return `${mac} (oui ${ouiName(parseInt(mac.replace(/:/g, '').slice(0, 6), 16))})`;
  }
}
