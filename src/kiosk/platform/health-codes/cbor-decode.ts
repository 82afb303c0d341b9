// A CBOR (RFC 8949) decoder for the few hundred bytes of a COSE_Sign1 and its CWT claims, run at every scan: one pass
// over the bytes with no decoder state object, maps as Maps (claim keys and header labels are integers), byte strings
// as Buffer views of the input, short ASCII text without a native call. It gives what cbor-x gave for these
// shapes (the encoding side stays cbor-x) and refuses, never throws out, on anything else: truncated, too deep,
// lengths past the end, a break out of place, reserved or unknown simple values, indefinite-length strings, trailing
// bytes.
import { Tag } from 'cbor-x';

export type CborResult = { ok: true; value: unknown } | { ok: false; detail: string };

/** Deeper nesting than any certificate has; the cap keeps a hostile code from exhausting the stack. */
const MAX_DEPTH = 32;
const BREAK = Symbol('break');

class Malformed extends Error {}
/** The bytes and the read position, in one object passed along: module-level `let`s cost a context load and a hole
 * check at every access. */
interface Reader {
  src: Buffer;
  pos: number;
  end: number;
  /** All the bytes as Latin-1 text, made at the first ASCII string longer than 3 bytes: each such string is then a
   * slice of it inside V8 instead of a native call of its own (those calls were a third of a DCC's claims). */
  latin1: string | undefined;
}

const fail = (why: string): never => {
  throw new Malformed(why);
};

function need(r: Reader, count: number): void {
  if (count > r.end - r.pos) fail(`needs ${count} more byte(s) at offset ${r.pos}, has ${r.end - r.pos}`);
}

/** The head's argument: the length, count, value or tag number (a bigint past 2^53, as cbor-x gives it). */
function argument(r: Reader, info: number): number | bigint {
  if (info < 24) return info;
  if (info === 24) {
    need(r, 1);
    return r.src[r.pos++]!;
  }
  if (info === 25) {
    need(r, 2);
    const v = (r.src[r.pos]! << 8) | r.src[r.pos + 1]!;
    r.pos += 2;
    return v;
  }
  if (info === 26) {
    need(r, 4);
    const v = r.src.readUInt32BE(r.pos);
    r.pos += 4;
    return v;
  }
  if (info === 27) {
    need(r, 8);
    const high = r.src.readUInt32BE(r.pos);
    const low = r.src.readUInt32BE(r.pos + 4);
    r.pos += 8;
    return high < 0x200000 ? high * 0x100000000 + low : (BigInt(high) << 32n) | BigInt(low);
  }
  return fail(info === 31 ? `indefinite length where it is not allowed at offset ${r.pos - 1}` : `reserved additional information ${info} at offset ${r.pos - 1}`);
}

/** A length or count that must fit in what is left: no allocation is ever sized from an untrusted length first. */
function length(r: Reader, info: number, atLeastBytesEach: number): number {
  const n = argument(r, info);
  if (typeof n !== 'number' || n * atLeastBytesEach > r.end - r.pos) fail(`length ${String(n)} at offset ${r.pos} runs past the end (${r.end - r.pos} byte(s) left)`);
  return n as number;
}

/** Short ASCII strings by their bytes (map keys like "v", "dn", "ci" and country codes): the same string object each
 * time, whose hash V8 has already computed, so putting it into a Map costs no hashing. A direct-mapped table of 1024
 * slots (a Map lookup cost as much as the string): bounded, strings only, a clash just makes the string anew. */
const SHORT_KEYS = new Int32Array(1024).fill(-1);
const SHORT_TEXTS = new Array<string>(1024).fill('');

/** Buffer's own UTF-8 and Latin-1 readers, without toString's encoding lookup (a third of a string's cost). */
const bufferReaders = Buffer.prototype as unknown as { utf8Slice?: unknown; latin1Slice?: unknown };
const utf8 =
  typeof bufferReaders.utf8Slice === 'function'
    ? (b: Buffer, start: number, end: number) => (b as unknown as { utf8Slice(s: number, e: number): string }).utf8Slice(start, end)
    : (b: Buffer, start: number, end: number) => b.toString('utf8', start, end);
const latin1 =
  typeof bufferReaders.latin1Slice === 'function'
    ? (b: Buffer, start: number, end: number) => (b as unknown as { latin1Slice(s: number, e: number): string }).latin1Slice(start, end)
    : (b: Buffer, start: number, end: number) => b.toString('latin1', start, end);

