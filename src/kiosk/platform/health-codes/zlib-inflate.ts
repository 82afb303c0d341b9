// zlib (RFC 1950) around deflate (RFC 1951), inflated in plain JavaScript for the few hundred bytes of a QR code.
// node:zlib's inflateSync builds a stream object, a native handle and a 32 KiB window for every code: in the CPU
// profile that cost (with the garbage collection it caused) more than everything else the check does beside the
// signature. This one works in two module-level scratch tables and one output buffer, and checks what zlib checks:
// the header, every code's completeness, distances within the output, the block end, the Adler-32 trailer, and a cap.
export type Inflated = { ok: true; value: Buffer } | { ok: false; detail: string };

class Broken extends Error {}
const broken = (why: string): never => {
  throw new Broken(why);
};

const LENGTH_BASE = new Uint16Array([3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]);
const LENGTH_EXTRA = new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]);
const DIST_BASE = new Uint16Array([1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]);
const DIST_EXTRA = new Uint8Array([0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]);
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
/** The longest code deflate has (written as 15 where a loop reads it: a module constant is a context load there). */
const MAX_BITS = 15;
/** Codes up to this long are found in one table read; longer ones (rare in a short code) bit by bit. Also 9 in build. */
const FAST_BITS = 9;

/** A canonical Huffman code: code counts per length, symbols in code order, and the one-read table for short codes
 * (entry: symbol << 4 | length, 0 for a code longer than FAST_BITS). */
interface Code {
  count: Uint16Array;
  symbol: Uint16Array;
  fast: Int32Array;
  /** The table's index width: the longest code, up to FAST_BITS (a small code fills a small table). */
  bits: number;
}
const newCode = (symbols: number): Code => ({ count: new Uint16Array(MAX_BITS + 1), symbol: new Uint16Array(symbols), fast: new Int32Array(1 << FAST_BITS), bits: 1 });

const offsets = new Uint16Array(MAX_BITS + 2);
const nextCode = new Uint16Array(MAX_BITS + 2);
/** Each FAST_BITS-bit number bit-reversed: codes are sent from their first bit on, so tables index by reversed codes. */
const REVERSED = (() => {
  const table = new Uint16Array(1 << FAST_BITS);
  for (let i = 0; i < table.length; i++) for (let b = 0; b < FAST_BITS; b++) if (i & (1 << b)) table[i]! |= 1 << (FAST_BITS - 1 - b);
  return table;
})();

/**
 * Builds a code from its lengths. As zlib: an over-subscribed code is refused, and so is an incomplete one unless it
 * is a single code of one bit, outside the code-length code (a block may use one distance, or none); `what` names
 * the code in the refusal.
 */
function build(code: Code, lengths: Uint8Array, n: number, what: 'code-length' | 'literal/length' | 'distance'): void {
  const { count, symbol, fast } = code;
  // Module-level tables in locals: each read of a module binding is a context load with a hole check.
  const offset = offsets;
  const reversed = REVERSED;
  count.fill(0);
  for (let i = 0; i < n; i++) count[lengths[i]!]!++;
  let max = 0;
  for (let len = 1; len <= 15; len++) if (count[len]) max = len;
  const tableBits = Math.max(1, Math.min(max, FAST_BITS));
  code.bits = tableBits;
  fast.fill(0, 0, 1 << tableBits);
  if (max === 0) {
    // Only a block of literals alone may have no distances; an empty code of another kind could decode nothing.
    if (what !== 'distance') broken(`empty ${what} code`);
    return;
  }
  let left = 1;
  for (let len = 1; len <= 15; len++) {
    left = (left << 1) - count[len]!;
    if (left < 0) broken(`over-subscribed ${what} code`);
  }
  if (left > 0 && (max !== 1 || what === 'code-length')) broken(`incomplete ${what} code`);
  // One pass over the symbols: each goes into the code-ordered list (for codes longer than the table) and, with its
  // canonical code (the next of its length), into every table entry that begins with the code's bits.
  const next = nextCode;
  count[0] = 0;
  next[1] = 0;
  offset[1] = 0;
  // Only codes longer than the table are listed for decode(): a shorter one is always found in the table, even in
  // the data's last bits (the missing ones read as zeros, and its entry says how many it needs).
  for (let len = 1; len < 15; len++) {
    next[len + 1] = (next[len]! + count[len]!) << 1;
    offset[len + 1] = offset[len]! + (len > tableBits ? count[len]! : 0);
  }
  const size = 1 << tableBits;
  for (let i = 0; i < n; i++) {
    const len = lengths[i]!;
    if (len === 0) continue;
    if (len > tableBits) {
      symbol[offset[len]!++] = i;
      continue;
    }
    const entry = (i << 4) | len;
    for (let fill = reversed[next[len]!++]! >> (9 - len), step = 1 << len; fill < size; fill += step) fast[fill] = entry;
  }
}

