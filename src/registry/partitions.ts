// Day partitions of the entry table, created on demand before an insert needs them, and only for days within a window
// around the registry's clock: an entry dated elsewhere (a kiosk clock years off, or a forged day) lands in the one
// out-of-window partition and is flagged, so nobody can make the registry create a table per arbitrary day.
import { addDays } from '../common/local-time.ts';
import type { Database } from './sql.ts';

const known = new WeakMap<Database, Set<string>>();

export interface EntryWindow {
  /** Days before the registry's today that still get their own partition (a kiosk back from a long outage). */
  pastDays: number;
  /** Days after it (kiosks in a zone ahead, a clock a little fast). */
  futureDays: number;
}

export const DEFAULT_WINDOW: EntryWindow = { pastDays: 60, futureDays: 1 };

export function windowAround(today: string, span: EntryWindow): { first: string; last: string } {
  return { first: addDays(today, -span.pastDays), last: addDays(today, span.futureDays) };
}

/** YYYY-MM-DD strings compare as dates. */
export function inWindow(day: string, range: { first: string; last: string }): boolean {
  return day >= range.first && day <= range.last;
}

export function partitionName(day: string): string {
  return `entries_${day.replaceAll('-', '')}`;
}

/** Days come from validated entries (YYYY-MM-DD calendar dates), so they are safe to splice into DDL. */
export async function ensurePartitions(db: Database, days: Iterable<string>): Promise<void> {
  let cache = known.get(db);
  if (!cache) known.set(db, (cache = new Set()));
  for (const day of new Set(days)) {
    if (cache.has(day)) continue;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`not a day: ${day}`);
    const sql = `CREATE TABLE IF NOT EXISTS ${partitionName(day)} PARTITION OF entries FOR VALUES FROM ('${day}') TO ('${addDays(day, 1)}')`;
    try {
      await db.exec(sql);
    } catch (error) {
      const code = (error as { code?: string }).code;
      // Rows of that day already wait in the out-of-window partition (it was once out of the window): move them.
      if (code === '23514') await moveOutOfDefault(db, day, sql);
      // Another ingest process created it between our IF NOT EXISTS check and the catalog insert.
      else if (code !== '42P07' && code !== '23505') throw error;
    }
    cache.add(day);
  }
}

async function moveOutOfDefault(db: Database, day: string, create: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.exec(`CREATE TEMP TABLE moved_entries ON COMMIT DROP AS SELECT * FROM entries_out_of_window WHERE day = '${day}'`);
    await tx.exec(`DELETE FROM entries_out_of_window WHERE day = '${day}'`);
    await tx.exec(create);
    await tx.exec('INSERT INTO entries SELECT * FROM moved_entries');
  });
}

/** Clears the cache after the schema was dropped (tests reset the database between cases). */
export function forgetPartitions(db: Database): void {
  known.delete(db);
}
