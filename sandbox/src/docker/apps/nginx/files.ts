/**
 * The nginx image's files (nginx/docker-nginx mainline-bookworm, nginx 1.27.4): the packaged
 * nginx.conf and conf.d/default.conf (before the entrypoint adds `listen [::]:80;`), a short
 * mime.types, the welcome page (615 bytes) and 50x.html (497 bytes) from nginx's docs/html.
 * Reference: reference/docker.md §5.1.
 */
import type { Vfs } from '../../../fs/vfs';

export const NGINX_VERSION = '1.27.4';
export const DEFAULT_CONF = '/etc/nginx/conf.d/default.conf';
/** The html files' modification time (Unix seconds): nginx's ETag and Last-Modified use it. */
export const HTML_MTIME = 1738753592;

export const PACKAGED_NGINX_CONF = `
user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /var/run/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    #tcp_nopush     on;

    keepalive_timeout  65;

    #gzip  on;

    include /etc/nginx/conf.d/*.conf;
}
`;

export const PACKAGED_DEFAULT_CONF = `server {
    listen       80;
    server_name  localhost;

    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }

    # proxy the PHP scripts to Apache listening on 127.0.0.1:80
    #
    #location ~ \\.php$ {
    #    proxy_pass   http://127.0.0.1;
    #}

    # pass the PHP scripts to FastCGI server listening on 127.0.0.1:9000
    #
    #location ~ \\.php$ {
    #    root           html;
    #    fastcgi_pass   127.0.0.1:9000;
    #    fastcgi_index  index.php;
    #    fastcgi_split_path_info ^(.+\\.php)(/.+)$;
    #    fastcgi_param  SCRIPT_FILENAME  $document_root$fastcgi_script_name;
    #    include        fastcgi_params;
    #}

    # deny access to .htaccess files, if Apache's document root
    # concurs with nginx's one
    #
    #location ~ /\\.ht {
    #    deny  all;
    #}
}

`;

export const WELCOME_PAGE = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

export const ERROR_50X_PAGE = `<!DOCTYPE html>
<html>
<head>
<title>Error</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
</body>
</html>
`;

const MIME_TYPES = `
types {
    text/html                                        html htm shtml;
    text/css                                         css;
    text/xml                                         xml;
    image/gif                                        gif;
    image/jpeg                                       jpeg jpg;
    application/javascript                           js;
    text/plain                                       txt;
    image/png                                        png;
    image/svg+xml                                    svg svgz;
    application/json                                 json;
}
`;

/** Content-Type by extension (the mime.types above); default_type otherwise. */
export function mimeType(path: string): string {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  const m: Record<string, string> = {
    html: 'text/html', htm: 'text/html', shtml: 'text/html', css: 'text/css', xml: 'text/xml', gif: 'image/gif', jpeg: 'image/jpeg', jpg: 'image/jpeg',
    js: 'application/javascript', txt: 'text/plain', png: 'image/png', svg: 'image/svg+xml', svgz: 'image/svg+xml', json: 'application/json',
  };
  return path.includes('.') ? (m[ext] ?? 'application/octet-stream') : 'application/octet-stream';
}

export function writeNginxFiles(fs: Vfs): void {
  for (const d of ['/bin', '/etc/nginx/conf.d', '/root', '/tmp', '/usr/bin', '/usr/sbin', '/usr/share/nginx/html', '/var/log/nginx', '/var/cache/nginx', '/docker-entrypoint.d', '/proc', '/dev', '/sys']) {
    fs.mkdir(d, true);
  }
  fs.writeFile('/etc/os-release', 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\n');
  fs.writeFile('/etc/nginx/nginx.conf', PACKAGED_NGINX_CONF);
  fs.writeFile('/etc/nginx/mime.types', MIME_TYPES);
  fs.writeFile(DEFAULT_CONF, PACKAGED_DEFAULT_CONF);
  fs.writeFile('/usr/share/nginx/html/index.html', WELCOME_PAGE);
  fs.writeFile('/usr/share/nginx/html/50x.html', ERROR_50X_PAGE);
  fs.writeFile('/var/log/nginx/access.log', '');
  fs.writeFile('/var/log/nginx/error.log', '');
}
