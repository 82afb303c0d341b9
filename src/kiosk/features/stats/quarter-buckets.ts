// The figures' quarter-hour buckets: per local day, quarter-hour (UTC-aligned, so inside one local hour in every zone)
// and shift, the counts the console charts. SQLite's GROUP BY sorts every row it groups (it has no hash aggregate), and
// a day of 100,000 rows through its sorter was most of the figures' time. So without a search, one aggregate per day
// and quarter reads that quarter's rows in the day index's order and sorts nothing; only a quarter that holds two
// shifts (a hand-over) is grouped on its own. A search's matched rows are few: they are grouped in one query.
import type { LogFilter } from '../../../common/contract/console.ts';
import type { Db } from '../../platform/store/open-store.ts';
import { addDays } from '../../../common/local-time.ts';
import { whereFor, type EntryColumns, type WhereClause } from '../log/log-filter.ts';
import type { SearchMatches } from '../log/name-search.ts';

export const QUARTER_MS = 900_000;

/** What the figures add up: entries, in, refused, fast lane, fevers, and the first and last moment. */
export interface Sums {
  n: number;
  inbound: number;
  refused: number;
  fast: number;
  fevers: number;
  first: number;
  last: number;
}

export interface Bucket extends Sums {
  day: string;
  quarter: number;
  group: string | null;
}

const SUMS = `count(*) AS n, sum(direction = 'in') AS inbound, sum(decision = 'refuse') AS refused, sum(lane = 'fast') AS fast,
  sum(body_c >= ?) AS fevers, min(at_ms) AS first, max(at_ms) AS last`;

type QuarterRow = Omit<Bucket, 'quarter' | 'day'> & { lastGroup: string | null; grouped: number };

export function quarterBuckets(db: Db, filter: LogFilter, columns: EntryColumns, feverLineC: number, matches: SearchMatches | null): Bucket[] {
  const group = columns.has('shift_id') ? 'shift_id' : 'NULL';
  const grouped = (where: WhereClause) =>
    db
      .prepare<unknown[], Bucket>(`SELECT local_day AS day, at_ms / ${QUARTER_MS} AS quarter, ${group} AS "group", ${SUMS} FROM entries WHERE ${where.sql} GROUP BY local_day, quarter, "group"`)
      .all(feverLineC, ...where.params);
  if (filter.search) return grouped(whereFor(filter, columns, feverLineC, matches));

  const buckets: Bucket[] = [];
  let quarterSums: ReturnType<typeof db.prepare<unknown[], QuarterRow>> | undefined;
  // Day by day: a quarter's rows are then one seek in the (local_day, at_ms, ...) index; over a range of days the
  // index could seek only the days and would read them all for every quarter.
  const span = db.prepare<[string], { first: number | null; last: number | null }>('SELECT min(at_ms) AS first, max(at_ms) AS last FROM entries WHERE local_day = ?');
  for (let day = filter.from; day <= (filter.to ?? filter.from); day = addDays(day, 1)) {
    const { first, last } = span.get(day)!;
    if (first === null || last === null) continue;
    const oneDay = { ...filter, from: day, to: day };
    for (let quarter = Math.floor(first / QUARTER_MS); quarter <= Math.floor(last / QUARTER_MS); quarter++) {
      const where = whereFor(oneDay, columns, feverLineC, null, { startMs: quarter * QUARTER_MS, endMs: (quarter + 1) * QUARTER_MS });
      // The clause differs only in its parameters from one quarter to the next: one statement serves them all.
      quarterSums ??= db.prepare<unknown[], QuarterRow>(
        `SELECT min(${group}) AS "group", max(${group}) AS lastGroup, count(${group}) AS grouped, ${SUMS} FROM entries WHERE ${where.sql}`,
      );
      const row = quarterSums.get(feverLineC, ...where.params)!;
      if (row.n === 0) continue;
      if (row.group === row.lastGroup && (row.grouped === 0 || row.grouped === row.n)) {
        const { lastGroup: _last, grouped: _grouped, ...sums } = row;
        buckets.push({ ...sums, day, quarter });
      } else buckets.push(...grouped(where));
    }
  }
  return buckets;
}
