/** ls and cat over the lab machine's filesystem (GNU coreutils formats and messages). */
import type { CommandSpec } from '../../shell/registry';
import type { ExecContext } from '../../shell/context';
import type { Proc } from '../../shell/process';
import { getopt } from '../../shell/args';
import { fsErrorText, resolvePath } from '../../fs/vfs';
import type { DirEntry } from '../../fs/vfs';
import { readProc } from '../../fs/procfs';
import { interrupted, readTerminalLine } from '../linux/text-io';
import { labTime, MONTH_NAMES, pad2 } from '../../sim/calendar';

function* sync(fn: () => number): Proc {
  return fn();
}


function modeString(e: DirEntry): string {
  const bits = ['r', 'w', 'x'];
  let s = e.kind === 'dir' ? 'd' : '-';
  for (let i = 8; i >= 0; i--) s += e.mode & (1 << i) ? bits[(8 - i) % 3] : '-';
  // The sticky bit shows in the others' execute slot (/tmp: drwxrwxrwt).
  if (e.mode & 0o1000) s = s.slice(0, 9) + (e.mode & 1 ? 't' : 'T');
  return s;
}

function longLine(e: DirEntry, width: number): string {
  const d = labTime(e.mtime);
  const date = `${MONTH_NAMES[d.month - 1]} ${String(d.day).padStart(2)} ${pad2(d.hour)}:${pad2(d.minute)}`;
  return `${modeString(e)} ${e.kind === 'dir' ? 2 : 1} root root ${String(e.size).padStart(width)} ${date} ${e.name}`;
}

export const lsCommand: CommandSpec = {
  name: 'ls', family: 'machine', where: 'any', summary: 'list directory contents', usage: 'ls [-la] [path ...]',
  options: ['-l', '-a', '-la', '-1'],
  run: (ctx, argv) =>
    sync(() => {
      const p = getopt('ls', argv, { short: 'laA1hFd' });
      if (!p.ok) {
        ctx.err(p.error + "\nTry 'ls --help' for more information.\n");
        return 2;
      }
      const long = p.opts.has('l');
      const all = p.opts.has('a') || p.opts.has('A');
      // Operands are listed in name order (GNU ls sorts them like directory entries).
      const paths = p.opts.operands.length ? [...p.opts.operands].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) : ['.'];
      let status = 0;
      // GNU ls lists the file operands first (together), then each directory under its name.
      const files: string[] = [];
      const blocks: string[] = [];
      for (const arg of paths) {
        const path = resolvePath(arg, ctx.shell.cwd, ctx.shell.home);
        const st = ctx.fs.stat(path);
        if (typeof st === 'string') {
          ctx.err(`ls: cannot access '${arg}': ${fsErrorText(st)}\n`);
          status = 2;
          continue;
        }
        if (st.kind === 'file') {
          files.push(long ? longLine({ ...st, name: arg }, String(st.size).length) + '\n' : arg);
          continue;
        }
        const list = ctx.fs.list(path);
        if (typeof list === 'string') continue;
        const shown = list.filter((e) => all || !e.name.startsWith('.'));
        if (p.opts.has('a')) {
          // -a (not -A) also lists the directory itself and its parent.
          const parent = ctx.fs.stat(resolvePath('..', path));
          shown.unshift({ ...st, name: '.' }, { ...(typeof parent === 'string' ? st : parent), name: '..' });
        }
        let text = paths.length > 1 ? `${arg}:\n` : '';
        if (long) {
          const width = Math.max(1, ...shown.map((e) => String(e.size).length));
          // "total": 1 KiB blocks allocated (4 KiB per started block; a directory takes one).
          const total = shown.reduce((sum, e) => sum + Math.ceil(e.size / 4096) * 4, 0);
          text += `total ${total}\n` + shown.map((e) => longLine(e, width) + '\n').join('');
        } else if (shown.length) {
          text += (ctx.isTty ? shown.map((e) => e.name).join('  ') : shown.map((e) => e.name).join('\n')) + '\n';
        }
        blocks.push(text);
      }
      if (files.length) blocks.unshift(long ? files.join('') : files.join(ctx.isTty ? '  ' : '\n') + '\n');
      ctx.out(blocks.join(paths.length > 1 ? '\n' : ''));
      return status;
    }),
};

export const catCommand: CommandSpec = {
  name: 'cat', family: 'machine', where: 'any', summary: 'print files', usage: 'cat [file ...]',
  run: (ctx: ExecContext, argv: string[]) => {
    const files = argv.filter((a) => a !== '-');
    if (files.length === 0 && ctx.stdin === undefined) return catTerminal(ctx);
    return sync(() => {
      if (files.length === 0) {
        ctx.out(ctx.stdin ?? '');
        return 0;
      }
      let status = 0;
      for (const f of files) {
        const path = resolvePath(f, ctx.shell.cwd, ctx.shell.home);
        const proc = readProc(ctx.node.stack, path);
        if (proc !== undefined) {
          ctx.out(proc);
          continue;
        }
        const c = ctx.fs.readFile(path);
        if (c === 'ENOENT' || c === 'EISDIR' || c === 'ENOTDIR' || c === 'EEXIST' || c === 'ENOTEMPTY') {
          ctx.err(`cat: ${f}: ${fsErrorText(c)}\n`);
          status = 1;
          continue;
        }
        ctx.out(c);
      }
      return status;
    });
  },
};

/** `cat` or `cat > FILE` with the terminal as input: each typed line is copied out, until Ctrl-D (Ctrl-C stops it). */
function* catTerminal(ctx: ExecContext): Proc {
  for (;;) {
    const r = yield* readTerminalLine(ctx);
    if (r === 'eof') return 0;
    if (r === 'interrupt') return interrupted(ctx);
    ctx.out(r.line + '\n');
  }
}
