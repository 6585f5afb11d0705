import { beforeAll, describe, expect, it } from 'vitest';
import { labSession } from '../../test/lab-session';

/** A running `mn` (default topology) and a way to run one CLI line and get what it printed. */
function mininet(args = '') {
  const lab = labSession({ mn: ('mn ' + args).trim(), maxRunUs: 60_000_000 });
  return { ...lab, s: lab.session };
}

describe('py: the common forms learners type', () => {
  let run: (line: string) => string;
  beforeAll(() => {
    run = mininet().run;
  });

  it('node methods', () => {
    expect(run('py h1.IP()')).toBe('10.0.0.1\n');
    expect(run("py h1.IP('h1-eth0')")).toBe('10.0.0.1\n');
    expect(run('py h2.MAC()')).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}\n$/);
    expect(run('py h1.name')).toBe('h1\n');
    expect(run('py h1.pid')).toMatch(/^\d+\n$/);
    expect(run('py h1.intf()')).toBe('<Intf h1-eth0>\n');
    expect(run('py str(h1.defaultIntf())')).toBe('h1-eth0\n');
    expect(run('py h1.intfList()')).toBe('[<Intf h1-eth0>]\n');
    expect(run('py s1.intfNames()')).toBe("['lo', 's1-eth1', 's1-eth2']\n");
    expect(run('py s1.IP()')).toBe('127.0.0.1\n');
    expect(run('py c0.IP()')).toBe('127.0.0.1\n');
    expect(run('py h1.params')).toBe("{'ip': '10.0.0.1/8'}\n");
    expect(run('py h1.connectionsTo(s1)')).toBe('[(<Intf h1-eth0>, <Intf s1-eth1>)]\n');
  });

  it('a node with no interfaces warns, as Node.defaultIntf does', () => {
    expect(run('py c0.MAC()')).toBe("*** defaultIntf: warning: c0 has no interfaces\n'NoneType' object has no attribute 'MAC'\n");
  });

  it('node reprs end with a space, also inside lists', () => {
    expect(run('py h1')).toMatch(/^<Host h1: h1-eth0:10\.0\.0\.1 pid=\d+> \n$/);
    expect(run('py net.hosts')).toMatch(/^\[<Host h1: h1-eth0:10\.0\.0\.1 pid=\d+> , <Host h2: h2-eth0:10\.0\.0\.2 pid=\d+> \]\n$/);
    expect(run('py net.switches')).toMatch(/^\[<OVSSwitch s1: lo:127\.0\.0\.1,s1-eth1:None,s1-eth2:None pid=\d+> \]\n$/);
  });

  it('net: lookups, iteration, links', () => {
    expect(run("py net.get('h1')")).toBe(run("py net['h1']"));
    expect(run("py net.get('h1', 'h2')")).toBe(run('py net.hosts'));
    expect(run("py net['h9']")).toBe("'h9'\n");
    expect(run('py net.keys()')).toBe("['h1', 'h2', 's1', 'c0']\n");
    expect(run('py len(net)')).toBe('4\n');
    expect(run("py 'h1' in net")).toBe('True\n');
    expect(run('py h1 in net')).toBe('');
    expect(run('py str(net.links[0])')).toBe('h1-eth0<->s1-eth1\n');
    expect(run('py net.links')).toMatch(/^\[<mininet\.link\.Link object at 0x7f[0-9a-f]+>, <mininet\.link\.Link object at 0x7f[0-9a-f]+>\]\n$/);
    expect(run('py net.items()')).toMatch(/^<zip object at 0x7f[0-9a-f]+>\n$/);
    expect(run('py list(net.items())[0][0]')).toBe('h1\n');
    expect(run("py net['h1'] is h1")).toBe('True\n');
  });

  it('h1.cmd returns the pty output, with \\r\\n line endings', () => {
    expect(run("py h1.cmd('hostname')")).toBe('master1\r\n\n');
    expect(run("py [h1.cmd('echo', 'a', 'b')]")).toBe("['a b\\r\\n']\n");
    expect(run('py h1.cmd("ping -c1 10.0.0.2")')).toMatch(/^PING 10\.0\.0\.2 .*\r\n.*1 received.*\r\n\n$/s);
    expect(run("py h1.cmd('true')")).toBe('');
  });

  it('cmdPrint logs the command and streams its output', () => {
    expect(run("py h1.cmdPrint('hostname')")).toBe("*** h1 : ('hostname',)\nmaster1\r\nmaster1\r\n\n");
  });

  it('literals and operators', () => {
    expect(run("py 'hello ' + 'world'")).toBe('hello world\n');
    expect(run('py [1, 2] + [3]')).toBe('[1, 2, 3]\n');
    expect(run('py 100/6')).toBe('16.666666666666668\n');
    expect(run('py 7 // 2, -7 // 2, -7 % 3')).toBe('(3, -4, 2)\n');
    expect(run("py 'it\\'s'")).toBe("it's\n");
    expect(run("py ['it\\'s', 'a\"b', 'x\\ny']")).toBe(`["it's", 'a"b', 'x\\ny']\n`);
    expect(run('py 1.0, 1e16, 1e-05, 0.1 + 0.2')).toBe('(1.0, 1e+16, 1e-05, 0.30000000000000004)\n');
    expect(run('py True, None, 3 == 3.0')).toBe('(True, None, True)\n');
    expect(run("py '%s has %d interfaces' % (h1, len(h1.intfList()))")).toBe('h1 has 1 interfaces\n');
    expect(run("py f'{h1.name}={h1.IP()!r}'")).toBe("h1='10.0.0.1'\n");
    expect(run("py h1.cmd('ifconfig').splitlines()[0].split(':')[0]")).toBe('h1-eth0\n');
  });

  it('falsy results print nothing (2.3.0), None too', () => {
    for (const e of ['0', "''", '[]', 'False', 'None', '0.0', "print('x') and 0"]) {
      expect(run(`py ${e}`)).toBe(e.startsWith('print') ? 'x\n' : '');
    }
  });

  it('errors print str(e) only', () => {
    expect(run('py foo')).toBe("name 'foo' is not defined\n");
    expect(run('py h1.foo')).toBe("'Host' object has no attribute 'foo'\n");
    expect(run("py 1 + 'a'")).toBe("unsupported operand type(s) for +: 'int' and 'str'\n");
    expect(run("py 'a' + 1")).toBe('can only concatenate str (not "int") to str\n');
    expect(run('py 1/0')).toBe('division by zero\n');
    expect(run('py h1.IP(1, 2)')).toBe('IP() takes from 1 to 2 positional arguments but 3 were given\n');
    expect(run("py h1.IP('eth9')")).toBe("'eth9'\n");
    expect(run('py net.hosts[5]')).toBe('list index out of range\n');
    expect(run('py h1()')).toBe("'Host' object is not callable\n");
    expect(run('py x = 3')).toBe('invalid syntax (<string>, line 1)\n');
    expect(run('py h1.IP(')).toBe('unexpected EOF while parsing (<string>, line 1)\n');
    expect(run("py 'abc")).toBe('EOL while scanning string literal (<string>, line 1)\n');
  });

  it('outside the subset: one clear sandbox line, never a JavaScript error', () => {
    for (const line of ['py sys.version', 'py lambda: 1', 'py [h.name for h in net.hosts]', 'px import os', 'py 2 ** 8', 'py type(h1)', 'py h1.popen("ls")', 'py net.addHost("h3")']) {
      const out = run(line);
      expect(out).toMatch(/^\*\*\* sandbox: .* is not supported in this sandbox \(py and px understand a small subset of Python\)\n$/);
    }
    expect(run('py sys.version')).toContain('the sys module');
  });
});

