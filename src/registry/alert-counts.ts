// How many alerts of each kind arrived on a day, for the daily report.
import type { Database } from './sql.ts';

export async function alertCounts(db: Database, day: string, timeZone: string): Promise<Record<string, number>> {
  const rows = await db.query<{ kind: string; n: number }>(`SELECT kind, count(*)::int AS n FROM alerts WHERE (at AT TIME ZONE $2)::date = $1::date GROUP BY kind`, [day, timeZone]);
  return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
}
