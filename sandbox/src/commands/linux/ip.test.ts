/** ip (iproute2 5.15) against reference/mininet.md §3.3, driven through a whole sandbox session. */
import { describe, expect, it } from 'vitest';
import { labSession } from '../../../test/lab-session';

const lab = (mn = 'mn --mac') => labSession({ mn });

describe('ip address / ip link', () => {
  it('prints a host as the reference shows, @ifN being the switch port', () => {
    const { run, host } = lab();
    const e = host('h1').intf('h1-eth0')!;
    expect(run('h1 ip addr')).toBe(
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000\n' +
        '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n' +
        '    inet 127.0.0.1/8 scope host lo\n' +
        '       valid_lft forever preferred_lft forever\n' +
        '    inet6 ::1/128 scope host \n' +
        '       valid_lft forever preferred_lft forever\n' +
        `2: h1-eth0@if${e.peer!.ifindex}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000\n` +
        '    link/ether 00:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n' +
        '    inet 10.0.0.1/8 brd 10.255.255.255 scope global h1-eth0\n' +
        '       valid_lft forever preferred_lft forever\n' +
        '    inet6 fe80::200:ff:fe00:1/64 scope link \n' +
        '       valid_lft forever preferred_lft forever\n',
    );
    expect(run('h1 ip a')).toBe(run('h1 ip address show'));
    expect(run('h1 ip link')).toBe(
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\n' +
        '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n' +
        `2: h1-eth0@if${e.peer!.ifindex}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000\n` +
        '    link/ether 00:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n',
    );
  });

  it('filters by device and family', () => {
    const { run } = lab();
    expect(run('h1 ip addr show dev h1-eth0')).toMatch(/^2: h1-eth0@if\d+: /);
    expect(run('h1 ip -4 addr show h1-eth0')).toMatch(
      /^2: h1-eth0@if\d+: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000\n {4}inet 10\.0\.0\.1\/8 brd 10\.255\.255\.255 scope global h1-eth0\n {7}valid_lft forever preferred_lft forever\n$/,
    );
    expect(run('h1 ip -br addr')).toMatch(/^lo {14} UNKNOWN {8}127\.0\.0\.1\/8 ::1\/128 \nh1-eth0@if\d+ +UP {13}10\.0\.0\.1\/8 fe80::200:ff:fe00:1\/64 \n$/);
    expect(run('h1 ip -o addr show h1-eth0')).toContain(
      '2: h1-eth0    inet 10.0.0.1/8 brd 10.255.255.255 scope global h1-eth0\\       valid_lft forever preferred_lft forever\n',
    );
  });

  it('prints link statistics as iproute2 5.15 does', () => {
    const { run, host } = lab();
    run('h1 ping -c 2 h2');
    const st = host('h1').intf('h1-eth0')!.stats;
    const out = run('h1 ip -s link show h1-eth0');
    expect(out).toContain(
      '    RX:  bytes packets errors dropped  missed   mcast           \n' +
        `    ${String(st.rxBytes).padStart(10)} ${String(st.rxPackets).padStart(7)}      0       0       0       0 \n` +
        '    TX:  bytes packets errors dropped carrier collsns           \n' +
        `    ${String(st.txBytes).padStart(10)} ${String(st.txPackets).padStart(7)}      0       0       0       0 \n`,
    );
  });

  it('shows qdiscs from TCLink and the root namespace with its ports', () => {
    const { run } = lab('mn --link tc,bw=10,delay=10ms');
    expect(run('h1 ip link show h1-eth0')).toMatch(/ qdisc htb state UP /);
    const root = run('s1 ip link');
    expect(root).toMatch(/^1: lo: /);
    expect(root).toMatch(/\n2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP mode DEFAULT group default qlen 1000\n {4}link\/ether 52:54:00:/);
    // A host's veth is named by its ifindex there, with that namespace's id (h1's is 0, h2's is 1).
    expect(root).toMatch(/\n\d+: s1-eth1@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc htb master ovs-system state UP mode DEFAULT group default qlen 1000\n {4}link\/ether \S+ brd ff:ff:ff:ff:ff:ff link-netnsid 0\n/);
    expect(root).toMatch(/\n\d+: s1-eth2@if2: .*\n {4}link\/ether \S+ brd ff:ff:ff:ff:ff:ff link-netnsid 1\n/);
    expect(root).toMatch(/\n3: ovs-system: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000\n/);
  });

  it('names a peer in the same namespace (switch to switch) without a netnsid', () => {
    const { run } = lab('mn --topo linear,2');
    const root = run('sh ip link');
    expect(root).toMatch(/\n\d+: s1-eth2@s2-eth2: <BROADCAST,MULTICAST,UP,LOWER_UP> .*\n {4}link\/ether \S+ brd ff:ff:ff:ff:ff:ff\n/);
    expect(root).toMatch(/\n\d+: s2-eth1@if2: .*\n {4}link\/ether \S+ brd ff:ff:ff:ff:ff:ff link-netnsid 1\n/);
    expect(run('h2 ip link show h2-eth0')).toMatch(/link-netnsid 0\n$/);
  });

  it('reports a missing carrier', () => {
    const { run } = lab();
    run('s1 ip link set s1-eth1 down');
    expect(run('h1 ip link show h1-eth0')).toMatch(/^2: h1-eth0@if\d+: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state LOWERLAYERDOWN /);
    expect(run('h1 ip route')).toBe('10.0.0.0/8 dev h1-eth0 proto kernel scope link src 10.0.0.1 linkdown \n');
  });

  it('adds and deletes addresses', () => {
    const { run } = lab();
    expect(run('h1 ip addr add 10.0.0.100/8 dev h1-eth0')).toBe('');
    expect(run('h1 ip addr show h1-eth0')).toContain('    inet 10.0.0.100/8 scope global secondary h1-eth0\n');
    expect(run('h1 ip addr add 10.0.0.100/8 dev h1-eth0')).toBe('RTNETLINK answers: File exists\n');
    run('h1 ip addr add 192.168.7.1/24 brd + dev h1-eth0');
    expect(run('h1 ip addr show h1-eth0')).toContain('    inet 192.168.7.1/24 brd 192.168.7.255 scope global h1-eth0\n');
    expect(run('h1 ip route')).toBe(
      '10.0.0.0/8 dev h1-eth0 proto kernel scope link src 10.0.0.1 \n192.168.7.0/24 dev h1-eth0 proto kernel scope link src 192.168.7.1 \n',
    );
    expect(run('h1 ip addr del 192.168.7.1/24 dev h1-eth0')).toBe('');
    expect(run('h1 ip addr del 192.168.7.1/24 dev h1-eth0')).toBe('RTNETLINK answers: Cannot assign requested address\n');
    expect(run('h1 ip addr del 10.0.0.100 dev h1-eth0')).toBe(
      'Warning: Executing wildcard deletion to stay compatible with old scripts.\n' +
        '         Explicitly specify the prefix length (10.0.0.100/32) to avoid this warning.\n' +
        '         This special behaviour is likely to disappear in further releases,\n' +
        '         fix your scripts!\n',
    );
    expect(run('h1 ip addr show h1-eth0')).not.toContain('10.0.0.100');
  });

  it('sets links up and down', () => {
    const { run } = lab();
    run('h1 ip link set dev h1-eth0 down');
    expect(run('h1 ip link show h1-eth0')).toMatch(/^2: h1-eth0@if\d+: <BROADCAST,MULTICAST> mtu 1500 qdisc noqueue state DOWN mode DEFAULT /);
    expect(run('h1 ip route')).toBe('');
    run('h1 ip link set h1-eth0 up');
    expect(run('h1 ip route')).toBe('10.0.0.0/8 dev h1-eth0 proto kernel scope link src 10.0.0.1 \n');
  });
});

