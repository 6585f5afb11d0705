/**
 * What lies beyond the lab machine's eth0, so that traffic leaving the lab has somewhere to go:
 *
 *   master1 eth0 192.168.122.10 ── 192.168.122.1 gateway ── (5 ms) ── internet
 *
 * - `gateway` is the virtualisation host's bridge (libvirt's default network, 192.168.122.0/24)
 *   that routes the lab out.
 * - `internet` stands for everything further away: it answers, as its own, every public unicast
 *   address (AnyIP), so `ping 8.8.8.8` or a container's ping through Docker's NAT gets replies
 *   about 10 ms later, with the TTL of a reply that crossed several routers. Private and
 *   reserved addresses that reach it are dropped, as the internet drops them.
 * Both are emulated hosts of the same network, outside Mininet's and Docker's view; their MACs and
 * IP ids are fixed so that building them draws nothing from the seeded RNG.
 *
 * Only ICMP and traceroute's probes are answered: no service listens out there, so TCP gets a
 * reset (curl: "Connection refused"), where the real sites would serve pages.
 */
import ipaddr from 'ipaddr.js';
import type { Network } from '../net/network';
import type { Ipv4 } from '../wire/addr';
import { formatIpv4, parseIpv4 } from '../wire/addr';
import { Host } from './host';
import { LAB_GATEWAY } from './lab-machine';
import type { LabMachine } from './lab-machine';

/** One way across the upstream path, gateway to the far end (microseconds). */
const INTERNET_DELAY = 5_000;
/** The far end's initial TTL: 128 less the routers a reply would cross before the gateway. */
const INTERNET_TTL = 120;

const TRANSIT_GATEWAY = parseIpv4('203.0.113.2')!; // TEST-NET-3 (RFC 5737), never routed for real
const TRANSIT_INTERNET = parseIpv4('203.0.113.1')!;

/**
 * A few public names with their A and PTR records, answered to the lab machine and to containers
 * (through systemd-resolved and Docker's resolvers). Real records vary by place and time; these
 * are one observed answer each.
 */
export const PUBLIC_NAMES: readonly { readonly name: string; readonly ip: string; readonly ptr?: string }[] = [
  { name: 'dns.google', ip: '8.8.8.8', ptr: 'dns.google' },
  { name: 'one.one.one.one', ip: '1.1.1.1', ptr: 'one.one.one.one' },
  { name: 'google.com', ip: '142.250.185.78', ptr: 'fra16s48-in-f14.1e100.net' },
];

/** PTR records of addresses that have no forward name above (the second resolvers). */
const EXTRA_PTR: Record<string, string> = { '8.8.4.4': 'dns.google', '1.0.0.1': 'one.one.one.one' };

/** The A record of a public name, if the zone has it. */
export function publicAddress(name: string): Ipv4 | undefined {
  const n = name.toLowerCase().replace(/\.$/, '');
  const hit = PUBLIC_NAMES.find((p) => p.name === n);
  return hit ? parseIpv4(hit.ip) : undefined;
}

/** The PTR record of a public address, if the zone has it. */
export function publicPtr(ip: Ipv4): string | undefined {
  const text = formatIpv4(ip);
  return PUBLIC_NAMES.find((p) => p.ip === text)?.ptr ?? EXTRA_PTR[text];
}

/** Is this a globally routed unicast address (not private, loopback, link-local, reserved...)? */
export function isPublicAddress(ip: Ipv4): boolean {
  // ipaddr.js counts TEST-NET-3 (the transit link's 203.0.113.0/24) as reserved, so it is not answered either.
  return ipaddr.fromByteArray([ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255]).range() === 'unicast';
}

export class Upstream {
  readonly gateway: Host;
  readonly internet: Host;

  constructor(net: Network, lab: LabMachine) {
    const gw = new Host(net, 'gateway', 1);
    const gwLan = gw.addIntf('virbr0', '52:54:00:00:7a:01');
    const gwWan = gw.addIntf('wan0', '52:54:00:00:71:02');
    gw.stack.addAddress(gwLan, { addr: parseIpv4(LAB_GATEWAY)!, prefixLen: 24 });
    gw.stack.addAddress(gwWan, { addr: TRANSIT_GATEWAY, prefixLen: 30 });
    gw.stack.routes.add({
      dst: 0, prefixLen: 0, via: TRANSIT_INTERNET, dev: gwWan, proto: 'static', scope: 'global', metric: 0, type: 'unicast',
    });
    gw.stack.forwarding = true;

    const inet = new Host(net, 'internet', 1);
    const inetIntf = inet.addIntf('eth0', '02:00:00:00:71:01');
    inet.stack.addAddress(inetIntf, { addr: TRANSIT_INTERNET, prefixLen: 30 });
    inet.stack.routes.add({
      dst: 0, prefixLen: 0, via: TRANSIT_GATEWAY, dev: inetIntf, proto: 'static', scope: 'global', metric: 0, type: 'unicast',
    });
    inet.stack.anyIp = isPublicAddress;
    inet.stack.defaultTtl = INTERNET_TTL;
    // It stands for many routers, each with its own ICMP rate limit: none runs dry for one lab.
    inet.stack.icmpRatelimitMs = 0;

    gwWan.tc = { delay: INTERNET_DELAY };
    inetIntf.tc = { delay: INTERNET_DELAY };
    net.connect(lab.eth0, gwLan);
    net.connect(gwWan, inetIntf);
    this.gateway = gw;
    this.internet = inet;
  }
}
