// The statements that store a batch and keep the live view's summaries, and the summaries' parameters.
import type { WireEntry } from '../common/wire/schemas.ts';

// How new counts join the summaries, the same for rows inserted one statement at a time and for a COPY's groups.
const ADD_TO_HOURS = `ON CONFLICT (day, compound_id, hour) DO UPDATE SET entries = compound_hours.entries + EXCLUDED.entries,
      refusals = compound_hours.refusals + EXCLUDED.refusals, fevers = compound_hours.fevers + EXCLUDED.fevers,
      watch_hits = compound_hours.watch_hits + EXCLUDED.watch_hits`;
const ADD_TO_DAYS = `ON CONFLICT (day, compound_id) DO UPDATE SET entries = compound_days.entries + EXCLUDED.entries,
      refusals = compound_days.refusals + EXCLUDED.refusals, fevers = compound_days.fevers + EXCLUDED.fevers,
      watch_hits = compound_days.watch_hits + EXCLUDED.watch_hits, last_at = greatest(compound_days.last_at, EXCLUDED.last_at)`;
const ADD_TO_SLOTS = 'ON CONFLICT (slot, compound_id) DO UPDATE SET entries = compound_slots.entries + EXCLUDED.entries';
const ADD_TO_REASONS = 'ON CONFLICT (day, compound_id, reason) DO UPDATE SET n = compound_reasons.n + EXCLUDED.n';

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
    ${ADD_TO_HOURS}
  ), days AS (
    INSERT INTO compound_days (day, compound_id, entries, refusals, fevers, watch_hits, last_at)
    SELECT day, $3, count(*), count(*) FILTER (WHERE decision = 'refuse'), count(*) FILTER (WHERE fever), count(*) FILTER (WHERE watch),
           max(at) FILTER (WHERE at <= $8::timestamptz + interval '5 minutes')
    FROM counted GROUP BY 1
    ${ADD_TO_DAYS}
  ), slots AS (
    INSERT INTO compound_slots (slot, compound_id, entries)
    SELECT date_bin('10 minutes', at, timestamptz '2000-01-01 00:00:00+00'), $3, count(*) FROM live
    WHERE at > $8::timestamptz - interval '2 days' GROUP BY 1
    ${ADD_TO_SLOTS}
  ), reasons AS (
    INSERT INTO compound_reasons (day, compound_id, reason, n)
    SELECT day, $3, CASE WHEN r = ANY($7::text[]) THEN r ELSE 'other' END, count(*)
    FROM counted, unnest(reasons) AS r WHERE decision = 'refuse' GROUP BY 1, 3
    ${ADD_TO_REASONS}
  ), last AS (
    UPDATE compounds SET last_entry_at = greatest(last_entry_at, x.m)
    FROM (SELECT max(at) AS m FROM live) AS x WHERE compound_id = $3 AND x.m IS NOT NULL
  )
  SELECT id::text AS id FROM ins`;

// After a COPY of new rows: the same summaries as INSERT_AND_COUNT keeps, from the stored entries added up per group
// (summaryGroups), and the kiosk's head moved, in one statement. $1 compound, $2 zone, $3..$4 the window's days,
// $5 known reasons, $6 now, $7..$15 the groups, $16..$18 refusal reasons per day, $19..$21 the kiosk and its new head.
// A group's live or recent left NULL is decided here from its at, as INSERT_AND_COUNT decides it per entry.
export const COUNT_AND_ADVANCE = `
  WITH counted AS (
    SELECT day, at, n, refusals, fevers, watch_hits, last_at,
           coalesce(live, at <= $6::timestamptz + interval '5 minutes') AS live,
           coalesce(recent, at > $6::timestamptz - interval '2 days') AS recent
    FROM unnest($7::date[], $8::timestamptz[], $9::int[], $10::int[], $11::int[], $12::int[], $13::timestamptz[], $14::boolean[], $15::boolean[])
      AS x(day, at, n, refusals, fevers, watch_hits, last_at, live, recent)
    WHERE day BETWEEN $3::date AND $4::date
  ), hours AS (
    INSERT INTO compound_hours (day, compound_id, hour, entries, refusals, fevers, watch_hits)
    SELECT day, $1, extract(hour FROM at AT TIME ZONE $2)::smallint, sum(n), sum(refusals), sum(fevers), sum(watch_hits)
    FROM counted GROUP BY 1, 3
    ${ADD_TO_HOURS}
  ), days AS (
    INSERT INTO compound_days (day, compound_id, entries, refusals, fevers, watch_hits, last_at)
    SELECT day, $1, sum(n), sum(refusals), sum(fevers), sum(watch_hits), max(last_at) FILTER (WHERE live)
    FROM counted GROUP BY 1
    ${ADD_TO_DAYS}
  ), slots AS (
    INSERT INTO compound_slots (slot, compound_id, entries)
    SELECT date_bin('10 minutes', at, timestamptz '2000-01-01 00:00:00+00'), $1, sum(n) FROM counted
    WHERE live AND recent GROUP BY 1
    ${ADD_TO_SLOTS}
  ), reasons AS (
    INSERT INTO compound_reasons (day, compound_id, reason, n)
    SELECT day, $1, CASE WHEN r = ANY($5::text[]) THEN r ELSE 'other' END, sum(n)
    FROM unnest($16::date[], $17::text[], $18::int[]) AS y(day, r, n) WHERE day BETWEEN $3::date AND $4::date GROUP BY 1, 3
    ${ADD_TO_REASONS}
  ), last AS (
    UPDATE compounds SET last_entry_at = greatest(last_entry_at, x.m)
    FROM (SELECT max(last_at) AS m FROM counted WHERE live) AS x WHERE compound_id = $1 AND x.m IS NOT NULL
  ), head AS (
    UPDATE kiosk_heads SET last_seq = $20, last_hash = $21, updated_at = now() WHERE kiosk_id = $19
  )
  SELECT 1`;

const MINUTE_MS = 60_000;
const LIVE_AHEAD_MS = 5 * MINUTE_MS;
const RECENT_MS = 2 * 86_400_000;
// An at with at most milliseconds: Date.parse reads exactly the instant PostgreSQL reads (it keeps microseconds).
const AT_IN_MS = /T\d\d:\d\d:\d\d(?:\.\d{1,3})?(?:Z|[+-]\d\d:\d\d)$/;

/**
 * COUNT_AND_ADVANCE's $7..$18: the stored entries added up per day, UTC minute, live (at most 5 minutes ahead of now)
 * and recent (the last two days), so PostgreSQL reads a few rows rather than every entry's columns (in the profile
 * half of what the summaries cost it). A UTC minute has one local hour in every zone's current rules and lies in one
 * ten-minute slot; a group's last_at is its latest live at. An entry whose at has finer than milliseconds is a group
 * of its own, at its own at, and PostgreSQL decides its live and recent.
 */
export function summaryGroups(stored: readonly WireEntry[], nowMs: number): unknown[] {
  interface Group { day: string; at: string; n: number; refusals: number; fevers: number; watch: number; lastMs: number; lastAt: string | null; live: boolean | null; recent: boolean | null }
  const groups = new Map<string, Group>();
  const odd: Group[] = [];
  const reasons = new Map<string, { day: string; reason: string; n: number }>();
  for (const e of stored) {
    const refused = e.decision === 'refuse';
    let g: Group | undefined;
    if (AT_IN_MS.test(e.at)) {
      const ms = Date.parse(e.at);
      const minute = Math.floor(ms / MINUTE_MS) * MINUTE_MS;
      const live = ms <= nowMs + LIVE_AHEAD_MS;
      const recent = ms > nowMs - RECENT_MS;
      const key = `${e.day} ${minute} ${live} ${recent}`;
      g = groups.get(key);
      if (!g) groups.set(key, (g = { day: e.day, at: new Date(minute).toISOString(), n: 0, refusals: 0, fevers: 0, watch: 0, lastMs: -Infinity, lastAt: null, live, recent }));
      if (live && ms > g.lastMs) {
        g.lastMs = ms;
        g.lastAt = e.at;
      }
    } else {
      odd.push((g = { day: e.day, at: e.at, n: 0, refusals: 0, fevers: 0, watch: 0, lastMs: 0, lastAt: e.at, live: null, recent: null }));
    }
    g.n += 1;
    if (refused) g.refusals += 1;
    if (e.fever) g.fevers += 1;
    // As the INSERT's payload ? 'watch': the key is there.
    if (e.watch !== undefined) g.watch += 1;
    if (refused) {
      for (const reason of e.reasons) {
        const key = `${e.day} ${reason}`;
        const r = reasons.get(key);
        if (r) r.n += 1;
        else reasons.set(key, { day: e.day, reason, n: 1 });
      }
    }
  }
  const all = [...groups.values(), ...odd];
  const rs = [...reasons.values()];
  return [
    all.map((g) => g.day),
    all.map((g) => g.at),
    all.map((g) => g.n),
    all.map((g) => g.refusals),
    all.map((g) => g.fevers),
    all.map((g) => g.watch),
    all.map((g) => g.lastAt),
    all.map((g) => g.live),
    all.map((g) => g.recent),
    rs.map((r) => r.day),
    rs.map((r) => r.reason),
    rs.map((r) => r.n),
  ];
}