describe('ip route', () => {
  it('prints the connected route with its trailing space, and a default route', () => {
    const { run } = lab();
    expect(run('h1 ip route')).toBe('10.0.0.0/8 dev h1-eth0 proto kernel scope link src 10.0.0.1 \n');
    expect(run('h1 ip route add default via 10.0.0.254')).toBe('');
    expect(run('h1 ip r')).toBe('default via 10.0.0.254 dev h1-eth0 \n10.0.0.0/8 dev h1-eth0 proto kernel scope link src 10.0.0.1 \n');
    expect(run('h1 ip route add 192.168.9.0/24 via 10.0.0.2 metric 7')).toBe('');
    expect(run('h1 ip route show 192.168.9.0/24')).toBe('192.168.9.0/24 via 10.0.0.2 dev h1-eth0 metric 7 \n');
    expect(run('h1 ip route show dev h1-eth0')).toBe(
      'default via 10.0.0.254 \n10.0.0.0/8 proto kernel scope link src 10.0.0.1 \n192.168.9.0/24 via 10.0.0.2 metric 7 \n',
    );
    expect(run('h1 ip route replace 192.168.9.0/24 via 10.0.0.3 metric 7')).toBe('');
    expect(run('h1 ip route show 192.168.9.0/24')).toBe('192.168.9.0/24 via 10.0.0.3 dev h1-eth0 metric 7 \n');
    expect(run('h1 ip route del 192.168.9.0/24')).toBe('');
    expect(run('h1 ip route del 192.168.9.0/24')).toBe('RTNETLINK answers: No such process\n');
  });

  it('answers route get', () => {
    const { run } = lab();
    expect(run('h1 ip route get 10.0.0.2')).toBe('10.0.0.2 dev h1-eth0 src 10.0.0.1 uid 0 \n    cache \n');
    expect(run('h1 ip route get 10.0.0.1')).toBe('local 10.0.0.1 dev lo src 10.0.0.1 uid 0 \n    cache <local> \n');
    expect(run('h1 ip route get 8.8.8.8')).toBe('RTNETLINK answers: Network is unreachable\n');
    run('h1 ip route add default via 10.0.0.254');
    expect(run('h1 ip route get 8.8.8.8')).toBe('8.8.8.8 via 10.0.0.254 dev h1-eth0 src 10.0.0.1 uid 0 \n    cache \n');
  });

  it("prints iproute2's and the kernel's errors", () => {
    const { run } = lab();
    expect(run('h1 ip route add foo via 10.0.0.2')).toBe('Error: any valid prefix is expected rather than "foo".\n');
    expect(run('h1 ip route add 10.1.0.0/16 via 172.16.0.1')).toBe('Error: Nexthop has invalid gateway.\n');
    expect(run('h1 ip route add 10.0.0.0/8 dev h1-eth0')).toBe('RTNETLINK answers: File exists\n');
    expect(run('h1 ip route add 10.1.2.3/16 dev h1-eth0')).toBe('Error: Invalid prefix for given prefix length.\n');
    expect(run('h1 ip route add 10.1.0.0/16 dev eth9')).toBe('Cannot find device "eth9"\n');
    expect(run('h1 ip route add 10.1.0.0/16 via')).toBe('Command line is not complete. Try option "help"\n');
    expect(run('h1 ip route add 10.1.0.0/16 via 10.0.0.2 metric x')).toBe('Error: argument "x" is wrong: "metric" value is invalid\n\n');
    expect(run('h1 ip foo')).toBe('Object "foo" is unknown, try "ip help".\n');
    expect(run('h1 ip address foo')).toBe('Command "foo" is unknown, try "ip address help".\n');
    expect(run('h1 ip link foo')).toBe('Command "foo" is unknown, try "ip link help".\n');
    expect(run('h1 ip route foo')).toBe('Command "foo" is unknown, try "ip route help".\n');
    expect(run('h1 ip neigh foo')).toBe('Command "foo" is unknown, try "ip neigh help".\n');
    expect(run('h1 ip link set eth9 up')).toBe('Cannot find device "eth9"\n');
    expect(run('h1 ip addr show dev eth9')).toBe('Device "eth9" does not exist.\n');
    expect(run('h1 ip addr add 10.0.0.9/8')).toBe('Not enough information: "dev" argument is required.\n');
    expect(run('h1 ip -q addr')).toBe('Option "-q" is unknown, try "ip -help".\n');
    expect(run('h1 ip')).toMatch(/^Usage: ip \[ OPTIONS \] OBJECT \{ COMMAND \| help \}\n/);
  });
});

