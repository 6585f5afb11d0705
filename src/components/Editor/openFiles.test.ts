import { describe, expect, it } from 'vitest';
import type { EditorFileEvent } from '@site/sandbox/worker/api';
import { applyEditorEvent, baseName, closeFile, markSaved, NO_FILES, selectFile } from './openFiles';

const open = (path: string, content = '', extra: Partial<EditorFileEvent> = {}): EditorFileEvent => ({
  reason: 'open', path, content, language: 'python', isNew: content === '', editor: 'nano', ...extra,
});

describe('the editor panel\'s open files', () => {
  it('opens files in order and shows the latest; nano and vi save with a final newline, code as typed', () => {
    let s = applyEditorEvent(NO_FILES, open('/root/a.py'));
    s = applyEditorEvent(s, open('/root/b.txt', 'x\n', { editor: 'code', language: 'plaintext', line: 3 }));
    expect(s.active).toBe('/root/b.txt');
    expect(s.files).toEqual([
      { path: '/root/a.py', language: 'python', diskText: '', isNew: true, revision: 0, finalNewline: true },
      { path: '/root/b.txt', language: 'plaintext', diskText: 'x\n', isNew: false, revision: 0, finalNewline: false, line: 3 },
    ]);
  });

  it('opening an open file again refreshes it (a new revision) and shows it', () => {
    let s = applyEditorEvent(NO_FILES, open('/root/a.py'));
    s = applyEditorEvent(s, open('/root/b.py'));
    s = applyEditorEvent(s, open('/root/a.py', 'changed by echo\n'));
    expect(s.active).toBe('/root/a.py');
    expect(s.files[0]).toMatchObject({ diskText: 'changed by echo\n', revision: 1, isNew: false });
    expect(s.files).toHaveLength(2);
  });

  it('a replayed save refreshes an open file without showing it, and opens nothing', () => {
    let s = applyEditorEvent(NO_FILES, open('/root/a.py'));
    s = applyEditorEvent(s, open('/root/b.py'));
    s = applyEditorEvent(s, { reason: 'saved', path: '/root/a.py', content: 'v2\n', language: 'python', isNew: false, editor: '' });
    expect(s.active).toBe('/root/b.py');
    expect(s.files[0]).toMatchObject({ diskText: 'v2\n', revision: 1, isNew: false });
    expect(applyEditorEvent(s, { reason: 'saved', path: '/root/c.py', content: '', language: 'python', isNew: false, editor: '' })).toBe(s);
  });

  it('a save makes the text the disk\'s; closing shows the neighbour, and the last close empties the panel', () => {
    let s = applyEditorEvent(NO_FILES, open('/root/a.py'));
    s = applyEditorEvent(s, open('/root/b.py'));
    s = applyEditorEvent(s, open('/root/c.py'));
    s = markSaved(s, '/root/b.py', 'print(1)\n');
    expect(s.files[1]).toMatchObject({ diskText: 'print(1)\n', isNew: false, revision: 0 });
    s = selectFile(s, '/root/b.py');
    s = closeFile(s, '/root/b.py');
    expect(s.active).toBe('/root/a.py');
    s = closeFile(closeFile(s, '/root/a.py'), '/root/c.py');
    expect(s).toEqual({ files: [], active: undefined });
    expect(baseName('/root/linuxrouter.py')).toBe('linuxrouter.py');
  });
});
