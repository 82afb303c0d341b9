// Publishing a watch list from a file, the same for the command line and the staff page: read, check every row,
// and publish all of them as one new version, or none with each bad row named.
import { readTable, TableError, tableFormat } from './table-file.ts';
import type { Database } from './sql.ts';
import { parseWatchList } from './watch-list-file.ts';
import { publishWatchList, type WatchListSummary } from './watch-lists.ts';

export type PublishOutcome = { ok: true; list: WatchListSummary } | { ok: false; errors: string[] };

export async function publishFromFile(db: Database, file: { name: string; bytes: Buffer }, by: string, timeZone: string): Promise<PublishOutcome> {
  let table;
  try {
    table = await readTable(tableFormat(file.name, file.bytes), file.bytes);
  } catch (error) {
    if (error instanceof TableError) return { ok: false, errors: [error.message] };
    throw error;
  }
  const compounds = new Set((await db.query<{ compound_id: string }>('SELECT compound_id FROM compounds')).map((c) => c.compound_id));
  const parsed = parseWatchList(table, { timeZone, compounds });
  if (!parsed.ok) return parsed;
  return { ok: true, list: await publishWatchList(db, parsed.rows, by, file.name || 'upload') };
}
