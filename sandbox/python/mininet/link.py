"""mininet.link: interfaces and links. TC parameters (bw, delay, jitter, loss,
max_queue_size) take effect only with TCLink, as in Mininet."""
import _patchbay_host as sandbox
from mininet.log import info


class Intf:
    """An interface of a node, in the emulated network."""

    def __init__(self, name, node=None, port=None, link=None, mac=None, **params):
        self.node = node
        self.name = name
        self.link = link
        self.mac = mac
        self.ip, self.prefixLen = None, None
        if node is not None:
            node.addIntf(self, port=port)
        self.params = params

    def _ask(self, what, **more):
        netId = getattr(self.node, '_netId', None)
        if netId is None:
            return None
        return sandbox.call('intf', net=netId, node=self.node.name, intf=self.name, what=what, **more)

    def IP(self):
        if self.name == 'lo':
            return '127.0.0.1'
        return self._ask('ip')

    def MAC(self):
        return self._ask('mac')

    def prefixLenOf(self):
        return self._ask('prefixLen')

    def isUp(self, setUp=False):
        if setUp:
            self._ask('up')
            return True
        return bool(self._ask('isUp'))

    def setMAC(self, macstr):
        self.mac = macstr
        return self._ask('setMAC', mac=macstr)

    def setIP(self, ipstr, prefixLen=None, **kwargs):
        if '/' in ipstr:
            self.ip, self.prefixLen = ipstr.split('/')
            self.prefixLen = int(self.prefixLen)
        else:
            if prefixLen is None:
                raise Exception('No prefix length set for IP address %s' % (ipstr,))
            self.ip, self.prefixLen = ipstr, prefixLen
        return self._ask('setIP', ip=self.ip, prefixLen=self.prefixLen)

    def ifconfig(self, *args):
        return self.node.cmd('ifconfig', self.name, *args)

    def config(self, mac=None, ip=None, ifconfig=None, up=True, **_params):
        r = {}
        if mac:
            r['mac'] = self.setMAC(mac)
        if ip:
            r['ip'] = self.setIP(ip)
        return r

    def status(self):
        if self.node is None or getattr(self.node, '_netId', None) is None:
            return 'MISSING'
        return 'OK' if self._ask('exists') else 'MISSING'

    def delete(self):
        pass

    def __repr__(self):
        return '<%s %s>' % (self.__class__.__name__, self.name)

    def __str__(self):
        return self.name


class TCIntf(Intf):
    """An interface shaped with tc: bandwidth, delay, jitter, loss, queue size."""


class Link:
    """A veth pair between two nodes. Extra keyword arguments configure both ends."""

    shaped = False

    def __init__(self, node1, node2, port1=None, port2=None, intfName1=None, intfName2=None,
                 addr1=None, addr2=None, intf=Intf, cls1=None, cls2=None, params1=None,
                 params2=None, fast=True, **params):
        params1 = dict(params1) if params1 else {}
        params2 = dict(params2) if params2 else {}
        if port1 is not None:
            params1['port'] = port1
        if port2 is not None:
            params2['port'] = port2
        if 'port' not in params1:
            params1['port'] = node1.newPort()
        if 'port' not in params2:
            params2['port'] = node2.newPort()
        if not intfName1:
            intfName1 = self.intfName(node1, params1['port'])
        if not intfName2:
            intfName2 = self.intfName(node2, params2['port'])
        params1.update(params)
        params2.update(params)
        netId = getattr(node1, '_netId', None) or getattr(node2, '_netId', None)
        if netId is None:
            raise Exception('Link: both nodes must belong to a Mininet network in this sandbox')
        from mininet.node import plainParams
        reply = sandbox.call('link_add', net=netId, node1=node1.name, node2=node2.name,
                             port1=params1['port'], port2=params2['port'],
                             intfName1=intfName1, intfName2=intfName2, addr1=addr1, addr2=addr2,
                             shaped=self.shaped, params1=plainParams(params1),
                             params2=plainParams(params2))
        if cls1 is None:
            cls1 = intf
        if cls2 is None:
            cls2 = intf
        p1 = dict(params1)
        p2 = dict(params2)
        port1 = p1.pop('port')
        port2 = p2.pop('port')
        intf1 = cls1(name=intfName1, node=node1, port=port1, link=self, mac=addr1)
        intf2 = cls2(name=intfName2, node=node2, port=port2, link=self, mac=addr2)
        self.intf1, self.intf2 = intf1, intf2
        for text in reply.get('status', []):
            info(text)

    @staticmethod
    def intfName(node, n):
        return node.name + '-eth' + repr(n)

    def delete(self):
        pass

    def stop(self):
        self.delete()

    def status(self):
        return '(%s %s)' % (self.intf1.status(), self.intf2.status())

    def __str__(self):
        return '%s<->%s' % (self.intf1, self.intf2)


class OVSIntf(Intf):
    pass


class OVSLink(Link):
    pass


class TCLink(Link):
    """A link whose interfaces are shaped (bw in Mbit/s, delay '5ms', loss in percent...)."""

    shaped = True

    def __init__(self, node1, node2, port1=None, port2=None, intfName1=None, intfName2=None,
                 addr1=None, addr2=None, **params):
        Link.__init__(self, node1, node2, port1=port1, port2=port2, intfName1=intfName1,
                      intfName2=intfName2, cls1=TCIntf, cls2=TCIntf, addr1=addr1, addr2=addr2,
                      params1=params, params2=params)


class TCULink(TCLink):
    pass
