"""mininet.net: the Mininet object. It builds a network from a Topo (or node by node),
starts and stops it, and tests it, printing what Mininet 2.3.0 prints
(reference/mininet.md sections 1.4-1.6 and 5.2)."""
from itertools import chain

import _patchbay_host as sandbox
from mininet.log import info, error, debug, output, warn, infoEnabled, outputEnabled
from mininet.node import (Host, OVSKernelSwitch, DefaultController, Controller, Switch,
                          NullController)
from mininet.link import Link, Intf
from mininet.util import macColonHex, ipAdd, netParse

VERSION = '2.3.0'


def _knownBase(obj, names, default):
    """The first class in obj's hierarchy the emulator knows by name (a custom subclass
    behaves as the Mininet class it extends)."""
    for cls in type(obj).__mro__:
        if cls.__name__ in names:
            return cls.__name__
    return default


def _switchClass(sw):
    # FabricSwitch: Patchbay's routed fabric switch (patchbay/fabric.py).
    return _knownBase(sw, ('OVSBridge', 'OVSSwitch', 'UserSwitch', 'LinuxBridge', 'FabricSwitch'), 'OVSSwitch')


def _controllerClass(c):
    return _knownBase(c, ('RemoteController', 'OVSController', 'NullController', 'Controller'), 'Controller')


