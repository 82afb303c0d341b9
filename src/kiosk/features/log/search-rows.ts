// A search on its own (a name, a household or a plate over some days, no other filter) answered from the partial
// (column, at_ms) indexes alone: they hold each matching entry's rowid and time, so the matches are counted and
// ordered without reading their rows, and only the page's rows are read. Reading every match's row (a two-character
// name matches thousands over 90 days) cost one random page read, decrypted, per match.
import type { Db } from '../../platform/store/open-store.ts';
import type { EntryColumns } from './log-filter.ts';
import type { SearchMatches } from './name-search.ts';

const HOUR = 3_600_000;
/** Time zones run from UTC-12 to UTC+14: an entry's local day is within 14 hours of its UTC time. */
const ZONE_SPAN = 14 * HOUR;

export interface SearchHit {
  rowid: number;
  atMs: number;
}

/**
 * The at_ms ranges of the days from..to: `sure` holds only entries whose local day is inside whatever the kiosk's
 * time zone was; the `edges` around it may hold entries of the day before or after, so their local_day is checked.
 */
export function dayRanges(from: string, to: string): { sure: [number, number] | null; edges: Array<[number, number]> } {
  const lo = Date.parse(`${from}T00:00:00Z`) - ZONE_SPAN;
  const hi = Date.parse(`${to}T00:00:00Z`) + 24 * HOUR + ZONE_SPAN - 1;
  const sureLo = lo + 2 * ZONE_SPAN;
  const sureHi = hi - 2 * ZONE_SPAN;
  if (sureLo > sureHi) return { sure: null, edges: [[lo, hi]] };
  return { sure: [sureLo, sureHi], edges: [[lo, sureLo - 1], [sureHi + 1, hi]] };
}

const SEARCHED = [['identity_name', 'names'], ['code_holder_name', 'names'], ['household_label', 'households'], ['plate', 'plates']] as const;

/** Null when this schema lacks the indexes (an older database): the caller reads the rows instead. */
export function createSearchRows(db: Db, columns: EntryColumns) {
  const indexes = new Set(db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'entries'").pluck().all());
  if (!SEARCHED.every(([column]) => columns.has(column) && indexes.has(`entries_${column}_time`))) return null;
  const statements = SEARCHED.map(([column, kind]) => ({
    kind,
    sure: db.prepare<[string, number, number], SearchHit>(`SELECT rowid, at_ms AS atMs FROM entries WHERE ${column} IN (SELECT value FROM json_each(?)) AND at_ms BETWEEN ? AND ?`),
    edge: db.prepare<[string, number, number, string, string], SearchHit>(
      `SELECT rowid, at_ms AS atMs FROM entries WHERE ${column} IN (SELECT value FROM json_each(?)) AND at_ms BETWEEN ? AND ? AND local_day BETWEEN ? AND ?`,
    ),
  }));

  /** Every entry of the days from..to holding a matched text, newest first (ties by rowid, as the log orders). */
  return (matches: SearchMatches, from: string, to: string): SearchHit[] => {
    const { sure, edges } = dayRanges(from, to);
    const hits = new Map<number, number>();
    for (const statement of statements) {
      const texts = matches[statement.kind];
      if (texts.length === 0) continue;
      const json = JSON.stringify(texts);
      if (sure) for (const hit of statement.sure.all(json, sure[0], sure[1])) hits.set(hit.rowid, hit.atMs);
      for (const [lo, hi] of edges) for (const hit of statement.edge.all(json, lo, hi, from, to)) hits.set(hit.rowid, hit.atMs);
    }
    const sorted = Array.from(hits, ([rowid, atMs]) => ({ rowid, atMs }));
    return sorted.sort((a, b) => b.atMs - a.atMs || b.rowid - a.rowid);
  };
}
export type SearchRows = NonNullable<ReturnType<typeof createSearchRows>>;
