// An uploaded table (CSV or the first sheet of an XLSX) as a header and rows of trimmed text cells, with the line a
// person sees in the file; the registry's own copy of the kiosk's reader (the registry imports no kiosk code).
import ExcelJS from 'exceljs';
import { parseCsv } from '../common/csv.ts';

export interface Table {
  header: string[];
  rows: Array<{ line: number; cells: string[] }>;
}

export class TableError extends Error {}

/** Marks a cell a spreadsheet stored as a number too long to keep exactly (an 18-digit ID typed into a number cell). */
export const INEXACT_NUMBER = '\u0000inexact:';

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  // A date cell is a day: spreadsheets store it as UTC midnight.
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    return '';
  }
  if (typeof value === 'number' && Math.abs(value) > Number.MAX_SAFE_INTEGER) return `${INEXACT_NUMBER}${value}`;
  return String(value);
}

function toTable(raw: string[][]): Table {
  const lines = raw.map((cells, i) => ({ line: i + 1, cells: cells.map((c) => c.trim()) })).filter((r) => r.cells.some((c) => c !== ''));
  const [header, ...rows] = lines;
  if (!header) throw new TableError('The file is empty. Put the column names in the first row and one person or household per row below.');
  return { header: header.cells, rows };
}

/** The format from the file name or, without one, from the bytes (an XLSX is a zip: it starts with "PK"). */
export function tableFormat(name: string, bytes: Buffer): 'csv' | 'xlsx' {
  if (/\.xlsx$/i.test(name)) return 'xlsx';
  if (/\.csv$/i.test(name)) return 'csv';
  return bytes.subarray(0, 2).toString('latin1') === 'PK' ? 'xlsx' : 'csv';
}

export async function readTable(format: 'csv' | 'xlsx', bytes: Buffer): Promise<Table> {
  if (format === 'csv') return toTable(parseCsv(bytes.toString('utf8')));
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as never);
  } catch {
    throw new TableError('This is not an Excel (.xlsx) file. Save it as .xlsx or CSV (UTF-8) and try again.');
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new TableError('The Excel file has no sheet.');
  const raw: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    raw[number - 1] = cells;
  });
  return toTable(Array.from(raw, (r) => r ?? []));
}
