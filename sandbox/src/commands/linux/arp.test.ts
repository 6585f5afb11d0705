/** arp (net-tools) against reference/mininet.md §3.5, driven through a whole sandbox session. */
import { describe, expect, it } from 'vitest';
import { labSession } from '../../../test/lab-session';

const lab = (mn = 'mn --mac') => labSession({ mn });

const HEAD = 'Address                  HWtype  HWaddress           Flags Mask            Iface\n';

describe('arp', () => {
  it('prints nothing for an empty cache', () => {
    const { run } = lab();
    expect(run('h1 arp -n')).toBe('');
    expect(run('h1 arp')).toBe('');
    expect(run('h1 arp -a')).toBe('');
  });

  it('shows learned (C), incomplete and static (CM) entries as the reference does', () => {
    const { run } = lab('mn --topo single,3 --mac');
    run('h1 ping -c1 h2');
    run('h1 ping -c1 10.0.0.9');
    run('h1 arp -s 10.0.0.3 00:00:00:00:00:03');
    expect(run('h1 arp -n')).toBe(
      HEAD +
        '10.0.0.2                 ether   00:00:00:00:00:02   C                     h1-eth0\n' +
        '10.0.0.9                         (incomplete)                              h1-eth0\n' +
        '10.0.0.3                 ether   00:00:00:00:00:03   CM                    h1-eth0\n',
    );
    expect(run('h1 arp -a')).toBe(
      '? (10.0.0.2) at 00:00:00:00:00:02 [ether] on h1-eth0\n' +
        '? (10.0.0.9) at <incomplete> on h1-eth0\n' +
        '? (10.0.0.3) at 00:00:00:00:00:03 [ether] PERM on h1-eth0\n',
    );
    expect(run('h1 ip neigh show 10.0.0.3')).toBe('10.0.0.3 dev h1-eth0 lladdr 00:00:00:00:00:03 PERMANENT\n');
  });

  it('derives MACs from the peer (random MACs without --mac)', () => {
    const { run, host } = lab('mn');
    run('h1 ping -c1 h2');
    const mac = host('h2').intf('h2-eth0')!.mac;
    expect(run('h1 arp -n')).toBe(HEAD + `10.0.0.2                 ether   ${mac}   C                     h1-eth0\n`);
  });

  it('has static entries from mn --arp', () => {
    const { run } = lab('mn --arp --mac');
    expect(run('h1 arp -n')).toBe(HEAD + '10.0.0.2                 ether   00:00:00:00:00:02   CM                    h1-eth0\n');
  });

  it('deletes entries and reports missing ones', () => {
    const { run } = lab();
    run('h1 ping -c1 h2');
    expect(run('h1 arp -d 10.0.0.2')).toBe('');
    expect(run('h1 arp -n')).toBe('');
    expect(run('h1 arp -d 10.0.0.2')).toBe('No ARP entry for 10.0.0.2\n');
    expect(run('h1 arp -n 10.0.0.2')).toBe('10.0.0.2 (10.0.0.2) -- no entry\n');
    expect(run('h1 arp -n -i h1-eth0')).toBe('arp: in 0 entries no match found.\n');
  });

  it('rejects bad input with arp\'s messages', () => {
    const { run } = lab();
    expect(run('h1 arp -s 10.0.0.9 zz')).toBe('arp: invalid hardware address\n');
    expect(run('h1 arp -s 10.0.0.9')).toBe('arp: need hardware address\n');
    expect(run('h1 arp -s nosuch 00:00:00:00:00:09')).toBe('nosuch: Unknown host\n');
    expect(run('h1 arp -s 8.8.8.8 00:00:00:00:00:09')).toBe('SIOCSARP: Network is unreachable\n');
    expect(run('h1 arp -H foo')).toBe('arp: foo: unknown hardware type.\n');
    expect(run('h1 arp -x')).toMatch(/^arp: invalid option -- 'x'\nUsage:\n {2}arp \[-vn\]/);
  });
});
