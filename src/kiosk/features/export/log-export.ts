// CSV and XLSX exports of the log with the console's filters. Every CSV row carries who exported it and when, so a
// copied piece still says where it came from; the XLSX also has a title line and a page header with the same words.
import { PassThrough } from 'node:stream';
import type { ExportFormat, LogFilter } from '../../../common/contract/console.ts';
import type { RawEntryRow, LogQueries } from '../log/log-queries.ts';
import { toLogRow } from '../log/log-queries.ts';
import { localDateTime } from '../../../common/local-time.ts';

type ExportRow = RawEntryRow & { at_ms: number; local_day: string };

export interface Watermark {
  by: string;
  role: string | null;
  at: Date;
}

export const EXPORT_COLUMNS = [
  ['time', '时间 Time'],
  ['direction', '方向 Direction'],
  ['lane', '通道 Lane'],
  ['name', '姓名 Name'],
  ['masked_id', '证件 ID (masked)'],
  ['person', '类别 Person'],
  ['household', '户 Household'],
  ['plate', '车牌 Plate'],
  ['code', '健康码 Code'],
  ['code_source', '码来源 Code source'],
  ['body_c', '体温 °C'],
  ['mask', '口罩 Mask'],
  ['decision', '结果 Decision'],
  ['reasons', '原因 Reasons'],
  ['volunteer', '值班 Volunteer'],
  ['override', '放行授权 Override'],
  ['exported_by', '导出人 Exported by'],
  ['exported_at', '导出时间 Exported at'],
] as const;

function values(raw: ExportRow, mark: Watermark, timeZone: string, offsets: Map<string, number>): Array<string | number | null> {
  const row = toLogRow(raw);
  return [
    localDateTime(raw.at_ms, raw.local_day, timeZone, offsets),
    row.direction,
    row.lane,
    row.name,
    row.maskedId,
    row.personKind,
    row.household,
    row.plate,
    row.codeStatus,
    row.codeSource,
    row.bodyC,
    row.maskWorn === null ? null : row.maskWorn ? 'yes' : 'no',
    row.decision,
    row.reasons.join(' '),
    row.volunteer,
    row.overridden ? 'yes' : null,
    `${mark.by}${mark.role ? ` (${mark.role})` : ''}`,
    mark.at.toISOString(),
  ];
}

const FORMULA_START = /^[\t\r\n]*[=+\-@]|^[\t\r]/;

export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  // A leading = + - @ runs as a formula in a spreadsheet, and so does one behind a TAB or CR (spreadsheets drop
  // those when they read a cell); a quote-apostrophe keeps it text (OWASP's CSV-injection rule).
  const safe = typeof value === 'string' && FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
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

export async function exportLog(queries: LogQueries, filter: LogFilter, format: ExportFormat, mark: Watermark, timeZone: string): Promise<{ buffer: Buffer; rows: number }> {
  const offsets = new Map<string, number>();
  const rows = queries.iterate(filter) as Generator<ExportRow>;
  if (format === 'csv') {
    const lines = [EXPORT_COLUMNS.map(([, title]) => csvField(title)).join(',')];
    let count = 0;
    for (const raw of rows) {
      lines.push(values(raw, mark, timeZone, offsets).map(csvField).join(','));
      count++;
    }
    // The BOM makes Excel read the Chinese text as UTF-8.
    return { buffer: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'), rows: count };
  }
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => (sink.on('end', resolve), sink.on('error', reject)));
  // Loaded at the first XLSX export, not at start: exceljs is a quarter of the kiosk's start time and much of its memory.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  book.creator = mark.by;
  book.created = mark.at;
  const title = `导出 Exported by ${mark.by}${mark.role ? ` (${mark.role})` : ''} at ${mark.at.toISOString()} · ${describeFilter(filter)}`;
  const sheet = book.addWorksheet('log', {
    headerFooter: { oddHeader: `&L${title.replace(/&/g, '&&')}`, oddFooter: '&RPage &P / &N' },
    views: [{ state: 'frozen', ySplit: 2 }],
  });
  sheet.columns = EXPORT_COLUMNS.map(([key]) => ({ key, width: key === 'time' || key === 'exported_at' ? 20 : 12 }));
  sheet.addRow([title]).commit();
  const header = sheet.addRow(EXPORT_COLUMNS.map(([, t]) => t));
  header.font = { bold: true };
  header.commit();
  let count = 0;
  for (const raw of rows) {
    sheet.addRow(values(raw, mark, timeZone, offsets)).commit();
    count++;
  }
  sheet.commit();
  await book.commit();
  await finished;
  return { buffer: Buffer.concat(chunks), rows: count };
}
