import { describe, expect, it } from 'vitest';
import { Sandbox } from '../sandbox';
import { evaluate } from './evaluate';
import { parseCheck } from './checks';

function lab() {
  const sb = new Sandbox({ seed: 4 });
  const s = sb.openSession();
  const run = (line: string): void => {
    s.submit(line);
    sb.settle(s, 30_000_000);
  };
  const check = (c: unknown) => {
    const p = parseCheck(c);
    if (!p.ok) throw new Error(p.error);
    return evaluate(p.check, sb, { session: s.id });
  };
  return { run, check };
}

describe('docker checks', () => {
  it('follow networks, containers, addresses, pings and names', () => {
    const { run, check } = lab();
    expect(check({ kind: 'dockerNetwork', name: 'kubenet' })).toMatchObject({ passed: false, detail: 'there is no Docker network kubenet' });
    run('docker network create --subnet=172.20.0.0/16 kubenet');
    expect(check({ kind: 'dockerNetwork', name: 'kubenet', subnet: '172.20.0.0/16' }).passed).toBe(true);
    expect(check({ kind: 'dockerNetwork', name: 'kubenet', subnet: '172.20.0.0/24' })).toMatchObject({ passed: false, detail: 'the network kubenet has 172.20.0.0/16, not 172.20.0.0/24' });
    run('docker run --net kubenet --ip 172.20.0.10 --name web1 -dit alpine');
    run('docker run --net kubenet --name web2 -dit alpine');
    expect(check({ kind: 'containerRunning', name: 'web1' }).passed).toBe(true);
    expect(check({ kind: 'containerAddress', container: 'web1', network: 'kubenet', address: '172.20.0.10' }).passed).toBe(true);
    expect(check({ kind: 'containerAddress', container: 'web2', network: 'kubenet', address: '172.20.0.10' })).toMatchObject({ passed: false, detail: 'web2 has 172.20.0.2 on kubenet, not 172.20.0.10' });
    expect(check({ kind: 'nameResolves', from: 'web1', name: 'web2', address: '172.20.0.2' }).passed).toBe(true);
    expect(check({ kind: 'containersReach', from: 'web1', to: 'web2' })).toMatchObject({ passed: false, detail: 'no ping from web1 to 172.20.0.2 yet' });
    run('docker exec web1 ping -c 1 web2');
    expect(check({ kind: 'containersReach', from: 'web1', to: 'web2' }).passed).toBe(true);
    run('docker run --name outsider -dit alpine');
    expect(check({ kind: 'nameResolves', from: 'outsider', name: 'web1' }).passed).toBe(false);
    run('docker exec outsider ping -c 1 -W 1 172.20.0.10');
    expect(check({ kind: 'containersReach', from: 'outsider', to: '172.20.0.10' })).toMatchObject({ passed: false, detail: 'the last ping from outsider to 172.20.0.10 got no reply' });
    run('docker stop web2');
    expect(check({ kind: 'containerRunning', name: 'web2' })).toMatchObject({ passed: false, detail: 'the container web2 is not running' });
  });

  it('are validated', () => {
    expect(parseCheck({ kind: 'containerAddress', container: 'c1', network: 'n', address: 'x' }).ok).toBe(false);
    expect(parseCheck({ kind: 'dockerNetwork', name: 'n', subnet: '172.18.0.0' }).ok).toBe(false);
  });
});
