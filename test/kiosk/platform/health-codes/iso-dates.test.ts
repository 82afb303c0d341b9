// The scan-path date helpers give exactly what Date gives.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { dayStartMs, isoString } from '../../../../src/kiosk/platform/health-codes/iso-dates.ts';

describe('isoString', () => {
  test.each([0, -1, 1, 951_782_400_000, 1_622_246_400_123, -62_167_219_200_000, 253_402_300_799_999, 4_107_542_399_999])('%d as toISOString', (ms) => {
    expect(isoString(ms)).toBe(new Date(ms).toISOString());
  });

  test('every instant of years 0000-9999 as toISOString', () => {
    fc.assert(fc.property(fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }), (ms) => {
      expect(isoString(ms)).toBe(new Date(ms).toISOString());
    }), { numRuns: 5000 });
  });

  test('outside them, and for fractions, Date answers (and throws as Date throws)', () => {
    expect(isoString(253_402_300_800_000)).toBe(new Date(253_402_300_800_000).toISOString());
    expect(isoString(-62_167_219_200_001)).toBe(new Date(-62_167_219_200_001).toISOString());
    expect(isoString(1.5)).toBe(new Date(1.5).toISOString());
    expect(() => isoString(Number.NaN)).toThrow(RangeError);
    expect(() => isoString(9e15)).toThrow(RangeError);
  });
});

describe('dayStartMs', () => {
  const asDate = (text: string) => {
    if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return Number.NaN;
    return new Date(`${text.slice(0, 10)}T00:00:00Z`).getTime();
  };
  test.each(['2021-05-29', '2021-05-29T10:00:00Z', '2020-02-29', '2021-02-29', '2021-02-30', '2021-04-31', '0000-01-01', '0099-12-31', '0100-03-01', '9999-12-31', '2021-13-01', '2021-00-10', '2021-01-00', '2021-01-32', '2021-1-01', '2021/01/01', '21-01-01', '', 'abcd-ef-gh', '２０２１-01-01'])('%s as Date reads it', (text) => {
    expect(dayStartMs(text)).toEqual(asDate(text));
  });

  test('any text of the shape as Date reads it', () => {
    const digits = (n: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((d) => d.join(''));
    fc.assert(fc.property(digits(4), digits(2), digits(2), fc.string({ maxLength: 5 }), (y, m, d, rest) => {
      const text = `${y}-${m}-${d}${rest}`;
      expect(dayStartMs(text)).toEqual(asDate(text));
    }), { numRuns: 3000 });
  });
});