function text(r: Reader, count: number): string {
  const src = r.src;
  const start = r.pos;
  const stop = start + count;
  r.pos = stop;
  if (count <= 3) {
    let packed = count << 21;
    for (let i = start, shift = 0; i < stop; i++, shift += 7) {
      const b = src[i]!;
      if (b >= 0x80) return utf8(src, start, stop);
      packed |= b << shift;
    }
    const slot = (Math.imul(packed, 0x9e3779b1) >>> 22) & 1023;
    if (SHORT_KEYS[slot] === packed) return SHORT_TEXTS[slot]!;
    const made = latin1(src, start, stop);
    SHORT_KEYS[slot] = packed;
    SHORT_TEXTS[slot] = made;
    return made;
  }
  for (let i = start; i < stop; i++) if (src[i]! >= 0x80) return utf8(src, start, stop);
  r.latin1 ??= latin1(src, 0, r.end);
  return r.latin1.slice(start, stop);
}

function simple(r: Reader, info: number): unknown {
  switch (info) {
    case 20:
      return false;
    case 21:
      return true;
    case 22:
      return null;
    case 23:
      return undefined;
    case 25: {
      need(r, 2);
      const half = (r.src[r.pos]! << 8) | r.src[r.pos + 1]!;
      r.pos += 2;
      const exponent = (half >> 10) & 0x1f;
      const mantissa = half & 0x3ff;
      const magnitude = exponent === 0 ? mantissa * 2 ** -24 : exponent === 31 ? (mantissa === 0 ? Infinity : NaN) : (mantissa + 1024) * 2 ** (exponent - 25);
      return half & 0x8000 ? -magnitude : magnitude;
    }
    case 26: {
      need(r, 4);
      const v = r.src.readFloatBE(r.pos);
      r.pos += 4;
      return v;
    }
    case 27: {
      need(r, 8);
      const v = r.src.readDoubleBE(r.pos);
      r.pos += 8;
      return v;
    }
    case 31:
      return BREAK;
    default:
      return fail(`simple value ${info} at offset ${r.pos - 1} is not one a certificate uses`);
  }
}

function tagged(r: Reader, tag: number | bigint, depth: number): unknown {
  const value = item(r, depth + 1);
  if (value === BREAK) fail('a tag with no content');
  if (tag === 0) {
    const date = typeof value === 'string' ? new Date(value) : undefined;
    return date && !Number.isNaN(date.getTime()) ? date : fail('tag 0 is not a date string');
  }
  if (tag === 1) return typeof value === 'number' ? new Date(value * 1000) : typeof value === 'bigint' ? new Date(Number(value) * 1000) : fail('tag 1 is not a number');
  if (tag === 2 || tag === 3) {
    if (!(value instanceof Uint8Array)) return fail('a bignum tag without a byte string');
    let n = 0n;
    for (const b of value) n = (n << 8n) | BigInt(b);
    return tag === 2 ? n : -1n - n;
  }
  return new Tag(value, Number(tag));
}

function item(r: Reader, depth: number): unknown {
  if (depth > MAX_DEPTH) fail(`nested deeper than ${MAX_DEPTH}`);
  need(r, 1);
  const head = r.src[r.pos++]!;
  const major = head >> 5;
  const info = head & 0x1f;
  switch (major) {
    case 0:
      return argument(r, info);
    case 1: {
      const n = argument(r, info);
      return typeof n === 'number' ? -1 - n : -1n - n;
    }
    case 2: {
      const count = length(r, info, 1);
      r.pos += count;
      return r.src.subarray(r.pos - count, r.pos);
    }
    case 3:
      return text(r, length(r, info, 1));
    case 4: {
      if (info === 31) {
        const list: unknown[] = [];
        for (let v = item(r, depth + 1); v !== BREAK; v = item(r, depth + 1)) list.push(v);
        return list;
      }
      const count = length(r, info, 1);
      const list = new Array<unknown>(count);
      for (let i = 0; i < count; i++) {
        const v = item(r, depth + 1);
        if (v === BREAK) fail('a break inside a definite-length array');
        list[i] = v;
      }
      return list;
    }
    case 5: {
      const map = new Map<unknown, unknown>();
      const count = info === 31 ? Infinity : length(r, info, 2);
      for (let i = 0; i < count; i++) {
        const key = item(r, depth + 1);
        if (key === BREAK) {
          if (count === Infinity) break;
          fail('a break inside a definite-length map');
        }
        const value = item(r, depth + 1);
        if (value === BREAK) fail('a map key with no value');
        map.set(key, value);
      }
      return map;
    }
    case 6:
      return tagged(r, argument(r, info), depth);
    default:
      return simple(r, info);
  }
}

/** Decodes exactly one CBOR item filling the bytes; a value, or why the bytes are not one. */
export function decodeCborItem(bytes: Uint8Array): CborResult {
  const src = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const r: Reader = { src, pos: 0, end: src.length, latin1: undefined };
  try {
    const value = item(r, 0);
    if (value === BREAK) fail('a break outside an indefinite-length item');
    if (r.pos !== r.end) fail(`${r.end - r.pos} byte(s) after the item`);
    return { ok: true, value };
  } catch (error) {
    // Anything thrown here is about the bytes: the gate refuses the code, it does not stop.
    return { ok: false, detail: error instanceof Malformed ? error.message : String(error) };
  }
}
