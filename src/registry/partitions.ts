// Day partitions of the entry table, created on demand before an insert needs them.
import type { Database } from './sql.ts';

const known = new WeakMap<Database, Set<string>>();

export function partitionName(day: string): string {
  return `entries_${day.replaceAll('-', '')}`;
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Days come from validated entries (YYYY-MM-DD calendar dates), so they are safe to splice into DDL. */
export async function ensurePartitions(db: Database, days: Iterable<string>): Promise<void> {
  let cache = known.get(db);
  if (!cache) known.set(db, (cache = new Set()));
  for (const day of new Set(days)) {
    if (cache.has(day)) continue;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`not a day: ${day}`);
    const sql = `CREATE TABLE IF NOT EXISTS ${partitionName(day)} PARTITION OF entries FOR VALUES FROM ('${day}') TO ('${nextDay(day)}')`;
    try {
      await db.exec(sql);
    } catch (error) {
      // Another ingest process created it between our IF NOT EXISTS check and the catalog insert.
      const code = (error as { code?: string }).code;
      if (code !== '42P07' && code !== '23505') throw error;
    }
    cache.add(day);
  }
}

/** Clears the cache after the schema was dropped (tests reset the database between cases). */
export function forgetPartitions(db: Database): void {
  known.delete(db);
}
