"""Exercises the Mininet Python API without the CLI (section 5 of the reference)."""
from mininet.topo import Topo
from mininet.net import Mininet
from mininet.node import OVSBridge
from mininet.link import TCLink
from mininet.util import dumpNodeConnections
from mininet.log import setLogLevel, info


class SingleSwitchTopo(Topo):
    "One switch and n hosts."

    def build(self, n=2):
        switch = self.addSwitch('s1')
        for h in range(n):
            host = self.addHost('h%s' % (h + 1))
            self.addLink(host, switch)


def simpleTest():
    net = Mininet(SingleSwitchTopo(n=4))
    net.start()
    print("Dumping host connections")
    dumpNodeConnections(net.hosts)
    print("Testing network connectivity")
    net.pingAll()
    h1, h4 = net.get('h1', 'h4')
    print(h1.IP(), h4.IP(), h1.intf(), len(net), 'h3' in net)
    net.stop()


def shaped():
    net = Mininet(switch=OVSBridge, controller=None, link=TCLink, waitConnected=True)
    a = net.addHost('a', ip='10.1.0.1/24')
    b = net.addHost('b', ip='10.1.0.2/24')
    s = net.addSwitch('s9')
    net.addLink(a, s, bw=10, delay='5ms')
    net.addLink(b, s)
    net.start()
    print(a.cmd('ping -c 2', b.IP()).strip().splitlines()[-1])
    net.stop()


if __name__ == '__main__':
    setLogLevel('info')
    simpleTest()
    setLogLevel('output')
    shaped()