// The fixed codes hold all 288 and 32 symbols (286, 287, 30 and 31 are refused when they are read).
const FIXED_LITERALS = newCode(288);
const FIXED_DISTANCES = newCode(32);
{
  const lengths = new Uint8Array(288);
  lengths.fill(8, 0, 144);
  lengths.fill(9, 144, 256);
  lengths.fill(7, 256, 280);
  lengths.fill(8, 280, 288);
  build(FIXED_LITERALS, lengths, 288, 'literal/length');
  build(FIXED_DISTANCES, new Uint8Array(32).fill(5), 32, 'distance');
}
const literals = newCode(288);
const distances = newCode(32);
const codeLengths = newCode(19);
const lengthsScratch = new Uint8Array(288 + 32);

// The reader's state for one inflate, in one object passed along: module-level `let`s cost a context load and a
// hole check at every access, which made the inner loops several times slower.
interface State {
  input: Uint8Array;
  pos: number;
  /** At most 23 bits are ever held (refills stop below 16), so signed shifts (>>) keep it a small integer: with >>>
   * V8 kept it (and the tables' Uint32 entries) as doubles in the loops, and a dynamic block took 8 µs, not 5. */
  bitBuffer: number;
  bitCount: number;
  /** The output as it grows, kept between calls (wiped after each) so a code allocates only its result. */
  out: Uint8Array;
  size: number;
  cap: number;
}
const EMPTY = new Uint8Array(0);
const state: State = { input: EMPTY, pos: 0, bitBuffer: 0, bitCount: 0, out: new Uint8Array(4096), size: 0, cap: 0 };

function bits(s: State, n: number): number {
  while (s.bitCount < n) {
    if (s.pos >= s.input.length) broken('unexpected end of the data');
    s.bitBuffer |= s.input[s.pos++]! << s.bitCount;
    s.bitCount += 8;
  }
  const value = s.bitBuffer & ((1 << n) - 1);
  s.bitBuffer >>= n;
  s.bitCount -= n;
  return value;
}

function decode(s: State, code: Code): number {
  const tableBits = code.bits;
  while (s.bitCount < tableBits && s.pos < s.input.length) {
    s.bitBuffer |= s.input[s.pos++]! << s.bitCount;
    s.bitCount += 8;
  }
  const entry = code.fast[s.bitBuffer & ((1 << tableBits) - 1)]!;
  const len = entry & 15;
  if (entry !== 0 && len <= s.bitCount) {
    s.bitBuffer >>= len;
    s.bitCount -= len;
    return entry >> 4;
  }
  // Longer than the table (or the last bits of the data): through the canonical code a bit at a time (puff's
  // way), from the bits at hand.
  while (s.bitCount < MAX_BITS && s.pos < s.input.length) {
    s.bitBuffer |= s.input[s.pos++]! << s.bitCount;
    s.bitCount += 8;
  }
  const buffer = s.bitBuffer;
  const available = s.bitCount;
  const count = code.count;
  let value = 0;
  let first = 0;
  let index = 0;
  for (let l = 1; l <= MAX_BITS; l++) {
    if (l > available) broken('unexpected end of the data');
    value |= (buffer >>> (l - 1)) & 1;
    const c = count[l]!;
    if (value - c < first) {
      // A code this short would have been in the table, which lists it in full (see build).
      if (l <= tableBits) broken('a code that is in no table');
      s.bitBuffer = buffer >> l;
      s.bitCount = available - l;
      return code.symbol[index + (value - first)]!;
    }
    if (l > tableBits) index += c;
    first = (first + c) << 1;
    value <<= 1;
  }
  return broken('a code that is in no table');
}

