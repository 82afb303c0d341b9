// The console's figures for a day or range. SQLite adds up quarter-hours (so a 100k-row day is a few hundred groups,
// not 100k rows through JS); the local hour of each quarter comes from the zone's offset for that day, because
// SQLite knows no time zones. Only the busiest hour's rows are read one by one, for its median.
import type { LogFilter, LogStats } from '../../../common/contract/console.ts';
import type { RefusalReason } from '../../../common/contract/entries.ts';
import type { Db } from '../../platform/store/open-store.ts';
import { entryColumns, whereFor } from '../log/log-filter.ts';
import { createNameSearch } from '../log/name-search.ts';
import { clockHHMM, offsetOfDay } from '../../../common/local-time.ts';
import { median } from '../../../common/median.ts';

const QUARTER_MS = 900_000;

interface Bucket {
  day: string;
  quarter: number;
  group: string | null;
  n: number;
  inbound: number;
  refused: number;
  fast: number;
  fevers: number;
  first: number;
  last: number;
}

interface Totals {
  n: number;
  inbound: number;
  refused: number;
  fast: number;
  fevers: number;
  first: number;
  last: number;
  hours: Map<string, number>;
}

const emptyTotals = (): Totals => ({ n: 0, inbound: 0, refused: 0, fast: 0, fevers: 0, first: Infinity, last: -Infinity, hours: new Map() });

export function computeStats(db: Db, filter: LogFilter, options: { timeZone: string; feverLineC: number }): LogStats {
  const columns = entryColumns(db);
  const matches = filter.search ? createNameSearch(db)(filter.search) : null;
  const where = whereFor(filter, columns, options.feverLineC, matches);
  const group = columns.has('shift_id') ? 'shift_id' : 'NULL';
  // One day's buckets need no day in their key: comparing that text for every row was a quarter of the query.
  const oneDay = (filter.to ?? filter.from) === filter.from;
  const buckets = db
    .prepare<unknown[], Bucket>(
      `SELECT ${oneDay ? '?' : 'local_day'} AS day, at_ms / ${QUARTER_MS} AS quarter, ${group} AS "group", count(*) AS n, sum(direction = 'in') AS inbound,
         sum(decision = 'refuse') AS refused, sum(lane = 'fast') AS fast, sum(body_c >= ?) AS fevers, min(at_ms) AS first, max(at_ms) AS last
       FROM entries WHERE ${where.sql} GROUP BY ${oneDay ? '' : 'local_day, '}quarter, "group"`,
    )
    .all(...(oneDay ? [filter.from] : []), options.feverLineC, ...where.params);

  const offsets = new Map<string, number>();
  const hourOf = (atMs: number, day: string) => Math.floor(((((atMs + offsetOfDay(day, options.timeZone, offsets)) % 86_400_000) + 86_400_000) % 86_400_000) / 3_600_000);
  const perHour = Array.from({ length: 24 }, (_, hour) => ({ hour, in: 0, out: 0, refused: 0 }));
  const perDay = new Map<string, { day: string; total: number; refused: number; fevers: number }>();
  const all = emptyTotals();
  const groups = new Map<string, Totals>();
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
    for (const totals of [all, groups.get(key)!]) {
      totals.n += b.n;
      totals.inbound += b.inbound;
      totals.refused += b.refused;
      totals.fast += b.fast;
      totals.fevers += b.fevers;
      totals.first = Math.min(totals.first, b.first);
      totals.last = Math.max(totals.last, b.last);
      const hourKey = `${b.day} ${hour}`;
      totals.hours.set(hourKey, (totals.hours.get(hourKey) ?? 0) + b.n);
    }
  }

  /** The busiest local hour of these rows, and how long one person took then: recorded durations when the gate kept them, else the median gap between people. */
  const durations = columns.has('duration_ms') ? 'duration_ms' : 'NULL';
  function peakOf(totals: Totals, groupId: string | null): { peakHour: number | null; medianSecondsAtPeak: number | null } {
    let best: [string, number] | null = null;
    for (const entry of totals.hours) if (!best || entry[1] > best[1]) best = entry;
    if (!best) return { peakHour: null, medianSecondsAtPeak: null };
    const [day, hourText] = best[0].split(' ') as [string, string];
    const hour = Number(hourText);
    const start = Date.parse(`${day}T00:00:00Z`) - offsetOfDay(day, options.timeZone, offsets) + hour * 3_600_000;
    const groupClause = groupId === null ? '' : groupId === '' ? ' AND shift_id IS NULL' : ' AND shift_id = ?';
    // The hour narrows the filter's own bounds on at_ms: a second range would only filter the period's rows.
    const hourWhere = whereFor(filter, columns, options.feverLineC, matches, { startMs: start, endMs: start + 3_600_000 });
    const rows = db
      .prepare(`SELECT at_ms, ${durations} FROM entries WHERE ${hourWhere.sql}${groupClause} ORDER BY at_ms`)
      .raw()
      .all(...hourWhere.params, ...(groupId ? [groupId] : [])) as Array<[atMs: number, durationMs: number | null]>;
    const recorded: number[] = [];
    const gaps: number[] = [];
    for (let i = 0; i < rows.length; i++) {
      const [atMs, durationMs] = rows[i]!;
      if (durationMs !== null && durationMs > 0) recorded.push(durationMs);
      if (i > 0) gaps.push(atMs - rows[i - 1]![0]);
    }
    const ms = median(recorded.length > 0 && recorded.length >= rows.length / 2 ? recorded : gaps);
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
