/**
 * The contract between the sandbox and a Python interpreter (Pyodide), which the host
 * supplies: the browser worker loads it from the site's own files, the headless CLI and the
 * tests from node_modules. The sandbox core never loads anything itself.
 *
 * A running program talks to the emulator through PyIo: `request` for work that takes virtual
 * time (the program waits, by WebAssembly stack switching, until the simulation has served
 * it) and `call` for queries that take none. Payloads and answers are JSON text.
 */

export type PyProgram =
  /**
   * python3 FILE ARGS: `path` as typed, relative to `cwd`; argv[0] is FILE. `files` (absolute
   * paths) are copied into Python's own filesystem first: the script and its neighbours.
   */
  | { readonly kind: 'file'; readonly path: string; readonly cwd: string; readonly argv: readonly string[]; readonly files: Readonly<Record<string, string>> }
  /** python3 -c CODE ARGS */
  | { readonly kind: 'command'; readonly code: string; readonly cwd: string; readonly argv: readonly string[] }
  /** python3 -m MODULE ARGS */
  | { readonly kind: 'module'; readonly module: string; readonly cwd: string; readonly argv: readonly string[] }
  /** python3 (the interactive prompt) */
  | { readonly kind: 'repl'; readonly banner: string }
  /** mn --custom FILE --topo NAME,ARGS: build the named topology and describe it (TopoDescription as JSON). */
  | { readonly kind: 'topo'; readonly path: string; readonly cwd: string; readonly topo: string; readonly files: Readonly<Record<string, string>> };

export interface PyIo {
  stdout(text: string): void;
  stderr(text: string): void;
  request(kind: string, payload: string): Promise<string>;
  call(kind: string, payload: string): string;
}

export interface PyResult {
  /** The exit status python3 would return. */
  readonly status: number;
  /** For 'topo' programs: the description, or undefined after an error (already printed). */
  readonly value?: string;
}

export interface PythonRuntime {
  /** The interpreter's version, e.g. '3.14.2'. */
  readonly version: string;
  /** Can a program wait for the simulation (WebAssembly stack switching)? Without it only pure Python runs. */
  readonly canWait: boolean;
  /** True while a program runs (one at a time: there is one interpreter). */
  readonly busy: boolean;
  run(program: PyProgram, io: PyIo): Promise<PyResult>;
  /** Resolves when no program runs (a killed one has finished unwinding). */
  idle(): Promise<void>;
}

export interface PythonLoader {
  /** The runtime once loaded, else undefined. */
  readonly ready: PythonRuntime | undefined;
  /** Start loading (once) and resolve when Python is ready; rejects with a message if it cannot load. */
  load(): Promise<PythonRuntime>;
}

/** What mn --custom gets back from Python: a Topo as data (classes by name). */
export interface TopoDescription {
  readonly nodes: ReadonlyArray<{ readonly name: string; readonly isSwitch: boolean; readonly opts: Record<string, unknown> }>;
  readonly links: ReadonlyArray<{ readonly node1: string; readonly node2: string; readonly port1: number; readonly port2: number; readonly opts: Record<string, unknown> }>;
}
