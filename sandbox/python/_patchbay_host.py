"""The sandbox's side of a Python program: how it reaches the emulator, and how the
program is started, stopped and reported the way the real `python3` does it.

Work that takes virtual time (a command on a node, sleeping, reading a line, the Mininet
CLI) is a request: the JavaScript side serves it in the simulation and this interpreter
waits with pyodide.ffi.run_sync (WebAssembly stack switching). Queries that take no time
are plain calls. Payloads and answers are JSON strings, so no proxies outlive a call.
"""
import builtins
import json
import sys
import time
import traceback

from pyodide.ffi import run_sync

import _patchbay_js


class SandboxKilled(BaseException):
    """The program was killed (kill -9, the terminal closed): unwind without output."""


def _answer(text):
    reply = json.loads(text)
    if reply.get('interrupt'):
        raise KeyboardInterrupt
    if reply.get('killed'):
        raise SandboxKilled()
    if 'error' in reply:
        raise Exception(reply['error'])
    return reply.get('value')


def request(kind, /, **payload):
    """Ask the emulator for work that takes virtual time; blocks this program until done."""
    from pyodide.ffi import can_run_sync
    if not can_run_sync():
        raise RuntimeError(
            'this program must wait for the emulated network, which needs WebAssembly stack '
            'switching (JSPI): use a Chromium-based browser (Chrome or Edge 137 or later); in '
            'Node, run with --experimental-wasm-stack-switching')
    return _answer(run_sync(_patchbay_js.request(kind, json.dumps(payload))))


def call(kind, /, **payload):
    """Ask the emulator something that takes no virtual time."""
    return _answer(_patchbay_js.call(kind, json.dumps(payload)))


def _input(prompt=''):
    if prompt:
        sys.stdout.write(str(prompt))
    sys.stdout.flush()
    line = request('readline')
    if line is None:
        raise EOFError('EOF when reading a line')
    return line[:-1] if line.endswith('\n') else line


def _sleep(seconds):
    seconds = float(seconds)
    if seconds < 0:
        raise ValueError('sleep length must be non-negative')
    request('sleep', seconds=seconds)


def _time():
    return call('time')


builtins.input = _input
sys.executable = '/usr/bin/python3'
time.sleep = _sleep
time.time = _time


def _exit_status(code):
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    sys.stderr.write(str(code) + '\n')
    return 1


def _report(exc, skip):
    """Print a traceback as python3 does, leaving out this module's own frames (the
    sandbox's plumbing between the program and the emulator is not part of the program)."""
    tb = exc.__traceback__
    for _ in range(skip):
        if tb is not None:
            tb = tb.tb_next
    te = traceback.TracebackException(type(exc), exc, tb)
    te.stack = traceback.StackSummary.from_list(
        [f for f in te.stack if not f.filename.endswith('_patchbay_host.py')])
    sys.stderr.write(''.join(te.format()))


def _guard(thunk):
    """Run a program the way python3 ends: its exit status, or a traceback and 1 (130 for Ctrl-C)."""
    try:
        thunk()
        return 0
    except SystemExit as e:
        return _exit_status(e.code)
    except SandboxKilled:
        return 137
    except KeyboardInterrupt as e:
        _report(e, 2)
        return 130
    except BaseException as e:
        _report(e, 2)
        return 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()


def _execute(code, globs):
    return _guard(lambda: exec(code, globs))


def _main_globals(filename):
    import types
    main = types.ModuleType('__main__')
    main.__file__ = filename
    main.__builtins__ = builtins
    sys.modules['__main__'] = main
    return main.__dict__


def _enter(cwd):
    import os
    os.makedirs(cwd, exist_ok=True)
    os.chdir(cwd)


def run_file(path, argv, cwd):
    """python3 FILE: the file was copied into this interpreter's filesystem."""
    import os
    _enter(cwd)
    sys.argv = list(argv)
    sys.path[0:1] = [os.path.dirname(path) or '.']
    try:
        with open(path) as f:
            source = f.read()
        code = compile(source, path, 'exec')
    except SyntaxError as e:
        traceback.print_exception(type(e), e, None)
        return 1
    return _execute(code, _main_globals(path))


def run_command(source, argv, cwd):
    """python3 -c CODE"""
    _enter(cwd)
    sys.argv = ['-c'] + list(argv)
    sys.path[0:1] = ['']
    try:
        code = compile(source, '<string>', 'exec')
    except SyntaxError as e:
        traceback.print_exception(type(e), e, None)
        return 1
    return _execute(code, _main_globals('<string>'))


def run_module(name, argv, cwd):
    """python3 -m MODULE: CPython's message when there is no such module."""
    import importlib.util
    import runpy
    _enter(cwd)
    sys.path[0:1] = [cwd]
    try:
        found = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        found = None
    if found is None:
        sys.stderr.write('/usr/bin/python3: No module named %s\n' % name)
        return 1
    sys.argv = [name] + list(argv)
    return _guard(lambda: runpy.run_module(name, run_name='__main__', alter_sys=True))


def run_repl(banner):
    """python3 with no program: the interactive prompt, reading lines from the terminal."""
    import code
    sys.argv = ['']
    sys.path[0:1] = ['']
    globs = _main_globals('<stdin>')
    globs.pop('__file__', None)
    console = code.InteractiveConsole(globs)
    try:
        console.interact(banner=banner, exitmsg='')
        return 0
    except SystemExit as e:
        return _exit_status(e.code)
    except SandboxKilled:
        return 137


def _class_name(value):
    if isinstance(value, type):
        return value.__name__
    name = getattr(value, '__name__', None)
    return name if isinstance(name, str) else None


def _plain(opts):
    """Options as data: classes by name, anything else JSON can not carry left out."""
    out = {}
    for key, value in opts.items():
        if key == 'cls':
            name = _class_name(value)
            if name:
                out[key] = name
            continue
        try:
            json.dumps(value)
        except (TypeError, ValueError):
            continue
        out[key] = value
    return out


def describe_topo(path, topo_str, cwd):
    """mn --custom FILE --topo NAME,ARGS: run FILE, build topos[NAME](*ARGS) and describe it."""
    import os
    from mininet.util import splitArgs
    _enter(cwd)
    sys.path[0:1] = [os.path.dirname(path) or '.']
    globs = {'__name__': '__main__', '__file__': path, '__builtins__': builtins}
    try:
        with open(path) as f:
            exec(compile(f.read(), path, 'exec'), globs)
        topos = globs.get('topos', {})
        name, args, kwargs = splitArgs(topo_str)
        if name not in topos:
            return json.dumps({'unknown': name, 'names': sorted(topos)})
        topo = topos[name](*args, **kwargs)
        nodes = [{'name': n, 'isSwitch': bool(topo.isSwitch(n)), 'opts': _plain(topo.nodeInfo(n))}
                 for n in topo.nodes(sort=False)]
        links = []
        for n1, n2, info in topo.links(sort=False, withInfo=True):
            opts = {k: v for k, v in info.items() if k not in ('node1', 'node2', 'port1', 'port2')}
            links.append({'node1': n1, 'node2': n2, 'port1': info['port1'], 'port2': info['port2'],
                          'opts': _plain(opts)})
        return json.dumps({'nodes': nodes, 'links': links})
    except SandboxKilled:
        return None
    except BaseException as e:
        _report(e, 1)
        return None
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
