import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../../wire/addr';
import { OFPP, formatMatch } from './ofctl-format';
import { matchCovers, parseActions, parseFlow, splitKeyValues } from './ofctl-parse';

const ports = new Map([['s1-eth1', 1], ['s1-eth2', 2], ['s1', OFPP.LOCAL]]);
const lookup = (n: string) => ports.get(n);

function ok(text: string, cmd: Parameters<typeof parseFlow>[1] = 'add') {
  const r = parseFlow(text, cmd, lookup);
  if (!r.ok) throw new Error(r.error);
  return r.flow;
}

function err(text: string, cmd: Parameters<typeof parseFlow>[1] = 'add'): string {
  const r = parseFlow(text, cmd, lookup);
  if (r.ok) throw new Error('parsed');
  return r.error;
}

describe('splitKeyValues (ofputil_parse_key_value)', () => {
  it('splits on commas and spaces, with = : and ( as key delimiters', () => {
    expect(splitKeyValues('in_port=1, priority=2 ip,actions')).toEqual([['in_port', '1'], ['priority', '2'], ['ip', ''], ['actions', '']]);
    expect(splitKeyValues('output:2,controller(max_len=10),in_port="a,b"')).toEqual([['output', '2'], ['controller', 'max_len=10'], ['in_port', '"a,b"']]);
  });
});

describe('parseFlow', () => {
  it('reads matches, priorities, timeouts, cookies and actions', () => {
    const f = ok('priority=100,in_port=s1-eth1,ip,nw_dst=10.0.0.0/24,idle_timeout=30,hard_timeout=60,cookie=0x2a,actions=output:s1-eth2,CONTROLLER');
    expect(f.priority).toBe(100);
    expect(f.idleTimeout).toBe(30);
    expect(f.hardTimeout).toBe(60);
    expect(f.newCookie).toBe(42n);
    expect(formatMatch(f.match)).toBe('ip,in_port=1,nw_dst=10.0.0.0/24');
    expect(f.actions).toEqual([{ type: 'output', port: 2 }, { type: 'controller', maxLen: 65535 }]);
  });

  it('accepts protocol keywords, OXM aliases, quoted names and reserved ports', () => {
    expect(formatMatch(ok('tcp,tcp_dst=80,actions=drop').match)).toBe('tcp,tp_dst=80');
    expect(formatMatch(ok('icmp,icmp_type=8,icmp_code=0,actions=drop').match)).toBe('icmp,icmp_type=8,icmp_code=0');
    expect(formatMatch(ok('arp,arp_tpa=10.0.0.1,arp_op=1,actions=drop').match)).toBe('arp,arp_tpa=10.0.0.1,arp_op=1');
    expect(formatMatch(ok('eth_type=0x88cc,eth_src=0:0:0:0:0:1,actions=drop').match)).toBe('dl_src=00:00:00:00:00:01,dl_type=0x88cc');
    expect(ok('in_port="s1-eth2",actions=normal').match.in_port).toBe(2);
    expect(ok('in_port=LOCAL,actions=flood,all,in_port,local').actions).toEqual([{ type: 'flood' }, { type: 'all' }, { type: 'in_port' }, { type: 'local' }]);
    expect(ok('actions=2,s1-eth1').actions).toEqual([{ type: 'output', port: 2 }, { type: 'output', port: 1 }]);
    expect(ok('actions=').actions).toEqual([]);
    expect(ok('send_flow_rem,actions=drop').sendFlowRem).toBe(true);
  });

  it('drops fields whose protocol is missing, reporting before and after', () => {
    const f = ok('priority=40000,nw_dst=10.0.0.2,action=drop');
    expect(f.match).toEqual({});
    expect(f.normalized).toEqual({ pre: 'nw_dst=10.0.0.2', post: '' });
    const g = ok('ip,tp_dst=80,actions=drop');
    expect(g.normalized).toEqual({ pre: 'ip,tp_dst=80', post: 'ip' });
  });

  it('rejects bad input with ovs-ofctl messages', () => {
    expect(err('in_port=1')).toBe('must specify an action');
    expect(err('foo=1,actions=drop')).toBe('unknown keyword foo');
    expect(err('in_port=s5-eth4,actions=drop')).toBe('s5-eth4: invalid or unknown port for in_port');
    expect(err('actions=output:s5-eth1')).toBe('s5-eth1: output to unknown port');
    expect(err('actions=frobnicate')).toBe('unknown action frobnicate');
    expect(err('actions=drop,output:1')).toBe('"drop" must not be accompanied by any other action or instruction');
    expect(err('priority=abc,actions=drop')).toBe('invalid priority "abc"');
    expect(err('priority=70000,actions=drop')).toBe('invalid priority "70000"');
    expect(err('ip,nw_src=10.0.0.300,actions=drop')).toBe('10.0.0.300: invalid IP address');
    expect(err('ip,nw_src=10.0.0.0/33,actions=drop')).toBe('10.0.0.0/33: IPv4 network prefix bits not between 0 and 32, inclusive');
    expect(err('dl_src=zz,actions=drop')).toBe('zz: invalid Ethernet address');
    expect(err('tcp,tp_dst=http,actions=drop')).toBe('http: bad syntax for tcp_dst value');
    expect(err('tcp,tp_dst=70000,actions=drop')).toBe('70000: value too large for 2-byte field tcp_dst');
    expect(err('table,actions=drop')).toBe('field table missing value');
    expect(err('cookie=1/1,actions=drop')).toBe('flow additions cannot use a cookie mask');
  });

  it('knows which keywords each command takes', () => {
    expect(err('priority=5', 'delete')).toBe('unknown keyword priority');
    expect(ok('priority=5,in_port=1', 'delete_strict').priority).toBe(5);
    expect(ok('out_port=2,cookie=0x10/0xff', 'filter').outPort).toBe(2);
    expect(err('actions=drop', 'filter')).toBe('unknown keyword actions');
    expect(err('cookie=1', 'delete')).toBe('cannot set cookie');
  });

  it('says which real fields and actions the sandbox does not model', () => {
    expect(err('dl_vlan=10,actions=drop')).toBe('dl_vlan: not supported in this sandbox');
    expect(err('actions=mod_dl_src:00:00:00:00:00:01')).toBe('mod_dl_src: action not supported in this sandbox');
  });
});

describe('parseActions and matchCovers', () => {
  it('reads controller max_len forms', () => {
    const r = parseActions('controller:128,CONTROLLER');
    expect(r.ok && r.actions).toEqual([{ type: 'controller', maxLen: 128 }, { type: 'controller', maxLen: 65535 }]);
  });

  it('selects flows at least as specific as the filter', () => {
    const net = parseIpv4('10.0.0.0')!;
    const h1 = parseIpv4('10.0.0.1')!;
    expect(matchCovers({ in_port: 1 }, { in_port: 1, dl_type: 0x800 })).toBe(true);
    expect(matchCovers({ in_port: 1 }, { in_port: 2 })).toBe(false);
    expect(matchCovers({ in_port: 1 }, {})).toBe(false);
    expect(matchCovers({ nw_src: net, nw_src_len: 8 }, { nw_src: h1 })).toBe(true);
    expect(matchCovers({ nw_src: h1 }, { nw_src: net, nw_src_len: 8 })).toBe(false);
    expect(matchCovers({}, { in_port: 3 })).toBe(true);
  });
});
