// Stores a kiosk's batch exactly once and checks its hash chain, in one transaction per batch.
import { hashMatches } from '../common/wire/chain.ts';
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

// One statement stores the new rows and adds exactly those rows to the live view's summaries, in the batch's own
// transaction: the figures can never count an entry twice or miss one. Entries dated outside the window are stored
// (in the out-of-window partition) but left out of the figures.
const INSERT_AND_COUNT = `
  WITH ins AS (
    INSERT INTO entries (day, id, kiosk_id, compound_id, seq, at, prev_hash, hash, decision, fever, reasons, payload)
    SELECT x.day, x.id, $2, $3, x.seq, x.at, x."prevHash", x.hash, x.decision, x.fever, x.reasons, e
    FROM jsonb_array_elements($1::jsonb) AS e,
         jsonb_to_record(e) AS x(day date, id uuid, seq bigint, at timestamptz, "prevHash" text, hash text, decision text, fever boolean, reasons text[])
    ON CONFLICT DO NOTHING
    RETURNING id, day, at, decision, fever, reasons, payload ? 'watch' AS watch
  ), counted AS (
    SELECT * FROM ins WHERE day BETWEEN $5::date AND $6::date
  ), live AS (
    SELECT * FROM counted WHERE at <= $8::timestamptz + interval '5 minutes'
  ), hours AS (
    INSERT INTO compound_hours (day, compound_id, hour, entries, refusals, fevers, watch_hits)
    SELECT day, $3, extract(hour FROM at AT TIME ZONE $4)::smallint, count(*), count(*) FILTER (WHERE decision = 'refuse'),
           count(*) FILTER (WHERE fever), count(*) FILTER (WHERE watch)
    FROM counted GROUP BY 1, 3
    ON CONFLICT (day, compound_id, hour) DO UPDATE SET entries = compound_hours.entries + EXCLUDED.entries,
      refusals = compound_hours.refusals + EXCLUDED.refusals, fevers = compound_hours.fevers + EXCLUDED.fevers,
      watch_hits = compound_hours.watch_hits + EXCLUDED.watch_hits
  ), days AS (
    INSERT INTO compound_days (day, compound_id, entries, refusals, fevers, watch_hits, last_at)
    SELECT day, $3, count(*), count(*) FILTER (WHERE decision = 'refuse'), count(*) FILTER (WHERE fever), count(*) FILTER (WHERE watch),
           max(at) FILTER (WHERE at <= $8::timestamptz + interval '5 minutes')
    FROM counted GROUP BY 1
    ON CONFLICT (day, compound_id) DO UPDATE SET entries = compound_days.entries + EXCLUDED.entries,
      refusals = compound_days.refusals + EXCLUDED.refusals, fevers = compound_days.fevers + EXCLUDED.fevers,
      watch_hits = compound_days.watch_hits + EXCLUDED.watch_hits, last_at = greatest(compound_days.last_at, EXCLUDED.last_at)
  ), slots AS (
    INSERT INTO compound_slots (slot, compound_id, entries)
    SELECT date_bin('10 minutes', at, timestamptz '2000-01-01 00:00:00+00'), $3, count(*) FROM live
    WHERE at > $8::timestamptz - interval '2 days' GROUP BY 1
    ON CONFLICT (slot, compound_id) DO UPDATE SET entries = compound_slots.entries + EXCLUDED.entries
  ), reasons AS (
    INSERT INTO compound_reasons (day, compound_id, reason, n)
    SELECT day, $3, CASE WHEN r = ANY($7::text[]) THEN r ELSE 'other' END, count(*)
    FROM counted, unnest(reasons) AS r WHERE decision = 'refuse' GROUP BY 1, 3
    ON CONFLICT (day, compound_id, reason) DO UPDATE SET n = compound_reasons.n + EXCLUDED.n
  ), last AS (
    UPDATE compounds SET last_entry_at = greatest(last_entry_at, x.m)
    FROM (SELECT max(at) AS m FROM live) AS x WHERE compound_id = $3 AND x.m IS NOT NULL
  )
  SELECT id::text AS id FROM ins`;

export async function ingestBatch(db: Database, kiosk: KioskIdentity, batch: WireEntry[], options: IngestOptions): Promise<BatchAnswer> {
  const entries = [...batch].sort((a, b) => a.seq - b.seq);
  const range = windowAround(localDayIn(options.nowMs, options.timeZone), options.window ?? DEFAULT_WINDOW);
  const outside = entries.filter((e) => !inWindow(e.day, range));
  await ensurePartitions(db, entries.filter((e) => inWindow(e.day, range)).map((e) => e.day));
  return db.transaction(async (tx) => {
    // The head row lock serialises batches of one kiosk across ingest processes; kiosks never wait on each other.
    // One statement makes the row when missing and locks it (DO UPDATE takes the row lock, as FOR UPDATE would).
    const [head] = await tx.query<{ seq: number; hash: string }>(
      `INSERT INTO kiosk_heads (kiosk_id, last_seq, last_hash) VALUES ($1, 0, $2)
       ON CONFLICT (kiosk_id) DO UPDATE SET kiosk_id = EXCLUDED.kiosk_id
       RETURNING last_seq::float8 AS seq, last_hash AS hash`,
      [kiosk.kioskId, GENESIS_HASH],
    );
    const storing = tx.query<{ id: string }>(INSERT_AND_COUNT, [
      JSON.stringify(entries),
      kiosk.kioskId,
      kiosk.compoundId,
      options.timeZone,
      range.first,
      range.last,
      KNOWN_REASONS,
      new Date(options.nowMs).toISOString(),
    ]);
    storing.catch(() => undefined); // awaited below; this only keeps a failure from counting as unhandled meanwhile
    // The statement is on its way to PostgreSQL: check every hash while the server stores the rows (the profile
    // showed the two running one after the other). Only the answer's problems depend on it, never what is stored.
    const altered = new Set(entries.filter((e) => !hashMatches(nodeDigest, e)).map((e) => e.id));
    const inserted = new Set((await storing).map((r) => r.id));
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
    await tx.query('UPDATE kiosk_heads SET last_seq = $2, last_hash = $3, updated_at = now() WHERE kiosk_id = $1', [kiosk.kioskId, headSeq, headHash]);
    if (problems.length > 0) {
      await tx.query(
        `INSERT INTO chain_problems (kiosk_id, kind, from_seq, to_seq, entry_id, detail)
         SELECT "kioskId", kind, "fromSeq", "toSeq", "entryId", detail
         FROM jsonb_to_recordset($1::jsonb) AS p("kioskId" text, kind text, "fromSeq" bigint, "toSeq" bigint, "entryId" text, detail text)`,
        [JSON.stringify(problems)],
      );
    }
    await flagForStaff(tx, kiosk, { outside: outside.filter((e) => inserted.has(e.id)), range, problems, headSeq: head!.seq, nowMs: options.nowMs });
    return { stored: storedInOrder.map((e) => e.id), duplicates, conflicts, problems };
  });
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
