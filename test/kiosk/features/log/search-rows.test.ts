// A search on its own answered from the (column, at_ms) indexes (search-rows.ts): the same rows, order and total as
// LIKE over the rows, with entries near midnight in every time zone kept to their local day, a text held in two
// columns of one entry counted once, and the matches' rows never read but for the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryColumns } from '../../../../src/kiosk/features/log/log-filter.ts';
import { createLogQueries } from '../../../../src/kiosk/features/log/log-queries.ts';
import { createSearchRows, dayRanges } from '../../../../src/kiosk/features/log/search-rows.ts';
import { openStore, type Db } from '../../../../src/kiosk/platform/store/open-store.ts';
import { tempDir } from '../../../support/temp-dir.ts';

const H = 3_600_000;
const utc = (day: string) => Date.parse(`${day}T00:00:00Z`);

describe('the days a search covers, as at_ms ranges', () => {
  it.each([
    // one day: every entry within 14 hours either side is checked against its local day
    ['2026-03-02', '2026-03-02', null, [[utc('2026-03-02') - 14 * H, utc('2026-03-03') + 14 * H - 1]]],
    // two days: the 20 hours in the middle cannot hold another day in any zone (UTC-12 to UTC+14)
    ['2026-03-02', '2026-03-03', [utc('2026-03-02') + 14 * H, utc('2026-03-03') + 10 * H - 1], [[utc('2026-03-02') - 14 * H, utc('2026-03-02') + 14 * H - 1], [utc('2026-03-03') + 10 * H, utc('2026-03-04') + 14 * H - 1]]],
  ] as const)('%s to %s', (from, to, sure, edges) => {
    expect(dayRanges(from, to)).toEqual({ sure, edges });
  });

  it('a sure range never holds an entry of another local day, in any zone', () => {
    const { sure } = dayRanges('2026-03-01', '2026-03-31');
    for (const offset of [-12, -9.5, 0, 5.75, 8, 12.75, 14]) {
      for (const at of [sure![0], sure![1]]) {
        const local = new Date(at + offset * H).toISOString().slice(0, 10);
        expect(local >= '2026-03-01' && local <= '2026-03-31', `${offset} ${new Date(at).toISOString()}`).toBe(true);
      }
    }
  });
});

describe('search answered from the indexes', () => {
  let db: Db;
  let temp: ReturnType<typeof tempDir>;
  let seq = 0;
  const insert = (name: string | null, holder: string | null, household: string | null, atMs: number, localDay: string) =>
    db
      .prepare(`INSERT INTO entries (id, at, at_ms, local_day, direction, lane, identity_name, code_status, code_holder_name, code_checked_at, decision, reasons, volunteer, household_label)
        VALUES (?, ?, ?, ?, 'in', 'standard', ?, 'green', ?, ?, 'pass', '[]', 'v', ?)`)
      .run(`s${String(seq++).padStart(4, '0')}`, new Date(atMs).toISOString(), atMs, localDay, name, holder, new Date(atMs).toISOString(), household);

  beforeAll(() => {
    temp = tempDir();
    db = openStore(temp.dir);
    // Entries recorded in Shanghai (UTC+8), Honolulu (UTC-10) and Kiribati (UTC+14), around the days' edges.
    const zones = [8, -10, 14];
    for (let i = 0; i < 400; i++) {
      const offset = zones[i % 3]!;
      const atMs = utc('2026-03-01') - 20 * H + i * 37 * 60_000;
      const localDay = new Date(atMs + offset * H).toISOString().slice(0, 10);
      const name = ['王明', '王明华', '李四', '欧阳王明'][i % 4]!;
      // Every fifth entry holds the name as the code holder's too: one entry, counted once.
      insert(name, i % 5 === 0 ? name : null, i % 6 === 0 ? '12-2-501' : null, atMs, localDay);
    }
  });
  afterAll(() => {
    db?.close();
    temp?.remove();
  });

  const byLike = (search: string, from: string, to: string) =>
    db
      .prepare<unknown[], { id: string }>(`SELECT id FROM entries WHERE local_day BETWEEN ? AND ? AND (identity_name LIKE ? OR code_holder_name LIKE ? OR household_label LIKE ?) ORDER BY at_ms DESC, rowid DESC`)
      .all(from, to, `%${search}%`, `%${search}%`, `%${search}%`)
      .map((r) => r.id);

  it.each([
    ['王明', '2026-03-01', '2026-03-01'],
    ['王明', '2026-03-01', '2026-03-02'],
    ['王明', '2026-02-28', '2026-03-12'],
    ['王', '2026-03-02', '2026-03-04'],
    ['12-2-', '2026-02-28', '2026-03-12'],
    ['李四', '2026-03-05', '2026-03-05'],
    ['没有', '2026-03-01', '2026-03-31'],
  ])('%j from %s to %s: the rows, order and total LIKE gives', (search, from, to) => {
    const queries = createLogQueries(db, () => 37.3);
    const expected = byLike(search, from, to);
    const all = queries.query({ from, to, search }, 0, 5000);
    expect(all.rows.map((r) => r.id)).toEqual(expected);
    expect(all.total).toBe(expected.length);
    // Pages of 7 join up to the same list.
    const paged: string[] = [];
    for (let offset = 0; offset < expected.length; offset += 7) paged.push(...queries.query({ from, to, search }, offset, 7).rows.map((r) => r.id));
    expect(paged).toEqual(expected);
  });

  it('reads the index alone for the sure days and the rows only at the edges', () => {
    const plan = (sql: string, ...params: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((p) => p.detail).join('\n');
    const sure = plan('SELECT rowid, at_ms AS atMs FROM entries WHERE identity_name IN (SELECT value FROM json_each(?)) AND at_ms BETWEEN ? AND ?', '["王明"]', 0, 1);
    expect(sure).toMatch(/SEARCH entries USING COVERING INDEX entries_identity_name_time/);
    expect(createSearchRows(db, entryColumns(db))).not.toBeNull();
  });

  it('falls back to reading rows on a schema without the indexes', () => {
    db.exec('DROP INDEX entries_plate_time');
    try {
      expect(createSearchRows(db, entryColumns(db))).toBeNull();
      const queries = createLogQueries(db, () => 37.3);
      expect(queries.query({ from: '2026-03-01', to: '2026-03-02', search: '王明' }, 0, 5000).rows.map((r) => r.id)).toEqual(byLike('王明', '2026-03-01', '2026-03-02'));
    } finally {
      db.exec('CREATE INDEX entries_plate_time ON entries (plate, at_ms) WHERE plate IS NOT NULL');
    }
  });
});
