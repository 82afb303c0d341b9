// The live view for district staff, read from the summaries kept at ingest (never by scanning the day's entries):
// every compound with its last entry, the last hour, today's refusals and fevers, open alerts, and whether it has
// gone silent during an hour it is usually busy.
import { addDays } from '../common/local-time.ts';
import { localDayIn, localHourIn } from './registry-time.ts';
import { isoSql } from './schema.ts';
import type { Database } from './sql.ts';

export interface LiveCompound {
  compoundId: string;
  name: string;
  district: string;
  kiosks: number;
  lastEntryAt: string | null;
  /** Entries in the last hour, to the ten minutes. */
  lastHour: number;
  entriesToday: number;
  refusalsToday: number;
  feversToday: number;
  watchHitsToday: number;
  openAlerts: number;
  /** No entry for `silentMinutes` during an hour this compound is usually busy. */
  silent: boolean;
}

export interface LiveTotals {
  compounds: number;
  entries: number;
  lastHour: number;
  refusals: number;
  fevers: number;
  watchHits: number;
  openAlerts: number;
  silent: number;
}

export interface LiveView {
  at: string;
  today: string;
  silentMinutes: number;
  totals: LiveTotals;
  districts: Array<LiveTotals & { district: string }>;
  /** The requested page, silent compounds first, then those with open alerts, then by district and name. */
  compounds: LiveCompound[];
  page: { offset: number; limit: number; matching: number };
}

export interface LiveQuery {
  nowMs: number;
  timeZone: string;
  silentMinutes?: number;
  /** Hours a compound with no history yet counts as busy (local, [from, to)). */
  defaultBusyHours?: [number, number];
  district?: string;
  search?: string;
  only?: 'silent' | 'alerts';
  offset?: number;
  limit?: number;
}

// Busy at this hour: entries in it on at least 3 of the past 7 days; a compound with no past week at all follows the
// default day hours instead.
const LIVE_SQL = `
  WITH enrolled AS (
    SELECT compound_id, count(*)::int AS kiosks FROM kiosks WHERE revoked_at IS NULL GROUP BY compound_id
  ), last_hour AS (
    SELECT compound_id, sum(entries)::int AS n FROM compound_slots WHERE slot >= $2::timestamptz GROUP BY compound_id
  ), busy AS (
    SELECT compound_id FROM compound_hours WHERE hour = $4 AND day >= $5::date AND day < $1::date AND entries >= 3
    GROUP BY compound_id HAVING count(*) >= 3
  ), history AS (
    SELECT DISTINCT compound_id FROM compound_days WHERE day >= $5::date AND day < $1::date
  ), open_alerts AS (
    SELECT compound_id, count(*)::int AS n FROM alerts WHERE acknowledged_at IS NULL GROUP BY compound_id
  )
  SELECT c.compound_id AS "compoundId", c.name, c.district, e.kiosks, ${isoSql('c.last_entry_at')} AS "lastEntryAt",
         coalesce(h.n, 0) AS "lastHour", coalesce(d.entries, 0) AS "entriesToday", coalesce(d.refusals, 0) AS "refusalsToday",
         coalesce(d.fevers, 0) AS "feversToday", coalesce(d.watch_hits, 0) AS "watchHitsToday", coalesce(a.n, 0) AS "openAlerts",
         ((c.last_entry_at IS NULL OR c.last_entry_at < $3::timestamptz)
           AND (b.compound_id IS NOT NULL OR (y.compound_id IS NULL AND $4 >= $6 AND $4 < $7))) AS silent
  FROM enrolled e
  JOIN compounds c ON c.compound_id = e.compound_id
  LEFT JOIN compound_days d ON d.day = $1::date AND d.compound_id = c.compound_id
  LEFT JOIN last_hour h ON h.compound_id = c.compound_id
  LEFT JOIN busy b ON b.compound_id = c.compound_id
  LEFT JOIN history y ON y.compound_id = c.compound_id
  LEFT JOIN open_alerts a ON a.compound_id = c.compound_id`;

const zero = (): LiveTotals => ({ compounds: 0, entries: 0, lastHour: 0, refusals: 0, fevers: 0, watchHits: 0, openAlerts: 0, silent: 0 });

function add(t: LiveTotals, c: LiveCompound): void {
  t.compounds += 1;
  t.entries += c.entriesToday;
  t.lastHour += c.lastHour;
  t.refusals += c.refusalsToday;
  t.fevers += c.feversToday;
  t.watchHits += c.watchHitsToday;
  t.openAlerts += c.openAlerts;
  if (c.silent) t.silent += 1;
}

