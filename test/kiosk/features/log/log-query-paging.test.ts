// Pages walk an index and the total is counted only up to a cap: each page equals plain SQL's ORDER BY ... LIMIT
// OFFSET, and the total is exact below the cap and a flagged lower bound above it (caps made small to reach them).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogFilter } from '../../../../src/common/contract/console.ts';
import { entryColumns, whereFor } from '../../../../src/kiosk/features/log/log-filter.ts';
import { createLogQueries, type LogQueries } from '../../../../src/kiosk/features/log/log-queries.ts';
import type { Db } from '../../../../src/kiosk/platform/store/open-store.ts';
import { openSeededStore, type SeededStore } from '../../../support/seed-entries.ts';

let db: Db;
let store: SeededStore;
let small: LogQueries;
let uncapped: LogQueries;
const days = ['2026-03-01', '2026-03-02', '2026-03-03'];
const CAP = 700;
const INDEX_CAP = 2000;

beforeAll(() => {
  store = openSeededStore({ days, perDay: 1500 });
  db = store.db;
  small = createLogQueries(db, () => 37.3, { total: CAP, indexTotal: INDEX_CAP });
  uncapped = createLogQueries(db, () => 37.3, { total: 1e9, indexTotal: 1e9 });
});
afterAll(() => store?.close());

const reference = (filter: LogFilter, offset: number, limit: number) => {
  const where = whereFor(filter, entryColumns(db), 37.3);
  const ids = db.prepare(`SELECT id FROM entries WHERE ${where.sql} ORDER BY at_ms DESC, rowid DESC LIMIT ? OFFSET ?`).pluck().all(...where.params, limit, offset);
  const n = db.prepare(`SELECT count(*) FROM entries WHERE ${where.sql}`).pluck().get(...where.params) as number;
  return { ids, n };
};

const filters: Array<[string, LogFilter]> = [
  ['a day', { from: '2026-03-02' }],
  ['the range', { from: '2026-03-01', to: '2026-03-03' }],
  ['passed', { from: '2026-03-01', to: '2026-03-03', decision: 'pass' }],
  ['refused', { from: '2026-03-01', to: '2026-03-03', decision: 'refuse' }],
  ['coming in', { from: '2026-03-02', direction: 'in' }],
  ['the fast lane', { from: '2026-03-01', to: '2026-03-03', lane: 'fast' }],
  ['a reason', { from: '2026-03-01', to: '2026-03-03', reason: 'mask-missing' }],
  ['fevers', { from: '2026-03-01', to: '2026-03-03', fever: true }],
  ['no fever', { from: '2026-03-02', fever: false }],
  ['residents', { from: '2026-03-01', to: '2026-03-03', person: 'resident' }],
  // One day's filters read the day index (migration 013) rather than the planner's choice.
  ['refused on a day', { from: '2026-03-02', decision: 'refuse' }],
  ['visitors coming in on a day', { from: '2026-03-02', person: 'visitor', direction: 'in' }],
  ['a reason on a day', { from: '2026-03-02', reason: 'mask-missing' }],
  ['fevers on a day', { from: '2026-03-02', fever: true }],
  ['a household', { from: '2026-03-01', to: '2026-03-03', search: '3-2-' }],
  ['a surname', { from: '2026-03-01', to: '2026-03-03', search: '王' }],
];

describe('log pages and capped totals', () => {
  it.each(filters)('pages %s exactly like ORDER BY at_ms DESC LIMIT OFFSET', (_name, filter) => {
    for (const [offset, limit] of [[0, 50], [37, 200], [690, 30], [1400, 500], [4490, 20]] as const) {
      const expected = reference(filter, offset, limit);
      for (const queries of [small, uncapped]) expect(queries.query(filter, offset, limit).rows.map((r) => r.id)).toEqual(expected.ids);
    }
  });

  it.each(filters)('counts %s exactly below the cap and as a flagged lower bound above it', (_name, filter) => {
    const { n } = reference(filter, 0, 1);
    // The dates alone, or a search alone, are counted from the indexes up to the larger cap.
    const indexOnly = Object.keys(filter).every((k) => k === 'from' || k === 'to' || k === 'search');
    const cap = indexOnly ? INDEX_CAP : CAP;
    for (const offset of [0, 500, 3000]) {
      const page = small.query(filter, offset, 100);
      expect(page).toMatchObject(n > offset + cap ? { total: offset + cap, totalIsLowerBound: true } : { total: n, totalIsLowerBound: false });
    }
    expect(uncapped.query(filter, 0, 10)).toMatchObject({ total: n, totalIsLowerBound: false });
  });

  it('reaches the cap in both directions for the filters this seed makes large and small', () => {
    // Guards the table above against a seed where every filter falls on one side of the cap.
    const totals = filters.map(([, filter]) => small.query(filter, 0, 1).totalIsLowerBound);
    expect(totals).toContain(true);
    expect(totals).toContain(false);
  });

  it('gives the exact total when exactly the cap matches', () => {
    const filter: LogFilter = { from: '2026-03-01', to: '2026-03-03', decision: 'pass' };
    const { n } = reference(filter, 0, 1);
    const atCap = createLogQueries(db, () => 37.3, { total: n, indexTotal: n });
    expect(atCap.query(filter, 0, 10)).toMatchObject({ total: n, totalIsLowerBound: false });
    const belowCap = createLogQueries(db, () => 37.3, { total: n - 1, indexTotal: n - 1 });
    expect(belowCap.query(filter, 0, 10)).toMatchObject({ total: n - 1, totalIsLowerBound: true });
  });
});
