"""mininet.util: address arithmetic, natural sorting and small helpers used by scripts."""
import re
from functools import partial


def irange(start, end):
    """Inclusive range from start to end (vs. Python's exclusive range)."""
    return range(start, end + 1)


def natural(text):
    """Sort key that orders embedded numbers numerically: h2 < h10."""
    def num(s):
        return int(s) if s.isdigit() else s
    return [num(s) for s in re.split(r'(\d+)', str(text))]


def naturalSeq(t):
    return [natural(x) for x in t]


def ipStr(ip):
    w = (ip >> 24) & 0xff
    x = (ip >> 16) & 0xff
    y = (ip >> 8) & 0xff
    z = ip & 0xff
    return '%i.%i.%i.%i' % (w, x, y, z)


def ipNum(w, x, y, z):
    return (w << 24) | (x << 16) | (y << 8) | z


def ipAdd(i, prefixLen=8, ipBaseNum=0x0a000000):
    imax = 0xffffffff >> prefixLen
    assert i <= imax, 'Not enough IP addresses in the subnet'
    mask = 0xffffffff ^ imax
    ipnum = (ipBaseNum & mask) + i
    return ipStr(ipnum)


def ipParse(ip):
    args = [int(arg) for arg in ip.split('.')]
    while len(args) < 4:
        args.insert(len(args) - 1, 0)
    return ipNum(*args)


def netParse(ipstr):
    prefixLen = 0
    if '/' in ipstr:
        ip, pf = ipstr.split('/')
        prefixLen = int(pf)
    else:
        ip = ipstr
        prefixLen = 24
    return ipParse(ip), prefixLen


def macColonHex(mac):
    return ':'.join('%02x' % ((mac >> (8 * i)) & 0xff) for i in range(5, -1, -1))


def custom(cls, **params):
    """A class (or function) with some parameters filled in."""
    def customized(*args, **kwargs):
        kwargs = kwargs.copy()
        kwargs.update(params)
        return cls(*args, **kwargs)
    customized.__name__ = 'custom(%s,%s)' % (cls, params)
    return customized


def splitArgs(argstr):
    """'tree,depth=2' -> ('tree', [], {'depth': 2})"""
    split = argstr.split(',')
    fn = split[0]
    params = split[1:]
    args = [makeNumeric(s) for s in params if '=' not in s]
    kwargs = {}
    for s in [p for p in params if '=' in p]:
        key, val = s.split('=', 1)
        kwargs[key] = makeNumeric(val)
    return fn, args, kwargs


def makeNumeric(s):
    if checkInt(s):
        return int(s)
    if checkFloat(s):
        return float(s)
    return s


def checkInt(s):
    try:
        int(s)
        return True
    except ValueError:
        return False


def checkFloat(s):
    try:
        float(s)
        return True
    except ValueError:
        return False


def buildTopo(topos, topoStr):
    topo, args, kwargs = splitArgs(topoStr)
    if topo not in topos:
        raise Exception('Invalid topo name %s' % topo)
    return topos[topo](*args, **kwargs)


def quietRun(cmd, **kwargs):
    """Run a command on the lab machine (the root namespace) and return its output."""
    import _patchbay_host
    if not isinstance(cmd, str):
        cmd = ' '.join(str(c) for c in cmd)
    return _patchbay_host.request('lab_cmd', line=cmd)


def errRun(*cmd, **kwargs):
    out = quietRun(' '.join(str(c) for c in cmd))
    return out, '', 0


def run(cmd):
    return quietRun(cmd)


def dumpNodeConnections(nodes):
    """Print each node's interfaces and what they connect to (the CLI's `net` lines)."""
    from mininet.log import output

    def dumpConnections(node):
        for intf in node.intfList():
            output(' %s:' % intf)
            if intf.link:
                intfs = [intf.link.intf1, intf.link.intf2]
                intfs.remove(intf)
                output(intfs[0])
            else:
                output(' ')

    for node in nodes:
        output(node.name)
        dumpConnections(node)
        output('\n')


def dumpNetConnections(net):
    nodes = net.controllers + net.switches + net.hosts
    dumpNodeConnections(nodes)


def dumpPorts(switches):
    from mininet.log import info
    for switch in switches:
        info('%s ' % switch.name)
        for intf in switch.intfList():
            port = switch.ports[intf]
            info('%s:%d ' % (intf, port))
        info('\n')


def waitListening(client=None, server='127.0.0.1', port=80, timeout=None):
    """Wait until a TCP server listens (polling once a second, as Mininet does)."""
    import _patchbay_host
    from mininet.log import info
    serverIP = server if isinstance(server, str) else server.IP()
    clientName = None if client is None else client.name
    netId = None if client is None else client._netId
    elapsed = 0
    while not _patchbay_host.call('listening', net=netId, node=clientName, ip=serverIP, port=port):
        if timeout is not None and elapsed >= timeout:
            from mininet.log import error
            error('could not connect to %s on port %d\n' % (server, port))
            return False
        info('waiting for', server, 'to listen on port', port, '\n')
        _patchbay_host.request('sleep', seconds=.5)
        elapsed += .5
    return True


__all__ = ['irange', 'natural', 'naturalSeq', 'ipStr', 'ipNum', 'ipAdd', 'ipParse', 'netParse',
           'macColonHex', 'custom', 'splitArgs', 'makeNumeric', 'buildTopo', 'quietRun', 'errRun',
           'run', 'dumpNodeConnections', 'dumpNetConnections', 'dumpPorts', 'waitListening', 'partial']
