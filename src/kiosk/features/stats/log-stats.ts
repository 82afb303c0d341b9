// The console's figures for a day or range. SQLite adds up quarter-hours (quarter-buckets.ts: a 100k-row day is a few
// hundred buckets, not 100k rows through JS); the local hour of each quarter comes from the zone's offset for that
// day, because SQLite knows no time zones.
import type { LogFilter, LogStats } from '../../../common/contract/console.ts';
import type { RefusalReason } from '../../../common/contract/entries.ts';
import type { Db } from '../../platform/store/open-store.ts';
import { entryColumns, whereFor } from '../log/log-filter.ts';
import { createNameSearch } from '../log/name-search.ts';
import { clockHHMM, offsetOfDay } from '../../../common/local-time.ts';
import { QUARTER_MS, quarterBuckets, type Sums } from './quarter-buckets.ts';

interface Totals extends Sums {
  /** Entries per local hour, keyed 'YYYY-MM-DD H'. */
  hours: Map<string, number>;
}

const emptyTotals = (): Totals => ({ n: 0, inbound: 0, refused: 0, fast: 0, fevers: 0, first: Infinity, last: -Infinity, hours: new Map() });

export function computeStats(db: Db, filter: LogFilter, options: { timeZone: string; feverLineC: number }): LogStats {
  const columns = entryColumns(db);
  const matches = filter.search ? createNameSearch(db)(filter.search) : null;
  const where = whereFor(filter, columns, options.feverLineC, matches);
  const buckets = quarterBuckets(db, filter, columns, options.feverLineC, matches);

  const offsets = new Map<string, number>();
  const hourOf = (atMs: number, day: string) => Math.floor(((((atMs + offsetOfDay(day, options.timeZone, offsets)) % 86_400_000) + 86_400_000) % 86_400_000) / 3_600_000);
  const perHour = Array.from({ length: 24 }, (_, hour) => ({ hour, in: 0, out: 0, refused: 0 }));
  const perDay = new Map<string, { day: string; total: number; refused: number; fevers: number }>();
  const all = emptyTotals();
  const groups = new Map<string, Totals>();
  /** The shifts (or '' for none) whose rows each local hour holds. */
  const groupsOfHour = new Map<string, Set<string>>();
  for (const b of buckets) {
    const hour = hourOf(b.quarter * QUARTER_MS, b.day);
    const slot = perHour[hour]!;
    slot.in += b.inbound;
    slot.out += b.n - b.inbound;
    slot.refused += b.refused;
    const day = perDay.get(b.day) ?? { day: b.day, total: 0, refused: 0, fevers: 0 };
    perDay.set(b.day, day);
    day.total += b.n;
    day.refused += b.refused;
    day.fevers += b.fevers;
    const key = b.group ?? '';
    if (!groups.has(key)) groups.set(key, emptyTotals());
    const hourKey = `${b.day} ${hour}`;
    if (!groupsOfHour.has(hourKey)) groupsOfHour.set(hourKey, new Set());
    groupsOfHour.get(hourKey)!.add(key);
    for (const totals of [all, groups.get(key)!]) {
      totals.n += b.n;
      totals.inbound += b.inbound;
      totals.refused += b.refused;
      totals.fast += b.fast;
      totals.fevers += b.fevers;
      totals.first = Math.min(totals.first, b.first);
      totals.last = Math.max(totals.last, b.last);
      totals.hours.set(hourKey, (totals.hours.get(hourKey) ?? 0) + b.n);
    }
  }

  /** The busiest local hour of these rows, and how long one person took then: recorded durations when the gate kept them, else the median gap between people. */
  const durations = columns.has('duration_ms') ? 'duration_ms' : 'NULL';
  // SQLite takes the medians (its median() aggregate), so no row of the hour comes out to JS. A shift alone in its
  // busiest hour reads that hour without a shift filter, and shares the whole log's answer when the hour is the same.
  const medianOfHour = new Map<string, number | null>();
  function medianMs(day: string, start: number, groupId: string | null): number | null {
    const groupClause = groupId === null ? '' : groupId === '' ? ' AND shift_id IS NULL' : ' AND shift_id = ?';
    // The hour's day and the hour narrow the filter's own bounds: one seek in the day index. A second range on at_ms
    // would only filter, and over a range of days the index seeks the days alone.
    const hour = whereFor({ ...filter, from: day, to: day }, columns, options.feverLineC, matches, { startMs: start, endMs: start + 3_600_000 });
    const params = [...hour.params, ...(groupId ? [groupId] : [])];
    const rows = `FROM entries WHERE ${hour.sql}${groupClause}`;
    const kept = db
      .prepare<unknown[], { people: number; recorded: number; ms: number | null }>(
        `SELECT count(*) AS people, count(*) FILTER (WHERE d > 0) AS recorded, median(d) FILTER (WHERE d > 0) AS ms FROM (SELECT ${durations} AS d ${rows})`,
      )
      .get(...params)!;
    if (kept.recorded > 0 && kept.recorded >= kept.people / 2) return kept.ms;
    // median() leaves out the first row's NULL gap.
    return db.prepare<unknown[], { ms: number | null }>(`SELECT median(gap) AS ms FROM (SELECT at_ms - lag(at_ms) OVER (ORDER BY at_ms) AS gap ${rows})`).get(...params)!.ms;
  }
  function peakOf(totals: Totals, groupId: string | null): { peakHour: number | null; medianSecondsAtPeak: number | null } {
    let best: [string, number] | null = null;
    for (const entry of totals.hours) if (!best || entry[1] > best[1]) best = entry;
    if (!best) return { peakHour: null, medianSecondsAtPeak: null };
    const [day, hourText] = best[0].split(' ') as [string, string];
    const hour = Number(hourText);
    const start = Date.parse(`${day}T00:00:00Z`) - offsetOfDay(day, options.timeZone, offsets) + hour * 3_600_000;
    const alone = groupId === null || groupsOfHour.get(best[0])!.size === 1;
    const key = alone ? best[0] : `${best[0]} ${groupId}`;
    if (!medianOfHour.has(key)) medianOfHour.set(key, medianMs(day, start, alone ? null : groupId));
    const ms = medianOfHour.get(key)!;
    return { peakHour: hour, medianSecondsAtPeak: ms === null ? null : Math.round(ms / 100) / 10 };
  }

  // Refusals by their combination of reasons (a handful), read from the day index alone (migration 012), then split
  // here: no JSON is parsed per row.
  const combinations = db
    .prepare<unknown[], { reasons: string; n: number }>(`SELECT reasons, count(*) AS n FROM entries WHERE ${where.sql} AND decision = 'refuse' GROUP BY reasons`)
    .all(...where.params);
  const byReason = new Map<RefusalReason, number>();
  for (const { reasons: list, n } of combinations) {
    for (const reason of new Set(JSON.parse(list) as RefusalReason[])) byReason.set(reason, (byReason.get(reason) ?? 0) + n);
  }
  const reasons = [...byReason].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));

  const volunteers = new Map<string, string>();
  if (columns.has('shift_id')) for (const s of db.prepare<[], { id: string; volunteer: string }>('SELECT id, volunteer FROM shifts').all()) volunteers.set(s.id, s.volunteer);
  const clock = (ms: number) => clockHHMM(ms, options.timeZone);
  const perShift = [...groups].map(([id, g]) => ({
    shift: `${id === '' ? '—' : (volunteers.get(id) ?? id)} ${clock(g.first)}–${clock(g.last)}`,
    total: g.n,
    in: g.inbound,
    out: g.n - g.inbound,
    refused: g.refused,
    fevers: g.fevers,
    fastLaneShare: g.n ? g.fast / g.n : 0,
    medianSecondsAtPeak: peakOf(g, id).medianSecondsAtPeak,
  })).sort((a, b) => a.shift.localeCompare(b.shift));

  return {
    from: filter.from,
    to: filter.to ?? filter.from,
    total: all.n,
    passed: all.n - all.refused,
    refused: all.refused,
    in: all.inbound,
    out: all.n - all.inbound,
    perHour,
    refusalsByReason: reasons,
    fevers: all.fevers,
    fastLaneShare: all.n ? all.fast / all.n : 0,
    ...peakOf(all, null),
    perShift,
    perDay: [...perDay.values()].sort((a, b) => a.day.localeCompare(b.day)),
  };
}
