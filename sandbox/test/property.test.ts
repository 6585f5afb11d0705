/**
 * Property tests: thousands of random lines, in every mode (the lab machine's bash, the
 * Mininet CLI, commands inside nodes), never make the sandbox throw, print an internal error
 * or hang. Lines mix real command names and options with random words and bytes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../src/sandbox';

const WORDS = [
  'mn', 'ping', 'ifconfig', 'ip', 'route', 'arp', 'traceroute', 'iperf', 'hostname', 'sysctl', 'echo', 'sleep', 'ls', 'cat',
  'cd', 'pwd', 'sudo', 'help', 'history', 'ovs-ofctl', 'ovs-vsctl', 'jobs', 'kill', 'exit', 'clear',
  'nodes', 'net', 'dump', 'links', 'ports', 'intfs', 'pingall', 'pingpair', 'pingallfull', 'iperfudp', 'link', 'dpctl', 'sh', 'py',
  'px', 'source', 'time', 'switch', 'wait', 'xterm', 'noecho', 'h1', 'h2', 'h3', 's1', 'c0', 'r0',
  '-c', '1', '-n', '-i', '0.2', '-W', '1', '-w', '2', '-s', '65507', '-t', '0', '--topo', 'single,3', 'linear,2', 'tree,2,2', 'torus,3,3',
  '--switch', 'ovsbr', 'lxbr', 'user', '--controller', 'remote', 'none', '--link', 'tc,bw=5,delay=1ms', 'addr', 'add', 'del', 'dev',
  'h1-eth0', 's1-eth1', 'up', 'down', '10.0.0.1/8', '10.0.0.9', 'default', 'via', 'gw', 'show', 'dump-flows', '-O', 'OpenFlow13',
  'net.ipv4.ip_forward=1', '&', ';', '&&', '||', '|', '>', '/tmp/x', "'", '"', '$?', '~', '#', '%1', '-9', '--', '-', '',
];

const word = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: fc.integer({ min: -5, max: 70000 }).map(String) },
);
const line = fc.array(word, { minLength: 0, maxLength: 6 }).map((ws) => ws.join(' '));

function runLines(setup: string[], lines: string[]): string {
  const sb = new Sandbox({ seed: 7 });
  const s = sb.openSession();
  let out = '';
  s.onOutput((t) => (out += t));
  for (const l of [...setup, ...lines]) {
    if (s.closed) break;
    s.submit(l);
    expect(sb.settle(s, 3_000_000)).not.toBe('budget');
  }
  // Leave whatever mode we ended in, as end of input does.
  for (let i = 0; i < 10 && !s.closed; i++) {
    s.eof();
    sb.settle(s, 3_000_000);
  }
  expect(s.closed).toBe(true);
  return out;
}

describe('random input never breaks the sandbox', () => {
  it('in the lab machine shell', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
        const out = runLines([], lines.filter((l) => !/^\s*mn\b/.test(l) || l.length < 40));
        expect(out).not.toContain('internal error');
      }),
      { numRuns: 400, seed: 1 },
    );
  });

  it('in the Mininet CLI and inside nodes', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), fc.constantFrom('h1', 'h2', 's1', 'c0', ''), (lines, prefix) => {
        const out = runLines(['mn --topo single,3'], lines.map((l) => (prefix ? `${prefix} ${l}` : l)));
        expect(out).not.toContain('internal error');
      }),
      { numRuns: 400, seed: 2 },
    );
  });

  it('with arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 40, unit: 'binary' }), { maxLength: 6 }), (lines) => {
        const out = runLines(['mn'], lines);
        expect(out).not.toContain('internal error');
      }),
      { numRuns: 200, seed: 3 },
    );
  });
});
