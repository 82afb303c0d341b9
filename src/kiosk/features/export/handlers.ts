// The console's exports: the log as CSV or XLSX, watermarked and audited, and (in the kiosk app) the page as a PDF.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ExportFormat, LogFilter } from '../../../common/contract/console.ts';
import { GateError } from '../../../common/contract/errors.ts';
import { actorOf, type Audit } from '../../platform/audit/audit-log.ts';
import type { exportMethods } from '../../../common/contract/methods/export.ts';
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';
import type { LogQueries } from '../log/log-queries.ts';
import { describeFilter, exportFileName, exportLog, type ExportLanguage, type Watermark } from './log-export.ts';

export type ExportMethod = keyof typeof exportMethods;

export interface ExportJob {
  filter: LogFilter;
  format: ExportFormat;
  language: ExportLanguage;
  mark: Watermark;
}
/** Where an export is written: the console worker in the kiosk (console-work), this thread in tests. */
export type RunExport = (job: ExportJob, progress: (done: number, total: number | null) => void) => Promise<{ base64: string; bytes: number; rows: number }>;

export interface ExportDeps {
  queries: LogQueries;
  audit: Audit;
  now: () => Date;
  timeZone: string;
  dataDir: string;
  runExport?: RunExport;
  /** Tells the screen that asked (by its progress id) how far the export is. */
  progress?: (id: string, done: number, total: number | null, finished: boolean) => void;
  /** Electron only: the kiosk window's page as an A4 PDF (webContents.printToPDF). */
  printToPdf?: () => Promise<Buffer>;
}

const MIME = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

export function exportHandlers(deps: ExportDeps): HandlersFor<ExportMethod> {
  const here: RunExport = async (job, progress) => {
    const { buffer, rows } = exportLog(deps.queries, job.filter, job.format, { language: job.language, timeZone: deps.timeZone, mark: job.mark, onProgress: progress });
    return { base64: buffer.toString('base64'), bytes: buffer.length, rows };
  };
  return {
    'export.log': async ({ filter, format, language, progressId }, caller) => {
      const who = actorOf(caller.user);
      const job: ExportJob = { filter, format, language, mark: { by: who.name, role: who.role, at: deps.now() } };
      const tell = (done: number, total: number | null, finished = false) => progressId && deps.progress?.(progressId, done, total, finished);
      const file = await (deps.runExport ?? here)(job, (done, total) => tell(done, total));
      tell(file.rows, file.rows, true);
      const fileName = exportFileName(filter, format);
      deps.audit({ actor: who, action: 'export', subject: fileName, detail: { format, language, rows: file.rows, filter: describeFilter(filter), bytes: file.bytes } });
      return { fileName, mimeType: MIME[format], base64: file.base64, rows: file.rows };
    },
    'report.savePdf': async ({ name }, caller) => {
      if (!deps.printToPdf) throw new GateError('unavailable', "Saving a PDF works in the kiosk app. In a browser, use Print and choose 'Save as PDF'.", { key: 'pdf-in-app-only' });
      const pdf = await deps.printToPdf();
      const dir = path.join(deps.dataDir, 'reports');
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const file = path.join(dir, `${name}.pdf`);
      writeFileSync(file, pdf, { mode: 0o600 });
      deps.audit({ actor: actorOf(caller.user), action: 'report-pdf', subject: file });
      return { path: file };
    },
  };
}
