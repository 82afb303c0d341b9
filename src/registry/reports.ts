// The daily report per compound and for the district: generated once at a set hour (kept as it was then, so the
// district reports the same figures however late it reads them), downloadable as CSV and XLSX and printable on A4.
import ExcelJS from 'exceljs';
import { alertCounts } from './alert-counts.ts';
import { hourlyFigures, type HourFigures } from './live.ts';
import { localDayIn, localHourIn } from './registry-time.ts';
import { isoSql } from './schema.ts';
import type { Database } from './sql.ts';
import { dailyStats, type DailyStats } from './stats.ts';

export interface DailyReportDoc extends DailyStats {
  generatedAt: string;
  /** True while the day's report has not been generated yet: these are the figures so far. */
  preliminary: boolean;
  hours: HourFigures[];
  alerts: Record<string, number>;
}

export async function buildReport(db: Database, day: string, nowMs: number, timeZone: string, preliminary: boolean): Promise<DailyReportDoc> {
  return { ...(await dailyStats(db, day)), generatedAt: new Date(nowMs).toISOString(), preliminary, hours: await hourlyFigures(db, day), alerts: await alertCounts(db, day, timeZone) };
}

/** The stored report of a day, else the figures so far marked preliminary. */
export async function reportFor(db: Database, day: string, nowMs: number, timeZone: string): Promise<DailyReportDoc> {
  const [row] = await db.query<{ content: DailyReportDoc }>('SELECT content FROM district_reports WHERE day = $1', [day]);
  return row ? row.content : buildReport(db, day, nowMs, timeZone, true);
}

/** Generates today's report once the set hour has come; true when it made one. */
export async function generateDueReport(db: Database, nowMs: number, timeZone: string, reportHour: number): Promise<boolean> {
  if (localHourIn(nowMs, timeZone) < reportHour) return false;
  const day = localDayIn(nowMs, timeZone);
  const [have] = await db.query('SELECT 1 FROM district_reports WHERE day = $1', [day]);
  if (have) return false;
  const doc = await buildReport(db, day, nowMs, timeZone, false);
  const rows = await db.query(`INSERT INTO district_reports (day, generated_at, content) VALUES ($1, $2, $3::jsonb) ON CONFLICT (day) DO NOTHING RETURNING day`, [
    day,
    doc.generatedAt,
    JSON.stringify(doc),
  ]);
  return rows.length > 0;
}

export async function reportDays(db: Database, limit = 31): Promise<Array<{ day: string; generatedAt: string }>> {
  return db.query(`SELECT to_char(day, 'YYYY-MM-DD') AS day, ${isoSql('generated_at')} AS "generatedAt" FROM district_reports ORDER BY day DESC LIMIT $1`, [limit]);
}

const REASONS_HEADER = 'refusals by reason';
const reasonText = (r: Record<string, number>) =>
  Object.entries(r)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k}: ${n}`)
    .join('; ');

/** The rows of the report as a table: the district lines first, then one line per compound. */
export function reportRows(doc: DailyReportDoc, compoundId?: string): string[][] {
  const header = ['level', 'district', 'compound id', 'compound', 'entries', 'refusals', 'fevers', REASONS_HEADER, 'kiosk reports', 'last entry'];
  const rows: string[][] = [header];
  if (!compoundId) {
    for (const d of doc.districts) rows.push(['district', d.district, '', '', String(d.entries), String(d.refusals), String(d.fevers), reasonText(d.refusalsByReason), `${d.compounds - d.notReported} of ${d.compounds} reported`, '']);
  }
  for (const c of doc.compounds.filter((c) => !compoundId || c.compoundId === compoundId)) {
    rows.push(['compound', c.district, c.compoundId, c.name, String(c.entries), String(c.refusals), String(c.fevers), reasonText(c.refusalsByReason), c.reported ? `${c.reported.entries} entries from ${c.reported.kiosks} kiosk(s)` : 'no report', c.lastEntryAt ?? '']);
  }
  return rows;
}

/** A cell a spreadsheet would run as a formula (= + - @, also after a tab or carriage return) is made text. */
export function neutralise(cell: string): string {
  return /^[\t\r]*[=+\-@]/.test(cell) || /^[\t\r]/.test(cell) ? `'${cell}` : cell;
}

export function reportCsv(doc: DailyReportDoc, compoundId?: string): string {
  const quote = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c);
  return `\uFEFF${reportRows(doc, compoundId)
    .map((r) => r.map((c) => quote(neutralise(c))).join(','))
    .join('\r\n')}\r\n`;
}

export async function reportXlsx(doc: DailyReportDoc, compoundId?: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(`Report ${doc.date}`);
  for (const row of reportRows(doc, compoundId)) sheet.addRow(row.map((c, i) => (i >= 4 && i <= 6 && /^\d+$/.test(c) ? Number(c) : neutralise(c))));
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((column) => (column.width = 16));
  const hours = book.addWorksheet('Per hour');
  hours.addRow(['hour', 'entries', 'refusals', 'fevers', 'watch-list matches']);
  for (const h of doc.hours) hours.addRow([h.hour, h.entries, h.refusals, h.fevers, h.watchHits]);
  hours.getRow(1).font = { bold: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}
