#!/usr/bin/env python3
"""A leaf-spine fabric from a script: patchbay.fabric's topologies (not part of Mininet)."""
from mininet.net import Mininet
from mininet.log import setLogLevel
from patchbay.fabric import LeafSpineTopo

if __name__ == '__main__':
    setLogLevel('info')
    net = Mininet(topo=LeafSpineTopo(spines=2, leaves=2, hosts=1), controller=None)
    net.start()
    for sw in net.switches:
        print(sw.name, sw.tier, sw.dpid)
    net.pingAll()
    print(net['leaf1'].cmd('ip route show 10.0.0.2').replace('\r', ''), end='')
    net.stop()
