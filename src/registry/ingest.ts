// Stores a kiosk's batch exactly once and checks its hash chain, in one transaction per batch.
import { hashMatches } from '../common/wire/chain.ts';
import { entryText } from './entry-text.ts';
import { copyField, ENTRY_COLUMNS, entryRow } from './copy-text.ts';
import { COUNT_AND_ADVANCE, INSERT_AND_COUNT, summaryGroups } from './ingest-sql.ts';
import { nodeDigest } from './node-digest.ts';
import { GENESIS_HASH, type BatchAnswer, type ChainProblem, type WireEntry } from '../common/wire/schemas.ts';
import { raiseRegistryAlert } from './alerts.ts';
import type { KioskIdentity } from './kiosk-identity.ts';
import { KNOWN_REASONS } from './known-reasons.ts';
import { DEFAULT_WINDOW, ensurePartitions, inWindow, windowAround, type EntryWindow } from './partitions.ts';
import { localDayIn } from './registry-time.ts';
import type { Database, Sql } from './sql.ts';

export type { KioskIdentity } from './kiosk-identity.ts';

export interface IngestOptions {
  nowMs: number;
  /** The district's zone: the live view's hours and the registry's today. */
  timeZone: string;
  window?: EntryWindow;
}

type Problem = (kind: ChainProblem['kind'], fromSeq: number, toSeq: number, entryId: string | null, detail: string) => void;

export async function ingestBatch(db: Database, kiosk: KioskIdentity, batch: WireEntry[], options: IngestOptions): Promise<BatchAnswer> {
  const entries = [...batch].sort((a, b) => a.seq - b.seq);
  const range = windowAround(localDayIn(options.nowMs, options.timeZone), options.window ?? DEFAULT_WINDOW);
  await ensurePartitions(db, entries.filter((e) => inWindow(e.day, range)).map((e) => e.day));
  const batchOf = { kiosk, entries, range, options };
  // Nearly every batch is new entries: COPY stores them for about two thirds of what INSERT ... ON CONFLICT costs
  // PostgreSQL (the profile). COPY cannot skip a row already stored, so a batch holding one (a resend after a lost
  // answer, a conflicting id) fails on the primary key, rolls back whole, and goes again through the INSERT, which
  // sorts out what was stored before.
  try {
    return await db.transaction((tx) => storeBatch(tx, batchOf, 'copy'));
  } catch (error) {
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
  }
  return db.transaction((tx) => storeBatch(tx, batchOf, 'insert'));
}

const UNIQUE_VIOLATION = '23505';

interface Batch {
  kiosk: KioskIdentity;
  /** Sorted by seq. */
  entries: WireEntry[];
  range: { first: string; last: string };
  options: IngestOptions;
}

