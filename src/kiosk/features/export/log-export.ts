// CSV and XLSX exports of the log with the console's filters, in the manager's language: each value as a word
// (通行 / 拒绝 / 发热), the codes beside them in columns for machines, times as the compound's local time (real
// spreadsheet dates in the XLSX). Every row carries who exported it and when, so a copied piece still says where it
// came from; the XLSX also has a title line and a page header with the same words. Rows stream from the query to the
// writer: memory stays flat however many rows there are.
import type { ExportFormat, LogFilter } from '../../../common/contract/console.ts';
import { Decision, Direction, Lane, PersonKind, RefusalReason } from '../../../common/contract/entries.ts';
import { CodeSource } from '../../../common/contract/health-code.ts';
import { localDateTime, localDay, offsetOfDay, wallClockText } from '../../../common/local-time.ts';
import { createXlsxWriter, spreadsheetDate, type XlsxColumn } from '../../platform/files/xlsx-stream.ts';
import { reasonList, type RawEntryRow } from '../log/log-queries.ts';
import { maskName } from '../log/log-filter.ts';
import { EXPORT_WORDS, wordFor, type ExportLanguage, type ExportWords } from './export-words.ts';

export type { ExportLanguage } from './export-words.ts';

export type ExportRow = RawEntryRow & { at_ms: number; local_day: string };

/** What an export reads: the matching rows oldest first, and how many there are (for progress). */
export interface ExportSource {
  iterate(filter: LogFilter, columns?: readonly string[]): Iterable<RawEntryRow>;
  count?(filter: LogFilter): number;
}

export interface Watermark {
  by: string;
  role: string | null;
  at: Date;
}

export interface ExportOptions {
  language: ExportLanguage;
  timeZone: string;
  mark: Watermark;
  /** Called every few thousand rows and at the end. */
  onProgress?: (done: number, total: number | null) => void;
}

const PROGRESS_EVERY = 5_000;
const PIECE_BYTES = 64 * 1024;
/** The entries columns an export reads (fewer columns read, fewer objects made per row). */
const READ_COLUMNS = ['id', 'at', 'at_ms', 'local_day', 'direction', 'lane', 'identity_name', 'identity_masked_id', 'code_status', 'code_source', 'code_holder_name', 'body_c', 'mask_worn', 'decision', 'reasons', 'volunteer', 'person_kind', 'household_label', 'plate', 'override_id'];
const HEALTH_STATUSES = ['green', 'yellow', 'red', 'review', 'invalid', 'error'] as const;

type Value = string | number | null;
interface Prepared {
  raw: ExportRow;
  reasons: RefusalReason[];
  /** The local wall clock as milliseconds of a UTC calendar. */
  wallClockMs: number;
}

interface Column {
  title: (w: ExportWords) => string;
  width: number;
  style?: XlsxColumn['style'];
  /** The value depends on the row's CODE_FIELDS alone (or on nothing but the export): made once per combination. */
  coded?: true;
  value: (row: Prepared, w: ExportWords, mark: string, exportedAt: string) => Value;
}


