import { z } from 'zod';
import { defineMethods } from './define.ts';
import { ProgressId } from '../console.ts';

export const retentionMethods = defineMethods({
  /** How many old entries are due for purging and how many wait for upload first. */
  'retention.status': {
    access: 'manager',
    input: z.object({}).strict(),
    output: z.object({ retentionDays: z.number(), cutoffDay: z.string(), due: z.number(), keptNotUploaded: z.number(), oldestDay: z.string().nullable() }),
  },
  /** Purge now what the schedule would purge (entries past retention that the registry holds). Audited. */
  'retention.purge': {
    access: 'manager',
    /** progressId: chosen by the screen; `console.progress` events with it say how far the purge is. */
    input: z.object({ progressId: ProgressId.optional() }).strict(),
    output: z.object({ cutoffDay: z.string(), purged: z.number(), keptNotUploaded: z.number() }),
  },
});
