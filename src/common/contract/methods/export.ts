import { z } from 'zod';
import { ExportFormat, LogFilter } from '../console.ts';

export const exportMethods = {
  /** The log of a day or range with the filters applied, as CSV or XLSX, watermarked with who and when. Audited. */
  'export.log': {
    access: 'manager',
    input: z.object({ filter: LogFilter, format: ExportFormat }),
    output: z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string(), rows: z.number() }),
  },
} as const;
