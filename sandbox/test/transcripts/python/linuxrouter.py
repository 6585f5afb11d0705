#!/usr/bin/env python3
"""Three subnets joined by one Linux router (test script in Mininet's example style)."""
from mininet.topo import Topo
from mininet.net import Mininet
from mininet.node import Node
from mininet.log import setLogLevel, info
from mininet.cli import CLI


class LinuxRouter(Node):
    "A node that forwards IPv4 between its interfaces."

    def config(self, **params):
        super(LinuxRouter, self).config(**params)
        self.cmd('sysctl net.ipv4.ip_forward=1')

    def terminate(self):
        self.cmd('sysctl net.ipv4.ip_forward=0')
        super(LinuxRouter, self).terminate()


class NetworkTopo(Topo):
    "Router r0 with one switch and one host on each of three subnets."

    def build(self, **_opts):
        defaultIP = '192.168.1.1/24'
        router = self.addNode('r0', cls=LinuxRouter, ip=defaultIP)
        s1, s2, s3 = [self.addSwitch(s) for s in ('s1', 's2', 's3')]
        self.addLink(s1, router, intfName2='r0-eth1', params2={'ip': defaultIP})
        self.addLink(s2, router, intfName2='r0-eth2', params2={'ip': '172.16.0.1/12'})
        self.addLink(s3, router, intfName2='r0-eth3', params2={'ip': '10.0.0.1/8'})
        h1 = self.addHost('h1', ip='192.168.1.100/24', defaultRoute='via 192.168.1.1')
        h2 = self.addHost('h2', ip='172.16.0.100/12', defaultRoute='via 172.16.0.1')
        h3 = self.addHost('h3', ip='10.0.0.100/8', defaultRoute='via 10.0.0.1')
        for h, s in [(h1, s1), (h2, s2), (h3, s3)]:
            self.addLink(h, s)


def run():
    topo = NetworkTopo()
    net = Mininet(topo=topo, waitConnected=True)
    net.start()
    info('*** Routing Table on Router:\n')
    info(net['r0'].cmd('route'))
    CLI(net)
    net.stop()


if __name__ == '__main__':
    setLogLevel('info')
    run()
