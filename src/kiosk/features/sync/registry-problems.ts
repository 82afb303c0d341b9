// The problems the registry reports in its answers (issue 14.7): kept until a manager acknowledges them, so the badge
// and the hand-over never say "everything is at the registry" while the registry says its copy has gaps.
import type { Db } from '../../platform/store/open-store.ts';
import { prepared } from '../../platform/store/statements.ts';
import type { RegistryProblem } from '../../../common/contract/methods/sync.ts';
import type { ChainProblem } from '../../../common/wire/schemas.ts';

export function keepProblems(db: Db, log: 'entries' | 'audit', problems: ChainProblem[], nowMs: number): void {
  if (problems.length === 0) return;
  const insert = db.prepare('INSERT INTO sync_problems (log, kind, from_seq, to_seq, entry_id, detail, reported_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const at = new Date(nowMs).toISOString();
  db.transaction(() => {
    for (const p of problems) insert.run(p.log ?? log, p.kind, p.fromSeq, p.toSeq, p.entryId, p.detail, at);
  })();
}

export function openProblems(db: Db, limit = 20): RegistryProblem[] {
  return prepared<[number], RegistryProblem>(
    db,
    'SELECT log, kind, from_seq AS fromSeq, to_seq AS toSeq, detail, reported_at AS reportedAt FROM sync_problems WHERE acknowledged_at IS NULL ORDER BY id DESC LIMIT ?',
  ).all(limit);
}

export function acknowledgeProblems(db: Db, by: string, nowMs: number): number {
  return db.prepare('UPDATE sync_problems SET acknowledged_at = ?, acknowledged_by = ? WHERE acknowledged_at IS NULL').run(new Date(nowMs).toISOString(), by).changes;
}
