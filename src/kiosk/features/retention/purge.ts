// Entries older than the retention period leave the kiosk, but only once the registry holds them: an entry still in
// the sync outbox (or set aside as a conflict) stays, however old. A purge of a month is hundreds of thousands of rows:
// it is audited first, in the transaction that fixes which rows go, then deleted in small transactions that let the
// gate's calls in between, and the names no entry holds any more leave the search index too.
import type { Actor } from '../../platform/audit/audit-log.ts';
import { recordAudit } from '../../platform/audit/audit-log.ts';
import { addDays, localDay } from '../../../common/local-time.ts';
import type { Db } from '../../platform/store/open-store.ts';

export const DEFAULT_RETENTION_DAYS = 28;
/** Rows deleted per transaction: a few milliseconds each, so a person at the gate never waits on a purge. */
export const PURGE_CHUNK = 1_000;
const TERMS_CHUNK = 2_000;

export interface PurgeResult {
  /** Entries of local days before this one were eligible. */
  cutoffDay: string;
  purged: number;
  /** Old enough, but not yet at the registry: kept. */
  keptNotUploaded: number;
}

export interface PurgeHooks {
  /** Rows deleted so far of the total fixed at the start. */
  progress?: (done: number, total: number) => void;
  /** Between two chunks: lets the gate's calls run (the default waits for the event loop's next turn). */
  pause?: () => Promise<void>;
}

export function cutoffDay(now: Date, retentionDays: number, timeZone: string): string {
  // Local days are counted back from today's local date, so a purge at 00:30 does not eat yesterday.
  return addDays(localDay(now, timeZone), -retentionDays);
}

const NOT_UPLOADED = 'id IN (SELECT id FROM sync_outbox) OR id IN (SELECT id FROM sync_rejected)';
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
let purges = 0;

export async function purgeExpired(db: Db, options: { now: Date; retentionDays: number; timeZone: string; actor: Actor }, hooks: PurgeHooks = {}): Promise<PurgeResult> {
  const cutoff = cutoffDay(options.now, options.retentionDays, options.timeZone);
  const pause = hooks.pause ?? nextTurn;
  // The rows that go are fixed (and audited) at once; an entry the registry confirms meanwhile waits for the next purge.
  const batch = `temp.purge_batch_${process.pid}_${++purges}`;
  const planned = db.transaction(() => {
    const kept = db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM entries WHERE local_day < ? AND (${NOT_UPLOADED})`).get(cutoff)!.n;
    db.prepare(`CREATE TABLE ${batch} AS SELECT rowid AS r FROM entries WHERE local_day < ? AND NOT (${NOT_UPLOADED})`).run(cutoff);
    const due = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${batch}`).get()!.n;
    if (due > 0 || kept > 0) {
      recordAudit(db, { actor: options.actor, action: 'purge', subject: `before ${cutoff}`, detail: { cutoffDay: cutoff, retentionDays: options.retentionDays, purged: due, keptNotUploaded: kept } }, options.now);
    }
    return { due, kept };
  })();
  let done = 0;
  try {
    hooks.progress?.(0, planned.due);
    const chunk = db.transaction(() => {
      const rows = db.prepare<[number], number>(`SELECT r FROM ${batch} ORDER BY r LIMIT ?`).pluck().all(PURGE_CHUNK);
      if (rows.length === 0) return 0;
      const list = JSON.stringify(rows);
      db.prepare('DELETE FROM entries WHERE rowid IN (SELECT value FROM json_each(?))').run(list);
      db.prepare(`DELETE FROM ${batch} WHERE r IN (SELECT value FROM json_each(?))`).run(list);
      return rows.length;
    });
    for (let n = planned.due > 0 ? chunk() : 0; n > 0; n = chunk()) {
      done += n;
      hooks.progress?.(done, planned.due);
      await pause();
    }
  } finally {
    db.exec(`DROP TABLE IF EXISTS ${batch}`);
  }
  if (done > 0) await forgetUnusedNames(db, pause);
  return { cutoffDay: cutoff, purged: done, keptNotUploaded: planned.kept };
}

/** Names, households and plates no entry holds any more leave the search index (migration 012) with their entries. */
async function forgetUnusedNames(db: Db, pause: () => Promise<void>): Promise<void> {
  if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_terms'").get()) return;
  const last = db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM search_terms').get()!.id ?? 0;
  const unused = db.prepare<[number, number]>(`DELETE FROM search_terms WHERE id > ? AND id <= ? AND CASE kind
      WHEN 1 THEN NOT EXISTS (SELECT 1 FROM entries WHERE identity_name = text) AND NOT EXISTS (SELECT 1 FROM entries WHERE code_holder_name = text)
      WHEN 2 THEN NOT EXISTS (SELECT 1 FROM entries WHERE household_label = text)
      ELSE NOT EXISTS (SELECT 1 FROM entries WHERE plate = text) END`);
  for (let from = 0; from < last; from += TERMS_CHUNK) {
    unused.run(from, from + TERMS_CHUNK);
    await pause();
  }
}

export function retentionStatus(db: Db, options: { now: Date; retentionDays: number; timeZone: string }) {
  const cutoff = cutoffDay(options.now, options.retentionDays, options.timeZone);
  const due = db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM entries WHERE local_day < ? AND NOT (${NOT_UPLOADED})`).get(cutoff)!.n;
  const waiting = db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM entries WHERE local_day < ? AND (${NOT_UPLOADED})`).get(cutoff)!.n;
  const oldest = db.prepare<[], { day: string | null }>('SELECT min(local_day) AS day FROM entries').get()!.day;
  return { retentionDays: options.retentionDays, cutoffDay: cutoff, due, keptNotUploaded: waiting, oldestDay: oldest };
}
