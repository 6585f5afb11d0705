import { describe, expect, it } from 'vitest';
import { labSession } from '../../../test/lab-session';
import { barImage, humanReadable, printDecimal, retrRate } from './wget-format';

function mininet() {
  const lab = labSession({ mn: 'mn', maxRunUs: 20_000_000 });
  lab.run('h1 python3 -m http.server 80 &');
  return lab;
}

const LISTING_377 =
  '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN" "http://www.w3.org/TR/html4/strict.dtd">\n<html>\n<head>\n' +
  '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n<title>Directory listing for /</title>\n</head>\n' +
  '<body>\n<h1>Directory listing for /</h1>\n<hr>\n<ul>\n<li><a href=".bashrc">.bashrc</a></li>\n' +
  '<li><a href=".profile">.profile</a></li>\n</ul>\n<hr>\n</body>\n</html>\n';

describe('wget formats', () => {
  it('sizes, decimals and rates as wget prints them', () => {
    expect([humanReadable(1000, 10, 1), humanReadable(1234, 10, 1), humanReadable(17888, 10, 1), humanReadable(1234, 1000, 2)]).toEqual(['1000', '1.2K', '17K', '1.21K']);
    expect([printDecimal(0), printDecimal(0.02), printDecimal(1.23), printDecimal(12.4)]).toEqual(['0', '0.02', '1.2', '12']);
    expect([retrRate(1234, 1234 / (93.2 * 1024 * 1024)), retrRate(500, 1), retrRate(2048 * 12.5, 1)]).toEqual(['93.2 MB/s', '500 B/s', '25.0 KB/s']);
  });

  it('draws the bar for 80 columns (reference/mininet.md §3.7)', () => {
    const start = barImage({ name: '-', total: 1234, size: 0, dlTime: 0, done: false, columns: 80, tick: 0 });
    expect(start).toBe('-                     0%[                    ]       0  --.-KB/s               ');
    const end = barImage({ name: '-', total: 1234, size: 1234, dlTime: 0, done: true, columns: 80, tick: 1 });
    expect(end).toBe('-                   100%[===================>]   1.21K  --.-KB/s    in 0s      ');
    const slow = barImage({ name: 'big.iso', total: 4_000_000, size: 1_000_000, dlTime: 4, done: false, columns: 80, tick: 3, speed: { bytes: 1_000_000, secs: 4 } });
    expect(slow).toBe('big.iso              25%[====>               ] 976.56K   244KB/s    eta 12s    ');
    expect(slow.length).toBe(79);
  });
});

