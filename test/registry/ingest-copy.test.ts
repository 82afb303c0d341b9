// A batch of new entries goes in by COPY; one holding an entry stored before goes again by INSERT ... ON CONFLICT.
// On both engines the two ways must store the same rows (free text that COPY would misread included) and count the
// same figures, and the second must still sort out duplicates.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/registry/sql.ts';
import type { RunningRegistry } from '../../src/registry/server.ts';
import type { EntryFields, WireEntry } from '../../src/common/wire/schemas.ts';
import { backends } from '../support/registry-backends.ts';
import { enrolTestKiosk, testRegistry } from '../support/registry-harness.ts';

const NOW = Date.parse('2026-06-15T10:00:00Z');
// Tabs, newlines, backslashes, quotes, braces, commas and "NULL": each would break a COPY line or an array literal
// written without escapes.
const AWKWARD_COMPOUND = 'c\t\\N "x"\ny';
const awkward = (i: number): Partial<EntryFields> => ({
  volunteer: `Li \\ "Wei"\t${i}\n`,
  lane: 'a\tb',
  decision: i % 2 === 0 ? 'refuse' : 'pass',
  reasons: i % 2 === 0 ? ['code-red', 'a,b', '{x}', 'q"uote', 'back\\slash', 'NULL', ' sp '] : [],
  fever: i % 3 === 0,
  identity: { maskedId: i % 4 === 0 ? null : '3101**\\**1234' },
  healthCode: { status: 'green', source: null, reason: 'r\\n', testAgeHours: i, testBand: '24h', doses: 2, cached: true },
  ...(i % 5 === 0 ? { watch: { version: 2, hits: [{ kind: 'follow-up' as const, ref: i + 1 }] } } : {}),
});

