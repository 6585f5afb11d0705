/** sysctl (procps-ng 3.3.17, Ubuntu 22.04): reading and writing ip_forward, and its messages. */
import { describe, expect, it } from 'vitest';
import { labSession } from '../../../test/lab-session';

const cli = () => labSession({ mn: 'mn' });

describe('sysctl', () => {
  it('reads and writes ip_forward per network namespace', () => {
    const { run, host } = cli();
    expect(run('h1 sysctl -w net.ipv4.ip_forward=1')).toBe('net.ipv4.ip_forward = 1\n');
    expect(run('h1 sysctl -n net.ipv4.ip_forward')).toBe('1\n');
    expect(run('h2 sysctl net.ipv4.ip_forward')).toBe('net.ipv4.ip_forward = 0\n');
    expect(host('h1').stack.forwarding).toBe(true);
    expect(host('h2').stack.forwarding).toBe(false);
  });

  it('writes without -w when the argument has "=", with / separators too, and -q says nothing', () => {
    const { run, host } = cli();
    expect(run('h1 sysctl net/ipv4/ip_forward=1')).toBe('net.ipv4.ip_forward = 1\n');
    expect(run('h1 sysctl -q net.ipv4.ip_forward=0')).toBe('');
    expect(host('h1').stack.forwarding).toBe(false);
  });

  it('keeps any integer the kernel accepts, and forwards when it is not 0', () => {
    const { run, host } = cli();
    expect(run('h1 sysctl -w net.ipv4.ip_forward=2')).toBe('net.ipv4.ip_forward = 2\n');
    expect(run('h1 sysctl net.ipv4.ip_forward')).toBe('net.ipv4.ip_forward = 2\n');
    expect(host('h1').stack.forwarding).toBe(true);
    // A value that is not an integer: the kernel refuses it; procps-ng 3.3.17 warns and exits 0.
    expect(run('h1 sysctl -w net.ipv4.ip_forward=yes')).toBe('sysctl: setting key "net.ipv4.ip_forward": Invalid argument\n');
    expect(run('h1 echo $?')).toBe('0\n');
    expect(run('h1 sysctl -n net.ipv4.ip_forward')).toBe('2\n');
  });

  it('needs name=value with -w and at least one variable', () => {
    const { run } = cli();
    expect(run('h1 sysctl -w net.ipv4.ip_forward')).toBe('sysctl: "net.ipv4.ip_forward" must be of the form name=value\n');
    expect(run('h1 sysctl -n')).toBe("sysctl: no variables specified\nTry `sysctl --help' for more information.\n");
    expect(run('h1 echo $?')).toBe('1\n');
    // No arguments at all: the usage, on stderr, status 1.
    expect(run('h1 sysctl')).toMatch(/^\nUsage:\n sysctl \[options\] \[variable\[=value\] \.\.\.\]\n/);
    expect(run('h1 echo $?')).toBe('1\n');
  });

  it('reports unknown keys (status 255) unless -e', () => {
    const { run } = cli();
    expect(run('h1 sysctl net.ipv4.nosuch')).toBe('sysctl: cannot stat /proc/sys/net/ipv4/nosuch: No such file or directory\n');
    expect(run('h1 echo $?')).toBe('255\n');
    expect(run('h1 sysctl -e net.ipv4.nosuch')).toBe('');
    expect(run('h1 echo $?')).toBe('0\n');
  });

  it('loads settings from a file with -p, and /etc/sysctl.conf has them all commented out', () => {
    const { run, host } = cli();
    expect(run('h1 sysctl -p')).toBe('');
    run("h1 echo '; routing' > /tmp/r.conf"); // (the Mininet CLI cuts what follows a hash)
    run("h1 echo ' net.ipv4.ip_forward =  1 ' >> /tmp/r.conf");
    run('h1 echo bogus >> /tmp/r.conf');
    expect(run('h1 sysctl -p /tmp/r.conf')).toBe('net.ipv4.ip_forward = 1\nsysctl: /tmp/r.conf(3): invalid syntax, continuing...\n');
    expect(host('h1').stack.forwarding).toBe(true);
    expect(run('h1 sysctl -p/tmp/missing')).toBe('sysctl: cannot open "/tmp/missing": No such file or directory\n');
    expect(run('h1 echo $?')).toBe('255\n');
  });

  it('agrees with /proc/sys, which belongs to the namespace', () => {
    const { run, host } = cli();
    run('h1 echo 1 > /proc/sys/net/ipv4/ip_forward');
    expect(host('h1').stack.forwarding).toBe(true);
    expect(run('h1 cat /proc/sys/net/ipv4/ip_forward')).toBe('1\n');
    expect(run('h2 cat /proc/sys/net/ipv4/ip_forward')).toBe('0\n');
    expect(run('h1 sysctl net.ipv4.conf.all.forwarding')).toBe('net.ipv4.conf.all.forwarding = 1\n');
    expect(run('h1 echo yes > /proc/sys/net/ipv4/ip_forward')).toBe('bash: echo: write error: Invalid argument\n');
    expect(run('h1 echo $?')).toBe('1\n');
    expect(run('h1 grep 1 /proc/sys/net/ipv4/ip_forward')).toBe('1\n');
    expect(run('h1 echo 1 > /proc/sys/net/ipv4/nosuch')).toBe('bash: /proc/sys/net/ipv4/nosuch: Permission denied\n');
    // Nothing of it reached the shared filesystem.
    expect(run('sh cat /proc/sys/net/ipv4/ip_forward')).toBe('0\n');
  });
});
