// The quarter-hour buckets read one quarter at a time equal those of one GROUP BY over the same rows: for a day, a
// range, filters and a search, with a hand-over inside a quarter, rows of no shift among a shift's, and empty hours.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogFilter } from '../../../../src/common/contract/console.ts';
import { entryColumns, whereFor } from '../../../../src/kiosk/features/log/log-filter.ts';
import { createNameSearch } from '../../../../src/kiosk/features/log/name-search.ts';
import { QUARTER_MS, quarterBuckets, type Bucket } from '../../../../src/kiosk/features/stats/quarter-buckets.ts';
import type { Db } from '../../../../src/kiosk/platform/store/open-store.ts';
import { openSeededStore, type SeededStore } from '../../../support/seed-entries.ts';

let db: Db;
let store: SeededStore;
const days = ['2026-03-01', '2026-03-02', '2026-03-03'];
beforeAll(() => {
  store = openSeededStore({ days, perDay: 1500 });
  db = store.db;
  // Each day handed over at 13:07:30 Beijing time, in the middle of a quarter; every 9th row written with no shift.
  for (const day of days) {
    db.prepare("UPDATE entries SET shift_id = CASE WHEN at_ms < ? THEN ? ELSE ? END WHERE local_day = ? AND rowid % 9 <> 0")
      .run(Date.parse(`${day}T13:07:30+08:00`), `${day}-early`, `${day}-late`, day);
  }
  // A day's first moment in the furthest zone east and its last in the furthest west: the edges of its period.
  const insert = db.prepare(`INSERT INTO entries (id, at, at_ms, local_day, direction, lane, code_status, code_checked_at, decision, reasons, volunteer)
    VALUES (?, ?, ?, '2026-03-04', 'in', 'standard', 'green', ?, 'pass', '[]', 'v')`);
  for (const [id, local] of [['east', '2026-03-04T00:00:00+14:00'], ['west', '2026-03-04T23:59:59.999-12:00']] as const) {
    const at = new Date(Date.parse(local)).toISOString();
    insert.run(id, at, Date.parse(local), at);
  }
});
afterAll(() => store?.close());

/** The reference: one GROUP BY over the filter's rows. */
function grouped(filter: LogFilter): Bucket[] {
  const columns = entryColumns(db);
  const where = whereFor(filter, columns, 37.3, filter.search ? createNameSearch(db)(filter.search) : null);
  return db
    .prepare<unknown[], Bucket>(
      `SELECT local_day AS day, at_ms / ${QUARTER_MS} AS quarter, shift_id AS "group", count(*) AS n, sum(direction = 'in') AS inbound,
         sum(decision = 'refuse') AS refused, sum(lane = 'fast') AS fast, sum(body_c >= ?) AS fevers, min(at_ms) AS first, max(at_ms) AS last
       FROM entries WHERE ${where.sql} GROUP BY local_day, quarter, "group"`,
    )
    .all(37.3, ...where.params);
}
const sorted = (buckets: Bucket[]) => [...buckets].sort((a, b) => a.day.localeCompare(b.day) || a.quarter - b.quarter || String(a.group).localeCompare(String(b.group)));

const filters: Array<[string, LogFilter]> = [
  ['a day', { from: '2026-03-02' }],
  ['a range', { from: '2026-03-01', to: '2026-03-03' }],
  ['refusals over the range', { from: '2026-03-01', to: '2026-03-03', decision: 'refuse' }],
  ['fevers on a day', { from: '2026-03-02', fever: true }],
  ['one shift', { from: '2026-03-02', shiftId: '2026-03-02-late' }],
  ['a search', { from: '2026-03-01', to: '2026-03-03', search: '王' }],
  ['a day with no rows', { from: '2026-04-01' }],
  ['a day at the edges of its period', { from: '2026-03-04' }],
];

describe('quarter buckets', () => {
  it.each(filters)('for %s equal one GROUP BY', (_name, filter) => {
    expect(sorted(quarterBuckets(db, filter, entryColumns(db), 37.3, filter.search ? createNameSearch(db)(filter.search) : null))).toEqual(sorted(grouped(filter)));
  });

  it('finds the rows at both edges of a day', () => {
    expect(quarterBuckets(db, { from: '2026-03-04' }, entryColumns(db), 37.3, null).map((b) => b.n)).toEqual([1, 1]);
  });

  it('splits the quarter of a hand-over into its shifts and its rows of no shift', () => {
    const handOver = Math.floor(Date.parse('2026-03-02T13:07:30+08:00') / QUARTER_MS);
    const buckets = quarterBuckets(db, { from: '2026-03-02' }, entryColumns(db), 37.3, null).filter((b) => b.quarter === handOver);
    expect(buckets.map((b) => b.group).sort()).toEqual(['2026-03-02-early', '2026-03-02-late', null].sort());
  });
});
