/**
 * `docker run -p HOST:CONT` end to end (reference/docker.md §4.2): a client on the lab machine
 * reaching localhost:HOST gets the container's service; the container sees the gateway of its
 * network as the client address; the port is freed when the container stops.
 */
import { describe, expect, it } from 'vitest';
import { labSession } from '../../test/lab-session';
import { registerImage } from './service';
import { HttpServer } from '../net/http/server';
import { formatIpv4 } from '../wire/addr';

// A test-only image: an HTTP server on port 80 that answers with the client address it saw.
registerImage({
  repository: 'test-echo-web', tags: ['latest'],
  id: '1'.repeat(64), digest: 'sha256:' + '2'.repeat(64), layers: ['333333333333'], size: '1MB', created: 1738782000,
  entrypoint: [], cmd: ['echo-web'], env: [], exposedPorts: ['80/tcp'], workingDir: '/', shell: 'ash', programs: ['sh'],
  files: () => undefined,
  service: () => {
    let server: HttpServer | undefined;
    return {
      start(ctx) {
        const s = HttpServer.listen(ctx.host.stack, { port: 80 }, (req, reply) => {
          const body = `hello from ${ctx.name}, you are ${formatIpv4(req.remoteIp)}\n`;
          ctx.stdout(`${formatIpv4(req.remoteIp)} GET ${req.head.words[1]}\n`);
          reply({ bytes: `HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`, close: true });
        });
        if (typeof s !== 'string') server = s;
      },
      stop() {
        server?.close();
        return 0;
      },
    };
  },
});

describe('published ports', () => {
  it('reach the container port from the lab machine through localhost', () => {
    const { run } = labSession();
    expect(run('docker run -d --name web -p 8080:80 test-echo-web')).toMatch(/^Unable to find image/);
    expect(run('curl -s localhost:8080')).toBe('hello from web, you are 172.17.0.1\n');
    expect(run('curl -s http://127.0.0.1:8080/x')).toBe('hello from web, you are 172.17.0.1\n');
    // The lab machine can also use the container's address directly.
    expect(run('curl -s 172.17.0.2')).toBe('hello from web, you are 172.17.0.1\n');
    expect(run('docker logs web')).toBe('172.17.0.1 GET /\n172.17.0.1 GET /x\n172.17.0.1 GET /\n');
    expect(run('docker ps')).toContain('0.0.0.0:8080->80/tcp, [::]:8080->80/tcp   web');
  });

  it('work for a container on a user network, and the port is taken until the container stops', () => {
    const { run } = labSession();
    run('docker network create --subnet 172.20.0.0/16 webnet');
    run('docker run -d --name web --network webnet -p 8080:80 test-echo-web');
    expect(run('curl -s localhost:8080')).toBe('hello from web, you are 172.20.0.1\n');
    expect(run('docker run -d --name web2 -p 8080:80 test-echo-web')).toContain(
      'Bind for 0.0.0.0:8080 failed: port is already allocated',
    );
    run('docker stop web');
    expect(run('curl -sS localhost:8080')).toBe('curl: (7) Failed to connect to localhost port 8080: Connection refused\n');
    run('docker start web');
    expect(run('curl -s localhost:8080')).toBe('hello from web, you are 172.20.0.1\n');
  });
});
