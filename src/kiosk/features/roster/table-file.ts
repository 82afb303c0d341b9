// Reads an uploaded table (CSV or the first sheet of an XLSX) into a header and rows of trimmed text cells.
import type ExcelJS from 'exceljs';
import { GateError } from '../../../common/contract/errors.ts';
import { parseCsv } from '../../../common/csv.ts';

export { parseCsv } from '../../../common/csv.ts';

export interface Table {
  header: string[];
  /** Data rows; `line` is the row number a person sees in the file (header is 1). */
  rows: Array<{ line: number; cells: string[] }>;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(11, 16);
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    return '';
  }
  return String(value);
}

function toTable(raw: string[][]): Table {
  const lines = raw.map((cells, i) => ({ line: i + 1, cells: cells.map((c) => c.trim()) })).filter((r) => r.cells.some((c) => c !== ''));
  const [header, ...rows] = lines;
  if (!header) throw new GateError('bad-input', 'The file is empty. Put the column names in the first row and one entry per row below.', { key: 'import-empty' });
  return { header: header.cells, rows };
}

export async function readTable(format: 'csv' | 'xlsx', bytes: Buffer): Promise<Table> {
  if (format === 'csv') return toTable(parseCsv(bytes.toString('utf8')));
  // Loaded at the first XLSX import, not at start: exceljs is a quarter of the kiosk's start time and much of its memory.
  const { default: Excel } = await import('exceljs');
  const book = new Excel.Workbook();
  try {
    await book.xlsx.load(bytes as never);
  } catch {
    throw new GateError('bad-input', 'This is not an Excel (.xlsx) file. Save it as .xlsx or CSV (UTF-8) and try again.', { key: 'import-not-xlsx' });
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new GateError('bad-input', 'The Excel file has no sheet.', { key: 'import-no-sheet' });
  const raw: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    raw[number - 1] = cells;
  });
  return toTable(Array.from(raw, (r) => r ?? []));
}
