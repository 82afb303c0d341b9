// Turns the console's LogFilter into SQL over the entries table. Columns added by migration 004 (person, household,
// plate, shift) are used only when present, so the log works on either schema.
import type { LogFilter } from '../../../common/contract/console.ts';
import type { Db } from '../../platform/store/open-store.ts';
import type { SearchMatches } from './name-search.ts';

export interface EntryColumns {
  has: (column: string) => boolean;
}

export function entryColumns(db: Db): EntryColumns {
  const names = new Set(db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('entries')").all().map((r) => r.name));
  return { has: (column) => names.has(column) };
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A span of time inside the filter's days, as [startMs, endMs). */
export interface TimeWindow {
  startMs: number;
  endMs: number;
}

export interface WhereClause {
  sql: string;
  params: Array<string | number>;
}

/**
 * The moments the filter's local days can hold, in any time zone (UTC-12 to UTC+14), as inclusive bounds on at_ms:
 * they let the (column, at_ms) indexes of migration 006 hand rows over newest first; local_day keeps a result exact.
 */
function periodBounds(filter: LogFilter): { lo: number; hi: number } {
  return { lo: Date.parse(`${filter.from}T00:00:00Z`) - 14 * 3600_000, hi: Date.parse(`${filter.to ?? filter.from}T00:00:00Z`) + 38 * 3600_000 };
}

/**
 * The WHERE clause of a filter, inside `within` when given. `matches` are the texts a search matched in the name
 * index (name-search.ts): with them the search reads only those texts' rows through their indexes; without (null, or
 * an older schema) it is a LIKE over the period's rows.
 */
export function whereFor(filter: LogFilter, columns: EntryColumns, feverLineC: number, matches?: SearchMatches | null, within?: TimeWindow): WhereClause {
  const to = filter.to ?? filter.from;
  const clauses: string[] = [];
  const params: Array<string | number> = [];
  const { lo, hi } = periodBounds(filter);
  // A window narrows these same bounds: a second range on at_ms would be only a filter (SQLite seeks one range per
  // column), so an hour's query would still read the whole period.
  clauses.push('at_ms BETWEEN ? AND ?');
  params.push(within ? Math.max(lo, within.startMs) : lo, within ? Math.min(hi, within.endMs - 1) : hi);
  if (to === filter.from) {
    clauses.push('local_day = ?');
    params.push(filter.from);
  } else {
    clauses.push('local_day BETWEEN ? AND ?');
    params.push(filter.from, to);
  }
  const equal = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    clauses.push(`${column} = ?`);
    params.push(value);
  };
  equal('direction', filter.direction);
  equal('decision', filter.decision);
  equal('lane', filter.lane);
  if (filter.reason) {
    // Implied by the instr() below; written out so the partial index of refusals (migration 006) applies.
    clauses.push("reasons <> '[]'", 'instr(reasons, ?) > 0');
    params.push(JSON.stringify(filter.reason));
  }
  if (filter.fever !== undefined) {
    // With a line of 37.0 or more the literal term is implied and lets the partial fever index (migration 006) apply.
    if (filter.fever && feverLineC >= 37) clauses.push('body_c >= 37.0');
    clauses.push(filter.fever ? 'body_c >= ?' : '(body_c IS NULL OR body_c < ?)');
    params.push(feverLineC);
  }
  if (filter.person) {
    if (!columns.has('person_kind')) clauses.push(filter.person === 'unknown' ? '1' : '0');
    else if (filter.person === 'unknown') clauses.push("(person_kind IS NULL OR person_kind = 'unknown')");
    else equal('person_kind', filter.person);
  }
  if (filter.shiftId) {
    if (columns.has('shift_id')) equal('shift_id', filter.shiftId);
    else clauses.push('0');
  }
  if (filter.search && matches) {
    // One indexed lookup per column and matched text (the partial (column, at_ms) indexes of migration 012).
    const parts: string[] = [];
    for (const [column, texts] of [['identity_name', matches.names], ['code_holder_name', matches.names], ['household_label', matches.households], ['plate', matches.plates]] as const) {
      if (texts.length === 0 || !columns.has(column)) continue;
      parts.push(`SELECT rowid FROM entries WHERE ${column} IN (SELECT value FROM json_each(?)) AND at_ms BETWEEN ? AND ?`);
      params.push(JSON.stringify(texts), lo, hi);
    }
    clauses.push(parts.length ? `rowid IN (${parts.join(' UNION ')})` : '0');
  } else if (filter.search) {
    const like = `%${escapeLike(filter.search)}%`;
    const fields = ['identity_name', 'code_holder_name'];
    if (columns.has('household_label')) fields.push('household_label');
    const plate = columns.has('plate') ? ` OR plate LIKE ? ESCAPE '\\'` : '';
    clauses.push(`(${fields.map((f) => `${f} LIKE ? ESCAPE '\\'`).join(' OR ')}${plate})`);
    params.push(...fields.map(() => like));
    if (plate) params.push(`%${escapeLike(filter.search.toUpperCase().replace(/[\s.·]/g, ''))}%`);
  }
  return { sql: clauses.join(' AND '), params };
}

// The console's table masks names the way the gate does (one rule, in platform/privacy).
export { maskName } from '../../platform/privacy/masking.ts';
