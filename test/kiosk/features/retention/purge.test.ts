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

  it('purges only uploaded entries past the retention period and audits it', () => {
    const t = tempDir();
    cleanups.push(t.remove);
    seedEntries(t.dir, { days: ['2026-01-10', '2026-01-11', '2026-03-01'], perDay: 300, notUploaded: 0.2 });
    const db = openStore(t.dir);
    cleanups.push(() => db.close());
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const oldWaiting = count("SELECT count(*) AS n FROM entries WHERE local_day < '2026-02-01' AND id IN (SELECT id FROM sync_outbox)");
    expect(oldWaiting).toBeGreaterThan(50);
    const now = new Date('2026-03-01T12:00:00+08:00');
    const result = purgeExpired(db, { now, retentionDays: 28, timeZone: 'Asia/Shanghai', actor: SYSTEM_ACTOR });
    expect(result).toEqual({ cutoffDay: '2026-02-01', purged: 600 - oldWaiting, keptNotUploaded: oldWaiting });
    expect(count("SELECT count(*) AS n FROM entries WHERE local_day < '2026-02-01'")).toBe(oldWaiting);
    expect(count("SELECT count(*) AS n FROM entries WHERE local_day < '2026-02-01' AND id NOT IN (SELECT id FROM sync_outbox)")).toBe(0);
    expect(count("SELECT count(*) AS n FROM entries WHERE local_day = '2026-03-01'")).toBe(300);
    expect(listAudit(db, { action: 'purge', limit: 5 })).toMatchObject([{ actor: 'system', detail: { purged: 600 - oldWaiting, keptNotUploaded: oldWaiting, cutoffDay: '2026-02-01' } }]);

    // Once the registry confirms the rest, the next purge takes them too.
    db.prepare('DELETE FROM sync_outbox').run();
    expect(purgeExpired(db, { now, retentionDays: 28, timeZone: 'Asia/Shanghai', actor: SYSTEM_ACTOR }).purged).toBe(oldWaiting);
    expect(count('SELECT count(*) AS n FROM entries')).toBe(300);
  });

  it('keeps a purge and its audit record together: a failed audit leaves every entry', () => {
    const t = tempDir();
    cleanups.push(t.remove);
    seedEntries(t.dir, { days: ['2026-01-10'], perDay: 20 });
    const db = openKioskDb(t.dir);
    cleanups.push(() => db.close());
    db.exec("CREATE TRIGGER no_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit disk full'); END");
    expect(() => purgeExpired(db, { now: new Date('2026-03-01T12:00:00Z'), retentionDays: 28, timeZone: 'Asia/Shanghai', actor: SYSTEM_ACTOR })).toThrow(/audit disk full/);
    expect((db.prepare('SELECT count(*) AS n FROM entries').get() as { n: number }).n).toBe(20);
  });
});