describe.each(backends())('ingest by COPY and by INSERT on $name', (backend) => {
  let db: Database;
  let registry: RunningRegistry;
  beforeAll(async () => {
    db = await backend.open();
  });
  afterAll(() => backend.close());
  beforeEach(async () => {
    await backend.reset(db);
    registry = await testRegistry(db, { now: () => NOW, timeZone: 'UTC' });
    return () => registry.close();
  });

  it('store the same rows and figures, and the fallback still answers duplicates', async () => {
    const kiosk = await enrolTestKiosk(registry.url, AWKWARD_COMPOUND, () => NOW);
    const entries = kiosk.chain(20, awkward, (i) => NOW - 3_600_000 + i * 60_000);
    const first = await kiosk.send(entries.slice(0, 10));
    expect(first).toEqual({ stored: entries.slice(0, 10).map((e) => e.id), duplicates: [], conflicts: [], problems: [] });
    // A resend of the last entry makes this batch's COPY fail on the primary key; it is stored by INSERT instead.
    const second = await kiosk.send(entries.slice(9));
    expect(second).toEqual({ stored: entries.slice(10).map((e) => e.id), duplicates: [entries[9]!.id], conflicts: [], problems: [] });

    const rows = await db.query<{ kiosk_id: string; compound_id: string; seq: number; at_ms: number; day: string; prev_hash: string; hash: string; decision: string; fever: boolean; reasons: string[]; payload: WireEntry }>(
      `SELECT kiosk_id, compound_id, seq::float8 AS seq, (extract(epoch FROM at) * 1000)::float8 AS at_ms, day::text AS day, prev_hash, hash, decision, fever, reasons, payload FROM entries ORDER BY seq`,
    );
    expect(rows).toEqual(
      entries.map((e) => ({
        kiosk_id: kiosk.credentials.kioskId,
        compound_id: AWKWARD_COMPOUND,
        seq: e.seq,
        at_ms: Date.parse(e.at),
        day: e.day,
        prev_hash: e.prevHash,
        hash: e.hash,
        decision: e.decision,
        fever: e.fever,
        reasons: e.reasons,
        payload: JSON.parse(JSON.stringify(e)),
      })),
    );

    const [day] = await db.query<{ entries: number; refusals: number; fevers: number; watch_hits: number }>(`SELECT entries, refusals, fevers, watch_hits FROM compound_days WHERE compound_id = $1`, [AWKWARD_COMPOUND]);
    expect(day).toEqual({ entries: 20, refusals: 10, fevers: entries.filter((e) => e.fever).length, watch_hits: 4 });
    const hours = await db.query<{ hour: number; entries: number }>(`SELECT hour, entries FROM compound_hours WHERE compound_id = $1 ORDER BY hour`, [AWKWARD_COMPOUND]);
    expect(hours).toEqual([{ hour: 9, entries: 20 }]);
    const reasons = await db.query<{ reason: string; n: number }>(`SELECT reason, n FROM compound_reasons WHERE compound_id = $1 ORDER BY reason`, [AWKWARD_COMPOUND]);
    expect(reasons).toEqual([
      { reason: 'code-red', n: 10 },
      { reason: 'other', n: 60 },
    ]);
    const [slots] = await db.query<{ n: number }>(`SELECT sum(entries)::int AS n FROM compound_slots WHERE compound_id = $1`, [AWKWARD_COMPOUND]);
    expect(slots!.n).toBe(20);
    const [head] = await db.query<{ seq: number; hash: string }>(`SELECT last_seq::float8 AS seq, last_hash AS hash FROM kiosk_heads WHERE kiosk_id = $1`, [kiosk.credentials.kioskId]);
    expect(head).toEqual({ seq: 20, hash: entries[19]!.hash });
  });

  it('count the same figures by groups as the INSERT counts per entry, at the edges of live, recent and the window', async () => {
    await registry.close();
    // A zone 5:45 off UTC: a local hour begins inside a UTC hour.
    registry = await testRegistry(db, { now: () => NOW, timeZone: 'Asia/Kathmandu' });
    const M = 60_000;
    const times: Array<{ ms: number; at?: string }> = [
      { ms: NOW + 5 * M },
      { ms: NOW + 5 * M + 1 },
      { ms: NOW + 5 * M, at: new Date(NOW + 5 * M).toISOString().replace('Z', '001Z') },
      { ms: NOW + 5 * M - 1, at: new Date(NOW + 5 * M - 1).toISOString().replace('Z', '9996Z') },
      { ms: NOW - 2 * 86_400_000 },
      { ms: NOW - 2 * 86_400_000 + 1 },
      { ms: NOW - 15 * M - 1 },
      { ms: NOW - 15 * M },
      { ms: NOW - 15 * M + 30_000, at: new Date(NOW - 15 * M + 30_000 + 8 * 3_600_000).toISOString().replace('Z', '+08:00') },
      { ms: NOW - 3 * 3_600_000 },
      { ms: NOW - 90 * 86_400_000 },
      { ms: NOW - 59 * 86_400_000 },
    ];
    const make = (i: number): Partial<EntryFields> => ({
      ...(times[i % times.length]!.at ? { at: times[i % times.length]!.at } : {}),
      decision: i % 3 === 0 ? 'refuse' : 'pass',
      reasons: i % 3 === 0 ? ['code-red', i % 2 ? 'fever' : 'made-up'] : [],
      fever: i % 4 === 0,
      ...(i % 5 === 0 ? { watch: { version: 1, hits: [{ kind: 'red' as const, ref: 1 }] } } : {}),
    });
    const byCopy = await enrolTestKiosk(registry.url, 'c-copy', () => NOW);
    const byInsert = await enrolTestKiosk(registry.url, 'c-insert', () => NOW);
    const n = times.length * 3;
    const atMs = (i: number) => times[i % times.length]!.ms;
    const a = byCopy.chain(n, make, atMs);
    const b = byInsert.chain(n, make, atMs);
    await byCopy.send(a.slice(0, 1));
    expect((await byCopy.send(a.slice(1))).stored).toHaveLength(n - 1);
    await byInsert.send(b.slice(0, 1));
    // The resent first entry sends this batch through the INSERT.
    expect(await byInsert.send(b)).toMatchObject({ stored: b.slice(1).map((e) => e.id), duplicates: [b[0]!.id] });

    const figures = async (compound: string) => ({
      hours: await db.query(`SELECT day::text AS day, hour, entries, refusals, fevers, watch_hits FROM compound_hours WHERE compound_id = $1 ORDER BY 1, 2`, [compound]),
      days: await db.query(`SELECT day::text AS day, entries, refusals, fevers, watch_hits, last_at::text AS last_at FROM compound_days WHERE compound_id = $1 ORDER BY 1`, [compound]),
      slots: await db.query(`SELECT slot::text AS slot, entries FROM compound_slots WHERE compound_id = $1 ORDER BY 1`, [compound]),
      reasons: await db.query(`SELECT day::text AS day, reason, n FROM compound_reasons WHERE compound_id = $1 ORDER BY 1, 2`, [compound]),
      last: await db.query(`SELECT last_entry_at::text AS last FROM compounds WHERE compound_id = $1`, [compound]),
    });
    const copied = await figures('c-copy');
    expect(copied.days.length).toBeGreaterThan(1);
    expect(copied.slots.length).toBeGreaterThan(1);
    expect(copied).toEqual(await figures('c-insert'));
  });
});
