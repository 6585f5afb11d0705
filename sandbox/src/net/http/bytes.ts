/**
 * HTTP travels as bytes; the emulated TCP carries strings whose characters are bytes (one
 * char = one octet, 0-255), so MSS segmentation and Content-Length count octets as the real
 * stack does. Text (files in the lab's filesystem, terminal output) is ordinary JS strings;
 * these convert between the two with UTF-8, as Python, wget and curl see files on Ubuntu.
 */

/** UTF-8 encode `text` into a byte string. Lone surrogates become U+FFFD. */
export function utf8Encode(text: string): string {
  let out = '';
  for (const ch of text) {
    let c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out += ch;
    else if (c < 0x800) out += String.fromCharCode(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out += String.fromCharCode(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out += String.fromCharCode(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

/** Decode a byte string as UTF-8; invalid sequences become U+FFFD (what a terminal shows). */
export function utf8Decode(bytes: string): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes.charCodeAt(i);
    if (b < 0x80) {
      // Fast path for ASCII runs.
      let j = i + 1;
      while (j < bytes.length && bytes.charCodeAt(j) < 0x80) j++;
      out += bytes.slice(i, j);
      i = j;
      continue;
    }
    const need = b >= 0xf0 && b < 0xf8 ? 3 : b >= 0xe0 ? 2 : b >= 0xc2 && b < 0xe0 ? 1 : -1;
    if (need < 0 || i + need >= bytes.length) {
      out += '\ufffd';
      i++;
      continue;
    }
    let c = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    let ok = true;
    for (let k = 1; k <= need; k++) {
      const cb = bytes.charCodeAt(i + k);
      if ((cb & 0xc0) !== 0x80) {
        ok = false;
        break;
      }
      c = (c << 6) | (cb & 63);
    }
    const min = need === 1 ? 0x80 : need === 2 ? 0x800 : 0x10000;
    if (!ok || c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
      out += '\ufffd';
      i++;
      continue;
    }
    out += String.fromCodePoint(c);
    i += need + 1;
  }
  return out;
}

/** Percent-decode a URL component into bytes (%41 → "A"); malformed escapes stay as they are. */
export function percentDecodeBytes(s: string): string {
  return s.replace(/%([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/**
 * Percent-encode text as URL quoting functions do: UTF-8 bytes, every byte outside the
 * unreserved set and `safe` escaped with upper-case hex. `unreserved` differs by language
 * (Python 3's quote keeps `~`, Python 2's urllib.quote does not).
 */
export function percentEncode(text: string, safe: string, unreserved = /[A-Za-z0-9_.\-~]/): string {
  let out = '';
  for (const ch of utf8Encode(text)) {
    if (unreserved.test(ch) || safe.includes(ch)) out += ch;
    else out += '%' + ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}
