// Base45 (RFC 9285): the alphanumeric QR mode packs these 45 characters densely, which is why DCCs use it.
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

export function base45Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    let n = bytes[i]! * 256 + bytes[i + 1]!;
    const c = n % 45;
    n = (n - c) / 45;
    const d = n % 45;
    const e = (n - d) / 45;
    out += ALPHABET[c]! + ALPHABET[d]! + ALPHABET[e]!;
  }
  if (bytes.length % 2 === 1) {
    const n = bytes[bytes.length - 1]!;
    out += ALPHABET[n % 45]! + ALPHABET[Math.floor(n / 45)]!;
  }
  return out;
}

/** Each character code's value, or -1: a table read per character instead of a Map lookup of a one-character string. */
const VALUE_OF_CODE = (() => {
  const table = new Int8Array(256).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

const utf8 = new TextEncoder();
/** The characters as bytes, reused by every call (the decoded bytes are the result, not this). */
let scratch = new Uint8Array(4096);

/**
 * Returns null for any text that is not canonical base45 (bad characters, dangling character, overflow). Decodes from
 * `start` on, so a prefix is skipped without slicing. The characters are read as bytes copied out in one native call:
 * charCodeAt per character cost three times as much on a QR text of 900 characters.
 */
export function base45Decode(text: string, start = 0): Uint8Array | null {
  const length = text.length - start;
  if (length < 0 || length % 3 === 1) return null;
  // Only an all-ASCII text fills one UTF-8 byte per character; any other character is not base45 anyway.
  if (scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 3);
  if (utf8.encodeInto(text, scratch).written !== text.length) return null;
  const chars = scratch;
  const out = Buffer.allocUnsafe(Math.floor(length / 3) * 2 + (length % 3 === 2 ? 1 : 0));
  let o = 0;
  const whole = text.length - ((text.length - start) % 3);
  let i = start;
  for (; i < whole; i += 3) {
    const c = VALUE_OF_CODE[chars[i]!]!;
    const d = VALUE_OF_CODE[chars[i + 1]!]!;
    const e = VALUE_OF_CODE[chars[i + 2]!]!;
    if ((c | d | e) < 0) return null;
    const n = c + d * 45 + e * 2025;
    if (n > 0xffff) return null;
    out[o++] = n >> 8;
    out[o++] = n & 0xff;
  }
  if (i < text.length) {
    const c = VALUE_OF_CODE[chars[i]!]!;
    const d = VALUE_OF_CODE[chars[i + 1]!]!;
    if ((c | d) < 0) return null;
    const n = c + d * 45;
    if (n > 0xff) return null;
    out[o++] = n;
  }
  return out;
}
