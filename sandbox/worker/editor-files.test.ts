/** The worker's file contract: seeding a sandbox, the editor panel's Save, relaying editor requests, share-link checks. */
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../src/sandbox';
import { EditorRelay, saveFileIn, seedLabFiles } from './editor-files';
import { shareStateProblem, SHARE_LIMITS, type EditorFileEvent } from './api';

describe('saveFile', () => {
  it('writes the whole file, which cat then shows', () => {
    const sb = new Sandbox();
    expect(saveFileIn(sb, '/root/hello.py', 'print("hi")\n')).toEqual({ ok: true });
    const s = sb.openSession();
    let out = '';
    s.onOutput((t) => (out += t));
    s.submit('cat hello.py');
    sb.settle(s);
    expect(out).toBe('print("hi")\n');
    expect(saveFileIn(sb, '/root/hello.py', 'x = 1\n')).toEqual({ ok: true });
    expect(sb.fs.readFile('/root/hello.py')).toBe('x = 1\n');
  });

  it('answers with nano\'s message when it cannot write, and makes no directories', () => {
    const sb = new Sandbox();
    expect(saveFileIn(sb, '/root', 'x')).toEqual({ ok: false, error: 'Error writing /root: Is a directory' });
    expect(saveFileIn(sb, '/nowhere/x.py', 'x')).toEqual({ ok: false, error: 'Error writing /nowhere/x.py: No such file or directory' });
    expect(sb.fs.exists('/nowhere')).toBe(false);
    expect(saveFileIn(sb, 'relative.py', 'x')).toMatchObject({ ok: false });
    expect(saveFileIn(sb, '/root/x', 42)).toMatchObject({ ok: false });
  });
});

describe('seedLabFiles', () => {
  it('places files, making their directories, and skips bad entries', () => {
    const sb = new Sandbox();
    const written = seedLabFiles(sb, [
      { path: '/root/linuxrouter.py', content: 'from mininet.topo import Topo\n' },
      { path: '/srv/www/index.html', content: '<h1>hi</h1>\n' },
      { path: 'relative', content: 'no' },
      { path: '/etc/hostname/x', content: 'under a file' },
    ]);
    expect(written.map((f) => f.path)).toEqual(['/root/linuxrouter.py', '/srv/www/index.html']);
    expect(sb.fs.readFile('/srv/www/index.html')).toBe('<h1>hi</h1>\n');
    expect(seedLabFiles(sb, undefined)).toEqual([]);
  });
});

describe('EditorRelay', () => {
  it('holds requests until the page listens, then passes them on as they come', () => {
    const sb = new Sandbox();
    const relay = new EditorRelay();
    relay.attach(sb);
    const s = sb.openSession();
    s.submit('nano a.py');
    sb.settle(s);
    const seen: EditorFileEvent[] = [];
    relay.listen((e) => seen.push(e));
    expect(seen).toEqual([{ reason: 'open', path: '/root/a.py', content: '', language: 'python', isNew: true, editor: 'nano' }]);
    relay.saved('/root/a.py', 'x = 1\n');
    expect(seen[1]).toEqual({ reason: 'saved', path: '/root/a.py', content: 'x = 1\n', language: 'python', isNew: false, editor: '' });
  });

  it('follows only the latest sandbox (a Reset)', () => {
    const relay = new EditorRelay();
    const old = new Sandbox();
    relay.attach(old);
    const fresh = new Sandbox();
    relay.attach(fresh);
    const seen: string[] = [];
    relay.listen((e) => seen.push(e.path));
    expect(old.requestEditor({ path: '/old', content: '', language: 'plaintext', isNew: true, editor: 'vi' })).toBe(false);
    fresh.requestEditor({ path: '/new', content: '', language: 'plaintext', isNew: true, editor: 'vi' });
    expect(seen).toEqual(['/new']);
  });
});

describe('share links with saves', () => {
  const base = { seed: 1 };
  it('accept a save with an absolute path and bounded content', () => {
    expect(shareStateProblem({ ...base, events: [{ at: 0, terminal: 0, kind: 'save', path: '/root/a.py', content: 'x\n' }] })).toBeUndefined();
  });
  it('refuse a save without a valid path or with too much content', () => {
    expect(shareStateProblem({ ...base, events: [{ at: 0, terminal: 0, kind: 'save', path: 'a.py', content: '' }] })).toMatch(/no valid path/);
    expect(shareStateProblem({ ...base, events: [{ at: 0, terminal: 0, kind: 'save', path: '/a', content: 'x'.repeat(SHARE_LIMITS.fileLength + 1) }] })).toMatch(/longer than/);
    expect(shareStateProblem({ ...base, events: [{ at: 0, terminal: 0, kind: 'save', path: '/a' }] })).toMatch(/without its text/);
  });
});
