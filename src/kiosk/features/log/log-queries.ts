// The manager console's view of the log: pages of masked rows, one entry in full detail, and the audited reveal.
import type { LogFilter, LogRow } from '../../../common/contract/console.ts';
import { RefusalReason } from '../../../common/contract/entries.ts';
import { GateError } from '../../../common/contract/errors.ts';
import type { Db } from '../../platform/store/open-store.ts';
import { fromRow } from './entries-repository.ts';
import { entryColumns, maskName, whereFor } from './log-filter.ts';
import { createNameSearch } from './name-search.ts';
import { createSearchRows } from './search-rows.ts';

export interface RawEntryRow {
  id: string;
  at: string;
  direction: 'in' | 'out';
  lane: 'standard' | 'fast';
  identity_name: string | null;
  identity_masked_id: string | null;
  code_status: string;
  code_source: string | null;
  code_holder_name: string | null;
  body_c: number | null;
  mask_worn: number | null;
  decision: 'pass' | 'refuse';
  reasons: string;
  volunteer: string;
  shift_id?: string | null;
  person_kind?: string | null;
  person_id?: string | null;
  household_label?: string | null;
  plate?: string | null;
  override_id?: string | null;
}

const KNOWN_REASONS: ReadonlySet<string> = new Set(RefusalReason.options);
/** A row's reasons that this kiosk knows; most rows have none, and are not parsed. */
export const reasonList = (json: string): RefusalReason[] =>
  json === '[]' ? [] : (JSON.parse(json) as string[]).filter((r): r is RefusalReason => KNOWN_REASONS.has(r));

export function toLogRow(r: RawEntryRow): LogRow {
  return {
    id: r.id,
    at: r.at,
    direction: r.direction,
    lane: r.lane,
    name: maskName(r.identity_name ?? r.code_holder_name),
    maskedId: r.identity_masked_id,
    codeStatus: r.code_status,
    codeSource: r.code_source,
    bodyC: r.body_c,
    maskWorn: r.mask_worn === null ? null : r.mask_worn === 1,
    decision: r.decision,
    reasons: reasonList(r.reasons),
    volunteer: r.volunteer,
    shiftId: r.shift_id ?? null,
    personKind: r.person_kind ?? null,
    household: r.household_label ?? null,
    plate: r.plate ?? null,
    overridden: Boolean(r.override_id),
  };
}

/** Matches counted past the page before the total is given as a lower bound ("10,000+"): an exact count of a
 * rare filter over 90 days reads millions of rows, and nobody scrolls that far. */
export const TOTAL_CAP = 10_000;
/** Filters the (local_day, at_ms) index answers alone count cheaply from the index: exact up to a busy day's rows. */
export const INDEX_TOTAL_CAP = 200_000;
const INDEX_ONLY = (filter: LogFilter) => Object.entries(filter).every(([key, value]) => value === undefined || key === 'from' || key === 'to');
/** A search with nothing else but the days: the (column, at_ms) indexes answer it without reading the matches. */
const SEARCH_ONLY = (filter: LogFilter) => Boolean(filter.search) && Object.entries(filter).every(([key, value]) => value === undefined || key === 'from' || key === 'to' || key === 'search');

/**
 * The day index that holds every column a filter other than a search tests (migration 013), if this schema has it:
 * a day's filter reads it alone, in time order, instead of every row of the day. The planner, without statistics,
 * prefers the narrower (column, at_ms) indexes and then reads each candidate row.
 */
function dayIndexFor(db: Db): string | null {
  const wanted = ['local_day', 'at_ms', 'direction', 'decision', 'lane', 'body_c', 'shift_id', 'reasons', 'person_kind'];
  const has = new Set(db.prepare<[], string>("SELECT name FROM pragma_index_info('entries_day_stats')").pluck().all());
  return wanted.every((c) => has.has(c)) ? 'entries_day_stats' : null;
}

export interface LogPage {
  /** Matching rows; when totalIsLowerBound, at least this many (counting stopped there). */
  total: number;
  totalIsLowerBound: boolean;
  offset: number;
  rows: LogRow[];
}

