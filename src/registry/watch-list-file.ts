// A watch-list file read row by row: every bad row is reported with its line and what to fix, and a file with any bad
// row publishes nothing. Columns (English or Chinese names): ID number or household, compound, kind, from, until, note.
import { GateError } from '../common/contract/errors.ts';
import { householdLabel, normaliseIdNumber, parseHouseholdLabel } from '../common/id-number.ts';
import { offsetOfDay } from '../common/local-time.ts';
import type { WatchKind } from '../common/wire/watch-list.ts';
import { INEXACT_NUMBER, type Table } from './table-file.ts';

export interface WatchRow {
  line: number;
  kind: WatchKind;
  idNumber: string | null;
  household: string | null;
  compoundId: string | null;
  from: string | null;
  until: string | null;
  note: string | null;
}

const COLUMNS = {
  id: ['id_number', 'id number', 'id', '身份证号', '身份证', '证件号码', '证件号'],
  household: ['household', '门牌号', '户', '住户'],
  compound: ['compound', 'compound_id', '小区', '小区编号'],
  kind: ['kind', 'type', '类型', '类别'],
  from: ['from', 'start', '开始', '开始日期', '起始日期'],
  until: ['until', 'end', '结束', '结束日期', '截止日期'],
  note: ['note', '备注'],
} as const;
type Column = keyof typeof COLUMNS;

const KINDS: Record<string, 'quarantine' | 'red' | 'yellow' | 'follow-up'> = {
  quarantine: 'quarantine', 'home-quarantine': 'quarantine', 居家隔离: 'quarantine', 隔离: 'quarantine',
  red: 'red', 红码: 'red', 红: 'red',
  yellow: 'yellow', 黄码: 'yellow', 黄: 'yellow',
  'follow-up': 'follow-up', followup: 'follow-up', 随访: 'follow-up', 跟踪: 'follow-up', 重点关注: 'follow-up',
};

export type ParsedList = { ok: true; rows: WatchRow[] } | { ok: false; errors: string[] };

function columnsOf(header: string[]): { index: Partial<Record<Column, number>>; errors: string[] } {
  const index: Partial<Record<Column, number>> = {};
  const errors: string[] = [];
  header.forEach((name, i) => {
    const key = (Object.keys(COLUMNS) as Column[]).find((c) => (COLUMNS[c] as readonly string[]).includes(name.trim().toLowerCase()));
    if (key && index[key] === undefined) index[key] = i;
  });
  if (index.id === undefined && index.household === undefined) errors.push('line 1: no "id_number" (身份证号) or "household" (门牌号) column');
  if (index.kind === undefined) errors.push('line 1: no "kind" (类型) column: quarantine 居家隔离, red 红码, yellow 黄码 or follow-up 随访');
  return { index, errors };
}

/** A day (the district's local midnight; "until" is inclusive, so its end) or a full ISO time with offset. */
function moment(text: string, end: boolean, timeZone: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`))) {
    const midnight = Date.parse(`${text}T00:00:00Z`) - offsetOfDay(text, timeZone, new Map());
    return new Date(midnight + (end ? 86_400_000 : 0)).toISOString();
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) && !Number.isNaN(Date.parse(text))) return new Date(text).toISOString();
  return null;
}

export function parseWatchList(table: Table, options: { timeZone: string; compounds: ReadonlySet<string> }): ParsedList {
  const { index, errors } = columnsOf(table.header);
  if (errors.length) return { ok: false, errors };
  const cell = (cells: string[], c: Column) => (index[c] === undefined ? '' : (cells[index[c]!] ?? '').trim());
  const rows: WatchRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of table.rows) {
    const problems: string[] = [];
    const rawId = cell(cells, 'id');
    const rawHousehold = cell(cells, 'household');
    const compoundId = cell(cells, 'compound') || null;
    const kindWord = KINDS[cell(cells, 'kind').toLowerCase()];
    let idNumber: string | null = null;
    let household: string | null = null;
    if (rawId && rawHousehold) problems.push('give an ID number or a household, not both');
    else if (rawId.startsWith(INEXACT_NUMBER)) {
      problems.push('the ID number was stored as a number and lost its last digits: format the column as text in the spreadsheet and type the numbers again');
    } else if (rawId) {
      try {
        idNumber = normaliseIdNumber(rawId).number;
      } catch (error) {
        problems.push(error instanceof GateError ? error.message : String(error));
      }
    } else if (rawHousehold) {
      const parts = parseHouseholdLabel(rawHousehold);
      if (!parts) problems.push(`"${rawHousehold}" is not a household: write building-unit-room, e.g. 3-2-501`);
      else household = householdLabel(parts.building, parts.unit, parts.room);
      if (!compoundId) problems.push('a household needs its compound (the "compound" column)');
    } else problems.push('no ID number and no household');
    if (!kindWord) problems.push(`kind "${cell(cells, 'kind')}" is not one of quarantine (居家隔离), red (红码), yellow (黄码), follow-up (随访)`);
    if (household && kindWord && kindWord !== 'quarantine') problems.push('a household can only be listed under home quarantine');
    if (compoundId && !options.compounds.has(compoundId)) problems.push(`compound "${compoundId}" is not enrolled at this registry`);
    const fromText = cell(cells, 'from');
    const untilText = cell(cells, 'until');
    const from = fromText ? moment(fromText, false, options.timeZone) : null;
    const until = untilText ? moment(untilText, true, options.timeZone) : null;
    if (fromText && !from) problems.push(`from "${fromText}" is not a date (YYYY-MM-DD)`);
    if (untilText && !until) problems.push(`until "${untilText}" is not a date (YYYY-MM-DD)`);
    if (from && until && Date.parse(until) <= Date.parse(from)) problems.push('until is before from');
    const note = cell(cells, 'note') || null;
    if (note && note.length > 200) problems.push('the note is longer than 200 characters');
    const key = `${idNumber ?? `${compoundId}/${household}`}`;
    if ((idNumber || household) && kindWord && seen.has(`${key} ${kindWord}`)) problems.push(`the same person or household is already listed as ${kindWord} on line ${seen.get(`${key} ${kindWord}`)}`);
    if (problems.length) {
      errors.push(`line ${line}: ${problems.join('; ')}`);
      continue;
    }
    seen.set(`${key} ${kindWord}`, line);
    rows.push({ line, kind: household ? 'household-quarantine' : kindWord!, idNumber, household, compoundId, from, until, note });
  }
  if (errors.length) return { ok: false, errors };
  if (rows.length === 0) return { ok: false, errors: ['the file has a header but no rows: nothing to publish'] };
  return { ok: true, rows };
}
