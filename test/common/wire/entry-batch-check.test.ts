// The hand-written batch check says yes only where zod's EntryBatch would accept the batch and return it unchanged;
// everything else it leaves to zod, so the registry's refusals and messages stay zod's.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainEntry } from '../../../src/common/wire/chain.ts';
import { isPlainEntryBatch } from '../../../src/common/wire/entry-batch-check.ts';
import { EntryBatch, GENESIS_HASH, MAX_BATCH, type WireEntry } from '../../../src/common/wire/schemas.ts';
import { nodeDigest } from '../../../src/kiosk/platform/node-digest.ts';
import { entryFields } from '../../support/sync-fixtures.ts';

const AT = Date.parse('2026-03-02T10:00:00Z');
function chain(n: number, extra: Partial<WireEntry> = {}): WireEntry[] {
  const out: WireEntry[] = [];
  let prev = GENESIS_HASH;
  for (let i = 0; i < n; i++) {
    const e = chainEntry(nodeDigest, entryFields(extra, AT + i), i + 1, prev);
    prev = e.hash;
    out.push(e);
  }
  return out;
}
/** As it arrives: parsed from JSON text. */
const wire = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
const batchOf = (...entries: unknown[]) => wire({ entries });
const one = (change: (e: any) => void) => {
  const e: any = wire(chain(1)[0]);
  change(e);
  return batchOf(e);
};

