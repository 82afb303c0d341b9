// Migration 005: the outbox size kept by triggers always equals a real count, including rows there before it ran.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../../src/kiosk/platform/store/migrations/index.ts';
import { openDatabase, type Db } from '../../../../src/kiosk/platform/store/open-store.ts';
import { outboxCounts } from '../../../../src/kiosk/features/sync/outbox.ts';
import { tempDir } from '../../../support/temp-dir.ts';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

function database(upTo: number, file?: string): { db: Db; file: string } {
  const t = tempDir();
  cleanups.push(t.remove);
  const target = file ?? path.join(t.dir, 'k.sqlite');
  const db = openDatabase(target, migrations.filter((m) => m.version <= upTo));
  cleanups.unshift(() => db.open && db.close());
  return { db, file: target };
}

const add = (db: Db, from: number, to: number) => {
  const insert = db.prepare("INSERT INTO sync_outbox (seq, id, at_ms, payload, enqueued_at) VALUES (?, ?, ?, '{}', 't')");
  for (let seq = from; seq <= to; seq++) insert.run(seq, `e${seq}`, 1_000 + seq);
};
const realCount = (db: Db) => (db.prepare('SELECT count(*) AS n FROM sync_outbox').get() as { n: number }).n;

describe('outbox size', () => {
  it.each([
    [0, []],
    [5, []],
    [5, [1, 2]],
    [5, [5, 3, 1]],
    [5, [1, 2, 3, 4, 5]],
  ])('with %i added and %j removed, matches a real count and knows the oldest', (added, removed) => {
    const { db } = database(migrations.length);
    add(db, 1, added);
    for (const seq of removed) db.prepare('DELETE FROM sync_outbox WHERE seq = ?').run(seq);
    const counts = outboxCounts(db);
    expect(counts.waiting).toBe(realCount(db));
    const left = Array.from({ length: added }, (_, i) => i + 1).filter((seq) => !removed.includes(seq));
    expect(counts.oldestWaitingAt).toBe(left.length ? new Date(1_000 + Math.min(...left)).toISOString() : null);
  });

  it('starts from the rows already waiting when the migration runs', () => {
    const { db, file } = database(4);
    add(db, 1, 7);
    db.close();
    const { db: migrated } = database(migrations.length, file);
    expect(outboxCounts(migrated).waiting).toBe(7);
  });
});

// Migration 014: the outbox rebuilt keyed by seq only, its size moved into the chain's row.
describe('outbox after migration 014', () => {
  it('keeps every waiting row and its count, and counts what is added and acknowledged afterwards', () => {
    const { db, file } = database(13);
    add(db, 1, 6);
    db.prepare('DELETE FROM sync_outbox WHERE seq = 2').run();
    db.close();
    const { db: migrated } = database(14, file);
    expect(migrated.prepare('SELECT seq FROM sync_outbox ORDER BY seq').pluck().all()).toEqual([1, 3, 4, 5, 6]);
    expect(outboxCounts(migrated)).toMatchObject({ waiting: 5, oldestWaitingAt: new Date(1_001).toISOString() });
    add(migrated, 7, 8);
    migrated.prepare('DELETE FROM sync_outbox WHERE seq IN (1, 3)').run();
    expect(outboxCounts(migrated)).toMatchObject({ waiting: realCount(migrated), oldestWaitingAt: new Date(1_004).toISOString() });
    expect(realCount(migrated)).toBe(5);
  });
});
