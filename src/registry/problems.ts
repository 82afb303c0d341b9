// The log integrity problems the chain checks found, open ones (or all) for the staff.
import type { OpenProblem } from './pages/stats-page.ts';
import { isoSql } from './schema.ts';
import type { Database } from './sql.ts';

export async function listProblems(db: Database, includeResolved: boolean): Promise<OpenProblem[]> {
  return db.query<OpenProblem>(
    `SELECT kiosk_id AS "kioskId", log, kind, from_seq::float8 AS "fromSeq", to_seq::float8 AS "toSeq", detail, ${isoSql('detected_at')} AS "detectedAt",
            entry_id AS "entryId", ${isoSql('resolved_at')} AS "resolvedAt"
     FROM chain_problems ${includeResolved ? '' : 'WHERE resolved_at IS NULL'} ORDER BY problem_id LIMIT 1000`,
  );
}
