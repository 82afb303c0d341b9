// Stores a kiosk's batch exactly once and checks its hash chain, in one transaction per batch.
import { hashMatches } from '../common/wire/chain.ts';
import { nodeDigest } from './node-digest.ts';
import { GENESIS_HASH, type BatchAnswer, type ChainProblem, type WireEntry } from '../common/wire/schemas.ts';
import { ensurePartitions } from './partitions.ts';
import type { Database, Sql } from './sql.ts';

export interface KioskIdentity {
  kioskId: string;
  compoundId: string;
}

export async function ingestBatch(db: Database, kiosk: KioskIdentity, batch: WireEntry[]): Promise<BatchAnswer> {
  const entries = [...batch].sort((a, b) => a.seq - b.seq);
  await ensurePartitions(db, entries.map((e) => e.day));
  return db.transaction(async (tx) => {
    // The head row lock serialises batches of one kiosk across ingest processes; kiosks never wait on each other.
    await tx.query('INSERT INTO kiosk_heads (kiosk_id, last_seq, last_hash) VALUES ($1, 0, $2) ON CONFLICT DO NOTHING', [kiosk.kioskId, GENESIS_HASH]);
    const [head] = await tx.query<{ seq: number; hash: string }>(
      'SELECT last_seq::float8 AS seq, last_hash AS hash FROM kiosk_heads WHERE kiosk_id = $1 FOR UPDATE',
      [kiosk.kioskId],
    );
    const insertedRows = await tx.query<{ id: string }>(
      `INSERT INTO entries (day, id, kiosk_id, compound_id, seq, at, prev_hash, hash, decision, fever, reasons, payload)
       SELECT (e->>'day')::date, (e->>'id')::uuid, $2, $3, (e->>'seq')::bigint, (e->>'at')::timestamptz, e->>'prevHash', e->>'hash',
              e->>'decision', (e->>'fever')::boolean, ARRAY(SELECT jsonb_array_elements_text(e->'reasons')), e
       FROM jsonb_array_elements($1::jsonb) AS e
       ON CONFLICT DO NOTHING
       RETURNING id::text AS id`,
      [JSON.stringify(entries), kiosk.kioskId, kiosk.compoundId],
    );
    const inserted = new Set(insertedRows.map((r) => r.id));
    const problems: ChainProblem[] = [];
    const problem = (kind: ChainProblem['kind'], fromSeq: number, toSeq: number, entryId: string | null, detail: string) =>
      problems.push({ kind, kioskId: kiosk.kioskId, fromSeq, toSeq, entryId, detail });

    const duplicates: string[] = [];
    const conflicts: string[] = [];
    const notInserted = entries.filter((e) => !inserted.has(e.id));
    if (notInserted.length > 0) {
      const existing = await tx.query<{ id: string; hash: string; kiosk_id: string }>(
        `SELECT e.id::text AS id, e.hash, e.kiosk_id FROM entries e
         JOIN jsonb_to_recordset($1::jsonb) AS x(day date, id uuid) ON e.day = x.day AND e.id = x.id`,
        [JSON.stringify(notInserted.map((e) => ({ day: e.day, id: e.id })))],
      );
      const byId = new Map(existing.map((r) => [r.id, r]));
      for (const e of notInserted) {
        const stored = byId.get(e.id);
        if (stored && stored.hash === e.hash && stored.kiosk_id === kiosk.kioskId) duplicates.push(e.id);
        else {
          conflicts.push(e.id);
          problem('conflict', e.seq, e.seq, e.id, 'an entry with this id is already stored with different content');
        }
      }
    }

    let headSeq = head!.seq;
    let headHash = head!.hash;
    const late: WireEntry[] = [];
    const storedInOrder = entries.filter((e) => inserted.has(e.id));
    for (const e of storedInOrder) {
      if (!hashMatches(nodeDigest, e)) problem('bad-hash', e.seq, e.seq, e.id, 'the entry content does not match its hash: it was altered after it was recorded');
      if (e.seq === headSeq + 1) {
        if (e.prevHash !== headHash) problem('broken-link', e.seq - 1, e.seq, e.id, `entry ${e.seq - 1} is not the one entry ${e.seq} was chained to`);
      } else if (e.seq > headSeq + 1) {
        problem('gap', headSeq + 1, e.seq - 1, null, `entries ${headSeq + 1}..${e.seq - 1} have not been received`);
      } else {
        late.push(e);
        continue;
      }
      headSeq = e.seq;
      headHash = e.hash;
    }
    for (const e of late) await checkLateEntry(tx, kiosk.kioskId, e, problem);
    await tx.query('UPDATE kiosk_heads SET last_seq = $2, last_hash = $3, updated_at = now() WHERE kiosk_id = $1', [kiosk.kioskId, headSeq, headHash]);
    if (problems.length > 0) {
      await tx.query(
        `INSERT INTO chain_problems (kiosk_id, kind, from_seq, to_seq, entry_id, detail)
         SELECT "kioskId", kind, "fromSeq", "toSeq", "entryId", detail
         FROM jsonb_to_recordset($1::jsonb) AS p("kioskId" text, kind text, "fromSeq" bigint, "toSeq" bigint, "entryId" text, detail text)`,
        [JSON.stringify(problems)],
      );
    }
    return { stored: storedInOrder.map((e) => e.id), duplicates, conflicts, problems };
  });
}

/** An entry older than the kiosk's head: it fills a gap, or it forks the chain. */
async function checkLateEntry(
  tx: Sql,
  kioskId: string,
  e: WireEntry,
  problem: (kind: ChainProblem['kind'], fromSeq: number, toSeq: number, entryId: string | null, detail: string) => void,
): Promise<void> {
  const neighbours = await tx.query<{ id: string; seq: number; hash: string; prev_hash: string }>(
    `SELECT id::text AS id, seq::float8 AS seq, hash, prev_hash FROM entries
     WHERE kiosk_id = $1 AND seq BETWEEN $2 AND $3 AND id <> $4::uuid`,
    [kioskId, e.seq - 1, e.seq + 1, e.id],
  );
  if (neighbours.some((n) => n.seq === e.seq)) {
    problem('conflict', e.seq, e.seq, e.id, `two different entries claim sequence number ${e.seq}`);
    return;
  }
  const before = neighbours.find((n) => n.seq === e.seq - 1);
  const after = neighbours.find((n) => n.seq === e.seq + 1);
  const prevHash = e.seq === 1 ? GENESIS_HASH : before?.hash;
  if (prevHash !== undefined && prevHash !== e.prevHash) problem('broken-link', e.seq - 1, e.seq, e.id, `entry ${e.seq - 1} is not the one entry ${e.seq} was chained to`);
  if (after && after.prev_hash !== e.hash) problem('broken-link', e.seq, e.seq + 1, after.id, `entry ${e.seq + 1} is not chained to the entry received late as ${e.seq}`);
  await tx.query(
    `UPDATE chain_problems p SET resolved_at = now()
     WHERE p.kiosk_id = $1 AND p.kind = 'gap' AND p.resolved_at IS NULL AND p.from_seq <= $2 AND p.to_seq >= $2
       AND (SELECT count(*) FROM entries x WHERE x.kiosk_id = $1 AND x.seq BETWEEN p.from_seq AND p.to_seq) >= p.to_seq - p.from_seq + 1`,
    [kioskId, e.seq],
  );
}