class Mininet:
    """Network emulation with hosts spawned in network namespaces."""

    def __init__(self, topo=None, switch=OVSKernelSwitch, host=Host,
                 controller=DefaultController, link=Link, intf=Intf,
                 build=True, xterms=False, cleanup=False, ipBase='10.0.0.0/8',
                 inNamespace=False, autoSetMacs=False, autoStaticArp=False,
                 autoPinCpus=False, listenPort=None, waitConnected=False):
        self.topo = topo
        self.switch = switch
        self.host = host
        self.controller = controller
        self.link = link
        self.intf = intf
        self.ipBase = ipBase
        self.ipBaseNum, self.prefixLen = netParse(self.ipBase)
        hostIP = (0xffffffff >> self.prefixLen) & self.ipBaseNum
        self.nextIP = hostIP if hostIP > 0 else 1
        self.inNamespace = inNamespace
        self.xterms = xterms
        self.cleanup = cleanup
        self.autoSetMacs = autoSetMacs
        self.autoStaticArp = autoStaticArp
        self.autoPinCpus = autoPinCpus
        self.numCores = 1
        self.nextCore = 0
        self.listenPort = listenPort
        self.waitConn = waitConnected
        self.hosts = []
        self.switches = []
        self.controllers = []
        self.links = []
        self.nameToNode = {}
        self.terms = []
        self.built = False
        self._netId = sandbox.call('net_new', ipBase=ipBase)
        if topo and build:
            self.build()

    # ---- adding nodes -------------------------------------------------------------------

    def waitConnected(self, timeout=None, delay=.5):
        return sandbox.request('net_wait_connected', net=self._netId, timeout=timeout,
                               show=infoEnabled())

    def addHost(self, name, cls=None, **params):
        defaults = {'ip': ipAdd(self.nextIP, ipBaseNum=self.ipBaseNum,
                                prefixLen=self.prefixLen) + '/%s' % self.prefixLen}
        if self.autoSetMacs:
            defaults['mac'] = macColonHex(self.nextIP)
        self.nextIP += 1
        defaults.update(params)
        if not cls:
            cls = self.host
        h = cls(name, **defaults)
        h._attach(self._netId, 'host', type(h).__name__)
        self.hosts.append(h)
        self.nameToNode[name] = h
        return h

    def delNode(self, node, nodes=None):
        raise NotImplementedError('Mininet.delNode: not supported in this sandbox')

    def delHost(self, host):
        self.delNode(host)

    def addSwitch(self, name, cls=None, **params):
        defaults = {'listenPort': self.listenPort, 'inNamespace': self.inNamespace}
        defaults.update(params)
        if not cls:
            cls = self.switch
        sw = cls(name, **defaults)
        if not self.inNamespace and self.listenPort:
            self.listenPort += 1
        sw._netId = self._netId
        sw.pid = sandbox.call('switch_add', net=self._netId, name=name, cls=_switchClass(sw),
                              pyClass=type(sw).__name__, dpid=sw.dpid,
                              failMode=getattr(sw, 'failMode', 'secure'),
                              protocols=getattr(sw, 'protocols', None),
                              stp=bool(getattr(sw, 'stp', False)),
                              listenPort=sw.listenPort,
                              tier=getattr(sw, 'tier', None), pod=getattr(sw, 'pod', None))
        self.switches.append(sw)
        self.nameToNode[name] = sw
        return sw

    def delSwitch(self, switch):
        self.delNode(switch)

    def addController(self, name='c0', controller=None, **params):
        if not controller:
            controller = self.controller
        if isinstance(name, Controller):
            controller_new = name
            name = controller_new.name
        else:
            controller_new = controller(name, **params)
        if controller_new is not None and not isinstance(controller_new, NullController):
            controller_new._netId = self._netId
            controller_new.pid = sandbox.call('controller_add', net=self._netId, name=name,
                                              cls=_controllerClass(controller_new),
                                              pyClass=type(controller_new).__name__,
                                              ip=controller_new.ip, port=controller_new.port)
            self.controllers.append(controller_new)
            self.nameToNode[name] = controller_new
        return controller_new

    def delController(self, controller):
        self.delNode(controller)

    def addNAT(self, name='nat0', connect=True, inNamespace=False, **params):
        raise NotImplementedError('Mininet.addNAT: not supported in this sandbox')

    # ---- looking nodes up ---------------------------------------------------------------

    def getNodeByName(self, *args):
        if len(args) == 1:
            return self.nameToNode[args[0]]
        return [self.nameToNode[n] for n in args]

    def get(self, *args):
        return self.getNodeByName(*args)

    def __getitem__(self, key):
        return self.nameToNode[key]

    def __delitem__(self, key):
        self.delNode(self.nameToNode[key])

    def __contains__(self, item):
        return item in self.nameToNode

    def keys(self):
        return list(self)

    def values(self):
        return [self[name] for name in self]

    def items(self):
        return zip(self.keys(), self.values())

    def __iter__(self):
        for node in chain(self.hosts, self.switches, self.controllers):
            yield node.name

    def __len__(self):
        return (len(self.hosts) + len(self.switches) + len(self.controllers))

    # ---- links --------------------------------------------------------------------------

    def addLink(self, node1, node2, port1=None, port2=None, cls=None, **params):
        node1 = node1 if not isinstance(node1, str) else self[node1]
        node2 = node2 if not isinstance(node2, str) else self[node2]
        options = dict(params)
        if port1 is not None:
            options.setdefault('port1', port1)
        if port2 is not None:
            options.setdefault('port2', port2)
        if self.intf is not None:
            options.setdefault('intf', self.intf)
        cls = self.link if cls is None else cls
        link = cls(node1, node2, **options)
        self.links.append(link)
        return link

    def delLink(self, link):
        raise NotImplementedError('Mininet.delLink: not supported in this sandbox')

    def linksBetween(self, node1, node2):
        return [link for link in self.links
                if (node1, node2) in ((link.intf1.node, link.intf2.node),
                                      (link.intf2.node, link.intf1.node))]

    def delLinkBetween(self, node1, node2, index=0, allLinks=False):
        raise NotImplementedError('Mininet.delLinkBetween: not supported in this sandbox')

    def configLinkStatus(self, src, dst, status):
        if src not in self.nameToNode:
            error('src not in network: %s\n' % src)
        elif dst not in self.nameToNode:
            error('dst not in network: %s\n' % dst)
        else:
            src = self.nameToNode[src]
            dst = self.nameToNode[dst]
            connections = src.connectionsTo(dst)
            if len(connections) == 0:
                error('src and dst not connected: %s %s\n' % (src, dst))
            for srcIntf, dstIntf in connections:
                result = sandbox.call('link_status', net=self._netId, node1=src.name,
                                      intf1=srcIntf.name, node2=dst.name, intf2=dstIntf.name,
                                      status=status)
                if result:
                    error(result)

    # ---- building -----------------------------------------------------------------------

    def configHosts(self):
        for host in self.hosts:
            info(host.name + ' ')
            intf = host.defaultIntf()
            if intf:
                host.configDefault()
            else:
                host.configDefault(ip=None, mac=None)
        info('\n')

    def buildFromTopo(self, topo=None):
        info('*** Creating network\n')
        if not self.controllers and self.controller:
            info('*** Adding controller\n')
            classes = self.controller
            if not isinstance(classes, list):
                classes = [classes]
            for i, cls in enumerate(classes):
                if isinstance(cls, Controller):
                    self.addController(cls)
                else:
                    self.addController('c%d' % i, cls)
        info('*** Adding hosts:\n')
        for hostName in topo.hosts():
            self.addHost(hostName, **topo.nodeInfo(hostName))
            info(hostName + ' ')
        info('\n*** Adding switches:\n')
        for switchName in topo.switches():
            params = dict(topo.nodeInfo(switchName))
            params.pop('isSwitch', None)
            self.addSwitch(switchName, **params)
            info(switchName + ' ')
        info('\n*** Adding links:\n')
        for srcName, dstName, params in topo.links(sort=True, withInfo=True):
            self.addLink(**params)
            info('(%s, %s) ' % (srcName, dstName))
        info('\n')

    def configureControlNetwork(self):
        raise Exception('configureControlNetwork: not supported in this sandbox')

    def build(self):
        if self.topo:
            self.buildFromTopo(self.topo)
        else:
            if not self.controllers and self.controller and self.hosts:
                pass
        info('*** Configuring hosts\n')
        self.configHosts()
        if self.xterms:
            warn('*** xterms: not supported in this sandbox\n')
        if self.autoStaticArp:
            self.staticArp()
        self.built = True

    def startTerms(self):
        warn('*** xterms: not supported in this sandbox\n')

    def stopXterms(self):
        pass

    def staticArp(self):
        for src in self.hosts:
            for dst in self.hosts:
                if src != dst:
                    src.setARP(ip=dst.IP(), mac=dst.MAC())

    # ---- starting and stopping ----------------------------------------------------------

    def start(self):
        if not self.built:
            self.build()
        sandbox.request('net_start', net=self._netId, show=infoEnabled())
        if self.waitConn:
            self.waitConnected()

    def stop(self):
        sandbox.request('net_stop_switches', net=self._netId, show=infoEnabled())
        info('*** Stopping %i hosts\n' % len(self.hosts))
        for host in self.hosts:
            info(host.name + ' ')
            host.terminate()
        info('\n*** Done\n')
        sandbox.call('net_done', net=self._netId)

    def run(self, test, *args, **kwargs):
        self.start()
        try:
            result = test(*args, **kwargs)
        finally:
            self.stop()
        return result

    def interact(self):
        from mininet.cli import CLI
        self.start()
        result = CLI(self)
        self.stop()
        return result

    def monitor(self, hosts=None, timeoutms=-1):
        raise NotImplementedError('Mininet.monitor: not supported in this sandbox')

    # ---- tests --------------------------------------------------------------------------

    def ping(self, hosts=None, timeout=None):
        names = None if hosts is None else [h.name for h in hosts]
        return float(sandbox.request('net_ping', net=self._netId, hosts=names,
                               timeout=None if timeout is None else str(timeout),
                               full=False, show=outputEnabled()))

    def pingFull(self, hosts=None, timeout=None):
        names = None if hosts is None else [h.name for h in hosts]
        return sandbox.request('net_ping', net=self._netId, hosts=names,
                               timeout=None if timeout is None else str(timeout),
                               full=True, show=outputEnabled())

    def pingAll(self, timeout=None):
        return self.ping(timeout=timeout)

    def pingPair(self):
        return self.ping(hosts=self.hosts[0:2])

    def pingAllFull(self):
        return self.pingFull()

    def pingPairFull(self):
        return self.pingFull(hosts=self.hosts[0:2])

    def iperf(self, hosts=None, l4Type='TCP', udpBw='10M', fmt=None, seconds=5, port=5001):
        names = None if hosts is None else [h.name for h in hosts]
        result = sandbox.request('net_iperf', net=self._netId, hosts=names, udp=(l4Type == 'UDP'),
                                 udpBw=udpBw, seconds=seconds, show=outputEnabled())
        if result is None:
            raise Exception('Could not connect to iperf on port %d' % port)
        return result

    def runCpuLimitTest(self, cpu, duration=5):
        raise NotImplementedError('Mininet.runCpuLimitTest: not supported in this sandbox')

    @staticmethod
    def _parsePing(pingOutput):
        import re
        if 'connect: Network is unreachable' in pingOutput:
            return 1, 0
        r = r'(\d+) packets transmitted, (\d+)( packets)? received'
        m = re.search(r, pingOutput)
        if m is None:
            return 1, 0
        return int(m.group(1)), int(m.group(2))

    @staticmethod
    def _parseIperf(iperfOutput):
        import re
        r = r'([\d\.]+ \w+/sec)'
        m = re.findall(r, iperfOutput)
        return m[-1] if m else ''


class MininetWithControlNet(Mininet):
    pass
