"""Two hosts behind two switches, for mn --custom (written in the style of Mininet's custom/ examples)."""
from mininet.topo import Topo


class MyTopo(Topo):
    "Two switches in a row, one host on each."

    def build(self):
        left = self.addHost('h1')
        right = self.addHost('h2')
        ls = self.addSwitch('s3')
        rs = self.addSwitch('s4')
        self.addLink(left, ls)
        self.addLink(ls, rs)
        self.addLink(rs, right)


topos = {'mytopo': (lambda: MyTopo())}
