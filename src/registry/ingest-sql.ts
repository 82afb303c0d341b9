// The statements that store a batch and keep the live view's summaries, and the summaries' parameters.
import type { WireEntry } from '../common/wire/schemas.ts';

// One statement stores the new rows and adds exactly those rows to the live view's summaries, in the batch's own
// transaction: the figures can never count an entry twice or miss one. Entries dated outside the window are stored
// (in the out-of-window partition) but left out of the figures.
export const INSERT_AND_COUNT = `
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

// After a COPY of new rows: the same summaries from arrays of the stored entries' columns (what INSERT_AND_COUNT reads
// from its RETURNING), and the kiosk's head moved, in one statement. $1 compound, $2 zone, $3..$4 the window's days,
// $5 known reasons, $6 now, $7..$11 day, at, refused, fever, watch per entry, $12..$13 day and reason per reason of a
// refused entry, $14..$16 the kiosk and its new head.
export const COUNT_AND_ADVANCE = `
  WITH counted AS (
    SELECT * FROM unnest($7::date[], $8::timestamptz[], $9::boolean[], $10::boolean[], $11::boolean[]) AS x(day, at, refused, fever, watch)
    WHERE day BETWEEN $3::date AND $4::date
  ), live AS (
    SELECT * FROM counted WHERE at <= $6::timestamptz + interval '5 minutes'
  ), hours AS (
    INSERT INTO compound_hours (day, compound_id, hour, entries, refusals, fevers, watch_hits)
    SELECT day, $1, extract(hour FROM at AT TIME ZONE $2)::smallint, count(*), count(*) FILTER (WHERE refused),
           count(*) FILTER (WHERE fever), count(*) FILTER (WHERE watch)
    FROM counted GROUP BY 1, 3
    ON CONFLICT (day, compound_id, hour) DO UPDATE SET entries = compound_hours.entries + EXCLUDED.entries,
      refusals = compound_hours.refusals + EXCLUDED.refusals, fevers = compound_hours.fevers + EXCLUDED.fevers,
      watch_hits = compound_hours.watch_hits + EXCLUDED.watch_hits
  ), days AS (
    INSERT INTO compound_days (day, compound_id, entries, refusals, fevers, watch_hits, last_at)
    SELECT day, $1, count(*), count(*) FILTER (WHERE refused), count(*) FILTER (WHERE fever), count(*) FILTER (WHERE watch),
           max(at) FILTER (WHERE at <= $6::timestamptz + interval '5 minutes')
    FROM counted GROUP BY 1
    ON CONFLICT (day, compound_id) DO UPDATE SET entries = compound_days.entries + EXCLUDED.entries,
      refusals = compound_days.refusals + EXCLUDED.refusals, fevers = compound_days.fevers + EXCLUDED.fevers,
      watch_hits = compound_days.watch_hits + EXCLUDED.watch_hits, last_at = greatest(compound_days.last_at, EXCLUDED.last_at)
  ), slots AS (
    INSERT INTO compound_slots (slot, compound_id, entries)
    SELECT date_bin('10 minutes', at, timestamptz '2000-01-01 00:00:00+00'), $1, count(*) FROM live
    WHERE at > $6::timestamptz - interval '2 days' GROUP BY 1
    ON CONFLICT (slot, compound_id) DO UPDATE SET entries = compound_slots.entries + EXCLUDED.entries
  ), reasons AS (
    INSERT INTO compound_reasons (day, compound_id, reason, n)
    SELECT day, $1, CASE WHEN r = ANY($5::text[]) THEN r ELSE 'other' END, count(*)
    FROM unnest($12::date[], $13::text[]) AS y(day, r) WHERE day BETWEEN $3::date AND $4::date GROUP BY 1, 3
    ON CONFLICT (day, compound_id, reason) DO UPDATE SET n = compound_reasons.n + EXCLUDED.n
  ), last AS (
    UPDATE compounds SET last_entry_at = greatest(last_entry_at, x.m)
    FROM (SELECT max(at) AS m FROM live) AS x WHERE compound_id = $1 AND x.m IS NOT NULL
  ), head AS (
    UPDATE kiosk_heads SET last_seq = $15, last_hash = $16, updated_at = now() WHERE kiosk_id = $14
  )
  SELECT 1`;

/** COUNT_AND_ADVANCE's per-entry arrays ($7..$13) for the entries just stored. */
export function summaryColumns(stored: readonly WireEntry[]): unknown[] {
  const reasonDays: string[] = [];
  const reasons: string[] = [];
  for (const e of stored) {
    if (e.decision !== 'refuse') continue;
    for (const r of e.reasons) {
      reasonDays.push(e.day);
      reasons.push(r);
    }
  }
  return [
    stored.map((e) => e.day),
    stored.map((e) => e.at),
    stored.map((e) => e.decision === 'refuse'),
    stored.map((e) => e.fever),
    // As the INSERT's payload ? 'watch': the key is there.
    stored.map((e) => e.watch !== undefined),
    reasonDays,
    reasons,
  ];
}
