/** nano, vi (vim) and code: requests to the editor panel, refusals, and the headless message. */
import { describe, expect, it } from 'vitest';
import { labSession } from '../../../test/lab-session';
import type { EditorRequest } from '../../fs/edit-file';
import type { Sandbox } from '../../sandbox';

/** A lab session whose sandbox has a UI that records what it was asked to open. */
function withPanel(mn?: string) {
  const opened: EditorRequest[] = [];
  const lab = labSession({
    ...(mn ? { mn } : {}),
    setup: (sb: Sandbox) => {
      sb.onEditorRequest((r) => opened.push(r));
      return undefined;
    },
  });
  return { ...lab, opened };
}

describe('editors with a panel', () => {
  it('nano opens a new file by its absolute path, creating nothing', () => {
    const { run, opened, sb } = withPanel();
    expect(run('nano hello.py')).toBe('nano: /root/hello.py is open in the editor panel (new file); Save or Ctrl-S writes it\n');
    expect(opened).toEqual([{ path: '/root/hello.py', content: '', language: 'python', isNew: true, editor: 'nano' }]);
    expect(sb.fs.exists('/root/hello.py')).toBe(false);
    expect(run('echo $?')).toBe('0\n');
  });

  it('vi and vim open an existing file with its content, relative to the working directory', () => {
    const { run, opened } = withPanel();
    run('echo "#!/usr/bin/env python3" > /tmp/script');
    run('cd /tmp');
    expect(run('vim +3 script')).toBe('vi: /tmp/script is open in the editor panel; Save or Ctrl-S writes it\n');
    expect(opened[0]).toEqual({ path: '/tmp/script', content: '#!/usr/bin/env python3\n', language: 'python', isNew: false, editor: 'vi', line: 3 });
  });

  it('code prints nothing, as VS Code does, and takes -g FILE:LINE', () => {
    const { run, opened } = withPanel();
    expect(run('code -g notes.yaml:12 ~/run.sh')).toBe('');
    expect(opened.map((o) => [o.path, o.language, o.line])).toEqual([
      ['/root/notes.yaml', 'yaml', 12],
      ['/root/run.sh', 'shell', undefined],
    ]);
  });

  it('refuses directories with the editors\' own message, and code with ours', () => {
    const { run, opened } = withPanel();
    expect(run('nano /tmp')).toBe('"/tmp" is a directory\n');
    expect(run('echo $?')).toBe('1\n');
    expect(run('vi ..')).toBe('".." is a directory\n');
    expect(run('code /root')).toMatch(/^code: \/root is a folder; opening folders is not supported in this sandbox/);
    expect(opened).toEqual([]);
  });

  it('says plainly what it does not do: no file name, options, /proc', () => {
    const { run, opened } = withPanel();
    expect(run('nano')).toBe('nano: editing without a file name is not supported in this sandbox; name the file: nano FILE\n');
    expect(run('vi -R x')).toBe('vi: option -R is not supported in this sandbox\n');
    expect(run('nano /proc/sys/net/ipv4/ip_forward')).toMatch(/editing files under \/proc is not supported in this sandbox; use sysctl -w/);
    expect(opened).toEqual([]);
  });

  it('works in a Mininet node, whose shell shares the lab filesystem', () => {
    const { run, opened } = withPanel('mn');
    run('h1 cd /tmp');
    expect(run('h1 nano x.py')).toBe('nano: /tmp/x.py is open in the editor panel (new file); Save or Ctrl-S writes it\n');
    expect(opened[0]?.path).toBe('/tmp/x.py');
  });
});

describe('editors without a panel (headless)', () => {
  it('say it is not supported, suggest --file and cat > FILE, and exit 1', () => {
    const { run } = labSession();
    expect(run('nano hello.py')).toBe(
      "nano: not supported in this sandbox without the browser's editor panel; copy a file in with the headless CLI's --file HOST_PATH[:LAB_PATH], or write one with cat > FILE (Ctrl-D ends it)\n",
    );
    expect(run('echo $?')).toBe('1\n');
  });

  it('cat > FILE, the suggested way, writes what is typed until Ctrl-D', () => {
    const { run, sb, session } = labSession();
    session.submit('cat > /root/hello.py');
    sb.settle(session);
    for (const line of ['print("hello")', 'print("bye")']) {
      session.submit(line);
      sb.settle(session);
    }
    session.eof();
    sb.settle(session);
    expect(run('cat hello.py')).toBe('print("hello")\nprint("bye")\n');
  });
});