describe('the hand-written entry batch check', () => {
  it.each([
    ['a plain entry', chain(1)],
    ['500 entries', chain(500)],
    ['every optional member', chain(2, {
      healthCode: { status: 'green', source: 'online', reason: null, testAgeHours: 20, testBand: '24h', testResult: 'negative', doses: 3, travelFlag: false, cached: true },
      warnings: ['travel-flag'],
      otherPhone: true,
      watch: { version: 4, hits: [{ kind: 'follow-up', ref: 7 }] },
      decision: 'refuse',
      reasons: ['fever', 'mask'],
      temperatureC: null,
      temperatureSource: null,
      maskWorn: null,
      identity: { maskedId: null },
    })],
    ['a test of unknown age', chain(1, { healthCode: { status: 'green', source: null, reason: null, testAgeHours: null } })],
  ])('passes %s, which zod accepts and returns unchanged', (_name, entries) => {
    const body = batchOf(...entries);
    expect(isPlainEntryBatch(body)).toBe(true);
    const parsed = EntryBatch.safeParse(body);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toStrictEqual(body);
  });

  // Each is left to zod; the last column says whether zod then refuses it (400 with its message) or strips a key.
  it.each<[string, unknown, 'refused' | 'stripped']>([
    ['not an object', wire([]), 'refused'],
    ['no entries', batchOf(), 'refused'],
    ['too many entries', wire({ entries: chain(MAX_BATCH + 1) }), 'refused'],
    ['entries not an array', wire({ entries: {} }), 'refused'],
    ['an unknown batch member', wire({ entries: chain(1), more: 1 }), 'stripped'],
    ['an unknown entry member', one((e) => (e.extra = 1)), 'stripped'],
    ['an own __proto__ member', batchOf(JSON.parse(JSON.stringify(chain(1)[0]).replace('{', '{"__proto__":{"x":1},'))), 'stripped'],
    ['an unknown health-code member', one((e) => (e.healthCode.name = 'Li')), 'stripped'],
    ['an unknown identity member', one((e) => (e.identity.fullId = '310101199001011234')), 'stripped'],
    ['an unknown watch-hit member', one((e) => (e.watch = { version: 1, hits: [{ kind: 'red', ref: 1, note: 'x' }] })), 'stripped'],
    ['a missing id', one((e) => delete e.id), 'refused'],
    ['an id that is no uuid', one((e) => (e.id = 'not-a-uuid')), 'refused'],
    ['an at without offset', one((e) => (e.at = '2026-03-02T10:00:00')), 'refused'],
    ['an at on no calendar day', one((e) => (e.at = '2026-02-30T10:00:00Z')), 'refused'],
    ['a day on no calendar', one((e) => (e.day = '2026-02-30')), 'refused'],
    ['a day of another form', one((e) => (e.day = '2026-3-2')), 'refused'],
    ['a day far from at', one((e) => (e.day = '2026-03-05')), 'refused'],
    ['an unknown direction', one((e) => (e.direction = 'up')), 'refused'],
    ['an empty lane', one((e) => (e.lane = '')), 'refused'],
    ['a long lane', one((e) => (e.lane = 'x'.repeat(17))), 'refused'],
    ['a long masked id', one((e) => (e.identity.maskedId = 'x'.repeat(41))), 'refused'],
    ['no identity', one((e) => (e.identity = null)), 'refused'],
    ['an empty health-code status', one((e) => (e.healthCode.status = '')), 'refused'],
    ['a missing health-code source', one((e) => delete e.healthCode.source), 'refused'],
    ['a fractional test age', one((e) => (e.healthCode.testAgeHours = 1.5)), 'refused'],
    ['too many doses', one((e) => (e.healthCode.doses = 21)), 'refused'],
    ['a travel flag as text', one((e) => (e.healthCode.travelFlag = 'yes')), 'refused'],
    ['a temperature as text', one((e) => (e.temperatureC = 'hot')), 'refused'],
    ['a temperature too high', one((e) => (e.temperatureC = 50.1)), 'refused'],
    ['an unknown temperature source', one((e) => (e.temperatureSource = 'guess')), 'refused'],
    ['fever as a number', one((e) => (e.fever = 0)), 'refused'],
    ['a missing mask reading', one((e) => delete e.maskWorn), 'refused'],
    ['an unknown decision', one((e) => (e.decision = 'maybe')), 'refused'],
    ['an empty reason', one((e) => (e.reasons = [''])), 'refused'],
    ['17 reasons', one((e) => (e.reasons = Array(17).fill('fever'))), 'refused'],
    ['a long volunteer', one((e) => (e.volunteer = 'x'.repeat(65))), 'refused'],
    ['9 warnings', one((e) => (e.warnings = Array(9).fill('travel-flag'))), 'refused'],
    ['otherPhone false', one((e) => (e.otherPhone = false)), 'refused'],
    ['a watch hit without rows', one((e) => (e.watch = { version: 1, hits: [] })), 'refused'],
    ['an unknown watch kind', one((e) => (e.watch = { version: 1, hits: [{ kind: 'green', ref: 1 }] })), 'refused'],
    ['seq 0', one((e) => (e.seq = 0)), 'refused'],
    ['a fractional seq', one((e) => (e.seq = 1.5)), 'refused'],
    ['a seq past 2^53', one((e) => (e.seq = 2 ** 53)), 'refused'],
    ['an upper-case hash', one((e) => (e.hash = e.hash.toUpperCase())), 'refused'],
    ['a short prevHash', one((e) => (e.prevHash = 'ab')), 'refused'],
    ['two entries with one id', wire({ entries: chain(2).map((e, i, all) => ({ ...e, id: all[0]!.id })) }), 'refused'],
    ['two entries with one seq', wire({ entries: chain(2).map((e) => ({ ...e, seq: 1 })) }), 'refused'],
  ])('leaves %s to zod', (_name, body, zodSays) => {
    expect(isPlainEntryBatch(body)).toBe(false);
    const parsed = EntryBatch.safeParse(body);
    expect(parsed.success ? 'stripped' : 'refused').toBe(zodSays);
  });

  it('never passes what zod refuses or would change (random members in random places)', () => {
    const base = wire(chain(1)[0]) as Record<string, any>;
    const paths = [...Object.keys(base).map((k) => [k]), ...Object.keys(base.healthCode).map((k) => ['healthCode', k]), ['identity', 'maskedId'], ['healthCode', 'doses'], ['watch'], ['warnings'], ['otherPhone'], ['extra']];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...paths), fc.oneof(fc.jsonValue(), fc.constant(undefined))), { minLength: 1, maxLength: 3 }), (changes) => {
        const e = structuredClone(base);
        for (const [path, value] of changes) {
          const holder = path.length === 2 ? e[path[0]!] : e;
          if (holder && typeof holder === 'object') holder[path.at(-1)!] = value;
        }
        const body = batchOf(e);
        if (!isPlainEntryBatch(body)) return;
        const parsed = EntryBatch.safeParse(body);
        expect(parsed.success).toBe(true);
        expect(parsed.data).toStrictEqual(body);
      }),
      { numRuns: 3000 },
    );
  });
});
