// The kiosk's own count of a day, from its entry log, for the district's "who has reported" view.
import type Database from 'better-sqlite3';
import { localDay } from '../../../common/local-time.ts';
import type { DailyReport } from '../../../common/wire/schemas.ts';

/** Null when the kiosk recorded nothing that day (an empty report would claim a quiet gate that may have been shut). */
export function buildDailyReport(db: Database.Database, atMs: number, timeZone: string): DailyReport | null {
  const day = localDay(new Date(atMs), timeZone);
  const rows = db.prepare<[string], { decision: string; reasons: string }>('SELECT decision, reasons FROM entries WHERE local_day = ?').all(day);
  if (rows.length === 0) return null;
  const report: DailyReport = { day, entries: rows.length, refusals: 0, refusalsByReason: {}, fevers: 0 };
  for (const row of rows) {
    const reasons = JSON.parse(row.reasons) as string[];
    if (reasons.includes('fever')) report.fevers += 1;
    if (row.decision !== 'refuse') continue;
    report.refusals += 1;
    for (const r of reasons) report.refusalsByReason[r] = (report.refusalsByReason[r] ?? 0) + 1;
  }
  return report;
}