function room(s: State, extra: number): void {
  if (s.size + extra > s.cap) broken(`more than ${s.cap} bytes`);
  if (s.size + extra <= s.out.length) return;
  const bigger = new Uint8Array(Math.min(s.cap, Math.max(s.out.length * 2, s.size + extra)));
  bigger.set(s.out.subarray(0, s.size));
  s.out = bigger;
}

function stored(s: State): void {
  s.bitBuffer >>= s.bitCount & 7;
  s.bitCount -= s.bitCount & 7;
  const length = bits(s, 16);
  if ((bits(s, 16) ^ 0xffff) !== length) broken('a stored block whose length and its complement differ');
  // s.bitCount is 0 here: both lengths were read from whole bytes.
  if (s.pos + length > s.input.length) broken('unexpected end of the data');
  room(s, length);
  s.out.set(s.input.subarray(s.pos, s.pos + length), s.size);
  s.pos += length;
  s.size += length;
}

function compressed(s: State, lit: Code, dist: Code): void {
  const table = lit.fast;
  const tableBits = lit.bits;
  const mask = (1 << tableBits) - 1;
  const data = s.input;
  // The common case in locals: a literal found in one table read, with the bits at hand; the state object is
  // brought up to date before anything else reads it.
  let buffer = s.bitBuffer;
  let count = s.bitCount;
  let at = s.pos;
  let out = s.out;
  let n = s.size;
  let limit = Math.min(out.length, s.cap);
  const end = data.length;
  for (;;) {
    // Two bytes at a time where there are two: at most 8 bits are left when this refills, so at most 24 are held.
    if (count < tableBits) {
      if (at + 1 < end) {
        buffer |= (data[at]! | (data[at + 1]! << 8)) << count;
        at += 2;
        count += 16;
      } else if (at < end) {
        buffer |= data[at++]! << count;
        count += 8;
      }
    }
    const entry = table[buffer & mask]!;
    const len = entry & 15;
    let symbol: number;
    if (entry !== 0 && len <= count) {
      buffer >>= len;
      count -= len;
      symbol = entry >> 4;
    } else {
      s.bitBuffer = buffer;
      s.bitCount = count;
      s.pos = at;
      symbol = decode(s, lit);
      buffer = s.bitBuffer;
      count = s.bitCount;
      at = s.pos;
    }
    if (symbol < 256) {
      if (n >= limit) {
        s.size = n;
        room(s, 1);
        out = s.out;
        limit = Math.min(out.length, s.cap);
      }
      out[n++] = symbol;
      continue;
    }
    s.bitBuffer = buffer;
    s.bitCount = count;
    s.pos = at;
    s.size = n;
    if (symbol === 256) return;
    const l = symbol - 257;
    if (l >= 29) broken('invalid literal/length code');
    const length = LENGTH_BASE[l]! + bits(s, LENGTH_EXTRA[l]!);
    const d = decode(s, dist);
    if (d >= 30) broken('invalid distance code');
    const distance = DIST_BASE[d]! + bits(s, DIST_EXTRA[d]!);
    if (distance > n) broken('invalid distance too far back');
    room(s, length);
    out = s.out;
    limit = Math.min(out.length, s.cap);
    // Byte by byte: a copy may overlap what it writes (a run).
    for (let from = n - distance, stop = n + length; n < stop; ) out[n++] = out[from++]!;
    buffer = s.bitBuffer;
    count = s.bitCount;
    at = s.pos;
  }
}

