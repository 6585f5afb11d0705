/**
 * A PythonRuntime on a loaded Pyodide (reference/toolchain.md: pyodide 314, Python 3.14,
 * standard library only). The host (worker, CLI) loads Pyodide and hands it over with the
 * sources of our Python package (sandbox/python: `mininet` and `_patchbay_host`).
 */
import type { PyIo, PyProgram, PyResult, PythonRuntime } from './runtime';

/** The part of Pyodide's API used here (kept structural so the core does not import Pyodide). */
export interface PyodideLike {
  readonly version: string;
  readonly FS: { mkdirTree(path: string): void; writeFile(path: string, data: string): void };
  registerJsModule(name: string, module: object): void;
  setStdout(opts: { write(buf: Uint8Array): number; isatty?: boolean }): void;
  setStderr(opts: { write(buf: Uint8Array): number; isatty?: boolean }): void;
  runPython(code: string): unknown;
  runPythonAsync(code: string): Promise<unknown>;
  pyimport(name: string): PyModuleLike;
}

interface PyCallableLike {
  callPromising(...args: unknown[]): Promise<unknown>;
}

interface PyModuleLike {
  readonly run_file: PyCallableLike;
  readonly run_command: PyCallableLike;
  readonly run_repl: PyCallableLike;
  readonly run_module: PyCallableLike;
  readonly describe_topo: PyCallableLike;
}

/**
 * Where the package files go inside Python's filesystem (appended to sys.path): where Ubuntu's
 * python3-mininet puts them, so tracebacks name the files a learner would see.
 */
const PACKAGE_DIR = '/usr/lib/python3/dist-packages';

function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** The program's terminal while it runs; between programs output is dropped. */
const quiet: PyIo = {
  stdout: () => undefined,
  stderr: () => undefined,
  request: () => Promise.resolve('{"killed": true}'),
  call: () => '{"killed": true}',
};

/**
 * `decode` turns Python's UTF-8 output into text (the host passes a streaming TextDecoder:
 * the core's library has none).
 */
export async function createPyodideRuntime(
  py: PyodideLike, packageFiles: Readonly<Record<string, string>>, seed: number, decode: (buf: Uint8Array) => string,
): Promise<PythonRuntime> {
  for (const [rel, text] of Object.entries(packageFiles)) {
    const path = `${PACKAGE_DIR}/${rel}`;
    py.FS.mkdirTree(dirname(path));
    py.FS.writeFile(path, text);
  }
  let io: PyIo = quiet;
  py.registerJsModule('_patchbay_js', {
    request: (kind: string, payload: string) => io.request(kind, payload),
    call: (kind: string, payload: string) => io.call(kind, payload),
  });
  py.setStdout({ write: (buf) => (io.stdout(decode(buf)), buf.length), isatty: true });
  py.setStderr({ write: (buf) => (io.stderr(decode(buf)), buf.length), isatty: true });
  // Deterministic runs: the same seed gives the same random numbers.
  py.runPython(`import sys, random\nsys.path.append(${JSON.stringify(PACKAGE_DIR)})\nrandom.seed(${seed})`);
  // Stack switching (JSPI) lets a program wait for the simulation; probe it once.
  const canWait = (await py.runPythonAsync('from pyodide.ffi import can_run_sync\ncan_run_sync()')) === true;
  const host = py.pyimport('_patchbay_host');
  const version = String(py.runPython('import platform\nplatform.python_version()'));
  let busy = false;
  let current: Promise<unknown> = Promise.resolve();

  const run = (program: PyProgram, programIo: PyIo): Promise<PyResult> => {
    const p = runNow(program, programIo);
    current = p.catch(() => undefined);
    return p;
  };

  const runNow = async (program: PyProgram, programIo: PyIo): Promise<PyResult> => {
    if (busy) throw new Error('Python is already running a program');
    busy = true;
    io = programIo;
    try {
      if (program.kind === 'file' || program.kind === 'topo') {
        for (const [path, text] of Object.entries(program.files)) {
          py.FS.mkdirTree(dirname(path));
          py.FS.writeFile(path, text);
        }
      }
      switch (program.kind) {
        case 'file':
          return { status: Number(await host.run_file.callPromising(program.path, [...program.argv], program.cwd)) };
        case 'command':
          return { status: Number(await host.run_command.callPromising(program.code, [...program.argv], program.cwd)) };
        case 'module':
          return { status: Number(await host.run_module.callPromising(program.module, [...program.argv], program.cwd)) };
        case 'repl':
          return { status: Number(await host.run_repl.callPromising(program.banner)) };
        case 'topo': {
          const value = await host.describe_topo.callPromising(program.path, program.topo, program.cwd);
          return typeof value === 'string' ? { status: 0, value } : { status: 1 };
        }
      }
    } finally {
      io = quiet;
      busy = false;
    }
  };

  return {
    version,
    canWait,
    get busy() {
      return busy;
    },
    run,
    async idle() {
      while (busy) await current;
    },
  };
}
