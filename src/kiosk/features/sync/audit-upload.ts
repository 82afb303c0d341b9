// The audit log goes up with the entries, batch by batch, so a record deleted or changed at the kiosk later is
// caught by the copy at the registry (and one deleted before upload shows there as a gap in the chain).
import type { Db } from '../../platform/store/open-store.ts';
import { auditRecordsAfter } from '../../platform/audit/audit-log.ts';
import { AuditBatchAnswer } from '../../../common/wire/audit-chain.ts';
import type { Link } from './exchange.ts';
import { keepProblems } from './registry-problems.ts';
import { RegistryError } from './registry-client.ts';

export function auditAcked(db: Db): number {
  return db.prepare<[], { acked_seq: number }>('SELECT acked_seq FROM sync_audit_progress WHERE one = 1').get()?.acked_seq ?? 0;
}

/** Sends audit records after the last acknowledged one until none are left; a registry without the route is skipped. */
export async function uploadAudit(db: Db, link: Link, options: { batchSize: number; nowMs: () => number; log: (message: string) => void }): Promise<void> {
  const advance = db.prepare('UPDATE sync_audit_progress SET acked_seq = max(acked_seq, ?) WHERE one = 1');
  for (;;) {
    const batch = auditRecordsAfter(db, auditAcked(db), options.batchSize);
    if (batch.length === 0) return;
    let raw: unknown;
    try {
      raw = await link.client.request('POST', '/v1/audit', { records: batch }, link.credentials);
    } catch (error) {
      if (error instanceof RegistryError && error.status === 404) {
        options.log('the registry does not take audit records yet (an older version); the audit log stays on this kiosk');
        return;
      }
      throw error;
    }
    const answer = AuditBatchAnswer.safeParse(raw);
    if (!answer.success) throw new RegistryError('bad-answer', 'the registry answered the audit upload with something unexpected');
    const settled = [...answer.data.stored, ...answer.data.duplicates, ...answer.data.conflicts];
    if (settled.length === 0) throw new RegistryError('bad-answer', 'the registry accepted none of the audit batch');
    db.transaction(() => {
      keepProblems(db, 'audit', answer.data.problems.map((p) => ({ ...p, log: 'audit' as const })), options.nowMs());
      advance.run(Math.max(...settled));
    })();
  }
}