export async function liveView(db: Database, q: LiveQuery): Promise<LiveView> {
  const today = localDayIn(q.nowMs, q.timeZone);
  const silentMinutes = q.silentMinutes ?? 30;
  const [busyFrom, busyTo] = q.defaultBusyHours ?? [7, 21];
  const since = Math.floor((q.nowMs - 3600_000) / 600_000) * 600_000;
  const rows = await db.query<LiveCompound>(LIVE_SQL, [
    today,
    new Date(since).toISOString(),
    new Date(q.nowMs - silentMinutes * 60_000).toISOString(),
    localHourIn(q.nowMs, q.timeZone),
    addDays(today, -7),
    busyFrom,
    busyTo,
  ]);
  const totals = zero();
  const districts = new Map<string, LiveTotals & { district: string }>();
  for (const c of rows) {
    add(totals, c);
    const d = districts.get(c.district) ?? { district: c.district, ...zero() };
    add(d, c);
    districts.set(c.district, d);
  }
  const search = q.search?.trim().toLowerCase();
  const matching = rows
    .filter((c) => (!q.district || c.district === q.district) && (!search || c.name.toLowerCase().includes(search) || c.compoundId.toLowerCase().includes(search)))
    .filter((c) => (q.only === 'silent' ? c.silent : q.only === 'alerts' ? c.openAlerts > 0 : true))
    .sort((a, b) => Number(b.silent) - Number(a.silent) || Number(b.openAlerts > 0) - Number(a.openAlerts > 0) || a.district.localeCompare(b.district) || a.name.localeCompare(b.name));
  const offset = Math.max(0, q.offset ?? 0);
  const limit = Math.min(Math.max(1, q.limit ?? 200), 10_000);
  return {
    at: new Date(q.nowMs).toISOString(),
    today,
    silentMinutes,
    totals,
    districts: [...districts.values()].sort((a, b) => a.district.localeCompare(b.district)),
    compounds: matching.slice(offset, offset + limit),
    page: { offset, limit, matching: matching.length },
  };
}

export interface HourFigures {
  hour: number;
  entries: number;
  refusals: number;
  fevers: number;
  watchHits: number;
}

/** Entries, refusals and fevers per local hour of a day, for the district (or one district, or one compound). */
export async function hourlyFigures(db: Database, day: string, filter: { district?: string; compoundId?: string } = {}): Promise<HourFigures[]> {
  const params: unknown[] = [day];
  const where = ['h.day = $1'];
  if (filter.compoundId) where.push(`h.compound_id = $${params.push(filter.compoundId)}`);
  if (filter.district) where.push(`h.compound_id IN (SELECT compound_id FROM compounds WHERE district = $${params.push(filter.district)})`);
  const rows = await db.query<HourFigures>(
    `SELECT h.hour::int AS hour, sum(h.entries)::int AS entries, sum(h.refusals)::int AS refusals, sum(h.fevers)::int AS fevers, sum(h.watch_hits)::int AS "watchHits"
     FROM compound_hours h WHERE ${where.join(' AND ')} GROUP BY h.hour`,
    params,
  );
  const byHour = new Map(rows.map((r) => [r.hour, r]));
  return Array.from({ length: 24 }, (_, hour) => byHour.get(hour) ?? { hour, entries: 0, refusals: 0, fevers: 0, watchHits: 0 });
}

export interface CompoundPage {
  compoundId: string;
  name: string;
  district: string;
  day: string;
  lastEntryAt: string | null;
  figures: { entries: number; refusals: number; fevers: number; watchHits: number };
  reasons: Array<{ reason: string; n: number }>;
  hours: HourFigures[];
  kiosks: Array<{ kioskId: string; name: string; enrolledAt: string; lastSeenAt: string | null; lastSeq: number | null; revoked: boolean }>;
  recent: Array<{ at: string; direction: string; decision: string; reasons: string[]; maskedId: string | null; kioskId: string; watch: boolean }>;
}

export async function compoundPage(db: Database, compoundId: string, day: string): Promise<CompoundPage | null> {
  const [c] = await db.query<{ name: string; district: string; last: string | null }>(
    `SELECT name, district, ${isoSql('last_entry_at')} AS last FROM compounds WHERE compound_id = $1`,
    [compoundId],
  );
  if (!c) return null;
  const [d] = await db.query<CompoundPage['figures']>(
    'SELECT entries, refusals, fevers, watch_hits AS "watchHits" FROM compound_days WHERE day = $1 AND compound_id = $2',
    [day, compoundId],
  );
  const reasons = await db.query<{ reason: string; n: number }>('SELECT reason, n FROM compound_reasons WHERE day = $1 AND compound_id = $2 ORDER BY n DESC, reason', [day, compoundId]);
  const kiosks = await db.query<CompoundPage['kiosks'][number]>(
    `SELECT k.kiosk_id AS "kioskId", k.name, ${isoSql('k.enrolled_at')} AS "enrolledAt", ${isoSql('k.last_seen_at')} AS "lastSeenAt",
            h.last_seq::float8 AS "lastSeq", k.revoked_at IS NOT NULL AS revoked
     FROM kiosks k LEFT JOIN kiosk_heads h ON h.kiosk_id = k.kiosk_id WHERE k.compound_id = $1 ORDER BY k.enrolled_at`,
    [compoundId],
  );
  // Through each kiosk's (kiosk_id, seq) index in the day's partition: never a scan of the district's day.
  const recent = await db.query<CompoundPage['recent'][number]>(
    `SELECT ${isoSql('at')} AS at, payload->>'direction' AS direction, decision, reasons, payload->'identity'->>'maskedId' AS "maskedId", kiosk_id AS "kioskId",
            payload ? 'watch' AS watch
     FROM entries WHERE day = $1 AND kiosk_id = ANY($2::text[]) ORDER BY at DESC LIMIT 30`,
    [day, kiosks.map((k) => k.kioskId)],
  );
  return {
    compoundId,
    name: c.name,
    district: c.district,
    day,
    lastEntryAt: c.last,
    figures: d ?? { entries: 0, refusals: 0, fevers: 0, watchHits: 0 },
    reasons,
    hours: await hourlyFigures(db, day, { compoundId }),
    kiosks,
    recent,
  };
}
