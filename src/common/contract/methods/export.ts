import { z } from 'zod';
import { defineMethods } from './define.ts';
import { ExportFormat, LogFilter, ProgressId } from '../console.ts';

export const exportMethods = defineMethods({
  /** Save the page on screen as an A4 PDF in the data folder; only in the Electron kiosk (the browser prints instead). */
  'report.savePdf': {
    access: 'manager',
    input: z.object({ name: z.string().regex(/^[\w.-]{1,80}$/, 'letters, digits, dot, dash or underscore') }),
    output: z.object({ path: z.string() }),
  },
  /** The log of a day or range with the filters applied, as CSV or XLSX, watermarked with who and when. Audited. */
  'export.log': {
    access: 'manager',
    input: z.object({
      filter: LogFilter,
      format: ExportFormat,
      /** The words of the values and headers (通行 / Passed); codes for machines stand beside them in either. */
      language: z.enum(['zh', 'en']).default('zh'),
      /** Chosen by the screen: `console.progress` events with this id say how far the export is. */
      progressId: ProgressId.optional(),
    }),
    output: z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string(), rows: z.number() }),
  },
});
