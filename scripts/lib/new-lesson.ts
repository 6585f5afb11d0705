/**
 * The pure parts of `npm run new-lesson -- <module>/<slug>` (scripts/new-lesson.ts): checking the
 * name, choosing the lesson's number, and the text of the files it writes. No file system here,
 * so the rules are unit-tested in scripts/lib/new-lesson.test.ts.
 */

/** Lowercase words of letters and digits joined by single hyphens, starting with a letter. */
export const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Folders of docs/ that hold no course module. */
export const RESERVED_MODULES: readonly string[] = ['authoring', 'reference', 'img'];

export type ParsedName = { ok: true; module: string; slug: string } | { ok: false; error: string };

/** Check `<module>/<slug>`; the error says what is wrong and what to type instead. */
export function parseLessonName(arg: string): ParsedName {
  const parts = arg.split('/');
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') {
    return { ok: false, error: `"${arg}" is not <module>/<slug>: give a module folder and a lesson name, e.g. mininet/flow-tables` };
  }
  const [mod, rawSlug] = parts as [string, string];
  const slug = rawSlug.replace(/\.mdx?$/, '');
  if (!KEBAB.test(mod)) return { ok: false, error: `module "${mod}" must be lowercase kebab-case (letters, digits and single hyphens, starting with a letter), e.g. data-center` };
  if (RESERVED_MODULES.includes(mod)) return { ok: false, error: `docs/${mod}/ is not a course module: choose another module name` };
  if (/^\d+[-_.]/.test(slug)) {
    return { ok: false, error: `leave the number out of "${slug}": the script numbers lessons itself (${mod}/${slug.replace(/^\d+[-_.]+/, '')})` };
  }
  if (!KEBAB.test(slug)) return { ok: false, error: `lesson name "${slug}" must be lowercase kebab-case (letters, digits and single hyphens, starting with a letter), e.g. flow-tables` };
  return { ok: true, module: mod, slug };
}

/** The NN- prefix of a lesson file name, or undefined. */
export function numberOf(fileName: string): number | undefined {
  const m = /^(\d+)-.+\.mdx?$/.exec(fileName);
  return m ? Number(m[1]) : undefined;
}

/** A lesson file's name without its number and extension: 01-first-network.mdx -> first-network. */
export function slugOf(fileName: string): string | undefined {
  const m = /^(?:\d+[-_.]+)?(.+)\.mdx?$/.exec(fileName);
  return m ? m[1] : undefined;
}

/** The next free number in a module folder, two digits: 01 for an empty or new folder. */
export function nextNumber(fileNames: readonly string[]): string {
  const used = fileNames.map(numberOf).filter((n): n is number => n !== undefined);
  const next = used.length ? Math.max(...used) + 1 : 1;
  return String(next).padStart(2, '0');
}

/** The existing file that already holds this lesson (same slug, any number), if any. */
export function existingLesson(fileNames: readonly string[], slug: string): string | undefined {
  return fileNames.find((f) => slugOf(f) === slug);
}

/** A label from a kebab-case name: "data-center" -> "Data center", "ip-routing" -> "IP routing". */
export function labelFromName(name: string): string {
  const words = name.split('-').map((w) => (ACRONYMS.has(w) ? w.toUpperCase() : w));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const ACRONYMS = new Set(['ip', 'ipv4', 'ipv6', 'arp', 'sdn', 'onos', 'ovs', 'tcp', 'udp', 'icmp', 'vlan', 'nat', 'dns', 'dhcp', 'bgp', 'ospf', 'mac', 'api', 'cli', 'l2', 'l3']);

/** The module's position after every position in use (module folders' _category_.json). */
export function nextModulePosition(positions: readonly (number | undefined)[]): number {
  const used = positions.filter((p): p is number => typeof p === 'number' && Number.isFinite(p));
  return used.length ? Math.floor(Math.max(...used)) + 1 : 1;
}

/** docs/<module>/_category_.json: Docusaurus's category file, read by sidebars.ts. */
export function categoryFile(label: string, position: number): string {
  return `${JSON.stringify({ label, position }, null, 2)}\n`;
}

/** The lesson page: front matter, the terminal, one complete step that passes lesson CI as it is. */
export function lessonTemplate(title: string): string {
  return `---
title: ${yamlString(title)}
sidebar_label: ${yamlString(title)}
description: ${yamlString(`TODO: one sentence on what the learner builds or finds out (search results and link previews show it).`)}
---

import Sandbox from '@site/src/components/Sandbox';

TODO: replace this paragraph. In two or three sentences, say what the learner will build or
find out in this lesson and why it matters. Then adapt the step below and add your own: every
tag and check is explained in the [authoring guide](/docs/authoring).

<StepPanel />

<div className="lesson-terminal">
  <Sandbox height={280} />
</div>

## Start a network

<Step
  id="start"
  title="Start a network of one switch and two hosts"
  check={{ kind: 'mininetRunning', topo: 'single,2' }}
  solution={['mn --topo single,2']}
  wrong={[['mn --topo single,3'], ['mn --topo linear,2']]}
>

On the lab machine's prompt, ask Mininet for one switch with two hosts:

\`\`\`sh run
mn --topo single,2
\`\`\`

<Hint>Mininet's command is \`mn\`; \`--topo\` chooses the topology.</Hint>
<Hint>\`single,2\` means a single switch with 2 hosts: \`mn --topo single,2\`.</Hint>

</Step>

Mininet prints each thing it creates, and the prompt changes to \`mininet>\` when the network is
up. From here on, the learner types Mininet commands such as \`nodes\`, \`net\` and \`h1 ping h2\`.
`;
}

/** A YAML scalar: plain when safe, double-quoted otherwise. */
function yamlString(s: string): string {
  return /^[A-Za-z0-9][^:#'"\n]*$/.test(s) && !/\s$/.test(s) ? s : JSON.stringify(s);
}
