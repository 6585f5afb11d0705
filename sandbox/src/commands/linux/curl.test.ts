import { describe, expect, it } from 'vitest';
import { labSession } from '../../../test/lab-session';
import { max5data, meterLine, time2str } from './curl-format';

function mininet() {
  const lab = labSession({ mn: 'mn', maxRunUs: 20_000_000 });
  lab.run('h1 python3 -m http.server 80 &');
  return lab;
}

const METER = '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n';
const ZERO = '  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0';

describe('curl progress meter', () => {
  it('formats sizes and times in five and eight columns', () => {
    expect([max5data(612), max5data(611_000), max5data(12 * 1024 * 1024 + 400_000), max5data(500 * 1024 * 1024)]).toEqual(['  612', ' 596k', '12.3M', ' 500M']);
    expect([time2str(0), time2str(5), time2str(3725)]).toEqual(['--:--:--', ' 0:00:05', ' 1:02:05']);
  });

  it('shows a finished fast transfer as libcurl does (bytes per whole millisecond)', () => {
    expect(meterLine({ elapsedUs: 0, downloaded: 0, uploaded: 0 })).toBe(ZERO);
    expect(meterLine({ elapsedUs: 900, downloaded: 612, uploaded: 0, downloadSize: 612 })).toBe(
      '100   612  100   612    0     0   597k      0 --:--:-- --:--:-- --:--:--  597k',
    );
    expect(meterLine({ elapsedUs: 2_500_000, downloaded: 0, uploaded: 0 })).toBe('  0     0    0     0    0     0      0      0 --:--:--  0:00:02 --:--:--     0');
  });
});

