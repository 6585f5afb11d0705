/**
 * Read a lesson's MDX source the way lesson CI, the headless CLI's --lesson and the site's
 * lesson index need it, without running the page: its steps (the <Step> tags' attributes, which
 * must be literal values), their hints, its click-to-run commands in page order (```sh run
 * fences, <Run>cmd</Run> and <Run command="..." />) and the sandbox's start command, each with
 * its file position for messages.
 *
 * The tags and their rendering are in src/theme/MDXComponents.tsx and src/components/Steps; this
 * file must accept exactly what they accept. The MDX parser is remark-mdx (the one Docusaurus
 * compiles lessons with), so a lesson that builds is a lesson this reads.
 */
import type { Expression, Node as EsNode } from 'estree';
import yaml from 'js-yaml';
import type { Code, Root, RootContent } from 'mdast';
import type { MdxJsxAttribute, MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import remarkFrontmatter from 'remark-frontmatter';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { LAB_FILE_PATH } from '../worker/api';

export interface SourcePos {
  readonly line: number;
  readonly column: number;
}

/** Something wrong with a lesson, where it is, and what to do about it. */
export interface LessonProblem extends SourcePos {
  readonly file: string;
  /** The step it concerns, if any. */
  readonly step?: string;
  readonly message: string;
}

export interface LessonStep {
  readonly id: string;
  readonly title: string;
  /** The author's check, not yet validated (sandbox/src/lessons/checks.ts does that). */
  readonly check: unknown;
  readonly solution: readonly string[];
  readonly wrong: readonly (readonly string[])[];
  readonly hints: readonly string[];
  /** Where the <Step> tag starts, and where each attribute is. */
  readonly pos: SourcePos;
  readonly attrPos: Readonly<Record<string, SourcePos>>;
}

export interface LessonCommand {
  readonly command: string;
  readonly pos: SourcePos;
  /** Where it came from: a ```run fence or an inline <Run>. */
  readonly source: 'fence' | 'run';
}

/** A starter file the page puts into its sandbox before the first prompt (<LabFile path>). */
export interface LessonFile {
  /** Absolute path on the lab machine. */
  readonly path: string;
  /** The fenced block's text, ending with a newline (as the page renders and seeds it). */
  readonly content: string;
  readonly pos: SourcePos;
}

export interface LessonSource {
  /** The file as given (messages use it). */
  readonly file: string;
  /** The Docusaurus doc id: the path under docs/ without extension or number prefixes. */
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly steps: readonly LessonStep[];
  readonly commands: readonly LessonCommand[];
  /** <LabFile> starter files, in page order (a later one with the same path replaces an earlier one). */
  readonly files: readonly LessonFile[];
  /** The seed of the page's <Sandbox> (1 unless the page gives a literal one). */
  readonly seed: number;
  /** The first <Sandbox command=...>: typed at the first prompt before anything else. */
  readonly startCommand?: LessonCommand;
  readonly hasStepPanel: boolean;
  readonly hasSandbox: boolean;
  /** <StepPanel next>, if given, and where it is. */
  readonly next?: string;
  readonly nextPos?: SourcePos;
  /** Problems found while reading (a non-literal attribute, a Step without an id, ...). */
  readonly problems: readonly LessonProblem[];
}

type Jsx = MdxJsxFlowElement | MdxJsxTextElement;

const NOT_LITERAL = Symbol('not a literal');

/** The value of a literal expression (strings, numbers, booleans, null, arrays, objects), or NOT_LITERAL. */
function literalValue(node: EsNode | null | undefined): unknown {
  if (!node) return NOT_LITERAL;
  switch (node.type) {
    case 'Literal':
      return 'regex' in node || 'bigint' in node ? NOT_LITERAL : node.value;
    case 'TemplateLiteral':
      return node.expressions.length === 0 ? node.quasis.map((q) => q.value.cooked ?? '').join('') : NOT_LITERAL;
    case 'UnaryExpression': {
      const v = literalValue(node.argument);
      return node.operator === '-' && typeof v === 'number' ? -v : NOT_LITERAL;
    }
    case 'ArrayExpression': {
      const out: unknown[] = [];
      for (const e of node.elements) {
        if (!e || e.type === 'SpreadElement') return NOT_LITERAL;
        const v = literalValue(e);
        if (v === NOT_LITERAL) return NOT_LITERAL;
        out.push(v);
      }
      return out;
    }
    case 'ObjectExpression': {
      const out: Record<string, unknown> = {};
      for (const p of node.properties) {
        if (p.type !== 'Property' || p.computed || p.kind !== 'init' || p.method) return NOT_LITERAL;
        const key = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : undefined;
        if (key === undefined) return NOT_LITERAL;
        const v = literalValue(p.value);
        if (v === NOT_LITERAL) return NOT_LITERAL;
        out[key] = v;
      }
      return out;
    }
    default:
      return NOT_LITERAL;
  }
}

function posOf(node: { position?: { start: { line: number; column: number } } } | undefined, lineOffset: number): SourcePos {
  const p = node?.position?.start;
  return p ? { line: p.line + lineOffset, column: p.column } : { line: 1 + lineOffset, column: 1 };
}

/** The plain text of a node's children (hints, <Run> bodies). */
function textOf(node: { children?: unknown[]; value?: unknown }): string {
  if (typeof node.value === 'string') return node.value;
  return (node.children ?? []).map((c) => textOf(c as { children?: unknown[]; value?: unknown })).join('');
}

/** The commands of a run fence: one per non-empty line, `#` comment lines skipped (as RunnableBlock does). */
export function fenceCommands(code: string): { command: string; offset: number }[] {
  const out: { command: string; offset: number }[] = [];
  code.split('\n').forEach((raw, i) => {
    const command = raw.trim();
    if (command !== '' && !command.startsWith('#')) out.push({ command, offset: i });
  });
  return out;
}

const RUN_META = /(^|\s)run(\s|$)/;
/** Quoted attributes of a fence's meta (title="..."): their words are not flags such as `run`. */
const QUOTED_ATTR = /\w+="[^"]*"/g;