export function createLogQueries(db: Db, feverLineC: () => number, caps = { total: TOTAL_CAP, indexTotal: INDEX_TOTAL_CAP }) {
  const columns = entryColumns(db);
  const nameSearch = createNameSearch(db);
  const searchRows = createSearchRows(db, columns);
  const dayIndex = dayIndexFor(db);
  const byId = db.prepare<[string], RawEntryRow>('SELECT * FROM entries WHERE id = ?');

  const pageRows = db.prepare<[string], RawEntryRow>('SELECT * FROM entries WHERE rowid IN (SELECT value FROM json_each(?)) ORDER BY at_ms DESC, rowid DESC');
  /** A page's rows by rowid, newest first. */
  const rowsById = (rowids: number[]) => (rowids.length === 0 ? [] : pageRows.all(JSON.stringify(rowids)).map(toLogRow));

  function mustFind(id: string): RawEntryRow {
    const row = byId.get(id);
    if (!row) throw new GateError('not-found', 'This entry is no longer in the log (it may have been purged after upload). Reload the list.', { key: 'entry-gone' });
    return row;
  }

  return {
    query(filter: LogFilter, offset: number, limit: number): LogPage {
      const matches = filter.search ? nameSearch(filter.search) : null;
      const order = 'ORDER BY at_ms DESC, rowid DESC';
      if (matches && searchRows && SEARCH_ONLY(filter)) {
        const hits = searchRows(matches, filter.from, filter.to ?? filter.from);
        const cap = offset + caps.indexTotal;
        const rows = rowsById(hits.slice(offset, offset + limit).map((hit) => hit.rowid));
        return { total: Math.min(hits.length, cap), totalIsLowerBound: hits.length > cap, offset, rows };
      }
      const where = whereFor(filter, columns, feverLineC(), matches);
      // Pages walk an index in at_ms order and stop early; no query sorts every match. Counting stops one past a cap
      // that moves with the page, so scrolling deeper counts further.
      if (INDEX_ONLY(filter)) {
        const cap = offset + caps.indexTotal;
        const n = db.prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM entries WHERE ${where.sql} LIMIT ?)`).get(...where.params, cap + 1)!.n;
        const rows = db.prepare<unknown[], RawEntryRow>(`SELECT * FROM entries WHERE ${where.sql} ${order} LIMIT ? OFFSET ?`).all(...where.params, limit, offset);
        return { total: Math.min(n, cap), totalIsLowerBound: n > cap, offset, rows: rows.map(toLogRow) };
      }
      // Other filters read rows to test them: one pass finds the matches' rowids up to the cap (the count) and the
      // page is those of them in [offset, offset + limit).
      const cap = offset + caps.total;
      const index = dayIndex && !filter.search && (filter.to ?? filter.from) === filter.from ? `INDEXED BY ${dayIndex}` : '';
      const ids = db.prepare<unknown[], number>(`SELECT rowid FROM entries ${index} WHERE ${where.sql} ${order} LIMIT ?`).pluck().all(...where.params, cap + 1);
      return { total: Math.min(ids.length, cap), totalIsLowerBound: ids.length > cap, offset, rows: rowsById(ids.slice(offset, offset + limit)) };
    },

    /** Every matching row, oldest first, without loading them all at once (exports of a month); only `wanted` columns when given (those this schema has). */
    *iterate(filter: LogFilter, wanted?: readonly string[]): Generator<RawEntryRow> {
      const where = whereFor(filter, columns, feverLineC(), filter.search ? nameSearch(filter.search) : null);
      const list = wanted ? wanted.filter((c) => columns.has(c)).join(', ') : '*';
      // Day, then time: the order the day index holds them in (a day is a stretch of time), so no sort of every row.
      yield* db.prepare<unknown[], RawEntryRow>(`SELECT ${list} FROM entries WHERE ${where.sql} ORDER BY local_day, at_ms`).iterate(...where.params);
    },

    count(filter: LogFilter): number {
      const where = whereFor(filter, columns, feverLineC(), filter.search ? nameSearch(filter.search) : null);
      return db.prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM entries WHERE ${where.sql}`).get(...where.params)!.n;
    },

    entry(id: string) {
      const raw = mustFind(id);
      const entry = fromRow(raw as never);
      const masked = { ...entry, identity: { ...entry.identity, name: maskName(entry.identity.name ?? null) ?? undefined } };
      if ('holderName' in masked.code && masked.code.holderName) masked.code = { ...masked.code, holderName: maskName(masked.code.holderName) ?? undefined };
      return { entry: masked, row: toLogRow(raw) };
    },

    shifts(from: string, to: string): Array<{ id: string; volunteer: string; startedAt: string; endedAt: string | null }> {
      if (!columns.has('shift_id')) return [];
      return db
        .prepare<[string, string], { id: string; volunteer: string; startedAt: string; endedAt: string | null }>(
          'SELECT id, volunteer, started_at AS startedAt, ended_at AS endedAt FROM shifts WHERE id IN (SELECT DISTINCT shift_id FROM entries WHERE local_day BETWEEN ? AND ? AND shift_id IS NOT NULL) ORDER BY started_at',
        )
        .all(from, to);
    },

    reveal(id: string) {
      const raw = mustFind(id);
      let phone: string | null = null;
      if (raw.person_kind === 'visitor' && raw.person_id) {
        phone = db.prepare<[string], { phone: string }>('SELECT phone FROM visitors WHERE id = ?').get(raw.person_id)?.phone ?? null;
      } else if (raw.person_id && columns.has('person_id')) {
        phone = db.prepare<[string], { phone: string | null }>('SELECT phone FROM residents WHERE id = ?').get(raw.person_id)?.phone ?? null;
      }
      return { name: raw.identity_name, maskedId: raw.identity_masked_id, holderName: raw.code_holder_name, household: raw.household_label ?? null, plate: raw.plate ?? null, phone };
    },
  };
}
export type LogQueries = ReturnType<typeof createLogQueries>;
