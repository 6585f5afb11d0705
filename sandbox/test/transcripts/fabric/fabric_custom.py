# mn --custom: the fabric topologies under names of one's own.
from patchbay.fabric import FatTreeTopo, LeafSpineTopo

topos = {'clos': LeafSpineTopo, 'fat': FatTreeTopo}
