"""mininet.log: leveled output without automatic newlines (info('*** Adding hosts:\\n')).

Messages go to standard error, as Mininet's StreamHandlerNoNewline does. The default level
is 'output': scripts show the '*** ...' progress lines only after setLogLevel('info').
"""
import sys

LEVELS = {'debug': 10, 'info': 20, 'output': 25, 'warning': 30, 'warn': 30,
          'error': 40, 'critical': 50}
LEVELDEFAULT = 'output'


class MininetLogger:
    def __init__(self):
        self.level = LEVELS[LEVELDEFAULT]

    def setLogLevel(self, levelname=None):
        if levelname is None:
            levelname = LEVELDEFAULT
        if levelname not in LEVELS:
            raise Exception('unknown levelname seen in setLogLevel')
        self.level = LEVELS[levelname]

    def isEnabledFor(self, level):
        return level >= self.level

    def _log(self, level, args):
        if level < self.level:
            return
        # Several arguments are joined with spaces (Mininet's makeListCompatible).
        msg = ' '.join(str(a) for a in args)
        sys.stdout.flush()
        sys.stderr.write(msg)
        sys.stderr.flush()

    def debug(self, *args):
        self._log(10, args)

    def info(self, *args):
        self._log(20, args)

    def output(self, *args):
        self._log(25, args)

    def warning(self, *args):
        self._log(30, args)

    warn = warning

    def error(self, *args):
        self._log(40, args)

    def critical(self, *args):
        self._log(50, args)


lg = MininetLogger()
info, output, warn, warning, error, debug, critical = (
    lg.info, lg.output, lg.warn, lg.warning, lg.error, lg.debug, lg.critical)


def setLogLevel(levelname=None):
    lg.setLogLevel(levelname)


def infoEnabled():
    return lg.isEnabledFor(LEVELS['info'])


def outputEnabled():
    return lg.isEnabledFor(LEVELS['output'])
