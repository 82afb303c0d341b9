// The console's log queries: every filter against direct SQL, names masked, a shift and a plate found, the range paged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogFilter } from '../../../../src/common/contract/console.ts';
import { maskName } from '../../../../src/kiosk/features/log/log-filter.ts';
import { createLogQueries, type LogQueries } from '../../../../src/kiosk/features/log/log-queries.ts';
import type { Db } from '../../../../src/kiosk/platform/store/open-store.ts';
import { openSeededStore, type SeededStore } from '../../../support/seed-entries.ts';

let db: Db;
let queries: LogQueries;
let store: SeededStore;
const days = ['2026-03-01', '2026-03-02', '2026-03-03'];

beforeAll(() => {
  store = openSeededStore({ days, perDay: 1500 });
  db = store.db;
  db.prepare("INSERT INTO shifts (id, volunteer, started_at) VALUES ('s1', '志愿者甲', '2026-03-02T00:00:00Z')").run();
  db.prepare("UPDATE entries SET shift_id = 's1' WHERE local_day = '2026-03-02' AND volunteer = '志愿者甲'").run();
  queries = createLogQueries(db, () => 37.3);
});
afterAll(() => store?.close());

const n = (where: string) => (db.prepare(`SELECT count(*) AS n FROM entries WHERE ${where}`).get() as { n: number }).n;

describe('log queries', () => {
  it.each<[string, LogFilter, string]>([
    ['a day', { from: '2026-03-02' }, "local_day = '2026-03-02'"],
    ['a range', { from: '2026-03-01', to: '2026-03-03' }, '1'],
    ['refused going out', { from: '2026-03-02', decision: 'refuse', direction: 'out' }, "local_day = '2026-03-02' AND decision = 'refuse' AND direction = 'out'"],
    ['the fast lane', { from: '2026-03-01', to: '2026-03-02', lane: 'fast' }, "local_day <= '2026-03-02' AND lane = 'fast'"],
    ['a reason', { from: '2026-03-02', reason: 'mask-missing' }, `local_day = '2026-03-02' AND reasons LIKE '%mask-missing%'`],
    ['fevers', { from: '2026-03-02', fever: true }, "local_day = '2026-03-02' AND body_c >= 37.3"],
    ['no fever', { from: '2026-03-02', fever: false }, "local_day = '2026-03-02' AND (body_c IS NULL OR body_c < 37.3)"],
    ['visitors', { from: '2026-03-02', person: 'visitor' }, "local_day = '2026-03-02' AND person_kind = 'visitor'"],
    ['a shift', { from: '2026-03-02', shiftId: 's1' }, "shift_id = 's1'"],
    ['a household', { from: '2026-03-02', search: '3-2-' }, "local_day = '2026-03-02' AND household_label LIKE '%3-2-%'"],
    ['a plate typed with a space', { from: '2026-03-01', to: '2026-03-03', search: '京a 1' }, "plate LIKE '%京A1%'"],
    ['a % that is not a wildcard', { from: '2026-03-02', search: '%' }, '0'],
  ])('filters %s like SQL does', (_name, filter, where) => {
    const expected = n(where);
    expect(queries.query(filter, 0, 5).total).toBe(expected);
    expect(queries.count(filter)).toBe(expected);
  });

  it('pages newest first without gaps or repeats', () => {
    const filter = { from: '2026-03-01', to: '2026-03-03' };
    const ids: string[] = [];
    let last = Infinity;
    for (let offset = 0; offset < 4500; offset += 1000) {
      for (const row of queries.query(filter, offset, 1000).rows) {
        const at = Date.parse(row.at);
        expect(at).toBeLessThanOrEqual(last);
        last = at;
        ids.push(row.id);
      }
    }
    expect(new Set(ids).size).toBe(4500);
  });

  it('masks names in rows and in the detail, and reveals them', () => {
    const row = queries.query({ from: '2026-03-02' }, 0, 1).rows[0]!;
    const full = (db.prepare('SELECT identity_name FROM entries WHERE id = ?').get(row.id) as { identity_name: string }).identity_name;
    expect(row.name).toBe(maskName(full));
    expect(queries.entry(row.id).entry.identity.name).toBe(maskName(full));
    expect(queries.reveal(row.id).name).toBe(full);
  });

  it.each([
    ['李四', '李*'],
    ['张三丰', '张*丰'],
    ['欧阳娜娜', '欧**娜'],
    ['Smith', 'S***h'],
    ['A', '*'],
  ])('masks %s as %s', (name, masked) => expect(maskName(name)).toBe(masked));

  it('lists the shifts that recorded entries', () => {
    expect(queries.shifts('2026-03-01', '2026-03-03')).toEqual([{ id: 's1', volunteer: '志愿者甲', startedAt: '2026-03-02T00:00:00Z', endedAt: null }]);
  });
});
