"""mininet.moduledeps: kernel modules are always there in the sandbox."""


def moduleDeps(subtract=None, add=None):
    pass
