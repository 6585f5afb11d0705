import { describe, expect, it } from 'vitest';
import { compileFilter } from './filter';
import type { EthernetFrame } from '../wire/ethernet';
import { arpReply, arpRequest, bddpProbe, echoReply, echoRequest, EVERY_KIND, lldpProbe, portUnreachable, tcpRequest, tcpSyn, udpData } from './sample-frames.test-util';

function matching(expr: string, env = {}): string[] {
  const r = compileFilter(expr, env);
  if (!r.ok) throw new Error(r.error);
  return Object.entries(EVERY_KIND).filter(([, f]) => r.match(f)).map(([k]) => k);
}

const errorOf = (expr: string): string => {
  const r = compileFilter(expr);
  return r.ok ? 'compiled' : r.error;
};

describe('pcap filter subset', () => {
  it('matches everything with no expression', () => {
    expect(matching('')).toHaveLength(Object.keys(EVERY_KIND).length);
  });

  it('protocols: ip, arp, icmp, tcp, udp; ip6 and friends match nothing', () => {
    expect(matching('arp')).toEqual(['arpRequest', 'arpReply']);
    expect(matching('icmp')).toEqual(['echoRequest', 'echoReply', 'portUnreachable', 'timeExceeded']);
    expect(matching('udp')).toEqual(['udpData']);
    expect(matching('tcp')).toEqual(['tcpSyn', 'tcpSynAck', 'tcpAck', 'tcpRequest', 'tcpRst']);
    expect(matching('ip')).not.toContain('arpRequest');
    expect(matching('ip')).not.toContain('lldpProbe');
    expect(matching('ip6')).toEqual([]);
  });

  it('host matches IP and ARP addresses in either direction; src and dst pick one', () => {
    expect(matching('host 10.0.0.9')).toEqual(['portUnreachable']);
    const h2 = matching('host 10.0.0.2');
    expect(h2).toContain('arpRequest'); // ARP's target address counts (gen_host: ip or arp or rarp)
    expect(h2).toContain('echoReply');
    expect(h2).not.toContain('portUnreachable');
    expect(matching('src host 10.0.0.2')).toEqual(['arpReply', 'echoReply', 'timeExceeded', 'tcpSynAck', 'tcpRst']);
    expect(matching('dst 10.0.0.2 and icmp')).toEqual(['echoRequest']);
    expect(matching('ip host 10.0.0.2 and not tcp and not udp')).toEqual(['echoRequest', 'echoReply', 'timeExceeded']);
    expect(matching('arp host 10.0.0.1')).toEqual(['arpRequest', 'arpReply']);
    expect(matching('10.0.0.9')).toEqual(['portUnreachable']);
  });

  it('net, port (by number or service name), tcp/udp port', () => {
    expect(matching('net 10.0.0.0/24 and icmp')).toHaveLength(4);
    expect(matching('net 192.168')).toEqual([]);
    expect(matching('port 80')).toEqual(['tcpSyn', 'tcpSynAck', 'tcpAck', 'tcpRequest']);
    expect(matching('port http')).toEqual(matching('tcp port 80'));
    expect(matching('udp port 5001')).toEqual(['udpData']);
    expect(matching('tcp port 5001')).toEqual(['tcpRst']);
    expect(matching('src port 80')).toEqual(['tcpSynAck']);
    expect(matching('dst port 80 and tcp')).toEqual(['tcpSyn', 'tcpAck', 'tcpRequest']);
  });

  it('and, or, not, !, &&, || and parentheses; an id repeats the last qualifiers', () => {
    expect(matching('icmp and (host 10.0.0.9 or src host 10.0.0.2)')).toEqual(['echoReply', 'portUnreachable', 'timeExceeded']);
    expect(matching('! ip && ! arp')).toEqual(['lldpProbe', 'bddpProbe']);
    expect(matching('udp || arp')).toEqual(['arpRequest', 'arpReply', 'udpData']);
    expect(matching('not (tcp or udp or icmp or arp)')).toEqual(['lldpProbe', 'bddpProbe']);
    // `port 80 or 5001` is `port 80 or port 5001`.
    expect(matching('port 80 or 5001').sort()).toEqual([...matching('port 80'), 'udpData', 'tcpRst'].sort());
    expect(matching('src host 10.0.0.9 or 10.0.0.2')).toEqual(matching('src host 10.0.0.9 or src host 10.0.0.2'));
  });

  it('link level: ether host/src/dst, ether proto, broadcast, multicast, less, greater', () => {
    expect(matching('ether src 00:00:00:00:00:02')).toContain('arpReply');
    expect(matching('ether dst ff:ff:ff:ff:ff:ff')).toEqual(['arpRequest', 'bddpProbe']);
    expect(matching('ether host 00:00:00:00:00:01 and arp')).toEqual(['arpRequest', 'arpReply']);
    expect(matching('ether proto 0x88cc')).toEqual(['lldpProbe']);
    expect(matching('ether proto 0x8942')).toEqual(['bddpProbe']);
    expect(matching('broadcast')).toEqual(['arpRequest', 'bddpProbe']);
    expect(matching('multicast')).toEqual(['arpRequest', 'lldpProbe', 'bddpProbe']);
    expect(matching('less 60')).toEqual(['arpRequest', 'arpReply', 'tcpRst']); // 42, 42 and 54 bytes
    expect(matching('greater 1000')).toEqual(['udpData']);
  });

  it('resolves host names through the capturing namespace', () => {
    const env = { resolveHost: (n: string): number | undefined => (n === 'h9' ? 0x0a000009 : undefined) };
    expect(matching('host h9', env)).toEqual(['portUnreachable']);
    const r = compileFilter('host h8', env);
    expect(r.ok ? '' : r.error).toBe("unknown host 'h8'");
  });

  it("gives libpcap's errors", () => {
    expect(errorOf('host')).toBe("can't parse filter expression: syntax error");
    expect(errorOf('tcp and')).toBe("can't parse filter expression: syntax error");
    expect(errorOf('(icmp')).toBe("can't parse filter expression: syntax error");
    expect(errorOf('icmp )')).toBe("can't parse filter expression: syntax error");
    expect(errorOf('port = 80')).toBe("can't parse filter expression: syntax error");
    expect(errorOf('ether')).toBe("can't parse filter expression: syntax error");
    expect(errorOf('nosuchhost')).toBe("unknown host 'nosuchhost'");
    expect(errorOf('port 70000')).toBe('illegal port number 70000 > 65535');
    expect(errorOf('port nosuchservice')).toBe("unknown port 'nosuchservice'");
    expect(errorOf('udp port http')).toBe("port 'http' is tcp");
    expect(errorOf('icmp port 80')).toBe("illegal qualifier of 'port'");
    expect(errorOf('tcp host 10.0.0.1')).toBe("'tcp' modifier applied to host");
    expect(errorOf('host 00:00:00:00:00:01')).toBe('ethernet address used in non-ether expression');
    expect(errorOf('ether host 10.0.0.1')).toBe("unknown ether host '10.0.0.1'");
    expect(errorOf('net 10.0.0.1/8')).toBe('non-network bits set in "10.0.0.1/8"');
    expect(errorOf('vlan 10')).toBe("filter keyword 'vlan' is not supported in this sandbox");
  });

  it('never throws on arbitrary input', () => {
    const words = ['host', 'port', 'and', 'or', 'not', '(', ')', '!', 'src', 'dst', 'ether', 'tcp', '10.0.0.1', '80', 'x', '&&', '||', 'net', '10/8'];
    let seed = 7;
    const frames: EthernetFrame[] = [arpRequest, arpReply, echoRequest, echoReply, portUnreachable, udpData, tcpSyn, tcpRequest, lldpProbe, bddpProbe];
    for (let i = 0; i < 500; i++) {
      const n = 1 + (i % 6);
      const expr = Array.from({ length: n }, () => {
        seed = (seed * 1103515245 + 12345) >>> 0;
        return words[seed % words.length];
      }).join(' ');
      const r = compileFilter(expr);
      if (r.ok) for (const f of frames) expect(typeof r.match(f)).toBe('boolean');
      else expect(r.error.length).toBeGreaterThan(0);
    }
  });
});
