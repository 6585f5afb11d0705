/** extract.ts reads <LabFile> starter files as the page seeds them (src/components/LabFile). */
import { describe, expect, it } from 'vitest';
import { extractLesson } from './extract';

describe('<LabFile>', () => {
  it('gives each file its path, its fenced block with a final newline, and where it is', () => {
    const mdx = [
      '# A page',
      '',
      '<LabFile path="/root/linuxrouter.py">',
      '',
      '```python title="ignored by the tag"',
      'from mininet.topo import Topo',
      '',
      'class LinuxRouter(Node):',
      '    pass',
      '```',
      '',
      '</LabFile>',
      '',
      '<LabFile path="/etc/empty.conf">',
      '',
      '```',
      '```',
      '',
      '</LabFile>',
    ].join('\n');
    const l = extractLesson('page.mdx', mdx);
    expect(l.problems).toEqual([]);
    expect(l.files).toEqual([
      { path: '/root/linuxrouter.py', content: 'from mininet.topo import Topo\n\nclass LinuxRouter(Node):\n    pass\n', pos: { line: 3, column: 1 } },
      { path: '/etc/empty.conf', content: '', pos: { line: 14, column: 1 } },
    ]);
    // The file is not click-to-run: its lines are not commands.
    expect(l.commands).toEqual([]);
  });

  it('reports a path that is not a literal absolute path, and a tag without exactly one block', () => {
    const mdx = ['<LabFile path={where}>', '', '```', 'x', '```', '', '</LabFile>', '', '<LabFile path="/root/a">', '', 'text', '', '</LabFile>'].join('\n');
    const l = extractLesson('page.mdx', mdx);
    expect(l.files).toEqual([]);
    expect(l.problems.map((p) => [p.line, p.message.slice(0, 40)])).toEqual([
      [1, '<LabFile> attribute `path` must be a lit'],
      [9, '<LabFile path="/root/a"> must hold exact'],
    ]);
  });
});
