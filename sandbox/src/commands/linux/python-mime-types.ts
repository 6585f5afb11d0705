/**
 * SimpleHTTPRequestHandler.guess_type (Python 3.8 and 2.7 alike): the extension, looked up as
 * is and then lower-cased, in mimetypes' map after mimetypes.init() has read Ubuntu's
 * /etc/mime.types (mime-support), with the handler's own overrides ('.py', '.c', '.h' are
 * text/plain); anything else is application/octet-stream. Only the common extensions are
 * listed; the rest fall back to the default as an unknown one would.
 */

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html', '.htm': 'text/html', '.shtml': 'text/html',
  '.txt': 'text/plain', '.text': 'text/plain', '.asc': 'text/plain', '.pot': 'text/plain',
  '.css': 'text/css', '.csv': 'text/csv', '.md': 'text/markdown', '.markdown': 'text/markdown',
  '.xml': 'application/xml', '.xsl': 'application/xml',
  '.js': 'application/javascript', '.mjs': 'application/javascript', '.json': 'application/json',
  '.pdf': 'application/pdf', '.ps': 'application/postscript',
  '.zip': 'application/zip', '.gz': 'application/gzip', '.tgz': 'application/x-gtar-compressed',
  '.tar': 'application/x-tar', '.bz2': 'application/x-bzip', '.xz': 'application/x-xz', '.deb': 'application/vnd.debian.binary-package',
  '.sh': 'application/x-sh', '.pl': 'text/x-perl', '.pm': 'text/x-perl',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.jpe': 'image/jpeg', '.gif': 'image/gif',
  '.svg': 'image/svg+xml', '.svgz': 'image/svg+xml', '.ico': 'image/vnd.microsoft.icon', '.bmp': 'image/x-ms-bmp',
  '.webp': 'image/webp', '.tif': 'image/tiff', '.tiff': 'image/tiff',
  '.mp3': 'audio/mpeg', '.wav': 'audio/x-wav', '.ogg': 'audio/ogg',
  '.mp4': 'video/mp4', '.mpeg': 'video/mpeg', '.webm': 'video/webm', '.avi': 'video/x-msvideo',
  '.wasm': 'application/wasm', '.iso': 'application/x-iso9660-image', '.bin': 'application/octet-stream',
  // SimpleHTTPRequestHandler.extensions_map overrides
  '.py': 'text/plain', '.c': 'text/plain', '.h': 'text/plain',
};

/** posixpath.splitext: the last dot of the last component, unless the name starts with it. */
function splitext(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const stripped = base.replace(/^\.+/, '');
  const dot = stripped.lastIndexOf('.');
  return dot < 0 ? '' : stripped.slice(dot);
}

export function guessType(path: string): string {
  const ext = splitext(path);
  return TYPES[ext] ?? TYPES[ext.toLowerCase()] ?? 'application/octet-stream';
}
