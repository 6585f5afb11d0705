/** ifconfig against reference/mininet.md §3.2, driven through a whole sandbox session. */
import { describe, expect, it } from 'vitest';
import { humanBytes } from './iface-list';
import { labSession } from '../../../test/lab-session';

const lab = (mn = 'mn --mac') => labSession({ mn });

describe('ifconfig', () => {
  it('prints a Mininet host as the reference shows (mn --mac)', () => {
    const { run, host } = lab();
    const h1 = host('h1');
    const e = h1.intf('h1-eth0')!;
    const st = e.stats;
    const lo = h1.lo.stats;
    expect(run('h1 ifconfig')).toBe(
      'h1-eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n' +
        '        inet 10.0.0.1  netmask 255.0.0.0  broadcast 10.255.255.255\n' +
        '        inet6 fe80::200:ff:fe00:1  prefixlen 64  scopeid 0x20<link>\n' +
        '        ether 00:00:00:00:00:01  txqueuelen 1000  (Ethernet)\n' +
        `        RX packets ${st.rxPackets}  bytes ${st.rxBytes} (${humanBytes(st.rxBytes)})\n` +
        '        RX errors 0  dropped 0  overruns 0  frame 0\n' +
        `        TX packets ${st.txPackets}  bytes ${st.txBytes} (${humanBytes(st.txBytes)})\n` +
        '        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n' +
        '\n' +
        'lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536\n' +
        '        inet 127.0.0.1  netmask 255.0.0.0\n' +
        '        inet6 ::1  prefixlen 128  scopeid 0x10<host>\n' +
        '        loop  txqueuelen 1000  (Local Loopback)\n' +
        `        RX packets ${lo.rxPackets}  bytes ${lo.rxBytes} (${humanBytes(lo.rxBytes)})\n` +
        '        RX errors 0  dropped 0  overruns 0  frame 0\n' +
        `        TX packets ${lo.txPackets}  bytes ${lo.txBytes} (${humanBytes(lo.txBytes)})\n` +
        '        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n' +
        '\n',
    );
  });

  it('derives ether and the EUI-64 link-local from the interface MAC', () => {
    const { run, host } = lab('mn');
    const e = host('h2').intf('h2-eth0')!;
    const out = run('h2 ifconfig h2-eth0');
    expect(out).toContain(`        ether ${e.mac}  txqueuelen 1000  (Ethernet)\n`);
    expect(out).toMatch(/\n {8}inet6 fe80::[0-9a-f:]+ {2}prefixlen 64 {2}scopeid 0x20<link>\n/);
  });

  it('counts bytes in base-1000 units with one truncated decimal', () => {
    expect(humanBytes(0)).toBe('0.0 B');
    expect(humanBytes(656)).toBe('656.0 B');
    expect(humanBytes(1286)).toBe('1.2 KB');
    expect(humanBytes(6293)).toBe('6.2 KB');
    expect(humanBytes(7500318)).toBe('7.5 MB');
  });

  it('shows counters that grow with traffic', () => {
    const { run, host } = lab();
    run('h1 ping -c 2 h2');
    const st = host('h1').intf('h1-eth0')!.stats;
    expect(st.txPackets).toBeGreaterThan(0);
    expect(run('h1 ifconfig h1-eth0')).toContain(`        TX packets ${st.txPackets}  bytes ${st.txBytes} (${humanBytes(st.txBytes)})\n`);
  });

  it('hides down interfaces unless -a, with flags 4098 when down and 4099 without carrier', () => {
    const { run } = lab();
    run('link s1 h1 down');
    expect(run('h1 ifconfig')).not.toContain('h1-eth0');
    const all = run('h1 ifconfig -a');
    expect(all).toContain('h1-eth0: flags=4098<BROADCAST,MULTICAST>  mtu 1500\n');
    // Down: the IPv4 address stays, the IPv6 link-local goes.
    expect(all).toContain('        inet 10.0.0.1  netmask 255.0.0.0  broadcast 10.255.255.255\n');
    expect(all).not.toContain('fe80::200:ff:fe00:1');
    run('link s1 h1 up');
    run('s1 ifconfig s1-eth1 down');
    expect(run('h1 ifconfig h1-eth0')).toMatch(/^h1-eth0: flags=4099<UP,BROADCAST,MULTICAST> {2}mtu 1500\n/);
    run('s1 ifconfig s1-eth1 up');
    expect(run('h1 ifconfig h1-eth0')).toMatch(/^h1-eth0: flags=4163</);
  });

  it('takes an interface down and up, removing and restoring its route', () => {
    const { run } = lab();
    expect(run('h1 ifconfig h1-eth0 down')).toBe('');
    expect(run('h1 ip route')).toBe('');
    expect(run('h1 ping -c1 h2')).toBe('ping: connect: Network is unreachable\n');
    run('h1 ifconfig h1-eth0 up');
    expect(run('h1 ip route')).toBe('10.0.0.0/8 dev h1-eth0 proto kernel scope link src 10.0.0.1 \n');
  });

  it('sets an address with /len or netmask, and the connected route follows', () => {
    const { run } = lab();
    run('h1 ifconfig h1-eth0 10.0.0.11/24');
    expect(run('h1 ifconfig h1-eth0')).toContain('        inet 10.0.0.11  netmask 255.255.255.0  broadcast 10.0.0.255\n');
    expect(run('h1 ip route')).toBe('10.0.0.0/24 dev h1-eth0 proto kernel scope link src 10.0.0.11 \n');
    run('h1 ifconfig h1-eth0 192.168.1.1 netmask 255.255.0.0 up');
    expect(run('h1 ifconfig h1-eth0')).toContain('        inet 192.168.1.1  netmask 255.255.0.0  broadcast 192.168.255.255\n');
    // Without a mask the classful one applies.
    run('h1 ifconfig h1-eth0 172.16.3.4');
    expect(run('h1 ip route')).toBe('172.16.0.0/16 dev h1-eth0 proto kernel scope link src 172.16.3.4 \n');
  });

  it("prints net-tools' errors", () => {
    const { run } = lab();
    expect(run('h1 ifconfig eth9')).toBe('eth9: error fetching interface information: Device not found\n');
    expect(run('h1 ifconfig eth9 up')).toBe('eth9: ERROR while getting interface flags: No such device\n');
    expect(run('h1 ifconfig h1-eth0 foo')).toBe("foo: Unknown host\nifconfig: `--help' gives usage information.\n");
    expect(run('h1 ifconfig -z')).toBe("ifconfig: option `-z' not recognised.\nifconfig: `--help' gives usage information.\n");
    expect(run('h1 ifconfig h1-eth0 netmask')).toMatch(/^Usage:\n {2}ifconfig \[-a\] \[-v\] \[-s\] <interface>/);
  });

  it('lists the root namespace on a switch: ports up, ovs-system and the bridge only with -a', () => {
    const { sb, run } = lab();
    const up = run('s1 ifconfig');
    const names = [...up.matchAll(/^(\S+): flags=/gm)].map((m) => m[1]);
    expect(names).toEqual(['eth0', 'lo', 's1-eth1', 's1-eth2']);
    expect(up).toContain(`eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n        inet 192.168.122.10  netmask 255.255.255.0  broadcast 192.168.122.255\n`);
    // Switch ports carry no IPv4 address.
    expect(up).toMatch(/s1-eth1: flags=4163<UP,BROADCAST,RUNNING,MULTICAST> {2}mtu 1500\n {8}inet6 fe80::/);
    const all = run('s1 ifconfig -a');
    expect(all).toContain('ovs-system: flags=4098<BROADCAST,MULTICAST>  mtu 1500\n');
    expect(all).toContain('s1: flags=4098<BROADCAST,MULTICAST>  mtu 1500\n');
    // The lab shell is the same namespace.
    expect(sb.lab.rootInterfaces(sb.mininet!.switches).length).toBe(6);
  });

  it('prints the short table with -s', () => {
    const { run, host } = lab();
    run('h1 ping -c1 h2');
    const st = host('h1').intf('h1-eth0')!.stats;
    expect(run('h1 ifconfig -s')).toBe(
      'Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\n' +
        `h1-eth0          1500 ${String(st.rxPackets).padStart(8)}      0      0 0      ${String(st.txPackets).padStart(8)}      0      0      0 BMRU\n` +
        'lo              65536        0      0      0 0             0      0      0      0 LRU\n',
    );
  });

  it('brings a switch port down from the root namespace', () => {
    const { run } = lab();
    run('s1 ifconfig s1-eth2 down');
    expect(run('h1 ping -c1 -W1 h2')).toContain('1 packets transmitted, 0 received');
    run('s1 ifconfig s1-eth2 up');
    expect(run('h1 ping -c1 h2')).toContain('1 received');
  });
});
