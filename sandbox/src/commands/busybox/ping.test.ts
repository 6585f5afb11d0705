/**
 * BusyBox ping in the alpine and busybox images against reference/docker.md §3.5, §4.1, §4.2,
 * §4.4: the busybox format, `bad address` for names the container cannot resolve, 100% loss
 * across bridges, the option errors, -q, -w and Ctrl-C.
 */
import { describe, expect, it } from 'vitest';
import { labSession } from '../../../test/lab-session';
import { formatBusyboxMs } from './ping';

function lab() {
  const s = labSession({ maxRunUs: 60_000_000 });
  s.run('docker network create --subnet 172.18.0.0/16 mynet');
  s.run('docker run -dit --name c1 --network mynet alpine');
  s.run('docker run -dit --name c2 --network mynet busybox');
  s.run('docker run -dit --name web1 alpine');
  return s;
}

const RTT = String.raw`\d+\.\d{3}`;

describe('busybox ping', () => {
  it('prints the busybox format for a container name on a user network', () => {
    const { run } = lab();
    const out = run('docker exec c1 ping -c 2 c2');
    expect(out).toMatch(new RegExp(
      '^PING c2 \\(172\\.18\\.0\\.3\\): 56 data bytes\n' +
      `64 bytes from 172\\.18\\.0\\.3: seq=0 ttl=64 time=${RTT} ms\n` +
      `64 bytes from 172\\.18\\.0\\.3: seq=1 ttl=64 time=${RTT} ms\n` +
      '\n--- c2 ping statistics ---\n' +
      '2 packets transmitted, 2 packets received, 0% packet loss\n' +
      `round-trip min/avg/max = ${RTT}/${RTT}/${RTT} ms\n$`,
    ));
  });

  it('says bad address for names it cannot resolve: other networks and the default bridge', () => {
    const { run } = lab();
    expect(run('docker exec c1 ping -c 1 web1')).toBe("ping: bad address 'web1'\n");
    expect(run('docker exec web1 ping -c 1 c1')).toBe("ping: bad address 'c1'\n");
    run('docker run -dit --name web2 alpine');
    expect(run('docker exec web2 ping -c 1 web1')).toBe("ping: bad address 'web1'\n");
    // exit status 1 (bb_herror_msg_and_die)
    expect(run('docker exec web2 ping nowhere; echo $?')).toBe("ping: bad address 'nowhere'\n1\n");
  });

  it('shows 100% loss between bridges and exits 1', () => {
    const { run } = lab();
    expect(run('docker exec web1 ping -c 2 -W 1 172.18.0.2')).toBe(
      'PING 172.18.0.2 (172.18.0.2): 56 data bytes\n\n--- 172.18.0.2 ping statistics ---\n' +
      '2 packets transmitted, 0 packets received, 100% packet loss\n',
    );
  });

  it('is quiet with -q and stops at a -w deadline', () => {
    const { run } = lab();
    expect(run('docker exec c1 ping -q -c 3 c2')).toMatch(/^PING c2 \(172\.18\.0\.3\): 56 data bytes\n\n--- c2 ping statistics ---\n3 packets transmitted, 3 packets received, 0% packet loss\nround-trip/);
    expect(run('docker exec c1 ping -w 3 c2')).toContain('3 packets transmitted, 3 packets received, 0% packet loss\n');
    expect(run('docker exec c1 ping -s 100 -c 1 c2')).toMatch(/^PING c2 \(172\.18\.0\.3\): 100 data bytes\n108 bytes from 172\.18\.0\.3: seq=0 /);
  });

  it('prints the statistics on Ctrl-C', () => {
    const { run } = lab();
    const out = run('docker exec c1 ping c2', 2_500_000);
    expect(out).toContain('seq=2 ttl=64');
    expect(out).toContain('\n--- c2 ping statistics ---\n3 packets transmitted, 3 packets received, 0% packet loss\n');
  });

  it('rejects bad numbers and options as busybox does', () => {
    const { run } = lab();
    expect(run('docker exec c1 ping -c x c2')).toBe("ping: invalid number 'x'\n");
    expect(run('docker exec c1 ping -Z c2')).toMatch(/^ping: invalid option -- 'Z'\nBusyBox v1\.37\.0 .*multi-call binary\.\n\nUsage: ping \[OPTIONS\] HOST\n/);
    expect(run('docker exec c1 ping')).toMatch(/^BusyBox v1\.37\.0/);
  });

  it('runs from the image shell too, by name and by path', () => {
    const { run } = lab();
    expect(run('docker exec c1 sh -c "ping -c 1 c2"')).toMatch(/^PING c2 \(172\.18\.0\.3\): 56 data bytes\n/);
    expect(run('docker exec c1 /bin/ping -c 1 c2')).toMatch(/^PING c2 \(172\.18\.0\.3\): 56 data bytes\n/);
  });
});

describe('formatBusyboxMs', () => {
  it('is %u.%03u of microseconds', () => {
    expect(formatBusyboxMs(85)).toBe('0.085');
    expect(formatBusyboxMs(12345)).toBe('12.345');
    expect(formatBusyboxMs(1000)).toBe('1.000');
  });
});
