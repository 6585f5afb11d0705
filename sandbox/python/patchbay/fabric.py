"""patchbay.fabric: data-center fabric topologies for Mininet scripts.

Patchbay's addition, not part of Mininet: the same topologies as `mn --topo threetier`,
`leafspine` and `fattree` (sandbox/src/topo/fabric.ts builds them for mn; both must agree on
names, link order and ports). Their switches are FabricSwitches: routed layer-3 switches, each in
its own namespace with forwarding on, whose routes (all equal-cost next hops to every host) the
sandbox's fabric routing installs when the network starts. They need no controller:

    from mininet.net import Mininet
    from patchbay.fabric import LeafSpineTopo

    net = Mininet(topo=LeafSpineTopo(spines=2, leaves=4, hosts=2), controller=None)
    net.start()
    net.pingAll()
    net.stop()
"""
from mininet.node import Switch
from mininet.topo import Topo


class FabricSwitch(Switch):
    """A routed fabric switch; `tier` is core, aggregation, access, spine, leaf or edge."""

    def __init__(self, name, tier=None, pod=None, **params):
        Switch.__init__(self, name, **params)
        self.tier = tier
        self.pod = pod


def _atLeast(topo, name, value, least):
    if not isinstance(value, int) or value < least:
        raise Exception('%s: %s must be an integer >= %d (got %s)' % (topo, name, least, value))


class ThreeTierTopo(Topo):
    """Cores over pods; a pod is a pair of aggregation switches (each linked to every core) and
    its access switches (each linked to both of its pod's aggregation switches)."""

    def build(self, cores=2, aggs=4, access=8, hosts=2):
        _atLeast('threetier', 'cores', cores, 1)
        _atLeast('threetier', 'aggs', aggs, 2)
        _atLeast('threetier', 'access', access, 1)
        _atLeast('threetier', 'hosts', hosts, 0)
        if aggs % 2:
            raise Exception('threetier: aggs must be even, one pair of aggregation switches per pod (got %d)' % aggs)
        pods = aggs // 2
        if access % pods:
            raise Exception('threetier: access must be a multiple of the number of pods, aggs/2 = %d (got %d)'
                            % (pods, access))
        perPod = access // pods
        coreNames = [self.addSwitch('core%d' % c, cls=FabricSwitch, tier='core') for c in range(1, cores + 1)]
        host = 1
        for pod in range(1, pods + 1):
            aggNames = [self.addSwitch('agg%d' % a, cls=FabricSwitch, tier='aggregation', pod=pod)
                        for a in (2 * pod - 1, 2 * pod)]
            for i in range(1, perPod + 1):
                acc = self.addSwitch('acc%d' % ((pod - 1) * perPod + i), cls=FabricSwitch, tier='access', pod=pod)
                for _ in range(hosts):
                    self.addLink(self.addHost('h%d' % host), acc)
                    host += 1
                for agg in aggNames:
                    self.addLink(acc, agg)
            for agg in aggNames:
                for core in coreNames:
                    self.addLink(agg, core)


class LeafSpineTopo(Topo):
    """Every leaf linked to every spine; hosts on the leaves."""

    def build(self, spines=2, leaves=4, hosts=2):
        _atLeast('leafspine', 'spines', spines, 1)
        _atLeast('leafspine', 'leaves', leaves, 1)
        _atLeast('leafspine', 'hosts', hosts, 0)
        spineNames = [self.addSwitch('spine%d' % s, cls=FabricSwitch, tier='spine') for s in range(1, spines + 1)]
        host = 1
        for l in range(1, leaves + 1):
            leaf = self.addSwitch('leaf%d' % l, cls=FabricSwitch, tier='leaf')
            for _ in range(hosts):
                self.addLink(self.addHost('h%d' % host), leaf)
                host += 1
            for spine in spineNames:
                self.addLink(leaf, spine)


class FatTreeTopo(Topo):
    """The k-ary fat tree: k pods of k/2 edge and k/2 aggregation switches, (k/2)**2 cores,
    k**3/4 hosts (k even; the sandbox builds up to k=16)."""

    def build(self, k=4):
        if not isinstance(k, int) or k < 2 or k % 2:
            raise Exception('fattree: k must be an even integer >= 2 (got %s)' % k)
        if k > 16:
            raise Exception('fattree,k=%d would have %d hosts and %d switches; the sandbox builds fat trees '
                            'up to k=16 (1024 hosts, 320 switches).' % (k, k ** 3 // 4, 5 * k * k // 4))
        half = k // 2
        coreNames = [self.addSwitch('core%d' % c, cls=FabricSwitch, tier='core') for c in range(1, half * half + 1)]
        host = 1
        for pod in range(1, k + 1):
            aggNames = [self.addSwitch('agg%d' % ((pod - 1) * half + i), cls=FabricSwitch, tier='aggregation', pod=pod)
                        for i in range(1, half + 1)]
            for i in range(1, half + 1):
                edge = self.addSwitch('edge%d' % ((pod - 1) * half + i), cls=FabricSwitch, tier='edge', pod=pod)
                for _ in range(half):
                    self.addLink(self.addHost('h%d' % host), edge)
                    host += 1
                for agg in aggNames:
                    self.addLink(edge, agg)
            for i, agg in enumerate(aggNames):
                for c in range(half):
                    self.addLink(agg, coreNames[i * half + c])


topos = {'threetier': ThreeTierTopo, 'leafspine': LeafSpineTopo, 'fattree': FatTreeTopo}