async function storeBatch(tx: Sql, batch: Batch, how: 'copy' | 'insert'): Promise<BatchAnswer> {
  const { kiosk, entries, range, options } = batch;
  // The head row lock serialises batches of one kiosk across ingest processes; kiosks never wait on each other.
  // One statement makes the row when missing and locks it (DO UPDATE takes the row lock, as FOR UPDATE would).
  const [head] = await tx.query<{ seq: number; hash: string }>(
    `INSERT INTO kiosk_heads (kiosk_id, last_seq, last_hash) VALUES ($1, 0, $2)
     ON CONFLICT (kiosk_id) DO UPDATE SET kiosk_id = EXCLUDED.kiosk_id
     RETURNING last_seq::float8 AS seq, last_hash AS hash`,
    [kiosk.kioskId, GENESIS_HASH],
  );
  const nowIso = new Date(options.nowMs).toISOString();
  let altered: Set<string>;
  let inserted: Set<string>;
  if (how === 'copy') {
    // One pass over the batch: the canonical JSON each hash is checked over is also the row's payload (the same
    // members plus the hash; jsonb keeps no key order). What is stored never depends on the check, only the answer.
    altered = new Set();
    const kioskCol = copyField(kiosk.kioskId);
    const compoundCol = copyField(kiosk.compoundId);
    let rows = '';
    for (const e of entries) {
      const text = entryText(e);
      if (nodeDigest.sha256Hex(text) !== e.hash) altered.add(e.id);
      rows += entryRow(e, kioskCol, compoundCol, `${text.slice(0, -1)},"hash":"${e.hash}"}`);
    }
    await tx.copyRows('entries', ENTRY_COLUMNS, rows);
    inserted = new Set(entries.map((e) => e.id));
  } else {
    const storing = tx.query<{ id: string }>(INSERT_AND_COUNT, [
      JSON.stringify(entries),
      kiosk.kioskId,
      kiosk.compoundId,
      options.timeZone,
      range.first,
      range.last,
      KNOWN_REASONS,
      nowIso,
    ]);
    storing.catch(() => undefined); // awaited below; this only keeps a failure from counting as unhandled meanwhile
    // The statement is on its way to PostgreSQL: check every hash while the server stores the rows.
    altered = new Set(entries.filter((e) => !hashMatches(nodeDigest, e)).map((e) => e.id));
    inserted = new Set((await storing).map((r) => r.id));
  }
  const problems: ChainProblem[] = [];
  const problem: Problem = (kind, fromSeq, toSeq, entryId, detail) => problems.push({ kind, kioskId: kiosk.kioskId, fromSeq, toSeq, entryId, detail });

  const { duplicates, conflicts } = await sortOutResent(tx, kiosk, entries.filter((e) => !inserted.has(e.id)), problem);

  let headSeq = head!.seq;
  let headHash = head!.hash;
  const late: WireEntry[] = [];
  const storedInOrder = entries.filter((e) => inserted.has(e.id));
  for (const e of storedInOrder) {
    if (altered.has(e.id)) problem('bad-hash', e.seq, e.seq, e.id, 'the entry content does not match its hash: it was altered after it was recorded');
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
  if (how === 'copy') {
    await tx.query(COUNT_AND_ADVANCE, [
      kiosk.compoundId,
      options.timeZone,
      range.first,
      range.last,
      KNOWN_REASONS,
      nowIso,
      ...summaryGroups(storedInOrder, options.nowMs),
      kiosk.kioskId,
      headSeq,
      headHash,
    ]);
  } else {
    await tx.query('UPDATE kiosk_heads SET last_seq = $2, last_hash = $3, updated_at = now() WHERE kiosk_id = $1', [kiosk.kioskId, headSeq, headHash]);
  }
  if (problems.length > 0) {
    await tx.query(
      `INSERT INTO chain_problems (kiosk_id, kind, from_seq, to_seq, entry_id, detail)
       SELECT "kioskId", kind, "fromSeq", "toSeq", "entryId", detail
       FROM jsonb_to_recordset($1::jsonb) AS p("kioskId" text, kind text, "fromSeq" bigint, "toSeq" bigint, "entryId" text, detail text)`,
      [JSON.stringify(problems)],
    );
  }
  const outside = storedInOrder.filter((e) => !inWindow(e.day, range));
  await flagForStaff(tx, kiosk, { outside, range, problems, headSeq: head!.seq, nowMs: options.nowMs });
  return { stored: storedInOrder.map((e) => e.id), duplicates, conflicts, problems };
}

/** Entries of the batch that were not stored now: the same entry sent again, or another under a stored id. */
async function sortOutResent(tx: Sql, kiosk: KioskIdentity, notInserted: WireEntry[], problem: Problem): Promise<{ duplicates: string[]; conflicts: string[] }> {
  const duplicates: string[] = [];
  const conflicts: string[] = [];
  if (notInserted.length === 0) return { duplicates, conflicts };
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
  return { duplicates, conflicts };
}

/** What the staff should hear of at once: entries dated outside the window, and a chain that started over. */
async function flagForStaff(
  tx: Sql,
  kiosk: KioskIdentity,
  found: { outside: WireEntry[]; range: { first: string; last: string }; problems: ChainProblem[]; headSeq: number; nowMs: number },
): Promise<void> {
  if (found.outside.length > 0) {
    const days = [...new Set(found.outside.map((e) => e.day))].sort();
    await raiseRegistryAlert(tx, kiosk, 'clock-skew', `${found.outside.length} entries dated outside ${found.range.first}..${found.range.last} (${days.slice(0, 3).join(', ')}${days.length > 3 ? ', ...' : ''}): the kiosk's clock or calendar is wrong; they are kept apart and left out of the figures`, {
      entries: found.outside.length,
      firstDay: days[0]!,
      lastDay: days.at(-1)!,
    }, found.nowMs);
  }
  const restart = found.problems.find((p) => p.kind === 'conflict' && p.entryId !== null && p.fromSeq <= found.headSeq && /claim sequence number/.test(p.detail));
  if (restart) {
    await raiseRegistryAlert(tx, kiosk, 'chain-restart', `the kiosk's log started again at entry ${restart.fromSeq}, below the ${found.headSeq} the registry holds: its database was replaced or restored`, {
      fromSeq: restart.fromSeq,
      registryHead: found.headSeq,
    }, found.nowMs);
  }
}

/** An entry older than the kiosk's head: it fills a gap, or it forks the chain. */
async function checkLateEntry(
  tx: Sql,
  kioskId: string,
  e: WireEntry,
  problem: Problem,
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
