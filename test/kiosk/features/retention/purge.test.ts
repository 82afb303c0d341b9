// Old entries go only once the registry holds them; what still waits in the outbox stays however old; each purge is audited.
import { openKioskDb } from '../../../support/kiosk-db.ts';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listAudit, SYSTEM_ACTOR } from '../../../../src/kiosk/platform/audit/audit-log.ts';
import { cutoffDay, purgeExpired } from '../../../../src/kiosk/features/retention/purge.ts';
import { openStore } from '../../../../src/kiosk/platform/store/open-store.ts';
import { seedEntries } from '../../../support/seed-entries.ts';
import { tempDir } from '../../../support/temp-dir.ts';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

describe('retention', () => {
  it('counts the cutoff in local days', () => {
    expect(cutoffDay(new Date('2026-03-29T16:30:00Z'), 28, 'Asia/Shanghai')).toBe('2026-03-02');
    expect(cutoffDay(new Date('2026-03-29T15:30:00Z'), 28, 'Asia/Shanghai')).toBe('2026-03-01');
  });

  it('purges only uploaded entries past the retention period and audits it', async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    seedEntries(t.dir, { days: ['2026-01-10', '2026-01-11', '2026-03-01'], perDay: 300, notUploaded: 0.2 });
    const db = openStore(t.dir);
    cleanups.push(() => db.close());
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const oldWaiting = count("SELECT count(*) AS n FROM entries WHERE local_day < '2026-02-01' AND id IN (SELECT id FROM sync_outbox)");
    expect(oldWaiting).toBeGreaterThan(50);
    const now = new Date('2026-03-01T12:00:00+08:00');
    const result = await purgeExpired(db, { now, retentionDays: 28, timeZone: 'Asia/Shanghai', actor: SYSTEM_ACTOR });
    expect(result).toEqual({ cutoffDay: '2026-02-01', purged: 600 - oldWaiting, keptNotUploaded: oldWaiting });
    expect(count("SELECT count(*) AS n FROM entries WHERE local_day < '2026-02-01'")).toBe(oldWaiting);
    expect(count("SELECT count(*) AS n FROM entries WHERE local_day < '2026-02-01' AND id NOT IN (SELECT id FROM sync_outbox)")).toBe(0);
    expect(count("SELECT count(*) AS n FROM entries WHERE local_day = '2026-03-01'")).toBe(300);
    expect(listAudit(db, { action: 'purge', limit: 5 })).toMatchObject([{ actor: 'system', detail: { purged: 600 - oldWaiting, keptNotUploaded: oldWaiting, cutoffDay: '2026-02-01' } }]);

    // Once the registry confirms the rest, the next purge takes them too.
    db.prepare('DELETE FROM sync_outbox').run();
    expect((await purgeExpired(db, { now, retentionDays: 28, timeZone: 'Asia/Shanghai', actor: SYSTEM_ACTOR })).purged).toBe(oldWaiting);
    expect(count('SELECT count(*) AS n FROM entries')).toBe(300);
  });

  it('audits a purge before it deletes: a failed audit leaves every entry', async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    seedEntries(t.dir, { days: ['2026-01-10'], perDay: 20 });
    const db = openKioskDb(t.dir);
    cleanups.push(() => db.close());
    db.exec("CREATE TRIGGER no_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit disk full'); END");
    await expect(purgeExpired(db, { now: new Date('2026-03-01T12:00:00Z'), retentionDays: 28, timeZone: 'Asia/Shanghai', actor: SYSTEM_ACTOR })).rejects.toThrow(/audit disk full/);
    expect((db.prepare('SELECT count(*) AS n FROM entries').get() as { n: number }).n).toBe(20);
  });

  it('deletes in small transactions with the gate recording in between, tells how far it is, and forgets names no entry holds', async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    seedEntries(t.dir, { days: ['2026-01-10', '2026-01-11'], perDay: 1_250 });
    const db = openStore(t.dir);
    cleanups.push(() => db.close());
    const insert = db.prepare(`INSERT INTO entries (id, at, at_ms, local_day, direction, lane, identity_name, code_status, code_checked_at, decision, reasons, volunteer)
      VALUES (?, ?, ?, ?, 'in', 'standard', ?, 'green', ?, 'pass', '[]', 'v')`);
    insert.run('old-only', '2026-01-10T02:00:00Z', Date.parse('2026-01-10T02:00:00Z'), '2026-01-10', '孤独名', '2026-01-10T02:00:00Z');
    const terms = (text: string) => (db.prepare('SELECT count(*) AS n FROM search_terms WHERE text = ?').get(text) as { n: number }).n;
    expect(terms('孤独名')).toBe(1);
    const seen: Array<[number, number]> = [];
    let recorded = 0;
    const result = await purgeExpired(db, { now: new Date('2026-03-01T12:00:00+08:00'), retentionDays: 28, timeZone: 'Asia/Shanghai', actor: SYSTEM_ACTOR }, {
      progress: (done, total) => seen.push([done, total]),
      // The gate records someone between two chunks, as it would between two deletes.
      pause: async () => {
        const at = new Date(Date.parse('2026-03-01T04:00:00Z') + recorded * 1000).toISOString();
        insert.run(`gate-${recorded++}`, at, Date.parse(at), '2026-03-01', '新来的', at);
      },
    });
    expect(result.purged).toBe(2_501);
    expect(seen[0]).toEqual([0, 2_501]);
    expect(seen.at(-1)).toEqual([2_501, 2_501]);
    expect(seen.map(([done]) => done)).toEqual([...seen.map(([done]) => done)].sort((a, b) => a - b));
    expect(seen.length).toBe(1 + Math.ceil(2_501 / 1_000));
    expect(recorded).toBeGreaterThanOrEqual(3);
    expect((db.prepare("SELECT count(*) AS n FROM entries WHERE id LIKE 'gate-%'").get() as { n: number }).n).toBe(recorded);
    expect(terms('孤独名')).toBe(0);
    expect(terms('新来的')).toBe(1);
    expect(db.prepare("SELECT count(*) AS n FROM search_grams WHERE term_id NOT IN (SELECT id FROM search_terms)").get()).toEqual({ n: 0 });
    expect(listAudit(db, { action: 'purge', limit: 5 })).toMatchObject([{ detail: { purged: 2_501 } }]);
  });
});
