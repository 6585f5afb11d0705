/**
 * python / python3: real Python (Pyodide, Python 3.14) running scripts, `-c` code, modules
 * and the interactive prompt, with the `mininet` package of sandbox/python driving the
 * emulated network. Messages are CPython's (`can't open file`, `No module named`, the
 * usage lines); exit statuses as CPython's.
 * `python` is the same interpreter, except that `python -m SimpleHTTPServer` serves files
 * as Python 2 did (reference/mininet.md §3.7), since lessons written for Python 2 use it.
 */
import type { CommandSpec } from '../../shell/registry';
import type { ExecContext } from '../../shell/context';
import type { Proc } from '../../shell/process';
import { resolvePath } from '../../fs/vfs';
import { loadPython, runProgram, runToStatus } from '../../python/run-program';
import { scriptFiles } from '../../python/script-files';
import { PYTHON2_VERSION, runPythonHttpServerModule } from './http-server';

const USAGE = (cmd: string) => `usage: ${cmd} [option] ... [-c cmd | -m mod | file | -] [arg] ...\n`;

/** Options that take no argument and change nothing here. */
const IGNORED_FLAGS = new Set(['u', 'B', 'E', 's', 'S', 'O', 'q', 'I', 'P', 'b', 'd', 'R', 'v']);

function* python(ctx: ExecContext, argv: string[], cmd: string): Proc {
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-' || !a.startsWith('-')) break;
    if (a === '--') {
      i++;
      break;
    }
    if (a === '-V' || a === '--version') {
      const rt = yield* loadPython(ctx, cmd);
      if (!rt) return 1;
      ctx.out(`Python ${rt.version}\n`);
      return 0;
    }
    if (a === '-h' || a === '--help' || a === '-?') {
      ctx.out(USAGE(cmd) +
        'Options (most are accepted and change nothing in this sandbox):\n' +
        '-c cmd : run the program passed as a string\n' +
        '-m mod : run a library module as a script (http.server serves files)\n' +
        '-V     : print the Python version\n' +
        'file   : run the program in a file; with no program, an interactive prompt\n' +
        '-      : read the program from standard input\n');
      return 0;
    }
    if (a === '-c' || a === '-m') {
      const arg = argv[i + 1];
      if (arg === undefined) {
        ctx.err(`Argument expected for the ${a} option\n${USAGE(cmd)}Try \`python -h' for more information.\n`);
        return 2;
      }
      const rest = argv.slice(i + 2);
      if (a === '-c') return yield* runToStatus(ctx, { kind: 'command', code: arg, cwd: ctx.shell.cwd, argv: rest }, cmd);
      return yield* runModule(ctx, cmd, arg, rest);
    }
    if (a === '-i' || a === '-X' || a === '-W') {
      ctx.err(`${cmd}: option ${a} is not supported in this sandbox\n`);
      return 2;
    }
    const letters = a.slice(1).split('');
    const bad = letters.find((l) => !IGNORED_FLAGS.has(l));
    if (a.startsWith('--') || bad !== undefined) {
      ctx.err(`Unknown option: ${a.startsWith('--') ? a : `-${bad}`}\n${USAGE(cmd)}Try \`python -h' for more information.\n`);
      return 2;
    }
  }
  const file = argv[i];
  const rest = argv.slice(i + 1);
  if (file === undefined || file === '-') {
    if (ctx.stdin !== undefined) {
      return yield* runToStatus(ctx, { kind: 'command', code: ctx.stdin, cwd: ctx.shell.cwd, argv: rest }, cmd);
    }
    const rt = yield* loadPython(ctx, cmd);
    if (!rt) return 1;
    const banner = `Python ${rt.version} (Pyodide, in the sandbox) on linux\n` +
      'Type "help", "copyright", "credits" or "license" for more information.';
    return (yield* runProgram(ctx, rt, { kind: 'repl', banner }, cmd)).status;
  }
  const path = resolvePath(file, ctx.shell.cwd);
  const fs = ctx.fs;
  if (!fs.exists(path)) {
    ctx.err(`${cmd}: can't open file '${path}': [Errno 2] No such file or directory\n`);
    return 2;
  }
  if (fs.isDir(path)) {
    ctx.err(`${cmd}: can't find '__main__' module in '${file}'\n`);
    return 1;
  }
  return yield* runToStatus(ctx, { kind: 'file', path: file, cwd: ctx.shell.cwd, argv: [file, ...rest], files: scriptFiles(ctx, path) }, cmd);
}

function* runModule(ctx: ExecContext, cmd: string, mod: string, args: string[]): Proc {
  // The file servers are the emulator's own (they answer over the emulated TCP): no Pyodide needed.
  if (mod === 'http.server') return yield* runPythonHttpServerModule(ctx, 'http.server', args);
  if (mod === 'SimpleHTTPServer') {
    if (cmd === 'python') return yield* runPythonHttpServerModule(ctx, 'SimpleHTTPServer', args, PYTHON2_VERSION);
    ctx.err(`/usr/bin/${cmd}: No module named SimpleHTTPServer\n`);
    return 1;
  }
  return yield* runToStatus(ctx, { kind: 'module', module: mod, cwd: ctx.shell.cwd, argv: args }, cmd);
}

export const pythonCommand: CommandSpec = {
  name: 'python3',
  family: 'linux',
  summary: 'run a Python program (real Python 3, with the mininet package)',
  usage: 'python3 [-c CODE | -m MODULE | FILE | -] [ARG]...',
  where: 'any',
  options: ['-c', '-m', '-V', '--version', '-h'],
  run: (ctx, argv) => python(ctx, argv, 'python3'),
};

export const pythonLegacyCommand: CommandSpec = {
  name: 'python',
  family: 'linux',
  summary: 'the same Python as python3 (and Python 2\'s SimpleHTTPServer module)',
  usage: 'python [-c CODE | -m MODULE | FILE | -] [ARG]...',
  where: 'any',
  options: ['-c', '-m', '-V', '--version', '-h'],
  run: (ctx, argv) => python(ctx, argv, 'python'),
};
