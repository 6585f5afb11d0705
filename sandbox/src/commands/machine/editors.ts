/**
 * nano, vi, vim and code: open a file in the editor panel beside the terminal.
 *
 * Real nano and vim take over the terminal (full-screen programs); VS Code's `code FILE` opens a
 * window and returns at once. Here every one of them asks the UI (Sandbox.requestEditor) to show
 * the file in its panel and returns at once: the panel's Save writes the file, nothing is created
 * before that (as with a real editor). With no panel (the headless CLI, a test) they say so and
 * exit 1. Mininet hosts share the lab machine's filesystem, so `h1 nano x` works too.
 *
 * Messages: a directory gives the editors' own status line, `"PATH" is a directory` (nano 6.2
 * files.c open_buffer; vim 8.2 fileio.c readfile); the rest are the sandbox's own, in our words.
 */
import type { CommandSpec } from '../../shell/registry';
import type { ExecContext } from '../../shell/context';
import type { Proc } from '../../shell/process';
import { resolvePath } from '../../fs/vfs';
import { languageOf } from '../../fs/edit-file';

/** vim is an alias of vi (the sandbox's messages then say `vi`, the name the command is listed under). */
type EditorName = 'nano' | 'vi' | 'code';

interface Target {
  readonly arg: string;
  readonly line?: number;
}

/** The file operands and cursor lines, or the message for an option the sandbox does not take. */
function parseArgs(name: EditorName, argv: readonly string[]): Target[] | string {
  const targets: Target[] = [];
  let line: number | undefined;
  let options = true;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (options && a === '--') {
      options = false;
      continue;
    }
    if (options && name !== 'code' && a.startsWith('+')) {
      // nano +LINE[,COLUMN], vi +LINE; `+` alone and `+/pattern` are accepted without a line.
      const m = /^\+(\d+)/.exec(a);
      line = m ? Math.max(1, Number(m[1])) : undefined;
      continue;
    }
    if (options && name === 'code' && (a === '-g' || a === '--goto')) {
      // code -g FILE:LINE[:COLUMN]
      const spec = argv[++i];
      if (spec === undefined) return `code: option '${a}' needs FILE:LINE`;
      const m = /^(.*?):(\d+)(?::\d+)?$/.exec(spec);
      targets.push(m ? { arg: m[1]!, line: Math.max(1, Number(m[2])) } : { arg: spec });
      continue;
    }
    if (options && a.startsWith('-') && a !== '-') return `${name}: option ${a} is not supported in this sandbox`;
    targets.push(line === undefined ? { arg: a } : { arg: a, line });
    line = undefined;
  }
  return targets;
}

function* openInPanel(name: EditorName, ctx: ExecContext, argv: string[]): Proc {
  const parsed = parseArgs(name, argv);
  if (typeof parsed === 'string') {
    ctx.err(parsed + '\n');
    return 1;
  }
  if (parsed.length === 0) {
    ctx.err(`${name}: editing without a file name is not supported in this sandbox; name the file: ${name} FILE\n`);
    return 1;
  }
  const fs = ctx.sandbox.fs;
  let status = 0;
  for (const t of parsed) {
    const path = resolvePath(t.arg, ctx.shell.cwd, ctx.shell.home);
    if (fs.isDir(path)) {
      if (name === 'code') ctx.err(`code: ${t.arg} is a folder; opening folders is not supported in this sandbox, name a file\n`);
      else ctx.err(`"${t.arg.startsWith('~') ? path : t.arg}" is a directory\n`);
      status = 1;
      continue;
    }
    if (path === '/proc' || path.startsWith('/proc/')) {
      ctx.err(`${name}: ${t.arg}: editing files under /proc is not supported in this sandbox; use sysctl -w (sysctl -w net.ipv4.ip_forward=1)\n`);
      status = 1;
      continue;
    }
    const isNew = !fs.isFile(path);
    // isFile said it is a file, so readFile gives its content (even one that reads like an errno name).
    const content: string = isNew ? '' : fs.readFile(path);
    const opened = ctx.sandbox.requestEditor({
      path, content, language: languageOf(path, content), isNew, editor: name, ...(t.line !== undefined ? { line: t.line } : {}),
    });
    if (!opened) {
      ctx.err(
        `${name}: not supported in this sandbox without the browser's editor panel; ` +
          'copy a file in with the headless CLI\'s --file HOST_PATH[:LAB_PATH], or write one with cat > FILE (Ctrl-D ends it)\n',
      );
      return 1;
    }
    // VS Code's `code FILE` prints nothing; for the terminal editors, one line says where the file went.
    if (name !== 'code') ctx.out(`${name}: ${path} is open in the editor panel${isNew ? ' (new file)' : ''}; Save or Ctrl-S writes it\n`);
  }
  return status;
}

function editorCommand(name: EditorName, usage: string, aliases: readonly string[] = []): CommandSpec {
  return {
    name, aliases, family: 'machine', where: 'any', summary: 'edit a file in the editor panel beside the terminal', usage,
    run: (ctx, argv) => openInPanel(name, ctx, argv),
  };
}

export const nanoCommand = editorCommand('nano', 'nano [+LINE] FILE...');
export const viCommand = editorCommand('vi', 'vi [+LINE] FILE...', ['vim']);
export const codeCommand = editorCommand('code', 'code [-g FILE:LINE] FILE...');
