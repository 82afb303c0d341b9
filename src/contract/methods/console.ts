import { z } from 'zod';

export const consoleMethods = {
  /** How many old entries are due for purging and how many wait for upload first. */
  'retention.status': {
    access: 'manager',
    input: z.object({}).strict(),
    output: z.object({ retentionDays: z.number(), cutoffDay: z.string(), due: z.number(), keptNotUploaded: z.number(), oldestDay: z.string().nullable() }),
  },
  /** Purge now what the schedule would purge (entries past retention that the registry holds). Audited. */
  'retention.purge': {
    access: 'manager',
    input: z.object({}).strict(),
    output: z.object({ cutoffDay: z.string(), purged: z.number(), keptNotUploaded: z.number() }),
  },
  /** Save the page on screen as an A4 PDF in the data folder; only in the Electron kiosk (the browser prints instead). */
  'report.savePdf': {
    access: 'manager',
    input: z.object({ name: z.string().regex(/^[\w.-]{1,80}$/, 'letters, digits, dot, dash or underscore') }),
    output: z.object({ path: z.string() }),
  },
} as const;
