// The audit log takes new records and refuses every change to old ones, even through plain SQL.
import { afterEach, describe, expect, it } from 'vitest';
import { listAudit, recordAudit } from '../../../../src/kiosk/platform/audit/audit-log.ts';
import { openStore } from '../../../../src/kiosk/platform/store/open-store.ts';
import { tempDir } from '../../../support/temp-dir.ts';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

function store() {
  const t = tempDir();
  const db = openStore(t.dir);
  cleanups.push(() => db.close(), t.remove);
  return db;
}

describe('audit log', () => {
  it('appends records and lists them newest first with filters', () => {
    const db = store();
    recordAudit(db, { actor: { name: 'wang', role: 'manager' }, action: 'export', subject: 'log.csv', detail: { rows: 3 } }, new Date('2026-03-01T08:00:00Z'));
    recordAudit(db, { actor: { name: 'wang', role: 'manager' }, action: 'reveal', subject: 'e1', detail: { reason: '流调' } }, new Date('2026-03-01T09:00:00Z'));
    expect(listAudit(db, { limit: 10 }).map((r) => r.action)).toEqual(['reveal', 'export']);
    expect(listAudit(db, { action: 'export', limit: 10 })[0]).toMatchObject({ actor: 'wang', actorRole: 'manager', subject: 'log.csv', detail: { rows: 3 } });
    expect(listAudit(db, { fromMs: Date.parse('2026-03-01T08:30:00Z'), limit: 10 })).toHaveLength(1);
  });

  it.each([
    ['UPDATE', "UPDATE audit_log SET actor = 'someone else'"],
    ['DELETE', 'DELETE FROM audit_log'],
    ['DELETE one row', 'DELETE FROM audit_log WHERE seq = 1'],
    ['INSERT OR REPLACE over a row', "INSERT OR REPLACE INTO audit_log (seq, at, at_ms, actor, action, detail) VALUES (1, 'x', 0, 'x', 'x', '{}')"],
  ])('refuses %s', (_name, sql) => {
    const db = store();
    recordAudit(db, { actor: { name: 'wang', role: 'manager' }, action: 'export' });
    expect(() => db.exec(sql)).toThrow(/append-only|UNIQUE|constraint|chained/);
    expect(listAudit(db, { limit: 10 })).toMatchObject([{ actor: 'wang', action: 'export' }]);
  });
});
