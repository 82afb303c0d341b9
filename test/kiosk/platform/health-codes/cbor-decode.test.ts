// The COSE/CWT CBOR decoder: what it gives for each shape a certificate uses (as cbor-x gave it), and that every
// malformed input is refused with a reason, never thrown, never a partial value.
import fc from 'fast-check';
import { Decoder, Encoder, Tag } from 'cbor-x';
import { describe, expect, test } from 'vitest';
import { decodeCborItem } from '../../../../src/kiosk/platform/health-codes/cbor-decode.ts';

const hex = (h: string) => Buffer.from(h.replace(/\s+/g, ''), 'hex');
const cborX = new Decoder({ mapsAsObjects: false, useRecords: false });
const encoder = new Encoder({ mapsAsObjects: false, useRecords: false, tagUint8Array: false, variableMapSize: true });

describe('decodes the shapes a certificate uses', () => {
  test.each([
    ['small unsigned', '17', 23],
    ['one-byte unsigned', '1818', 24],
    ['two-byte unsigned', '190100', 256],
    ['four-byte unsigned (an exp claim)', '1a60000000', 0x60000000],
    ['eight-byte unsigned within 2^53', '1b001fffffffffffff', Number.MAX_SAFE_INTEGER],
    ['eight-byte unsigned past 2^53 as a bigint', '1b0020000000000000', 2n ** 53n],
    ['negative (an alg label)', '26', -7],
    ['negative -37 (PS256)', '3824', -37],
    ['negative -260 (hcert claim)', '390103', -260],
    ['64-bit negative as a bigint', '3bffffffffffffffff', -(2n ** 64n)],
    ['empty text', '60', ''],
    ['short ASCII text', '6176', 'v'],
    ['UTF-8 text', '66e5bca0e4b889', '张三'],
    ['long ASCII text', '7819' + Buffer.from('URN:UVCI:01:AT:10807843F94').toString('hex').slice(0, 50), 'URN:UVCI:01:AT:10807843F9'],
    ['false, true, null, undefined', '84f4f5f6f7', [false, true, null, undefined]],
    ['half float', 'f93c00', 1],
    ['single float', 'fa3fc00000', 1.5],
    ['double float', 'fb3ff8000000000000', 1.5],
    ['indefinite array', '9f0102ff', [1, 2]],
    ['epoch date tag', 'c11a60000000', new Date(0x60000000 * 1000)],
    ['string date tag', 'c074323031332d30332d32315432303a30343a30305a', new Date('2013-03-21T20:04:00Z')],
    ['bignum tag', 'c2420100', 256n],
  ])('%s', (_name, bytes, expected) => {
    expect(decodeCborItem(hex(bytes))).toEqual({ ok: true, value: expected });
  });

  test('maps stay Maps with their integer and text keys; an indefinite map too', () => {
    expect(decodeCborItem(hex('a201260442abcd'))).toEqual({ ok: true, value: new Map<unknown, unknown>([[1, -7], [4, Buffer.from([0xab, 0xcd])]]) });
    expect(decodeCborItem(hex('bf616101ff'))).toEqual({ ok: true, value: new Map([['a', 1]]) });
  });

  test('byte strings are Buffers over the input', () => {
    const value = decodeCborItem(hex('43010203'));
    expect(value.ok && Buffer.isBuffer(value.value) && [...(value.value as Buffer)]).toEqual([1, 2, 3]);
  });

  test('texts of every length come out whole beside non-ASCII ones and binary bytes (long ASCII texts are slices of one Latin-1 copy)', () => {
    const nam = new Map<unknown, unknown>([
      ['fn', 'Musterfrau-Gößinger'],
      ['fnt', 'MUSTERFRAU<GOESSINGER'],
      ['ci', 'URN:UVCI:01:AT:10807843F94AEE0EE5093FBC254BD813#B'],
      ['is', 'Ministry of Health, Austria'],
      ['gn', '欧阳娜娜'],
      ['dob', '1998-02-26'],
      ['x', Buffer.from([0xc3, 0xa9, 0xff, 0x80])],
      ['ver', '1.2.1'],
      ['abcd', 'ab'],
    ]);
    const bytes = encoder.encode(nam);
    expect(decodeCborItem(bytes)).toEqual({ ok: true, value: nam });
    expect(decodeCborItem(bytes)).toEqual({ ok: true, value: encoder.decode(bytes) });
  });

  test('a COSE_Sign1 tag keeps its tag (cbor-x Tag) and content', () => {
    const cose = encoder.encode(new Tag([Buffer.from([0xa1, 0x01, 0x26]), new Map(), Buffer.from('payload'), Buffer.alloc(64, 7)], 18));
    const decoded = decodeCborItem(cose);
    expect(decoded.ok && decoded.value instanceof Tag && decoded.value.tag).toBe(18);
  });

  test('anything cbor-x encodes from certificate-like values decodes to what cbor-x decodes', () => {
    const leaf = fc.oneof(fc.integer(), fc.string(), fc.string({ unit: 'binary' }), fc.boolean(), fc.constant(null), fc.double({ noNaN: true }), fc.uint8Array().map((b) => Buffer.from(b)));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 4 }), fc.array(fc.tuple(fc.oneof(fc.integer(), fc.string()), tie('node')), { maxLength: 4 }).map((entries) => new Map(entries))),
    })).node;
    fc.assert(fc.property(value, (v) => {
      const bytes = encoder.encode(v);
      expect(decodeCborItem(bytes)).toEqual({ ok: true, value: cborX.decode(bytes) });
    }), { numRuns: 300 });
  });
});

