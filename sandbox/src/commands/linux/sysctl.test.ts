/** sysctl (procps-ng 3.3.17, Ubuntu 22.04): reading and writing ip_forward, and its messages. */
import { describe, expect, it } from 'vitest';
import { labSession } from '../../../test/lab-session';

const cli = () => labSession({ mn: 'mn' });

describe('sysctl', () => {
  it('reads and writes ip_forward per network namespace', () => {
    const { run } = cli();
    expect(run('h1 sysctl -w net.ipv4.ip_forward=1')).toBe('net.ipv4.ip_forward = 1\n');
    expect(run('h1 sysctl -n net.ipv4.ip_forward')).toBe('1\n');
    expect(run('h2 sysctl net.ipv4.ip_forward')).toBe('net.ipv4.ip_forward = 0\n');
  });

  it('needs name=value with -w and at least one variable', () => {
    const { run } = cli();
    expect(run('h1 sysctl -w net.ipv4.ip_forward')).toBe('sysctl: "net.ipv4.ip_forward" must be of the form name=value\n');
    expect(run('h1 sysctl')).toBe("sysctl: no variables specified\nTry `sysctl --help' for more information.\n");
  });
});
