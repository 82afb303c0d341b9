// The console's exports: the log as CSV or XLSX, watermarked and audited, and (in the kiosk app) the page as a PDF.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GateError } from '../../../common/contract/errors.ts';
import { actorOf, type Audit } from '../../platform/audit/audit-log.ts';
import type { exportMethods } from '../../../common/contract/methods/export.ts';
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';
import type { LogQueries } from '../log/log-queries.ts';
import { describeFilter, exportFileName, exportLog } from './log-export.ts';

export type ExportMethod = keyof typeof exportMethods;

export interface ExportDeps {
  queries: LogQueries;
  audit: Audit;
  now: () => Date;
  timeZone: string;
  dataDir: string;
  /** Electron only: the kiosk window's page as an A4 PDF (webContents.printToPDF). */
  printToPdf?: () => Promise<Buffer>;
}

const MIME = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

export function exportHandlers(deps: ExportDeps): HandlersFor<ExportMethod> {
  return {
    'export.log': async ({ filter, format }, caller) => {
      const at = deps.now();
      const who = actorOf(caller.user);
      const { buffer, rows } = await exportLog(deps.queries, filter, format, { by: who.name, role: who.role, at }, deps.timeZone);
      const fileName = exportFileName(filter, format);
      deps.audit({ actor: who, action: 'export', subject: fileName, detail: { format, rows, filter: describeFilter(filter), bytes: buffer.length } });
      return { fileName, mimeType: MIME[format], base64: buffer.toString('base64'), rows };
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
