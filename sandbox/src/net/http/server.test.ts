import { describe, expect, it } from 'vitest';
import { labSession } from '../../../test/lab-session';
import { HttpServer } from './server';
import { HttpConnection } from './client';
import { formatHead } from './message';

/** h1 (10.0.0.1) and h2 (10.0.0.2) on one switch, as `mn` builds them. */
function net() {
  const lab = labSession({ mn: 'mn' });
  return { ...lab, h1: lab.host('h1'), h2: lab.host('h2'), run: (us: number) => lab.sb.idle(us) };
}

describe('HttpServer and HttpConnection over the emulated TCP', () => {
  it('serve a request and read the response, then close (HTTP/1.0 style)', () => {
    const { h1, h2, run } = net();
    const seen: string[] = [];
    const server = HttpServer.listen(h1.stack, { port: 80, serviceUs: 400 }, (req, reply) => {
      seen.push(`${req.head.line} from ${req.remoteIp === 0x0a000002 ? 'h2' : '?'} body=${req.body}`);
      reply({ bytes: formatHead('HTTP/1.0 200 OK', [['Content-Length', '2']]) + 'ok', close: true });
    });
    expect(server).toBeInstanceOf(HttpServer);
    const c = HttpConnection.open(h2.stack, 0x0a000001, 80);
    run(1_000_000);
    expect(c.connected).toBe(true);
    c.send('POST /x HTTP/1.1\r\nHost: 10.0.0.1\r\nContent-Length: 3\r\n\r\nabc', 'POST');
    run(1_000_000);
    expect(seen).toEqual(['POST /x HTTP/1.1 from h2 body=abc']);
    expect(c.response?.complete).toBe(true);
    expect(c.response?.body).toBe('ok');
    expect(c.peerClosed).toBe(true);
    // The server took its service time before answering.
    expect(c.headAt! - c.sentAt!).toBeGreaterThanOrEqual(400);
  });

  it('keeps a connection open between requests when the reply says so', () => {
    const { h1, h2, run } = net();
    let n = 0;
    HttpServer.listen(h1.stack, { port: 8080 }, (_req, reply) => {
      n++;
      reply({ bytes: formatHead('HTTP/1.1 200 OK', [['Content-Length', '1']]) + String(n), close: false });
    });
    const c = HttpConnection.open(h2.stack, 0x0a000001, 8080);
    run(1_000_000);
    c.send('GET / HTTP/1.1\r\n\r\n', 'GET');
    run(1_000_000);
    expect(c.response?.body).toBe('1');
    c.send('GET / HTTP/1.1\r\n\r\n', 'GET');
    run(1_000_000);
    expect([c.response?.body, c.peerClosed]).toEqual(['2', false]);
  });

  it('reports a taken port and an address that is not ours; refused and unreachable as TcpErrors', () => {
    const { h1, h2, run } = net();
    expect(HttpServer.listen(h1.stack, { port: 80 }, () => {})).toBeInstanceOf(HttpServer);
    expect(HttpServer.listen(h1.stack, { port: 80 }, () => {})).toBe('EADDRINUSE');
    expect(HttpServer.listen(h1.stack, { port: 81, bind: 0x0a000002 }, () => {})).toBe('EADDRNOTAVAIL');
    const refused = HttpConnection.open(h2.stack, 0x0a000001, 81);
    const nowhere = HttpConnection.open(h2.stack, 0x0a000009, 80);
    const offnet = HttpConnection.open(h2.stack, 0xc0a80001, 80);
    run(5_000_000);
    expect([refused.error, nowhere.error, offnet.error]).toEqual(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH']);
  });

  it('a server bound to one address refuses connections to the others; close() frees the port', () => {
    const { h1, run } = net();
    const s = HttpServer.listen(h1.stack, { port: 80, bind: 0x7f000001 }, (_r, reply) => reply({ bytes: 'HTTP/1.0 204 No Content\r\n\r\n', close: true }));
    const viaLo = HttpConnection.open(h1.stack, 0x7f000001, 80);
    const viaEth = HttpConnection.open(h1.stack, 0x0a000001, 80);
    run(1_000_000);
    expect([viaLo.connected, viaEth.error]).toEqual([true, 'ECONNREFUSED']);
    (s as HttpServer).close();
    expect(h1.stack.tcp.isListening(80)).toBe(false);
  });
});
