// Migrations 013 and 014 took indexes away from the entries table so that each entry writes fewer pages: the queries those
// indexes served must still find their rows through an index, never by reading the whole log.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../../src/kiosk/platform/store/open-store.ts';
import { tempDir } from '../../../support/temp-dir.ts';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

function database(): Db {
  const t = tempDir();
  const db = openDatabase(path.join(t.dir, 'k.sqlite'));
  cleanups.push(() => db.close(), t.remove);
  return db;
}

const plan = (db: Db, sql: string, params: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');

describe('entries indexes after migrations 013 and 014', () => {
  it.each([
    ['the shift summary at hand-over', 'SELECT decision, reasons, person_kind, override_id FROM entries WHERE shift_id = ?', ['s'], 'entries_by_shift'],
    ["a household's outings (the quota)", "SELECT count(*) AS n FROM entries WHERE household_id = ? AND local_day >= ? AND direction = 'out' AND decision = 'pass' AND person_kind IN ('resident')", ['h', '2026-06-01'], 'entries_by_household'],
    ["today's list", 'SELECT * FROM entries WHERE local_day = ? ORDER BY at_ms DESC LIMIT ?', ['2026-06-01', 50], 'entries_day_stats'],
    ["today's count", 'SELECT count(*) AS n FROM entries WHERE local_day = ?', ['2026-06-01'], 'entries_day_stats'],
    ['the oldest day kept', 'SELECT min(local_day) AS day FROM entries', [], 'entries_day_stats'],
    ['the live figures', 'SELECT at_ms FROM entries WHERE at_ms >= ? ORDER BY at_ms', [0], 'entries_by_time'],
  ])('%s reads an index (%s)', (_what, sql, params, index) => {
    const db = database();
    const found = plan(db, sql, params);
    expect(found).toContain(index);
    expect(found).not.toMatch(/SCAN entries(?! USING)/);
  });

  it('keeps no index whose columns lead another one (each costs a page per entry)', () => {
    const db = database();
    const indexes = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'entries' AND sql IS NOT NULL AND sql NOT LIKE '%WHERE%'").all().map((r) => r.name);
    const columns = new Map(indexes.map((name) => [name, (db.prepare(`SELECT name FROM pragma_index_info('${name}') ORDER BY seqno`).all() as Array<{ name: string }>).map((c) => c.name).join(',')]));
    for (const [a, ca] of columns) for (const [b, cb] of columns) if (a !== b) expect(cb.startsWith(`${ca},`) || cb === ca, `${a} (${ca}) leads ${b} (${cb})`).toBe(false);
  });
});
