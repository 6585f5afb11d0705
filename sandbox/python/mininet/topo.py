"""mininet.topo: a topology as data. Ports are numbered per node in addLink order from 1 on
switches and from 0 on everything else (Topo.addPort); links keep their insertion order and
are listed naturally sorted by default, as Mininet does."""
from mininet.util import irange, natural, naturalSeq


class MultiGraph:
    def __init__(self):
        self.node = {}
        self.edge = {}

    def add_node(self, node, attr_dict=None, **attrs):
        attr_dict = {} if attr_dict is None else attr_dict
        attr_dict.update(attrs)
        self.node[node] = attr_dict

    def add_edge(self, src, dst, key=None, attr_dict=None, **attrs):
        attr_dict = {} if attr_dict is None else attr_dict
        attr_dict.update(attrs)
        self.node.setdefault(src, {})
        self.node.setdefault(dst, {})
        self.edge.setdefault(src, {})
        self.edge.setdefault(dst, {})
        self.edge[src].setdefault(dst, {})
        entry = self.edge[dst][src] = self.edge[src][dst]
        if key is None:
            keys = [k for k in entry.keys() if isinstance(k, int)]
            key = max([0] + keys) + 1
        entry[key] = attr_dict
        return key

    def nodes(self, data=False):
        return self.node.items() if data else self.node.keys()

    def edges_iter(self, data=False, keys=False):
        for src, entry in self.edge.items():
            for dst, entrykeys in entry.items():
                if src > dst:
                    continue
                for k, attrs in entrykeys.items():
                    if data:
                        yield (src, dst, k, attrs) if keys else (src, dst, attrs)
                    else:
                        yield (src, dst, k) if keys else (src, dst)

    def edges(self, data=False, keys=False):
        return list(self.edges_iter(data=data, keys=keys))

    def __getitem__(self, node):
        return self.edge[node]

    def convertTo(self, cls, data=False, keys=False):
        g = cls()
        for n, attrs in self.nodes(data=True):
            g.add_node(n, attrs)
        for e in self.edges(data=data, keys=keys):
            g.add_edge(*e)
        return g


class Topo:
    """Topology as a graph of named nodes, with options for each node and link."""

    def __init__(self, *args, **params):
        self.g = MultiGraph()
        self.hopts = params.pop('hopts', {})
        self.sopts = params.pop('sopts', {})
        self.lopts = params.pop('lopts', {})
        self.ports = {}
        self._links = []
        self.build(*args, **params)

    def build(self, *args, **params):
        pass

    def addNode(self, name, **opts):
        self.g.add_node(name, opts)
        return name

    def addHost(self, name, **opts):
        if not opts and self.hopts:
            opts = self.hopts
        return self.addNode(name, **opts)

    def addSwitch(self, name, **opts):
        if not opts and self.sopts:
            opts = self.sopts
        result = self.addNode(name, isSwitch=True, **opts)
        return result

    def addLink(self, node1, node2, port1=None, port2=None, key=None, **opts):
        if not opts and self.lopts:
            opts = self.lopts
        port1, port2 = self.addPort(node1, node2, port1, port2)
        opts = dict(opts)
        opts.update(node1=node1, node2=node2, port1=port1, port2=port2)
        key = self.g.add_edge(node1, node2, key, opts)
        self._links.append((node1, node2, key, opts))
        return key

    def nodes(self, sort=True):
        nodes = list(self.g.nodes())
        return self.sorted(nodes) if sort else nodes

    def isSwitch(self, n):
        return self.g.node[n].get('isSwitch', False)

    def switches(self, sort=True):
        return [n for n in self.nodes(sort) if self.isSwitch(n)]

    def hosts(self, sort=True):
        return [n for n in self.nodes(sort) if not self.isSwitch(n)]

    def iterLinks(self, withKeys=False, withInfo=False):
        for node1, node2, key, info in self._links:
            if withKeys and withInfo:
                yield (node1, node2, key, info)
            elif withKeys:
                yield (node1, node2, key)
            elif withInfo:
                yield (node1, node2, info)
            else:
                yield (node1, node2)

    def links(self, sort=False, withKeys=False, withInfo=False):
        links = list(self.iterLinks(withKeys, withInfo))
        if not sort:
            return links
        tupleSize = 3 if withKeys else 2
        return sorted(links, key=(lambda l: naturalSeq(l[:tupleSize])))

    def addPort(self, src, dst, sport=None, dport=None):
        ports = self.ports
        ports.setdefault(src, {})
        ports.setdefault(dst, {})
        if sport is None:
            src_base = 1 if self.isSwitch(src) else 0
            sport = len(ports[src]) + src_base
        if dport is None:
            dst_base = 1 if self.isSwitch(dst) else 0
            dport = len(ports[dst]) + dst_base
        ports[src][sport] = (dst, dport)
        ports[dst][dport] = (src, sport)
        return sport, dport

    def port(self, src, dst):
        if src in self.g.edge and dst in self.g.edge[src]:
            entries = self.g.edge[src][dst]
            found = []
            for info in entries.values():
                if info['node1'] == src:
                    found.append((info['port1'], info['port2']))
                else:
                    found.append((info['port2'], info['port1']))
            return found if len(found) > 1 else found[0]
        raise KeyError('(%s, %s)' % (src, dst))

    def _linkEntry(self, src, dst, key=None):
        entry = self.g.edge[src][dst]
        if key is None:
            key = min(entry)
        return entry, key

    def linkInfo(self, src, dst, key=None):
        entry, key = self._linkEntry(src, dst, key)
        return entry[key]

    def setlinkInfo(self, src, dst, info, key=None):
        entry, key = self._linkEntry(src, dst, key)
        entry[key] = info

    def nodeInfo(self, name):
        return self.g.node[name]

    def setNodeInfo(self, name, info):
        self.g.node[name] = dict(info)

    def convertTo(self, cls, data=False, keys=False):
        return self.g.convertTo(cls, data=data, keys=keys)

    @staticmethod
    def sorted(items):
        return sorted(items, key=natural)


class SingleSwitchTopo(Topo):
    "Single switch connected to k hosts."

    def build(self, k=2, **_opts):
        self.k = k
        switch = self.addSwitch('s1')
        for h in irange(1, k):
            host = self.addHost('h%s' % h)
            self.addLink(host, switch)


class SingleSwitchReversedTopo(Topo):
    "Single switch connected to k hosts, with reversed ports."

    def build(self, k=2):
        self.k = k
        switch = self.addSwitch('s1')
        for h in irange(1, k):
            host = self.addHost('h%s' % h)
            self.addLink(host, switch, port1=0, port2=(k - h + 1))


class MinimalTopo(SingleSwitchTopo):
    "Minimal topology with two hosts and one switch"

    def build(self):
        return SingleSwitchTopo.build(self, k=2)


class LinearTopo(Topo):
    "Linear topology of k switches, with n hosts per switch."

    def build(self, k=2, n=1, **_opts):
        self.k = k
        self.n = n
        if n == 1:
            genHostName = lambda i, j: 'h%s' % i
        else:
            genHostName = lambda i, j: 'h%ss%d' % (j, i)
        lastSwitch = None
        for i in irange(1, k):
            switch = self.addSwitch('s%s' % i)
            for j in irange(1, n):
                host = self.addHost(genHostName(i, j))
                self.addLink(host, switch)
            if lastSwitch:
                self.addLink(switch, lastSwitch)
            lastSwitch = switch