/** The columns, in order: what a person reads, then the codes for machines, then the watermark. */
export const EXPORT_COLUMNS: readonly Column[] = [
  { title: (w) => w.columns.time, width: 20, style: 'date', value: () => null /* filled per format */ },
  { title: (w) => w.columns.direction, width: 6, coded: true, value: (r, w) => wordFor(w.direction, r.raw.direction) },
  { title: (w) => w.columns.lane, width: 10, coded: true, value: (r, w) => wordFor(w.lane, r.raw.lane) },
  { title: (w) => w.columns.name, width: 10, value: (r) => maskName(r.raw.identity_name ?? r.raw.code_holder_name) },
  { title: (w) => w.columns.maskedId, width: 20, value: (r) => r.raw.identity_masked_id },
  { title: (w) => w.columns.person, width: 10, coded: true, value: (r, w) => wordFor(w.person, r.raw.person_kind) },
  { title: (w) => w.columns.household, width: 10, value: (r) => r.raw.household_label ?? null },
  { title: (w) => w.columns.plate, width: 10, value: (r) => r.raw.plate ?? null },
  { title: (w) => w.columns.code, width: 10, coded: true, value: (r, w) => wordFor(w.code, r.raw.code_status) },
  { title: (w) => w.columns.codeSource, width: 12, coded: true, value: (r, w) => wordFor(w.codeSource, r.raw.code_source) },
  { title: (w) => w.columns.bodyC, width: 10, style: 'decimal1', value: (r) => r.raw.body_c },
  { title: (w) => w.columns.mask, width: 6, coded: true, value: (r, w) => (r.raw.mask_worn === null ? null : r.raw.mask_worn ? w.mask.worn : w.mask.missing) },
  { title: (w) => w.columns.decision, width: 8, coded: true, value: (r, w) => wordFor(w.decision, r.raw.decision) },
  { title: (w) => w.columns.reasons, width: 24, coded: true, value: (r, w) => (r.reasons.length ? r.reasons.map((x) => w.reason[x]).join(w.reasonSeparator) : null) },
  { title: (w) => w.columns.volunteer, width: 10, value: (r) => r.raw.volunteer },
  { title: (w) => w.columns.override, width: 8, value: (r, w) => (r.raw.override_id ? w.overridden : null) },
  { title: () => 'entry_id', width: 14, value: (r) => r.raw.id },
  { title: () => 'at_utc', width: 24, value: (r) => r.raw.at },
  { title: () => 'direction_code', width: 8, coded: true, value: (r) => r.raw.direction },
  { title: () => 'lane_code', width: 8, coded: true, value: (r) => r.raw.lane },
  { title: () => 'person_code', width: 8, coded: true, value: (r) => r.raw.person_kind ?? null },
  { title: () => 'code_status', width: 8, coded: true, value: (r) => r.raw.code_status },
  { title: () => 'code_source', width: 12, coded: true, value: (r) => r.raw.code_source },
  { title: () => 'mask_worn', width: 6, coded: true, value: (r) => r.raw.mask_worn },
  { title: () => 'decision_code', width: 8, coded: true, value: (r) => r.raw.decision },
  { title: () => 'reason_codes', width: 20, coded: true, value: (r) => (r.reasons.length ? r.reasons.join(' ') : null) },
  { title: (w) => w.columns.exportedBy, width: 16, coded: true, value: (_r, _w, mark) => mark },
  { title: (w) => w.columns.exportedAt, width: 20, coded: true, value: (_r, _w, _m, at) => at },
];
const TIME = 0;
/** The fields the coded columns read: a day's rows repeat a few hundred combinations of them. */
export const CODE_FIELDS = ['direction', 'lane', 'person_kind', 'code_status', 'code_source', 'mask_worn', 'decision', 'reasons'] as const;
/** Combinations remembered: every one a real log holds; past it the cells are made row by row, still right. */
const MEMO_LIMIT = 4096;

type Slot = { column: number } | { run: number[]; at: number };

/**
 * Makes a row's cells after its time (slot 0). The coded columns come from one lookup of the row's codes (a word,
 * its code, the watermark: 18 of the 28 columns) instead of a word, a check and quoting each; the others are made per
 * row. With `join`, coded columns side by side come as one slot, already joined (a CSV line of 15 pieces, not 28).
 */
function rowMaker<T extends Value>(make: (column: Column, row: Prepared) => T, join?: (cells: T[]) => T): { slots: number; fill: (row: Prepared, out: T[]) => void } {
  const slots: Slot[] = [];
  let runs = 0;
  EXPORT_COLUMNS.forEach((c, i) => {
    if (i === TIME) return;
    const last = slots.at(-1);
    if (!c.coded) slots.push({ column: i });
    else if (join && last && 'run' in last && last.run.at(-1) === i - 1) last.run.push(i);
    else slots.push({ run: [i], at: runs++ });
  });
  const memo = new Map<string, T[]>();
  const runCells = (row: Prepared): T[] =>
    slots.flatMap((slot) => {
      if (!('run' in slot)) return [];
      const cells = slot.run.map((i) => make(EXPORT_COLUMNS[i]!, row));
      return [join && cells.length > 1 ? join(cells) : cells[0]!];
    });
  const fill = (row: Prepared, out: T[]) => {
    const r = row.raw;
    // The codes before the reasons are the contract's identifiers (no '|') and the reasons' text comes last: one key per combination.
    const key = `${r.direction}|${r.lane}|${r.person_kind}|${r.code_status}|${r.code_source}|${r.mask_worn}|${r.decision}|${r.reasons}`;
    let cells = memo.get(key);
    if (cells === undefined) {
      cells = runCells(row);
      if (memo.size < MEMO_LIMIT) memo.set(key, cells);
    }
    for (let k = 0; k < slots.length; k++) {
      const slot = slots[k]!;
      out[k + 1] = 'run' in slot ? cells[slot.at]! : make(EXPORT_COLUMNS[slot.column]!, row);
    }
  };
  return { slots: slots.length + 1, fill };
}

/** Every word and code that repeats down the rows, stored once in the XLSX. */
function vocabulary(w: ExportWords, mark: string, exportedAt: string): string[] {
  const codes = [...Direction.options, ...Lane.options, ...PersonKind.options, ...HEALTH_STATUSES, ...CodeSource.options, ...Decision.options, ...RefusalReason.options];
  const words = [w.direction, w.lane, w.person, w.code, w.codeSource, w.decision, w.reason, w.mask].flatMap((table) => Object.values(table));
  return [...new Set([...words, w.overridden, ...codes, mark, exportedAt])];
}