/** The doc id Docusaurus gives docs/<path>.mdx: number prefixes (01-) stripped from each segment. */
export function docIdOf(relPath: string, frontMatterId?: string): string {
  const parts = relPath.replace(/\\/g, '/').replace(/\.mdx?$/, '').split('/');
  const clean = parts.map((p) => p.replace(/^\d+[-_.]/, ''));
  if (frontMatterId) clean[clean.length - 1] = frontMatterId;
  return clean.join('/');
}

export interface ExtractOptions {
  /** The path under docs/ (for the doc id); defaults to `file`. */
  readonly docPath?: string;
}

/** Read a lesson from its MDX source. Never throws: a source MDX cannot parse is one problem. */
export function extractLesson(file: string, source: string, opts: ExtractOptions = {}): LessonSource {
  const problems: LessonProblem[] = [];
  const problem = (pos: SourcePos, message: string, step?: string): void => {
    problems.push(step === undefined ? { file, ...pos, message } : { file, ...pos, step, message });
  };

  let tree: Root;
  try {
    tree = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkMdx).parse(source);
  } catch (e) {
    const err = e as { line?: number; column?: number; reason?: string; message?: string };
    problem({ line: err.line ?? 1, column: err.column ?? 1 }, `the MDX does not parse: ${err.reason ?? err.message ?? String(e)}`);
    return { file, id: docIdOf(opts.docPath ?? file), title: '', steps: [], commands: [], files: [], seed: 1, hasStepPanel: false, hasSandbox: false, problems };
  }

  let front: Record<string, unknown> = {};
  const steps: LessonStep[] = [];
  const commands: LessonCommand[] = [];
  const files: LessonFile[] = [];
  let seed = 1;
  let hasStepPanel = false;
  let hasSandbox = false;
  let next: string | undefined;
  let nextPos: SourcePos | undefined;
  let startCommand: LessonCommand | undefined;

  /** An attribute's literal value; `undefined` when absent, NOT_LITERAL (with a problem) when not a literal. */
  const attr = (el: Jsx, name: string, step?: string): unknown => {
    const a = el.attributes.find((x): x is MdxJsxAttribute => x.type === 'mdxJsxAttribute' && x.name === name);
    if (!a) return undefined;
    if (a.value === null || a.value === undefined) return true;
    if (typeof a.value === 'string') return a.value;
    const program = a.value.data?.estree;
    const stmt = program?.body[0];
    const expr: Expression | undefined = stmt?.type === 'ExpressionStatement' ? stmt.expression : undefined;
    const v = literalValue(expr);
    if (v === NOT_LITERAL) {
      problem(posOf(a, 0), `<${el.name}> attribute \`${name}\` must be a literal value (strings, numbers, arrays, objects): lesson CI reads it from the source without running the page`, step);
    }
    return v;
  };

  const readStep = (el: Jsx): void => {
    const pos = posOf(el, 0);
    const attrPos: Record<string, SourcePos> = {};
    for (const a of el.attributes) if (a.type === 'mdxJsxAttribute') attrPos[a.name] = posOf(a, 0);
    const rawId = attr(el, 'id');
    const id = typeof rawId === 'string' ? rawId : '';
    const label = id || `#${steps.length + 1}`;
    if (rawId === undefined) problem(pos, '<Step> needs an id="..." (unique on the page; progress is stored under it)', label);
    else if (typeof rawId !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(rawId)) {
      problem(attrPos.id ?? pos, 'the step id must be lowercase letters, digits and dashes (like "link-down")', label);
    }
    const rawTitle = attr(el, 'title', label);
    const title = typeof rawTitle === 'string' ? rawTitle.trim() : '';
    if (!title) problem(attrPos.title ?? pos, '<Step> needs a title="..." (the line shown in the step panel)', label);

    const rawCheck = attr(el, 'check', label);
    if (rawCheck === undefined) problem(pos, '<Step> needs a check={{ kind: ... }} (see docs/authoring/checks)', label);

    const rawSolution = attr(el, 'solution', label);
    let solution: string[] = [];
    if (rawSolution === undefined) problem(pos, "<Step> needs a solution={['command', ...]}: the commands that complete it", label);
    else if (rawSolution !== NOT_LITERAL) {
      if (!Array.isArray(rawSolution) || rawSolution.length === 0 || !rawSolution.every((c) => typeof c === 'string' && c.trim() !== '')) {
        problem(attrPos.solution ?? pos, "solution must be a non-empty list of commands, like solution={['mn --topo single,2']}", label);
      } else solution = rawSolution as string[];
    }

    const rawWrong = attr(el, 'wrong', label);
    let wrong: string[][] = [];
    if (rawWrong === undefined) {
      problem(pos, "<Step> needs at least one wrong attempt: wrong={[['a plausible command that must not pass']]}", label);
    } else if (rawWrong !== NOT_LITERAL) {
      const ok = Array.isArray(rawWrong) && rawWrong.length > 0 &&
        rawWrong.every((w) => Array.isArray(w) && w.length > 0 && w.every((c) => typeof c === 'string' && c.trim() !== ''));
      if (!ok) problem(attrPos.wrong ?? pos, "wrong must be a list of attempts, each a list of commands: wrong={[['h2 ping -c 1 h1'], ['nodes']]}", label);
      else wrong = rawWrong as string[][];
    }

    const hints: string[] = [];
    const visit = (n: RootContent): void => {
      if ((n.type === 'mdxJsxFlowElement' || n.type === 'mdxJsxTextElement') && n.name === 'Hint') {
        hints.push(textOf(n).trim());
        return;
      }
      if (n.type === 'mdxJsxFlowElement' && n.name === 'Step') {
        problem(posOf(n, 0), 'a <Step> cannot contain another <Step>', label);
        return;
      }
      walk(n);
      if ('children' in n) for (const c of n.children as RootContent[]) visit(c);
    };
    for (const c of el.children as RootContent[]) visit(c);

    steps.push({ id, title, check: rawCheck === NOT_LITERAL ? undefined : rawCheck, solution, wrong, hints, pos, attrPos });
  };

  /** <LabFile path="/root/x.py"> around one fenced code block: a starter file (src/components/LabFile). */
  const readLabFile = (el: Jsx): void => {
    const pos = posOf(el, 0);
    const rawPath = attr(el, 'path');
    const codes = (el.children as RootContent[]).filter((c): c is Code => c.type === 'code');
    const others = (el.children as RootContent[]).filter((c) => c.type !== 'code' && !(c.type === 'text' && c.value.trim() === ''));
    if (typeof rawPath !== 'string' || !LAB_FILE_PATH.test(rawPath)) {
      if (rawPath !== NOT_LITERAL) problem(pos, '<LabFile> needs path="/absolute/path" (where the file goes on the lab machine, such as /root/linuxrouter.py)');
      return;
    }
    if (codes.length !== 1 || others.length > 0) {
      problem(pos, `<LabFile path="${rawPath}"> must hold exactly one fenced code block (\`\`\`python ... \`\`\`) and nothing else, with a blank line after the opening tag`);
      return;
    }
    const value = codes[0]!.value;
    files.push({ path: rawPath, content: value === '' || value.endsWith('\n') ? value : value + '\n', pos });
  };

  /** Everything on the page but the inside of a Step's hints: commands, the panel, the sandbox. */
  const walk = (n: RootContent): void => {
    if (n.type === 'code') {
      const code = n as Code;
      if (code.meta && RUN_META.test(code.meta.replace(QUOTED_ATTR, ''))) {
        const start = posOf(code, 0);
        for (const c of fenceCommands(code.value)) commands.push({ command: c.command, pos: { line: start.line + 1 + c.offset, column: 1 }, source: 'fence' });
      }
      return;
    }
    if (n.type === 'yaml') {
      try {
        const parsed = yaml.load(n.value);
        if (parsed && typeof parsed === 'object') front = parsed as Record<string, unknown>;
      } catch (e) {
        problem(posOf(n, 0), `the front matter is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
      }
      return;
    }
    if (n.type !== 'mdxJsxFlowElement' && n.type !== 'mdxJsxTextElement') return;
    switch (n.name) {
      case 'Step':
        return readStep(n);
      case 'Run': {
        const given = attr(n, 'command');
        const command = (typeof given === 'string' ? given : textOf(n)).trim();
        if (command) commands.push({ command, pos: posOf(n, 0), source: 'run' });
        return;
      }
      case 'StepPanel': {
        hasStepPanel = true;
        const v = attr(n, 'next');
        if (typeof v === 'string') {
          next = v;
          nextPos = posOf(n, 0);
        }
        return;
      }
      case 'LabFile':
        return readLabFile(n);
      case 'Sandbox': {
        hasSandbox = true;
        const s = attr(n, 'seed');
        if (typeof s === 'number' && Number.isInteger(s) && s >= 0) seed = s;
        const c = attr(n, 'command');
        if (!startCommand && typeof c === 'string' && c.trim()) startCommand = { command: c.trim(), pos: posOf(n, 0), source: 'run' };
        return;
      }
    }
  };

  const visitAll = (n: RootContent): void => {
    if ((n.type === 'mdxJsxFlowElement' || n.type === 'mdxJsxTextElement') && (n.name === 'Step' || n.name === 'Run' || n.name === 'StepPanel' || n.name === 'Sandbox' || n.name === 'LabFile')) {
      walk(n);
      return;
    }
    walk(n);
    if ('children' in n) for (const c of n.children as RootContent[]) visitAll(c);
  };
  for (const c of tree.children) visitAll(c);

  const seen = new Map<string, LessonStep>();
  for (const s of steps) {
    if (!s.id) continue;
    const first = seen.get(s.id);
    if (first) problem(s.pos, `another step on this page (line ${first.pos.line}) already has the id "${s.id}": ids must be unique`, s.id);
    else seen.set(s.id, s);
  }
  if (steps.length > 0 && !hasStepPanel) problem({ line: 1, column: 1 }, 'the page has steps but no <StepPanel />: learners would not see the checklist');
  if (steps.length > 0 && !hasSandbox) problem({ line: 1, column: 1 }, 'the page has steps but no <Sandbox />: there is nowhere to solve them');

  const title = typeof front.title === 'string' ? front.title : '';
  const description = typeof front.description === 'string' ? front.description : undefined;
  const id = docIdOf(opts.docPath ?? file, typeof front.id === 'string' ? front.id : undefined);
  return {
    file, id, title, ...(description !== undefined ? { description } : {}), steps, commands, files, seed,
    ...(startCommand ? { startCommand } : {}), hasStepPanel, hasSandbox, ...(next !== undefined ? { next, nextPos } : {}), problems,
  };
}
