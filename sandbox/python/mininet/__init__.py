"""Patchbay's Mininet: the Python API of Mininet 2.3.0 (reference/mininet.md section 5),
driving the sandbox's emulated network instead of Linux namespaces and Open vSwitch."""
VERSION = '2.3.0'