describe('ip route append / prepend and route add (no NLM_F_EXCL)', () => {
  it('keeps several routes to one destination; the first is used; only exact duplicates fail', () => {
    const { run, host } = lab();
    expect(run('h1 ip route append default via 10.0.0.2')).toBe('');
    expect(run('h1 ip route append default via 10.0.0.3')).toBe('');
    expect(run('h1 ip route append default via 10.0.0.3')).toBe('RTNETLINK answers: File exists\n');
    expect(run('h1 ip route prepend default via 10.0.0.4')).toBe('');
    expect(run('h1 route add default gw 10.0.0.5')).toBe('');
    expect(run('h1 ip route add default via 10.0.0.6')).toBe('RTNETLINK answers: File exists\n');
    expect(run('h1 ip route')).toBe(
      'default via 10.0.0.5 dev h1-eth0 \ndefault via 10.0.0.4 dev h1-eth0 \ndefault via 10.0.0.2 dev h1-eth0 \n' +
        'default via 10.0.0.3 dev h1-eth0 \n10.0.0.0/8 dev h1-eth0 proto kernel scope link src 10.0.0.1 \n',
    );
    expect(host('h1').stack.routes.lookup(0x08080808)!.via).toBe(0x0a000005);
    expect(run('h1 ip route del default')).toBe('');
    expect(host('h1').stack.routes.lookup(0x08080808)!.via).toBe(0x0a000004);
  });
});

