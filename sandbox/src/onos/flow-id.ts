/**
 * ONOS flow rule ids (reference/onos.md §3.1; DefaultFlowRule.computeFlowId in ONOS 1.12 and 2.7):
 * `id = appId << 48 | murmur3_32(seed 0)` over, in this order, the device id, each criterion's
 * text form (selector order), the priority as a 4-byte little-endian int and the table id, the
 * strings as UTF-16LE code units (Guava's putUnencodedChars). The id is also the cookie ONOS's
 * OpenFlow provider puts on the switch's flow, so `ovs-ofctl dump-flows` shows the same hex.
 */

/** MurmurHash3 x86_32 (Austin Appleby's public-domain algorithm), as Guava's murmur3_32().asInt(), unsigned. */
export function murmur3_32(bytes: Uint8Array, seed = 0): number {
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  let h = seed >>> 0;
  const n = bytes.length;
  const blocks = n & ~3;
  for (let i = 0; i < blocks; i += 4) {
    let k = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const tail = n & 3;
  if (tail > 0) {
    let k = 0;
    if (tail === 3) k ^= bytes[blocks + 2]! << 16;
    if (tail >= 2) k ^= bytes[blocks + 1]! << 8;
    k ^= bytes[blocks]!;
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
  }
  h ^= n;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The bytes DefaultFlowRule hashes for a rule. */
export function flowIdBytes(deviceId: string, criteria: readonly string[], priority: number, tableId: string): Uint8Array {
  let chars = deviceId.length + tableId.length;
  for (const c of criteria) chars += c.length;
  const out = new Uint8Array(chars * 2 + 4);
  let at = 0;
  const putChars = (s: string): void => {
    for (let i = 0; i < s.length; i++) {
      const u = s.charCodeAt(i);
      out[at++] = u & 0xff;
      out[at++] = u >>> 8;
    }
  };
  putChars(deviceId);
  for (const c of criteria) putChars(c);
  const p = priority | 0;
  out[at++] = p & 0xff;
  out[at++] = (p >>> 8) & 0xff;
  out[at++] = (p >>> 16) & 0xff;
  out[at++] = (p >>> 24) & 0xff;
  putChars(tableId);
  return out;
}

/** The flow id (and switch cookie) of a rule; tableId is `"0"` for an OpenFlow single-table switch. */
export function flowId(appId: number, deviceId: string, criteria: readonly string[], priority: number, tableId = '0'): bigint {
  const hash = murmur3_32(flowIdBytes(deviceId, criteria, priority, tableId));
  return (BigInt(appId) << 48n) | BigInt(hash);
}

/** Java's Long.toHexString for a flow id (lowercase, no 0x): how the CLI prints it. */
export function flowIdHex(id: bigint): string {
  return id.toString(16);
}
