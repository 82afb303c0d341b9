// The audit log travels with the entries and the registry checks its chain (12.4): a record deleted or altered at the
// kiosk with the triggers dropped is flagged there like a broken entry chain. The kiosk reads the problems in the
// registry's answers and stops claiming everything is at the registry (14.7); a kiosk that started over says so at
// enrolment (14.4).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../../src/registry/sql.ts';
import type { RunningRegistry } from '../../../../src/registry/server.ts';
import { checkAuditLog, recordAudit } from '../../../../src/kiosk/platform/audit/audit-log.ts';
import { auditAcked } from '../../../../src/kiosk/features/sync/audit-upload.ts';
import { enrolKiosk } from '../../../../src/kiosk/features/sync/enrol.ts';
import { enqueueFields, outboxCounts } from '../../../../src/kiosk/features/sync/outbox.ts';
import { createSyncService, type SyncConfig, type SyncService } from '../../../../src/kiosk/features/sync/sync-service.ts';
import { backends } from '../../../support/registry-backends.ts';
import { enrolmentCode, staffSession, testRegistry } from '../../../support/registry-harness.ts';
import { entryFields, kioskDb, waitFor, type KioskDb } from '../../../support/sync-fixtures.ts';

const FAST: SyncConfig = { timeZone: 'Asia/Shanghai', batchSize: 40, intervalMs: 20, backoff: { baseMs: 10, capMs: 200 }, requestTimeoutMs: 2_000, downlinkIntervalMs: 60 * 60_000 };
const actor = { name: 'zhang', role: 'manager' as const };

describe.each(backends())('audit chain and reported problems against $name', { timeout: 120_000 }, (backend) => {
  let db: Database;
  let registry: RunningRegistry;
  let kiosk: KioskDb;
  let service: SyncService | null = null;

  const problemsAt = (log: string) => db.query<{ kind: string; from_seq: number; to_seq: number }>('SELECT kind, from_seq::float8 AS from_seq, to_seq::float8 AS to_seq FROM chain_problems WHERE log = $1 ORDER BY problem_id', [log]);

  async function enrol(): Promise<string> {
    const code = await enrolmentCode(registry.url, 'c-maple', 'Maple Court');
    return (await enrolKiosk({ db: kiosk.db, registryUrl: registry.url, code, kioskName: 'Gate 1', allowInsecureHttp: true })).kioskId;
  }

  beforeAll(async () => {
    db = await backend.open();
  });
  afterAll(async () => {
    await backend.close();
  });
  beforeEach(async () => {
    await backend.reset(db);
    registry = await testRegistry(db);
    kiosk = kioskDb();
    return async () => {
      await service?.stop();
      service = null;
      await registry.close();
      kiosk.cleanup();
    };
  });

  it('flags audit records deleted or altered at the kiosk, and the kiosk shows what the registry reported', async () => {
    const kioskId = await enrol();
    for (const action of ['sign-in', 'reveal', 'export']) recordAudit(kiosk.db, { actor, action, subject: 'entry-1', detail: { reason: 'neighbour asked' } });
    service = createSyncService({ db: kiosk.db, config: FAST });
    service.start();
    await waitFor('the audit records to reach the registry', () => auditAcked(kiosk.db) === 3);
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_records WHERE kiosk_id = $1', [kioskId]))[0]!.n).toBe(3);
    expect(await problemsAt('audit')).toEqual([]);
    // The detail itself stays at the kiosk: the registry holds its digest.
    expect(JSON.stringify(await db.query('SELECT * FROM audit_records'))).not.toContain('neighbour asked');
    await service.stop();

    // Someone with the file and its key writes three more, then removes one and rewrites another, triggers dropped.
    for (const action of ['reveal', 'reveal', 'export']) recordAudit(kiosk.db, { actor, action, subject: 'entry-2', detail: { reason: 'curious' } });
    kiosk.db.exec(`
      DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_no_update;
      DELETE FROM audit_log WHERE seq = 5;
      UPDATE audit_log SET detail = '{"reason":"routine check"}' WHERE seq = 6;
    `);
    expect(checkAuditLog(kiosk.db).problems.map((p) => p.kind).sort()).toEqual(['bad-hash', 'gap']);
    service.start();
    await waitFor('the rest of the audit log to be sent', () => auditAcked(kiosk.db) === 6);
    expect(await problemsAt('audit')).toEqual([
      { kind: 'bad-hash', from_seq: 6, to_seq: 6 },
      { kind: 'gap', from_seq: 5, to_seq: 5 },
    ]);
    const status = await waitFor('the problems in the status', () => (service!.status().problems?.length ? service!.status() : null));
    expect(status.state).toBe('problems');
    expect(status.problems).toEqual(expect.arrayContaining([expect.objectContaining({ log: 'audit', kind: 'gap', fromSeq: 5, toSeq: 5 })]));
    expect(status.summary).toMatch(/the registry reports 2 problems/);
  });

  it('does not say everything is at the registry while the registry reports a gap in the entry log', async () => {
    await enrol();
    const ids = [1, 2, 3].map(() => enqueueFields(kiosk.db, entryFields()).id);
    // What a lost WAL does: an entry acknowledged at the gate is gone from the kiosk before it was uploaded.
    kiosk.db.prepare('DELETE FROM sync_outbox WHERE id = ?').run(ids[1]);
    service = createSyncService({ db: kiosk.db, config: FAST });
    const flush = await service.flush({ timeoutMs: 20_000 });
    expect(outboxCounts(kiosk.db).waiting).toBe(0);
    expect(flush).toMatchObject({ complete: false, why: 'registry-problems', message: expect.stringMatching(/Everything was sent, but the registry reports 1 problem .*gap: entries 2–2/) });
    expect(service.status()).toMatchObject({ state: 'problems', problems: [{ log: 'entries', kind: 'gap', fromSeq: 2, toSeq: 2 }] });
    // A manager acknowledges (after telling the district): the hand-over may say it again.
    expect(service.acknowledgeProblems('zhang')).toBe(1);
    expect(service.status().problems).toBeUndefined();
    expect(await service.flush({ timeoutMs: 10_000 })).toMatchObject({ complete: true, message: expect.stringMatching(/Everything up to/) });
  });

  it('tells the registry at enrolment that the kiosk started over from an empty database', async () => {
    kiosk.db.prepare('INSERT INTO sync_chain_restarts (at, reason) VALUES (?, ?)').run(new Date().toISOString(), 'disk replaced after a power cut');
    const kioskId = await enrol();
    expect(await db.query('SELECT reason FROM chain_restarts WHERE kiosk_id = $1', [kioskId])).toEqual([{ reason: 'disk replaced after a power cut' }]);
    expect(await problemsAt('entries')).toEqual([{ kind: 'restart', from_seq: 0, to_seq: 0 }]);
    expect(kiosk.db.prepare('SELECT reported_at FROM sync_chain_restarts').get()).toEqual({ reported_at: expect.any(String) });
    // The staff see it on the statistics page, behind their sign-in (issue 12.14).
    const staff = await staffSession(registry.url);
    const page = await (await fetch(`${registry.url}/stats`, { headers: { cookie: staff.cookie } })).text();
    expect(page).toMatch(/restart.*started over from an empty database at .*disk replaced after a power cut/s);
  });
});
