// The plain-JavaScript zlib inflater gives exactly node:zlib's bytes, or refuses where node:zlib throws: every
// block type and strategy, corrupted and truncated streams, and table-driven malformed headers and codes.
import fc from 'fast-check';
import { constants, deflateRawSync, deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { zlibInflate } from '../../../../src/kiosk/platform/health-codes/zlib-inflate.ts';

const CAP = 64 * 1024;
const hex = (h: string) => Buffer.from(h.replace(/\s+/g, ''), 'hex');

/** node:zlib's answer: the bytes, or null where it throws. */
function reference(bytes: Uint8Array): Buffer | null {
  try {
    return inflateSync(bytes, { maxOutputLength: CAP });
  } catch {
    return null;
  }
}

function agrees(bytes: Uint8Array): void {
  const ours = zlibInflate(bytes, CAP);
  const theirs = reference(bytes);
  if (theirs === null) expect(ours.ok).toBe(false);
  else expect(ours.ok && Buffer.compare(ours.value, theirs)).toBe(0);
}

/** A zlib stream around raw deflate bytes, with the right Adler-32 of `content`. */
function wrap(raw: Uint8Array, content: Uint8Array): Buffer {
  let a = 1;
  let b = 0;
  for (const byte of content) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  const trailer = Buffer.alloc(4);
  trailer.writeUInt32BE(((b << 16) | a) >>> 0);
  return Buffer.concat([hex('789c'), raw, trailer]);
}

const certificateLike = fc.array(fc.constantFrom('URN:UVCI:01:AT:', 'EU/1/20/1528', '2021-05-29', 'Schmidt', 'AT', '840539006', '{"v":[', '"dn":1'), { maxLength: 80 }).map((parts) => Buffer.from(parts.join('')));
const content = fc.oneof(fc.uint8Array({ maxLength: 3000 }).map((b) => Buffer.from(b)), certificateLike);
const STRATEGIES = [constants.Z_DEFAULT_STRATEGY, constants.Z_FIXED, constants.Z_HUFFMAN_ONLY, constants.Z_RLE, constants.Z_FILTERED];

describe('zlibInflate', () => {
  test('gives node:zlib\'s bytes for every level and strategy (stored, fixed and dynamic blocks)', () => {
    fc.assert(fc.property(content, fc.constantFrom(0, 1, 6, 9), fc.constantFrom(...STRATEGIES), (data, level, strategy) => {
      const inflated = zlibInflate(deflateSync(data, { level, strategy }), CAP);
      expect(inflated.ok && Buffer.compare(inflated.value, data)).toBe(0);
    }), { numRuns: 400 });
  });

  test('agrees with node:zlib on corrupted and truncated streams', () => {
    fc.assert(fc.property(content, fc.constantFrom(...STRATEGIES), fc.nat(), fc.nat(7), (data, strategy, where, bit) => {
      const good = deflateSync(data, { strategy });
      const flipped = Buffer.from(good);
      flipped[where % good.length]! ^= 1 << bit;
      agrees(flipped);
      agrees(good.subarray(0, where % good.length));
    }), { numRuns: 1000 });
  });

  test('random bytes never throw', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      expect(() => zlibInflate(bytes, CAP)).not.toThrow();
      agrees(Buffer.concat([hex('789c'), bytes]));
    }), { numRuns: 2000 });
  });

  test('refuses more output than the cap (a zip bomb)', () => {
    const bomb = deflateSync(Buffer.alloc(CAP + 1));
    expect(zlibInflate(bomb, CAP)).toMatchObject({ ok: false, detail: expect.stringContaining(`more than ${CAP} bytes`) });
    expect(zlibInflate(deflateSync(Buffer.alloc(CAP)), CAP).ok).toBe(true);
  });

  test('ignores what follows the trailer, as node:zlib does', () => {
    const stream = Buffer.concat([deflateSync(Buffer.from('hello hello hello')), hex('010203')]);
    expect(zlibInflate(stream, CAP)).toMatchObject({ ok: true, value: Buffer.from('hello hello hello') });
  });

  const hello = Buffer.from('hello');
  test.each([
    ['nothing', ''],
    ['a lone header byte', '78'],
    ['a header whose check fails', '789d' + '0300'],
    ['not deflate (method 7)', '7701'],
    ['a window larger than 32 KiB', '881c'],
    ['a preset dictionary', '78bb00000000'],
    ['a header with no blocks', '789c'],
    ['the reserved block type 3', '789c07'],
    ['a stored block whose lengths disagree', '789c' + '01' + '0500' + '0000' + '68656c6c6f'],
    ['a stored block running past the end', '789c' + '01' + '0500' + 'faff' + '6865'],
    ['a wrong Adler-32', Buffer.concat([deflateSync(hello).subarray(0, -1), hex('00')]).toString('hex')],
    ['a missing Adler-32', deflateSync(hello).subarray(0, -4).toString('hex')],
    ['too many length codes (HLIT 30)', '789c' + 'f5' + 'ff' + 'ff' + 'ff'],
  ])('refuses %s', (_name, h) => {
    const bytes = Buffer.from(h, 'hex');
    const ours = zlibInflate(bytes, CAP);
    expect(ours.ok).toBe(false);
    expect(reference(bytes)).toBeNull();
  });

  // fast-check keeps arrays small by default, so its blocks rarely hold a code over nine bits (read bit by bit, past
  // the one-read table): here bytes in groups of eight values, each group about half as often as the one before (up
  // to 16 KB), give codes up to 15 bits; then each stream is cut and bit-flipped near its end.
  const skewed = (seed: number, size: number): Buffer => {
    const bytes = Buffer.alloc(size);
    let x = seed;
    for (let i = 0; i < size; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      bytes[i] = Math.min(255, Math.clz32(x | 1) * 9 + (x & 7));
    }
    return bytes;
  };
  test.each([1, 2, 3, 4, 5, 6, 7, 8])('codes longer than the table, and their last bits cut or flipped (seed %i)', (seed) => {
    const data = skewed(seed, 2000 * seed);
    for (const strategy of [constants.Z_DEFAULT_STRATEGY, constants.Z_HUFFMAN_ONLY]) {
      const good = deflateSync(data, { strategy, level: 9 });
      expect(zlibInflate(good, CAP)).toMatchObject({ ok: true, value: data });
      for (let cut = good.length - 12; cut < good.length; cut++) agrees(good.subarray(0, cut));
      for (let bit = 0; bit < 64; bit++) {
        const flipped = Buffer.from(good);
        flipped[good.length - 12 - (bit >> 3)]! ^= 1 << (bit & 7);
        agrees(flipped);
      }
    }
  });

  test('every one-bit change of a fixed-code block is read as node:zlib reads it (bad distances among them)', () => {
    const good = deflateRawSync(Buffer.from('aaaa'), { strategy: constants.Z_FIXED });
    expect(zlibInflate(wrap(good, Buffer.from('aaaa')), CAP)).toMatchObject({ ok: true });
    let refused = 0;
    for (let bit = 0; bit < good.length * 8; bit++) {
      const broken = Buffer.from(good);
      broken[bit >> 3]! ^= 1 << (bit & 7);
      const stream = wrap(broken, Buffer.from('aaaa'));
      agrees(stream);
      if (!zlibInflate(stream, CAP).ok) refused++;
    }
    expect(refused).toBeGreaterThan(0);
  });
});
