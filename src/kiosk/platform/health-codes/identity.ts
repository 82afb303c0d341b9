// What a code may say about its holder: a masked name to compare with the face, a keyed hash to compare with the ID.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** 张三 -> 张*, 王小明 -> 王*明, Anna Schmidt -> A*** S******: enough to compare with a person, not enough to dox them. */
export function maskName(name: string): string {
  const trimmed = name.trim();
  // A DCC's names (fn, gn: Latin letters with accents, hyphens; fnt, gnt: ASCII) and most Latin names: characters
  // below U+0250 and single spaces, masked without the Unicode script tables or a split (a masked name is built at
  // every DCC scan). Anything else, Chinese names among them, takes the general path.
  const fast = maskSimpleName(trimmed);
  if (fast !== null) return fast;
  if (/\s/.test(trimmed)) return trimmed.split(/\s+/).map(maskWord).join(' ');
  return maskWord(trimmed);
}

/** Script=Latin below U+0250: ASCII letters, ª, º, the Latin-1 letters (not × and ÷), all of Latin Extended-A and B. */
const isLatinBelow0250 = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 0xaa || c === 0xba || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7);

/** Runs of stars made once, not at every scan (names are short; a longer run is made as needed). */
const STARS = Array.from({ length: 33 }, (_, n) => '*'.repeat(n));
const stars = (n: number) => STARS[n] ?? '*'.repeat(n);

/** maskWord's rule for words of characters below U+0250 split by single spaces (one UTF-16 unit each); null otherwise. */
function maskSimpleName(trimmed: string): string | null {
  let out = '';
  let wordStart = 0;
  let latin = true;
  for (let i = 0; i <= trimmed.length; i++) {
    const c = i < trimmed.length ? trimmed.charCodeAt(i) : 32;
    if (c === 32) {
      const length = i - wordStart;
      // Two spaces in a row: the general path decides.
      if (length === 0) return null;
      out += (out ? ' ' : '') + maskedWord(trimmed[wordStart]!, length, trimmed[i - 1]!, latin);
      wordStart = i + 1;
      latin = true;
    } else if (c >= 0x250 || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0xa0) return null;
    else if (latin && !isLatinBelow0250(c)) latin = false;
  }
  return out;
}

function maskWord(word: string): string {
  const chars = [...word];
  return maskedWord(chars[0] ?? '', chars.length, chars[chars.length - 1] ?? '', /^[\p{Script=Latin}]+$/u.test(word));
}

/** The rule for one word of `length` characters: Latin words (and any of two) keep their first, others their first
 * and last (王*明). */
function maskedWord(first: string, length: number, last: string, latin: boolean): string {
  if (length <= 1) return first;
  return length === 2 || latin ? first + stars(length - 1) : first + stars(length - 2) + last;
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