describe('refuses malformed input without throwing', () => {
  test.each([
    ['nothing at all', ''],
    ['a truncated two-byte argument', '19'],
    ['a truncated 64-bit argument', '1b0000'],
    ['a byte string longer than the input', '4501'],
    ['a huge byte string length', '5bffffffffffffffff00'],
    ['a huge text length', '7affffffff'],
    ['a huge array count', '9bffffffffffffffff'],
    ['a huge map count', 'baffffffff'],
    ['an array with an item missing', '820101'.slice(0, 4)],
    ['a map key without a value', 'a101'],
    ['an indefinite array without its break', '9f01'],
    ['a break outside anything', 'ff'],
    ['a break inside a definite array', '8201ff'],
    ['a break inside a definite map', 'a1ff'],
    ['a break as a map value', 'bf01ffff'],
    ['an indefinite byte string', '5f4101ff'],
    ['an indefinite text string', '7f6161ff'],
    ['an indefinite integer', '1f'],
    ['reserved additional information', '1c'],
    ['an unknown simple value', 'f0'],
    ['a one-byte simple value', 'f820'],
    ['a tag without content', 'd2'],
    ['a date tag over bytes', 'c14100'],
    ['a bignum tag over text', 'c26161'],
    ['trailing bytes after the item', '0102'],
    ['nesting deeper than any certificate', '81'.repeat(100) + '00'],
  ])('%s', (_name, bytes) => {
    const decoded = decodeCborItem(hex(bytes));
    expect(decoded.ok).toBe(false);
    expect(decoded.ok === false && decoded.detail.length).toBeGreaterThan(0);
  });

  test('random bytes never throw; a prefix of a valid item is refused', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      expect(() => decodeCborItem(bytes)).not.toThrow();
    }), { numRuns: 2000 });
    const whole = encoder.encode(new Map<unknown, unknown>([[1, 'AT'], [4, 1700000000], [-260, new Map([[1, new Map([['v', [new Map([['dn', 1]])]]])]])]]));
    for (let cut = 0; cut < whole.length; cut++) expect(decodeCborItem(whole.subarray(0, cut)).ok).toBe(false);
  });
});