const FORMULA_START = /^[\t\r\n]*[=+\-@]|^[\t\r]/;
/** The first characters FORMULA_START can match: any other cell (an id, a time, a household's 3-2-501) skips it. */
const FORMULA_FIRST = '=+-@\t\r\n';
const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  // A leading = + - @ runs as a formula in a spreadsheet, and so does one behind a TAB or CR (spreadsheets drop
  // those when they read a cell); a quote-apostrophe keeps it text (OWASP's CSV-injection rule).
  const safe = value !== '' && FORMULA_FIRST.includes(value.charAt(0)) && FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function describeFilter(filter: LogFilter): string {
  const range = filter.to && filter.to !== filter.from ? `${filter.from}..${filter.to}` : filter.from;
  const rest = Object.entries(filter).filter(([k, v]) => k !== 'from' && k !== 'to' && v !== undefined).map(([k, v]) => `${k}=${String(v)}`);
  return [range, ...rest].join(' ');
}

export function exportFileName(filter: LogFilter, format: ExportFormat): string {
  const range = filter.to && filter.to !== filter.from ? `${filter.from}_${filter.to}` : filter.from;
  return `gate-log-${range}.${format}`;
}

/**
 * Writes the export to `out` piece by piece and answers the number of rows. CSV pieces are UTF-8 text with a BOM (so
 * Excel reads the Chinese as UTF-8); XLSX pieces are the ZIP's bytes.
 */
export function writeExport(source: ExportSource, filter: LogFilter, format: ExportFormat, options: ExportOptions, out: (chunk: Buffer) => void): number {
  const w = EXPORT_WORDS[options.language];
  const { mark: m, timeZone } = options;
  const mark = `${m.by}${m.role ? ` (${m.role})` : ''}`;
  const offsets = new Map<string, number>();
  const exportedAt = localDateTime(m.at.getTime(), localDay(m.at, timeZone), timeZone, offsets);
  const total = source.count ? source.count(filter) : null;
  options.onProgress?.(0, total);
  const header = EXPORT_COLUMNS.map((c) => c.title(w));
  let count = 0;
  const prepare = (raw: RawEntryRow): Prepared => {
    const row = raw as ExportRow;
    return { raw: row, reasons: reasonList(row.reasons), wallClockMs: row.at_ms + offsetOfDay(row.local_day, timeZone, offsets) };
  };
  const tick = () => {
    count++;
    if (count % PROGRESS_EVERY === 0) options.onProgress?.(count, total);
  };

  if (format === 'csv') {
    // Each line is encoded into one piece as it is made: a piece built as one long string was flattened and encoded
    // at the end, a sixth of the export.
    let piece = Buffer.allocUnsafe(PIECE_BYTES);
    let used = piece.write(`\uFEFF${header.map(csvField).join(',')}\r\n`);
    const { slots, fill } = rowMaker((c, r) => csvField(c.value(r, w, mark, exportedAt)), (cells) => cells.join(','));
    const fields: string[] = new Array(slots);
    for (const raw of source.iterate(filter, READ_COLUMNS)) {
      const r = prepare(raw);
      fields[TIME] = wallClockText(r.wallClockMs);
      fill(r, fields);
      const line = `${fields.join(',')}\r\n`;
      // At most 3 bytes of UTF-8 per UTF-16 unit.
      if (used + line.length * 3 > PIECE_BYTES) {
        out(piece.subarray(0, used));
        piece = Buffer.allocUnsafe(Math.max(PIECE_BYTES, line.length * 3));
        used = 0;
      }
      used += piece.write(line, used);
      tick();
    }
    out(piece.subarray(0, used));
    options.onProgress?.(count, total);
    return count;
  }

  const title = w.title(mark, exportedAt, describeFilter(filter));
  const book = createXlsxWriter(out, {
    sheetName: 'log',
    columns: EXPORT_COLUMNS.map((c) => ({ width: c.width, ...(c.style ? { style: c.style } : {}) })),
    frozenRows: 2,
    header: `&L${title.replace(/&/g, '&&')}`,
    footer: `&R${w.page}`,
    creator: m.by,
    at: m.at,
    sharedStrings: vocabulary(w, mark, exportedAt),
  });
  book.row([title]);
  book.row(header, 'bold');
  const values: Value[] = new Array(EXPORT_COLUMNS.length);
  const { fill } = rowMaker((c, r) => c.value(r, w, mark, exportedAt));
  for (const raw of source.iterate(filter, READ_COLUMNS)) {
    const r = prepare(raw);
    values[TIME] = spreadsheetDate(r.wallClockMs);
    fill(r, values);
    book.row(values);
    tick();
  }
  book.finish();
  options.onProgress?.(count, total);
  return count;
}

/** The whole export in memory (the console hands it over as one file). */
export function exportLog(source: ExportSource, filter: LogFilter, format: ExportFormat, options: ExportOptions): { buffer: Buffer; rows: number } {
  const chunks: Buffer[] = [];
  const rows = writeExport(source, filter, format, options, (chunk) => chunks.push(chunk));
  return { buffer: Buffer.concat(chunks), rows };
}
