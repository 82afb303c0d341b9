// Search by name, household or plate through the index of distinct texts and their pieces (migration 012): the same
// rows as LIKE '%text%' over every entry, for two-character Chinese names too (王明, which a trigram index cannot
// match), for one character, households, plates typed with spaces, ASCII in any case and LIKE's own wildcards typed
// as text; kept up to date as the gate records; read through the indexes rather than the whole period.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogFilter } from '../../../../src/common/contract/console.ts';
import { whereFor, entryColumns } from '../../../../src/kiosk/features/log/log-filter.ts';
import { createLogQueries, type LogQueries } from '../../../../src/kiosk/features/log/log-queries.ts';
import { createNameSearch, piecesOf } from '../../../../src/kiosk/features/log/name-search.ts';
import { computeStats } from '../../../../src/kiosk/features/stats/log-stats.ts';
import { openStore, type Db } from '../../../../src/kiosk/platform/store/open-store.ts';
import { tempDir } from '../../../support/temp-dir.ts';

let db: Db;
let queries: LogQueries;
let temp: ReturnType<typeof tempDir>;
const day = '2026-03-02';
const NAMES = ['王明', '王明华', '李王明', '王小明', '明王', '王', 'Wang Ming', 'wang mingyu', '100%纯', 'a_b', '欧阳王明'];
const HOUSEHOLDS = ['12-2-501', '12-3-502', '2-12-101', '3-2-501'];
const PLATES = ['京A12345', '沪B98765', null, null];
let seq = 0;

function insert(name: string | null, household: string | null, plate: string | null, at: string, holder: string | null = null): void {
  db.prepare(`INSERT INTO entries (id, at, at_ms, local_day, direction, lane, identity_name, code_status, code_holder_name, code_checked_at, decision, reasons, volunteer, household_label, plate)
    VALUES (?, ?, ?, ?, 'in', 'standard', ?, 'green', ?, ?, 'pass', '[]', 'v', ?, ?)`).run(`n${seq++}`, at, Date.parse(at), at.slice(0, 10), name, holder, at, household, plate);
}

beforeAll(() => {
  temp = tempDir();
  db = openStore(temp.dir);
  // Entries before the index existed are indexed by the migration; these go in through the triggers.
  for (let i = 0; i < 600; i++) {
    const at = new Date(Date.parse(`${day}T00:00:00Z`) + i * 60_000).toISOString();
    insert(NAMES[i % NAMES.length]!, HOUSEHOLDS[i % HOUSEHOLDS.length]!, PLATES[i % PLATES.length]!, at, i % 7 === 0 ? '王*' : null);
  }
  insert('王明', null, null, '2026-02-20T03:00:00Z'); // outside the range searched below
  queries = createLogQueries(db, () => 37.3);
});
afterAll(() => {
  db?.close();
  temp?.remove();
});

