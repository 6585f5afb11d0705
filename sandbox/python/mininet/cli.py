"""mininet.cli: CLI(net) hands the terminal to the `mininet> ` prompt and returns when the
learner types exit (or presses Ctrl-D); the script then goes on."""
import _patchbay_host as sandbox
from mininet.log import info, output, error


class CLI:
    prompt = 'mininet> '

    def __init__(self, mininet, stdin=None, script=None, **kwargs):
        self.mn = mininet
        if script:
            sandbox.request('cli_script', net=mininet._netId, path=script)
            return
        info('*** Starting CLI:\n')
        sandbox.request('cli', net=mininet._netId)
