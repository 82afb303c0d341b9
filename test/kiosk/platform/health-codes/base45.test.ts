// Base45 decoding from an offset (the prefix skipped without slicing) and its refusals.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { base45Decode, base45Encode } from '../../../../src/kiosk/platform/health-codes/base45.ts';

describe('base45Decode', () => {
  test.each([
    ['AB', 'BB8'],
    ['Hello!!', '%69 VD92EX0'],
    ['base-45', 'UJCLQE7W581'],
    ['ietf!', 'QED8WEX0'],
    ['', ''],
  ])('%s from RFC 9285', (plain, encoded) => {
    expect(Buffer.from(base45Decode(encoded)!).toString()).toBe(plain);
    expect(Buffer.from(base45Decode(`HC1:${encoded}`, 4)!).toString()).toBe(plain);
  });

  test.each([
    ['a dangling character', 'BB8A'],
    ['a lower-case letter', 'bb8'],
    ['a character outside ASCII', 'BBÄ'],
    ['a character past Latin-1 that would wrap to a digit', 'BB\u0130'],
    ['a triple over 65535', 'GGW'],
    ['a pair over 255', ':V'],
    ['a start past the end', 'HC1'],
  ])('refuses %s', (_name, text) => {
    expect(base45Decode(text, text === 'HC1' ? 4 : 0)).toBeNull();
  });

  test('decodes what it encodes, with or without a prefix', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const text = base45Encode(bytes);
      expect([...base45Decode(text)!]).toEqual([...bytes]);
      expect([...base45Decode(`HC1:${text}`, 4)!]).toEqual([...bytes]);
    }));
  });
});