describe('ip neigh', () => {
  it('shows learned, failed and static entries', () => {
    const { run } = lab();
    run('h1 ping -c1 h2');
    expect(run('h1 ip neigh')).toBe('10.0.0.2 dev h1-eth0 lladdr 00:00:00:00:00:02 REACHABLE\n');
    expect(run('h1 ip n show dev h1-eth0')).toBe('10.0.0.2 lladdr 00:00:00:00:00:02 REACHABLE\n');
    run('h1 ping -c1 10.0.0.9');
    expect(run('h1 ip neigh')).toContain('10.0.0.9 dev h1-eth0  FAILED\n');
    expect(run('h1 ip neigh add 10.0.0.50 lladdr 00:00:00:00:00:50 dev h1-eth0')).toBe('');
    expect(run('h1 ip neigh add 10.0.0.50 lladdr 00:00:00:00:00:50 dev h1-eth0')).toBe('RTNETLINK answers: File exists\n');
    expect(run('h1 ip neigh')).toContain('10.0.0.50 dev h1-eth0 lladdr 00:00:00:00:00:50 PERMANENT\n');
    run('h1 ip neigh flush dev h1-eth0');
    expect(run('h1 ip neigh')).toBe('10.0.0.50 dev h1-eth0 lladdr 00:00:00:00:00:50 PERMANENT\n');
    expect(run('h1 ip neigh del 10.0.0.50 dev h1-eth0')).toBe('');
    expect(run('h1 ip neigh del 10.0.0.50 dev h1-eth0')).toBe('RTNETLINK answers: No such file or directory\n');
    expect(run('h1 ip neigh add 10.0.0.51 dev h1-eth0 lladdr zz')).toBe('"zz" is invalid lladdr.\n');
    expect(run('h1 ip neigh add 10.0.0.51 lladdr 00:00:00:00:00:51')).toBe('Device and destination are required arguments.\n');
  });
});
