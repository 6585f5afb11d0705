"""mininet.node: hosts, switches and controllers.

A node here is a handle on a node of the sandbox's emulated network. Subclasses override
config() and terminate() as in Mininet (the LinuxRouter pattern); cmd() runs a command line
in the node's own shell in the emulator and returns what it printed.
"""
import re

import _patchbay_host as sandbox
from mininet.log import info, debug, warn, error
from mininet.link import Intf


def _jsonable(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return True
    if isinstance(value, (list, tuple)):
        return all(_jsonable(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _jsonable(v) for k, v in value.items())
    return False


def plainParams(params):
    """The parameters the emulator can use (classes and functions stay in Python)."""
    return {k: v for k, v in params.items() if _jsonable(v)}


class Node:
    """A virtual network node: a shell in a network namespace with interfaces."""

    portBase = 0

    def __init__(self, name, inNamespace=True, **params):
        self.name = params.get('name', name)
        self.inNamespace = inNamespace
        self.params = params
        self.intfs = {}
        self.ports = {}
        self.nameToIntf = {}
        self._netId = None
        self.pid = None
        self.waiting = False

    # ---- the emulator side ----------------------------------------------------------

    def _attach(self, netId, kind, clsName):
        """Create this node in the emulated network (done by Mininet.addHost and friends)."""
        self._netId = netId
        self.pid = sandbox.call('node_add', net=netId, name=self.name, kind=kind, cls=clsName,
                                params=plainParams(self.params))

    def _need(self):
        if self._netId is None:
            raise Exception('%s is not part of a running Mininet network in this sandbox' % self.name)

    # ---- commands -------------------------------------------------------------------

    def cmd(self, *args, **kwargs):
        """Run a command line in this node's shell and return its output."""
        verbose = kwargs.get('verbose', False)
        log = info if verbose else debug
        log('*** %s : %s\n' % (self.name, args))
        if len(args) == 1 and isinstance(args[0], list):
            cmd = args[0]
        elif len(args) > 0:
            cmd = args
        else:
            cmd = ''
        if not isinstance(cmd, str):
            cmd = ' '.join([str(c) for c in cmd])
        self._need()
        return sandbox.request('cmd', net=self._netId, node=self.name, line=cmd)

    def cmdPrint(self, *args):
        return self.cmd(*args, **{'verbose': True})

    def _unsupported(self, what):
        raise NotImplementedError('%s: not supported in this sandbox (use %s.cmd())' % (what, self.name))

    def sendCmd(self, *args, **kwargs):
        self._unsupported('Node.sendCmd')

    def waitOutput(self, verbose=False, findPid=True):
        self._unsupported('Node.waitOutput')

    def monitor(self, timeoutms=None, findPid=True):
        self._unsupported('Node.monitor')

    def popen(self, *args, **kwargs):
        self._unsupported('Node.popen')

    def pexec(self, *args, **kwargs):
        self._unsupported('Node.pexec')

    def sendInt(self, intr=chr(3)):
        self._unsupported('Node.sendInt')

    # ---- interfaces -----------------------------------------------------------------

    def newPort(self):
        if len(self.ports) > 0:
            return max(self.ports.values()) + 1
        return self.portBase

    def addIntf(self, intf, port=None, moveIntfFn=None):
        if port is None:
            port = self.newPort()
        self.intfs[port] = intf
        self.ports[intf] = port
        self.nameToIntf[intf.name] = intf
        debug('\n')
        debug('added intf %s (%d) to node %s\n' % (intf, port, self.name))

    def defaultIntf(self):
        ports = self.intfs.keys()
        if ports:
            return self.intfs[min(ports)]
        warn('*** defaultIntf: warning:', self.name, 'has no interfaces\n')
        return None

    def intf(self, intf=None):
        if not intf:
            return self.defaultIntf()
        if isinstance(intf, str):
            return self.nameToIntf[intf]
        return intf

    def intfList(self):
        return [self.intfs[p] for p in sorted(self.intfs.keys())]

    def intfNames(self):
        return [str(i) for i in self.intfList()]

    def connectionsTo(self, node):
        connections = []
        for intf in self.intfList():
            link = intf.link
            if link:
                node1, node2 = link.intf1.node, link.intf2.node
                if node1 == self and node2 == node:
                    connections += [(intf, link.intf2)]
                elif node1 == node and node2 == self:
                    connections += [(intf, link.intf1)]
        return connections

    def deleteIntfs(self, checkName=True):
        for intf in list(self.intfs.values()):
            intf.delete()

    # ---- addresses ------------------------------------------------------------------

    def setParam(self, results, method, **param):
        name, value = list(param.items())[0]
        if value is None:
            return None
        f = getattr(self, method, None)
        if not f:
            return None
        if isinstance(value, list):
            result = f(*value)
        elif isinstance(value, dict):
            result = f(**value)
        else:
            result = f(value)
        results[name] = result
        return result

    def setMAC(self, mac, intf=None):
        return self.intf(intf).setMAC(mac)

    def setIP(self, ip, prefixLen=8, intf=None, **kwargs):
        return self.intf(intf).setIP(ip, prefixLen, **kwargs)

    def IP(self, intf=None):
        i = self.intf(intf)
        return i.IP() if i else None

    def MAC(self, intf=None):
        i = self.intf(intf)
        return i.MAC() if i else None

    def intfIsUp(self, intf=None):
        return self.intf(intf).isUp()

    def setARP(self, ip, mac):
        self._need()
        sandbox.call('node_set_arp', net=self._netId, node=self.name, ip=ip, mac=mac)

    def setHostRoute(self, ip, intf):
        return self.cmd('route add -host', ip, 'dev', intf)

    def setDefaultRoute(self, intf=None):
        if not intf:
            intf = self.defaultIntf()
        if isinstance(intf, str) and ' ' in intf:
            params = intf
        else:
            params = 'dev %s' % intf
        self._need()
        sandbox.call('node_default_route', net=self._netId, node=self.name, route=params)

    # ---- life cycle -----------------------------------------------------------------

    def config(self, mac=None, ip=None, defaultRoute=None, lo='up', **_params):
        """Configure the node: MAC, IP and default route of its default interface."""
        r = {}
        self.setParam(r, 'setMAC', mac=mac)
        self.setParam(r, 'setIP', ip=ip)
        self.setParam(r, 'setDefaultRoute', defaultRoute=defaultRoute)
        return r

    def configDefault(self, **moreParams):
        self.params.update(moreParams)
        self.config(**self.params)

    def terminate(self):
        if self._netId is not None:
            sandbox.call('node_terminate', net=self._netId, node=self.name)

    def stop(self, deleteIntfs=False):
        if deleteIntfs:
            self.deleteIntfs()

    def __repr__(self):
        return '<%s %s: %s pid=%s> ' % (
            self.__class__.__name__, self.name,
            ','.join(['%s:%s' % (i.name, i.IP()) for i in self.intfList()]), self.pid)

    def __str__(self):
        return self.name

    @classmethod
    def setup(cls):
        pass

    @classmethod
    def isSetup(cls):
        return True


class Host(Node):
    "A host is simply a Node"


class CPULimitedHost(Host):
    """A host with a CPU share: the sandbox accepts the parameters and does not limit CPU."""

    def setCPUFrac(self, f, sched=None):
        pass

    def setCPUs(self, cores, mems=0):
        pass

    def config(self, cpu=-1, cores=None, **params):
        r = Node.config(self, **params)
        self.setParam(r, 'setCPUFrac', cpu=cpu)
        self.setParam(r, 'setCPUs', cores=cores)
        return r


# ---- switches -----------------------------------------------------------------------

class Switch(Node):
    """A switch: its ports count from 1 and port 0 is its loopback."""

    dpidLen = 16
    portBase = 1

    def __init__(self, name, dpid=None, opts='', listenPort=None, **params):
        Node.__init__(self, name, **params)
        self.dpid = self.defaultDpid(dpid)
        self.opts = opts
        self.listenPort = listenPort
        if not self.inNamespace:
            self.controlIntf = Intf('lo', self, port=0)

    def defaultDpid(self, dpid=None):
        if dpid:
            dpid = dpid.replace(':', '')
            assert len(dpid) <= self.dpidLen and int(dpid, 16) >= 0
        else:
            nums = re.findall(r'\d+', self.name)
            if nums:
                dpid = hex(int(nums[0]))[2:]
            else:
                raise Exception('Unable to derive default datapath ID - '
                                'please either specify a dpid or use a '
                                'canonical switch name such as s23.')
        return '0' * (self.dpidLen - len(dpid)) + dpid

    def defaultIntf(self):
        if self.intfs:
            ports = [p for p in self.intfs if p != 0]
            if ports:
                return self.intfs[min(ports)]
        return Node.defaultIntf(self)

    def connected(self):
        self._need()
        return sandbox.call('switch_connected', net=self._netId, node=self.name)

    def start(self, controllers):
        pass

    def stop(self, deleteIntfs=True):
        pass

    def dpctl(self, *args):
        return self.cmd('ovs-ofctl', args[0], self, *args[1:])

    def __repr__(self):
        return '<%s %s: %s pid=%s> ' % (
            self.__class__.__name__, self.name,
            ','.join(['%s:%s' % (i.name, i.IP()) for i in self.intfList()]), self.pid)


class OVSSwitch(Switch):
    """Open vSwitch (kernel datapath), secure fail mode: it forwards only what a controller allows."""

    def __init__(self, name, failMode='secure', datapath='kernel', inband=False,
                 protocols=None, reconnectms=1000, stp=False, batch=False, **params):
        Switch.__init__(self, name, **params)
        self.failMode = failMode
        self.datapath = datapath
        self.inband = inband
        self.protocols = protocols
        self.reconnectms = reconnectms
        self.stp = stp

    def vsctl(self, *args, **kwargs):
        return self.cmd('ovs-vsctl', *args, **kwargs)

    def intfOpts(self, intf):
        return ''


OVSKernelSwitch = OVSSwitch


class OVSBridge(OVSSwitch):
    """An Open vSwitch bridge in standalone mode: a learning switch with no controller."""

    def __init__(self, *args, **kwargs):
        kwargs.update(failMode='standalone')
        OVSSwitch.__init__(self, *args, **kwargs)


class UserSwitch(Switch):
    dpidLen = 12


class LinuxBridge(Switch):
    def __init__(self, name, stp=False, prio=None, **kwargs):
        self.stp = stp
        self.prio = prio
        Switch.__init__(self, name, **kwargs)


class IVSSwitch(Switch):
    def __init__(self, name, **kwargs):
        raise Exception('IVSSwitch: not supported in this sandbox')


# ---- controllers --------------------------------------------------------------------

class Controller(Node):
    """An OpenFlow controller (the reference learning switch)."""

    def __init__(self, name, inNamespace=False, command='controller', cargs='ptcp:%d',
                 cdir=None, ip='127.0.0.1', port=6653, protocol='tcp', **params):
        self.command = command
        self.cargs = cargs
        self.cdir = cdir
        if ':' in ip:
            ip, port = ip.split(':')
            port = int(port)
        self.ip = ip
        self.port = port
        self.protocol = protocol
        Node.__init__(self, name, inNamespace=inNamespace, ip=ip, **params)

    def start(self):
        pass

    def stop(self, *args, **kwargs):
        pass

    def IP(self, intf=None):
        return self.ip

    def __repr__(self):
        return '<%s %s: %s:%s pid=%s> ' % (self.__class__.__name__, self.name, self.IP(), self.port, self.pid)

    @classmethod
    def isAvailable(cls):
        return False


class OVSController(Controller):
    """Open vSwitch's test controller (ovs-testcontroller), a learning switch."""

    def __init__(self, name, **kwargs):
        kwargs.setdefault('command', 'ovs-testcontroller')
        Controller.__init__(self, name, **kwargs)

    @classmethod
    def isAvailable(cls):
        return True


class NOX(Controller):
    def __init__(self, name, *args, **kwargs):
        raise Exception('NOX: not supported in this sandbox')


class Ryu(Controller):
    def __init__(self, name, *args, **kwargs):
        raise Exception('Ryu: not supported in this sandbox; run a RemoteController (ONOS) instead')


class RemoteController(Controller):
    """A controller running outside Mininet (ONOS on the lab machine, for example)."""

    def __init__(self, name, ip='127.0.0.1', port=None, **kwargs):
        Controller.__init__(self, name, ip=ip, port=port, **kwargs)
        self.checkListening()

    def checkListening(self):
        if self.port is not None:
            self.isListening(self.ip, self.port)
        else:
            for port in 6653, 6633:
                if self.isListening(self.ip, port):
                    self.port = port
                    info('Connecting to remote controller at %s:%d\n' % (self.ip, self.port))
                    break
        if self.port is None:
            self.port = 6653
            warn('Setting remote controller to %s:%d\n' % (self.ip, self.port))

    def isListening(self, ip, port):
        if not sandbox.call('controller_listening', ip=ip, port=port):
            warn('Unable to contact the remote controller at %s:%d\n' % (ip, port))
            return False
        return True


class NullController(Controller):
    """No controller at all."""

    def __init__(self, *args, **kwargs):
        pass

    def start(self):
        pass

    def stop(self):
        pass


def findController(controllers=(Controller, OVSController)):
    for controller in controllers:
        if controller.isAvailable():
            return controller
    return None


def DefaultController(name, controllers=(Controller, OVSController), **kwargs):
    """The first controller available: on this lab machine, ovs-testcontroller."""
    controller = findController(controllers)
    if not controller:
        raise Exception('Could not find a default OpenFlow controller')
    return controller(name, **kwargs)
