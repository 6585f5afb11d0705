import { describe, expect, it } from 'vitest';
import { labSession } from '../../../../test/lab-session';
import { HttpConnection } from '../../../net/http/client';
import { HttpServer } from '../../../net/http/server';
import { formatHead } from '../../../net/http/message';
import { Vfs } from '../../../fs/vfs';
import { startOnHost } from '../test-context';
import { loadConfig } from './config';
import { DEFAULT_CONF, ERROR_50X_PAGE, WELCOME_PAGE, writeNginxFiles } from './files';
import { nginxService, specialPage } from './nginx';

const PROXY_CONF = 'server {\n    listen 80;\n    location / {\n        proxy_pass http://app:7555;\n    }\n}\n';

/** nginx on h1 (its own filesystem), `app` = h2 (10.0.0.2), the client on h3. */
function lab(conf?: string, names: Record<string, string> = { app: '10.0.0.2' }) {
  const l = labSession({ mn: 'mn --topo single,3' });
  const fs = new Vfs(() => l.sb.net.sched.now);
  writeNginxFiles(fs);
  if (conf !== undefined) fs.writeFile(DEFAULT_CONF, conf);
  const nginx = startOnHost(l.host('h1'), nginxService(), { fs, names });
  const wait = (s: number) => l.sb.idle(s * 1e6);
  const get = (path: string): string => {
    const c = HttpConnection.open(l.host('h3').stack, 0x0a000001, 80);
    wait(0.05);
    c.send(`GET ${path} HTTP/1.1\r\nHost: localhost:8080\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n\r\n`, 'GET');
    wait(0.5);
    const r = c.response;
    return r?.head ? `${r.head.line}\n${r.head.headers.map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${r.body}` : `no response (${c.error ?? 'open'})`;
  };
  return { ...l, fs, nginx, wait, get };
}

describe('nginx', () => {
  it('serves the welcome page with the packaged configuration, after the entrypoint lines', () => {
    const { get, nginx } = lab();
    expect(WELCOME_PAGE.length).toBe(615);
    expect(ERROR_50X_PAGE.length).toBe(497);
    const r = get('/');
    expect(r).toMatch(/^HTTP\/1\.1 200 OK\nServer: nginx\/1\.27\.4\nDate: .* GMT\nContent-Type: text\/html\nContent-Length: 615\nLast-Modified: .* GMT\nConnection: keep-alive\nETag: "[0-9a-f]+-267"\nAccept-Ranges: bytes\n\n<!DOCTYPE html>/);
    const logs = nginx.logText();
    expect(logs).toContain('10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf\n');
    expect(logs).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up\n');
    expect(logs).toMatch(/\[notice\] 1#1: start worker process 29\n/);
    expect(logs).toMatch(/\n10\.0\.0\.3 - - \[12\/Jan\/2026:09:00:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 615 "-" "curl\/8\.5\.0" "-"\n$/);
    expect(get('/nope')).toContain('HTTP/1.1 404 Not Found');
  });

  it('exits at startup when an upstream name does not resolve', () => {
    const { nginx } = lab(PROXY_CONF, {});
    expect(nginx.exitStatus).toBe(1);
    expect(nginx.logText()).toMatch(
      /differs from the packaged version\n[^]*\n2026\/01\/12 09:00:00 \[emerg\] 1#1: host not found in upstream "app:7555" in \/etc\/nginx\/conf\.d\/default\.conf:4\nnginx: \[emerg\] host not found in upstream "app:7555" in \/etc\/nginx\/conf\.d\/default\.conf:4\n$/,
    );
  });

  it('answers 502 with the built-in page while nothing listens upstream, then proxies once it does', () => {
    const l = lab(PROXY_CONF);
    expect(specialPage(502).length).toBe(157);
    const down = l.get('/');
    expect(down).toMatch(/^HTTP\/1\.1 502 Bad Gateway\nServer: nginx\/1\.27\.4\nDate: .* GMT\nContent-Type: text\/html\nContent-Length: 157\nConnection: keep-alive\n\n/);
    expect(down.endsWith('<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.27.4</center>\r\n</body>\r\n</html>\r\n')).toBe(true);
    expect(l.nginx.logText()).toMatch(
      /\n2026\/01\/12 09:00:\d\d \[error\] 29#29: \*1 connect\(\) failed \(111: Connection refused\) while connecting to upstream, client: 10\.0\.0\.3, server: , request: "GET \/ HTTP\/1\.1", upstream: "http:\/\/10\.0\.0\.2:7555\/", host: "localhost:8080"\n10\.0\.0\.3 - - \[[^\]]+\] "GET \/ HTTP\/1\.1" 502 157 "-" "curl\/8\.5\.0" "-"\n$/,
    );
    // The backend comes up: the next request goes through, no nginx restart.
    const seen: string[] = [];
    HttpServer.listen(l.host('h2').stack, { port: 7555 }, (req, reply) => {
      seen.push(req.head.line + ' | ' + req.head.headers.map(([k, v]) => `${k}: ${v}`).join(' | '));
      reply({ bytes: formatHead('HTTP/1.1 200 OK', [['X-Powered-By', 'Express'], ['Content-Type', 'text/plain; charset=utf-8'], ['Content-Length', '2'], ['Date', 'x'], ['Connection', 'close']]) + 'OK', close: true });
    });
    const up = l.get('/users?x=1');
    expect(seen).toEqual(['GET /users?x=1 HTTP/1.0 | Host: app:7555 | Connection: close | User-Agent: curl/8.5.0 | Accept: */*']);
    expect(up).toMatch(/^HTTP\/1\.1 200 OK\nServer: nginx\/1\.27\.4\nDate: .* GMT\nContent-Type: text\/plain; charset=utf-8\nContent-Length: 2\nConnection: keep-alive\nX-Powered-By: Express\n\nOK$/);
  });

  it('reports configuration errors as nginx does', () => {
    const check = (conf: string): string => {
      const fs = new Vfs();
      writeNginxFiles(fs);
      fs.writeFile(DEFAULT_CONF, conf);
      const r = loadConfig(fs);
      return r.ok ? 'ok' : r.message;
    };
    expect(check(PROXY_CONF)).toBe('ok');
    expect(check('server {\n    listen 80;\n    location / {\n        proxy_pass http://app:7555\n    }\n}\n')).toBe('unexpected "}" in /etc/nginx/conf.d/default.conf:5');
    expect(check('server {\n    listen 80;\n')).toBe('unexpected end of file, expecting "}" in /etc/nginx/conf.d/default.conf:3');
    expect(check('server {\n    lisen 80;\n}\n')).toBe('unknown directive "lisen" in /etc/nginx/conf.d/default.conf:2');
    expect(check('server {\n    proxy_pass http://app:7555;\n}\n')).toBe('"proxy_pass" directive is not allowed here in /etc/nginx/conf.d/default.conf:2');
    expect(check('server {\n  location / {\n    proxy_pass app:7555;\n  }\n}\n')).toBe('invalid URL prefix in /etc/nginx/conf.d/default.conf:3');
  });
});