/** What the old LIKE over every row answers. */
function byLike(search: string, from = day, to = day): string[] {
  const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const plate = `%${search.toUpperCase().replace(/[\s.·]/g, '').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .prepare<unknown[], { id: string }>(`SELECT id FROM entries WHERE local_day BETWEEN ? AND ? AND (identity_name LIKE ? ESCAPE '\\' OR code_holder_name LIKE ? ESCAPE '\\' OR household_label LIKE ? ESCAPE '\\' OR plate LIKE ? ESCAPE '\\') ORDER BY at_ms DESC, rowid DESC`)
    .all(from, to, like, like, like, plate)
    .map((r) => r.id);
}
const ids = (filter: LogFilter) => queries.query(filter, 0, 2000).rows.map((r) => r.id);

describe('name search', () => {
  it.each(['王明', '王', '明', '王明华', '李王', 'ng mi', 'WANG', '100%', '%', 'a_b', '_', '12-2-', '2-501', '京A 123', '京a12', 'B98', '王*', '欧阳王明', '不存在'])(
    'finds for %j exactly the rows LIKE finds',
    (search) => {
      const expected = byLike(search);
      expect(ids({ from: day, search })).toEqual(expected);
      expect(queries.query({ from: day, search }, 0, 1).total).toBe(expected.length);
    },
  );

  it('matches a two-character Chinese name inside longer names, never the same characters apart', () => {
    const names = new Set(queries.query({ from: day, search: '王明' }, 0, 2000).rows.map((r) => r.id)).size;
    expect(names).toBeGreaterThan(0);
    const found = db.prepare<[], { identity_name: string }>(`SELECT DISTINCT identity_name FROM entries WHERE id IN (${ids({ from: day, search: '王明' }).map((id) => `'${id}'`).join(',')})`).all().map((r) => r.identity_name).sort();
    expect(found).toEqual(['李王明', '欧阳王明', '王明', '王明华'].sort());
    expect(found).not.toContain('王小明');
    expect(found).not.toContain('明王');
  });

  it('finds a name recorded after the index was built, and keeps the range', () => {
    insert('赵新来', '9-9-909', null, `${day}T23:00:00Z`.replace(day, '2026-03-03'));
    expect(ids({ from: '2026-03-03', search: '新来' })).toHaveLength(1);
    expect(ids({ from: day, search: '新来' })).toHaveLength(0);
    expect(ids({ from: '2026-02-20', to: day, search: '王明' })).toEqual(byLike('王明', '2026-02-20', day));
  });

  it('combines with the other filters and the statistics', () => {
    expect(ids({ from: day, search: '王明', direction: 'out' })).toEqual([]);
    expect(computeStats(db, { from: day, search: '王明' }, { timeZone: 'Asia/Shanghai', feverLineC: 37.3 }).total).toBe(byLike('王明').length);
  });

  it('reads the matched texts through their indexes, not every row of the period', () => {
    const search = createNameSearch(db)('王明');
    expect(search?.names.sort()).toEqual(['李王明', '欧阳王明', '王明', '王明华'].sort());
    expect(search?.households).toEqual([]);
    const plan = (text: string) => {
      const where = whereFor({ from: '2026-01-01', to: '2026-03-31', search: text }, entryColumns(db), 37.3, createNameSearch(db)(text));
      return (db.prepare(`EXPLAIN QUERY PLAN SELECT rowid FROM entries WHERE ${where.sql} ORDER BY at_ms DESC LIMIT 10001`).all(...where.params) as Array<{ detail: string }>).map((p) => p.detail);
    };
    // The rows come from the matched texts' rowids (never a scan of the period in time order).
    for (const [text, index] of [['王明', 'entries_identity_name_time'], ['12-2-', 'entries_household_label_time'], ['京A', 'entries_plate_time']] as const) {
      const details = plan(text);
      expect(details[0]).toMatch(/^SEARCH entries USING INTEGER PRIMARY KEY/);
      expect(details.join('\n')).toContain(index);
      expect(details.join('\n')).not.toMatch(/SCAN entries|entries_by_time|entries_day_stats/);
    }
  });

  it('gives up the index only when a search matches very many texts', () => {
    const search = createNameSearch(db);
    expect(search('王')).not.toBeNull();
    const many = db.transaction(() => {
      for (let i = 0; i < 5100; i++) insert(`张${i}`, null, null, `2026-03-04T0${i % 10}:00:00Z`);
    });
    many();
    expect(search('张')).toBeNull();
    expect(queries.query({ from: '2026-03-04', search: '张' }, 0, 1).total).toBe(5100);
  });

  it.each([
    ['王明', ['王明']],
    ['王', ['王']],
    ['12-2-', ['12', '2-', '-2']],
    ['AbC', ['ab', 'bc']],
    ['𠀀王', ['𠀀王']],
  ])('cuts %j into the pieces %j', (text, pieces) => {
    expect(piecesOf(text)).toEqual(pieces);
  });
});
