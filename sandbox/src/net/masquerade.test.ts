import { describe, expect, it } from 'vitest';
import { Masquerade } from './masquerade';
import { Intf } from './interface';
import { parseIpv4 } from '../wire/addr';
import type { Ipv4Packet, IpPayload } from '../wire/ipv4';
import { ICMP_ECHO_REPLY, ICMP_ECHO_REQUEST, ICMP_TIME_EXCEEDED } from '../wire/icmp';

const ip = (s: string) => parseIpv4(s)!;
const owner = { name: 'lab', receive: () => undefined };
const eth0 = new Intf('eth0', '52:54:00:00:00:01', owner, 2);
eth0.addrs.push({ addr: ip('192.168.122.10'), prefixLen: 24 });
const docker0 = new Intf('docker0', '02:42:00:00:00:01', owner, 3);
const rules = [{ net: ip('172.17.0.0'), prefixLen: 16, notOut: docker0 }];

const packet = (src: string, dst: string, payload: IpPayload): Ipv4Packet => ({ proto: 'ipv4', src: ip(src), dst: ip(dst), ttl: 63, tos: 0, id: 1, payload });
const echo = (type: typeof ICMP_ECHO_REQUEST | typeof ICMP_ECHO_REPLY, ident: number): IpPayload => ({ proto: 'icmp', type, code: 0, ident, seq: 1, dataLen: 56, sentAt: 0 });
const udp = (sport: number, dport: number): IpPayload => ({ proto: 'udp', sport, dport, length: 40 });

describe('Masquerade', () => {
  it('rewrites a container echo request to the out address and translates the reply back', () => {
    const nat = new Masquerade(() => rules);
    const out = nat.postrouting(packet('172.17.0.2', '8.8.8.8', echo(ICMP_ECHO_REQUEST, 7)), eth0);
    expect(out.src).toBe(ip('192.168.122.10'));
    const back = nat.prerouting(packet('8.8.8.8', '192.168.122.10', echo(ICMP_ECHO_REPLY, 7)));
    expect(back.dst).toBe(ip('172.17.0.2'));
    expect(nat.connections()).toHaveLength(1);
  });

  it('leaves alone traffic that stays on the bridge, sources outside the rules, and unknown replies', () => {
    const nat = new Masquerade(() => rules);
    const same = packet('172.17.0.2', '172.17.0.3', echo(ICMP_ECHO_REQUEST, 7));
    expect(nat.postrouting(same, docker0)).toBe(same);
    const lab = packet('192.168.122.10', '8.8.8.8', echo(ICMP_ECHO_REQUEST, 7));
    expect(nat.postrouting(lab, eth0)).toBe(lab);
    const stray = packet('8.8.8.8', '192.168.122.10', echo(ICMP_ECHO_REPLY, 9));
    expect(nat.prerouting(stray)).toBe(stray);
  });

  it('does not let an echo request from outside match a tracked ping', () => {
    const nat = new Masquerade(() => rules);
    nat.postrouting(packet('172.17.0.2', '8.8.8.8', echo(ICMP_ECHO_REQUEST, 7)), eth0);
    const request = packet('8.8.8.8', '192.168.122.10', echo(ICMP_ECHO_REQUEST, 7));
    expect(nat.prerouting(request)).toBe(request);
  });

  it('gives a second inside host with the same source port another port towards the same peer', () => {
    const nat = new Masquerade(() => rules);
    const a = nat.postrouting(packet('172.17.0.2', '1.1.1.1', udp(40000, 53)), eth0);
    const b = nat.postrouting(packet('172.17.0.3', '1.1.1.1', udp(40000, 53)), eth0);
    const pa = a.payload.proto === 'udp' ? a.payload.sport : -1;
    const pb = b.payload.proto === 'udp' ? b.payload.sport : -1;
    expect(pa).toBe(40000);
    expect(pb).not.toBe(40000);
    const back = nat.prerouting(packet('1.1.1.1', '192.168.122.10', udp(53, pb)));
    expect(back.dst).toBe(ip('172.17.0.3'));
    expect(back.payload.proto === 'udp' && back.payload.dport).toBe(40000);
  });

  it('translates an ICMP error quoting a translated datagram, quote included', () => {
    const nat = new Masquerade(() => rules);
    const sent = nat.postrouting(packet('172.17.0.2', '8.8.4.4', udp(41000, 33434)), eth0);
    const err = nat.prerouting(packet('192.168.122.1', '192.168.122.10', { proto: 'icmp', type: ICMP_TIME_EXCEEDED, code: 0, original: sent }));
    expect(err.dst).toBe(ip('172.17.0.2'));
    const quote = err.payload.proto === 'icmp' && 'original' in err.payload ? err.payload.original : undefined;
    expect(quote?.src).toBe(ip('172.17.0.2'));
    expect(quote?.payload.proto === 'udp' && quote.payload.sport).toBe(41000);
  });
});
