"""mininet.clean: what `mn -c` does."""
import _patchbay_host as sandbox


def cleanup():
    sandbox.request('lab_cmd', line='mn -c')


class Cleanup:
    @classmethod
    def cleanup(cls, verbose=True):
        cleanup()