function dynamic(s: State): void {
  const nLiterals = bits(s, 5) + 257;
  const nDistances = bits(s, 5) + 1;
  const nCodeLengths = bits(s, 4) + 4;
  if (nLiterals > 286 || nDistances > 30) broken('too many length or distance symbols');
  const lengths = lengthsScratch;
  lengths.fill(0, 0, 19);
  for (let i = 0; i < nCodeLengths; i++) lengths[CODE_LENGTH_ORDER[i]!] = bits(s, 3);
  build(codeLengths, lengths, 19, 'code-length');
  const total = nLiterals + nDistances;
  // The lengths in locals, as the literals are in compressed(): a code-length code is at most 7 bits, so each is one
  // table read once 14 bits are at hand (7 more for a repeat count); near the end of the data, the general path.
  const table = codeLengths.fast;
  const mask = (1 << codeLengths.bits) - 1;
  const data = s.input;
  let buffer = s.bitBuffer;
  let count = s.bitCount;
  let at = s.pos;
  for (let i = 0; i < total; ) {
    while (count < 14 && at < data.length) {
      buffer |= data[at++]! << count;
      count += 8;
    }
    let symbol: number;
    const entry = table[buffer & mask]!;
    const len = entry & 15;
    if (entry !== 0 && len <= count) {
      buffer >>= len;
      count -= len;
      symbol = entry >> 4;
    } else {
      s.bitBuffer = buffer;
      s.bitCount = count;
      s.pos = at;
      symbol = decode(s, codeLengths);
      buffer = s.bitBuffer;
      count = s.bitCount;
      at = s.pos;
    }
    if (symbol < 16) {
      lengths[i++] = symbol;
      continue;
    }
    const extra = symbol === 16 ? 2 : symbol === 17 ? 3 : 7;
    if (count < extra) broken('unexpected end of the data');
    const repeat = (symbol === 18 ? 11 : 3) + (buffer & ((1 << extra) - 1));
    buffer >>= extra;
    count -= extra;
    let value = 0;
    if (symbol === 16) {
      if (i === 0) broken('a length repeated before any length');
      value = lengths[i - 1]!;
    }
    if (i + repeat > total) broken('lengths repeated past the end');
    for (const stop = i + repeat; i < stop; ) lengths[i++] = value;
  }
  s.bitBuffer = buffer;
  s.bitCount = count;
  s.pos = at;
  if (lengths[256] === 0) broken('no end-of-block code');
  build(literals, lengths, nLiterals, 'literal/length');
  build(distances, lengths.subarray(nLiterals), nDistances, 'distance');
  compressed(s, literals, distances);
}

function adler32(bytes: Uint8Array, length: number): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < length; ) {
    // 5552 bytes is the most that keeps b below 2^32 before the modulo.
    const stop = Math.min(length, i + 5552);
    for (; i < stop; i++) {
      a += bytes[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** Inflates one zlib stream of at most `maxBytes` output; what follows its Adler-32 trailer is ignored, as zlib does. */
export function zlibInflate(bytes: Uint8Array, maxBytes: number): Inflated {
  const s = state;
  s.input = bytes;
  s.pos = 0;
  s.bitBuffer = 0;
  s.bitCount = 0;
  s.cap = maxBytes;
  s.size = 0;
  try {
    if (bytes.length < 2) broken('unexpected end of the data');
    const cmf = bytes[0]!;
    const flg = bytes[1]!;
    if ((cmf * 256 + flg) % 31 !== 0) broken('incorrect header check');
    if ((cmf & 15) !== 8) broken('unknown compression method');
    if (cmf >> 4 > 7) broken('invalid window size');
    if (flg & 0x20) broken('a preset dictionary is needed');
    s.pos = 2;
    let last = 0;
    while (!last) {
      last = bits(s, 1);
      const type = bits(s, 2);
      if (type === 0) stored(s);
      else if (type === 1) compressed(s, FIXED_LITERALS, FIXED_DISTANCES);
      else if (type === 2) dynamic(s);
      else broken('invalid block type');
    }
    s.bitBuffer >>= s.bitCount & 7;
    s.bitCount -= s.bitCount & 7;
    // The Adler-32 trailer, big-endian.
    const trailer = ((bits(s, 8) << 24) | (bits(s, 8) << 16) | (bits(s, 8) << 8) | bits(s, 8)) >>> 0;
    if (trailer !== adler32(s.out, s.size)) broken('incorrect data check');
    const result = Buffer.allocUnsafe(s.size);
    result.set(s.out.subarray(0, s.size));
    return { ok: true, value: result };
  } catch (error) {
    return { ok: false, detail: error instanceof Broken ? error.message : String(error) };
  } finally {
    // Nothing of this code stays behind for the next: its s.input let go, its bytes wiped.
    s.input = EMPTY;
    s.out.fill(0, 0, s.size);
  }
}