describe('curl against a Python server in Mininet', () => {
  it('writes the body to the terminal, nothing else', () => {
    const { run } = mininet();
    const out = run('h2 curl 10.0.0.1/.profile');
    expect(out.startsWith('# ~/.profile: executed by Bourne-compatible login shells.\n')).toBe(true);
    expect(out.endsWith('mesg n 2> /dev/null || true\n')).toBe(true);
  });

  it('-i puts the response head first, -I asks for it alone', () => {
    const { run } = mininet();
    const head =
      'HTTP/1.0 200 OK\r\nServer: SimpleHTTP/0.6 Python/3.8.10\r\nDate: Mon, 12 Jan 2026 09:00:00 GMT\r\n' +
      'Content-type: application/octet-stream\r\nContent-Length: 161\r\nLast-Modified: Mon, 12 Jan 2026 09:00:00 GMT\r\n\r\n';
    expect(run('h2 curl -i 10.0.0.1/.profile').startsWith(head + '# ~/.profile')).toBe(true);
    expect(run('h2 curl -I 10.0.0.1/.profile')).toBe(head);
    expect(run('h1 true')).toContain('"HEAD /.profile HTTP/1.1" 200 -\n');
  });

  it('shows the meter on stderr when the body goes to a file or a pipe', () => {
    const { run, sb } = mininet();
    const out = run('h2 curl -o page.html 10.0.0.1');
    expect(out).toMatch(new RegExp(`^${escape(METER)}\\r${escape(ZERO)}\\r100   377  100   377    0     0  \\s*\\d+k      0 --:--:-- --:--:-- --:--:--  \\s*\\d+k\\n$`));
    expect(sb.fs.readFile('/root/page.html')).toContain('<title>Directory listing for /</title>');
    expect(run('h2 curl -s -o /dev/null -w "%{http_code} %{size_download} %{content_type}\\n" 10.0.0.1')).toBe('200 420 text/html; charset=utf-8\n');
  });

  it('POSTs form data with -d, sends extra headers with -H, changes the method with -X', () => {
    const { run } = mininet();
    const v = run('h2 curl -s -v -d a=1 -H "X-Test: yes" 10.0.0.1');
    expect(v).toContain(
      '> POST / HTTP/1.1\r\n> Host: 10.0.0.1\r\n> User-Agent: curl/7.68.0\r\n> Accept: */*\r\n> X-Test: yes\r\n' +
        '> Content-Length: 3\r\n> Content-Type: application/x-www-form-urlencoded\r\n> \r\n* upload completely sent off: 3 out of 3 bytes\n',
    );
    expect(v).toContain('< HTTP/1.0 501 Unsupported method (\'POST\')\r\n');
    expect(v).toContain("        <p>Message: Unsupported method ('POST').</p>\n");
    expect(run('h2 curl -s -X DELETE 10.0.0.1 -o /dev/null -w "%{http_code}"')).toBe('501');
  });

  it('-f turns an HTTP error into exit 22; -s hides the message, -S shows it again', () => {
    const { run } = mininet();
    expect(run('h2 curl -f 10.0.0.1/nope')).toBe('curl: (22) The requested URL returned error: 404 File not found\n');
    expect(run('h2 echo $?')).toBe('22\n');
    expect(run('h2 curl -sf 10.0.0.1/nope')).toBe('');
    expect(run('h2 curl -sSf 10.0.0.1/nope')).toBe('curl: (22) The requested URL returned error: 404 File not found\n');
  });

  it('-L follows the redirect to a directory', () => {
    const { run, sb } = mininet();
    sb.fs.mkdir('/root/docs');
    sb.fs.writeFile('/root/docs/a.txt', 'A\n');
    expect(run('h2 curl 10.0.0.1/docs')).toBe('');
    const followed = run('h2 curl -sL -w "%{num_redirects} %{url_effective}\\n" 10.0.0.1/docs');
    expect(followed).toContain('<li><a href="a.txt">a.txt</a></li>');
    expect(followed.endsWith('1 http://10.0.0.1/docs/\n')).toBe(true);
  });

  it('-v traces the exchange', () => {
    const { run } = mininet();
    const out = run('h2 curl -v 10.0.0.1/.profile');
    expect(out.startsWith(
      '*   Trying 10.0.0.1:80...\n* TCP_NODELAY set\n* Connected to 10.0.0.1 (10.0.0.1) port 80 (#0)\n' +
        '> GET /.profile HTTP/1.1\r\n> Host: 10.0.0.1\r\n> User-Agent: curl/7.68.0\r\n> Accept: */*\r\n> \r\n' +
        '* Mark bundle as not supporting multiuse\n* HTTP 1.0, assume close after body\n< HTTP/1.0 200 OK\r\n',
    )).toBe(true);
    expect(out.endsWith('mesg n 2> /dev/null || true\n* Closing connection 0\n')).toBe(true);
  });

  it('says why it could not connect, with curl\'s exit codes', () => {
    const { run } = mininet();
    expect(run('h2 curl 10.0.0.1:8080')).toBe('curl: (7) Failed to connect to 10.0.0.1 port 8080: Connection refused\n');
    expect(run('h2 echo $?')).toBe('7\n');
    expect(run('h2 curl 10.0.0.7')).toBe('curl: (7) Failed to connect to 10.0.0.7 port 80: No route to host\n');
    expect(run('h2 curl -s -w "%{http_code}\\n" 10.0.0.7')).toBe('000\n');
    expect(run('h2 curl web')).toBe('curl: (6) Could not resolve host: web\n');
    expect(run('h2 echo $?')).toBe('6\n');
  });

  it('times out with --connect-timeout and -m (exit 28); the meter ticks every second meanwhile', () => {
    const { run } = mininet();
    run('h2 curl -s -o /dev/null 10.0.0.1');
    run('link s1 h1 down');
    expect(run('h2 curl --connect-timeout 2 10.0.0.1')).toBe('curl: (28) Connection timed out after 2001 milliseconds\n');
    expect(run('h2 echo $?')).toBe('28\n');
    const piped = run('h2 curl -m 2 10.0.0.1 | cat');
    expect(piped).toBe(
      METER + `\r${ZERO}\r  0     0    0     0    0     0      0      0 --:--:--  0:00:01 --:--:--     0` +
        // the update at 2 s, then the final one Curl_pgrsDone forces
        `\r  0     0    0     0    0     0      0      0 --:--:--  0:00:02 --:--:--     0`.repeat(2) +
        '\ncurl: (28) Connection timed out after 2001 milliseconds\n',
    );
  });

  it('Ctrl-C ends it with status 130', () => {
    const { run } = mininet();
    run('h2 curl -s -o /dev/null 10.0.0.1');
    run('link s1 h1 down');
    expect(run('h2 curl 10.0.0.1', 3_000_000)).toBe('^C\n');
    expect(run('h2 echo $?')).toBe('130\n');
  });

  it('records fetches for lesson checks', () => {
    const { run, sb } = mininet();
    run('h2 curl -s 10.0.0.1/nope');
    run('h2 curl -s 10.0.0.1:9');
    expect(sb.lessonLog.fetches.map((f) => [f.node, f.url, f.status, f.ok])).toEqual([
      ['h2', 'http://10.0.0.1/nope', 404, false],
      ['h2', 'http://10.0.0.1:9/', undefined, false],
    ]);
  });
});

describe('curl command line', () => {
  it('reports bad options and a missing URL as curl 7.68 does', () => {
    const { run } = labSession();
    const tryHelp = "curl: try 'curl --help' or 'curl --manual' for more information\n";
    expect(run('curl')).toBe(`curl: no URL specified!\n${tryHelp}`);
    expect(run('echo $?')).toBe('2\n');
    expect(run('curl --frobnicate x')).toBe(`curl: option --frobnicate: is unknown\n${tryHelp}`);
    expect(run('curl --dat x')).toBe(`curl: option --dat: is ambiguous\n${tryHelp}`);
    expect(run('curl -o')).toBe(`curl: option -o: requires parameter\n${tryHelp}`);
    expect(run('curl -m abc x')).toBe(`curl: option -m: expected a proper numerical parameter\n${tryHelp}`);
    expect(run('curl http://h:99999/')).toBe('curl: (3) URL using bad/illegal format or missing URL\n');
    expect(run('curl foo://x/')).toBe('curl: (1) Protocol "foo" not supported or disabled in libcurl\n');
    expect(run('curl https://x/')).toBe('curl: (1) https is not supported in this sandbox (plain http only)\n');
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
