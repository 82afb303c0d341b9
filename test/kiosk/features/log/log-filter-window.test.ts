// A time window narrows a filter to [start, end): the same rows as the filter with a plain range added, for windows
// inside a day, across its edges and beyond the filter's days, with and without a search.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogFilter } from '../../../../src/common/contract/console.ts';
import { entryColumns, whereFor, type TimeWindow } from '../../../../src/kiosk/features/log/log-filter.ts';
import { createNameSearch } from '../../../../src/kiosk/features/log/name-search.ts';
import type { Db } from '../../../../src/kiosk/platform/store/open-store.ts';
import { openSeededStore, type SeededStore } from '../../../support/seed-entries.ts';

let db: Db;
let store: SeededStore;
beforeAll(() => {
  store = openSeededStore({ days: ['2026-03-01', '2026-03-02', '2026-03-03'], perDay: 1500 });
  db = store.db;
});
afterAll(() => store?.close());

const at = (local: string) => Date.parse(`${local}+08:00`);
const hour = (local: string): TimeWindow => ({ startMs: at(local), endMs: at(local) + 3_600_000 });

const cases: Array<[string, LogFilter, TimeWindow, 'some' | 'none']> = [
  ['an hour inside the day', { from: '2026-03-02' }, hour('2026-03-02T08:00:00'), 'some'],
  ['an hour of one direction', { from: '2026-03-02', direction: 'in' }, hour('2026-03-02T18:00:00'), 'some'],
  ['a window wider than the range', { from: '2026-03-02' }, { startMs: at('2026-02-20T00:00:00'), endMs: at('2026-03-10T00:00:00') }, 'some'],
  ['a window across the range end', { from: '2026-03-01', to: '2026-03-02' }, { startMs: at('2026-03-02T20:00:00'), endMs: at('2026-03-03T09:00:00') }, 'some'],
  ['a window outside the range', { from: '2026-03-01' }, hour('2026-03-03T08:00:00'), 'none'],
  ['a search within an hour', { from: '2026-03-01', to: '2026-03-03', search: '王' }, hour('2026-03-02T08:00:00'), 'some'],
];

describe('a time window', () => {
  it.each(cases)('%s keeps exactly the rows in [start, end)', (_name, filter, window, rows) => {
    const columns = entryColumns(db);
    const matches = filter.search ? createNameSearch(db)(filter.search) : null;
    const plain = whereFor(filter, columns, 37.3, matches);
    const expected = db.prepare(`SELECT id FROM entries WHERE ${plain.sql} AND at_ms >= ? AND at_ms < ? ORDER BY id`).pluck().all(...plain.params, window.startMs, window.endMs);
    const narrowed = whereFor(filter, columns, 37.3, matches, window);
    const ids = db.prepare(`SELECT id FROM entries WHERE ${narrowed.sql} ORDER BY id`).pluck().all(...narrowed.params);
    expect(ids).toEqual(expected);
    expect(ids.length > 0 ? 'some' : 'none').toBe(rows);
  });

  it('leaves a row at the end instant out and one at the start instant in', () => {
    const [first] = db.prepare<[], { at_ms: number }>("SELECT at_ms FROM entries WHERE local_day = '2026-03-02' ORDER BY at_ms LIMIT 1").all();
    const count = (window: TimeWindow) => {
      const w = whereFor({ from: '2026-03-02' }, entryColumns(db), 37.3, null, window);
      return db.prepare(`SELECT count(*) FROM entries WHERE ${w.sql} AND at_ms = ?`).pluck().get(...w.params, first!.at_ms);
    };
    expect(count({ startMs: first!.at_ms, endMs: first!.at_ms + 1 })).toBeGreaterThan(0);
    expect(count({ startMs: first!.at_ms - 1000, endMs: first!.at_ms })).toBe(0);
  });
});
