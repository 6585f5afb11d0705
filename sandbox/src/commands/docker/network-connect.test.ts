/**
 * docker network connect / disconnect / prune against reference/docker.md §2.3–§2.6: outputs,
 * daemon errors, a second interface (eth1) that reaches the second network, and prune's prompt.
 */
import { describe, expect, it } from 'vitest';
import { labSession } from '../../../test/lab-session';

function lab() {
  const s = labSession({ maxRunUs: 30_000_000 });
  s.run('docker network create --subnet 172.20.0.0/16 n1');
  s.run('docker run -dit --name c1 --network n1 alpine');
  s.run('docker run -dit --name c2 alpine');
  return s;
}

describe('docker network connect', () => {
  it('prints nothing, adds eth1 and lets the container reach both networks', () => {
    const { run } = lab();
    expect(run('docker exec c2 ping -c 1 -W 1 172.20.0.2')).toContain('100% packet loss');
    expect(run('docker network connect n1 c2')).toBe('');
    expect(run('docker exec c2 ip addr')).toMatch(/\n3: eth1@if\d+: .*\n.*\n {4}inet 172\.20\.0\.3\/16 brd 172\.20\.255\.255 scope global eth1\n/);
    expect(run('docker exec c2 ping -c 1 c1')).toContain('1 packets transmitted, 1 packets received, 0% packet loss');
    expect(run('docker exec c2 ping -c 1 172.17.0.1')).toContain('1 packets received');
    expect(run('docker exec c2 tail -2 /etc/hosts')).toMatch(/^172\.17\.0\.2\t[0-9a-f]{12}\n172\.20\.0\.3\t[0-9a-f]{12}\n$/);
    expect(run("docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}' c2")).toBe('172.17.0.2 172.20.0.3 \n');
  });

  it('gives a stopped container the network at its next start, with --ip and --alias', () => {
    const { run } = lab();
    run('docker run -dit --name c3 alpine');
    run('docker stop c3');
    expect(run('docker network connect --ip 172.20.0.50 --alias web n1 c3')).toBe('');
    run('docker start c3');
    expect(run('docker exec c1 ping -c 1 web')).toMatch(/^PING web \(172\.20\.0\.50\)/);
  });

  it('reports the reference errors', () => {
    const { run } = lab();
    run('docker network connect n1 c2');
    expect(run('docker network connect n1 c2')).toBe('Error response from daemon: endpoint with name c2 already exists in network n1\n');
    expect(run('docker network connect n1 c9')).toBe('Error response from daemon: No such container: c9\n');
    expect(run('docker network connect foo c2')).toBe('Error response from daemon: network foo not found\n');
    run('docker run -dit --name c4 alpine');
    expect(run('docker network connect --ip 10.9.9.9 n1 c4')).toBe(
      'Error response from daemon: invalid endpoint settings:\nno configured subnet or ip-range contain the IP address 10.9.9.9\n',
    );
    expect(run('docker network connect --ip 172.20.0.2 n1 c4')).toBe('Error response from daemon: Address already in use\n');
    expect(run('docker network connect --alias x bridge c1')).toBe(
      'Error response from daemon: network-scoped aliases are only supported for user-defined networks\n',
    );
    expect(run('docker network connect n1')).toBe(
      "docker: 'docker network connect' requires 2 arguments\n\nUsage:  docker network connect [OPTIONS] NETWORK CONTAINER\n\n" +
      "Run 'docker network connect --help' for more information\n",
    );
  });
});

describe('docker network disconnect', () => {
  it('prints nothing and removes the interface; names stop resolving', () => {
    const { run } = lab();
    run('docker network connect n1 c2');
    expect(run('docker network disconnect n1 c2')).toBe('');
    expect(run('docker exec c2 ip addr')).not.toContain('eth1');
    expect(run('docker exec c2 ping -c 1 c1')).toBe("ping: bad address 'c1'\n");
    expect(run('docker exec c2 tail -1 /etc/hosts')).toMatch(/^172\.17\.0\.2\t/);
  });

  it('moves the default route when the first network goes', () => {
    const { run } = lab();
    run('docker network connect n1 c2');
    run('docker network disconnect bridge c2');
    expect(run('docker exec c2 ip route')).toBe('default via 172.20.0.1 dev eth1\n172.20.0.0/16 dev eth1 scope link  src 172.20.0.3\n');
  });

  it('says "the network" for a stopped container', () => {
    const { run, sb } = lab();
    const id = sb.docker.findContainer('c1')!.id;
    expect(run('docker network disconnect bridge c1')).toBe(`Error response from daemon: container ${id} is not connected to network bridge\n`);
    run('docker stop c1');
    expect(run('docker network disconnect bridge c1')).toBe(`Error response from daemon: container ${id} is not connected to the network bridge\n`);
  });
});

describe('docker network prune', () => {
  it('asks, then lists the deleted networks by name with a blank line after', () => {
    const { run } = lab();
    run('docker network create n2');
    run('docker network create n3');
    expect(run('docker network prune')).toBe(
      'WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue? [y/N] ',
    );
    expect(run('y')).toBe('Deleted Networks:\nn2\nn3\n\n');
  });

  it('does nothing on N, prints nothing when nothing is deleted, and -f skips the question', () => {
    const { run } = lab();
    run('docker network create n2');
    run('docker network prune');
    expect(run('N')).toBe('');
    expect(run('docker network prune -f')).toBe('Deleted Networks:\nn2\n\n');
    expect(run('docker network prune -f')).toBe('');
    // n1 still has the running c1; after it stops, n1 goes too.
    run('docker stop c1');
    expect(run('docker network prune -f')).toBe('Deleted Networks:\nn1\n\n');
  });
});
