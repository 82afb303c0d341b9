// What a code may say about its holder: a masked name to compare with the face, a keyed hash to compare with the ID.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** 张三 -> 张*, 王小明 -> 王*明, Anna Schmidt -> A*** S******: enough to compare with a person, not enough to dox them. */
export function maskName(name: string): string {
  const trimmed = name.trim();
  // A DCC's transliterated names (fnt, gnt) and most Latin names: ASCII letters and single spaces, masked without the
  // Unicode script tables or a split (the masked name is built at every DCC scan).
  const fast = maskAsciiName(trimmed);
  if (fast !== null) return fast;
  if (/\s/.test(trimmed)) return trimmed.split(/\s+/).map(maskWord).join(' ');
  return maskWord(trimmed);
}

function maskAsciiName(trimmed: string): string | null {
  let out = '';
  let wordStart = 0;
  for (let i = 0; i <= trimmed.length; i++) {
    const c = i < trimmed.length ? trimmed.charCodeAt(i) : 32;
    if (c === 32) {
      const length = i - wordStart;
      // Two spaces in a row, or anything but letters: the general path decides.
      if (length === 0) return null;
      out += (out ? ' ' : '') + trimmed[wordStart] + '*'.repeat(length - 1);
      wordStart = i + 1;
    } else if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return null;
  }
  return out;
}

function maskWord(word: string): string {
  const chars = [...word];
  if (chars.length <= 1) return word;
  if (chars.length === 2 || /^[\p{Script=Latin}]+$/u.test(word)) return chars[0]! + '*'.repeat(chars.length - 1);
  return chars[0]! + '*'.repeat(chars.length - 2) + chars[chars.length - 1]!;
}

function normaliseIdNumber(id: string): string {
  return id.replace(/\s+/g, '').toUpperCase();
}

/** HMAC-SHA256 truncated to 16 bytes: a plain hash of an 18-digit ID number is brute-forced in minutes. */
export function hashIdNumber(id: string, key: Uint8Array): Uint8Array {
  return createHmac('sha256', key).update(normaliseIdNumber(id), 'utf8').digest().subarray(0, 16);
}

export function idNumberMatches(idHashHex: string, id: string, key: Uint8Array): boolean {
  const expected = Buffer.from(idHashHex, 'hex');
  const actual = hashIdNumber(id, key);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
