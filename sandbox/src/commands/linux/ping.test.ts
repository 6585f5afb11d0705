/**
 * ping (iputils 20211215) against reference/mininet.md §3.1: the statistics' "time" and the
 * option errors of ping.c main(), driven through a whole sandbox session.
 */
import { describe, expect, it } from 'vitest';
import { labSession } from '../../../test/lab-session';

const lab = (mn = 'mn') => labSession({ mn, maxRunUs: 60_000_000 });

const statsLine = (text: string): string => /\d+ packets transmitted.*/.exec(text)?.[0] ?? '';

describe('ping statistics time', () => {
  it('is the time of the last transmission, not of the last reply', () => {
    const { run } = lab('mn --link tc,delay=10ms');
    expect(statsLine(run('h1 ping -c 3 h2'))).toBe('3 packets transmitted, 3 received, 0% packet loss, time 2000ms');
  });

  it('does not include the wait for an unanswered probe', () => {
    const { run } = lab();
    expect(statsLine(run('h1 ping -c 2 -W 1 10.0.0.9'))).toBe('2 packets transmitted, 0 received, 100% packet loss, time 1000ms');
    const burst = run('h1 ping -c 5 10.0.0.9');
    expect(statsLine(burst)).toBe('5 packets transmitted, 0 received, +5 errors, 100% packet loss, time 4000ms');
    expect(burst).toMatch(/\npipe \d\n$/);
  });

  it('stops at a -w deadline after the probes sent before it', () => {
    const { run } = lab();
    expect(statsLine(run('h1 ping -w 2 h2'))).toBe('2 packets transmitted, 2 received, 0% packet loss, time 1000ms');
  });
});

describe('ping option errors', () => {
  it('reports strtol_or_err failures with exit status 1', () => {
    const { run } = lab();
    expect(run('h1 ping -c abc h2')).toBe("ping: invalid argument: 'abc'\n");
    expect(run('h1 ping -c 0 h2')).toBe("ping: invalid argument: '0': out of range: 1 <= value <= 9223372036854775807\n");
    expect(run('h1 ping -w x h2')).toBe("ping: invalid argument: 'x'\n");
    expect(run('h1 ping -w -1 h2')).toBe("ping: invalid argument: '-1': out of range: 0 <= value <= 2147483647\n");
    expect(run('h1 ping -t 300 h2')).toBe("ping: invalid argument: '300': out of range: 0 <= value <= 255\n");
    expect(run('h1 ping -s -1 h2')).toBe("ping: invalid argument: '-1': out of range: 0 <= value <= 2147483647\n");
  });

  it('rejects a payload larger than one datagram and a zero TTL when setting up the socket', () => {
    const { run } = lab();
    expect(run('h1 ping -s 70000 h2')).toBe('ping: packet size 70000 is too large. Maximum is 65507\n');
    expect(run('h1 ping -t 0 h2')).toBe('ping: cannot set unicast time-to-live: Invalid argument\n');
  });

  it('needs a destination and a linger time of at least a millisecond', () => {
    const { run } = lab();
    expect(run('h1 ping')).toBe('ping: usage error: Destination address required\n');
    expect(run('h1 ping -c 1')).toBe('ping: usage error: Destination address required\n');
    expect(run('h1 ping -W 0 h2')).toBe('ping: bad linger time: 0\n');
  });
});
