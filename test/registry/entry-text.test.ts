// The registry writes a validated entry's canonical JSON by its known members; it must be hashedText's bytes exactly,
// or a sound entry would be flagged as altered (or an altered one pass).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainEntry, hashedText } from '../../src/common/wire/chain.ts';
import { GENESIS_HASH, type EntryFields, type WireEntry } from '../../src/common/wire/schemas.ts';
import { nodeDigest } from '../../src/kiosk/platform/node-digest.ts';
import { entryText } from '../../src/registry/entry-text.ts';
import { entryFields } from '../support/sync-fixtures.ts';

const entry = (overrides: Partial<EntryFields> = {}): WireEntry => chainEntry(nodeDigest, entryFields(overrides, Date.parse('2026-03-02T10:00:00Z')), 7, GENESIS_HASH);
const text = fc.string({ maxLength: 12, unit: 'grapheme' });

describe('entryText', () => {
  it.each<[string, WireEntry]>([
    ['a plain entry', entry()],
    ['every optional member', entry({
      healthCode: { status: 'green', source: 'online', reason: null, testAgeHours: null, testBand: '24h', testResult: 'negative', doses: 3, travelFlag: true, cached: false },
      warnings: ['travel-flag'],
      otherPhone: true,
      watch: { version: 4, hits: [{ kind: 'follow-up', ref: 7 }, { kind: 'red', ref: 2 }] },
    })],
    ['text that JSON escapes', entry({ volunteer: 'Li "\\\t\n\u2028 伟', reasons: ['a"b', '\\'], identity: { maskedId: null } })],
    // Not what validation lets through, but the answer must still be hashedText's.
    ['an unknown member', { ...entry(), extra: 1 } as WireEntry],
    ['an unknown health-code member', { ...entry(), healthCode: { ...entry().healthCode, extra: 1 } } as WireEntry],
    ['an unknown identity member', { ...entry(), identity: { maskedId: 'x', extra: 1 } } as WireEntry],
  ])('is hashedText for %s', (_name, e) => expect(entryText(e)).toBe(hashedText(e)));

  it('is hashedText for entries with any of the optional members', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            volunteer: text,
            lane: text,
            reasons: fc.array(text, { maxLength: 3 }),
            temperatureC: fc.option(fc.double({ min: 25, max: 50, noNaN: true })),
            maskWorn: fc.option(fc.boolean()),
            healthCode: fc.record(
              { status: text, source: fc.option(text), reason: fc.option(text), testAgeHours: fc.option(fc.nat()), testBand: text, testResult: text, doses: fc.nat(20), travelFlag: fc.boolean(), cached: fc.boolean() },
              { requiredKeys: ['status', 'source', 'reason'] },
            ),
            warnings: fc.array(text, { maxLength: 2 }),
            otherPhone: fc.constant(true as const),
            watch: fc.record({ version: fc.integer({ min: 1 }), hits: fc.array(fc.record({ kind: fc.constantFrom('red' as const, 'yellow' as const), ref: fc.integer({ min: 1 }) }), { minLength: 1, maxLength: 3 }) }),
          },
          { requiredKeys: [] },
        ),
        (overrides) => {
          const e = JSON.parse(JSON.stringify(entry(overrides as Partial<EntryFields>))) as WireEntry;
          expect(entryText(e)).toBe(hashedText(e));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
