// Turns the console's LogFilter into SQL over the entries table. Columns added by migration 004 (person, household,
// plate, shift) are used only when present, so the log works on either schema.
import type { LogFilter } from '../../../common/contract/console.ts';
import type { Db } from '../../platform/store/open-store.ts';

export interface EntryColumns {
  has: (column: string) => boolean;
}

export function entryColumns(db: Db): EntryColumns {
  const names = new Set(db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('entries')").all().map((r) => r.name));
  return { has: (column) => names.has(column) };
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export interface WhereClause {
  sql: string;
  params: Array<string | number>;
}

export function whereFor(filter: LogFilter, columns: EntryColumns, feverLineC: number): WhereClause {
  const to = filter.to ?? filter.from;
  const clauses: string[] = [];
  const params: Array<string | number> = [];
  // Bounds on at_ms (widened by 14 hours: any time zone) let the (column, at_ms) indexes of migration 006 hand rows
  // over newest first; local_day keeps the result exact.
  clauses.push('at_ms BETWEEN ? AND ?');
  params.push(Date.parse(`${filter.from}T00:00:00Z`) - 14 * 3600_000, Date.parse(`${to}T00:00:00Z`) + 38 * 3600_000);
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
  if (filter.search) {
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
