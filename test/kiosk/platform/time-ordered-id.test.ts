import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { timeOrderedId } from '../../../src/kiosk/platform/time-ordered-id.ts';

const zeros = Buffer.alloc(10);
const ones = Buffer.alloc(10, 0xff);

describe('time-ordered entry ids (UUIDv7)', () => {
  it.each([
    [0, zeros, '00000000-0000-7000-8000-000000000000'],
    [0, ones, '00000000-0000-7fff-bfff-ffffffffffff'],
    [Date.UTC(2026, 11, 2), zeros, `${(Date.UTC(2026, 11, 2)).toString(16).padStart(12, '0').replace(/^(.{8})(.{4})$/, '$1-$2')}-7000-8000-000000000000`],
  ])('at %i ms with random bytes %o is %s', (ms, random, id) => {
    expect(timeOrderedId(ms, random)).toBe(id);
  });

  it('is a UUID the wire accepts (version 7, RFC 9562 variant)', () => {
    const id = timeOrderedId(Date.now());
    expect(z.uuid().safeParse(id).success).toBe(true);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]!);
  });

  it('sorts by time, so each new id lands at the end of the primary key index', () => {
    const at = Date.UTC(2026, 5, 1, 7, 30);
    const ids = [0, 1, 2, 1000, 86_400_000].map((d) => timeOrderedId(at + d, d % 2 ? ones : zeros));
    expect([...ids].sort()).toEqual(ids);
  });

  it('differs between two ids of the same millisecond', () => {
    expect(timeOrderedId(1)).not.toBe(timeOrderedId(1));
  });
});