describe('wget against a Python server in Mininet', () => {
  it('fetches to stdout exactly as the walkthrough shows', () => {
    const { run } = mininet();
    expect(run('h2 wget -O - h1')).toBe(
      '--2026-01-12 09:00:00--  http://10.0.0.1/\nConnecting to 10.0.0.1:80... connected.\n' +
        'HTTP request sent, awaiting response... 200 OK\nLength: 377 [text/html]\nSaving to: ‘STDOUT’\n\n' +
        '\r-                     0%[                    ]       0  --.-KB/s               ' + LISTING_377 +
        '\r-                   100%[===================>]     377  --.-KB/s    in 0s      \n\n' +
        '2026-01-12 09:00:00 (45.6 MB/s) - written to stdout [377/377]\n\n',
    );
  });

  it('saves index.html, then index.html.1, and records each fetch', () => {
    const { run, sb } = mininet();
    expect(run('h2 wget -q h1')).toBe('');
    const second = run('h2 wget h1');
    expect(second).toContain("Saving to: ‘index.html.1’\n\n\rindex.html.1          0%[");
    // index.html is there now, so Python serves it instead of the listing.
    expect(second).toContain(" - ‘index.html.1’ saved [377/377]\n\n");
    expect(sb.fs.readFile('/root/index.html')).toBe(LISTING_377);
    expect(sb.lessonLog.fetches.map((f) => [f.node, f.url, f.host, f.status, f.ok])).toEqual([
      ['h2', 'http://10.0.0.1/', '10.0.0.1', 200, true],
      ['h2', 'http://10.0.0.1/', '10.0.0.1', 200, true],
    ]);
  });

  it('reports an HTTP error with the server\'s reason and exits 8', () => {
    const { run } = mininet();
    expect(run('h2 wget h1/nope'.replace('h1', '10.0.0.1'))).toBe(
      '--2026-01-12 09:00:00--  http://10.0.0.1/nope\nConnecting to 10.0.0.1:80... connected.\n' +
        'HTTP request sent, awaiting response... 404 File not found\n2026-01-12 09:00:00 ERROR 404: File not found.\n\n',
    );
    expect(run('h2 echo $?')).toBe('8\n');
    expect(run('h2 wget -nv 10.0.0.1/nope')).toBe('http://10.0.0.1/nope:\n2026-01-12 09:00:00 ERROR 404: File not found.\n');
  });

  it('follows a redirect, naming the file after the URL asked for', () => {
    const { run, sb } = mininet();
    sb.fs.mkdir('/root/docs');
    const out = run('h2 wget 10.0.0.1/docs');
    expect(out).toContain('HTTP request sent, awaiting response... 301 Moved Permanently\nLocation: /docs/ [following]\n--2026-01-12 09:00:00--  http://10.0.0.1/docs/\nConnecting to 10.0.0.1:80... connected.\n');
    expect(out).toContain("Saving to: ‘docs.1’");
  });

  it('-nv prints one line; -S prints the response head', () => {
    const { run } = mininet();
    expect(run('h2 wget -nv -O /dev/null 10.0.0.1/.profile')).toBe('2026-01-12 09:00:00 URL:http://10.0.0.1/.profile [161/161] -> "/dev/null" [1]\n');
    expect(run('h2 wget -S -O /dev/null 10.0.0.1/.profile')).toContain(
      'HTTP request sent, awaiting response... \n  HTTP/1.0 200 OK\n  Server: SimpleHTTP/0.6 Python/3.8.10\n',
    );
  });

  it('gives up at once on a refused or unreachable server (exit 4)', () => {
    const { run } = mininet();
    expect(run('h2 wget 10.0.0.1:81')).toBe('--2026-01-12 09:00:00--  http://10.0.0.1:81/\nConnecting to 10.0.0.1:81... failed: Connection refused.\n');
    expect(run('h2 echo $?')).toBe('4\n');
    expect(run('h2 wget 10.0.0.7')).toMatch(/^--2026-01-12 09:00:0\d-- {2}http:\/\/10\.0\.0\.7\/\nConnecting to 10\.0\.0\.7:80\.\.\. failed: No route to host\.\n$/);
    expect(run('h2 wget 192.168.1.1')).toMatch(/failed: Network is unreachable\.\n$/);
  });

  it('retries a timed-out connection with growing waits, then gives up', () => {
    const { run } = mininet();
    run('h2 wget -q -O /dev/null 10.0.0.1');
    run('link s1 h1 down');
    const out = run('h2 wget -T 2 -t 3 10.0.0.1');
    expect(out).toBe(
      '--2026-01-12 09:00:00--  http://10.0.0.1/\nConnecting to 10.0.0.1:80... failed: Connection timed out.\nRetrying.\n\n' +
        '--2026-01-12 09:00:03--  (try: 2)  http://10.0.0.1/\nConnecting to 10.0.0.1:80... failed: Connection timed out.\nRetrying.\n\n' +
        '--2026-01-12 09:00:07--  (try: 3)  http://10.0.0.1/\nConnecting to 10.0.0.1:80... failed: Connection timed out.\nGiving up.\n\n',
    );
    expect(run('h2 echo $?')).toBe('4\n');
  });

  it('Ctrl-C stops it silently', () => {
    const { run } = mininet();
    run('h2 wget -q -O /dev/null 10.0.0.1');
    run('link s1 h1 down');
    expect(run('h2 wget 10.0.0.1', 5_000_000)).toBe('--2026-01-12 09:00:00--  http://10.0.0.1/\nConnecting to 10.0.0.1:80... ^C\n');
    expect(run('h2 echo $?')).toBe('130\n');
  });
});

describe('wget on the lab machine', () => {
  it('resolves names through /etc/hosts and says so', () => {
    const { run } = labSession({});
    run('python3 -m http.server &');
    const out = run('wget -O /dev/null localhost:8000');
    expect(out).toContain('Resolving localhost (localhost)... 127.0.0.1\nConnecting to localhost (localhost)|127.0.0.1|:8000... connected.\n');
    expect(run('wget nosuchhost')).toBe(
      '--2026-01-12 09:00:00--  http://nosuchhost/\nResolving nosuchhost (nosuchhost)... failed: Temporary failure in name resolution.\n' +
        'wget: unable to resolve host address ‘nosuchhost’\n',
    );
  });

  it('complains about its command line as wget does', () => {
    const { run } = labSession();
    expect(run('wget')).toBe("wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n");
    expect(run('echo $?')).toBe('1\n');
    expect(run('wget -Z x')).toBe("wget: invalid option -- 'Z'\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n");
    expect(run('echo $?')).toBe('2\n');
    expect(run('wget https://10.0.0.1/')).toBe('wget: HTTPS is not supported in this sandbox\n');
  });
});
