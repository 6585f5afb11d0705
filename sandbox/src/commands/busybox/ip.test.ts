/**
 * BusyBox `ip` inside alpine/busybox containers against reference/docker.md §4.3: the listing
 * shape (no `group default`, `,M-DOWN` on eth0@ifN, no link-netnsid, no trailing spaces), routes
 * without `proto`, and no fe80:: address on eth0 of an IPv4-only network (Docker 28, §0.1).
 */
import { describe, expect, it } from 'vitest';
import { labSession } from '../../../test/lab-session';

describe('busybox ip in a container', () => {
  it('lists addresses in the busybox shape, without an IPv6 link-local address on eth0', () => {
    const { run } = labSession();
    run('docker network create --subnet 172.18.0.0/16 mynet');
    run('docker run -dit --name c1 --network mynet alpine');
    const out = run('docker exec c1 ip addr');
    expect(out).toMatch(new RegExp(
      '^1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000\n' +
      '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n' +
      '    inet 127\\.0\\.0\\.1/8 scope host lo\n' +
      '       valid_lft forever preferred_lft forever\n' +
      '    inet6 ::1/128 scope host\n' +
      '       valid_lft forever preferred_lft forever\n' +
      '2: eth0@if(\\d+): <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP\n' +
      '    link/ether ([0-9a-f]{2}):[0-9a-f:]{14} brd ff:ff:ff:ff:ff:ff\n' +
      '    inet 172\\.18\\.0\\.2/16 brd 172\\.18\\.255\\.255 scope global eth0\n' +
      '       valid_lft forever preferred_lft forever\n$',
    ));
    // A random locally administered unicast MAC (§3.8).
    const first = parseInt(/link\/ether ([0-9a-f]{2})/.exec(out)![1]!, 16);
    expect(first & 3).toBe(2);
    expect(run('docker exec c1 ip route')).toBe('default via 172.18.0.1 dev eth0\n172.18.0.0/16 dev eth0 scope link  src 172.18.0.2\n');
  });

  it('keeps the host-side veth and bridges as iproute2 shows them on the lab machine', () => {
    const { run } = labSession();
    run('docker network create n1');
    // A bridge without containers has no carrier (state DOWN, routes linkdown).
    expect(run('ip link show docker0')).toMatch(/^\d+: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN mode DEFAULT group default \n/);
    expect(run('ip route')).toMatch(/\n172\.18\.0\.0\/16 dev br-[0-9a-f]{12} proto kernel scope link src 172\.18\.0\.1 linkdown \n/);
    run('docker run -dit --name c1 alpine');
    const out = run('ip addr');
    expect(out).toMatch(/\n\d+: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default \n/);
    expect(out).toMatch(/\n\d+: veth[0-9a-f]{7}@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master docker0 state UP group default \n {4}link\/ether \S+ brd ff:ff:ff:ff:ff:ff link-netnsid 0\n/);
  });
});
