// Issue 12.16 from outside, on both engines: an enrolled kiosk could make the registry create a partition per
// arbitrary day (200 in one batch), and a refusal reason named `constructor` corrupted the district's figures.
// Entries dated outside a window around the registry's clock are kept, flagged and left out of the figures, in one
// partition; figures count known reasons only.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/registry/sql.ts';
import type { RunningRegistry } from '../../src/registry/server.ts';
import { backends } from '../support/registry-backends.ts';
import { enrolTestKiosk, staffGet, staffSession, testRegistry } from '../support/registry-harness.ts';

const partitions = async (db: Database) =>
  (
    await db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'entries' ORDER BY 1`,
    )
  ).map((p) => p.name);
const count = async (db: Database, sql: string) => (await db.query<{ n: number }>(sql))[0]!.n;

describe.each(backends())('entries outside the window, and reasons, on $name', (backend) => {
  let db: Database;
  let registry: RunningRegistry;
  let clock = Date.parse('2026-06-15T04:00:00Z');
  const now = () => clock;
  beforeAll(async () => {
    db = await backend.open();
  });
  afterAll(() => backend.close());
  beforeEach(async () => {
    await backend.reset(db);
    clock = Date.parse('2026-06-15T04:00:00Z');
    registry = await testRegistry(db, { now, timeZone: 'Asia/Shanghai' });
    return () => registry.close();
  });

  it('200 made-up days in one batch make no partition each: kept apart, acknowledged, flagged once, not counted', async () => {
    const kiosk = await enrolTestKiosk(registry.url, 'c-skew', now);
    const today = kiosk.chain(3);
    const years = kiosk.chain(200, () => ({}), (i) => Date.parse('1990-01-01T04:00:00Z') + i * 400 * 86_400_000);
    const answer = await kiosk.send([...today, ...years]);
    expect(answer.stored).toHaveLength(203);
    expect(answer.problems).toEqual([]);
    expect(await partitions(db)).toEqual(['entries_20260615', 'entries_out_of_window']);
    expect(await count(db, 'SELECT count(*)::int AS n FROM entries_out_of_window')).toBe(200);
    // A resend lands on the same rows: still once each.
    expect((await kiosk.send(years.slice(0, 50))).duplicates).toHaveLength(50);

    const staff = await staffSession(registry.url);
    const alerts = (await staffGet(registry.url, '/v1/staff/alerts?open', staff.headers)).alerts;
    expect(alerts).toEqual([expect.objectContaining({ source: 'registry', kind: 'clock-skew', compoundId: 'c-skew', detail: expect.objectContaining({ entries: 200, firstDay: '1990-01-01' }) })]);
    const live = await staffGet(registry.url, '/v1/staff/live', staff.headers);
    expect(live.compounds[0]).toMatchObject({ compoundId: 'c-skew', entriesToday: 3, openAlerts: 1 });
    expect(Date.parse(live.compounds[0].lastEntryAt)).toBeLessThanOrEqual(clock);
    // A second skewed batch adds to the open alert instead of raising another.
    await kiosk.send(kiosk.chain(2, () => ({}), (i) => Date.parse('2199-01-01T04:00:00Z') + i * 86_400_000));
    const again = (await staffGet(registry.url, '/v1/staff/alerts?open', staff.headers)).alerts;
    expect(again).toHaveLength(1);
    expect(again[0].detail.times).toBe(2);
    expect(await partitions(db)).toEqual(['entries_20260615', 'entries_out_of_window']);
  });

  it('an entry dated ahead waits in the out-of-window partition and moves to its own day when that day comes', async () => {
    const kiosk = await enrolTestKiosk(registry.url, 'c-ahead', now);
    const ahead = kiosk.chain(1, () => ({}), () => Date.parse('2026-06-20T03:00:00Z'));
    await kiosk.send(ahead);
    expect(await count(db, 'SELECT count(*)::int AS n FROM entries_out_of_window')).toBe(1);
    await registry.close();
    clock = Date.parse('2026-06-20T04:00:00Z');
    registry = await testRegistry(db, { now, timeZone: 'Asia/Shanghai' });
    const later = await enrolTestKiosk(registry.url, 'c-later', now);
    await later.send(later.chain(1));
    expect(await partitions(db)).toEqual(['entries_20260620', 'entries_out_of_window']);
    expect(await count(db, 'SELECT count(*)::int AS n FROM entries_20260620')).toBe(2);
    expect(await count(db, 'SELECT count(*)::int AS n FROM entries_out_of_window')).toBe(0);
  });

  it('reasons named constructor, __proto__ or toString count as "other" and leave the figures whole', async () => {
    const kiosk = await enrolTestKiosk(registry.url, 'c-proto', now);
    const reasons = [['constructor', 'fever'], ['__proto__'], ['toString', 'hasOwnProperty'], ['mask-missing']];
    await kiosk.send(kiosk.chain(4, (i) => ({ decision: 'refuse', reasons: reasons[i]!, fever: i === 0 })));
    await kiosk.client.request('POST', '/v1/reports/daily', { day: '2026-06-15', entries: 4, refusals: 4, refusalsByReason: JSON.parse('{"constructor": 3, "__proto__": 2, "fever": 1}'), fevers: 1 }, kiosk.credentials);
    const staff = await staffSession(registry.url);
    const stats = await staffGet(registry.url, '/v1/stats/daily?date=2026-06-15', staff.headers);
    const compound = stats.compounds[0];
    expect(compound.refusalsByReason).toEqual({ fever: 1, 'mask-missing': 1, other: 4 });
    // A report key named __proto__ never becomes an own key once parsed, so only constructor's 3 count as other.
    expect(compound.reported.refusalsByReason).toEqual({ fever: 1, other: 3 });
    expect(stats.districts[0].refusalsByReason).toEqual({ fever: 1, 'mask-missing': 1, other: 4 });
    expect(stats.districts[0]).toMatchObject({ entries: 4, refusals: 4, fevers: 1 });
    const page = await staffGet(registry.url, '/stats?date=2026-06-15', { cookie: staff.cookie });
    expect(page).toContain('other: 4');
    expect(page).not.toMatch(/function|native code|\[object/);
    const report = await staffGet(registry.url, '/v1/staff/reports/daily?date=2026-06-15&format=csv', staff.headers);
    expect(report).toContain('other: 4');
  });
});
