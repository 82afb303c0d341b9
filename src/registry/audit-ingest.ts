// Stores a kiosk's audit records once and checks their hash chain, like the entries' chain: a record deleted at the
// kiosk before upload shows as a gap, one altered as a bad hash or a broken link, one replaced after upload as a conflict.
import { auditHash, type AuditBatchAnswer, type WireAuditRecord } from '../common/wire/audit-chain.ts';
import { GENESIS_HASH, type ChainProblem } from '../common/wire/schemas.ts';
import type { KioskIdentity } from './ingest.ts';
import { nodeDigest } from './node-digest.ts';
import type { Database } from './sql.ts';

export async function ingestAudit(db: Database, kiosk: KioskIdentity, batch: WireAuditRecord[]): Promise<AuditBatchAnswer> {
  const records = [...batch].sort((a, b) => a.seq - b.seq);
  return db.transaction(async (tx) => {
    await tx.query('INSERT INTO audit_heads (kiosk_id, last_seq, last_hash) VALUES ($1, 0, $2) ON CONFLICT DO NOTHING', [kiosk.kioskId, GENESIS_HASH]);
    const [head] = await tx.query<{ seq: number; hash: string }>('SELECT last_seq::float8 AS seq, last_hash AS hash FROM audit_heads WHERE kiosk_id = $1 FOR UPDATE', [kiosk.kioskId]);
    const inserted = new Set(
      (
        await tx.query<{ seq: number }>(
          `INSERT INTO audit_records (kiosk_id, seq, at, actor, actor_role, action, subject, detail_hash, prev_hash, hash)
           SELECT $2, (r->>'seq')::bigint, (r->>'at')::timestamptz, r->>'actor', r->>'actorRole', r->>'action', r->>'subject', r->>'detailHash', r->>'prevHash', r->>'hash'
           FROM jsonb_array_elements($1::jsonb) AS r
           ON CONFLICT DO NOTHING
           RETURNING seq::float8 AS seq`,
          [JSON.stringify(records), kiosk.kioskId],
        )
      ).map((r) => r.seq),
    );
    const problems: ChainProblem[] = [];
    const problem = (kind: ChainProblem['kind'], fromSeq: number, toSeq: number, detail: string) => problems.push({ kind, kioskId: kiosk.kioskId, fromSeq, toSeq, entryId: null, detail, log: 'audit' });

    const duplicates: number[] = [];
    const conflicts: number[] = [];
    const resent = records.filter((r) => !inserted.has(r.seq));
    if (resent.length > 0) {
      const stored = await tx.query<{ seq: number; hash: string }>('SELECT seq::float8 AS seq, hash FROM audit_records WHERE kiosk_id = $1 AND seq = ANY($2::bigint[])', [kiosk.kioskId, resent.map((r) => r.seq)]);
      const bySeq = new Map(stored.map((r) => [r.seq, r.hash]));
      for (const r of resent) {
        if (bySeq.get(r.seq) === r.hash) duplicates.push(r.seq);
        else {
          conflicts.push(r.seq);
          problem('conflict', r.seq, r.seq, `audit record ${r.seq} was received before with different content: it was changed at the kiosk after upload`);
        }
      }
    }

    let headSeq = head!.seq;
    let headHash = head!.hash;
    for (const r of records.filter((x) => inserted.has(x.seq))) {
      if (auditHash(nodeDigest, r) !== r.hash) problem('bad-hash', r.seq, r.seq, `audit record ${r.seq} does not match its hash: it was altered after it was written`);
      if (r.seq === headSeq + 1) {
        if (r.prevHash !== headHash) problem('broken-link', r.seq - 1, r.seq, `audit record ${r.seq} is not chained to record ${r.seq - 1}: a record was changed or replaced at the kiosk`);
      } else if (r.seq > headSeq + 1) {
        problem('gap', headSeq + 1, r.seq - 1, `audit records ${headSeq + 1}..${r.seq - 1} never reached the registry: they were deleted at the kiosk`);
      } else continue;
      headSeq = r.seq;
      headHash = r.hash;
    }
    await tx.query('UPDATE audit_heads SET last_seq = $2, last_hash = $3, updated_at = now() WHERE kiosk_id = $1', [kiosk.kioskId, headSeq, headHash]);
    if (problems.length > 0) {
      await tx.query(
        `INSERT INTO chain_problems (kiosk_id, kind, from_seq, to_seq, entry_id, detail, log)
         SELECT "kioskId", kind, "fromSeq", "toSeq", NULL, detail, 'audit'
         FROM jsonb_to_recordset($1::jsonb) AS p("kioskId" text, kind text, "fromSeq" bigint, "toSeq" bigint, detail text)`,
        [JSON.stringify(problems)],
      );
    }
    return { stored: records.filter((r) => inserted.has(r.seq)).map((r) => r.seq), duplicates, conflicts, problems };
  });
}
