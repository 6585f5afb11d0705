import { afterEach, describe, expect, it } from 'vitest';
import { clearLabFiles, registerStarterFile, rememberSaved, savedFiles, starterFiles } from './labFiles';

afterEach(() => clearLabFiles());

describe('the page\'s lab files', () => {
  it('starter files belong to their page, in order, a later tag for a path winning; unmount removes them', () => {
    registerStarterFile('/docs/a', '/root/r.py', 'v1\n');
    const remove = registerStarterFile('/docs/a', '/root/r.py', 'v2\n');
    registerStarterFile('/docs/a', '/etc/x.conf', 'x\n');
    registerStarterFile('/docs/b', '/root/other.py', 'o\n');
    expect(starterFiles('/docs/a')).toEqual([{ path: '/root/r.py', content: 'v2\n' }, { path: '/etc/x.conf', content: 'x\n' }]);
    remove();
    expect(starterFiles('/docs/a')[0]).toEqual({ path: '/root/r.py', content: 'v1\n' });
  });

  it('saved files are kept per page and sandbox, the latest save of each path last', () => {
    rememberSaved('/playground', '0', '/root/a.py', '1');
    rememberSaved('/playground', '0', '/root/b.py', '2');
    rememberSaved('/playground', '0', '/root/a.py', '3');
    rememberSaved('/playground', 'other', '/root/c.py', '4');
    expect(savedFiles('/playground', '0')).toEqual([{ path: '/root/b.py', content: '2' }, { path: '/root/a.py', content: '3' }]);
    expect(savedFiles('/docs/x', '0')).toEqual([]);
  });
});
