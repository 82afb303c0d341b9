// Entries older than the retention period leave the kiosk, but only once the registry holds them: an entry still in
// the sync outbox (or set aside as a conflict) stays, however old. Each purge is one transaction with its audit record.
import type { Actor } from '../../platform/audit/audit-log.ts';
import { recordAudit } from '../../platform/audit/audit-log.ts';
import { addDays, localDay } from '../../../common/local-time.ts';
import type { Db } from '../../platform/store/open-store.ts';

export const DEFAULT_RETENTION_DAYS = 28;

export interface PurgeResult {
  /** Entries of local days before this one were eligible. */
  cutoffDay: string;
  purged: number;
  /** Old enough, but not yet at the registry: kept. */
  keptNotUploaded: number;
}

export function cutoffDay(now: Date, retentionDays: number, timeZone: string): string {
  // Local days are counted back from today's local date, so a purge at 00:30 does not eat yesterday.
  return addDays(localDay(now, timeZone), -retentionDays);
}

const NOT_UPLOADED = 'id IN (SELECT id FROM sync_outbox) OR id IN (SELECT id FROM sync_rejected)';

export function purgeExpired(db: Db, options: { now: Date; retentionDays: number; timeZone: string; actor: Actor }): PurgeResult {
  const cutoff = cutoffDay(options.now, options.retentionDays, options.timeZone);
  return db.transaction(() => {
    const kept = db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM entries WHERE local_day < ? AND (${NOT_UPLOADED})`).get(cutoff)!.n;
    const purged = db.prepare(`DELETE FROM entries WHERE local_day < ? AND NOT (${NOT_UPLOADED})`).run(cutoff).changes;
    if (purged > 0 || kept > 0) {
      recordAudit(db, { actor: options.actor, action: 'purge', subject: `before ${cutoff}`, detail: { cutoffDay: cutoff, retentionDays: options.retentionDays, purged, keptNotUploaded: kept } }, options.now);
    }
    return { cutoffDay: cutoff, purged, keptNotUploaded: kept };
  })();
}

export function retentionStatus(db: Db, options: { now: Date; retentionDays: number; timeZone: string }) {
  const cutoff = cutoffDay(options.now, options.retentionDays, options.timeZone);
  const due = db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM entries WHERE local_day < ? AND NOT (${NOT_UPLOADED})`).get(cutoff)!.n;
  const waiting = db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM entries WHERE local_day < ? AND (${NOT_UPLOADED})`).get(cutoff)!.n;
  const oldest = db.prepare<[], { day: string | null }>('SELECT min(local_day) AS day FROM entries').get()!.day;
  return { retentionDays: options.retentionDays, cutoffDay: cutoff, due, keptNotUploaded: waiting, oldestDay: oldest };
}