describe('px: statements and variables', () => {
  it('keeps variables for later py/px', () => {
    const { run } = mininet();
    expect(run('px x = 3')).toBe('');
    expect(run('py x + 4')).toBe('7\n');
    expect(run('px x += 1; y = x * 2')).toBe('');
    expect(run('py x, y')).toBe('(4, 8)\n');
    expect(run('px ip = h1.IP()')).toBe('');
    expect(run('py ip')).toBe('10.0.0.1\n');
    expect(run('px a, b = net.hosts')).toBe('');
    expect(run('py b.name')).toBe('h2\n');
    expect(run('px hosts = []; hosts.append(h1.name); hosts.append(h2.name)')).toBe('');
    expect(run("py ' '.join(hosts)")).toBe('h1 h2\n');
    expect(run('px del x')).toBe('');
    expect(run('py x')).toBe("name 'x' is not defined\n");
  });

  it('print writes to the terminal; expressions print nothing', () => {
    const { run } = mininet();
    expect(run('px print(h1.IP(), h2.IP())')).toBe('10.0.0.1 10.0.0.2\n');
    expect(run("px print(h1, 'x', sep='-', end='!\\n')")).toBe('h1-x!\n');
    expect(run('px h1.IP()')).toBe('');
    expect(run("px print('a'); print('b')")).toBe('a\nb\n');
  });

  it('node names always win over px variables (getLocals updates them)', () => {
    const { run } = mininet();
    expect(run('px h1 = 5; print(h1)')).toBe('5\n');
    expect(run('py h1.name')).toBe('h1\n');
  });

  it('reports Python 3.8 syntax errors', () => {
    const { run } = mininet();
    expect(run("px print 'hi'")).toBe("Missing parentheses in call to 'print'. Did you mean print('hi')? (<string>, line 1)\n");
    expect(run("px print h1.cmd('ls')")).toBe('invalid syntax (<string>, line 1)\n');
    expect(run('px a, b = 1, 2, 3')).toBe('too many values to unpack (expected 2)\n');
  });
});

describe('net methods that run Mininet tests', () => {
  it('pingAll prints the pingall block and returns the loss (0.0 prints nothing)', () => {
    const { run } = mininet();
    expect(run('py net.pingAll()')).toBe('*** Ping: testing ping reachability\nh1 -> h2 \nh2 -> h1 \n*** Results: 0% dropped (2/2 received)\n');
    run("py net.configLinkStatus('h1', 's1', 'down')");
    expect(run('px loss = net.pingAll()')).toContain('*** Results: 100% dropped (0/2 received)\n');
    expect(run('py loss')).toBe('100.0\n');
    expect(run("py net.configLinkStatus('h1', 'h9', 'up')")).toBe('dst not in network: h9\n');
    run("py net.configLinkStatus('h1', 's1', 'up')");
    expect(run('py net.pingPair()')).toBe('h1 -> h2 \nh2 -> h1 \n*** Results: 0% dropped (2/2 received)\n');
  });

  it('setIP changes the address IP() and dump report', () => {
    const { run } = mininet();
    expect(run("py h1.setIP('10.0.0.5', 8)")).toBe('');
    expect(run('py h1.IP()')).toBe('10.0.0.5\n');
    expect(run('py h1')).toContain('h1-eth0:10.0.0.5 ');
  });
});

describe('Ctrl-C during py', () => {
  it('stops the command and prints what Mininet prints for KeyboardInterrupt', () => {
    const { sb, s } = mininet();
    let out = '';
    s.onOutput((t) => (out += t));
    s.submit("py h1.cmd('ping 10.0.0.2')");
    // settle sends Ctrl-C when the command is still running at the deadline.
    expect(sb.settle(s, 2_500_000)).toBe('interrupted');
    expect(out).toBe('^C\nInterrupt\nstopping h1 \n');
  });
});
