/** route (net-tools) against reference/mininet.md §3.4, driven through a whole sandbox session. */
import { describe, expect, it } from 'vitest';
import { ROUTE_USAGE, INET_ROUTE_USAGE } from './route';
import { labSession } from '../../../test/lab-session';

const lab = (mn = 'mn --mac') => labSession({ mn });

const HEAD = 'Kernel IP routing table\nDestination     Gateway         Genmask         Flags Metric Ref    Use Iface\n';

describe('route', () => {
  it('prints a Mininet host table as the reference shows', () => {
    const { run } = lab();
    expect(run('h1 route -n')).toBe(HEAD + '10.0.0.0        0.0.0.0         255.0.0.0       U     0      0        0 h1-eth0\n');
    // No names to resolve: the same rows without -n.
    expect(run('h1 route')).toBe(HEAD + '10.0.0.0        0.0.0.0         255.0.0.0       U     0      0        0 h1-eth0\n');
  });

  it('adds a default route: first row, `default` without -n, UG', () => {
    const { run } = lab();
    expect(run('h1 route add default gw 10.0.0.254')).toBe('');
    expect(run('h1 route -n')).toBe(
      HEAD +
        '0.0.0.0         10.0.0.254      0.0.0.0         UG    0      0        0 h1-eth0\n' +
        '10.0.0.0        0.0.0.0         255.0.0.0       U     0      0        0 h1-eth0\n',
    );
    expect(run('h1 route')).toContain('\ndefault         _gateway        0.0.0.0         UG    0      0        0 h1-eth0\n');
    expect(run('h1 ip route')).toBe('default via 10.0.0.254 dev h1-eth0 \n10.0.0.0/8 dev h1-eth0 proto kernel scope link src 10.0.0.1 \n');
    expect(run('h1 route add default gw 10.0.0.254')).toBe('SIOCADDRT: File exists\n');
  });

  it('adds and deletes network and host routes, sorted as /proc/net/route', () => {
    const { run } = lab();
    run('h1 route add -net 192.168.1.0 netmask 255.255.255.0 gw 10.0.0.2');
    run('h1 route add -net 172.16.0.0/12 gw 10.0.0.3 metric 5');
    run('h1 route add -host 10.0.0.77 dev h1-eth0');
    expect(run('h1 route -n')).toBe(
      HEAD +
        '10.0.0.0        0.0.0.0         255.0.0.0       U     0      0        0 h1-eth0\n' +
        '10.0.0.77       0.0.0.0         255.255.255.255 UH    0      0        0 h1-eth0\n' +
        '172.16.0.0      10.0.0.3        255.240.0.0     UG    5      0        0 h1-eth0\n' +
        '192.168.1.0     10.0.0.2        255.255.255.0   UG    0      0        0 h1-eth0\n',
    );
    expect(run('h1 route del -net 192.168.1.0 netmask 255.255.255.0')).toBe('');
    expect(run('h1 route del -net 192.168.1.0 netmask 255.255.255.0')).toBe('SIOCDELRT: No such process\n');
    expect(run('h1 route del -host 10.0.0.77')).toBe('');
    expect(run('h1 ip route')).toBe(
      '10.0.0.0/8 dev h1-eth0 proto kernel scope link src 10.0.0.1 \n172.16.0.0/12 via 10.0.0.3 dev h1-eth0 metric 5 \n',
    );
  });

  it("prints net-tools' and the kernel's errors", () => {
    const { run } = lab();
    expect(run('h1 route add -net 192.168.5.0 netmask 255.255.255.0 gw 172.16.0.1')).toBe('SIOCADDRT: Network is unreachable\n');
    expect(run('h1 route add -net 192.168.5.0 netmask 255.255.255.0 dev eth9')).toBe('SIOCADDRT: No such device\n');
    expect(run('h1 route add -net 192.168.5.1 netmask 255.255.255.0 gw 10.0.0.2')).toBe(
      "route: netmask doesn't match route address\n" + ROUTE_USAGE,
    );
    expect(run('h1 route add 192.168.6.0 netmask 255.255.255.0 gw 10.0.0.2')).toBe(
      "route: netmask 000000ff doesn't make sense with host route\n" + ROUTE_USAGE,
    );
    expect(run('h1 route add -net 192.168.5.0 netmask 255.0.255.0 gw 10.0.0.2')).toBe('route: bogus netmask 255.0.255.0\n' + ROUTE_USAGE);
    expect(run('h1 route add -net 10.9.0.0 gw nosuchhost')).toBe('nosuchhost: Unknown host\n');
    expect(run('h1 route add')).toBe(INET_ROUTE_USAGE);
    expect(run('h1 route foo')).toBe(ROUTE_USAGE);
    expect(run('h1 route -x')).toBe("route: invalid option -- 'x'\n" + ROUTE_USAGE);
  });

  it("lists the lab machine's table in the root namespace", () => {
    const { run } = lab('');
    expect(run('route -n')).toBe(
      HEAD +
        '0.0.0.0         192.168.122.1   0.0.0.0         UG    100    0        0 eth0\n' +
        '192.168.122.0   0.0.0.0         255.255.255.0   U     0      0        0 eth0\n',
    );
    expect(run('route')).toBe(
      HEAD +
        'default         _gateway        0.0.0.0         UG    100    0        0 eth0\n' +
        '192.168.122.0   0.0.0.0         255.255.255.0   U     0      0        0 eth0\n',
    );
  });
});
