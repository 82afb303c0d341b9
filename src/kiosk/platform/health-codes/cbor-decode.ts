// A CBOR (RFC 8949) decoder for the few hundred bytes of a COSE_Sign1 and its CWT claims, run at every scan: one pass
// over the bytes with no decoder state object, maps as Maps (claim keys and header labels are integers), byte strings
// as views of the input, short ASCII text without a native call. It gives what cbor-x gave for these shapes (the
// encoding side stays cbor-x) and refuses, never throws out, on anything else: truncated, too deep, lengths past
// the end, a break out of place, reserved or unknown simple values, indefinite-length strings, trailing bytes.
import { Tag } from 'cbor-x';

export type CborResult = { ok: true; value: unknown } | { ok: false; detail: string };

/** Deeper nesting than any certificate has; the cap keeps a hostile code from exhausting the stack. */
const MAX_DEPTH = 32;
const BREAK = Symbol('break');

class Malformed extends Error {}
const EMPTY = Buffer.alloc(0);
let src: Buffer = EMPTY;
let pos = 0;
let end = 0;

const fail = (why: string): never => {
  throw new Malformed(why);
};

function need(count: number): void {
  if (count > end - pos) fail(`needs ${count} more byte(s) at offset ${pos}, has ${end - pos}`);
}

/** The head's argument: the length, count, value or tag number (a bigint past 2^53, as cbor-x gives it). */
function argument(info: number): number | bigint {
  if (info < 24) return info;
  if (info === 24) {
    need(1);
    return src[pos++]!;
  }
  if (info === 25) {
    need(2);
    const v = (src[pos]! << 8) | src[pos + 1]!;
    pos += 2;
    return v;
  }
  if (info === 26) {
    need(4);
    const v = src.readUInt32BE(pos);
    pos += 4;
    return v;
  }
  if (info === 27) {
    need(8);
    const high = src.readUInt32BE(pos);
    const low = src.readUInt32BE(pos + 4);
    pos += 8;
    return high < 0x200000 ? high * 0x100000000 + low : (BigInt(high) << 32n) | BigInt(low);
  }
  return fail(info === 31 ? `indefinite length where it is not allowed at offset ${pos - 1}` : `reserved additional information ${info} at offset ${pos - 1}`);
}

/** A length or count that must fit in what is left: no allocation is ever sized from an untrusted length first. */
function length(info: number, atLeastBytesEach: number): number {
  const n = argument(info);
  if (typeof n !== 'number' || n * atLeastBytesEach > end - pos) fail(`length ${String(n)} at offset ${pos} runs past the end (${end - pos} byte(s) left)`);
  return n as number;
}

/** Short ASCII strings by their bytes (map keys like "v", "dn", "ci" and country codes): the same string object each
 * time, whose hash V8 has already computed, so putting it into a Map costs no hashing. Strings only, bounded. */
const SHORT_TEXT = new Map<number, string>();
const SHORT_TEXT_LIMIT = 4096;

function text(count: number): string {
  const start = pos;
  pos += count;
  if (count <= 3) {
    let packed = count << 21;
    for (let i = start, shift = 0; i < pos; i++, shift += 7) {
      const b = src[i]!;
      if (b >= 0x80) return src.toString('utf8', start, pos);
      packed |= b << shift;
    }
    const known = SHORT_TEXT.get(packed);
    if (known !== undefined) return known;
    const made = src.toString('latin1', start, pos);
    if (SHORT_TEXT.size < SHORT_TEXT_LIMIT) SHORT_TEXT.set(packed, made);
    return made;
  }
  if (count <= 8) {
    let out = '';
    for (let i = start; i < pos; i++) {
      const b = src[i]!;
      if (b >= 0x80) return src.toString('utf8', start, pos);
      out += String.fromCharCode(b);
    }
    return out;
  }
  return src.toString('utf8', start, pos);
}

function simple(info: number): unknown {
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
      need(2);
      const half = (src[pos]! << 8) | src[pos + 1]!;
      pos += 2;
      const exponent = (half >> 10) & 0x1f;
      const mantissa = half & 0x3ff;
      const magnitude = exponent === 0 ? mantissa * 2 ** -24 : exponent === 31 ? (mantissa === 0 ? Infinity : NaN) : (mantissa + 1024) * 2 ** (exponent - 25);
      return half & 0x8000 ? -magnitude : magnitude;
    }
    case 26: {
      need(4);
      const v = src.readFloatBE(pos);
      pos += 4;
      return v;
    }
    case 27: {
      need(8);
      const v = src.readDoubleBE(pos);
      pos += 8;
      return v;
    }
    case 31:
      return BREAK;
    default:
      return fail(`simple value ${info} at offset ${pos - 1} is not one a certificate uses`);
  }
}

function tagged(tag: number | bigint, depth: number): unknown {
  const value = item(depth + 1);
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

function item(depth: number): unknown {
  if (depth > MAX_DEPTH) fail(`nested deeper than ${MAX_DEPTH}`);
  need(1);
  const head = src[pos++]!;
  const major = head >> 5;
  const info = head & 0x1f;
  switch (major) {
    case 0:
      return argument(info);
    case 1: {
      const n = argument(info);
      return typeof n === 'number' ? -1 - n : -1n - n;
    }
    case 2: {
      const count = length(info, 1);
      pos += count;
      return src.subarray(pos - count, pos);
    }
    case 3:
      return text(length(info, 1));
    case 4: {
      if (info === 31) {
        const list: unknown[] = [];
        for (let v = item(depth + 1); v !== BREAK; v = item(depth + 1)) list.push(v);
        return list;
      }
      const count = length(info, 1);
      const list = new Array<unknown>(count);
      for (let i = 0; i < count; i++) {
        const v = item(depth + 1);
        if (v === BREAK) fail('a break inside a definite-length array');
        list[i] = v;
      }
      return list;
    }
    case 5: {
      const map = new Map<unknown, unknown>();
      const count = info === 31 ? Infinity : length(info, 2);
      for (let i = 0; i < count; i++) {
        const key = item(depth + 1);
        if (key === BREAK) {
          if (count === Infinity) break;
          fail('a break inside a definite-length map');
        }
        const value = item(depth + 1);
        if (value === BREAK) fail('a map key with no value');
        map.set(key, value);
      }
      return map;
    }
    case 6:
      return tagged(argument(info), depth);
    default:
      return simple(info);
  }
}

/** Decodes exactly one CBOR item filling the bytes; a value, or why the bytes are not one. */
export function decodeCborItem(bytes: Uint8Array): CborResult {
  src = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  pos = 0;
  end = src.length;
  try {
    const value = item(0);
    if (value === BREAK) fail('a break outside an indefinite-length item');
    if (pos !== end) fail(`${end - pos} byte(s) after the item`);
    return { ok: true, value };
  } catch (error) {
    // Anything thrown here is about the bytes: the gate refuses the code, it does not stop.
    return { ok: false, detail: error instanceof Malformed ? error.message : String(error) };
  } finally {
    // No view of the last code is kept alive between scans.
    src = EMPTY;
  }
}
