/**
 * The lab machine's filesystem, in memory. Mininet hosts share it (only the network is
 * namespaced), so a file written from h1 is visible from h2 and from the lab shell.
 * Paths are absolute after `resolve`; errors are errno names the commands turn into messages.
 */

export type FsError = 'ENOENT' | 'ENOTDIR' | 'EISDIR' | 'EEXIST' | 'ENOTEMPTY';

interface FileNode {
  kind: 'file';
  content: string;
  mode: number;
  mtime: number;
}

interface DirNode {
  kind: 'dir';
  children: Map<string, FsNode>;
  mode: number;
  mtime: number;
}

type FsNode = FileNode | DirNode;

export interface DirEntry {
  readonly name: string;
  readonly kind: 'file' | 'dir';
  readonly size: number;
  readonly mode: number;
  readonly mtime: number;
}

/** Bytes in the UTF-8 encoding of s (what ls -l and wget report). */
export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** Normalise a path against a working directory and a home directory. */
export function resolvePath(path: string, cwd: string, home = '/root'): string {
  let p = path;
  if (p === '~' || p.startsWith('~/')) p = home + p.slice(1);
  const abs = p.startsWith('/') ? p : `${cwd}/${p}`;
  const parts: string[] = [];
  for (const seg of abs.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}

export class Vfs {
  private root: DirNode = { kind: 'dir', children: new Map(), mode: 0o755, mtime: 0 };
  /** Virtual time source for mtimes (the scheduler's clock). */
  constructor(private readonly clock: () => number = () => 0) {}

  private lookup(path: string): FsNode | undefined {
    let n: FsNode = this.root;
    for (const seg of path.split('/').filter(Boolean)) {
      if (n.kind !== 'dir') return undefined;
      const c = n.children.get(seg);
      if (!c) return undefined;
      n = c;
    }
    return n;
  }

  private parentOf(path: string): { dir: DirNode; name: string } | FsError {
    const segs = path.split('/').filter(Boolean);
    const name = segs.pop();
    if (name === undefined) return 'EEXIST';
    const parent = this.lookup('/' + segs.join('/'));
    if (!parent) return 'ENOENT';
    if (parent.kind !== 'dir') return 'ENOTDIR';
    return { dir: parent, name };
  }

  exists(path: string): boolean {
    return this.lookup(path) !== undefined;
  }

  isDir(path: string): boolean {
    return this.lookup(path)?.kind === 'dir';
  }

  isFile(path: string): boolean {
    return this.lookup(path)?.kind === 'file';
  }

  readFile(path: string): string | FsError {
    const n = this.lookup(path);
    if (!n) return 'ENOENT';
    if (n.kind === 'dir') return 'EISDIR';
    return n.content;
  }

  writeFile(path: string, content: string, append = false, mode = 0o644): FsError | undefined {
    const n = this.lookup(path);
    if (n && n.kind === 'dir') return 'EISDIR';
    if (n) {
      n.content = append ? n.content + content : content;
      n.mtime = this.clock();
      return undefined;
    }
    const p = this.parentOf(path);
    if (typeof p === 'string') return p;
    p.dir.children.set(p.name, { kind: 'file', content, mode, mtime: this.clock() });
    return undefined;
  }

  mkdir(path: string, parents = false): FsError | undefined {
    if (parents) {
      let cur = '';
      for (const seg of path.split('/').filter(Boolean)) {
        cur += '/' + seg;
        const n = this.lookup(cur);
        if (n && n.kind !== 'dir') return 'ENOTDIR';
        if (!n) this.mkdir(cur);
      }
      return undefined;
    }
    if (this.lookup(path)) return 'EEXIST';
    const p = this.parentOf(path);
    if (typeof p === 'string') return p;
    p.dir.children.set(p.name, { kind: 'dir', children: new Map(), mode: 0o755, mtime: this.clock() });
    return undefined;
  }

  /** Change a file's or directory's permission bits. */
  chmod(path: string, mode: number): FsError | undefined {
    const n = this.lookup(path);
    if (!n) return 'ENOENT';
    n.mode = mode;
    return undefined;
  }

  remove(path: string, recursive = false): FsError | undefined {
    const n = this.lookup(path);
    if (!n) return 'ENOENT';
    if (n.kind === 'dir' && !recursive) return n.children.size ? 'ENOTEMPTY' : 'EISDIR';
    const p = this.parentOf(path);
    if (typeof p === 'string') return p;
    p.dir.children.delete(p.name);
    return undefined;
  }

  list(path: string): DirEntry[] | FsError {
    const n = this.lookup(path);
    if (!n) return 'ENOENT';
    if (n.kind !== 'dir') return 'ENOTDIR';
    return [...n.children.entries()]
      .map(([name, c]) => ({
        name, kind: c.kind, size: c.kind === 'file' ? utf8Length(c.content) : 4096, mode: c.mode, mtime: c.mtime,
      }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  stat(path: string): DirEntry | FsError {
    const n = this.lookup(path);
    if (!n) return 'ENOENT';
    const name = path.split('/').filter(Boolean).pop() ?? '/';
    return { name, kind: n.kind, size: n.kind === 'file' ? utf8Length(n.content) : 4096, mode: n.mode, mtime: n.mtime };
  }

  /** Every path below a directory, for completion. */
  names(dir: string): string[] {
    const l = this.list(dir);
    return typeof l === 'string' ? [] : l.map((e) => (e.kind === 'dir' ? e.name + '/' : e.name));
  }
}

/** The message a coreutils tool prints for an errno. */
export function fsErrorText(e: FsError): string {
  switch (e) {
    case 'ENOENT':
      return 'No such file or directory';
    case 'ENOTDIR':
      return 'Not a directory';
    case 'EISDIR':
      return 'Is a directory';
    case 'EEXIST':
      return 'File exists';
    case 'ENOTEMPTY':
      return 'Directory not empty';
  }
}
