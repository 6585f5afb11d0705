/**
 * tcpdump's hex dumps (print-ascii.c, tcpdump 4.99): 16 bytes a line as 8 groups of 2 bytes,
 * each line starting with `ident` and the offset (`0x0010:`). hexAndAscii() adds the bytes as
 * ASCII after two spaces (printable characters 0x21-0x7e, others '.'), as tcpdump prints a frame
 * it cannot decode (ndo_default_print) and with -X; hexOnly() is print_unknown_data()'s form.
 */

function hex2(b: number): string {
  return b.toString(16).padStart(2, '0');
}

function offsetText(offset: number): string {
  return '0x' + offset.toString(16).padStart(4, '0');
}

/** hex_and_ascii_print_with_offset(): the hex padded to 40 columns, then the ASCII. */
export function hexAndAscii(ident: string, bytes: ArrayLike<number>, offset = 0): string {
  let out = '';
  for (let line = 0; line < bytes.length; line += 16) {
    let hex = '';
    let ascii = '';
    const end = Math.min(line + 16, bytes.length);
    for (let i = line; i < end; i += 2) {
      hex += ' ' + hex2(bytes[i]!) + (i + 1 < end ? hex2(bytes[i + 1]!) : '');
      for (let j = i; j < Math.min(i + 2, end); j++) {
        const c = bytes[j]!;
        ascii += c > 0x20 && c <= 0x7e ? String.fromCharCode(c) : '.';
      }
    }
    out += `${ident}${offsetText(offset + line)}: ${hex.padEnd(40)}  ${ascii}`;
  }
  return out;
}

/** hex_print_with_offset(): hex groups only. */
export function hexOnly(ident: string, bytes: ArrayLike<number>, offset = 0): string {
  let out = '';
  for (let line = 0; line < bytes.length; line += 16) {
    out += `${ident}${offsetText(offset + line)}: `;
    const end = Math.min(line + 16, bytes.length);
    for (let i = line; i < end; i += 2) out += ' ' + hex2(bytes[i]!) + (i + 1 < end ? hex2(bytes[i + 1]!) : '');
  }
  return out;
}
